"""The page menu of a multipage app and ``st.page_link``: what they draw and what a click does.

The menu (drawn into the run's tree by :func:`jupyst.elements.navigation.draw_menu`) is a block at the top of the sidebar (or of the main column, ``position="top"``)
with one link per visible page, the current one marked. A link to a page of the app is an
ipywidgets ``Button`` styled as a link: its click reaches the session (``AppSession.on_click``
hands it to :meth:`AppPages.on_link_click`), which reruns the same session on that page, so
session state is kept and the page does not reload. A link to an external URL is a plain
``<a target="_blank">``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from jupyst.elements.lib.mixin import ElementMixin
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import Renderer, register
from jupyst.elements.lib.urls import is_url
from jupyst.elements.navigation import Page, query_string_of
from jupyst.errors import StreamlitMissingRequiredParameterError
from jupyst.runtime.run_context import require_run_context


def _label_text(props: dict[str, Any]) -> str:
    from jupyst.elements.lib.icons import icon_text

    icon = icon_text(props.get("icon"))
    label = str(props.get("label") or "")
    return f"{icon} {label}".strip() if icon else label


class PageLinkMixin(ElementMixin):
    """``st.page_link``: a link to another page of the app, or to an external URL."""

    def page_link(
        self,
        page: Any,
        *,
        label: str | None = None,
        icon: str | None = None,
        icon_position: str = "left",
        help: str | None = None,
        disabled: bool = False,
        use_container_width: bool | None = None,
        width: Any = "content",
        query_params: Any = None,
    ) -> Any:
        """Draw a link to a page of this app (``st.Page`` or a script path) or to a URL."""
        from jupyst.elements.lib.icons import validate_icon

        ctx = require_run_context()
        props: dict[str, Any] = {
            "label": None if label is None else str(label),
            "icon": validate_icon(icon) if icon is not None else None,
            "help": None if help is None else str(help),
            "disabled": bool(disabled),
            "query_string": query_string_of(query_params),
            "width": width,
        }
        kind = "page_link"
        if isinstance(page, Page):
            props["label"] = page.title if label is None else props["label"]
            props["icon"] = page.icon if icon is None else props["icon"]
            props["help"] = (page.help or None) if help is None else props["help"]
            if page.is_external:
                kind, props["url"] = "page_link_external", page.external_url
            else:
                props["page_hash"] = page._script_hash
                props["url_path"] = page.url_path
        else:
            text = str(page) if isinstance(page, Path) else page
            if is_url(text):
                if not label:
                    raise StreamlitMissingRequiredParameterError(
                        "label", detail="Streamlit cannot infer a label for an external URL."
                    )
                kind, props["url"] = "page_link_external", text
            else:
                state = ctx.session.pages
                target = state.hash_for_path(ctx, str(text))
                registered = state.registry[target]
                props["page_hash"] = target
                props["url_path"] = registered.url_path
                if label is None:
                    props["label"] = registered.title
                if help is None:
                    props["help"] = registered.help or None
        props["active"] = props.get("page_hash") is not None and props.get("page_hash") == ctx.session.pages.current_hash
        return self._dg._append(Node(kind=kind, props=props))


# ----- renderers -------------------------------------------------------------------------------------
@register
class NavMenuRenderer(Renderer):
    kind = "nav_menu"

    def widget_class(self, props: dict[str, Any]) -> type[w.Widget]:
        return w.HBox if props.get("position") == "top" else w.VBox

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"_dom_classes": ("jupyst-nav", f"jupyst-nav-{props.get('position', 'sidebar')}")}


@register
class NavSectionRenderer(Renderer):
    kind = "nav_section"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        return {"value": html.escape(str(props.get("label", ""))), "_dom_classes": ("jupyst-nav-section",)}


@register
class PageLinkRenderer(Renderer):
    kind = "page_link"
    cls = w.Button
    event = "click"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        extra = ("jupyst-page-link-active",) if props.get("active") else ()
        return {
            "description": _label_text(props),
            "tooltip": props.get("help") or None,
            "disabled": bool(props.get("disabled")),
            "_dom_classes": ("jupyst-element", f"jupyst-{self.kind.replace('_', '-')}", *extra),
        }


@register
class NavLinkRenderer(PageLinkRenderer):
    kind = "nav_link"


@register
class ExternalPageLinkRenderer(Renderer):
    kind = "page_link_external"
    cls = w.HTML

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        url = str(props.get("url") or "")
        text = html.escape(_label_text(props))
        title = f' title="{html.escape(str(props["help"]))}"' if props.get("help") else ""
        if is_url(url) and not props.get("disabled"):
            body = f'<a class="jupyst-page-link" href="{html.escape(url)}" target="_blank" rel="noopener noreferrer"{title}>{text}</a>'
        else:
            body = f'<span class="jupyst-page-link jupyst-page-link-disabled"{title}>{text}</span>'
        return {"value": body, "_dom_classes": ("jupyst-element", "jupyst-page-link-external")}
