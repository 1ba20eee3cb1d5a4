"""``BaseConnection``: what every ``st.connection`` type is built on.

A connection has a name (its ``[connections.<name>]`` section of the secrets), the keyword
arguments ``st.connection`` was given, and a raw connection object made by the subclass's
``_connect``. The raw object is made at once and again after ``reset()``; a change of the
connection's own secrets section resets it too (checked when the raw object is next used,
since jupyst reads secrets files lazily rather than watching them).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from abc import ABC, abstractmethod
from typing import Any, Generic, Literal, TypeVar

from jupyst.runtime.secrets import AttrDict, secrets

RawConnectionT = TypeVar("RawConnectionT")


def secrets_section(name: str) -> AttrDict:
    """The ``[connections.<name>]`` table of the app's secrets; empty when there is none."""
    if not secrets.load_if_toml_exists():
        return AttrDict({})
    try:
        connections = secrets["connections"]
    except KeyError:
        return AttrDict({})
    if not isinstance(connections, AttrDict):
        return AttrDict({})
    section = connections.get(name)
    return section if isinstance(section, AttrDict) else AttrDict({})


def _section_digest(section: AttrDict) -> str:
    text = json.dumps(section.to_dict(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class BaseConnection(ABC, Generic[RawConnectionT]):
    """Base class of every connection type, first-party or your own.

    Subclass it and implement ``_connect(**kwargs)``, which returns the underlying client
    (an engine, a session, an API client). ``st.connection(name, type=YourClass, **kw)``
    constructs it once per process (cached as a resource) and passes ``**kw`` on to
    ``_connect``. Inside ``_connect``, ``self._secrets`` is this connection's
    ``[connections.<name>]`` section. Give users methods of their own (``query`` and so
    on) that use ``self._instance``, the raw client, remade on demand after ``reset()``.
    Override ``scope()`` to return ``"session"`` for one instance per browser session,
    and ``close()`` to free what the client holds when the cache lets the connection go.
    """

    def __init__(self, connection_name: str, **kwargs: Any) -> None:
        self._connection_name = connection_name
        self._kwargs = kwargs
        # Unique for the life of the process, unlike id().
        self._connection_instance_id = uuid.uuid4()
        self._config_section_hash = _section_digest(self._secrets)
        self._raw_instance: RawConnectionT | None = self._connect(**kwargs)

    def __getattribute__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            # A method of the raw client called on the wrapper: point at where it lives.
            if not name.startswith("__"):
                raw = object.__getattribute__(self, "_instance")
                if hasattr(raw, name):
                    raise AttributeError(
                        f"`{name}` doesn't exist here, but you can call `._instance.{name}` instead"
                    ) from None
            raise

    @property
    def _secrets(self) -> AttrDict:
        """This connection's ``[connections.<name>]`` section of the secrets (maybe empty)."""
        return secrets_section(self._connection_name)

    def _check_secrets_changed(self) -> None:
        try:
            digest = _section_digest(self._secrets)
        except Exception:
            return  # a secrets file being rewritten: keep the connection we have
        if digest != self._config_section_hash:
            self._config_section_hash = digest
            self.reset()

    def reset(self) -> None:
        """Drop the raw connection; the next use makes a new one with ``_connect``.

        Use it when a connection went stale (a token expired, the server restarted).
        """
        self._raw_instance = None

    @property
    def _instance(self) -> RawConnectionT:
        """The raw connection object, made again if it was reset."""
        self._check_secrets_changed()
        if self._raw_instance is None:
            self._raw_instance = self._connect(**self._kwargs)
        return self._raw_instance

    @abstractmethod
    def _connect(self, **kwargs: Any) -> RawConnectionT:
        """Make the raw connection object from ``kwargs`` and ``self._secrets``."""
        raise NotImplementedError

    @classmethod
    def scope(cls) -> Literal["global", "session"]:
        """``"global"``: one instance shared by every session; ``"session"``: one per session."""
        return "global"

    def close(self) -> None:
        """Called when ``st.connection``'s cache drops this connection; nothing by default."""
