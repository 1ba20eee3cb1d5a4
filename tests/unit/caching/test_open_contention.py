"""Opening the cache while another process holds the database busy waits; it does not give up.

Several kernels starting at once all open (and set up) the same SQLite database. A busy
database during setup must not send a kernel to a private in-memory cache, where it would
compute what the others already computed.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from jupyst.caching.disk_store import DiskStore


def test_open_waits_out_a_busy_database(tmp_path: Path) -> None:
    DiskStore(str(tmp_path), size_limit=2**30, lock_timeout=10.0).close()  # the database exists
    db = sqlite3.connect(str(tmp_path / "cache.db"), isolation_level=None, check_same_thread=False)
    db.execute("BEGIN EXCLUSIVE")
    released = threading.Event()

    def release_later() -> None:
        time.sleep(1.0)
        db.execute("COMMIT")
        released.set()

    threading.Thread(target=release_later).start()
    store = DiskStore(str(tmp_path), size_limit=2**30, lock_timeout=10.0)
    assert released.is_set()
    store.close()
