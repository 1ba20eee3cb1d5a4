"""Headless app tests with the API of ``streamlit.testing.v1.AppTest``."""

from __future__ import annotations

from jupyst.testing.app_test import AppTest
from jupyst.testing.element_tree import AppTestError

__all__ = ["AppTest", "AppTestError"]
