"""Settings: where the warehouse lives and where the bundled snapshot is.

This is the only module that reads ``ENTENTE_*`` environment variables:

- ``ENTENTE_HOME``: folder for the warehouse and caches (default: the per-user data directory
  that ``platformdirs`` gives, e.g. ``~/.local/share/entente`` on Linux).
- ``ENTENTE_SPARK_MASTER``: the Spark master for ``--engine spark`` (default ``local[2]``; e.g.
  ``spark://host:7077`` or ``yarn`` to run the same event aggregation on a cluster).
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

import platformdirs

from entente.errors import OutputError

#: Bump when the warehouse's tables or their meaning change: a warehouse built under another
#: schema version is rebuilt on next use.
SCHEMA_VERSION = 3   # 2: TSS codes Habsburg Austria 300 before 1918; 3: TIES codes West Germany 260


def home() -> Path:
    """The folder holding the warehouse (``ENTENTE_HOME`` or the per-user data directory), created if
    missing. Raises :class:`~entente.errors.OutputError` naming the path and the fix when it is not a
    folder entente can write to (a file, ``/dev/null``, a read-only folder, a path too long)."""
    env = os.environ.get("ENTENTE_HOME")
    path = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("entente", appauthor=False))
    return _writable_folder(str(path), "ENTENTE_HOME" if env else "the data folder")


@functools.lru_cache(maxsize=16)
def _writable_folder(path: str, what: str) -> Path:
    """``path`` as a Path once it is a folder entente can write to (created if missing); checked once per
    path and process."""
    fix = ("set ENTENTE_HOME to a folder you can write to (it is created if missing)" if what == "ENTENTE_HOME"
           else "set ENTENTE_HOME to a folder you can write to")
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{what} is {path!r}, which is not a folder; {fix}.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{what} {path!r} cannot be created: {exc.strerror or exc}; {fix}.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{what} {path!r} is not writable; {fix}.")
    return folder


def warehouse_path() -> Path:
    """Path of the DuckDB warehouse file."""
    return home() / "warehouse.duckdb"


def events_dir() -> Path:
    """The folder of the news-event store (:mod:`entente.events.store`); absent until events are ingested."""
    return home() / "events"


def snapshot_dir() -> Path:
    """The offline snapshot of datasets shipped inside the package (``entente/data``)."""
    return Path(str(resources.files("entente") / "data"))


def spark_master() -> str:
    """The Spark master URL for ``--engine spark`` (``ENTENTE_SPARK_MASTER``, default ``local[2]``)."""
    return os.environ.get("ENTENTE_SPARK_MASTER", "local[2]")
