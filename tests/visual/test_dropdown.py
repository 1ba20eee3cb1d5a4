"""The multiselect's dropdown, open, under `jupyst run` beside `streamlit run`.

In light and dark themes, after a click into the box: the label and the chosen options
(chips) are on screen on both sides, the dropdown lists the same rows ("Select all", then
the remaining options) in the same order, and each text is readable against what it is
drawn on (WCAG AA). Screenshots of both open dropdowns go to ``artifacts/visual/``.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import pytest

from tests.visual.conftest import screenshot
from tests.visual.measure import measure

pytestmark = pytest.mark.visual

LABEL = "Genres you read"
CHOSEN = ["Poetry", "Travel"]
REMAINING = ["Mystery", "History", "Science fiction"]
#: the open dropdown's option rows on each side
OPTIONS = {"jupyst": '.jupyst-ms-menu [role="option"]', "streamlit": '[data-testid="stMultiSelectDropdown"] [role="option"]'}
#: the box to click on each side
BOX = {"jupyst": ".jupyst-ms-control", "streamlit": '[data-testid="stMultiSelect"] input'}
AA_CONTRAST = 4.5


def open_dropdown(page: Any, side: str) -> list[str]:
    page.locator(BOX[side]).first.click()
    rows = page.locator(OPTIONS[side])
    rows.first.wait_for(timeout=15_000)
    time.sleep(0.5)  # the dropdown's opening animation (Streamlit) ends
    return [text.strip() for text in rows.all_inner_texts()]



@pytest.mark.parametrize("theme", ["light", "dark"])
def test_open_dropdown_reads_as_streamlits(theme: str, open_page: Callable[..., Any]) -> None:
    seen = {}
    for side in ("streamlit", "jupyst"):
        page = open_page("gallery", theme, side, (LABEL,) if side == "streamlit" else ())
        listed = open_dropdown(page, side)
        found = measure(page, side, [LABEL, *CHOSEN, *REMAINING])
        screenshot(page, f"gallery-dropdown-{theme}-{side}")
        seen[side] = (listed, found)
    oracle_list, oracle = seen["streamlit"]
    ours_list, ours = seen["jupyst"]
    assert [t for t in oracle_list if t in REMAINING] == REMAINING
    assert ours_list == oracle_list  # "Select all" first, then the remaining options
    assert [t for t in [LABEL, *CHOSEN, *REMAINING] if not oracle[t]["visible"]] == []
    assert [t for t in [LABEL, *CHOSEN, *REMAINING] if not ours[t]["visible"]] == []
    assert {t: round(ours[t]["contrast"], 2) for t in [LABEL, *CHOSEN, *REMAINING] if ours[t]["contrast"] < AA_CONTRAST} == {}
