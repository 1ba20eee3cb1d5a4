"""The page of a new visitor in shared mode: Voilà's page, with the app already run.

Voilà renders a page by streaming its template while a new kernel runs the notebook; the
cells' outputs (the app widget's view) go into the HTML and the page's JavaScript then
connects to that kernel. :class:`SessionRenderer` is Voilà's own renderer with the kernel
part swapped: "starting the kernel" creates a virtual kernel and its app session in this
process and waits for the first run; "executing the notebook" yields one cell whose outputs
are what the served script's cell shows in isolated mode (the app, the hidden URL widget, the
page settings). Template, static files, widget front end and page JavaScript are Voilà's and
jupyst's, unchanged. For jupyst's lean front end the cell also carries the app's widget states,
so that the page draws without first asking the server for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import nbformat
from tornado.iostream import StreamClosedError
from voila.notebook_renderer import NotebookRenderer

from jupyst.server.kernel import VirtualKernel
from jupyst.server.session import SharedSession, VisitorRequest
from jupyst.server.sessions import SessionPool
from jupyst.voila.page import MIME_TYPE, page_settings

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: the widget states the lean page starts from (its template writes them into the page)
WIDGET_STATES = "application/vnd.jupyst.widget-states+json"
#: seconds between two checks that a page whose first run is still going is still wanted
PAGE_CHECK_EVERY = 1.0


def widget_output(widget: Any) -> dict[str, Any]:
    return nbformat.v4.new_output(
        "display_data",
        data={WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}, "text/plain": ""},
    )


def app_outputs(session: SharedSession) -> list[dict[str, Any]]:
    """What the served script's cell shows: the app, the URL widget, the page settings."""
    outputs = [widget_output(session.widget)]
    url_widget = session.browser_url._widget
    if url_widget is not None and url_widget.comm is not None:
        outputs.append(widget_output(url_widget))
    page_config = getattr(session.last_ctx, "page_config", None) or {}
    outputs.append(nbformat.v4.new_output("execute_result", data={MIME_TYPE: page_settings(page_config)}, execution_count=1))
    return outputs


#: one exporter per template, theme and base URL for the whole process: each new exporter
#: builds a jinja environment and compiles the template chain again (about 14 templates, most
#: of a page's server time); the exporter keeps nothing of one page for the next
_EXPORTERS: dict[tuple[str, str, str], Any] = {}


class SessionRenderer(NotebookRenderer):
    """Voilà's notebook renderer, running the app in a virtual kernel of this process."""

    def __init__(self, *, pool: SessionPool, kernel: VirtualKernel, request: VisitorRequest, title: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool = pool
        self.kernel = kernel
        self.request = request
        self.title = title
        self.session: SharedSession | None = None

    async def initialize(self, **kwargs: Any) -> None:
        await super().initialize(**kwargs)
        key = (str(self.template_name), str(self.theme), str(self.base_url))
        self.exporter: Any = _EXPORTERS.setdefault(key, self.exporter)

    async def load_notebook(self, path: str) -> Any:
        return nbformat.v4.new_notebook(
            metadata={
                "title": self.title,
                "kernelspec": {"name": "jupyst-python3", "display_name": "Python 3 (jupyst)", "language": "python"},
                "language_info": {"name": "python"},
            },
            cells=[nbformat.v4.new_code_cell("")],
        )

    async def _jinja_kernel_start(self, nb: Any, kernel_id: Any, kernel_future: Any) -> str:
        starting = asyncio.ensure_future(self.pool.start_session(self.kernel, self.request))
        # Tornado notices a closed tab only when it writes to it: while the first run goes
        # (stuck, maybe), a space now and then finds out, and a tab gone ends its session.
        while not (await asyncio.wait({starting}, timeout=PAGE_CHECK_EVERY))[0]:
            if not await self._page_open():  # (the handler's on_connection_close says so in the log)
                self.pool.close(self.kernel.id)
                break
        self.session = await starting
        self.kernel_started = True
        return self.kernel.id

    async def _page_open(self) -> bool:
        handler = self.request_handler
        if handler is None:
            return True
        try:
            handler.write(" ")  # between two elements of the page: nothing shows
            await handler.flush()
        except StreamClosedError:
            return False
        return True

    def _cell(self) -> Any:
        cell = nbformat.v4.new_code_cell("")
        if self.session is not None and not self.kernel.closed:
            cell.outputs = app_outputs(self.session)
            if self._frontend() == "lean":
                cell.outputs.append(nbformat.v4.new_output("display_data", data={WIDGET_STATES: self.kernel.page_states()}))
        return cell

    def _frontend(self) -> str | None:
        resources = getattr(self.voila_configuration, "resources", None) or {}
        return (resources.get("jupyst") or {}).get("frontend")

    async def _jinja_notebook_execute(self, nb: Any, kernel_id: Any) -> None:
        nb.cells = [self._cell()]

    async def _jinja_cell_generator(self, nb: Any, kernel_id: Any) -> AsyncIterator[Any]:
        yield self._cell()

    async def _jinja_cell_generator_without_execution(self, nb: Any, kernel_id: Any) -> AsyncIterator[Any]:
        yield self._cell()

    async def _cleanup_resources(self) -> None:
        return None
