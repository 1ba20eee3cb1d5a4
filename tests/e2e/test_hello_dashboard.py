"""The hello app's dashboard in Voilà: metrics, a line and a bar chart, and the data grid."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_app, save_screenshot

pytestmark = pytest.mark.e2e


def test_dashboard_draws_metrics_charts_and_grid(hello_server: Any, page: Any) -> None:
    open_app(page, hello_server)
    page.locator(".jupyst-metric").nth(2).wait_for(timeout=60_000)
    assert page.locator(".jupyst-metric").count() == 3
    assert "North" in page.locator(".jupyst-metric").first.inner_text()
    line = page.locator(".jupyst-line_chart")
    line.scroll_into_view_if_needed()
    line.locator("svg").first.wait_for(timeout=30_000)
    # one line per selected region, drawn by bqplot
    page.wait_for_function("() => document.querySelectorAll('.jupyst-line_chart path.line').length >= 3", timeout=30_000)
    bars = page.locator(".jupyst-bar_chart")
    bars.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelectorAll('.jupyst-bar_chart rect.bar').length > 0", timeout=30_000)
    assert page.locator(".jupyst-dataframe").count() >= 1
    save_screenshot(page, "hello_dashboard")
