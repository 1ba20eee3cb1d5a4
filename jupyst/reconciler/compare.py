"""Equality that never raises: props hold DataFrames and arrays as well as plain values."""

from __future__ import annotations

from typing import Any


def same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    equals = getattr(a, "equals", None)
    if equals is not None and type(a).__module__.startswith("pandas"):
        try:
            return bool(equals(b))
        except Exception:
            return False
    if type(a).__module__ == "numpy":
        try:
            import numpy as np

            return bool(np.array_equal(a, b))
        except Exception:
            return False
    try:
        return bool(a == b)
    except Exception:
        return False


def props_equal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a is b:
        return True
    if a.keys() != b.keys():
        return False
    return all(same(a[k], b[k]) for k in a)
