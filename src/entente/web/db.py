"""The app's read-only warehouse: one DuckDB connection opened read-only, a cursor per request, and a time
limit on each request's queries.

DuckDB has no statement timeout, so :meth:`Warehouse.cursor` starts a timer that calls the cursor's
``interrupt()`` when the limit passes: the running query stops with ``duckdb.InterruptException``, which
the error handlers turn into a 503 in the one error shape (:mod:`entente.web.errors`). The data version
(:func:`data_version`) is a hash of the warehouse's ``_provenance`` table: it changes when any dataset is
rebuilt or refreshed, and the app's ETags carry it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version

import duckdb

from entente import warehouse
from entente.web.errors import QueryTimeout

#: Seconds a request's queries may run before they are interrupted.
QUERY_SECONDS = 20.0


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """sha256 over every ``_provenance`` row (tables, datasets, versions, files' sha256, row counts, build
    times) and entente's version: the same warehouse gives the same value, a rebuilt one another."""
    rows = con.execute("SELECT * FROM _provenance ORDER BY table_name").fetchall()
    digest = hashlib.sha256(f"entente={version('entente')};".encode())
    for row in rows:
        digest.update(repr(tuple(str(v) for v in row)).encode())
    return digest.hexdigest()


class Warehouse:
    """The read-only connection the app shares; requests take cursors from it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, query_seconds: float = QUERY_SECONDS):
        self.con = con
        self.query_seconds = query_seconds
        self.version = data_version(con)

    @classmethod
    def open(cls, *, query_seconds: float = QUERY_SECONDS, progress: bool = False) -> Warehouse:
        """Build the warehouse if it is missing or stale, then open it read-only."""
        return cls(warehouse.connect(progress=progress), query_seconds=query_seconds)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request, interrupted after :attr:`query_seconds`; a query it stops
        raises :class:`~entente.web.errors.QueryTimeout`."""
        cur = self.con.cursor()
        timer = threading.Timer(self.query_seconds, cur.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield cur
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"The request's queries ran past {self.query_seconds:g} s and were stopped.") from exc
        finally:
            timer.cancel()
            cur.close()
