"""The reconciler: turns a run's element tree into ipywidgets, reusing last run's widgets.

Widgets are pooled by node key (widget id, or position for plain elements). A node whose
props equal the last applied props costs nothing; changed props are turned into traits and
only the traits that differ are set, under ``hold_sync`` (one message). Containers get new
children only when the list differs, and widgets no run produced are closed, so no comm
leaks. Writes made here never count as user input: observers check :func:`applying`.

The reconciler serves a :class:`ReconcilerHost` (the app session): it tells the host what
the visitor did and asks it whether a value is still on its way, and knows nothing else of it.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as w

from jupyst.elements.lib.node import Node
from jupyst.elements.lib.registry import RENDERERS, Renderer
from jupyst.reconciler.app_layout import AppLayout
from jupyst.reconciler.compare import props_equal, same
from jupyst.widgets.browser_input import excerpt, guard_tree
from jupyst.widgets.runtime_writes import applying, runtime_writes
from jupyst.widgets.shared_models import is_shared

if TYPE_CHECKING:
    from jupyst.runtime.run_context import RunContext

log = logging.getLogger("jupyst")


class ReconcilerHost(Protocol):
    """Who the widgets' changes go to."""

    #: how much of an exception a visitor sees (see ``jupyst.runtime.script_errors.redact``)
    show_error_details: bool | str

    def on_widget_value(self, node: Node, renderer: Renderer, raw: Any) -> None:
        """The visitor changed ``node``'s widget to ``raw`` (its widget's value)."""

    def on_click(self, node: Node) -> None:
        """The visitor clicked ``node``'s button."""

    def value_pending(self, node: Node) -> bool:
        """Whether a value the visitor gave ``node`` has not reached a run yet (keep it shown)."""

    def on_widget_triggers(self, node: Node, changes: dict[str, Any]) -> None:
        """The visitor's action on ``node`` set these trigger widgets (by id) for one run."""


