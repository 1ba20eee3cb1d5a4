"""``streamlit.runtime.scriptrunner_utils.script_run_context``: the same functions as
:mod:`jupyst.runtime.scriptrunner`, under the module name Streamlit defines them in."""

from __future__ import annotations

from jupyst.runtime.scriptrunner import ScriptRunContext, add_script_run_ctx, get_script_run_ctx

__all__ = ["ScriptRunContext", "add_script_run_ctx", "get_script_run_ctx"]
