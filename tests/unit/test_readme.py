"""The README's example app works as the README says."""

from __future__ import annotations

import pathlib
import re

from jupyst.testing import AppTest

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def _example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    cell = next(b for b in blocks if b.startswith("%%jupyst"))
    return cell.split("\n", 1)[1]


def test_readme_example_counts_by_the_slider_step():
    at = AppTest.from_string(_example()).run()
    assert at.title[0].value == "Counter"
    at.slider[0].set_value(3).run()
    at.button[0].click().run()
    at.button[0].click().run()
    assert at.markdown[-1].value == "Count: `6`"
    assert at.exception.values == []
