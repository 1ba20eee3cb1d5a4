"""The fixed frame of an app: stylesheet, sidebar, main column and bottom bar.

The roots of every run's tree draw into these widgets. The sidebar is shown only while it
has content; ``st.set_page_config(layout=...)`` switches the main column between centered and
wide.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import ipywidgets as w

from jupyst.widgets.browser_input import guard_tree
from jupyst.widgets.label_tier import LabelTier
from jupyst.widgets.shared_models import shared


def stylesheet() -> str:
    static = resources.files("jupyst").joinpath("static")
    # kernel_notice.css: the notice a notebook app shows when its kernel restarted
    return "\n".join(static.joinpath(name).read_text(encoding="utf-8") for name in ("jupyst.css", "kernel_notice.css"))


class AppLayout:
    def __init__(self) -> None:
        # The frame never changes its Layout or Style: share them, so closing the frame's
        # own widgets leaves no model behind.
        box = {"layout": shared(w.Layout)}
        self.style = w.HTML(value=f"<style>{stylesheet()}</style>", _dom_classes=("jupyst-style",), style=shared(w.HTML.class_traits()["style"].klass), **box)
        self.roots: dict[str, w.Box] = {
            "main": w.VBox(_dom_classes=("jupyst-main", "jupyst-block"), **box),
            "sidebar": w.VBox(_dom_classes=("jupyst-sidebar", "jupyst-block"), **box),
            "event": w.VBox(_dom_classes=("jupyst-event",), **box),
            "bottom": w.VBox(_dom_classes=("jupyst-bottom", "jupyst-block"), **box),
        }
        # label_tier: names radio groups and slider handles after their ipywidgets labels
        self.labels = LabelTier(_dom_classes=("jupyst-label-tier",), **box)
        self.column = w.VBox(children=(self.roots["main"], self.roots["bottom"], self.roots["event"], self.labels), _dom_classes=("jupyst-main-column",), **box)
        self.app = w.HBox(children=(self.style, self.column), _dom_classes=("jupyst-app", "jupyst-layout-centered"), **box)
        guard_tree(self.app)

    def arrange(self, page_config: dict[str, Any]) -> None:
        sidebar = self.roots["sidebar"]
        wanted = (self.style, sidebar, self.column) if sidebar.children else (self.style, self.column)
        if self.app.children != wanted:
            self.app.children = wanted
        layout = page_config.get("layout", "centered")
        classes: tuple[str, ...] = ("jupyst-app", f"jupyst-layout-{layout}")
        if page_config.get("initial_sidebar_state") == "collapsed":
            classes += ("jupyst-sidebar-collapsed",)
        if self.app._dom_classes != classes:
            self.app._dom_classes = classes

    def close(self) -> None:
        for widget in (*self.roots.values(), self.labels, self.column, self.style, self.app):
            widget.close()