class Reconciler:
    def __init__(self, session: ReconcilerHost) -> None:
        self.session = session
        self.pool: dict[str, w.Widget] = {}
        self.kinds: dict[str, str] = {}
        self.props: dict[str, dict[str, Any]] = {}
        self.traits: dict[str, dict[str, Any]] = {}
        self.nodes: dict[str, Node] = {}
        #: the root nodes last committed, by root name (a fragment run may redraw one)
        self.root_nodes: dict[str, Node] = {}
        self.layout = AppLayout()
        self._lock = threading.RLock()

    @property
    def app(self) -> w.Widget:
        return self.layout.app

    # ----- commit -------------------------------------------------------------------------
    def commit(self, ctx: RunContext, final: bool) -> None:
        """Show ``ctx``'s tree. ``final`` ends the run: unproduced widgets are removed."""
        used: set[str] = set()
        with self._lock, runtime_writes():
            for name, host in self.layout.roots.items():
                self._fill(host, ctx.roots[name], used, final)
            self.root_nodes = dict(ctx.roots)
            self.layout.arrange(ctx.page_config)
            if final:
                for key in [k for k in self.pool if k not in used]:
                    self._close(key)

    def commit_blocks(self, blocks: list[Node], final: bool, stale: set[str]) -> None:
        """Show the new content of some blocks only (a fragment run): nothing else is touched.

        ``stale`` holds the keys that were under these blocks before the run; with ``final``
        those the run did not draw again are closed.
        """
        used: set[str] = set()
        with self._lock, runtime_writes():
            for block in blocks:
                if self.root_nodes.get(block.key) is block:  # a root (a slot in it was refilled)
                    self._fill(self.layout.roots[block.key], block, used, final)
                    continue
                widget = self.pool.get(block.key)
                # A block of an older tree (its fragment is gone) is not on screen.
                if widget is None or self.nodes.get(block.key) is not block:
                    continue
                used.add(block.key)
                renderer = RENDERERS[block.kind]
                self._fill(renderer.host(widget), block, used, final, renderer)
            if final:
                for key in [k for k in stale if k not in used and k in self.pool]:
                    self._close(key)

    def hide_dialog(self, node: Node) -> None:
        """Close a dialog on screen at once (a runtime write: no event)."""
        widget = self.pool.get(node.key)
        if widget is not None:
            with self._lock, runtime_writes():
                widget.dismiss()

    def _fill(self, host: w.Widget, block: Node, used: set[str], final: bool, renderer: Renderer | None = None) -> None:
        widgets = []
        for child in block.children or ():
            widget = self._render(child, used, final)
            if widget is not None:
                widgets.append(widget)
        if not final:
            # Mid-run: what the last run drew below this point stays until the run ends.
            fresh = set(map(id, widgets))
            widgets += [x for x in host.children[len(widgets):] if id(x) not in fresh]
        if len(widgets) != len(host.children) or any(a is not b for a, b in zip(widgets, host.children)):
            host.children = tuple(widgets)
        if renderer is not None:
            renderer.after_children(host, block.props)

    def _render(self, node: Node, used: set[str], final: bool) -> w.Widget | None:
        renderer = RENDERERS.get(node.kind)
        if renderer is None:
            return None
        try:
            return self._render_with(renderer, node, used, final)
        except Exception as exc:  # one bad element must not blank the whole app
            log.exception("jupyst: could not draw a %s element", node.kind)
            return self._render_failure(node, exc, used, final)

    def _render_failure(self, node: Node, exc: Exception, used: set[str], final: bool) -> w.Widget | None:
        from jupyst.elements.alerts import exception_props

        if node.key in self.pool and self.kinds.get(node.key) == node.kind:
            self._close(node.key)
        from jupyst.runtime.script_errors import redact

        props = redact(exception_props(exc), self.session.show_error_details)
        stand_in = Node(kind="exception", props=props, key=f"{node.key}#error")
        return self._render(stand_in, used, final)

    def _render_with(self, renderer: Renderer, node: Node, used: set[str], final: bool) -> w.Widget:
        key = node.key
        cls = renderer.widget_class(node.props)
        widget = self.pool.get(key)
        if widget is not None and (type(widget) is not cls or self.kinds[key] != node.kind):
            self._close(key)
            widget = None
        if widget is None:
            traits = renderer.traits(node.props)
            widget = renderer.construct(cls, traits)
            self._bind(widget, renderer, key)
            guard_tree(widget, self._lock)
            self.pool[key] = widget
            self.kinds[key] = node.kind
            self.traits[key] = traits
            self.props[key] = node.props
        elif not props_equal(self.props[key], node.props):
            self._update(widget, renderer, node)
        self.nodes[key] = node
        used.add(key)
        if node.children is not None:
            self._fill(renderer.host(widget), node, used, final, renderer)
        return widget

    def _update(self, widget: w.Widget, renderer: Renderer, node: Node) -> None:
        key = node.key
        traits = renderer.traits(node.props)
        old = self.traits[key]
        vt = renderer.value_trait
        changed = {k: v for k, v in traits.items() if k not in (vt, "layout") and (k not in old or not same(old[k], v))}
        # reacton's rule: what the last run set and this one does not returns to its default
        dropped = [k for k in old if k not in traits and k not in (vt, "layout")]
        with widget.hold_sync():
            for name, value in changed.items():
                setattr(widget, name, value)
            for name in dropped:
                setattr(widget, name, widget.trait_defaults(name))
            self._apply_layout(widget, old.get("layout") or {}, traits.get("layout") or {})
            # A node drawn without a value (a chart without selections) has none to put back.
            if vt is not None and vt in traits and not self.session.value_pending(node):
                desired = traits[vt]
                if not same(getattr(widget, vt), desired):
                    setattr(widget, vt, desired)
        # New props may have made new parts (a range slider, another pill, a Layout of its own).
        guard_tree(widget, self._lock)
        self.traits[key] = traits
        self.props[key] = node.props

    @staticmethod
    def _apply_layout(widget: w.Widget, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Set the CSS properties of ``new`` on the widget's own Layout; reset those only ``old`` had.

        A widget that shared the common Layout gets one of its own the first time it needs one
        and keeps it, so changing a size never opens a new Layout model (and comm).
        """
        if old == new or not isinstance(getattr(widget, "layout", None), w.Layout):
            return
        current = widget.layout
        if is_shared(current):
            if new:
                widget.layout = w.Layout(**new)
            return
        with current.hold_sync():
            for name in old.keys() - new.keys():
                setattr(current, name, current.trait_defaults(name))
            for name, value in new.items():
                if getattr(current, name) != value:
                    setattr(current, name, value)

    # ----- events from the browser -----------------------------------------------------------
    def _bind(self, widget: w.Widget, renderer: Renderer, key: str) -> None:
        if renderer.event == "value" and renderer.value_trait:

            def on_value(change: dict[str, Any]) -> None:
                if applying():
                    return
                node = self.nodes.get(key)
                # A container that does not track its state (an expander without on_change)
                # has no widget id: its change stays in the browser.
                if node is not None and node.widget_id is not None:
                    self.session.on_widget_value(node, renderer, change["new"])

            widget.observe(on_value, names=renderer.value_trait)
        elif renderer.event == "click":

            def on_click(_: Any) -> None:
                node = self.nodes.get(key)
                if node is not None and not node.props.get("disabled"):
                    self.session.on_click(node)

            widget.on_click(on_click)
        if renderer.trigger_trait:

            def on_trigger(change: dict[str, Any]) -> None:
                node = self.nodes.get(key)
                if applying() or node is None:
                    return
                changes = renderer.trigger_changes(node.props, change["new"])
                if changes is None:
                    log.warning("jupyst: refused an action from the front end on a %s: %s", node.kind, excerpt(change["new"]))
                    return
                self.session.on_widget_triggers(node, changes)

            widget.observe(on_trigger, names=renderer.trigger_trait)

    def show_value(self, node: Node, value: Any) -> None:
        """Put a value on a widget's screen without it counting as input (restore, reset)."""
        renderer = RENDERERS[node.kind]
        widget = self.pool.get(node.key)
        if widget is None or renderer.value_trait is None:
            return
        with self._lock, runtime_writes():
            desired = renderer.to_widget(node.props, value)
            if not same(getattr(widget, renderer.value_trait), desired):
                setattr(widget, renderer.value_trait, desired)

    def widget_for(self, node: Node) -> w.Widget | None:
        return self.pool.get(node.key)

    # ----- teardown ------------------------------------------------------------------------
    def _close(self, key: str) -> None:
        widget = self.pool.pop(key)
        kind = self.kinds.pop(key)
        self.props.pop(key, None)
        self.traits.pop(key, None)
        self.nodes.pop(key, None)
        RENDERERS[kind].close(widget)

    def close(self) -> None:
        with self._lock:
            for key in list(self.pool):
                self._close(key)
            self.layout.close()
