"""Streamlit as the test oracle, made affordable to run hundreds of times in one process.

Streamlit's AppTest scans every installed distribution's metadata for v2 component manifests
at each ``run()``: 0.6 s a run here, most of a compat case's time. The installed packages do
not change during a test session, so each test process scans once.
"""

from __future__ import annotations

import functools


def memoize_manifest_scan() -> None:
    """Make Streamlit's manifest scan answer from the first scan of this process."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # no Streamlit, or not the real one
        return
    scan = manifest_scanner.scan_component_manifests
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=None)(scan)  # type: ignore[assignment]
