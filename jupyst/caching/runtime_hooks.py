"""The seam between the caches and the app runtime: run context, spinner, element replay.

Caching must work in a plain Python process with no app running (and before the runtime
modules exist at all), so each hook is looked up once, lazily, and degrades to "no app":
no context, no spinner. It also tracks whether the current thread is inside a cached
function, because only the outermost cached call shows a spinner or pauses for a rerun.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any, Callable

# The runtime's hooks, looked up on first use (and replaceable by tests).
_get_run_context: Callable[[], Any] | None = None
_spinner: Callable[[str], contextlib.AbstractContextManager[Any]] | None = None
_inside_cached_call: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "jupyst_inside_cached_call", default=False
)


def _no_context() -> None:
    return None


def run_context() -> Any:
    """The current app run's context, or ``None`` outside an app run."""
    global _get_run_context
    if _get_run_context is None:
        try:
            from jupyst.runtime.run_context import get_run_context
        except ImportError:
            _get_run_context = _no_context
        else:
            _get_run_context = get_run_context
    return _get_run_context()


def inside_cached_call() -> bool:
    """True while a cached function's body runs on this thread (i.e. we are nested)."""
    return _inside_cached_call.get()


@contextlib.contextmanager
def marking_cached_call() -> Iterator[None]:
    token = _inside_cached_call.set(True)
    try:
        yield
    finally:
        _inside_cached_call.reset(token)


def _no_spinner(text: str) -> contextlib.AbstractContextManager[Any]:
    return contextlib.nullcontext()


def spinner(text: str | None, ctx: Any) -> contextlib.AbstractContextManager[Any]:
    """The runtime's spinner with ``text``, when there is an app to show it in."""
    global _spinner
    if text is None or ctx is None or inside_cached_call():
        return contextlib.nullcontext()
    if _spinner is None:
        try:
            from jupyst.elements.status import spinner as runtime_spinner
        except ImportError:
            # Not there yet (older runtime): no spinner, and no retry on every miss.
            _spinner = _no_spinner
        else:
            _spinner = runtime_spinner
    return _spinner(text)


def yield_check(ctx: Any) -> Callable[[], None]:
    """What to call while waiting for another computation: lets a newer rerun stop us.

    Inside a cached function the wait is not interrupted: stopping there would throw away
    the enclosing function's work too.
    """
    if ctx is None or inside_cached_call():
        return _nothing
    return getattr(ctx, "yield_point", None) or _nothing


def _nothing() -> None:
    pass


def run_capturing(
    ctx: Any, func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, list[Any]]:
    """Call ``func`` as a cached function body; return its value and what it drew."""
    with marking_cached_call():
        if ctx is None:
            return func(*args, **kwargs), []
        with ctx.capture_elements() as capture:
            value = func(*args, **kwargs)
        return value, list(capture.nodes)


def replay(ctx: Any, nodes: list[Any]) -> None:
    """Draw again what a cached function drew when it was computed."""
    if nodes and ctx is not None:
        ctx.replay_elements(nodes)


def app_options() -> tuple[dict[str, Any], dict[str, Any]]:
    """The app's config.toml options (flattened) and its secrets.toml, each ``{}`` if absent.

    Read for the cache's own settings (``[cache]``); a file that does not parse is reported
    by the app itself, so here it only counts as empty.
    """
    config: dict[str, Any] = {}
    secrets: dict[str, Any] = {}
    try:
        from jupyst.runtime.config_file import get_config
        from jupyst.runtime.secrets import load_secrets, secrets_paths
    except ImportError:
        return config, secrets
    # A broken file is the app's error to report, not the cache's; no secrets file at all is
    # the usual case.
    with contextlib.suppress(Exception):
        config = get_config()
    with contextlib.suppress(Exception):
        secrets = load_secrets(secrets_paths())
    return config, secrets
