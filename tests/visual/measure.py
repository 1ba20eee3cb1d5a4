"""What a person notices on a page, measured in the browser for one list of label texts.

For each text: whether an element showing exactly that text is visible, where it is (its
top, for the order, whether it is in the sidebar, and where its glyphs start and end across
the main column), the width of the element around it
and of the element after it (a chart under its caption) relative to the main column, and
the WCAG contrast ratio of its colour against the background it is drawn on (alpha
backgrounds composited over what lies under them). For Material icons: each icon's name,
the font that draws it and its box, and whether the icon font is loaded.
"""

from __future__ import annotations

from typing import Any

#: the element box and the main column, on each side
SELECTORS = {
    "jupyst": {"element": ".jupyst-element", "main": ".jupyst-main", "sidebar": ".jupyst-sidebar", "icon": ".jupyst-material"},
    "streamlit": {
        "element": '[data-testid="stElementContainer"]', "main": '[data-testid="stMainBlockContainer"]',
        "sidebar": '[data-testid="stSidebar"]', "icon": '[data-testid="stIconMaterial"], span[role="img"][translate="no"]',
    },
}

_MEASURE_JS = """
([texts, sel]) => {
  const parse = (c) => { const srgb = c.match(/color\\(srgb ([^)]+)\\)/);  // what color-mix() computes to
    if (srgb) { const p = srgb[1].split(/[ \\/]+/).filter(Boolean).map(Number); return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1]; }
    const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const background = (el) => { const layers = []; for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let out = [255, 255, 255, 1]; for (let i = layers.length - 1; i >= 0; i--) out = over(layers[i], out); return out; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const main = document.querySelector(sel.main);
  const ms = main ? getComputedStyle(main) : null;
  const mainWidth = main ? main.clientWidth - parseFloat(ms.paddingLeft) - parseFloat(ms.paddingRight) : 0;
  const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && parseFloat(s.opacity) > 0; };
  return texts.map((text) => {
    // an icon drawn from the private-use area (a button's Material icon) is not text one reads
    const read = (t) => t.replace(/[\\ue000-\\uf8ff]/g, "").trim();
    const all = [...document.querySelectorAll("body *")].filter((el) =>
      el.childElementCount === 0 ? read(el.textContent) === text
        : [...el.childNodes].some((n) => n.nodeType === 3 && read(n.textContent) === text));
    const el = all.find(shown);
    if (!el) return { text, visible: false };
    const r = el.getBoundingClientRect();
    const box = el.closest(sel.element);
    // where the glyphs themselves sit across the main column (an aligned text's block is as
    // wide as the column; its text is not)
    const range = document.createRange();
    range.selectNodeContents(el);
    const glyphs = range.getBoundingClientRect();
    const mainLeft = main ? main.getBoundingClientRect().left + parseFloat(ms.paddingLeft) : 0;
    // the element after this one's box (a caption names the chart or grid drawn below it)
    let next = box ? box.nextElementSibling : null;
    while (next && !(next.matches(sel.element) && next.getBoundingClientRect().height > 0)) next = next.nextElementSibling;
    const fg = over(parse(getComputedStyle(el).color), background(el));
    const [a, b] = [lum(fg), lum(background(el))];
    return { text, visible: true, top: r.top + window.scrollY, left: r.left,
             width: box && mainWidth ? box.getBoundingClientRect().width / mainWidth : null,
             nextWidth: next && mainWidth ? next.getBoundingClientRect().width / mainWidth : null,
             inSidebar: !!el.closest(sel.sidebar),
             textLeft: mainWidth ? (glyphs.left - mainLeft) / mainWidth : null,
             textRight: mainWidth ? (glyphs.right - mainLeft) / mainWidth : null,
             contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}
"""


def measure(page: Any, side: str, texts: list[str]) -> dict[str, dict[str, Any]]:
    """Measurements of each text on ``page`` (``side`` is "jupyst" or "streamlit")."""
    results = page.evaluate(_MEASURE_JS, [texts, SELECTORS[side]])
    return {item["text"]: item for item in results}


def reading_order(found: dict[str, dict[str, Any]]) -> list[str]:
    """The visible texts top to bottom, left to right within a row (8 px tolerance)."""
    visible = [m for m in found.values() if m["visible"]]
    return [m["text"] for m in sorted(visible, key=lambda m: (round(m["top"] / 8), m["left"]))]


_ICONS_JS = """
(sel) => [...document.querySelectorAll(sel.icon)].filter((el) => el.getBoundingClientRect().width > 0).map((el) => {
  const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  return { name: el.textContent.trim(), font: s.fontFamily, width: r.width, height: r.height,
           loaded: document.fonts.check(`${s.fontSize} "Material Symbols Rounded"`, el.textContent.trim()) };
})
"""

_CHAR_JS = """
([text, scope]) => {  // the drawn width of the first character of the element showing `text`, in em
  const host = [...document.querySelectorAll(`${scope} *`)].find((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.includes(text)));
  if (!host) return null;
  const node = [...host.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes(text));
  const start = node.textContent.search(/\\S/); const range = document.createRange();
  range.setStart(node, start); range.setEnd(node, start + 1);
  return { char: node.textContent.codePointAt(start), em: range.getBoundingClientRect().width / parseFloat(getComputedStyle(host).fontSize) };
}
"""


def material_icons(page: Any, side: str) -> list[dict[str, Any]]:
    """Every Material icon drawn as a ligature span: name, font family, box, font loaded."""
    return page.evaluate(_ICONS_JS, SELECTORS[side])


def first_char(page: Any, text: str, scope: str = "body") -> dict[str, Any] | None:
    """The first character of the caption containing ``text`` (within ``scope``, a CSS selector,
    so a notebook's code showing the same words is passed over) and its drawn width in em."""
    return page.evaluate(_CHAR_JS, [text, scope])


_LAYOUT_JS = """
(sel) => {  // the formula's centre off the main column's centre (a share of its width); each select's arrow image
  const main = document.querySelector(sel.main).getBoundingClientRect();
  const formula = document.querySelector(sel.latex);
  const r = formula ? formula.getBoundingClientRect() : null;
  return { latexOffset: r ? (r.left + r.width / 2 - (main.left + main.width / 2)) / main.width : null,
           selectArrows: [...document.querySelectorAll("select")].map((el) => getComputedStyle(el).backgroundImage) };
}
"""
#: the drawn formula of st.latex on each side
LATEX = {"jupyst": ".jupyst-latex mjx-container, .jupyst-latex .MathJax, .jupyst-latex .katex", "streamlit": '[data-testid="stMarkdownContainer"] .katex-display .katex'}


def layout(page: Any, side: str) -> dict[str, Any]:
    """Where st.latex's formula sits in the main column, and the arrow image of every <select>."""
    return page.evaluate(_LAYOUT_JS, {**SELECTORS[side], "latex": LATEX[side]})
