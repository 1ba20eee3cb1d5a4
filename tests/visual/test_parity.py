"""The gallery app (every element family) under `jupyst run` and `streamlit run`, compared.

Each (theme, side) page is loaded once (``gallery_page``) and every check reads it. In light
and dark themes: every label is on screen on both sides; the main column and the sidebar read
in the same order; elements, and the charts and grids under their captions, are as wide
relative to the main column (within 10 % of it); text drawn with a ``text_alignment`` sits
where Streamlit's does across the column (within 10 %); text is readable against its background
(WCAG AA, 4.5:1); Material icons are drawn by the Material Symbols font (a glyph about 1 em
wide, never the icon's name in letters). Then, on the same pages, the multiselect's dropdown
opened by a click lists the same rows as Streamlit's, readable, with its label and chips.

Known differences from Streamlit, not asserted (what is asserted above still holds for them):
- the dataframe is a grid of DOM cells in jupyst and a canvas in Streamlit, so its cell text
  is compared only through the table (st.table) and the grid by its width;
- code, LaTeX and JSON are compared by presence of the section around them only: syntax
  highlighting and KaTeX split their text differently on each side;
- chart axes and legends are canvas (Streamlit) or SVG (jupyst) and are not read as text;
- st.exception's message is split differently (Streamlit prefixes the type in its own node).
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.visual.conftest import screenshot
from tests.visual.gallery_labels import ALIGNED, CHART_CAPTIONS, ICON_CAPTIONS, ICONS, MAIN, SIDEBAR
from tests.visual.measure import measure, reading_order

pytestmark = pytest.mark.visual

WIDTH_TOLERANCE = 0.10
AA_CONTRAST = 4.5
THEMES = ["light", "dark"]


def measured(gallery_page: Callable[[str, str], Any], theme: str, side: str) -> dict[str, dict[str, Any]]:
    return gallery_page(theme, side).visual["texts"]


@pytest.mark.parametrize("theme", THEMES)
def test_every_label_is_on_screen(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle, ours = measured(gallery_page, theme, "streamlit"), measured(gallery_page, theme, "jupyst")
    assert [t for t in SIDEBAR + MAIN if not oracle[t]["visible"]] == [], "the oracle page should show every label"
    assert [t for t in SIDEBAR + MAIN if not ours[t]["visible"]] == []
    assert [t for t in SIDEBAR if not ours[t]["inSidebar"]] == []


@pytest.mark.parametrize("theme", THEMES)
def test_reading_order_is_streamlits(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle, ours = measured(gallery_page, theme, "streamlit"), measured(gallery_page, theme, "jupyst")
    for texts in (MAIN, SIDEBAR):
        assert reading_order({t: ours[t] for t in texts}) == reading_order({t: oracle[t] for t in texts})


@pytest.mark.parametrize("theme", THEMES)
def test_widths_relative_to_the_main_column(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle, ours = measured(gallery_page, theme, "streamlit"), measured(gallery_page, theme, "jupyst")
    pairs = {t: (ours[t]["width"], oracle[t]["width"]) for t in MAIN}
    pairs.update({f"under {t}": (ours[t]["nextWidth"], oracle[t]["nextWidth"]) for t in CHART_CAPTIONS})
    assert [t for t in CHART_CAPTIONS if oracle[t]["nextWidth"] is None] == []
    off = {t: (round(a, 2), round(b, 2)) for t, (a, b) in pairs.items() if a is not None and b is not None and abs(a - b) > WIDTH_TOLERANCE}
    assert off == {}
    assert [t for t in CHART_CAPTIONS if ours[t]["nextWidth"] is None] == []


@pytest.mark.parametrize("theme", THEMES)
def test_aligned_text_sits_where_streamlits_does(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle, ours = measured(gallery_page, theme, "streamlit"), measured(gallery_page, theme, "jupyst")
    for text in ALIGNED:
        want = (oracle[text]["textLeft"], oracle[text]["textRight"])
        got = (ours[text]["textLeft"], ours[text]["textRight"])
        assert want[0] > 0.2, (text, want)  # the oracle's text is not at the column's left edge
        assert abs(got[0] - want[0]) < WIDTH_TOLERANCE, (text, got, want)
        assert abs(got[1] - want[1]) < WIDTH_TOLERANCE, (text, got, want)


@pytest.mark.parametrize("theme", THEMES)
def test_text_is_readable(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle, ours = measured(gallery_page, theme, "streamlit"), measured(gallery_page, theme, "jupyst")
    # WCAG AA everywhere; where Streamlit itself misses it (its selected pill), at least as readable as Streamlit
    wanted = {t: min(AA_CONTRAST, oracle[t]["contrast"] - 0.1) if oracle[t]["visible"] else AA_CONTRAST for t in SIDEBAR + MAIN}
    assert {t: round(ours[t]["contrast"], 2) for t in SIDEBAR + MAIN if ours[t]["visible"] and ours[t]["contrast"] < wanted[t]} == {}


@pytest.mark.parametrize("theme", THEMES)
def test_material_icons_are_drawn_with_the_icon_font(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle = gallery_page(theme, "streamlit").visual["icons"]
    ours = gallery_page(theme, "jupyst").visual["icons"]
    assert [i["name"] for i in oracle if i["name"] in ICONS] == ICONS
    assert [i["name"] for i in ours] == ICONS
    for icon in ours:
        assert icon["font"].strip('"') == "Material Symbols Rounded"
        assert icon["loaded"], icon
        # a ligature draws one glyph about as wide as high; the name in letters is far wider
        assert icon["width"] < 1.5 * icon["height"], icon
    chars = gallery_page(theme, "jupyst").visual["chars"]
    for caption in ICON_CAPTIONS:
        char = chars[caption]
        assert char is not None, caption
        assert 0xE000 <= char["char"] <= 0xF8FF, (caption, char)
        assert abs(char["em"] - 1) < 0.1, (caption, char)  # the icon font's glyphs are 1 em wide


@pytest.mark.parametrize("theme", THEMES)
def test_latex_is_centred_and_selects_show_their_chevron(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    oracle = gallery_page(theme, "streamlit").visual["layout"]
    ours = gallery_page(theme, "jupyst").visual["layout"]
    assert abs(oracle["latexOffset"]) < 0.05, oracle  # Streamlit centres st.latex in the column
    assert ours["latexOffset"] is not None
    assert abs(ours["latexOffset"]) < 0.05, ours
    # st.selectbox is a native <select> in jupyst: its chevron is its background image
    assert ours["selectArrows"]
    assert [image for image in ours["selectArrows"] if "svg" not in image] == []


# The multiselect's dropdown, opened on the pages loaded above (no page load of its own).
LABEL = "Genres you read"
CHOSEN = ["Poetry", "Travel"]
REMAINING = ["Mystery", "History", "Science fiction"]
#: the open dropdown's option rows on each side
OPTIONS = {"jupyst": '.jupyst-ms-menu [role="option"]', "streamlit": '[data-testid="stMultiSelectDropdown"] [role="option"]'}


def open_dropdown(page: Any, side: str) -> list[str]:
    """Click into the multiselect; the texts of the rows its dropdown lists once it stands still."""
    box = page.get_by_role("combobox", name=LABEL)
    rows = page.locator(OPTIONS[side])
    # Streamlit's select, clicked while its input is not focused, opens on the pointerdown and
    # closes again before the click ends when the page has been measured and screenshotted
    # first (seen in an event log: aria-expanded true at mousedown, false after); with the
    # focus already in the input, the click opens it. Focus first on both sides. Even so,
    # Streamlit's now and then ignores the click (aria-expanded stays false, about one run in
    # three alone): the oracle gets three tries; jupyst's must open on the first.
    for _ in range(3 if side == "streamlit" else 1):
        box.focus()
        box.click()
        try:
            rows.first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    rows.first.wait_for(timeout=10_000)
    # the list stands still once its box stops moving (Streamlit animates the opening)
    page.wait_for_function(
        """(sel) => { const el = document.querySelector(sel); const r = JSON.stringify(el.getBoundingClientRect());
           const same = window.__menuBox === r; window.__menuBox = r; return same; }""",
        arg=OPTIONS[side], polling=150, timeout=15_000,
    )
    return [text.strip() for text in rows.all_inner_texts()]


@pytest.mark.parametrize("theme", THEMES)
def test_open_dropdown_reads_as_streamlits(theme: str, gallery_page: Callable[[str, str], Any]) -> None:
    seen = {}
    for side in ("streamlit", "jupyst"):
        page = gallery_page(theme, side)
        listed = open_dropdown(page, side)
        found = measure(page, side, [LABEL, *CHOSEN, *REMAINING])
        screenshot(page, f"gallery-dropdown-{theme}-{side}")
        page.keyboard.press("Escape")
        seen[side] = (listed, found)
    oracle_list, oracle = seen["streamlit"]
    ours_list, ours = seen["jupyst"]
    assert [t for t in oracle_list if t in REMAINING] == REMAINING
    assert ours_list == oracle_list  # "Select all" first, then the remaining options
    assert [t for t in [LABEL, *CHOSEN, *REMAINING] if not oracle[t]["visible"]] == []
    assert [t for t in [LABEL, *CHOSEN, *REMAINING] if not ours[t]["visible"]] == []
    assert {t: round(ours[t]["contrast"], 2) for t in [LABEL, *CHOSEN, *REMAINING] if ours[t]["contrast"] < AA_CONTRAST} == {}
