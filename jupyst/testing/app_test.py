"""``AppTest``: run a script headless and drive its real widgets, Streamlit's testing API.

No kernel is needed: ipywidgets falls back to a dummy comm. Interactions set the trait of
the widget the reconciler drew (or click it), exactly where a browser's message lands, and
``run()`` waits for the runs those events cause.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import textwrap
from collections.abc import Iterator, KeysView
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode

from jupyst.app.script_runner import Outcome
from jupyst.app.session import AppSession
from jupyst.elements.lib.late_writes import late_nodes
from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import RENDERERS
from jupyst.elements.navigation import Page, page_hash, page_icon_and_name
from jupyst.runtime.script_source import ScriptSource
from jupyst.testing.element_tree import AppTestError as AppTestError
from jupyst.testing.element_tree import (
    Block,
    Element,
    ElementList,
    Widget,
    unique_by_key,
    widget_class,
)
from jupyst.testing.request import test_request

#: the roots a query searches, in Streamlit's order (toasts and dialogs live in "event")
_ROOTS = ("main", "sidebar", "event", "bottom")


class _TestSessionState:
    """``at.session_state``: the app's session state, readable and writable between runs."""

    def __init__(self, app: AppTest) -> None:
        object.__setattr__(self, "_app", app)

    def _state(self) -> Any:
        return self._app._session.state

    def __getitem__(self, key: str) -> Any:
        return self._state()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._state()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._state()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._state()

    def __iter__(self) -> Iterator[str]:
        return iter(self._state().keys())

    def __len__(self) -> int:
        return len(self._state().keys())

    def keys(self) -> KeysView[str]:
        return self.to_dict().keys()

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def to_dict(self) -> dict[str, Any]:
        return self._state().to_dict()

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"{key} not found in session_state.") from None

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value

    def __repr__(self) -> str:
        return repr(self.to_dict())


