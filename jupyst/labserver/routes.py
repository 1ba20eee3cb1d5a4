"""Where the server extension answers: its URL prefix and its route modes."""

from __future__ import annotations

URL_PREFIX = "jupyst"
#: the route modes: a published view, and the dev-loop view JupyterLab previews with
MODES = ("app", "preview")
