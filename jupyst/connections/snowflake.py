"""``SnowflakeConnection``: the name exists so apps import and type-check, the client does not yet.

Without ``snowflake-connector-python`` installed, ``st.connection("snowflake")`` fails as
in Streamlit: ``No module named 'snowflake'. You need to install the
'snowflake-connector-python' package to use this connection.`` With it installed, jupyst
says plainly that it has no Snowflake connection yet, rather than half-working.
"""

from __future__ import annotations

from typing import Any, Literal

from jupyst.connections.base import BaseConnection
from jupyst.errors import StreamlitAPIException


class SnowflakeConnection(BaseConnection[Any]):
    """A Snowflake connection (not implemented by jupyst yet)."""

    def _connect(self, **kwargs: Any) -> Any:
        import snowflake.connector  # noqa: F401  # the missing package's error, as in Streamlit

        raise StreamlitAPIException(
            f"jupyst does not support `{type(self).__name__}` yet. Use "
            '`st.connection(name, type="sql")` with the snowflake-sqlalchemy dialect instead.'
        )


class SnowflakeCallersRightsConnection(SnowflakeConnection):
    """A caller's-rights Snowflake connection (not implemented by jupyst yet)."""

    @classmethod
    def scope(cls) -> Literal["global", "session"]:
        return "session"
