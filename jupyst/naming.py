"""What ``st.<unknown name>`` says: removed names get their replacement, typos a suggestion."""

from __future__ import annotations

import difflib

REMOVED = {
    "experimental_fragment": "fragment",
    "experimental_dialog": "dialog",
    "experimental_rerun": "rerun",
    "experimental_get_query_params": "query_params",
    "experimental_set_query_params": "query_params",
    "experimental_user": "user",
    "experimental_audio_input": "audio_input",
    "experimental_data_editor": "data_editor",
    "experimental_connection": "connection",
    "experimental_memo": "cache_data",
    "experimental_singleton": "cache_resource",
    "experimental_show": "write",
    "cache": "cache_data` or `st.cache_resource",
    "bokeh_chart": "streamlit-bokeh component",
}


def missing_attribute(name: str, on_container: bool = False) -> AttributeError:
    if name in REMOVED:
        return AttributeError(f"`st.{name}` has been removed. Use `st.{REMOVED[name]}` instead.")
    if name.startswith("beta_"):
        return AttributeError(f"`st.{name}` has been removed. Use `st.{name[5:]}` instead.")
    import jupyst

    known = [n for n in dir(jupyst) if not n.startswith("_")]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" Did you mean `st.{close[0]}`?" if close else ""
    where = "a container" if on_container else "module 'jupyst'"
    return AttributeError(f"{where} has no attribute '{name}'.{hint}")
