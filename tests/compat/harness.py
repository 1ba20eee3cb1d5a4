"""Run one script under Streamlit's AppTest and jupyst's AppTest and compare what they show.

A :class:`Case` is a script plus interaction steps. :func:`run_case` runs the script under
both AppTests, applies each step to both in the same way, and after the first run and after
every step compares a normalized :func:`snapshot` of each: the element tree of the main area
and of the sidebar, and ``session_state.to_dict()``.

Normalization removes only differences of *representation* between the two element trees;
each one is listed (and explained) in ``_block_kind`` and ``_leaf`` below. Behaviour is never
normalized: values, order, nesting, labels, options, exception types and messages must match.

Steps
-----
A step is one action, or a list of actions applied before a single ``run()``:

``("run",)``
    rerun without any interaction.
``("session_state", key, value)``
    ``at.session_state[key] = value``.
``(collection, selector, method, *args)``
    ``at.<collection>[selector].<method>(*args)`` when ``selector`` is an int, and
    ``at.<collection>(key=selector).<method>(*args)`` when it is a str. ``collection`` may be
    dotted to start from a root: ``"sidebar.button"`` is ``at.sidebar.button``.
"""

from __future__ import annotations

import difflib
import math
import pprint
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Union

Action = tuple[Any, ...]
Step = Union[Action, list[Action]]

#: How long one run may take in either AppTest.
DEFAULT_TIMEOUT = 10


@dataclass(frozen=True)
class Case:
    """One compatibility case: a script and the interactions applied to it."""

    name: str
    script: str
    steps: Sequence[Step] = ()
    #: when set, the case is expected to fail (strictly) for this reason: a known jupyst bug
    #: outside the parts this suite's owner may change
    xfail: str | None = None
    #: extra assertions on Streamlit's snapshots (one per stage: the first run, then one per
    #: step), so that a case cannot pass vacuously by missing what it is meant to exercise
    expect: Callable[[list[dict[str, Any]]], None] | None = field(default=None, compare=False)


# ----- snapshot ----------------------------------------------------------------------------
def snapshot(at: Any) -> dict[str, Any]:
    """What an AppTest shows after a run, in a form both AppTests produce alike.

    Toasts live in the "event" root, outside main and sidebar: they are listed on their own.
    The bottom root (``st.bottom``) has no accessor in Streamlit's AppTest; it is read from the
    tree (root index 3) there and from the "bottom" root in jupyst.
    """
    return {
        "main": _children(at.main),
        "sidebar": _children(at.sidebar),
        "bottom": _bottom(at),
        "toasts": [(t.value, t.icon or "") for t in at.toast],
        "dialogs": _dialogs(at),
        "session_state": {k: _plain(v) for k, v in sorted(at.session_state.to_dict().items())},
    }


def _bottom(at: Any) -> list[Any]:
    if type(at).__module__.startswith("streamlit"):
        block = at._tree.children.get(3)
        return [] if block is None else _children(block)
    return _children(at._root("bottom"))


def _dialogs(at: Any) -> list[Any]:
    """The dialogs open over the app (blocks of the event root), with their title and content."""
    if type(at).__module__.startswith("streamlit"):
        event = at._tree.children.get(2)
        blocks = [] if event is None else [event.children[i] for i in sorted(event.children)]
        return [(b.proto.dialog.title, _children(b)) for b in blocks if _is_block(b) and b.type == "dialog"]
    event = at._root("event")
    blocks = [event.children[i] for i in sorted(event.children)]
    return [(b.title, _children(b)) for b in blocks if _is_block(b) and b.type == "dialog"]


def _children(block: Any) -> list[Any]:
    children = block.children
    return [_node(children[i], block) for i in sorted(children)]


def _is_block(node: Any) -> bool:
    return isinstance(getattr(node, "children", None), dict)


