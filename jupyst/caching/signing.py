"""Signing what the cache shares over the network, and where the signing key comes from.

Entries in the Redis tier are pickles, and unpickling runs code: anyone who can write to
that Redis could otherwise run code in every kernel of the app. Each entry therefore carries
an HMAC-SHA256 of its name and its bytes under a secret key that only the app's hosts know;
an entry whose MAC does not match is refused before anything reads it (and recomputed).

The key is, first found: the environment variable ``JUPYST_CACHE_SECRET``; ``secret`` in
the ``[cache]`` table of ``.streamlit/config.toml``; ``secret`` in the ``[cache]`` table of
``.streamlit/secrets.toml``. Without one, the Redis tier is not used at all (one warning):
an unsigned shared cache would be a remote-code-execution hole, and a key made up per host
would make hosts refuse each other's entries.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

MAC_SIZE = hashlib.sha256().digest_size


class Signer:
    """HMAC-SHA256 under one key; a MAC covers a name and the bytes stored under it."""

    def __init__(self, key: bytes) -> None:
        if not key:
            raise ValueError("the signing key is empty")
        self._key = key

    def mac(self, name: bytes, parts: Iterable[bytes | memoryview]) -> bytes:
        signer = hmac.new(self._key, digestmod=hashlib.sha256)
        # The name's length first: no (name, data) pair can pass for another.
        signer.update(len(name).to_bytes(8, "little"))
        signer.update(name)
        for part in parts:
            signer.update(part)
        return signer.digest()

    def verify(self, name: bytes, parts: Iterable[bytes | memoryview], mac: bytes) -> bool:
        return hmac.compare_digest(self.mac(name, parts), mac)


def _cache_table(options: dict[str, Any]) -> dict[str, Any]:
    table = options.get("cache")
    return table if isinstance(table, dict) else {}


def find_secret(env: dict[str, str], config: dict[str, Any], secrets: dict[str, Any]) -> bytes | None:
    """The signing key from the environment, config.toml's options or secrets.toml."""
    for candidate in (
        env.get("JUPYST_CACHE_SECRET"),
        config.get("cache.secret"),
        _cache_table(secrets).get("secret"),
    ):
        if isinstance(candidate, str) and candidate:
            return candidate.encode()
    return None
