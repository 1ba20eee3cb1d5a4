"""A real PostgreSQL server for the tests: Debian's binaries, a temporary cluster, 127.0.0.1.

``postgres_server`` (session-scoped) runs ``initdb`` in a fresh temporary directory (as
the ``postgres`` user when the tests run as root: the server refuses to run as root),
starts it on a free port of 127.0.0.1 with every statement logged (tests count what
reached the database from that log), creates a user with a password and a database owned
by it, and stops the server and removes the directory at the end.

Without the binaries the tests that need it are skipped, except in CI (``CI=true``), where
that is a failure: ``make test`` installs Debian's ``postgresql`` first.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "jupyst_app"
PASSWORD = "pg-Secret-7f3a9c"
DATABASE = "jupyst_test"
SUPERUSER_PASSWORD = "pg-Super-2b8e61"


def find_bin_dir() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/<version>/bin`` with initdb, if any."""
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        version = Path(initdb).parent.parent.name
        found.append((int(version) if version.isdigit() else 0, Path(initdb).parent))
    if found:
        return max(found)[1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    bin_dir: Path
    directory: Path
    port: int = 0

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def log_path(self) -> Path:
        return self.directory / "server.log"

    @property
    def url(self) -> str:
        """The app user's SQLAlchemy URL (with the password: keep it out of messages)."""
        return f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        password_file = self.directory / "superuser-password"
        password_file.write_text(SUPERUSER_PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(password_file, "postgres", "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", f"--pwfile={password_file}",
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
        )
        self.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.directory} "
            "-c log_statement=all -c fsync=off -c log_min_messages=warning"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-o", options, "-w", "-t", "60", "start")
        self._setup()

    def _setup(self) -> None:
        import psycopg

        conninfo = f"host=127.0.0.1 port={self.port} user=postgres password={SUPERUSER_PASSWORD} dbname=postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                admin = psycopg.connect(conninfo, autocommit=True, connect_timeout=5)
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        with admin:
            admin.execute(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'")
            admin.execute(f"CREATE DATABASE {DATABASE} OWNER {USER}")

    def stop(self) -> None:
        if self.data.exists():
            with contextlib.suppress(subprocess.CalledProcessError):  # never started
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def statements_containing(self, marker: str) -> int:
        """How many logged statements contain ``marker`` (simple or extended protocol)."""
        return sum(
            1
            for line in self.log_text().splitlines()
            if marker in line and ("statement:" in line or "execute " in line)
        )

    def execute(self, sql: str) -> None:
        """Run ``sql`` as the app user (to set up tables)."""
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={USER} password={PASSWORD} dbname={DATABASE}",
            autocommit=True,
        ) as conn:
            conn.execute(sql)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL server on 127.0.0.1 for the whole test session."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not installed; `make postgresql` installs Debian's package")
        pytest.skip("PostgreSQL is not installed (`make postgresql` installs it)")
    if os.environ.get("CI") != "true":
        pytest.importorskip("psycopg")
    # Not under pytest's own temp root: that is private to root and the server runs as postgres.
    server = PostgresServer(bin_dir, Path(tempfile.mkdtemp(prefix="jupyst-pg-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
