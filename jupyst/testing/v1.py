"""``streamlit.testing.v1`` inside an app: the same ``AppTest`` as ``jupyst.testing``."""

from __future__ import annotations

from jupyst.testing.app_test import AppTest as AppTest

__all__ = ["AppTest"]
