"""Behaviour that needs a change outside the elements (runtime, reconciler, DeltaGenerator).

Each test fails today and is marked xfail(strict=True): when the change lands, the test
passes, the strict mark turns that into a failure, and the mark is removed.
"""

from __future__ import annotations

import pytest

from tests.unit.elements.test_text_layout_status import _leaked_after


def test_closing_a_trivial_app_leaves_no_widget_open():
    assert not _leaked_after("import jupyst as st\nst.text('x')")


def test_unknown_sidebar_method_names_st_sidebar():
    import jupyst as st
    from jupyst.errors import StreamlitAPIException

    with pytest.raises(StreamlitAPIException, match=r"Method `echo\(\)` does not exist for `st.sidebar`"):
        st.sidebar.echo  # noqa: B018
