"""Multipage apps: ``st.Page``, ``st.navigation``, ``st.switch_page`` and the ``pages/`` folder.

As in Streamlit 1.67, the entrypoint script is a frame around the pages: it runs on every
rerun, calls ``st.navigation(pages)`` and runs the page that returns. A script with a
``pages/`` folder beside it and no ``st.navigation`` call of its own is run the way Streamlit
runs one: as the default page of a navigation made of itself and ``pages/*.py`` (sorted by
their number prefix, titled after the file name).

A session's :class:`AppPages` remembers the page in use across reruns. The page comes from the
URL the visitor opened (``/<url_path>``), then from clicks in the page menu or on
``st.page_link``, and from ``st.switch_page``; a page change is a rerun of the same session, so
session state stays. Elements drawn by a page get the page's hash in their ids (Streamlit's
``active_script_hash``), elements of the entrypoint the main script's. After each run the
page's ``url_path``, query string and title go to the browser (:mod:`jupyst.runtime.browser_url`).
The menu and the links are drawn by :mod:`jupyst.runtime.page_links`.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlparse

from jupyst.errors import (
    RerunException,
    StreamlitAPIException,
    StreamlitIncompatibleParametersError,
    StreamlitInvalidParameterTypeError,
    StreamlitMissingRequiredParameterError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import RunContext, get_run_context

if TYPE_CHECKING:
    from jupyst.runtime.session import AppSession

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
    from jupyst.elements.icons import split_leading_icon

    icon, rest = split_leading_icon(name)
    if icon and not icon.startswith(":"):
        return icon, rest.lstrip("_- ") or rest
    return "", name


def is_url(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    parsed = urlparse(text)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _check_path_text(page: str) -> None:
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


def _main_dir(ctx: RunContext) -> Path:
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
        from jupyst.elements.icons import validate_icon

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
            _check_path_text(str(page))
            base = _main_dir(ctx) if ctx is not None else Path.cwd()
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
    return _navigation(pages, position=position, expanded=expanded)


def _navigation(pages: Any, *, position: str, expanded: bool | int) -> Page:
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
        from jupyst.runtime.page_links import draw_menu

        draw_menu(ctx, sections, current, position)
    return current


def _sidebar_navigation_enabled() -> bool:
    try:
        from jupyst.commands import get_option

        return get_option("client.showSidebarNavigation") is not False
    except Exception:
        return True


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
            raise StreamlitPageNotFoundError(page.title, str(_main_dir(ctx)), state.uses_pages_dir)
    else:
        target = state.hash_for_path(ctx, str(page))
    query = query_string_of(query_params)
    state.request(target, query)
    raise RerunException()


# ----- one session's pages ---------------------------------------------------------------------------
class AppPages:
    """The page a session is on, the pages its last navigation declared, how pages run."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self.registry: dict[str, Page] = {}
        self.current_hash: str | None = None
        self.current: Page | None = None
        self._requested_hash: str | None = None
        #: the URL path the visitor opened (None once a navigation has used it)
        self._requested_path: str | None = None
        self._push = False
        self._script_navigates = False
        self._running_pages_dir = False
        self._resolved_in: RunContext | None = None
        self._lock = threading.Lock()
        self._main: tuple[Any, types.ModuleType] | None = None
        self._compiled: dict[str, tuple[str, Any]] = {}

    # ----- where the visitor wants to be ---------------------------------------------------
    def open_url(self, path: str, base_url: str = "/") -> None:
        """Start on the page of the URL the visitor opened (``SCRIPT_NAME`` below the base URL)."""
        base = base_url if base_url.endswith("/") else base_url + "/"
        rest = path[len(base):] if path.startswith(base) else path.lstrip("/")
        self._requested_path = rest.strip("/")

    @property
    def url_page(self) -> str:
        """The path the browser's URL shows for the current page."""
        if self.current is not None:
            return self.current.url_path
        return self._requested_path or ""

    def request(self, target_hash: str, query_string: str = "") -> None:
        """Go to another page on the next run, with these query parameters (any thread)."""
        with self._lock:
            self._requested_hash = target_hash
            self._push = True
        self.session.query_params.replace_quietly(query_string)

    def switch_to_file(self, page: str, query_string: str = "") -> None:
        """Go to the page of a script file (relative to the entrypoint) on the next run.

        For callers outside a run (a test harness's ``switch_page``); the page must be one the
        last run's navigation declared.
        """
        main_dir = self.session.source.directory
        wanted = os.path.realpath(os.path.join(main_dir, page))
        for h, registered in self.registry.items():
            if registered._script_path and os.path.realpath(registered._script_path) == wanted:
                self.request(h, query_string)
                return
        raise StreamlitPageNotFoundError(page, main_dir, self.uses_pages_dir)

    def on_link_click(self, props: dict[str, Any]) -> None:
        """A click in the page menu or on a page link (shell thread)."""
        target = props.get("page_hash")
        if not target:
            return
        self.request(str(target), str(props.get("query_string") or ""))
        self.session.request_rerun()

    def resolve(self, ctx: RunContext, by_hash: dict[str, Page], default: Page) -> Page:
        """The page to run in this run, from the request or the page in use."""
        with self._lock:
            self.registry = by_hash
            wanted: Page | None = None
            asked = False
            if self._requested_hash is not None:
                wanted, asked = by_hash.get(self._requested_hash), True
                self._requested_hash = None
            elif self._requested_path is not None:
                wanted = next((p for p in by_hash.values() if not p.is_external and p.url_path == self._requested_path), None)
                asked = self._requested_path != ""
                self._requested_path = None
            elif self.current_hash is not None:
                wanted = by_hash.get(self.current_hash)
            if wanted is None or wanted.is_external:
                if asked:
                    from jupyst.runtime.page_links import page_not_found

                    page_not_found(ctx)
                wanted = default
            if self.current_hash is not None and wanted._script_hash != self.current_hash:
                self._push = True
            self.current_hash = wanted._script_hash
            self.current = wanted
            self._resolved_in = ctx
            return wanted

    def hash_for_path(self, ctx: RunContext, page: str) -> str:
        """The registered page whose script is ``page`` (relative to the entrypoint)."""
        _check_path_text(page)
        main_dir = _main_dir(ctx)
        wanted = os.path.realpath(os.path.normpath(os.path.join(main_dir, page)))
        for h, registered in self.registry.items():
            if registered._script_path and os.path.realpath(registered._script_path) == wanted:
                return h
        raise StreamlitPageNotFoundError(page, str(main_dir), self.uses_pages_dir)

    # ----- the pages/ folder -----------------------------------------------------------------
    @property
    def uses_pages_dir(self) -> bool:
        path = self.session.source.path
        if path is None or self._script_navigates:
            return False
        return (Path(path).resolve().parent / PAGES_FOLDER).is_dir()

    def script_navigates(self) -> None:
        """The script calls st.navigation itself: the pages/ folder no longer counts."""
        if self._script_navigates:
            return
        self._script_navigates = True
        if self._running_pages_dir:
            # The main page of the pages/ navigation turned out to declare its own: start over.
            raise RerunException()

    def run_main(self, code: Any, module: types.ModuleType) -> None:
        """Run the entrypoint script (or the pages/ navigation around it)."""
        if not self.uses_pages_dir:
            exec(code, module.__dict__)
            return
        main_path = Path(str(self.session.source.path)).resolve()
        self._main = (code, module)
        self._running_pages_dir = True
        try:
            folder = main_path.parent / PAGES_FOLDER
            files = sorted(
                (p for p in folder.glob("*.py") if not p.name.startswith(".") and p.name != "__init__.py"),
                key=page_sort_key,
            )
            pages = [Page(main_path, default=True)] + [Page(p) for p in files]
            _navigation(pages, position="sidebar", expanded=False).run()
        finally:
            self._running_pages_dir = False
            self._main = None

    def exec_file(self, path: Path) -> None:
        """Run a page's script file in a fresh ``__main__`` (magic on, like the entrypoint)."""
        main = self._main
        if main is not None and str(path) == str(Path(str(self.session.source.path)).resolve()):
            code, module = main
            exec(code, module.__dict__)
            return
        from jupyst.delta_generator import main_dg
        from jupyst.runtime.magic import compile_script
        from jupyst.runtime.script_runner import fresh_module

        filename = str(path)
        with open(filename, encoding="utf-8") as fh:
            source = fh.read()
        cached = self._compiled.get(filename)
        if cached is None or cached[0] != source:
            cached = (source, compile_script(source, filename))
            self._compiled[filename] = cached
        module = fresh_module(filename, main_dg._magic)
        exec(cached[1], module.__dict__)

    def page_files(self) -> list[str]:
        """The script files of the pages declared so far (the dev loop watches them)."""
        files = [p._script_path for p in self.registry.values() if p._script_path]
        if self.uses_pages_dir and self.session.source.path:
            folder = Path(self.session.source.path).resolve().parent / PAGES_FOLDER
            files += [str(p) for p in folder.glob("*.py")]
        return sorted(set(files))

    # ----- after a run -----------------------------------------------------------------------
    def after_run(self, ctx: RunContext) -> None:
        """Show the run's page, query string and title in the browser's URL bar and tab."""
        url = self.session.browser_url
        title = ctx.page_config.get("page_title")
        with self._lock:
            navigated = self._resolved_in is ctx
            push, self._push = (self._push, False) if navigated else (False, self._push)
            page = self.url_page if navigated else None
            if not title and navigated and self.current is not None:
                title = self.current.title
        url.set(page=page, query=self.session.query_params.query_string, title=title, push=push)
        url.flush()

