"""Streamlit's config options on the command line: ``--server.port 9100``, ``--theme.base=dark``.

`streamlit run` takes every ``config.toml`` option as a flag named ``--section.option``; `jupyst
run` does too, so commands and Dockerfiles written for Streamlit work unchanged. The flags
override the config files, and ``--port``/``--host`` override the flags. Options jupyst has no
use for (``--server.headless``, ``--browser.gatherUsageStats``, ...) are accepted and do
nothing, silently: they are habits, not mistakes. A section Streamlit does not have is an
error naming the flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: Streamlit 1.67's config sections
SECTIONS = (
    "global", "logger", "client", "runner", "server", "browser", "mapbox", "theme", "secrets", "magic",
    "deprecation", "ui", "snowflake",
)
_FLAG = re.compile(r"--([A-Za-z]+)\.([A-Za-z0-9_.]+)(?:=(.*))?", re.DOTALL)
_BOOLEANS = {"true": True, "false": False}
#: options whose value is a number
_NUMBERS = ("server.port", "server.maxUploadSize", "server.maxMessageSize")


class FlagError(Exception):
    """A config flag that cannot be used; the message is one line."""


def _value(key: str, text: str) -> Any:
    lowered = text.strip().lower()
    if key in _NUMBERS:
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                raise FlagError(f"--{key} takes a number, not {text!r}") from None
    if lowered in _BOOLEANS and not key.startswith("theme."):
        return _BOOLEANS[lowered]
    return text


def split_config_flags(argv: Sequence[str]) -> tuple[list[str], dict[str, Any]]:
    """``argv`` without its ``--section.option`` flags, and those flags as config options.

    Everything after a lone ``--`` belongs to the script and is left alone.
    """
    rest: list[str] = []
    options: dict[str, Any] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            rest += argv[i:]
            break
        match = _FLAG.fullmatch(token)
        if match is None:
            rest.append(token)
            i += 1
            continue
        section, name, inline = match.groups()
        key = f"{section}.{name}"
        if section not in SECTIONS:
            raise FlagError(f"no such option: --{key} (Streamlit's config sections are {', '.join(SECTIONS)})")
        if inline is None:
            if i + 1 >= len(argv) or argv[i + 1] == "--":
                raise FlagError(f"--{key} needs a value, as in `--{key} VALUE` or `--{key}=VALUE`")
            inline = argv[i + 1]
            i += 1
        options[key] = _value(key, inline)
        i += 1
    return rest, options
