"""``st.secrets``: the app's ``.streamlit/secrets.toml``, with Streamlit's behaviour and wording.

The files are the same as config.toml's (see :mod:`jupyst.runtime.config_file`): the user's
``~/.streamlit/secrets.toml``, the working directory's and the one beside the app's script;
later files win, key by key at the top level. They are parsed on first use, not at import.
Values are read-only; tables come back as read-only mappings with attribute access; top-level
strings and numbers are also put into ``os.environ``, as Streamlit does.

A missing key raises ``KeyError`` / ``AttributeError`` with Streamlit's message; no file at
all, or one that is not valid TOML, raises :class:`StreamlitSecretNotFoundError` (a
``FileNotFoundError``, as in Streamlit) when a secret is read.

A session may carry secrets of its own instead of the files (``session.app_secrets``, a
mapping): that is how a test harness gives a script its secrets (``AppTest.secrets``).
"""

from __future__ import annotations

import copy
import os
import threading
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from pathlib import Path
from typing import Any, NoReturn

from jupyst.errors import StreamlitAPIException
from jupyst.runtime.config_file import ConfigError, read_toml, streamlit_file_paths

SECRETS_FILE = "secrets.toml"

_MISSING_ENTRY_HINT = (
    "Did you forget to add it to secrets.toml, mount it to secret directory, or the app settings "
    "on Streamlit Cloud? More info: "
    "https://docs.streamlit.io/deploy/streamlit-community-cloud/deploy-your-app/secrets-management"
)


class StreamlitSecretNotFoundError(StreamlitAPIException, FileNotFoundError):
    """No secrets file, or one that cannot be parsed."""


def missing_attr_message(name: str) -> str:
    return f'st.secrets has no attribute "{name}". {_MISSING_ENTRY_HINT}'


def missing_key_message(key: str) -> str:
    return f'st.secrets has no key "{key}". {_MISSING_ENTRY_HINT}'


def secrets_paths(script_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    return streamlit_file_paths(SECRETS_FILE, script_dir)


def load_secrets(paths: list[Path]) -> dict[str, Any]:
    """Every secrets file in ``paths`` merged, later files winning.

    Raises StreamlitSecretNotFoundError when none exists or one is not valid TOML.
    """
    merged: dict[str, Any] = {}
    found = False
    for path in paths:
        try:
            data = read_toml(path)
        except ConfigError as exc:
            raise StreamlitSecretNotFoundError(f"Error parsing secrets file at {path}: {exc}") from None
        if data is None:
            continue
        found = True
        merged.update(data)
    if not found:
        where = ", ".join(str(p) for p in paths)
        raise StreamlitSecretNotFoundError(
            f"No secrets found. Valid paths for a secrets.toml file or secret directories are: {where}"
        )
    return merged


def check_secrets_files(script_dir: str | os.PathLike[str] | None = None) -> None:
    """Raise ConfigError (one line) when a secrets file exists but is not valid TOML."""
    for path in secrets_paths(script_dir):
        read_toml(path)


class AttrDict(Mapping[str, Any]):
    """A table of secrets: item and attribute access, read-only."""

    def __init__(self, value: Mapping[str, Any]) -> None:
        self.__dict__["_AttrDict__data"] = dict(value)

    @staticmethod
    def wrap(value: Any) -> Any:
        return AttrDict(value) if isinstance(value, Mapping) else value

    def __len__(self) -> int:
        return len(self.__data)

    def __iter__(self) -> Iterator[str]:
        return iter(self.__data)

    def __getitem__(self, key: str) -> Any:
        try:
            return self.wrap(self.__data[key])
        except KeyError:
            raise KeyError(missing_key_message(key)) from None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self.wrap(self.__data[name])
        except KeyError:
            raise AttributeError(missing_attr_message(name)) from None

    def __repr__(self) -> str:
        return repr(self.__data)

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support item assignment.")

    def __setattr__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support attribute assignment.")

    def __delitem__(self, key: str) -> NoReturn:
        raise TypeError("Secrets does not support item deletion.")

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.__data)


def _to_plain(value: Any) -> Any:
    if isinstance(value, AttrDict):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


class Secrets(Mapping[str, Any]):
    """``st.secrets``: parsed on first use, thread-safe, read-only."""

    _ATTRS = ("_secrets", "_lock", "_script_dir")

    def __init__(self, script_dir: str | None = None) -> None:
        self._secrets: dict[str, Any] | None = None
        self._lock = threading.RLock()
        self._script_dir = script_dir

    # ----- loading -------------------------------------------------------------------------
    def _parse(self) -> dict[str, Any]:
        own = _session_secrets()
        if own is not None:
            return own
        secrets = self._secrets
        if secrets is not None:
            return secrets
        with self._lock:
            if self._secrets is not None:
                return self._secrets
            secrets = load_secrets(secrets_paths(self._script_dir or _current_script_dir()))
            for key, value in secrets.items():
                if type(value) in (str, int, float):
                    os.environ[key] = str(value)
            self._secrets = secrets
            return secrets

    def load_if_toml_exists(self) -> bool:
        """True when a secrets file was found and parsed."""
        try:
            self._parse()
        except FileNotFoundError:
            return False
        return True

    def reset(self) -> None:
        """Forget what was parsed (the file changed); the environment copies go too."""
        with self._lock:
            if self._secrets is None:
                return
            for key, value in self._secrets.items():
                if type(value) in (str, int, float) and os.environ.get(key) == str(value):
                    del os.environ[key]
            self._secrets = None

    # ----- access --------------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return AttrDict.wrap(self._parse()[name])
        except (KeyError, FileNotFoundError):
            raise AttributeError(missing_attr_message(name)) from None

    def __getitem__(self, key: str) -> Any:
        try:
            return AttrDict.wrap(self._parse()[key])
        except KeyError:
            raise KeyError(missing_key_message(key)) from None

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support item assignment.")

    def __delitem__(self, key: str) -> NoReturn:
        raise TypeError("Secrets does not support item deletion.")

    def __setattr__(self, key: str, value: Any) -> None:
        if key in self._ATTRS:
            super().__setattr__(key, value)
        else:
            raise TypeError("Secrets does not support attribute assignment.")

    def __repr__(self) -> str:
        from jupyst.runtime import exists

        return repr(self._parse()) if exists() else type(self).__name__

    def __len__(self) -> int:
        return len(self._parse())

    def __iter__(self) -> Iterator[str]:
        return iter(self._parse())

    def __contains__(self, key: object) -> bool:
        return key in self._parse()

    def has_key(self, key: str) -> bool:
        return key in self._parse()

    def keys(self) -> KeysView[str]:
        return self._parse().keys()

    def values(self) -> ValuesView[Any]:
        return self._parse().values()

    def items(self) -> ItemsView[str, Any]:
        return self._parse().items()

    def to_dict(self) -> dict[str, Any]:
        return {k: _to_plain(v) for k, v in self._parse().items()}


def _session_secrets() -> dict[str, Any] | None:
    from jupyst.runtime.run_context import get_run_context

    ctx = get_run_context()
    own = getattr(getattr(ctx, "session", None), "app_secrets", None)
    return dict(own) if isinstance(own, Mapping) else None


def _current_script_dir() -> str | None:
    from jupyst.runtime.config_file import _current_script_dir as script_dir

    return script_dir()


#: ``st.secrets``
secrets = Secrets()
