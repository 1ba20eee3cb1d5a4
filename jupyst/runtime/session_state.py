"""Session state with Streamlit's rules: the values a script sets and the values widgets hold.

Three layers, as Streamlit keeps them: what the previous runs left (``_old``, by widget id or,
for plain values, by user key), what the script or its callbacks set in this run
(``_new_user``, by user key), and what the front end sent for this run (``_new_widget``, by
widget id). ``st.session_state`` (:class:`SessionStateProxy`) shows user keys only.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Callable

from jupyst.errors import StreamlitAPIException, StreamlitWidgetAlreadyInstantiatedError

_DOCS = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"
_IMMUTABLE = (str, int, float, bool, bytes, type(None), tuple, frozenset)


def missing_key_message(key: str) -> str:
    return f'st.session_state has no key "{key}". Did you forget to initialize it? More info: {_DOCS}'


def missing_attr_message(key: str) -> str:
    return (
        f'st.session_state has no attribute "{key}". Did you forget to initialize it? '
        f"More info: {_DOCS}"
    )


@dataclass
class WidgetMeta:
    """What a widget registered in a run: enough to run its callback and reset it."""

    id: str
    kind: str
    default: Any
    user_key: str | None = None
    callback: Callable[..., Any] | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    trigger: bool = False
    form_id: str = ""
    disabled: bool = False
    #: the innermost fragment that drew the widget ("" outside fragments)
    fragment_id: str = ""
    #: what ``st.session_state[key]`` shows of the stored value (None: the value itself);
    #: a components-v2 component shows its state with this run's trigger values merged in
    present: Callable[[Any], Any] | None = None


class SessionState:
    """One app session's state, across runs."""

    def __init__(self) -> None:
        self._old: dict[str, Any] = {}
        self._new_user: dict[str, Any] = {}
        self._new_widget: dict[str, Any] = {}
        self._key_to_id: dict[str, str] = {}
        self._id_to_key: dict[str, str] = {}
        self._meta: dict[str, WidgetMeta] = {}
        #: widget ids created so far in the current run (read-only checks)
        self.ids_this_run: set[str] = set()
        self.form_ids_this_run: set[str] = set()
        self.in_callback = False
        self.rerun_from_callback = False
        #: fragments a callback asked to rerun instead of the app (``st.rerun("key")``);
        #: None once any callback asked for the whole app
        self.rerun_targets: list[str] | None = None

    # ----- mapping access by user key -------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        key = str(key)
        wid = self._key_to_id.get(key)
        if key in self._new_user:
            value = self._new_user[key]
            return value if wid is None else self._presented(wid, value)
        if wid is not None:
            if wid in self._new_widget:
                return self._presented(wid, self._new_widget[wid])
            if wid in self._old:
                return self._presented(wid, self._old[wid])
        if key in self._old:
            return self._old[key]
        raise KeyError(missing_key_message(key))

    def _presented(self, wid: str, value: Any) -> Any:
        meta = self._meta.get(wid)
        return value if meta is None or meta.present is None else meta.present(value)

    def __setitem__(self, key: str, value: Any) -> None:
        key = str(key)
        if not self.in_callback:
            wid = self._key_to_id.get(key)
            if (wid is not None and wid in self.ids_this_run) or key in self.form_ids_this_run:
                raise StreamlitWidgetAlreadyInstantiatedError(key)
        self._new_user[key] = value

    def __delitem__(self, key: str) -> None:
        key = str(key)
        if key not in self:
            raise KeyError(missing_key_message(key))
        self._new_user.pop(key, None)
        self._old.pop(key, None)
        wid = self._key_to_id.get(key)
        if wid is not None:
            self._new_widget.pop(wid, None)
            self._old.pop(wid, None)

    def __contains__(self, key: object) -> bool:
        try:
            self[str(key)]
        except KeyError:
            return False
        return True

    def keys(self) -> list[str]:
        seen: dict[str, None] = {}
        for layer in (self._old, self._new_widget):
            for k in layer:
                if k in self._meta or k.startswith("$$ID"):
                    user_key = self._id_to_key.get(k)
                    if user_key is not None:
                        seen[user_key] = None
                else:
                    seen[k] = None
        for k in self._new_user:
            seen[k] = None
        return [k for k in seen if k in self]

    def to_dict(self) -> dict[str, Any]:
        return {k: self[k] for k in self.keys()}

    # ----- the run cycle ----------------------------------------------------------------
    def _compact(self) -> None:
        # Values the script or a callback assigned win over what the front end sent in the
        # same run (a callback that clamps its own widget), as in Streamlit's lookup order.
        self._old.update(self._new_widget)
        for key, value in self._new_user.items():
            wid = self._key_to_id.get(key)
            if wid is not None:
                self._old[wid] = value
                self._old.pop(key, None)
            else:
                self._old[key] = value
        self._new_user.clear()
        self._new_widget.clear()

    def reset_triggers(self) -> None:
        for wid, meta in self._meta.items():
            if meta.trigger:
                for layer in (self._old, self._new_widget):
                    if wid in layer:
                        layer[wid] = meta.default

    def begin_run(self, changes: dict[str, Any], triggers: list[str]) -> list[WidgetMeta]:
        """Fold the last run in, apply the front end's changes; return callbacks due."""
        self._compact()
        self.reset_triggers()
        self.ids_this_run = set()
        self.form_ids_this_run = set()
        due: list[WidgetMeta] = []
        for wid, value in changes.items():
            meta = self._meta.get(wid)
            if meta is None:
                continue
            before = self._old.get(wid, meta.default)
            self._new_widget[wid] = value
            if meta.callback is not None and not meta.disabled and _differs(before, value):
                due.append(meta)
        for wid in triggers:
            meta = self._meta.get(wid)
            if meta is None:
                continue
            self._new_widget[wid] = True
            if meta.callback is not None and not meta.disabled:
                due.append(meta)
        return due

    def run_callbacks(self, due: list[WidgetMeta]) -> None:
        """Run callbacks before the body; ``st.rerun()`` in one makes the body a fresh run."""
        self.in_callback = True
        self.rerun_from_callback = False
        self.rerun_targets = None
        try:
            for meta in due:
                assert meta.callback is not None
                meta.callback(*meta.args, **meta.kwargs)
        finally:
            self.in_callback = False
        if self.rerun_from_callback:
            self.reset_triggers()

    def register_widget(self, meta: WidgetMeta) -> Any:
        """Record a widget created in this run and return its current value."""
        wid = meta.id
        self.ids_this_run.add(wid)
        if not meta.fragment_id:
            meta.fragment_id = _running_fragment_id()
        previous = self._meta.get(wid)
        self._meta[wid] = meta
        if meta.user_key is not None:
            self._key_to_id[meta.user_key] = wid
            self._id_to_key[wid] = meta.user_key
            if meta.user_key in self._old and wid not in self._old:
                self._old[wid] = self._old.pop(meta.user_key)
        if previous is not None and previous.trigger is False and meta.trigger:
            self._old.pop(wid, None)
        value = self._value_of(wid, meta.user_key)
        if value is _MISSING:
            value = meta.default
            self._new_widget[wid] = value
        return value if isinstance(value, _IMMUTABLE) else copy.deepcopy(value)

    def _value_of(self, wid: str, user_key: str | None) -> Any:
        if user_key is not None and user_key in self._new_user:
            return self._new_user[user_key]
        if wid in self._new_widget:
            return self._new_widget[wid]
        if wid in self._old:
            return self._old[wid]
        return _MISSING

    def set_widget_value(self, wid: str, value: Any) -> None:
        """Correct a widget's stored value (an out-of-range value clamped by the element)."""
        user_key = self._id_to_key.get(wid)
        if user_key is not None and user_key in self._new_user:
            self._new_user[user_key] = value
        else:
            self._new_widget[wid] = value

    def old_value(self, wid: str) -> Any:
        """A widget's value as the last run left it (its default if it had none)."""
        meta = self._meta.get(wid)
        return self._old.get(wid, None if meta is None else meta.default)

    def widget_value(self, wid: str) -> Any:
        value = self._value_of(wid, self._id_to_key.get(wid))
        return None if value is _MISSING else value

    def meta(self, wid: str) -> WidgetMeta | None:
        return self._meta.get(wid)

    def is_new_user_value(self, key: str) -> bool:
        return key in self._new_user

    def end_run(self, completed: bool, fragment_ids: list[str] | None = None) -> None:
        """After a run: forget widgets it did not draw (only if it ran to the end).

        A fragment run (``fragment_ids``) forgets only widgets of those fragments: the rest
        of the app did not run, so its widgets are not stale. Between runs no widget counts
        as created, so tests and callbacks may assign any key.
        """
        self.reset_triggers()
        drawn, self.ids_this_run, self.form_ids_this_run = self.ids_this_run, set(), set()
        if not completed:
            return
        stale = [w for w, m in self._meta.items() if w not in drawn and (not fragment_ids or m.fragment_id in fragment_ids)]
        for wid in stale:
            self._meta.pop(wid)
            self._old.pop(wid, None)
            self._new_widget.pop(wid, None)
            user_key = self._id_to_key.pop(wid, None)
            if user_key is not None and self._key_to_id.get(user_key) == wid:
                del self._key_to_id[user_key]
                self._new_user.pop(user_key, None)


