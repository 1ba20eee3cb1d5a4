"""jupyst: Streamlit's programming model on ipywidgets. ``import jupyst as st``.

This module is the st-compatible namespace and nothing else: every public name is an
element method of the main container, a container object, or a command.
"""

from __future__ import annotations

from typing import Any

from jupyst.caching import cache_data as cache_data
from jupyst.caching import cache_resource as cache_resource
from jupyst.commands import rerun as rerun
from jupyst.commands import set_page_config as set_page_config
from jupyst.commands import stop as stop
from jupyst.delta_generator import DeltaGenerator as DeltaGenerator
from jupyst.delta_generator import bottom_dg, main_dg, sidebar_dg
from jupyst.runtime.session_state import SessionStateProxy

__version__ = "0.1.0"

_main = main_dg
sidebar = sidebar_dg
bottom = bottom_dg
session_state = SessionStateProxy()

title = _main.title
header = _main.header
subheader = _main.subheader
markdown = _main.markdown
caption = _main.caption
text = _main.text
code = _main.code
divider = _main.divider
write = _main.write
success = _main.success
info = _main.info
warning = _main.warning
error = _main.error
exception = _main.exception
dataframe = _main.dataframe
json = _main.json
help = _main.help
button = _main.button
form_submit_button = _main.form_submit_button
checkbox = _main.checkbox
toggle = _main.toggle
radio = _main.radio
selectbox = _main.selectbox
multiselect = _main.multiselect
slider = _main.slider
text_input = _main.text_input
text_area = _main.text_area
number_input = _main.number_input
container = _main.container
columns = _main.columns
empty = _main.empty
expander = _main.expander
tabs = _main.tabs
form = _main.form
spinner = _main.spinner
progress = _main.progress


def run_path(path: str, *, show_error_details: bool = True) -> Any:
    """Show the app of a script file in this notebook cell; returns its session."""
    from jupyst.notebook import show_app
    from jupyst.runtime.script_runner import ScriptSource

    return show_app(ScriptSource(path=path), show_error_details=show_error_details)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext jupyst``: register the ``%%jupyst`` cell magic."""
    from jupyst.ipython import register_magic

    register_magic(ipython)


def __getattr__(name: str) -> Any:
    from jupyst.naming import missing_attribute

    raise missing_attribute(name)

