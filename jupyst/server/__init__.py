"""Shared mode: every visitor of a script app served from this one process.

Why this shape. Isolated mode (``jupyst.voila``) spends a Jupyter kernel per visitor; a jupyst
app session already owns its state, its requests, its reconciler and its script thread, so
what many visitors in one process need is only a way for each page to talk the Jupyter
widget protocol to its own session and to nobody else's. The browser side stays exactly
isolated mode's: Voilà's page, the jupyst template and the widget front end Voilà ships. The
server side is Voilà's tornado application with the page and kernel routes swapped, and a
small in-process "virtual kernel" per visitor (the idea Solara's server uses for
ipywidgets). Solara's server itself was not adopted: it brings its own page and front end,
and its kernel machinery is ipykernel's, while jupyst needs only six message types.

- ``comms``: which virtual kernel a new comm belongs to (the one current on its thread);
- ``protocol``: Jupyter messages as websocket frames and back, untrusted input checked;
- ``kernel``: one visitor's kernel: its comms, its shell thread, its socket;
- ``session``: the app session of one visitor (request from HTTP, widgets in its kernel);
- ``sessions``: creation, capacity, reconnection, culling and the end of sessions;
- ``page``: Voilà's renderer with the kernel part swapped for a virtual kernel;
- ``handlers``, ``voila_app``, ``app``: the routes, Voilà's app with them, `jupyst run`.
"""
