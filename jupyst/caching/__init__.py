"""``st.cache_data`` and ``st.cache_resource`` for jupyst.

``cache_data`` pickles results into a diskcache directory shared by every kernel on the
machine (Voilà starts one per visitor) and kept across restarts; ``cache_resource`` keeps
objects in the kernel and returns them by identity. ``configure`` and ``reset`` choose the
cache directory and limits (see ``backend.py`` for the environment variables).
"""

from __future__ import annotations

from jupyst.caching.backend import configure, default_cache_dir, reset
from jupyst.caching.cache_data import CacheDataAPI, DataCachedFunction, cache_data
from jupyst.caching.cache_resource import CacheResourceAPI, ResourceCachedFunction, cache_resource
from jupyst.caching.errors import (
    BadTimeStringError,
    CacheAPIError,
    UnhashableParamError,
    UnserializableReturnValueError,
    UserHashError,
)

__all__ = [
    "BadTimeStringError",
    "CacheAPIError",
    "CacheDataAPI",
    "CacheResourceAPI",
    "DataCachedFunction",
    "ResourceCachedFunction",
    "UnhashableParamError",
    "UnserializableReturnValueError",
    "UserHashError",
    "cache_data",
    "cache_resource",
    "configure",
    "default_cache_dir",
    "reset",
]
