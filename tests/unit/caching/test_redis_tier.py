"""The Redis tier against a real redis-server: hosts share, compute once, clear, refuse forgeries.

"Hosts" are worker processes with separate cache directories (separate disk tiers) and the
same Redis, as replicas of an app behind a load balancer would be.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from jupyst import caching
from jupyst.caching import cache_data, redis_tier
from jupyst.caching.entry import dump_value, encode
from tests.unit.caching.redis_server import RedisServer

if TYPE_CHECKING:
    from tests.unit.caching.conftest import Workers

SECRET = "test-signing-key"


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shared server, emptied, configured for this process and its workers."""
    redis_server.client().flushall()
    monkeypatch.setenv("JUPYST_CACHE_REDIS_URL", redis_server.url)
    monkeypatch.setenv("JUPYST_CACHE_SECRET", SECRET)
    caching.reset()
    return redis_server.url


@pytest.fixture
def hosts(workers: Workers, redis_url: str, tmp_path: Path) -> dict[str, dict[str, str]]:
    """Environments of two hosts: their own disk caches, one Redis."""
    workers.env.update(JUPYST_CACHE_REDIS_URL=redis_url, JUPYST_CACHE_SECRET=SECRET)
    return {name: {"JUPYST_CACHE_DIR": str(tmp_path / f"host-{name}")} for name in "ab"}


def entry_names(server: RedisServer) -> list[str]:
    names = [n.decode() for n in server.client().scan_iter(match=redis_tier.PREFIX + "e:*")]
    return sorted(n for n in names if n.count(":") == 4)


