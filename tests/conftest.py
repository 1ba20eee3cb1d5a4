"""Shared fixtures: a comm that counts what widgets would send to a browser."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import comm
import pytest
from comm import DummyComm

from tests.streamlit_oracle import memoize_manifest_scan

# Test processes import jupyter_server as `jupyst run` does: skip the same five-second grammar
# compile at its import (see _skip_iri_grammar in jupyst/cli.py).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def pytest_collection_finish(session: pytest.Session) -> None:
    if "streamlit" in sys.modules:
        memoize_manifest_scan()


class CountingComm(DummyComm):
    sent: list[tuple[str, Any]] = []
    #: the comm id of each message in ``sent``, in the same order
    senders: list[str] = []

    def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None, **keys: Any) -> None:
        CountingComm.sent.append((msg_type, data))
        CountingComm.senders.append(self.comm_id)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Any]]]:
    """Every comm message widgets publish during the test, in order."""
    CountingComm.sent = []
    CountingComm.senders = []
    monkeypatch.setattr(comm, "create_comm", lambda *a, **k: CountingComm(*a, **k))
    return CountingComm.sent


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes into the user's real cache directory."""
    import os

    path = tmp_path_factory.mktemp("jupyst-cache")
    old = os.environ.get("JUPYST_CACHE_DIR")
    os.environ["JUPYST_CACHE_DIR"] = str(path)
    yield
    if old is None:
        os.environ.pop("JUPYST_CACHE_DIR", None)
    else:
        os.environ["JUPYST_CACHE_DIR"] = old


# A real PostgreSQL server (session-scoped) for the st.connection tests.
from tests.postgres import postgres_server as postgres_server  # noqa: E402


@pytest.fixture(scope="session")
def preloaded_python() -> Iterator[Any]:
    """Worker scripts forked from interpreters that imported their modules once (tests/preloaded_python.py)."""
    from tests.preloaded_python import PreloadedPython

    servers = PreloadedPython()
    yield servers
    servers.close()


@pytest.fixture(scope="session")
def e2e_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def server_env(e2e_root: Path) -> dict[str, str]:
    from tests.e2e.server import private_env

    return private_env(e2e_root / "env")


@pytest.fixture(scope="session")
def browser(server_env: dict[str, str]) -> Iterator[Any]:
    """The one Chromium of this test process, shared by the browser and reliability suites."""
    from tests.e2e.conftest import chromium_browser

    with chromium_browser(server_env) as launched:
        yield launched


@pytest.fixture(scope="module")
def provider() -> Iterator[Any]:
    """An OpenID Connect provider on 127.0.0.1 (tests/oidc_provider.py), one per test module."""
    from tests.oidc_provider import ProviderServer

    server = ProviderServer([])
    server.start()
    yield server
    server.stop()
