"""The one URL check shared by links, pages, page config and media."""

from __future__ import annotations

import pytest

from jupyst.elements.lib.urls import is_url, safe_href


@pytest.mark.parametrize(
    ("text", "schemes", "expected"),
    [
        ("https://streamlit.io/gallery", ("http", "https"), True),
        ("HTTP://example.com", ("http", "https"), True),
        ("https://", ("http", "https"), False),  # no host
        ("pages/other.py", ("http", "https"), False),
        ("mailto:team@example.com", ("http", "https"), False),
        ("mailto:team@example.com", ("http", "https", "mailto"), True),
        ("data:image/png;base64,AAAA", ("http", "https", "data"), True),
        ("javascript:alert(1)", ("http", "https", "mailto"), False),
        (42, ("http", "https"), False),
    ],
)
def test_is_url(text: object, schemes: tuple[str, ...], expected: bool) -> None:
    assert is_url(text, schemes) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("/relative/path", "/relative/path"),
        ("report.csv", "report.csv"),
        (" javascript:alert(1)", "#"),
        ("JavaScript:alert(1)", "#"),
        ("vbscript:msgbox", "#"),
        ("data:text/csv;base64,YQ==", "data:text/csv;base64,YQ=="),
    ],
)
def test_safe_href_keeps_links_and_drops_script_schemes(url: str, expected: str) -> None:
    assert safe_href(url) == expected