def _node(node: Any, parent: Any) -> Any:
    if _is_block(node):
        kind = _block_kind(node)
        attrs: dict[str, Any] = {}
        if kind in ("expander", "tab", "popover"):
            attrs["label"] = _popover_label(node) if kind == "popover" else node.label
            if kind == "expander":
                attrs["icon"] = node.icon or ""
        elif kind == "status":
            attrs.update(label=node.label, state=node.state, icon=node.icon)
        elif kind == "column":
            # Both report the weight divided by the sum of the row's weights.
            attrs["weight"] = round(float(node.weight), 9)
        elif kind == "form":
            attrs["key"] = node.key
        elif kind == "chat_message":
            attrs.update(name=node.name, avatar=node.avatar)
        return (kind, attrs, _children(node))
    return _leaf(node)


def _block_kind(block: Any) -> str:
    kind = block.type
    # Representation: Streamlit 1.67 draws both st.columns' row and st.container as a
    # "flex_container" block (horizontal for the row); jupyst names them "columns" and
    # "container". A flex_container whose children are columns is the columns row.
    if kind == "flex_container":
        kids = list(block.children.values())
        if kids and all(getattr(k, "type", None) == "column" for k in kids):
            return "columns"
        return "container"
    # Representation: Streamlit names st.tabs' bar "tab_container", jupyst "tabs".
    if kind == "tab_container":
        return "tabs"
    return kind


def _popover_label(block: Any) -> str:
    # Representation: Streamlit's AppTest has no Popover class; the label is a proto field.
    if type(block).__module__.startswith("streamlit"):
        return block.proto.popover.label
    return block.label


_TEXT = ("title", "header", "subheader", "markdown", "caption", "text", "code", "divider", "latex", "html")
_ALERTS = ("success", "info", "warning", "error")


def _leaf(el: Any) -> tuple[Any, ...]:
    kind = el.type
    if kind in _TEXT or kind in _ALERTS:
        # st.divider is a markdown element with the body "---" in Streamlit (type "divider");
        # jupyst gives its divider the same body, so no normalization is needed.
        return (kind, el.value)
    if kind == "json":
        # Both keep the JSON text as Streamlit does (a string as given, compact otherwise).
        return (kind, el.value)
    if kind == "dataframe":
        return (kind, _frame(el.value))
    if kind == "exception":
        # Compare the exception's class name and message; the stack traces differ by nature
        # (Streamlit's runner frames, file names).
        # Representation: for an *uncaught* exception Streamlit shows the module-qualified
        # type ("streamlit.errors.StreamlitAPIException", "__main__.MyError"; builtins stay
        # bare), for st.exception() the bare class name. The module of an st.* error is
        # necessarily "streamlit.errors" there and "jupyst.errors" here, so compare the
        # class name only.
        return (kind, el.proto.type.rsplit(".", 1)[-1], el.value)
    if kind == "empty":
        return (kind,)
    if kind == "progress":
        return (kind, el.value, el.text)
    if kind == "link_button":
        # Streamlit's LinkButton value is its label; the URL is a proto field in both.
        return (kind, el.value, el.url, bool(el.disabled))
    if kind == "feedback":
        # st.feedback has no label.
        return (kind, el.key, _plain(el.value), {"disabled": bool(el.disabled)})
    if kind == "chat_input":
        # st.chat_input has no label: its placeholder stands in the label's place.
        return (kind, el.placeholder, el.key, _plain(el.value), {"disabled": bool(el.disabled), "max_chars": el.max_chars})
    if kind in _WIDGET_FIELDS:
        return _widget(el)
    # Any other element: its type only. Cases should stay within the kinds listed here.
    return (kind,)


#: widget type -> the fields compared besides type, label, key, value and disabled.
#: Slider and number_input bounds are protobuf doubles in Streamlit (10.0) and Python ints in
#: jupyst (10); ``==`` treats them alike, so they need no normalization.
_WIDGET_FIELDS: dict[str, tuple[str, ...]] = {
    "button": (),
    "form_submit_button": (),
    "checkbox": (),
    "toggle": (),
    "radio": ("options",),
    "selectbox": ("options",),
    "multiselect": ("options",),
    "slider": ("min", "max", "step"),
    "number_input": ("min", "max", "step"),
    "text_input": (),
    "text_area": (),
    "select_slider": ("options",),
    "date_input": ("min", "max", "is_range"),
    "time_input": ("step",),
    "date_time_input": ("min", "max", "step"),
    "color_picker": (),
    "button_group": ("options",),
    "download_button": (),
    "file_uploader": ("accept_multiple_files",),
    "camera_input": (),
}


