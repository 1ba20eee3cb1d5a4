"""The seam between the caches and the app runtime: run context, spinner, element replay.

Caching works in a plain Python process with no app running: there the run context is
``None`` and nothing is shown. The seam also tracks whether the current thread is inside a
cached function, because only the outermost cached call shows a spinner or pauses for a
rerun. The hooks are module attributes so tests can replace them.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any, Callable

from jupyst.elements.status import spinner as app_spinner
from jupyst.runtime.config_file import get_config
from jupyst.runtime.run_context import get_run_context
from jupyst.runtime.secrets import load_secrets, secrets_paths

_get_run_context: Callable[[], Any] = get_run_context
_spinner: Callable[[str], contextlib.AbstractContextManager[Any]] = app_spinner
_inside_cached_call: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "jupyst_inside_cached_call", default=False
)


def _no_context() -> None:
    return None


def run_context() -> Any:
    """The current app run's context, or ``None`` outside an app run."""
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


def spinner(text: str | None, ctx: Any) -> contextlib.AbstractContextManager[Any]:
    """The runtime's spinner with ``text``, when there is an app to show it in."""
    if text is None or ctx is None or inside_cached_call():
        return contextlib.nullcontext()
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
    # A broken file is the app's error to report, not the cache's; no secrets file at all is
    # the usual case.
    with contextlib.suppress(Exception):
        config = get_config()
    with contextlib.suppress(Exception):
        secrets = load_secrets(secrets_paths())
    return config, secrets
