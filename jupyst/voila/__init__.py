"""Publishing jupyst apps with Voilà: the `jupyst run` / `jupyst hello` server.

- ``apps``: what is served (a script or a notebook), checked before anything starts;
- ``runtime``: the private folder a server runs from (config, kernelspec, generated notebook);
- ``config``: the locked-down Voilà configuration for publishing;
- ``server``: starting Voilà in this process;
- ``page``: the small object a served app's cell shows so the template can set the page title;
- ``templates/jupyst``: the Voilà template (no notebook chrome, a loader, the xsrf cookie).

Importing this package imports nothing heavy: kernels import ``jupyst.voila.page``.
"""