_MISSING = object()


def _running_fragment_id() -> str:
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    return ctx.fragment_id if ctx is not None else ""


def _differs(a: Any, b: Any) -> bool:
    try:
        return bool(a != b)
    except Exception:
        return True


class SessionStateProxy(MutableMapping[str, Any]):
    """``st.session_state``: the current app session's state by item or attribute."""

    def _state(self) -> SessionState:
        from jupyst.runtime.run_context import get_run_context

        ctx = get_run_context()
        if ctx is None:
            return _bare_state()
        return ctx.session.state

    def __getitem__(self, key: str) -> Any:
        return self._state()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._state()[key] = value

    def __delitem__(self, key: str) -> None:
        self._state().__delitem__(key)

    def __contains__(self, key: object) -> bool:
        return key in self._state()

    def __iter__(self) -> Iterator[str]:
        return iter(self._state().keys())

    def __len__(self) -> int:
        return len(self._state().keys())

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self._state()[key]
        except KeyError:
            raise AttributeError(missing_attr_message(key)) from None

    def __setattr__(self, key: str, value: Any) -> None:
        self._state()[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del self._state()[key]
        except KeyError:
            raise AttributeError(missing_attr_message(key)) from None

    def to_dict(self) -> dict[str, Any]:
        return self._state().to_dict()

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(repr(self.to_dict()))}</pre>"


_BARE: SessionState | None = None


def _bare_state() -> SessionState:
    # Outside an app (plain Python), Streamlit's bare mode still offers a session state.
    global _BARE
    if _BARE is None:
        _BARE = SessionState()
    return _BARE


def require_valid_key(key: Any) -> str | None:
    if key is None:
        return None
    key = str(key)
    if key == "" or key.startswith("$$ID"):
        raise StreamlitAPIException(f"Invalid key: `{key}`. Keys may not be empty or start with `$$ID`.")
    return key