class AppTest:
    """A script under test: ``AppTest.from_string(src).run()``, then query and interact."""

    def __init__(self, source: ScriptSource, *, default_timeout: float = 3) -> None:
        self.default_timeout = default_timeout
        self._session = AppSession(source, start=False)
        self._session.is_app_test = True
        # As in Streamlit's AppTest: run_every never fires; every interaction is a full run.
        self._session.timers.enabled = False
        self._started = False
        self._staged: list[Widget] = []
        self._wrappers: dict[int, Element | Block] = {}
        self.session_state = _TestSessionState(self)
        #: what ``st.user`` reads in the runs (Streamlit's AppTest default)
        self.user: dict[str, Any] = {"email": "test@example.com"}
        #: what the browser reports to ``st.context``: timezone, timezone_offset, locale, url,
        #: is_embedded, theme
        self.context: dict[str, Any] = {}
        #: the URL's query parameters: set before a run, read after one (a single value is a
        #: str, a repeated key a list of str)
        self.query_params: dict[str, Any] = {}
        #: the app's ``st.secrets`` when not empty (instead of the secrets.toml files)
        self.secrets: dict[str, Any] = {}
        #: the page ``switch_page`` asked for, sent with the next run
        self._page_request: str | None = None
        #: the pages the last run registered (kept when a run fails before st.navigation)
        self._pages: dict[str, Page] = {}

    # ----- construction ----------------------------------------------------------------------
    @classmethod
    def from_string(cls, script: str, *, default_timeout: float = 3) -> AppTest:
        return cls(ScriptSource(text=textwrap.dedent(script), name="<apptest>"), default_timeout=default_timeout)

    @classmethod
    def from_file(cls, script_path: str | os.PathLike[str], *, default_timeout: float = 3) -> AppTest:
        """An app from its entrypoint file; a relative path is taken from the calling file's folder."""
        path = Path(script_path)
        if not path.is_absolute():
            caller = inspect.stack()[1].filename
            path = Path(os.path.abspath(caller)).parent / path
        if not path.is_file():
            raise FileNotFoundError(
                f"AppTest script not found at {path.resolve()}. Relative paths are resolved against "
                "the file that calls AppTest.from_file()."
            )
        return cls(ScriptSource(path=str(path)), default_timeout=default_timeout)

    @classmethod
    def from_function(cls, script: Callable[..., Any], *, default_timeout: float = 3, args: Any = None, kwargs: Any = None) -> AppTest:
        lines, _ = inspect.getsourcelines(script)
        source = textwrap.dedent("".join(lines)) + f"\n{script.__name__}(*__args, **__kwargs)\n"
        extra = {"__args": tuple(args or ()), "__kwargs": dict(kwargs or {})}
        return cls(ScriptSource(text=source, name="<apptest>", extra_globals=extra), default_timeout=default_timeout)

    # ----- running -----------------------------------------------------------------------------
    def run(self, *, timeout: float | None = None) -> AppTest:
        """Apply recorded interactions, run the script, and wait for it (and its reruns)."""
        timeout = self.default_timeout if timeout is None else timeout
        session = self._session
        session.request = test_request(self.context, self.user)
        session.requests.hold()
        try:
            for widget in self._to_apply():
                self._apply(widget)
            self._staged = []
            if self._page_request is not None:
                session.pages.request(self._page_request)
                self._page_request = None
            session.query_params.replace_quietly(urlencode(self.query_params, doseq=True))
            session.app_secrets = dict(self.secrets) if self.secrets else None
            if self._started:
                session.request_rerun()
        finally:
            session.requests.release()
        if not self._started:
            self._started = True
            session.start()
        if not session.wait_idle(timeout):
            session.close()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")
        self._wrappers = {}
        self._after_run()
        if session.request is not None and session.request.user != self.user:
            # st.logout() replaced the user for later runs, as in Streamlit's AppTest.
            self.user = dict(session.request.user)
        return self

    def _after_run(self) -> None:
        session = self._session
        parsed = parse_qs(session.query_params.query_string, keep_blank_values=True)
        self.query_params = {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}
        # As Streamlit's AppTest: a run that failed before st.navigation keeps the pages
        # known so far; a run that succeeded without navigating has none.
        if session.pages.navigated_in(session.last_ctx):
            self._pages = dict(session.pages.registry)
        elif session.last_outcome in (Outcome.COMPLETED, Outcome.STOPPED):
            self._pages = {}

    # ----- pages -------------------------------------------------------------------------------
    def switch_page(self, page_path: str) -> AppTest:
        """Open another page of the app on the next ``run()``.

        ``page_path`` is relative to the main script (``"pages/settings.py"``). ValueError
        when no such file exists, or when the app's navigation has no page for that file.
        """
        main = self._session.source.path
        main_dir = Path(main).parent if main else Path.cwd()
        full = main_dir / page_path
        if not full.is_file():
            raise ValueError(
                f"Could not find page {page_path!r} relative to the main script {main!r}. "
                f"Resolved page path: {str(full.resolve())!r}."
            )
        self._page_request = self._page_hash(full.resolve())
        return self

    def _page_hash(self, target: Path) -> str:
        """The hash of the registered page that runs ``target``, as a real session would use."""
        _, name = page_icon_and_name(target)
        matches = [
            h for h, page in self._pages.items()
            if page._script_path and Path(page._script_path).resolve() == target
        ]
        if matches:
            # A file registered under several URL paths: prefer the one named after it.
            return next((h for h in matches if self._pages[h]._url_path == name), matches[0])
        if self._pages:
            known = [page._script_path or page._url_path for page in self._pages.values()]
            raise ValueError(
                f"Could not find a navigation page for {str(target)!r}. AppTest.switch_page() matches "
                "registered script paths. If page registration depends on Session State, call "
                f"AppTest.run() after updating the state and before switching. Known pages: {known}."
            )
        return page_hash(name)

    def _to_apply(self) -> list[Widget]:
        """The staged interactions this run sends, values before clicks.

        As in Streamlit's AppTest, a value set on a widget inside a form is sent only when
        that form's submit button is clicked for the same run; otherwise it is dropped.
        Values go first so that a submit (or a button) sees every value set with it,
        whatever order the test set them in.
        """
        submitted = {
            w.node.form_id
            for w in self._staged
            if w.node.kind == "form_submit_button" and w._pending is True
        }
        values, clicks = [], []
        for widget in self._staged:
            node = widget.node
            if RENDERERS[node.kind].event == "click":
                clicks.append(widget)
            elif not node.form_id or node.form_id in submitted:
                values.append(widget)
        return values + clicks

    def _apply(self, widget: Widget) -> None:
        node = widget.node
        if node.props.get("disabled"):
            widget._assert_can_interact()
        target = self._session.reconciler.widget_for(node)
        if target is None:
            return
        renderer = RENDERERS[node.kind]
        if renderer.event == "click":
            if widget._pending:
                target.click()
            return
        own_raw = getattr(widget, "_raw", None)
        raw = own_raw() if own_raw is not None else renderer.to_widget(node.props, widget._value_for_run())
        if raw is None and own_raw is not None:
            return
        assert renderer.value_trait is not None
        setattr(target, renderer.value_trait, raw)

    def _stage(self, widget: Widget) -> None:
        if widget not in self._staged:
            self._staged.append(widget)

    def _state_value(self, node: Node) -> Any:
        return node.props.get("value")

    def close(self) -> None:
        self._session.close()

    # ----- the tree ------------------------------------------------------------------------------
    def _root(self, name: str) -> Block:
        ctx = self._session.last_ctx
        if ctx is None:
            raise RuntimeError("Call AppTest.run() before reading the app.")
        return self._wrap(ctx.roots[name])  # type: ignore[return-value]

    def _late_ids(self) -> set[int]:
        return late_nodes(self._session.last_ctx)

    def _wrap(self, node: Node) -> Element | Block:
        wrapper = self._wrappers.get(id(node))
        if wrapper is None:
            wrapper = Block(node, self) if node.children is not None else widget_class(node.kind)(node, self)
            self._wrappers[id(node)] = wrapper
        return wrapper

    @property
    def main(self) -> Block:
        return self._root("main")

    @property
    def sidebar(self) -> Block:
        return self._root("sidebar")

    def get(self, element_type: str) -> ElementList[Any]:
        """Every element of this type in the app (``"button"``, ``"toast"``, ``"expander"``...)."""
        items: list[Any] = []
        for root in _ROOTS:
            items.extend(self._root(root).get(element_type))
        return ElementList(items)

    def get_by_key(self, key: str) -> Element | Block:
        """The one element or block with this user key (KeyError: none; AppTestError: several)."""
        return unique_by_key([item for root in _ROOTS for item in self._root(root)], key)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)

    def __getitem__(self, index: int) -> Block:
        return [self.main, self.sidebar][index]

    def __len__(self) -> int:
        return 2

    def __repr__(self) -> str:
        return f"AppTest(runs={self._session.run_count})"

    def __del__(self) -> None:
        session = self.__dict__.get("_session")
        if session is not None:
            with contextlib.suppress(Exception):
                session.close()
