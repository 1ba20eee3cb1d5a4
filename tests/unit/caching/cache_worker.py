"""A separate process for the multi-process cache tests: ``python cache_worker.py CMD ...``.

Each test starts this script as real processes sharing one cache directory
(``JUPYST_CACHE_DIR``). Every computation appends a line to the file named by
``CACHE_TEST_CALLS``, so the test can count how often a function really ran, in which
process. Results are printed as one JSON line on stdout.

Commands:
  call NAME ARG [DELAY]   call cached function NAME(ARG, _delay=DELAY) and print the result
  race NAME ARG DELAY DIR write DIR/ready-<pid>, wait for DIR/go, then ``call``
  watch ARG DIR           call compute(ARG); write DIR/first; wait for DIR/again; call again
  twice NAME ARG DIR      call NAME(ARG); write DIR/first; wait for DIR/again; call again
  hold N KEEP DIR         get array(N) from its file (second call), write DIR/first, wait
                          for DIR/again, sum the array still held (KEEP "keep") or not
                          ("drop"), call again
  clear [NAME]            clear one function's cache, or all of st.cache_data
  frame ROWS              call frame(ROWS), scribble over the returned DataFrame and
                          print checksums of what it read and of the scribbled copy
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from jupyst.caching import cache_data

CALLS = os.environ.get("CACHE_TEST_CALLS", os.devnull)

# For the "class no longer imports" test: the first process imports a throwaway module
# and returns its class; a later process without that module must recompute.
_module_dir = os.environ.get("CACHE_TEST_MODULE_DIR")
if _module_dir:
    sys.path.insert(0, _module_dir)
    from vanishing_module import Thing as FACTORY  # type: ignore[import-not-found]
else:

    def FACTORY() -> str:  # noqa: N802 - stands in for a class
        return "made without the vanished class"


def _record(what: str) -> None:
    # One short O_APPEND write per line: lines from concurrent processes do not interleave.
    with open(CALLS, "a") as f:
        f.write(f"{what} {os.getpid()}\n")


@cache_data
def compute(x: int, _delay: float = 0.0) -> dict[str, object]:
    _record(f"compute {x}")
    time.sleep(_delay)
    return {"x": x, "pid": os.getpid(), "at": time.time()}


@cache_data(ttl=4)  # a forked worker starts in well under a second, even on a loaded machine
def short_lived(x: int, _delay: float = 0.0) -> dict[str, object]:
    _record(f"short_lived {x}")
    return {"x": x, "pid": os.getpid(), "at": time.time()}


@cache_data(max_entries=2)
def limited(x: int, _delay: float = 0.0) -> dict[str, object]:
    _record(f"limited {x}")
    return {"x": x, "pid": os.getpid(), "at": time.time()}


@cache_data
def make_thing(x: int, _delay: float = 0.0) -> object:
    _record(f"make_thing {x}")
    thing = FACTORY()
    return {"x": x, "pid": os.getpid(), "at": time.time(), "thing": repr(thing)[:40], "t": thing}


@cache_data
def frame(rows: int, _delay: float = 0.0) -> object:
    import numpy as np
    import pandas as pd

    _record(f"frame {rows}")
    return pd.DataFrame({"x": np.arange(rows, dtype="float64"), "y": np.arange(rows) % 7})


def _frame(rows: str) -> None:
    df = frame(int(rows))
    read = {"x": float(df["x"].sum()), "y": int(df["y"].sum()), "rows": len(df)}
    df.iloc[:, 0] = -1.0  # the caller's copy: nobody else may see this
    df.loc[0, "y"] = 1000
    print(json.dumps({**read, "scribbled": float(df["x"].sum())}), flush=True)


@cache_data
def array(n: int, _delay: float = 0.0) -> object:
    import numpy as np

    _record(f"array {n}")
    return np.arange(n, dtype="float64")


def _hold(n: str, keep: str, folder: str) -> None:
    drop = keep == "drop"
    sync = Path(folder)
    array(int(n))
    held = array(int(n))  # a hit: read from the entry's file
    if drop:
        del held
    (sync / "first").touch()
    _wait_for(sync / "again")
    held_sum = None if drop else float(held.sum())  # reads every page of the held value
    again = array(int(n))
    print(json.dumps({"held": held_sum, "again": float(again.sum())}), flush=True)


FUNCTIONS = {f.__name__: f for f in (compute, short_lived, limited, make_thing, array)}


def _call(name: str, arg: str, delay: str = "0") -> None:
    result = FUNCTIONS[name](int(arg), _delay=float(delay))
    if not isinstance(result, dict):
        result = {"sum": float(result.sum())}
    result = {k: v for k, v in result.items() if k != "t"}
    print(json.dumps(result), flush=True)


def _wait_for(path: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.005)


def main(argv: list[str]) -> None:
    cmd, rest = argv[1], argv[2:]
    if cmd == "call":
        _call(*rest)
    elif cmd == "race":
        name, arg, delay, folder = rest
        sync = Path(folder)
        (sync / f"ready-{os.getpid()}").touch()
        _wait_for(sync / "go")
        _call(name, arg, delay)
    elif cmd == "watch":
        arg, folder = rest
        sync = Path(folder)
        _call("compute", arg)
        (sync / "first").touch()
        _wait_for(sync / "again")
        _call("compute", arg)
    elif cmd == "twice":
        name, arg, folder = rest
        sync = Path(folder)
        _call(name, arg)
        (sync / "first").touch()
        _wait_for(sync / "again")
        _call(name, arg)
    elif cmd == "hold":
        _hold(*rest)
    elif cmd == "frame":
        _frame(*rest)
    elif cmd == "clear":
        if rest:
            FUNCTIONS[rest[0]].clear()
        else:
            cache_data.clear()
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
