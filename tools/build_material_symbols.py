"""Build the Material Symbols Rounded font that jupyst ships, from Google's npm package.

Streamlit draws ``:material/name:`` icons with "Material Symbols Rounded" (weight 400, not
filled). The npm package ``@material-symbols/font-400`` (Apache-2.0) carries that face as a
variable font with a FILL axis; this script pins FILL at 0 (a static font, as Streamlit's),
drops what a browser never reads (glyph names, hinting, glyphs only the filled style reaches)
and keeps every icon's ligature (``rlig``) and private-use code point. It writes:

- ``jupyst/voila/templates/jupyst/static/material-symbols-rounded.woff2`` (the font, served by
  the page template and the JupyterLab extension),
- ``jupyst/voila/templates/jupyst/static/LICENSE-material-symbols.txt`` (the package's licence),
- ``jupyst/static/material-symbols-rounded.codepoints`` (``name hex`` lines: plain-text labels
  such as button captions cannot hold a ligature, so they carry the icon's code point).

Usage (fontTools and brotli are needed only here, not by jupyst)::

    npm pack @material-symbols/font-400 && tar xzf material-symbols-font-400-*.tgz
    python tools/build_material_symbols.py package/
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

REPO = Path(__file__).resolve().parents[1]
STATIC = REPO / "jupyst" / "voila" / "templates" / "jupyst" / "static"
CODEPOINTS = REPO / "jupyst" / "static" / "material-symbols-rounded.codepoints"


def ligature_names(font: TTFont) -> dict[str, int]:
    """Icon name -> its private-use code point, read from the font's ligature table."""
    cmap = font.getBestCmap()
    chars: dict[str, list[int]] = {}
    for code, glyph in cmap.items():
        chars.setdefault(glyph, []).append(code)
    names: dict[str, int] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            if table.LookupType != 4:  # ligatures only (type 1 swaps in filled glyphs)
                continue
            for first, ligatures in table.ligatures.items():
                for ligature in ligatures:
                    # letters map upper and lower case to one glyph: names are lower case
                    name = "".join(chr(max(c for c in chars[g] if c < 0x80)) for g in (first, *ligature.Component))
                    private = [c for c in chars.get(ligature.LigGlyph, []) if c >= 0xE000]
                    if private:
                        names[name] = min(private)
    return names


def main(package: Path) -> int:
    font = TTFont(package / "material-symbols-rounded.woff2")
    names = ligature_names(font)
    font = instancer.instantiateVariableFont(font, {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes})
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font.flavor = "woff2"
    STATIC.mkdir(parents=True, exist_ok=True)
    font.save(STATIC / "material-symbols-rounded.woff2")
    shutil.copy(package / "LICENSE", STATIC / "LICENSE-material-symbols.txt")
    CODEPOINTS.write_text("".join(f"{name} {code:x}\n" for name, code in sorted(names.items())), encoding="utf-8")
    print(f"{len(names)} icons, {(STATIC / 'material-symbols-rounded.woff2').stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