def wait_until(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# -- hosts sharing -----------------------------------------------------------------------


def test_two_hosts_racing_compute_a_key_once(
    workers: Workers, hosts: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    sync = tmp_path / "sync"
    sync.mkdir()
    procs = [
        workers.start("race", "compute", "7", "1.0", str(sync), **hosts[name])
        for name in "abab"
    ]
    wait_until(lambda: len(list(sync.glob("ready-*"))) == 4, timeout=60)
    (sync / "go").touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(workers.result_of(out))
    assert workers.computed() == {"compute 7": 1}
    assert all(r == results[0] for r in results)


def test_a_value_from_another_host_is_kept_on_this_one(
    workers: Workers, hosts: dict[str, dict[str, str]], redis_server: RedisServer
) -> None:
    first = workers.run("call", "array", "400000", **hosts["a"])  # 3.2 MB: several chunks
    [name] = entry_names(redis_server)
    chunks = list(redis_server.client().scan_iter(match=name + ":*"))
    assert len(chunks) == 4
    assert workers.run("call", "array", "400000", **hosts["b"]) == first
    redis_server.client().flushall()
    assert workers.run("call", "array", "400000", **hosts["b"]) == first  # from b's disk
    assert workers.computed() == {"array 400000": 1}


def test_killed_lock_holder_is_taken_over_by_another_host(
    workers: Workers, hosts: dict[str, dict[str, str]]
) -> None:
    timeout = {"JUPYST_CACHE_LOCK_TIMEOUT": "1"}
    holder = workers.start("call", "compute", "3", "60", **hosts["a"], **timeout)
    wait_until(lambda: workers.computed()["compute 3"] == 1)
    waiter = workers.start("call", "compute", "3", "0", **hosts["b"], **timeout)
    time.sleep(2.0)  # the holder's heartbeat keeps the lock past its expiry
    assert waiter.poll() is None
    assert workers.computed()["compute 3"] == 1
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    out, err = waiter.communicate(timeout=30)
    assert waiter.returncode == 0, err
    assert workers.computed()["compute 3"] == 2


def test_clear_on_one_host_reaches_the_other(
    workers: Workers, hosts: dict[str, dict[str, str]], redis_server: RedisServer
) -> None:
    workers.run("call", "compute", "1", **hosts["a"])
    workers.run("call", "compute", "1", **hosts["b"])  # now on b's disk too
    workers.run("clear", "compute", **hosts["a"])
    assert entry_names(redis_server) == []
    workers.run("call", "compute", "1", **hosts["b"])
    assert workers.computed() == {"compute 1": 2}
    workers.run("call", "compute", "1", **hosts["a"])  # b stored it again, for everyone
    workers.run("clear", **hosts["b"])
    workers.run("call", "compute", "1", **hosts["a"])
    assert workers.computed() == {"compute 1": 3}


# -- one process -------------------------------------------------------------------------


def test_ttl_becomes_redis_expiry(redis_url: str, redis_server: RedisServer) -> None:
    @cache_data(ttl=30)
    def f(x: int) -> int:
        return x

    f(1)
    [name] = entry_names(redis_server)
    assert 0 < redis_server.client().pttl(name) <= 30_000


def test_size_bound_drops_the_oldest(
    redis_url: str, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYST_CACHE_REDIS_SIZE_LIMIT", "500000")
    caching.reset()

    @cache_data
    def blob(i: int) -> bytes:
        return bytes([i]) * 200_000

    for i in range(5):
        blob(i)
    client = redis_server.client()
    assert int(client.get(redis_tier.PREFIX + "bytes")) <= 500_000
    assert len(entry_names(redis_server)) == 2
    survivors = {client.zscore(redis_tier.PREFIX + "index", n) for n in entry_names(redis_server)}
    assert len(survivors) == 2
    assert None not in survivors


def test_forged_entry_is_refused_unread(
    workers: Workers, hosts: dict[str, dict[str, str]], redis_server: RedisServer,
    tmp_path: Path,
) -> None:
    workers.run("call", "compute", "1", **hosts["a"])
    [name] = entry_names(redis_server)
    client = redis_server.client()
    header = client.get(name)
    marker = tmp_path / "unpickled"
    # A well-formed entry whose unpickling would leave a file behind, under a header that
    # claims it, with a MAC made without the key.
    forged = encode(*dump_value(_Planted(str(marker))), None, []).blob()
    fields = redis_tier._HEADER.unpack_from(header)
    new_fields = redis_tier._HEADER.pack(fields[0], fields[1], 1, len(forged), *fields[4:])
    client.set(name, new_fields + b"\0" * 32)
    client.set(f"{name}:{fields[1].hex()}:0", forged)
    proc = workers.start("call", "compute", "1", **hosts["b"])
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "signature does not match" in err
    assert not marker.exists()
    assert workers.computed() == {"compute 1": 2}


class _Planted:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> Any:
        return (Path.touch, (Path(self.path),))


@pytest.mark.parametrize("damage", ["flipped byte", "truncated chunk", "missing chunk"])
def test_damaged_chunk_is_recomputed(
    redis_url: str, redis_server: RedisServer, damage: str, tmp_path: Path
) -> None:
    calls: list[int] = []

    @cache_data
    def big() -> bytes:
        calls.append(1)
        return b"z" * 1_500_000

    big()
    [name] = entry_names(redis_server)
    client = redis_server.client()
    chunk = sorted(client.scan_iter(match=name + ":*"))[-1]
    data = client.get(chunk)
    if damage == "flipped byte":
        client.set(chunk, data[:-1] + bytes([data[-1] ^ 1]))
    elif damage == "truncated chunk":
        client.set(chunk, data[: len(data) // 2])
    else:
        client.delete(chunk)
    caching.configure(directory=tmp_path / "other-host")
    assert big() == b"z" * 1_500_000
    assert calls == [1, 1]


def test_redis_stopped_mid_session_and_restarted(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    server = RedisServer()
    server.start()
    try:
        monkeypatch.setenv("JUPYST_CACHE_REDIS_URL", server.url)
        monkeypatch.setenv("JUPYST_CACHE_SECRET", SECRET)
        monkeypatch.setenv("JUPYST_CACHE_REDIS_RETRY", "0.3")
        caching.reset()

        @cache_data
        def f(x: int) -> int:
            return x

        with caplog.at_level("INFO", logger="jupyst.caching"):
            f(1)
            assert len(entry_names(server)) == 1
            server.stop()
            assert [f(x) for x in range(2, 12)] == list(range(2, 12))
            warnings = [r for r in caplog.records if r.levelname == "WARNING"]
            assert len(warnings) == 1
            assert "retrying" in warnings[0].getMessage()
            server.start()  # empty, on the same port
            time.sleep(0.4)
            f(20)
        assert len(entry_names(server)) == 1
        assert "is back" in caplog.text
    finally:
        server.stop()


def _silent_listener() -> tuple[socket.socket, str]:
    """A TCP port that accepts connections and never answers: a Redis that hangs."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(sock.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return sock, f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.mark.parametrize("bad", ["malformed url", "wrong password", "no answer"])
def test_unusable_redis_means_the_local_tier_and_one_warning(
    bad: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    server = listener = None
    if bad == "malformed url":
        url = "redis://127.0.0.1:notaport/0"
    elif bad == "wrong password":
        server = RedisServer(password="right")
        server.start()
        url = f"redis://:wrong@127.0.0.1:{server.port}/0"
    else:
        listener, url = _silent_listener()
    try:
        monkeypatch.setenv("JUPYST_CACHE_REDIS_URL", url)
        monkeypatch.setenv("JUPYST_CACHE_SECRET", SECRET)
        caching.reset()
        calls: list[int] = []

        @cache_data
        def f(x: int) -> int:
            calls.append(x)
            return x

        with caplog.at_level("WARNING", logger="jupyst.caching"):
            assert [f(1), f(1), f(2), f(2)] == [1, 1, 2, 2]
        assert calls == [1, 2]  # the local tier still works
        assert len(caplog.records) == 1, caplog.text
        assert "wrong" not in caplog.text  # the password is not logged
    finally:
        if server is not None:
            server.stop()
        if listener is not None:
            listener.close()


def test_no_signing_key_means_no_redis(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    redis_server.client().flushall()
    monkeypatch.setenv("JUPYST_CACHE_REDIS_URL", redis_server.url)
    monkeypatch.delenv("JUPYST_CACHE_SECRET", raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # no .streamlit folder here
    caching.reset()

    @cache_data
    def f(x: int) -> int:
        return x

    with caplog.at_level("WARNING", logger="jupyst.caching"):
        assert f(1) == 1
        assert f(1) == 1
    assert len(caplog.records) == 1
    assert "signing key" in caplog.text
    assert entry_names(redis_server) == []


def test_signature_covers_name_bytes_and_key() -> None:
    signer = redis_tier.Signer(b"k")
    mac = signer.mac(b"name", [b"data"])
    assert signer.verify(b"name", [b"data"], mac)
    assert not signer.verify(b"nam", [b"edata"], mac)
    assert not redis_tier.Signer(b"other").verify(b"name", [b"data"], mac)
