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
from starlette.requests import Request
from starlette.responses import Response

from entente.store import Connection

__all__ = ["RenderedPages", "data_version", "rendered", "versioned"]


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


class RenderedPages:
    """Finished answers (body bytes, status, media type, headers) kept per address and data version.

    Every address holds its page's whole state (the app's rule, which its ETags rely on too), so the same
    path and query under the same data version give the same bytes: a warm request is a dictionary
    look-up instead of rebuilding tables, rendering a template or encoding JSON. At most ``size`` answers
    are kept, least recently used dropped first; only 200 answers are kept (errors are raised, not cached).
    """

    def __init__(self, size: int = 128):
        self.size = size
        self._kept: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, make):
        """The answer under ``key``, made by ``make()`` (a Starlette ``Response``) if not kept."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
        if kept is None:
            response = make()
            if response.status_code != 200 or not hasattr(response, "body"):
                return response
            headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
            kept = (bytes(response.body), response.status_code, response.headers.get("content-type"), headers)
            with self._lock:
                self._kept[key] = kept
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        body, status, media_type, headers = kept
        return Response(body, status_code=status, media_type=media_type, headers=headers)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def rendered(request: Request, make) -> Response:
    """``make()``'s answer for this request's address, kept in the app's :class:`RenderedPages` (made on
    first use, ``app.state.rendered_pages``) under (path, query, the warehouse's data version)."""
    pages = getattr(request.app.state, "rendered_pages", None)
    if pages is None:
        pages = request.app.state.rendered_pages = RenderedPages()
    key = (request.url.path, request.url.query, request.app.state.warehouse.version)
    return pages.get(key, make)
