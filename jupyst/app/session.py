"""An app session: one script, its state, its widgets and the thread that reruns it.

Widget events (shell thread) become rerun requests; the script thread takes them, runs the
script and commits the result through the reconciler. The session decides what a run's
outcome means: which clicks carry over, whether unrendered widget state is dropped, and
what is left on screen.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from jupyst.app.browser_url import BrowserUrl
from jupyst.app.file_watch import start_dev_loop
from jupyst.app.fragments import FragmentRun, FragmentTimers, run_fragments
from jupyst.app.helper_threads import HelperWrites
from jupyst.app.pages import AppPages
from jupyst.app.run_watchdog import RunTimedOut, RunWatch, run_timeout, timeout_message
from jupyst.app.script_runner import (
    CompiledScripts,
    Outcome,
    alias_streamlit_if_missing,
    ensure_on_path,
    fresh_module,
)
from jupyst.delta_generator import main_dg
from jupyst.elements.alerts import exception_props
from jupyst.elements.lib.late_writes import merge_late_writes
from jupyst.elements.lib.node import Node, place
from jupyst.elements.lib.registry import InvalidWidgetValue, Renderer
from jupyst.errors import (
    SCRIPT_FAILURES,
    FragmentHandledException,
    RerunException,
    RerunInterrupt,
    StopException,
)
from jupyst.reconciler import Reconciler
from jupyst.runtime.forms import Forms
from jupyst.runtime.fragments import FragmentStore
from jupyst.runtime.query_params import QueryParams, request_environ
from jupyst.runtime.request_info import RequestInfo, visitor_request
from jupyst.runtime.requests import RerunData, RerunRequests
from jupyst.runtime.run_context import RunContext, set_run_context
from jupyst.runtime.script_errors import redact, report_script_error
from jupyst.runtime.script_source import ScriptSource
from jupyst.runtime.session_state import SessionState
from jupyst.widgets.browser_input import excerpt

log = logging.getLogger("jupyst")


class AppSession:
    def __init__(
        self, source: ScriptSource, *, show_error_details: bool | str = True, start: bool = True, run_on_save: bool = False
    ) -> None:
        self.source = source
        self.state = SessionState()
        self.requests = RerunRequests()
        self.forms = Forms()
        self.reconciler = Reconciler(self)
        self.compiled = CompiledScripts()
        #: the page's error details: a client.showErrorDetails level, or True (all) / False (none)
        self.show_error_details: bool | str = show_error_details
        #: driven by jupyst.testing.AppTest rather than a browser (st.get_option("global.appTest"))
        self.is_app_test = False
        self.run_count = 0
        self.last_ctx: RunContext | None = None
        # st.fragment / st.dialog: jupyst/app/fragments.py
        self.fragments = FragmentStore()
        self.timers = FragmentTimers(self.requests)
        self.fragment_run: FragmentRun | None = None
        self.fragment_runs = 0
        self._rerun_ids: list[str] = []
        self._running_click = False
        self._closed = False
        # The URL (query string, page) and the dev loop: runtime/{query_params,browser_url,pages,file_watch}.py
        self.browser_url = BrowserUrl()
        self.query_params = QueryParams(on_change=self._query_params_changed)
        self.pages = AppPages(self)
        #: the visitor's request (st.context, st.user); None without one
        self.request: RequestInfo | None = None
        #: secrets of this session instead of the secrets files (a test harness sets them)
        self.app_secrets: dict[str, Any] | None = None
        #: how the last full run ended (None before the first)
        self.last_outcome: Outcome | None = None
        self.run_on_save = run_on_save
        self.dev_loop: Any = None
        #: the --run-timeout watchdog's view of this session's runs (jupyst/app/run_watchdog.py)
        self.run_watch = RunWatch()
        #: held while a run's tree changes or is committed: the script thread and the app's
        #: helper threads (add_script_run_ctx) take turns (jupyst/app/helper_threads.py)
        self.tree_lock = threading.RLock()
        self.helpers = HelperWrites(self)
        self._thread = threading.Thread(target=self._loop, name="jupyst-script", daemon=True)
        if start:
            self.start()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def widget(self) -> Any:
        """The ipywidget to display: the whole app."""
        return self.reconciler.app

    def start(self) -> None:
        alias_streamlit_if_missing()
        self.open_request()
        if self.run_on_save and self.source.path:
            self.dev_loop = start_dev_loop(self)
        self._thread.start()
        self.requests.request_rerun()

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self.requests.wait_idle(timeout)

    def close(self) -> None:
        """Stop the script thread and close every widget of the app."""
        self._closed = True
        if self.dev_loop is not None:
            self.dev_loop.close()
        self.requests.close()
        self.timers.close()
        self.helpers.close()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            # A run stuck in plain Python (no st.* call to notice the close) is stopped.
            self.run_watch.stop()
            self._thread.join(timeout=5)
        self.reconciler.close()
        self.browser_url.close()

    # ----- the URL the visitor opened ------------------------------------------------------
    def open_request(self) -> None:
        """Take the query string and page from the visitor's request (Voilà's kernel env)."""
        request = request_environ()
        if request is None:  # not a Voilà page: JupyterLab, AppTest, plain Python
            return
        self.request = visitor_request(self.browser_url.navigate)
        self.query_params.replace_quietly(request["query_string"])
        self.pages.open_url(request["path"], request["base_url"])
        self.browser_url.set(page=self.pages.url_page, query=self.query_params.query_string)

    def _query_params_changed(self) -> None:
        self.browser_url.set(query=self.query_params.query_string)
        self.browser_url.flush()

    # ----- the script thread ---------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            data = self.requests.wait_take()
            if data is None:
                return
            try:
                self._run(data)
            except BaseException:  # the loop must survive anything a run does
                log.exception("jupyst: a script run failed outside the script")

    def _run(self, data: RerunData) -> None:
        if data.fragment_ids and self.last_ctx is not None:
            run_fragments(self, data)
            return
        ctx = RunContext.new(self, self.source.page_hash, main=main_dg)
        with self.tree_lock:
            self.helpers.run_started(ctx)
        self.fragments.clear_wrappers()
        seq = self.fragments.sequence()
        set_run_context(ctx)
        self._running_click = bool(data.triggers or data.carried)
        submitted = self._submitted_forms(data.triggers)
        try:
            outcome = self._execute(ctx, data)
        finally:
            set_run_context(None)
        with self.tree_lock:  # helper threads draw before the final commit or after it
            try:
                self._end_run(ctx, data, outcome, seq, submitted)
            finally:
                self.helpers.run_ended()

    def _end_run(self, ctx: RunContext, data: RerunData, outcome: Outcome, seq: int, submitted: list[str]) -> None:
        if self._closed:  # a closing session stopped this run: nothing to show any more
            return
        if outcome is Outcome.INTERRUPTED:
            self.state.end_run(completed=False)
            self.requests.carry_over(data.triggers + data.carried)
            return
        if outcome is Outcome.RERUN:
            self.state.end_run(completed=False)
            if self._rerun_ids:  # st.rerun("key") in a callback: only those fragments
                self.requests.request_fragments(self._rerun_ids)
            else:
                self.requests.request_rerun()
            return
        self.state.end_run(completed=outcome is Outcome.COMPLETED)
        self.last_outcome = outcome
        if outcome is Outcome.COMPLETED:  # fragments this run did not call are gone
            self.fragments.keep_only(self.fragments.registered_after(seq))
        self.timers.sync(self.fragments.timed())
        merge_late_writes(ctx)
        self.reconciler.commit(ctx, final=outcome is not Outcome.COMPILE_ERROR)
        self.pages.after_run(ctx)
        if self.dev_loop is not None:
            self.dev_loop.after_run()
        self.last_ctx = ctx
        self.run_count += 1
        for form_id in submitted:
            self._clear_form(form_id)

    def _execute(self, ctx: RunContext, data: RerunData) -> Outcome:
        due = self.state.begin_run(data.changes, data.triggers)
        for wid in data.carried:
            self.state.set_widget_value(wid, True)
        self._rerun_ids = []
        try:
            with self.run_watch.watch():
                return self._execute_app_code(ctx, data, due)
        except RunTimedOut:
            main = ctx.roots["main"]
            place(main, len(main.children or ()), Node(kind="error", props={
                "body": timeout_message(run_timeout()), "icon": None, "title": None,
            }))
            return Outcome.ERROR
        except StopException:  # a closing session stopped a stuck run
            return Outcome.STOPPED

    def _execute_app_code(self, ctx: RunContext, data: RerunData, due: Any) -> Outcome:
        try:
            if due:
                self.state.run_callbacks(due)
                if self.state.rerun_from_callback and self.state.rerun_targets:
                    self._rerun_ids = list(self.state.rerun_targets)
                    return Outcome.RERUN
            try:
                source, filename = self.source.read()
                code = self.compiled.get(source, filename)
            except (SyntaxError, OSError) as exc:
                self._show_exception(ctx, exc)
                return Outcome.COMPILE_ERROR
            module = fresh_module(filename, main_dg._magic)
            module.__dict__.update(self.source.extra_globals)
            ensure_on_path(self.source.directory)
            self.pages.run_main(code, module)
        except StopException:
            return Outcome.STOPPED
        except RerunException as exc:
            self._rerun_ids = exc.fragment_ids
            return Outcome.RERUN
        except FragmentHandledException:  # shown inside its fragment already
            return Outcome.ERROR
        except RerunInterrupt:
            return Outcome.INTERRUPTED
        except SCRIPT_FAILURES as exc:
            self._show_exception(ctx, exc)
            return Outcome.ERROR
        return Outcome.COMPLETED

    def _show_exception(self, ctx: RunContext, exc: BaseException) -> None:
        # Both leave out jupyst's frames and, for a syntax error, the parser's: the error itself
        # says the user's file, line and caret (jupyst/runtime/script_errors.py).
        report_script_error(exc, self.source.path or self.source.name)
        props = redact(exception_props(exc), self.show_error_details)
        main = ctx.roots["main"]
        place(main, len(main.children or ()), Node(kind="exception", props=props))

    def check_interrupt(self) -> None:
        """Called at every st.* call: end a run that a newer event made stale."""
        if self._closed:
            raise StopException()
        if self.requests.has_pending(self._running_click):
            raise RerunInterrupt()

    def commit(self, ctx: RunContext, final: bool) -> None:
        run = self.fragment_run
        if run is not None and run.ctx is ctx:
            run.commit(final)
        else:
            self.reconciler.commit(ctx, final)

    # ----- forms ---------------------------------------------------------------------------
    def _submitted_forms(self, triggers: list[str]) -> list[str]:
        out = []
        for wid in triggers:
            meta = self.state.meta(wid)
            if meta is not None and meta.kind == "form_submit_button" and self.forms.clears_on_submit(meta.form_id):
                out.append(meta.form_id)
        return out

    def _clear_form(self, form_id: str) -> None:
        # As Streamlit's browser does: after a submit, the form's widgets show their
        # defaults again, and the next run receives those defaults.
        for node in list(self.reconciler.nodes.values()):
            if node.form_id == form_id and node.widget_id and not node.props.get("is_form_submitter"):
                default = node.props.get("default")
                self.requests.stage(node.widget_id, default)
                self.reconciler.show_value(node, default)

    # ----- events from the browser (shell thread) -------------------------------------------
    def _fragment_of(self, node: Node) -> str:
        """The fragment a widget event reruns ("" for the whole app)."""
        return node.fragment_id if node.fragment_id and node.fragment_id in self.fragments else ""

    def on_widget_value(self, node: Node, renderer: Renderer, raw: Any) -> None:
        assert node.widget_id is not None
        try:
            # A harness clears a widget as a script could (a browser may only clear one that
            # started empty, which from_widget checks).
            value = None if raw is None and self.is_app_test else renderer.from_widget(node.props, raw)
        except InvalidWidgetValue:
            log.warning("jupyst: refused a value for %s from the front end: %s", node.kind, excerpt(raw))
            self.reconciler.show_value(node, node.props["value"])
            return
        if node.props.get("disabled"):
            self.reconciler.show_value(node, node.props["value"])
            return
        changes = renderer.widget_changes(node, value, self.state.widget_value)
        if node.form_id:
            for wid, item in changes.items():
                self.forms.hold(node.form_id, wid, item)
        elif node.props.get("ignore"):
            for wid, item in changes.items():
                self.requests.stage(wid, item)
        else:
            self.requests.put(changes, fragment_id=self._fragment_of(node))

    def on_click(self, node: Node) -> None:
        if node.props.get("page_hash"):  # the page menu, st.page_link
            self.pages.on_link_click(node.props)
            return
        if node.kind == "dialog":  # the close button, the backdrop or Esc
            self.dismiss_dialog(node)
            return
        assert node.widget_id is not None
        changes = self.forms.submit(node.form_id) if node.props.get("is_form_submitter") else {}
        self.requests.put(changes, trigger=node.widget_id, fragment_id=self._fragment_of(node))

    def on_widget_triggers(self, node: Node, changes: dict[str, Any]) -> None:
        # A table's button column: its click is not held by a form (Streamlit sends it as a
        # trigger, not a form value), and reruns the fragment that drew the table.
        self.requests.put(changes, fragment_id=self._fragment_of(node))

    def dismiss_dialog(self, node: Node) -> None:
        """Close a dialog at once; with ``on_dismiss`` set, its trigger reruns the app."""
        if not node.props.get("dismissible", True):
            return
        self.reconciler.hide_dialog(node)
        if node.widget_id:
            self.requests.put({}, trigger=node.widget_id)

    def value_pending(self, node: Node) -> bool:
        wid = node.widget_id
        if wid is None:
            return False
        return self.requests.is_pending(wid) or bool(node.form_id and self.forms.is_held(node.form_id, wid))

    def request_rerun(self) -> None:
        self.requests.request_rerun()

    # ----- helper threads (add_script_run_ctx) ----------------------------------------------
    def live_context(self) -> RunContext | None:
        return self.helpers.live

    def show_thread_writes(self, ctx: RunContext) -> None:
        with self.tree_lock:
            self.helpers.show(ctx)
