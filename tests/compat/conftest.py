"""Fixtures of the compatibility suite: the two AppTest classes under comparison."""

from __future__ import annotations

from typing import Any

import pytest

from tests.streamlit_oracle import memoize_manifest_scan


@pytest.fixture(scope="session")
def streamlit_app_test() -> Any:
    """``streamlit.testing.v1.AppTest``, the reference; the suite skips without Streamlit."""
    testing = pytest.importorskip("streamlit.testing.v1")
    memoize_manifest_scan()
    return testing.AppTest


@pytest.fixture(scope="session")
def jupyst_app_test() -> Any:
    from jupyst.testing import AppTest

    return AppTest
