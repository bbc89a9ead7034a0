"""The app's read-only warehouse: one DuckDB connection opened read-only, a cursor per request, and a time
limit on each request's queries.

DuckDB has no statement timeout, so :meth:`Warehouse.cursor` starts a timer that calls the cursor's
``interrupt()`` when the limit passes: the running query stops with ``duckdb.InterruptException``, which
the error handlers turn into a 503 in the one error shape (:mod:`entente.web.errors`). The data version
(:func:`data_version`) is a hash of the warehouse's ``_provenance`` table: it changes when any dataset is
rebuilt or refreshed, and the app's ETags carry it.

A warehouse rebuilt while the app runs (``entente data update`` writes a new file and renames it into
place, :mod:`entente.warehouse`) is picked up without a restart: at most every :data:`CHECK_SECONDS` the
app looks at the file (inode and modification time); when it is another file, the app opens it read-only,
takes its data version, and every request from then on reads the new one (requests under way finish on
the old connection, which is closed when the last of them lets go of it). Every cache of the app is keyed
by the data version, so nothing from the old warehouse is served again.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import duckdb

from entente import warehouse
from entente.errors import WarehouseError
from entente.web.errors import QueryTimeout

#: Seconds a request's queries may run before they are interrupted.
QUERY_SECONDS = 20.0
_USE = "USE warehouse"
#: Seconds between two looks at the warehouse file for a rebuilt one.
CHECK_SECONDS = 5.0


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """sha256 over every ``_provenance`` row (tables, datasets, versions, files' sha256, row counts, build
    times) and entente's version: the same warehouse gives the same value, a rebuilt one another."""
    rows = con.execute("SELECT * FROM _provenance ORDER BY table_name").fetchall()
    digest = hashlib.sha256(f"entente={version('entente')};".encode())
    for row in rows:
        digest.update(repr(tuple(str(v) for v in row)).encode())
    return digest.hexdigest()


class Warehouse:
    """The read-only connection the app shares; requests take cursors from it. ``path``: the file behind
    the connection, watched for a rebuilt warehouse (None: never reopened)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, query_seconds: float = QUERY_SECONDS,
                 path: Path | None = None, check_seconds: float = CHECK_SECONDS):
        self.con = con
        self._use = _USE if path is not None else None
        self.query_seconds = query_seconds
        self._version = data_version(con)
        self.path, self.check_seconds = path, check_seconds
        self._file = _identity(path)
        self._checked = time.monotonic()
        self._reopening = threading.Lock()

    @classmethod
    def open(cls, *, query_seconds: float = QUERY_SECONDS, progress: bool = False) -> Warehouse:
        """Build the warehouse if it is missing or stale, then open it read-only."""
        path = warehouse.ensure(progress=progress)
        try:
            con = attach(path)
        except duckdb.Error as exc:
            raise WarehouseError(f"Cannot open the warehouse at {path}: {exc}. Delete the file to rebuild it, "
                                 "or set ENTENTE_HOME to another folder.") from exc
        return cls(con, query_seconds=query_seconds, path=path)

    @property
    def version(self) -> str:
        """The data version of the warehouse requests read now (a rebuilt file is opened first)."""
        self.follow_rebuilds()
        return self._version

    def follow_rebuilds(self) -> bool:
        """Open the warehouse file again if another has been renamed into its place since the last look
        (at most every :attr:`check_seconds`); True if it did."""
        now = time.monotonic()
        if self.path is None or now - self._checked < self.check_seconds:
            return False
        with self._reopening:
            if now - self._checked < self.check_seconds:
                return False
            self._checked = now
            current = _identity(self.path)
            if current is None or current == self._file:
                return False
            try:
                con = attach(self.path)
                new_version = data_version(con)
            except duckdb.Error:      # half-written or unreadable: keep serving the old one, look again later
                return False
            self.con, self._version, self._file = con, new_version, current
            return True

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request, interrupted after :attr:`query_seconds`; a query it stops
        raises :class:`~entente.web.errors.QueryTimeout`."""
        self.follow_rebuilds()
        cur = self.con.cursor()
        if self._use:
            cur.execute(self._use)
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


def attach(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection of its own to the warehouse file at ``path``, read-only: an in-memory database with the
    file attached as ``warehouse`` and made the default. ``duckdb.connect(path)`` would not do for a file
    renamed into the place of one this process has open: DuckDB keeps one database per path in a process
    and would hand back the old one."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{_quoted(path)}' AS warehouse (READ_ONLY)")
    con.execute(_USE)
    return con


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _identity(path: Path | None) -> tuple[int, int, int] | None:
    """(device, inode, modification time) of the file at ``path``, or None if there is none."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns
