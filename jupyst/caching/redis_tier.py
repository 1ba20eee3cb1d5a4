"""The shared second tier of ``st.cache_data``: one Redis for every host serving the app.

Each host keeps its disk cache as the first tier. A lookup that misses there asks Redis;
a value computed anywhere is written to both. Settings (see ``RedisSettings``):
``JUPYST_CACHE_REDIS_URL`` or ``[cache] redis_url`` in ``.streamlit/config.toml`` turns the
tier on; a signing key is required (``signing.py``).

Layout, under ``jupyst:cache:``:

* ``e:<function>:<args>`` an entry's header: magic, write id, chunk count, length, the
  clear counters it was written under, and an HMAC of all that plus the entry's bytes.
  The bytes are in ``e:<function>:<args>:<write id>:<n>``, 1 MiB chunks, written in the
  same transaction as the header; the header names one write's chunks, so two writers
  never mix. An entry that fails its MAC (forged, damaged, truncated) is refused before
  anything unpickles it, deleted, and recomputed. ``ttl`` becomes the keys' expiry.
* ``clears`` a hash of clear counters: ``*`` for ``st.cache_data.clear()``, one field per
  function for ``f.clear()``. A clear bumps its counter and deletes the matching keys with
  SCAN (never KEYS); an entry written under older counters is stale even if the SCAN missed
  it. Every process compares the counters with what its host last applied (a small file in
  the cache directory) at most once per ``SYNC_SECONDS`` and clears its disk tier to match:
  that is how a clear reaches every host.
* ``index`` (a sorted set of entry names by write time), ``sizes`` (name to bytes) and
  ``bytes`` (their total): the size bound. A write that takes the total past
  ``size_limit`` deletes the oldest entries until it fits. Entries gone by expiry still
  count until trimmed. (Redis's own ``maxmemory`` with ``allkeys-lru`` would also bound it,
  but it is a server-wide setting an app cannot assume, and it may evict a header's chunks
  and leave the header; with this bound it is a safety net, not the mechanism.)
* ``lock:<function>:<args>`` the compute lock (``RedisLease``): SET NX PX with a random
  token, renewed by a heartbeat thread, released only by its holder; a holder that dies
  stops renewing and the lock expires after ``lock_timeout``, so another host takes over.

Failures never reach the app. An unusable URL turns the tier off for the process with one
warning. An unreachable, refusing or slow Redis (timeouts are 0.5 s) logs one warning, then
the tier rests for ``retry_after`` seconds (lookups do not pay the timeout again meanwhile)
and is tried again; when it answers, an info line says so.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import struct
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from jupyst.caching.entry import Encoded
from jupyst.caching.signing import MAC_SIZE, Signer, find_secret

log = logging.getLogger("jupyst.caching")

T = TypeVar("T")

PREFIX = "jupyst:cache:"
CHUNK = 1 << 20
SYNC_SECONDS = 1.0
_HEADER = struct.Struct("<4s16sIQQQ")  # magic, write id, chunks, length, clears "*", clears f
_MAGIC = b"JRC1"
_DOWN = object()  # what a call returns when Redis could not be asked
_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"  # noqa: E501
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"  # noqa: E501


@dataclass(frozen=True)
class RedisSettings:
    """Where the Redis tier is and how it behaves; ``load()`` reads them."""

    url: str
    secret: bytes
    size_limit: int = 1024**3
    lock_timeout: float = 10.0
    retry_after: float = 5.0
    timeout: float = 0.5

    @classmethod
    def load(cls, lock_timeout: float) -> RedisSettings | None:
        """The settings from the environment and the app's files; ``None`` if the tier is off.

        Off when no URL is set, and (with a warning) when no signing key is.
        """
        from jupyst.caching.runtime_hooks import app_options

        env = os.environ
        url = env.get("JUPYST_CACHE_REDIS_URL")
        config: dict[str, Any] = {}
        secrets: dict[str, Any] = {}
        if not url or not env.get("JUPYST_CACHE_SECRET"):
            config, secrets = app_options()
            url = url or config.get("cache.redis_url")
        if not url:
            return None
        secret = find_secret(dict(env), config, secrets)
        if secret is None:
            log.warning(
                "jupyst cache: a Redis URL is set but no signing key (JUPYST_CACHE_SECRET, or "
                "[cache] secret in .streamlit/config.toml or secrets.toml); Redis is not used"
            )
            return None
        return cls(
            url=str(url),
            secret=secret,
            size_limit=int(env.get("JUPYST_CACHE_REDIS_SIZE_LIMIT") or cls.size_limit),
            lock_timeout=lock_timeout,
            retry_after=float(env.get("JUPYST_CACHE_REDIS_RETRY") or cls.retry_after),
            timeout=float(env.get("JUPYST_CACHE_REDIS_TIMEOUT") or cls.timeout),
        )


def _entry(full: str) -> str:
    return f"{PREFIX}e:{full}"


def _glob_escape(text: str) -> str:
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


def _redacted(url: str) -> str:
    """``url`` without its password, for log lines."""
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest:
        rest = "***@" + rest.rsplit("@", 1)[1]
    return scheme + sep + rest


class RedisTier:
    """The Redis tier of one process; every method degrades to "no Redis" on failure."""

    def __init__(self, settings: RedisSettings, directory: str | None) -> None:
        self.settings = settings
        self._signer = Signer(settings.secret)
        self._where = _redacted(settings.url)
        self._lock = threading.Lock()
        self._client: Any = None
        self._off = False
        self._down_until = 0.0
        self._down = False
        self._next_sync = 0.0
        # What this host last applied of the clear counters, kept beside the disk tier so
        # that a new kernel knows which clears its host has seen.
        self._seen_path = os.path.join(directory, "redis-clears.json") if directory else None
        self._seen: dict[str, int] | None = None if self._seen_path else {}

    # -- talking to Redis ----------------------------------------------------------------

    def _connect(self) -> Any:
        if self._client is None:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            timeout = self.settings.timeout
            self._client = redis.Redis.from_url(
                self.settings.url,
                socket_connect_timeout=timeout,
                socket_timeout=timeout,
                # No silent retries: each would add a timeout to the page's wait.
                retry=Retry(NoBackoff(), 0),
            )
        return self._client

    def _call(self, what: str, op: Callable[[Any], T]) -> T | Any:
        """``op(client)``, or ``_DOWN`` if Redis is off, resting, or fails now."""
        if self._off or time.monotonic() < self._down_until:
            return _DOWN
        try:
            client = self._connect()
            result = op(client)
        except ImportError as exc:
            self._turn_off(f"redis-py is not installed ({exc})")
            return _DOWN
        except ValueError as exc:  # a URL redis-py cannot parse
            self._turn_off(f"the Redis URL {self._where!r} is not usable ({exc})")
            return _DOWN
        except Exception as exc:  # noqa: BLE001 - refused, timed out, auth, protocol: all "down"
            with self._lock:
                self._down_until = time.monotonic() + self.settings.retry_after
                if not self._down:
                    self._down = True
                    log.warning(
                        "jupyst cache: Redis at %s failed while %s (%s: %s); using this "
                        "host's cache only, retrying every %g s",
                        self._where, what, type(exc).__name__, exc, self.settings.retry_after,
                    )
            return _DOWN
        if self._down:
            with self._lock:
                if self._down:
                    self._down = False
                    log.info("jupyst cache: Redis at %s is back", self._where)
        return result

    def _turn_off(self, why: str) -> None:
        with self._lock:
            if not self._off:
                self._off = True
                log.warning("jupyst cache: %s; st.cache_data uses this host's cache only", why)

    # -- entries -------------------------------------------------------------------------

    def counters(self, function_key: str) -> tuple[int, int] | None:
        """The clear counters an entry of ``function_key`` computed now is written under."""
        found = self._call("reading clear counters",
                           lambda c: c.hmget(PREFIX + "clears", "*", function_key))
        if found is _DOWN:
            return None
        return int(found[0] or 0), int(found[1] or 0)

    def get(self, full: str, function_key: str) -> bytes | None:
        """The entry stored under ``full`` if present, current and correctly signed."""
        name = _entry(full)

        def fetch(client: Any) -> bytes | None:
            pipe = client.pipeline(transaction=False)
            pipe.hmget(PREFIX + "clears", "*", function_key)
            pipe.get(name)
            (clears, header) = pipe.execute()
            if header is None:
                return None
            problem, chunk_names, fields = self._parse_header(name, header)
            if problem is None and fields[4:] != (int(clears[0] or 0), int(clears[1] or 0)):
                problem = "stale"  # written before a clear that the SCAN did not reach
            if problem is None:
                chunks = client.mget(chunk_names) if chunk_names else []
                if any(c is None for c in chunks):
                    return None  # chunks expired or evicted: a miss, written again later
                data = b"".join(chunks)
                if len(data) != fields[3]:
                    problem = "truncated"
                elif not self._signer.verify(name.encode(), (header[:_HEADER.size], data),
                                             header[_HEADER.size:]):
                    problem = "signature does not match"
                else:
                    return data
            if problem != "stale":
                log.warning("jupyst cache: refusing the Redis entry %s (%s); recomputing it",
                            name, problem)
            self._delete(client, [name])
            return None

        found = self._call("reading an entry", fetch)
        return None if found is _DOWN else found

    def _parse_header(
        self, name: str, header: bytes
    ) -> tuple[str | None, list[str], tuple[Any, ...]]:
        if len(header) != _HEADER.size + MAC_SIZE:
            return "not a jupyst header", [], ()
        fields = _HEADER.unpack_from(header)
        if fields[0] != _MAGIC:
            return "not a jupyst header", [], ()
        wid = fields[1].hex()
        return None, [f"{name}:{wid}:{i}" for i in range(fields[2])], fields

    def put(
        self, full: str, function_key: str, entry: Encoded, ttl: float | None,
        counters: tuple[int, int] | None,
    ) -> None:
        """Store ``entry`` (signed, chunked, expiring with ``ttl``); trim to the size bound."""
        if counters is None:
            return  # Redis was down when the computation started: do not guess the counters
        name = _entry(full)
        wid = uuid.uuid4().bytes
        chunks = list(_chunks(entry))
        fields = _HEADER.pack(_MAGIC, wid, len(chunks), entry.size, *counters)
        header = fields + self._signer.mac(name.encode(), (fields, *chunks))
        px = None if ttl is None else max(1, int(ttl * 1000))

        def write(client: Any) -> None:
            old = client.get(name)
            pipe = client.pipeline(transaction=True)
            if old is not None:
                problem, old_chunks, _ = self._parse_header(name, old)
                if old_chunks:
                    pipe.unlink(*old_chunks)
            for i, chunk in enumerate(chunks):
                pipe.set(f"{name}:{wid.hex()}:{i}", chunk, px=px)
            pipe.set(name, header, px=px)
            pipe.zadd(PREFIX + "index", {name: time.time()})
            pipe.hget(PREFIX + "sizes", name)
            pipe.hset(PREFIX + "sizes", name, entry.size)
            pipe.incrby(PREFIX + "bytes", entry.size)
            results = pipe.execute()
            replaced = int(results[-3] or 0)
            total = results[-1]
            if replaced:
                total = client.decrby(PREFIX + "bytes", replaced)
            if total > self.settings.size_limit:
                self._trim(client, keep=name)

        self._call("storing an entry", write)

    def _trim(self, client: Any, keep: str) -> None:
        # One at a time, oldest first: entries are large, round trips are cheap.
        while int(client.get(PREFIX + "bytes") or 0) > self.settings.size_limit:
            oldest = [n.decode() for n in client.zrange(PREFIX + "index", 0, 1)]
            victims = [n for n in oldest if n != keep][:1]
            if not victims:
                return
            self._delete(client, victims)

    def _delete(self, client: Any, names: list[str]) -> None:
        """Delete entries (header, chunks, size record) by header name."""
        if not names:
            return
        headers = client.mget(names)
        sizes = client.hmget(PREFIX + "sizes", names)
        doomed = list(names)
        for name, header in zip(names, headers):
            if header is not None:
                doomed += self._parse_header(name, header)[1]
        pipe = client.pipeline(transaction=True)
        pipe.unlink(*doomed)
        pipe.zrem(PREFIX + "index", *names)
        pipe.hdel(PREFIX + "sizes", *names)
        pipe.decrby(PREFIX + "bytes", sum(int(s or 0) for s in sizes))
        pipe.execute()

    # -- clearing, here and on other hosts ------------------------------------------------

    def clear(self, function_key: str | None, key: str | None = None) -> None:
        """Clear one entry, one function's entries, or all, for every host."""
        field = "*" if function_key is None else function_key

        def clear(client: Any) -> None:
            value = client.hincrby(PREFIX + "clears", field, 1)
            self._remember({field: int(value)})
            if key is not None:
                self._delete(client, [_entry(f"{function_key}:{key}")])
                return
            pattern = PREFIX + "e:" + ("" if function_key is None else
                                        _glob_escape(function_key) + ":") + "*"
            batch: list[str] = []
            for found in client.scan_iter(match=pattern, count=500):
                name = found.decode()
                if name.count(":") == PREFIX.count(":") + 2:  # headers; chunks go with them
                    batch.append(name)
                if len(batch) >= 200:
                    self._delete(client, batch)
                    batch = []
            self._delete(client, batch)

        self._call("clearing", clear)

    def sync(self, clear_local: Callable[[str | None], None]) -> None:
        """Apply clears made on other hosts to this host's tiers (at most once a second)."""
        now = time.monotonic()
        if now < self._next_sync:
            return
        self._next_sync = now + SYNC_SECONDS
        found = self._call("reading clear counters", lambda c: c.hgetall(PREFIX + "clears"))
        if found is _DOWN:
            return
        current = {k.decode(): int(v) for k, v in found.items()}
        seen = self._load_seen()
        changed = {k: v for k, v in current.items() if seen.get(k) != v}
        if not changed:
            return
        if "*" in changed:
            clear_local(None)
        else:
            for function_key in changed:
                clear_local(function_key)
        self._remember(changed)

    def _load_seen(self) -> dict[str, int]:
        if self._seen_path is None:
            return self._seen or {}
        try:
            with open(self._seen_path, encoding="utf-8") as f:
                data = json.load(f)
            return {str(k): int(v) for k, v in data.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def _remember(self, counters: dict[str, int]) -> None:
        if self._seen_path is None:
            self._seen = {**(self._seen or {}), **counters}
            return
        seen = {**self._load_seen(), **counters}
        tmp = f"{self._seen_path}.{os.getpid()}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(seen, f)
            os.replace(tmp, self._seen_path)
        except OSError:
            pass  # the next sync applies the clears again: more clearing, never less

    def lease(self, full: str) -> RedisLease:
        return RedisLease(self, PREFIX + "lock:" + full)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):  # closing a broken connection
                client.close()


def _chunks(entry: Encoded) -> Iterator[bytes]:
    reader = entry.reader()
    pending = bytearray()
    while True:
        piece = reader.read(CHUNK - len(pending))
        if not piece:
            break
        pending += piece
        if len(pending) >= CHUNK:
            yield bytes(pending)
            pending.clear()
    if pending or entry.size == 0:
        yield bytes(pending)


class RedisLease:
    """The cross-host compute lock of one key: SET NX PX, a heartbeat, token-checked release."""

    def __init__(self, tier: RedisTier, name: str) -> None:
        self._tier = tier
        self._name = name
        self._token = f"{os.getpid()}:{uuid.uuid4().hex}"
        self._ms = max(100, int(tier.settings.lock_timeout * 1000))
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def try_acquire(self) -> bool:
        taken = self._tier._call(
            "taking the compute lock",
            lambda c: c.set(self._name, self._token, nx=True, px=self._ms),
        )
        if taken is _DOWN:
            return True  # nothing to coordinate through: compute
        if taken:
            self._heartbeat = threading.Thread(
                target=self._renew, name="jupyst-cache-redis-lease", daemon=True
            )
            self._heartbeat.start()
        return bool(taken)

    def _renew(self) -> None:
        # A third of the expiry: two renewals may fail before another host takes over.
        while not self._stop.wait(self._ms / 3000):
            kept = self._tier._call(
                "renewing the compute lock",
                lambda c: c.eval(_RENEW, 1, self._name, self._token, self._ms),
            )
            if kept is not _DOWN and not kept:
                return  # lost (expired and taken): nothing left to renew

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
            self._heartbeat = None
            self._tier._call(
                "releasing the compute lock",
                lambda c: c.eval(_RELEASE, 1, self._name, self._token),
            )
