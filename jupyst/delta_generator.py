"""DeltaGenerator: the container object that every element method hangs off.

``st.x`` is a method of the main DeltaGenerator; ``st.sidebar.x``, ``col.x`` and
``container.x`` are the same methods on other containers. A DeltaGenerator is one of three
things: a root (main, sidebar, ...) found anew in each run, a block created in this run, or
the slot of one element, which a later call on it replaces in place (``st.empty()``).
"""

from __future__ import annotations

from typing import Any, Literal

from jupyst.elements.alerts import AlertMixin
from jupyst.elements.audio_input import AudioInputMixin
from jupyst.elements.bidi_component import BidiComponentMixin
from jupyst.elements.button import ButtonMixin
from jupyst.elements.button_group import ButtonGroupMixin
from jupyst.elements.charts import ChartMixin
from jupyst.elements.charts_extra import ChartsExtraMixin
from jupyst.elements.chat import ChatMixin
from jupyst.elements.checkbox import CheckboxMixin
from jupyst.elements.color_picker import ColorPickerMixin
from jupyst.elements.custom_component import CustomComponentMixin
from jupyst.elements.data import DataMixin
from jupyst.elements.data_editor import DataEditorMixin
from jupyst.elements.dataframe import DataframeMixin
from jupyst.elements.file_uploader import FileUploaderMixin
from jupyst.elements.form import FormMixin
from jupyst.elements.fragment import outside_target, slot_written
from jupyst.elements.grid import GridMixin
from jupyst.elements.iframe import IFrameMixin
from jupyst.elements.layout import LayoutMixin
from jupyst.elements.lib.late_writes import is_late, late_target, track_block
from jupyst.elements.lib.node import Node, place
from jupyst.elements.lib.thread_writes import thread_target
from jupyst.elements.map import MapMixin
from jupyst.elements.media import MediaMixin
from jupyst.elements.menus import MenusMixin
from jupyst.elements.metric import MetricMixin
from jupyst.elements.number_input import NumberInputMixin
from jupyst.elements.page_link import PageLinkMixin
from jupyst.elements.select_slider import SelectSliderMixin
from jupyst.elements.selection import SelectionMixin
from jupyst.elements.slider import SliderMixin
from jupyst.elements.spacing import SpacingMixin
from jupyst.elements.status import StatusMixin, update_status
from jupyst.elements.text import TextMixin
from jupyst.elements.text_input import TextInputMixin
from jupyst.elements.time_widgets import TimeWidgetsMixin
from jupyst.elements.write import WriteMixin
from jupyst.elements.write_stream import WriteStreamMixin
from jupyst.errors import StreamlitAPIException
from jupyst.naming import missing_attribute
from jupyst.runtime.run_context import (
    RunContext,
    get_run_context,
    is_helper_thread_without_context,
    require_run_context,
    warn_missing_context,
)


