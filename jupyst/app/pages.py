"""One session's pages: which page a multipage app is on, and how its pages run.

The page comes from the URL the visitor opened, then from clicks in the page menu or on
``st.page_link``, and from ``st.switch_page`` (see :mod:`jupyst.elements.navigation` for the
script's side). A page change is a rerun of the same session, so session state stays. After
each run the page's ``url_path``, query string and title go to the browser
(:mod:`jupyst.app.browser_url`).
"""

from __future__ import annotations

import os
import threading
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyst.app.script_runner import fresh_module
from jupyst.delta_generator import main_dg
from jupyst.elements.navigation import (
    PAGES_FOLDER,
    Page,
    StreamlitPageNotFoundError,
    check_path_text,
    main_dir,
    navigate,
    page_not_found,
    page_sort_key,
)
from jupyst.errors import RerunException
from jupyst.runtime.run_context import RunContext

if TYPE_CHECKING:
    from jupyst.app.session import AppSession


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
        self._resolved_main: tuple[str, Path] | None = None

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
                    page_not_found(ctx)
                wanted = default
            if self.current_hash is not None and wanted._script_hash != self.current_hash:
                self._push = True
            self.current_hash = wanted._script_hash
            self.current = wanted
            self._resolved_in = ctx
            return wanted

    def navigated_in(self, ctx: RunContext | None) -> bool:
        """Whether this run called ``st.navigation`` (the registry is that run's)."""
        return ctx is not None and self._resolved_in is ctx

    def hash_for_path(self, ctx: RunContext, page: str) -> str:
        """The registered page whose script is ``page`` (relative to the entrypoint)."""
        check_path_text(page)
        folder = main_dir(ctx)
        wanted = os.path.realpath(os.path.normpath(os.path.join(folder, page)))
        for h, registered in self.registry.items():
            if registered._script_path and os.path.realpath(registered._script_path) == wanted:
                return h
        raise StreamlitPageNotFoundError(page, str(folder), self.uses_pages_dir)

    # ----- the pages/ folder -----------------------------------------------------------------
    def _main_path(self, path: str) -> Path:
        """The entrypoint's resolved path, once per session: Streamlit too takes the script's
        folder once, at start (resolving it on every run costs a system call per folder)."""
        resolved = self._resolved_main
        if resolved is None or resolved[0] != path:
            resolved = self._resolved_main = (path, Path(path).resolve())
        return resolved[1]

    @property
    def uses_pages_dir(self) -> bool:
        path = self.session.source.path
        if path is None or self._script_navigates:
            return False
        return (self._main_path(path).parent / PAGES_FOLDER).is_dir()

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
        main_path = self._main_path(str(self.session.source.path))
        self._main = (code, module)
        self._running_pages_dir = True
        try:
            folder = main_path.parent / PAGES_FOLDER
            files = sorted(
                (p for p in folder.glob("*.py") if not p.name.startswith(".") and p.name != "__init__.py"),
                key=page_sort_key,
            )
            pages = [Page(main_path, default=True)] + [Page(p) for p in files]
            navigate(pages, position="sidebar", expanded=False).run()
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
        filename = str(path)
        with open(filename, encoding="utf-8") as fh:
            source = fh.read()
        code = self.session.compiled.get(source, filename)
        module = fresh_module(filename, main_dg._magic)
        exec(code, module.__dict__)

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

