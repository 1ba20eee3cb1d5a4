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
from jupyst.connections import connection as connection
from jupyst.delta_generator import DeltaGenerator as DeltaGenerator
from jupyst.delta_generator import bottom_dg, main_dg, sidebar_dg
from jupyst.delta_generator import event_dg as _event
from jupyst.elements import column_config as column_config
from jupyst.elements.dialog import dialog as dialog
from jupyst.elements.fragment import fragment as fragment
from jupyst.elements.navigation import Page as Page
from jupyst.elements.navigation import navigation as navigation
from jupyst.elements.navigation import switch_page as switch_page
from jupyst.elements.text import echo as echo
from jupyst.runtime.client_context import ContextProxy
from jupyst.runtime.options import get_option as get_option
from jupyst.runtime.options import set_option as set_option
from jupyst.runtime.query_params import QueryParamsProxy
from jupyst.runtime.secrets import secrets as secrets
from jupyst.runtime.session_state import SessionStateProxy
from jupyst.runtime.user_info import login as login
from jupyst.runtime.user_info import logout as logout
from jupyst.runtime.user_info import user as user
from jupyst.starlette import App as App
from jupyst.version import __version__ as __version__

_main = main_dg
sidebar = sidebar_dg
bottom = bottom_dg
session_state = SessionStateProxy()
query_params = QueryParamsProxy()
context = ContextProxy()

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
table = _main.table
data_editor = _main.data_editor
metric = _main.metric
line_chart = _main.line_chart
area_chart = _main.area_chart
bar_chart = _main.bar_chart
scatter_chart = _main.scatter_chart
altair_chart = _main.altair_chart
vega_lite_chart = _main.vega_lite_chart
plotly_chart = _main.plotly_chart
image = _main.image
audio = _main.audio
video = _main.video
logo = _main.logo
pyplot = _main.pyplot
map = _main.map
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
# text, inputs, layout and status
latex = _main.latex
badge = _main.badge
html = _main.html
select_slider = _main.select_slider
date_input = _main.date_input
time_input = _main.time_input
datetime_input = _main.datetime_input
color_picker = _main.color_picker
pills = _main.pills
segmented_control = _main.segmented_control
feedback = _main.feedback
link_button = _main.link_button
download_button = _main.download_button
file_uploader = _main.file_uploader
camera_input = _main.camera_input
audio_input = _main.audio_input
pdf = _main.pdf
popover = _main.popover
status = _main.status
balloons = _main.balloons
snow = _main.snow
toast = _event.toast
# multipage apps (jupyst/elements/navigation.py, page_link.py)
page_link = _main.page_link
# chat (jupyst/elements/chat.py, write_stream.py)
chat_message = _main.chat_message
chat_input = _main.chat_input
write_stream = _main.write_stream
# frames and custom components (jupyst/elements/iframe.py, custom_component.py)
iframe = _main.iframe
# grid, spacing and placeholders (jupyst/elements/grid.py, spacing.py)
grid = _main.grid
space = _main.space
skeleton = _main.skeleton
# charts drawn by their own library (jupyst/elements/charts_extra.py)
pydeck_chart = _main.pydeck_chart
graphviz_chart = _main.graphviz_chart
mermaid_chart = _main.mermaid_chart
echarts_chart = _main.echarts_chart
# menus (jupyst/elements/menus.py)
menu_button = _main.menu_button
pagination = _main.pagination


def run_path(path: str, *, show_error_details: bool | str = True, run_on_save: bool = True, fresh: bool = False) -> None:
    """Show the app of a script file in this notebook cell (returns nothing, so the cell shows only the app).

    With ``run_on_save`` (the default) saving the file, its pages or the modules it imports
    from its folder reruns the app, keeping its session state; running the cell again does
    the same, unless ``fresh`` starts the app over with empty state.
    """
    from jupyst.notebook import show_app
    from jupyst.runtime.script_source import ScriptSource

    show_app(ScriptSource(path=path), show_error_details=show_error_details, run_on_save=run_on_save, fresh=fresh)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext jupyst``: register the ``%%jupyst`` cell magic."""
    from jupyst.ipython import register_magic

    register_magic(ipython)


# ``st.components.v1`` (imported last: it reads the main container defined above)
import jupyst.components.v1  # noqa: E402,F401
from jupyst import components as components  # noqa: E402
from jupyst import typing as typing  # noqa: E402


def __getattr__(name: str) -> Any:
    from jupyst.naming import missing_attribute

    raise missing_attribute(name)

