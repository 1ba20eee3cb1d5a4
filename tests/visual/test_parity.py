"""The same apps under `jupyst run` and `streamlit run`, compared as a person would see them.

For every label of each app, in light and dark themes: the text is on screen on both
sides, in the same order, its element about as wide relative to the main column (within
10 % of the column), and its colour readable against its background (WCAG AA, 4.5:1).
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from tests.visual.measure import measure, reading_order

pytestmark = pytest.mark.visual

#: app → the texts a visitor reads on it
LABELS = {
    "inputs": [
        "Join the reading club", "Your name", "Your age", "Pages a week", "Favourite genre",
        "Send me the newsletter", "Meeting format", "In person", "Online", "Anything else?",
        "Start date", "Reading list (CSV)", "Sign up",
    ],
    "dashboard": [
        "Harbour traffic", "Ships per year", "Latest year", "North harbour", "East harbour",
        "West harbour", "The numbers", "Figures are yearly totals.", "All harbours reported.", "About the data",
    ],
}
#: texts whose element width is compared (charts, grids and inputs stretch; buttons do not)
WIDTH_TOLERANCE = 0.10
AA_CONTRAST = 4.5


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("app", sorted(LABELS))
def test_page_reads_as_streamlits(app: str, theme: str, open_page: Callable[[str, str, str], Any]) -> None:
    texts = LABELS[app]
    oracle = measure(open_page(app, theme, "streamlit", tuple(texts)), "streamlit", texts)
    ours = measure(open_page(app, theme, "jupyst", ()), "jupyst", texts)
    assert [t for t in texts if not oracle[t]["visible"]] == [], "the oracle page should show every label"
    assert [t for t in texts if not ours[t]["visible"]] == []
    assert reading_order(ours) == reading_order(oracle)
    widths = {t: (round(ours[t]["width"], 2), round(oracle[t]["width"], 2)) for t in texts if ours[t]["width"] is not None and oracle[t]["width"] is not None}
    assert {t: w for t, w in widths.items() if abs(w[0] - w[1]) > WIDTH_TOLERANCE} == {}
    assert {t: round(ours[t]["contrast"], 2) for t in texts if ours[t]["contrast"] < AA_CONTRAST} == {}
