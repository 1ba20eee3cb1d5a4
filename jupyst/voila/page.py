"""The page settings a served app reports to the jupyst Voilà template.

Voilà streams the page's ``<head>`` before the kernel runs anything, so the title that
``st.set_page_config(page_title=...)`` sets cannot go into ``<title>``. Instead the served
cell ends with ``page_info(session)``: an output of its own mime type, which the template
turns into a small script that sets the title and icon, and which no other front end shows.
Runs inside the kernel: keep it free of Voilà imports.
"""

from __future__ import annotations

from typing import Any

MIME_TYPE = "application/vnd.jupyst.page+json"


class PageInfo:
    """Displays as the page settings of an app's first run, in ``MIME_TYPE`` only."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {MIME_TYPE: self.settings}

    def __repr__(self) -> str:
        return f"PageInfo({self.settings!r})"


def page_settings(page_config: dict[str, Any]) -> dict[str, Any]:
    """The JSON-safe part of a run's page config that the page itself uses."""
    out: dict[str, Any] = {}
    title = page_config.get("page_title")
    if isinstance(title, str) and title:
        out["page_title"] = title
    icon = page_config.get("page_icon")
    # An emoji becomes the favicon. Shortcodes (":wave:"), material icons, "random" and
    # images are not handled here yet: the browser keeps no icon.
    if isinstance(icon, str) and 0 < len(icon) <= 8 and not icon.isascii():
        out["page_icon"] = icon
    layout = page_config.get("layout")
    if layout in ("centered", "wide"):
        out["layout"] = layout
    return out


def page_info(session: Any = None) -> PageInfo:
    """The page settings of ``session``'s last finished run (empty before the first one).

    Without a session: the app this kernel showed last (``jupyst.run_path`` returns nothing).
    """
    if session is None:
        from jupyst.notebook import last_session

        session = last_session()
    ctx = getattr(session, "last_ctx", None)
    page_config = getattr(ctx, "page_config", None) or {}
    return PageInfo(page_settings(page_config))
