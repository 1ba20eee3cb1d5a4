"""The visitor's address bar and tab title, kept in step with the app without a page reload.

A session's page (``/<url_path>``), query string and title change from Python
(``st.query_params[...] = ...``, ``st.switch_page``, the page menu). They travel to the
browser in one hidden ipywidgets ``HTML`` widget (class ``jupyst-url-sync``) whose text is a
small JSON object. The jupyst Voilà template watches that widget and applies the object with
``history.replaceState`` / ``pushState`` and ``document.title``; it checks every field itself
(a single path segment, a query string re-encoded by ``URLSearchParams``, plain-text title), and
the History API cannot leave the page's origin. Anywhere else (JupyterLab) nothing listens and
the widget is not shown.
"""

from __future__ import annotations

import html
import json
import os
import threading
from typing import Any

SYNC_CLASS = "jupyst-url-sync"


def served_by_voila() -> bool:
    """Whether this kernel serves a Voilà page (Voilà puts these into its kernels' environment)."""
    return bool(os.environ.get("VOILA_BASE_URL") or os.environ.get("VOILA_PREHEAT"))


class BrowserUrl:
    """What the page's URL and title should be, and the hidden widget that carries it."""

    def __init__(self) -> None:
        self.page = ""
        self.query = ""
        self.title: str | None = None
        self._push = False
        self._lock = threading.Lock()
        self._widget: Any = None
        self._sent: str | None = None
        self._seq = 0
        #: a server route the browser should load (login, logout); the template allows no other
        self._go: str | None = None

    @property
    def widget(self) -> Any:
        """The hidden widget to display once next to the app (created on first use)."""
        with self._lock:
            if self._widget is None:
                import ipywidgets as w

                from jupyst.widgets.browser_input import guard_tree

                self._widget = w.HTML(
                    value="", layout=w.Layout(display="none"), _dom_classes=(SYNC_CLASS,)
                )
                guard_tree(self._widget)  # the page only reads it
                self._sent = None
            widget = self._widget
        self.flush()
        return widget

    def set(self, *, page: str | None = None, query: str | None = None, title: str | None = None, push: bool = False) -> None:
        """Change what the URL should show; ``push`` makes a page change a new history entry."""
        with self._lock:
            if page is not None and page != self.page:
                self.page = page
                self._push = self._push or push
            if query is not None:
                self.query = query
            if title is not None:
                self.title = title

    def navigate(self, path: str) -> None:
        """Send the browser to a route of the app's server (``auth/login?...``, ``auth/logout``)."""
        with self._lock:
            self._go = path
        self.flush()

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "query": self.query}
        if self._go:
            out["go"] = self._go
        if self.title:
            out["title"] = self.title
        return out

    def flush(self) -> None:
        """Send the state to the browser if it changed since the last time."""
        with self._lock:
            widget = self._widget
            if widget is None:
                return
            payload = self.payload()
            key = json.dumps(payload, sort_keys=True)
            if key == self._sent:
                return
            self._sent = key
            self._seq += 1
            payload["push"] = self._push
            payload["seq"] = self._seq
            self._push = False
            value = html.escape(json.dumps(payload, ensure_ascii=True), quote=False)
        widget.value = value

    def close(self) -> None:
        with self._lock:
            widget, self._widget = self._widget, None
        if widget is not None:
            widget.layout.close()
            widget.close()
