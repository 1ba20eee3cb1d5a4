"""Process-stable content hashing: the digest behind every cache key (see ``keys.py``).

Every kernel on the machine shares the disk cache, so a key must come out the same in
every process: nothing here uses ``hash()`` (salted per process for str and bytes) or
object ids. Values are fed into one BLAKE2b digest as a stream of type tags, lengths and
contents, so that ``[1, 2]``, ``(1, 2)`` and ``"12"`` cannot collide.

Content hashing covers what cached apps pass around: scalars, containers, dates, UUIDs,
Enums, dataclasses, pandas and numpy objects (whole content, no sampling), functions,
files and buffers; anything else is hashed through its pickle reduction, and an object
that refuses that (locks, connections, generators) is reported as unhashable.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import fractions
import functools
import hashlib
import inspect
import io
import os
import pathlib
import pickle
import re
import struct
import sys
import types
import uuid
from collections.abc import Mapping
from typing import Any, Callable

from jupyst.caching.errors import (
    UnhashableTypeError,
)

HashFuncs = Mapping[Any, Callable[[Any], Any]]

_DIGEST_SIZE = 16
_U64 = struct.Struct("<Q")
_BIG = 1 << 16


def fqn(cls: type) -> str:
    """``module.QualName`` of a class: the form ``hash_funcs`` keys are matched by."""
    return f"{cls.__module__}.{cls.__qualname__}"


def normalize_hash_funcs(hash_funcs: HashFuncs | None) -> dict[str, Callable[[Any], Any]]:
    """Key ``hash_funcs`` by fully qualified type name, whether given a type or a name."""
    if not hash_funcs:
        return {}
    return {k if isinstance(k, str) else fqn(k): v for k, v in hash_funcs.items()}


class HashFuncFailed(Exception):
    """A user hash function raised; carries what the error message needs."""

    def __init__(self, hash_func: Any, obj: Any, exc: Exception) -> None:
        super().__init__(str(exc))
        self.hash_func = hash_func
        self.obj = obj
        self.exc = exc


class Hasher:
    """Feeds Python objects into one BLAKE2b digest, deterministically across processes."""

    def __init__(self, hash_funcs: dict[str, Callable[[Any], Any]] | None = None) -> None:
        self._h = hashlib.blake2b(digest_size=_DIGEST_SIZE)
        # Small records collect here and reach the digest in one update: for the typical
        # handful of scalar arguments, per-record hashlib calls would dominate the cost.
        self._buf = bytearray()
        self._hash_funcs = hash_funcs or {}
        # Ids of the containers being hashed right now: meeting one again is a cycle.
        self._active: set[int] = set()

    def digest(self) -> bytes:
        self._flush()
        return self._h.digest()

    def hexdigest(self) -> str:
        self._flush()
        return self._h.hexdigest()

    # -- low-level writers -------------------------------------------------------------

    def _flush(self) -> None:
        if self._buf:
            self._h.update(self._buf)
            self._buf.clear()

    def _raw(self, tag: bytes, payload: bytes | bytearray | memoryview = b"") -> None:
        # Tag, length, payload: a self-delimiting record, so adjacent values never merge.
        buf = self._buf
        buf += tag
        buf += _U64.pack(len(payload))
        if len(payload) < _BIG:
            buf += payload
        else:
            # Large buffers (array data) go straight to the digest, without a copy.
            self._flush()
            self._h.update(payload)

    def _count(self, tag: bytes, n: int) -> None:
        self._buf += tag
        self._buf += _U64.pack(n)

    # -- dispatch ----------------------------------------------------------------------

    def update(self, obj: Any) -> None:
        """Add ``obj`` to the digest; raises ``UnhashableTypeError`` if it cannot be."""
        if self._hash_funcs:
            hash_func = self._hash_funcs.get(fqn(type(obj)))
            if hash_func is not None:
                try:
                    out = hash_func(obj)
                except Exception as exc:
                    raise HashFuncFailed(hash_func, obj, exc) from exc
                self._raw(b"H", fqn(type(obj)).encode())
                if type(out) is type(obj):
                    # Feeding the same type back would call the same function forever.
                    self._update_builtin(out)
                else:
                    self.update(out)
                return
        self._update_builtin(obj)

    def _update_builtin(self, obj: Any) -> None:
        handler = _EXACT.get(type(obj))
        if handler is not None:
            handler(self, obj)
            return
        oid = id(obj)
        if oid in self._active:
            self._raw(b"CYCLE")
            return
        self._active.add(oid)
        try:
            self._update_other(obj)
        finally:
            self._active.discard(oid)

    # -- exact built-in types (the fast path) ------------------------------------------

    def _none(self, obj: None) -> None:
        self._raw(b"N")

    def _bool(self, obj: bool) -> None:
        self._raw(b"B", b"\x01" if obj else b"\x00")

    def _int(self, obj: int) -> None:
        self._raw(b"i", obj.to_bytes((obj.bit_length() + 8) // 8, "little", signed=True))

    def _float(self, obj: float) -> None:
        self._raw(b"f", struct.pack("<d", obj))

    def _complex(self, obj: complex) -> None:
        self._raw(b"c", struct.pack("<dd", obj.real, obj.imag))

    def _str(self, obj: str) -> None:
        self._raw(b"s", obj.encode("utf-8", "surrogatepass"))

    def _bytes(self, obj: bytes | bytearray) -> None:
        self._raw(b"b", obj)

    def _sequence(self, obj: list[Any] | tuple[Any, ...]) -> None:
        oid = id(obj)
        if oid in self._active:
            self._raw(b"CYCLE")
            return
        self._active.add(oid)
        try:
            self._count(b"l" if isinstance(obj, list) else b"t", len(obj))
            for item in obj:
                self.update(item)
        finally:
            self._active.discard(oid)

    def _dict(self, obj: Mapping[Any, Any]) -> None:
        # Insertion order counts, as in Streamlit: a function may iterate over it.
        oid = id(obj)
        if oid in self._active:
            self._raw(b"CYCLE")
            return
        self._active.add(oid)
        try:
            self._count(b"d", len(obj))
            for key, value in obj.items():
                self.update(key)
                self.update(value)
        finally:
            self._active.discard(oid)

    def _set(self, obj: set[Any] | frozenset[Any]) -> None:
        # Set order follows per-process string hashing, so hash members apart and sort.
        digests = sorted(self._sub_digest(item) for item in obj)
        self._count(b"S", len(digests))
        for digest in digests:
            self._buf += digest

    def _sub_digest(self, obj: Any) -> bytes:
        sub = Hasher(self._hash_funcs)
        sub._active = self._active
        sub.update(obj)
        return sub.digest()

    # -- everything else ---------------------------------------------------------------

    def _update_other(self, obj: Any) -> None:  # noqa: C901 - one flat type switch
        cls = type(obj)
        name = fqn(cls)
        if isinstance(obj, (list, tuple)):  # subclasses, e.g. namedtuples
            self._raw(b"T", name.encode())
            self._sequence(list(obj))
        elif isinstance(obj, (dict, types.MappingProxyType)):
            self._raw(b"T", name.encode())
            self._dict(dict(obj))
        elif isinstance(obj, (set, frozenset)):
            self._raw(b"T", name.encode())
            self._set(obj)
        elif isinstance(obj, (bytes, bytearray, memoryview)):
            self._raw(b"b", bytes(obj))
        elif isinstance(obj, enum.Enum):
            # Before int/str: IntEnum and StrEnum members are ints and strs too.
            self._raw(b"E", f"{name}.{obj.name}".encode())
        elif isinstance(obj, bool):
            self._bool(obj)
        elif isinstance(obj, int):
            self._int(int(obj))
        elif isinstance(obj, float):
            self._float(float(obj))
        elif isinstance(obj, str):
            self._str(str(obj))
        elif isinstance(obj, (datetime.datetime, datetime.date, datetime.time)):
            self._raw(b"D", f"{name}:{obj.isoformat()}".encode())
        elif isinstance(obj, datetime.timedelta):
            self._raw(b"td", struct.pack("<qqq", obj.days, obj.seconds, obj.microseconds))
        elif isinstance(obj, uuid.UUID):
            self._raw(b"U", obj.bytes)
        elif isinstance(obj, (decimal.Decimal, fractions.Fraction, pathlib.PurePath, range)):
            self._raw(b"R", f"{name}:{obj!r}".encode())
        elif _is_pandas(obj):
            self._pandas(obj)
        elif _is_numpy(obj):
            self._numpy(obj)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            self._raw(b"DC", name.encode())
            for f in dataclasses.fields(obj):
                self._str(f.name)
                self.update(getattr(obj, f.name))
        elif isinstance(obj, type):
            self._raw(b"C", fqn(obj).encode())
        elif isinstance(obj, types.ModuleType):
            self._raw(b"M", obj.__name__.encode())
        elif isinstance(obj, functools.partial):
            self._raw(b"P")
            self.update(obj.func)
            self.update(obj.args)
            self.update(dict(obj.keywords))
        elif isinstance(obj, types.FunctionType):
            self._raw(b"F", f"{obj.__module__}.{obj.__qualname__}".encode())
            self._code(obj.__code__)
        elif isinstance(obj, types.MethodType):
            self._raw(b"BM")
            self.update(obj.__func__)
            self.update(obj.__self__)
        elif inspect.isroutine(obj) or _is_numpy_ufunc(obj):
            module = getattr(obj, "__module__", None) or ""
            qual = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", "")
            self._raw(b"BF", f"{module}.{qual}".encode())
        elif isinstance(obj, types.CodeType):
            self._code(obj)
        elif isinstance(obj, re.Pattern):
            self._raw(b"RE")
            self.update(obj.pattern)
            self._int(obj.flags)
        elif isinstance(obj, (io.StringIO, io.BytesIO)) and not hasattr(obj, "name"):
            # In-memory buffers: their content and where the reader stands.
            self._raw(b"IO", name.encode())
            self._int(obj.tell())
            self.update(obj.getvalue())
        elif isinstance(obj, io.IOBase) and isinstance(getattr(obj, "name", None), (str, bytes)):
            # Files on disk: which file, when it last changed, and the read position.
            path = os.fsdecode(obj.name)  # type: ignore[attr-defined]  # checked just above
            self._raw(b"FILE", path.encode())
            self._float(os.path.getmtime(path))
            self._int(obj.tell())
        elif _is_pil_image(obj):
            self._raw(b"IMG", f"{obj.mode}:{obj.size}".encode())
            palette = obj.getpalette() if obj.mode == "P" else None
            self._raw(b"PAL", bytes(palette or ()))
            self._raw(b"PX", obj.tobytes())
        elif _is_pydantic_model(obj):
            self._raw(b"PD", name.encode())
            self._str(obj.model_dump_json() if hasattr(obj, "model_dump_json") else obj.json())
        else:
            self._reduced(obj, name)

    def _code(self, code: types.CodeType) -> None:
        # Bytecode alone is too weak ("return 1" and "return 2" share it): add the constants
        # (nested code objects recurse) and the global names the code refers to.
        self._raw(b"CODE", code.co_code)
        self._count(b"k", len(code.co_consts))
        for const in code.co_consts:
            self.update(const)
        self.update(code.co_names)

    def _reduced(self, obj: Any, name: str) -> None:
        # Last resort, as in Streamlit: whatever pickle would save about the object.
        try:
            reduced = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            raise UnhashableTypeError(f"cannot hash an object of type {name}") from exc
        if isinstance(reduced, str):  # a global singleton, pickled by name
            self._raw(b"G", f"{name}:{reduced}".encode())
            return
        self._raw(b"O", name.encode())
        parts = list(reduced)
        # Items 3 and 4 (list and dict items) are iterators; materialise them to hash.
        for i in (3, 4):
            if i < len(parts) and parts[i] is not None:
                parts[i] = list(parts[i])
        self.update(tuple(parts))

    # -- data libraries ----------------------------------------------------------------

    def _pandas(self, obj: Any) -> None:
        import pandas as pd
        from pandas.util import hash_pandas_object

        self._raw(b"PANDAS", fqn(type(obj)).encode())
        if isinstance(obj, pd.DataFrame):
            self.update(obj.shape)
            self.update([str(d) for d in obj.dtypes])
            self.update(list(obj.columns))
            self.update(list(obj.index.names))
        elif isinstance(obj, pd.Series):
            self.update((obj.shape, str(obj.dtype), obj.name, list(obj.index.names)))
        else:  # an Index
            self.update((obj.shape, str(obj.dtype), list(obj.names)))
        try:
            rows = hash_pandas_object(obj).to_numpy()
        except TypeError:
            # Cells pandas cannot hash (lists, dicts): fall back to the pickled bytes.
            self._raw(b"PKL", pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))
        else:
            self._raw(b"ROWS", memoryview(rows).cast("B"))

    def _numpy(self, obj: Any) -> None:
        import numpy as np

        if isinstance(obj, np.generic):
            self._raw(b"NPS", obj.dtype.str.encode())
            if obj.dtype.hasobject:
                self.update(obj.item())
            else:
                self._raw(b"V", obj.tobytes())
            return
        self._raw(b"NPA", obj.dtype.str.encode())
        self.update(obj.shape)
        if obj.dtype.hasobject:
            # The raw buffer of an object array holds pointers, which differ per process.
            self.update(obj.tolist())
        else:
            data = np.ascontiguousarray(obj)
            self._raw(b"V", data.reshape(-1).view(np.uint8).data)


_EXACT: dict[type, Callable[[Hasher, Any], None]] = {
    type(None): Hasher._none,
    bool: Hasher._bool,
    int: Hasher._int,
    float: Hasher._float,
    complex: Hasher._complex,
    str: Hasher._str,
    bytes: Hasher._bytes,
    bytearray: Hasher._bytes,
    list: Hasher._sequence,
    tuple: Hasher._sequence,
    dict: Hasher._dict,
    set: Hasher._set,
    frozenset: Hasher._set,
}


def _is_pandas(obj: Any) -> bool:
    # Look the library up only if it is already imported: a DataFrame implies it is.
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, (pd.DataFrame, pd.Series, pd.Index))


def _is_numpy(obj: Any) -> bool:
    np = sys.modules.get("numpy")
    return np is not None and isinstance(obj, (np.ndarray, np.generic))


def _is_numpy_ufunc(obj: Any) -> bool:
    np = sys.modules.get("numpy")
    return np is not None and isinstance(obj, np.ufunc)


def _is_pil_image(obj: Any) -> bool:
    image = sys.modules.get("PIL.Image")
    return image is not None and isinstance(obj, image.Image)


def _is_pydantic_model(obj: Any) -> bool:
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(obj, pydantic.BaseModel)


def hash_value(obj: Any, hash_funcs: dict[str, Callable[[Any], Any]] | None = None) -> str:
    """Hex digest of one object (for tests and tools; cache keys are built in ``keys.py``)."""
    hasher = Hasher(hash_funcs)
    try:
        hasher.update(obj)
    except HashFuncFailed as failed:
        raise failed.exc from failed
    return hasher.hexdigest()
