"""What every input widget does in a run: validate, get an id, register, emit its node.

Elements call :func:`widget_value`; it checks the arguments Streamlit checks for all
widgets, computes the id, registers the widget with session state (callbacks, key binding,
read-only keys) and appends the node that the reconciler draws. The value the script sees
comes back. A widget drawn inside another element's node (a table's button columns) is only
registered: :func:`register_widget_call`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from jupyst.elements.lib import identity
from jupyst.elements.lib.node import Node
from jupyst.errors import (
    StreamlitAPIException,
    StreamlitInvalidFormCallbackError,
    StreamlitValueAssignmentNotAllowedError,
    StreamlitValueError,
)
from jupyst.runtime.run_context import require_run_context
from jupyst.runtime.session_state import WidgetMeta, require_valid_key

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator

LABEL_VISIBILITY = ("visible", "hidden", "collapsed")


def check_label_visibility(value: str) -> None:
    if value not in LABEL_VISIBILITY:
        raise StreamlitValueError("label_visibility", ["'visible'", "'hidden'", "'collapsed'"])


_ON_CHANGE_MODES = ("rerun", "ignore")


def check_callback(on_change: Any, name: str = "on_change", modes: tuple[str, ...] = _ON_CHANGE_MODES) -> None:
    """Streamlit's check of a callback parameter: a callable, None, or a supported mode."""
    if on_change is None or callable(on_change):
        return
    if isinstance(on_change, str) and on_change in _ON_CHANGE_MODES:
        if on_change in modes:
            return
        raise StreamlitAPIException(
            f'`{name}="{on_change}"` is not supported on this widget. '
            f"Pass a callback, or omit `{name}`."
        )
    raise StreamlitValueError(name, [repr(m) for m in modes] + ["a callback function"])


def check_key(key: Any) -> None:
    """Streamlit's check of a user key (after ``str()``): not empty, not an element id."""
    if key is None:
        return
    text = str(key)
    if text == "":
        raise StreamlitValueError("key", ["a non-empty string"])
    if text.startswith("$$ID"):
        raise StreamlitAPIException("Keys beginning with $$ID are reserved.")


@dataclass
class WidgetCall:
    """One widget call's common arguments."""

    kind: str
    label: str
    key: Any = None
    help: str | None = None
    on_change: Any = None
    args: Any = None
    kwargs: Any = None
    disabled: bool = False
    label_visibility: str = "visible"
    #: arguments that define the widget (hashed into its id)
    identity: dict[str, Any] = field(default_factory=dict)
    #: for a keyed widget: the identity arguments that are still hashed
    key_identity: bool | tuple[str, ...] = True
    trigger: bool = False
    writable: bool = True
    is_form_submitter: bool = False
    #: callback modes a trigger accepts besides a callable (download and link buttons)
    click_modes: tuple[str, ...] = ()
    #: called with the widget id and the node's props before the node is drawn (an element
    #: that keeps more in session state than its value: st.components.v2)
    prepare: Callable[[str, dict[str, Any]], None] | None = None


@dataclass
class Registered:
    """A widget registered in this run: its id, its value and where it draws."""

    wid: str
    value: Any
    user_key: str | None
    form_id: str
    target: DeltaGenerator


def register_widget_call(dg: DeltaGenerator, call: WidgetCall, default: Any) -> Registered:
    """Check ``call`` as Streamlit does and register its widget in this run (nothing drawn)."""
    ctx = require_run_context()
    if not isinstance(call.label, str):
        call.label = str(call.label)
    check_label_visibility(call.label_visibility)
    if call.trigger:
        # Buttons take a callback or nothing: Streamlit's _button accepts no mode strings.
        check_callback(call.on_change, "on_click", call.click_modes)
    else:
        check_callback(call.on_change)
    target = dg._active()
    form_id = target._form_id()
    state = ctx.session.state
    check_key(call.key)
    user_key = require_valid_key(call.key)
    if form_id and callable(call.on_change) and not call.is_form_submitter:
        raise StreamlitInvalidFormCallbackError()
    if not call.writable and user_key is not None and state.is_new_user_value(user_key):
        raise StreamlitValueAssignmentNotAllowedError(user_key)
    wid = identity.element_id(
        ctx,
        call.kind,
        user_key,
        form_id=form_id,
        root=target._root_name(),
        key_as_main_identity=call.key_identity,
        label=call.label,
        help=call.help,
        **call.identity,
    )
    callback = call.on_change if callable(call.on_change) else None
    meta = WidgetMeta(
        id=wid,
        kind=call.kind,
        default=default,
        user_key=user_key,
        callback=callback,
        args=tuple(call.args or ()),
        kwargs=dict(call.kwargs or {}),
        trigger=call.trigger,
        form_id=form_id,
        disabled=call.disabled,
    )
    return Registered(wid, state.register_widget(meta), user_key, form_id, target)


def widget_value(
    dg: DeltaGenerator,
    call: WidgetCall,
    default: Any,
    props: dict[str, Any],
    coerce: Callable[[Any], Any] | None = None,
) -> Any:
    """Register the widget in this run and draw it; return its value for the script."""
    registered = register_widget_call(dg, call, default)
    wid, value = registered.wid, registered.value
    if coerce is not None:
        fixed = coerce(value)
        if fixed is not value and fixed != value:
            require_run_context().session.state.set_widget_value(wid, fixed)
        value = fixed
    node_props = {
        "label": call.label,
        "help": call.help,
        "disabled": call.disabled,
        "label_visibility": call.label_visibility,
        "key": registered.user_key,
        "value": value,
        "default": default,
        "ignore": call.on_change == "ignore",
        **props,
    }
    if call.prepare is not None:
        call.prepare(wid, node_props)
    registered.target._append(Node(kind=call.kind, props=node_props, widget_id=wid, form_id=registered.form_id))
    return value


def label_traits(props: dict[str, Any]) -> dict[str, Any]:
    """The description and tooltip traits shared by labelled ipywidgets."""
    from jupyst.elements.lib.markdown import render

    visibility = props.get("label_visibility", "visible")
    return {
        "description": render(props["label"], inline=True) if visibility != "collapsed" else "",
        "description_allow_html": True,
        "tooltip": props.get("help"),
    }


def widget_classes(kind: str, props: dict[str, Any]) -> tuple[str, ...]:
    out = ["jupyst-element", f"jupyst-{kind}", "jupyst-widget"]
    visibility = props.get("label_visibility", "visible")
    if visibility != "visible":
        out.append(f"jupyst-label-{visibility}")
    return tuple(out)
