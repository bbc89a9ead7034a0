"""A per-process cache for page data, keyed by the arguments and the warehouse's data version.

A page's numbers depend only on its arguments and on the warehouse they were read from. The warehouse
records a ``fingerprint`` (of the snapshot and the code that built it) and ``built_at`` in its ``_meta``
table; together they are the *data version*. Results are cached under (arguments, data version), so a
rebuilt warehouse (``entente data update``) never serves numbers from the one before.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

import duckdb

from entente.store import Connection

__all__ = ["data_version", "versioned"]


def data_version(con: Connection) -> str:
    """``fingerprint@built_at`` of the warehouse behind ``con``; a database without a ``_meta`` table (a test's
    hand-made one) gets a key of its connection's own, so its results are never shared with another's."""
    try:
        rows = dict(con.execute("SELECT key, value FROM _meta WHERE key IN ('fingerprint', 'built_at')").fetchall())
    except duckdb.Error:
        return f"unversioned-{id(con)}"
    return f"{rows.get('fingerprint', '?')}@{rows.get('built_at', '?')}"


def versioned(maxsize: int = 64):
    """Cache ``fn(*args, con=con)`` under (args, version), least recently used out first.

    ``version``: the caller's data version (the app knows its warehouse's once, ``Warehouse.version``);
    without it, :func:`data_version` of ``con``.

    The lock only guards the dictionary: two threads asking for the same uncached key both compute it
    (the result is the same), which is simpler than a lock per key and costs only on a cold start.
    """
    def wrap(fn):
        store: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def inner(*args, con: Connection, version: str | None = None):
            key = (args, version or data_version(con))
            with lock:
                if key in store:
                    store.move_to_end(key)
                    return store[key]
            value = fn(*args, con=con)
            with lock:
                store[key] = value
                while len(store) > maxsize:
                    store.popitem(last=False)
            return value

        inner.cache_clear = store.clear
        return inner
    return wrap
