"""What ``st.<unknown name>`` says: removed names get their replacement, typos a suggestion.

The messages are Streamlit 1.67's (``streamlit/command_suggestions.py``), including the
module name "streamlit": scripts written for Streamlit see the errors Streamlit gives.
"""

from __future__ import annotations

import difflib
import sys
import types
from collections.abc import Collection

from jupyst.errors import StreamlitAPIException

#: Former public names and their successors.
REMOVED: dict[str, tuple[str, ...]] = {
    "beta_color_picker": ("color_picker",),
    "beta_columns": ("columns",),
    "beta_container": ("container",),
    "beta_expander": ("expander",),
    "beta_secrets": ("secrets",),
    "beta_set_page_config": ("set_page_config",),
    "cache": ("cache_data", "cache_resource"),
    "experimental_audio_input": ("audio_input",),
    "experimental_connection": ("connection",),
    "experimental_data_editor": ("data_editor",),
    "experimental_dialog": ("dialog",),
    "experimental_fragment": ("fragment",),
    "experimental_get_query_params": ("query_params",),
    "experimental_memo": ("cache_data",),
    "experimental_rerun": ("rerun",),
    "experimental_set_query_params": ("query_params",),
    "experimental_show": ("write",),
    "experimental_singleton": ("cache_resource",),
    "experimental_user": ("user",),
}
_NAMESPACES = ("column_config", "components", "typing")


class StreamlitUnknownCommandError(StreamlitAPIException, AttributeError):
    """A container has no such command: Streamlit's error, and still an AttributeError
    (so ``hasattr`` and ``getattr(dg, name, default)`` keep working)."""


def _names(names: Collection[str]) -> str:
    labeled = [f"st.{n}" for n in names]
    if len(labeled) == 1:
        return labeled[0]
    if len(labeled) == 2:
        return f"{labeled[0]} or {labeled[1]}"
    return f"{', '.join(labeled[:-1])}, or {labeled[-1]}"


def public_names() -> frozenset[str]:
    """The names of the ``st`` namespace (the ``jupyst`` package, loaded before any of its modules)."""
    jupyst = sys.modules["jupyst"]
    found = {k for k, v in dict(vars(jupyst)).items() if not k.startswith("_") and not isinstance(v, types.ModuleType)}
    found.update(n for n in _NAMESPACES if n in vars(jupyst))
    return frozenset(found)


def suggestions(name: str, catalog: Collection[str]) -> tuple[str, ...]:
    close = difflib.get_close_matches(name, catalog, n=3, cutoff=0.8)
    return tuple(m for m in close if abs(len(m) - len(name)) <= 1)


def missing_message(name: str) -> str:
    prefix = f"module 'streamlit' has no attribute '{name}'"
    if name.startswith("_"):
        return prefix
    if name in REMOVED:
        return f"{prefix}. st.{name} has been removed. Use {_names(REMOVED[name])} instead."
    if name == "bokeh_chart":
        return f"{prefix}. st.{name} has been removed. Use the streamlit-bokeh component instead."
    catalog = public_names()
    if name == "input":
        inputs = sorted(n for n in catalog if n.endswith("_input"))
        return f"{prefix}. Use a specific input command such as {_names(inputs)}." if inputs else prefix
    close = suggestions(name, catalog)
    if close:
        return f"{prefix}. Did you mean {_names(close)}?"
    return prefix


def missing_attribute(name: str, on_container: bool = False, root: str = "main") -> AttributeError:
    """The error for ``st.<name>`` (module) or ``<container>.<name>`` (``on_container``)."""
    if not on_container:
        return AttributeError(missing_message(name))
    if name in public_names():
        if root == "sidebar":
            return StreamlitUnknownCommandError(f"Method `{name}()` does not exist for `st.sidebar`. Did you mean `st.{name}()`?")
        return StreamlitUnknownCommandError(
            f"Method `{name}()` does not exist for `DeltaGenerator` objects. Did you mean `st.{name}()`?"
        )
    return StreamlitUnknownCommandError(f"`{name}()` is not a valid Streamlit command.")