class DeltaGenerator(
    TextMixin,
    AlertMixin,
    WriteMixin,
    DataMixin,
    DataframeMixin,
    DataEditorMixin,
    MetricMixin,
    ChartMixin,
    MediaMixin,
    MapMixin,
    ButtonMixin,
    CheckboxMixin,
    SelectionMixin,
    SliderMixin,
    TextInputMixin,
    NumberInputMixin,
    LayoutMixin,
    FormMixin,
    StatusMixin,
    TimeWidgetsMixin,
    SelectSliderMixin,
    ColorPickerMixin,
    ButtonGroupMixin,
    FileUploaderMixin,
    PageLinkMixin,
    ChatMixin,
    WriteStreamMixin,
    IFrameMixin,
    CustomComponentMixin,
    BidiComponentMixin,
    GridMixin,
    SpacingMixin,
    ChartsExtraMixin,
    MenusMixin,
    AudioInputMixin,
):
    """A place in the app's element tree that st.* calls write into."""

    def __init__(
        self,
        root: str = "main",
        block: Node | None = None,
        slot: tuple[Node, int] | None = None,
        is_proxy: bool = False,
    ) -> None:
        self._root = root
        self._block_node = block
        self._slot = slot
        self._is_proxy = is_proxy
        #: an expander's or popover's open state, when it tracks one (``on_change``)
        self.open: bool | None = None

    # ----- where a call writes -----------------------------------------------------------
    def _active(self) -> DeltaGenerator:
        """The container a call on this object writes into (``with`` blocks for ``st.x``)."""
        if self._is_proxy and self._root == "main":
            ctx = get_run_context()
            if ctx is not None:
                stack = ctx.stack()
                if stack:
                    return stack[-1]
        return self

    def _form_id(self) -> str:
        dg = self._active()
        if dg._slot is not None:
            return dg._slot[0].form_id
        if dg._block_node is not None:
            return dg._block_node.form_id
        return ""

    def _root_name(self) -> str:
        return self._active()._root

    def _append(self, node: Node, yield_point: bool = True) -> DeltaGenerator:
        """Write one element (or block) here and return the object that stands for it."""
        if is_helper_thread_without_context():
            # A thread the app started without add_script_run_ctx: Streamlit warns and
            # draws nothing; the call returns a container that leads nowhere.
            warn_missing_context()
            return _nowhere(self._root, node)
        ctx = require_run_context()
        if not ctx.on_script_thread():
            return self._append_from_helper(ctx, node)
        with ctx.session.tree_lock:
            return self._append_on_script_thread(ctx, node, yield_point)

    def _append_on_script_thread(self, ctx: RunContext, node: Node, yield_point: bool) -> DeltaGenerator:
        if yield_point:
            ctx.yield_point()
        dg = self._active()
        if dg._slot is not None:
            parent, index = dg._slot
            if ctx.fragment_id:  # a fragment refilling a slot (st.empty) made outside it
                slot_written(ctx, parent, index)
        else:
            parent = dg._block_node if dg._block_node is not None else ctx.roots[dg._root]
            if ctx.fragment_id:  # a fragment writing into a container made outside it
                parent = outside_target(ctx, parent)
            elif is_late(ctx, parent):  # a callback writing into the last run's container
                parent = late_target(ctx, parent)
            index = len(parent.children or ())
        if node.children is not None:
            track_block(ctx, node)
            if not node.form_id:
                node.form_id = parent.form_id
        node.fragment_id = ctx.fragment_id
        place(parent, index, node)
        ctx.record(parent, node)
        if yield_point:
            ctx.maybe_flush()
        if node.children is not None:
            return DeltaGenerator(root=dg._root, block=node)
        return DeltaGenerator(root=dg._root, slot=(parent, index))

    def _append_from_helper(self, ctx: RunContext, node: Node) -> DeltaGenerator:
        """A helper thread's write: into the session's live run (see elements/lib/thread_writes.py)."""
        session = ctx.session
        with session.tree_lock:
            live = session.live_context() or ctx
            dg = self._active()
            if dg._slot is not None:
                target = thread_target(live, *dg._slot)
            else:
                target = thread_target(live, dg._block_node if dg._block_node is not None else ctx.roots[dg._root], None)
            if target is None:
                return _nowhere(dg._root, node)
            parent, index = target
            if node.children is not None:
                track_block(live, node)
                if not node.form_id:
                    node.form_id = parent.form_id
            place(parent, index, node)
            session.show_thread_writes(live)
        if node.children is not None:
            return DeltaGenerator(root=dg._root, block=node)
        return DeltaGenerator(root=dg._root, slot=(parent, index))

    def _block(self, kind: str, props: dict[str, Any] | None = None, form_id: str = "") -> DeltaGenerator:
        return self._append(Node(kind=kind, props=props or {}, children=[], form_id=form_id))

    def _status_block(self, props: dict[str, Any]) -> StatusContainer:
        """Open an ``st.status`` block: a container that also has ``update()``."""
        block = self._block("status", props)
        return StatusContainer(root=block._root, block=block._block_node)

    @staticmethod
    def _root_container(root: str) -> DeltaGenerator:
        """The container of one of a run's roots (toasts and page-wide HTML go to "event")."""
        return DeltaGenerator(root=root, is_proxy=True)

    # ----- with blocks ---------------------------------------------------------------------
    def __enter__(self) -> DeltaGenerator:
        if is_helper_thread_without_context():
            warn_missing_context()
            return self
        require_run_context().stack().append(self)
        return self

    def __exit__(self, *exc: object) -> Literal[False]:
        ctx = get_run_context()
        if ctx is not None:
            stack = ctx.stack()
            if stack:
                stack.pop()
        return False

    def __repr__(self) -> str:
        where = "slot" if self._slot else ("block" if self._block_node is not None else "root")
        return f"DeltaGenerator({self._root}, {where})"

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise missing_attribute(name, on_container=True, root=self._root)


class StatusContainer(DeltaGenerator):
    """The block ``st.status`` returns: a container whose label, state and open state change."""

    def update(self, *, label: str | None = None, expanded: bool | None = None, state: str | None = None) -> None:
        """Change the status's label, open state or state (running/complete/error)."""
        assert self._block_node is not None
        update_status(self._block_node, label=label, expanded=expanded, state=state)
        ctx = get_run_context()
        if ctx is not None:
            ctx.yield_point()
            ctx.maybe_flush()

    def __exit__(self, *exc: object) -> Literal[False]:
        node = self._block_node
        if node is not None and node.props.get("state") == "running":
            self.update(state="error" if exc and exc[0] is not None else "complete")
        return super().__exit__(*exc)


def _nowhere(root: str, node: Node) -> DeltaGenerator:
    """The object for an element no app shows: further calls on it draw nothing either."""
    holder = Node(kind="nowhere", children=[node], key=root)
    if node.children is not None:
        return DeltaGenerator(root=root, block=node)
    return DeltaGenerator(root=root, slot=(holder, 0))


main_dg = DeltaGenerator(root="main", is_proxy=True)
sidebar_dg = DeltaGenerator(root="sidebar", is_proxy=True)
event_dg = DeltaGenerator(root="event", is_proxy=True)
bottom_dg = DeltaGenerator(root="bottom", is_proxy=True)

__all__ = ["DeltaGenerator", "StatusContainer", "StreamlitAPIException", "main_dg", "sidebar_dg"]
