"""Sphinx configuration of jupyst's documentation (built by `make docs`, warnings are errors).

Sphinx with MyST: the pages are Markdown like the rest of the repository (README,
compatibility.md), and autodoc builds the API reference from the docstrings themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

project = "jupyst"
author = "the jupyst authors"
copyright = "jupyst authors"  # noqa: A001 - Sphinx's name for it
extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = "jupyst"
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# The element methods' docstrings are prose written for people, not for reST's parser.
autodoc_docstring_signature = False
suppress_warnings = ["myst.xref_missing"]
