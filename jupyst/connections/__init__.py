"""``st.connection`` and ``streamlit.connections``: connections to databases and services.

Inside an app, ``import streamlit.connections`` is this module. It exports what Streamlit's
does: ``BaseConnection`` (and its old name ``ExperimentalBaseConnection``) to write a
connection type of your own, ``SQLConnection`` (SQLAlchemy, with query results in
jupyst's shared disk cache) and the Snowflake connection names (which need their package
and are not implemented yet). ``connection`` is ``st.connection``.
"""

from __future__ import annotations

from jupyst.connections.base import BaseConnection
from jupyst.connections.factory import connection as connection
from jupyst.connections.snowflake import SnowflakeCallersRightsConnection, SnowflakeConnection
from jupyst.connections.sql import SQLConnection

ExperimentalBaseConnection = BaseConnection

__all__ = [
    "BaseConnection",
    "ExperimentalBaseConnection",
    "SQLConnection",
    "SnowflakeCallersRightsConnection",
    "SnowflakeConnection",
]