def _widget(el: Any) -> tuple[Any, ...]:
    kind = el.type
    # Representation: Streamlit's tree has no separate form_submit_button type (it is a
    # button proto with is_form_submitter set); jupyst reports "form_submit_button".
    name = "button" if kind == "form_submit_button" else kind
    extras = {f: _plain(getattr(el, f)) for f in _WIDGET_FIELDS[kind]}
    extras["disabled"] = bool(el.disabled)
    return (name, el.label, el.key, _plain(el.value), extras)


def _frame(df: Any) -> dict[str, Any]:
    # Representation: Streamlit's Dataframe.value is rebuilt from Arrow bytes; compare the
    # cells as plain values and the column labels as strings.
    split = df.to_dict(orient="split")
    return {
        "columns": [str(c) for c in split["columns"]],
        "index": [_plain(i) for i in split["index"]],
        "data": [[_plain(v) for v in row] for row in split["data"]],
    }


def _plain(value: Any) -> Any:
    """Values as plain Python: protobuf repeated fields and numpy scalars become lists and numbers."""
    if isinstance(value, (str, bool, type(None))):
        return value
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, (int, float)):
        return value
    if type(value).__name__ in ("RepeatedScalarContainer", "RepeatedCompositeContainer"):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if type(value).__name__ == "ChatInputValue":
        return ("ChatInputValue", {k: _plain(v) for k, v in value.to_dict().items()})
    if type(value).__name__ == "UploadedFile":
        # Each AppTest makes its own file ids; compare what the script can read.
        return ("UploadedFile", value.name, value.type, value.size, value.getvalue())
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


# ----- interactions ------------------------------------------------------------------------
def apply_action(at: Any, action: Action) -> None:
    head = action[0]
    if head == "run":
        return
    if head == "session_state":
        _, key, value = action
        at.session_state[key] = value
        return
    collection, selector, method, *args = action
    target: Any = at
    for part in collection.split("."):
        target = getattr(target, part)
    element = target(key=selector) if isinstance(selector, str) else target[selector]
    getattr(element, method)(*args)


def apply_step(at: Any, step: Step) -> None:
    actions = step if isinstance(step, list) else [step]
    for action in actions:
        apply_action(at, action)
    at.run()


# ----- running a case ----------------------------------------------------------------------
def run_snapshots(app_test_cls: Any, case: Case) -> list[dict[str, Any]]:
    """The snapshot after the first run and after each step, under one AppTest class."""
    at = app_test_cls.from_string(case.script, default_timeout=DEFAULT_TIMEOUT)
    try:
        at.run()
        out = [snapshot(at)]
        for step in case.steps:
            apply_step(at, step)
            out.append(snapshot(at))
        return out
    finally:
        close = getattr(at, "close", None)
        if close is not None:
            close()


def describe(case: Case, stage: int) -> str:
    return "first run" if stage == 0 else f"step {stage}: {case.steps[stage - 1]!r}"


def compare(case: Case, streamlit_snaps: list[dict[str, Any]], jupyst_snaps: list[dict[str, Any]]) -> None:
    """Assert that jupyst showed what Streamlit showed at every stage."""
    for stage, (want, got) in enumerate(zip(streamlit_snaps, jupyst_snaps)):
        if want != got:
            diff = "\n".join(
                difflib.unified_diff(
                    pprint.pformat(want, width=100).splitlines(),
                    pprint.pformat(got, width=100).splitlines(),
                    "streamlit",
                    "jupyst",
                    lineterm="",
                )
            )
            raise AssertionError(f"{case.name}: after {describe(case, stage)}\n{diff}")
    assert len(streamlit_snaps) == len(jupyst_snaps)
