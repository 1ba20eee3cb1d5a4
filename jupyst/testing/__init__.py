"""Headless app tests with the API of ``streamlit.testing.v1.AppTest``."""

from __future__ import annotations

from jupyst.testing.app_test import AppTest

__all__ = ["AppTest"]
