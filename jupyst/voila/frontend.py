"""Which front end a published app's page runs, in both serving modes.

- ``lean`` (the default): jupyst's page front end (``labextension/page``, built into the
  template's ``static/page``): a kernel socket, an ipywidgets 8 manager and the renderers an
  app needs, nothing of the JupyterLab application, so the page draws sooner;
- ``voila``: Voilà's own (``voila.js``, the JupyterLab application shell with its
  rendermime, widget manager and extensions), the fallback for a page that needs something
  only JupyterLab's application provides.

``jupyst run --frontend NAME`` picks one; without it, the environment variable
``JUPYST_FRONTEND`` (read here only) does, so a whole test run can switch.
"""

from __future__ import annotations

import os

FRONTENDS = ("voila", "lean")
DEFAULT_FRONTEND = "lean"
ENV_VAR = "JUPYST_FRONTEND"


class FrontendError(ValueError):
    """A front end name that is not one of :data:`FRONTENDS`."""


def check_frontend(name: str) -> str:
    if name not in FRONTENDS:
        raise FrontendError(f"unknown page front end {name!r}: pick one of {', '.join(FRONTENDS)}")
    return name


def chosen_frontend(asked: str | None = None) -> str:
    """``asked`` (the command line's), else ``$JUPYST_FRONTEND``, else the default."""
    if asked:
        return check_frontend(asked)
    from_env = os.environ.get(ENV_VAR, "").strip().lower()
    if from_env:
        try:
            return check_frontend(from_env)
        except FrontendError as exc:
            raise FrontendError(f"{ENV_VAR}: {exc}") from None
    return DEFAULT_FRONTEND
