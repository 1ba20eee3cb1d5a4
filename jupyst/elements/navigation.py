"""Multipage apps: ``st.Page``, ``st.navigation``, ``st.switch_page`` and the ``pages/`` folder.

As in Streamlit 1.67, the entrypoint script is a frame around the pages: it runs on every
rerun, calls ``st.navigation(pages)`` and runs the page that returns. A script with a
``pages/`` folder beside it and no ``st.navigation`` call of its own is run the way Streamlit
runs one: as the default page of a navigation made of itself and ``pages/*.py`` (sorted by
their number prefix, titled after the file name).

A session's page router (:class:`jupyst.app.pages.AppPages`) remembers the page in use across reruns. The page comes from the
URL the visitor opened (``/<url_path>``), then from clicks in the page menu or on
``st.page_link``, and from ``st.switch_page``; a page change is a rerun of the same session, so
session state stays. Elements drawn by a page get the page's hash in their ids (Streamlit's
``active_script_hash``), elements of the entrypoint the main script's. After each run the
page's ``url_path``, query string and title go to the browser.

This module is the script's side (what ``st.Page``, ``st.navigation`` and ``st.switch_page``
accept and return); the session's routing is :mod:`jupyst.app.pages`, reached through the run
context. The menu and the links are drawn by :mod:`jupyst.elements.page_link`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from jupyst.elements.lib.node import Node
from jupyst.elements.lib.urls import is_url
from jupyst.errors import (
    RerunException,
    StreamlitAPIException,
    StreamlitIncompatibleParametersError,
    StreamlitInvalidParameterTypeError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import RunContext, get_run_context

PAGES_FOLDER = "pages"
PAGE_FILENAME = re.compile(r"([0-9]*)[_ -]*(.*)\.py")


class StreamlitPageNotFoundError(StreamlitAPIException):
    """A page that no ``st.Page`` file or registered page matches (Streamlit's wording)."""

    def __init__(self, page: str, main_script_directory: str | None = None, uses_pages_directory: bool = False) -> None:
        if main_script_directory is None:
            message = f"Unable to create Page. The file `{page}` could not be found."
        elif uses_pages_directory:
            directory = os.path.basename(main_script_directory)
            message = (
                f"Could not find page: `{page}`. You must provide a file path relative to the entrypoint "
                f"file (from the directory `{directory}`). Only the entrypoint file and files in the "
                "`pages/` directory are supported."
            )
        else:
            message = (
                f"Could not find page: `{page}`. You must provide a `Page` object or file path relative "
                "to the entrypoint file. Only pages previously defined by `st.Page` and passed to "
                "`st.navigation` are allowed."
            )
        super().__init__(message)


# ----- names, icons and URLs of pages ----------------------------------------------------------------
def page_hash(url_path: str) -> str:
    """A page's script hash, as Streamlit computes it: from its url_path."""
    return hashlib.md5(url_path.encode(), usedforsecurity=False).hexdigest()


def page_sort_key(path: Path) -> tuple[float, str]:
    match = PAGE_FILENAME.fullmatch(path.name)
    if match is None:
        return (float("inf"), path.name.lower())
    number, label = match.groups()
    return (float(number) if number else float("inf"), label.lower())


def page_icon_and_name(path: Path) -> tuple[str, str]:
    """``03_📈_Sales_report.py`` → (``📈``, ``Sales_report``), as Streamlit names file pages."""
    match = re.search(PAGE_FILENAME, path.name)
    if match is None:
        return "", ""
    name = re.sub(r"[_ ]+", "_", match.group(2)).strip() or match.group(1)
    from jupyst.elements.lib.icons import split_leading_icon

    icon, rest = split_leading_icon(name)
    if icon and not icon.startswith(":"):
        return icon, rest.lstrip("_- ") or rest
    return "", name


def check_path_text(page: str) -> None:
    if "\x00" in page:
        raise StreamlitAPIException("Unable to create Page. Page paths must not contain null bytes.")


def _nested_url_error(url_path: str) -> StreamlitAPIException:
    return StreamlitAPIException(
        f"The `url_path` `{url_path}` cannot include `/`. Streamlit does not support nested URL "
        "pathnames yet, so use a single path segment (e.g. `foo_bar`). To upvote support for nested "
        "pathnames, see GitHub issue [#8971](https://github.com/streamlit/streamlit/issues/8971)."
    )


def _sanitize_url_path(title: str) -> str:
    path = re.sub(r"\s+", "_", title.lower())
    path = re.sub(r"[&#?/\\:*\"<>|']", "", path).strip("_")
    return re.sub(r"_+", "_", path)


def main_dir(ctx: RunContext) -> Path:
    return Path(ctx.session.source.directory)


def query_string_of(query_params: Any) -> str:
    """``query_params=`` of switch_page / page_link as a query string (values stringified)."""
    if not query_params:
        return ""
    from jupyst.runtime.query_params import QueryParams

    params = QueryParams()
    params.update(query_params)
    return params.query_string


# ----- st.Page ---------------------------------------------------------------------------------------
class Page:
    """One page of a multipage app: a script file, a function, or an external URL."""

    def __init__(
        self,
        page: str | Path | Callable[[], None],
        *,
        title: str | None = None,
        icon: str | None = None,
        url_path: str | None = None,
        default: bool = False,
        visibility: str = "visible",
        help: str | None = None,
    ) -> None:
        from jupyst.elements.lib.icons import validate_icon

        self._default = bool(default)
        self._external_url: str | None = None
        if visibility not in ("visible", "hidden"):
            raise StreamlitValueError("visibility", ["visible", "hidden"])
        self._visibility = visibility
        self._help = "" if help is None or not str(help).strip() else str(help).strip()
        self._page: Path | Callable[[], None] | None = None
        self._title = title or ""
        self._icon = ""
        self._url_path = (url_path or "").strip().strip("/")
        self._can_be_called = False

        if is_url(page):
            if title is None or not title.strip():
                raise StreamlitMissingRequiredParameterError(
                    "title",
                    detail=f"External URL pages require a non-empty title. Please provide a title for the URL: {page}",
                )
            if default:
                raise StreamlitIncompatibleParametersError(
                    "page=<external URL>", "default=True",
                    explanation="External URL pages cannot be set as the default page.",
                )
            self._external_url = str(page)
            self._icon = validate_icon(icon)
            self._url_path = _sanitize_url_path(title) if url_path is None else url_path.strip().strip("/")
            if not self._url_path:
                raise StreamlitMissingRequiredParameterError(
                    "url_path",
                    detail="Provide a non-empty `url_path`, or omit it and provide a `title` that can be "
                    "converted to a valid URL path.",
                )
            if "/" in self._url_path:
                raise _nested_url_error(self._url_path)
            return

        ctx = get_run_context()
        inferred_name = ""
        inferred_icon = ""
        if isinstance(page, (str, Path)):
            check_path_text(str(page))
            base = main_dir(ctx) if ctx is not None else Path.cwd()
            path = (base / Path(page)).resolve()
            if ctx is not None and not path.is_file():
                raise StreamlitPageNotFoundError(path.name)
            self._page = path
            inferred_icon, inferred_name = page_icon_and_name(path)
        elif callable(page):
            self._page = page
            inferred_name = str(getattr(page, "__name__", ""))
            if not inferred_name and title is None:
                raise StreamlitMissingRequiredParameterError(
                    "title", detail="Streamlit cannot infer a title from this callable."
                )
        else:
            raise StreamlitInvalidParameterTypeError("page", type(page).__name__, ["str", "Path", "callable"])

        self._title = title or inferred_name.replace("_", " ")
        self._icon = validate_icon(icon) if icon is not None else validate_icon(inferred_icon or None)
        if not self._title.strip():
            raise StreamlitMissingRequiredParameterError(
                "title", detail="It cannot be empty or consist of underscores/spaces only."
            )
        self._url_path = inferred_name
        if url_path is not None:
            stripped = url_path.strip().strip("/")
            if not stripped and not default:
                raise StreamlitMissingRequiredParameterError(
                    "url_path", detail="It can only be empty for the default page."
                )
            if "/" in stripped:
                raise _nested_url_error(stripped)
            self._url_path = stripped

    # ----- what Streamlit's Page shows -----------------------------------------------------
    @property
    def title(self) -> str:
        return self._title

    @property
    def icon(self) -> str:
        return self._icon

    @property
    def help(self) -> str:
        return self._help

    @property
    def url_path(self) -> str:
        """The page's path below the app's URL ('' for the default page)."""
        return "" if self._default else self._url_path

    @property
    def visibility(self) -> str:
        return self._visibility

    @property
    def is_external(self) -> bool:
        return self._external_url is not None

    @property
    def external_url(self) -> str | None:
        return self._external_url

    @property
    def _script_hash(self) -> str:
        return page_hash(self._url_path)

    @property
    def _script_path(self) -> str:
        return str(self._page) if isinstance(self._page, Path) else ""

    def __repr__(self) -> str:
        return f"Page(title={self._title!r}, url_path={self.url_path!r})"

    def run(self) -> None:
        """Run this page (only the page ``st.navigation`` returned, once per run)."""
        if not self._can_be_called:
            raise StreamlitAPIException(
                "This page cannot be called directly. Only the page returned from st.navigation can be called once."
            )
        self._can_be_called = False
        if self.is_external:
            return
        ctx = get_run_context()
        if ctx is None:
            if callable(self._page) and not isinstance(self._page, Path):
                self._page()
            return
        before = ctx.page_hash
        ctx.page_hash = self._script_hash
        try:
            if isinstance(self._page, Path):
                ctx.session.pages.exec_file(self._page)
            elif self._page is not None:
                self._page()
        finally:
            ctx.page_hash = before


StreamlitPage = Page


def _as_page(item: Any) -> Page:
    return item if isinstance(item, Page) else Page(item)


# ----- st.navigation ---------------------------------------------------------------------------------
def navigation(
    pages: Sequence[Any] | Mapping[str, Sequence[Any]],
    *,
    position: str = "sidebar",
    expanded: bool | int = False,
) -> Page:
    """Declare the app's pages; returns the page to run now (call ``.run()`` on it)."""
    if not isinstance(position, str) or position not in ("sidebar", "hidden", "top"):
        raise StreamlitValueError("position", ["'sidebar'", "'hidden'", "'top'"])
    ctx = get_run_context()
    if ctx is not None:
        ctx.session.pages.script_navigates()
    return navigate(pages, position=position, expanded=expanded)


def navigate(pages: Any, *, position: str, expanded: bool | int) -> Page:
    if isinstance(pages, Mapping):
        sections = {str(header): [_as_page(p) for p in items] for header, items in pages.items()}
    else:
        sections = {"": [_as_page(p) for p in pages]}
    page_list = [p for items in sections.values() for p in items]
    if not page_list:
        raise StreamlitMissingRequiredParameterError("pages", detail="Provide at least one `st.Page`.")
    defaults = [p for p in page_list if p._default]
    if len(defaults) > 1:
        raise StreamlitAPIException(
            "Multiple Pages specified with `default=True`. At most one Page can be set to default."
        )
    if defaults:
        default = defaults[0]
    else:
        internal = [p for p in page_list if not p.is_external]
        if not internal:
            raise StreamlitAPIException(
                "At least one non-external page is required. External URL pages cannot be the default page."
            )
        default = internal[0]
        default._default = True
    if isinstance(expanded, bool):
        pass
    elif isinstance(expanded, int):
        if expanded < 0:
            raise StreamlitValueError(
                "expanded", ["True", "False", "a non-negative integer"], detail=f"Provided value: {expanded!r}."
            )
    else:
        raise StreamlitInvalidParameterTypeError("expanded", type(expanded).__name__, ["bool", "int"])

    ctx = get_run_context()
    if ctx is None:
        default._can_be_called = True
        return default

    by_hash: dict[str, Page] = {}
    for page in page_list:
        h = page._script_hash
        if h in by_hash:
            raise StreamlitAPIException(
                f"Two pages resolve to the URL pathname `/{page._url_path}`. Each page passed to "
                "`st.navigation` needs a unique URL pathname, including pages in different sections, "
                "hidden pages, and external URL pages. Set a unique `url_path` in `st.Page` for one of "
                "these pages."
            )
        by_hash[h] = page

    state = ctx.session.pages
    current = state.resolve(ctx, by_hash, default)
    current._can_be_called = True

    show = position != "hidden" and sum(1 for p in page_list if p.visibility == "visible") > 1
    if show and position == "sidebar":
        show = _sidebar_navigation_enabled()
    if show:
        draw_menu(ctx, sections, current, position)
    return current


def _sidebar_navigation_enabled() -> bool:
    try:
        from jupyst.runtime.options import get_option

        return get_option("client.showSidebarNavigation") is not False
    except Exception:
        return True


# ----- drawing ---------------------------------------------------------------------------------------
def draw_menu(ctx: RunContext, sections: dict[str, list[Page]], current: Page, position: str) -> None:
    """Put the page menu first in the sidebar (or the main column) of this run."""
    menu = Node(kind="nav_menu", props={"position": position}, children=[])
    assert menu.children is not None
    for header, pages in sections.items():
        visible = [p for p in pages if p.visibility == "visible"]
        if not visible:
            continue
        if header:
            menu.children.append(Node(kind="nav_section", props={"label": header}))
        for page in visible:
            props = {"label": page.title, "icon": page.icon, "help": page.help or None}
            if page.is_external:
                menu.children.append(Node(kind="page_link_external", props={**props, "url": page.external_url}))
            else:
                active = page._script_hash == current._script_hash
                menu.children.append(Node(kind="nav_link", props={**props, "page_hash": page._script_hash, "active": active}))
    root = ctx.roots["sidebar" if position == "sidebar" else "main"]
    assert root.children is not None
    # First in its root, before what the script drew there so far (positional keys move
    # with it; they are the same on every run that navigates at the same point).
    root.children.insert(0, menu)
    _rekey(root)


def _rekey(block: Node) -> None:
    for i, child in enumerate(block.children or ()):
        child.key = child.widget_id or f"{block.key}/{i}.{child.kind}"
        if child.children:
            _rekey(child)


def page_not_found(ctx: RunContext) -> None:
    """The URL named no page of the app: say so, and run the default page."""
    with contextlib.suppress(Exception):  # a notice must never break the run
        ctx.active_container()._root_container("event").toast("Page not found. Running the app's main page.", icon="⚠️")


# ----- st.switch_page --------------------------------------------------------------------------------
def switch_page(page: str | Path | Page, *, query_params: Any = None) -> NoReturn:
    """Rerun the app on another page of its navigation, with new query parameters."""
    from jupyst.errors import NoSessionContext

    ctx = get_run_context()
    if ctx is None:
        raise NoSessionContext("st.switch_page needs a running jupyst app.")
    state = ctx.session.pages
    if isinstance(page, Page):
        if page.is_external:
            raise StreamlitAPIException(
                "Cannot use st.switch_page with external URL pages. Use st.page_link instead to "
                "create a link to external pages."
            )
        target = page._script_hash
        if state.registry and target not in state.registry:
            raise StreamlitPageNotFoundError(page.title, str(main_dir(ctx)), state.uses_pages_dir)
    else:
        target = state.hash_for_path(ctx, str(page))
    query = query_string_of(query_params)
    state.request(target, query)
    raise RerunException()
