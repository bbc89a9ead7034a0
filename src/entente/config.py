"""Settings: where the warehouse lives and where the bundled snapshot is.

This is the only module that reads ``ENTENTE_*`` environment variables:

- ``ENTENTE_HOME``: folder for the warehouse and caches (default: the per-user data directory
  that ``platformdirs`` gives, e.g. ``~/.local/share/entente`` on Linux).
- ``ENTENTE_SPARK_MASTER``: the Spark master for ``--engine spark`` (default ``local[2]``; e.g.
  ``spark://host:7077`` or ``yarn`` to run the same event aggregation on a cluster).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

#: Bump when the warehouse's tables or their meaning change: a warehouse built under another
#: schema version is rebuilt on next use.
SCHEMA_VERSION = 1


def home() -> Path:
    """The folder holding the warehouse (``ENTENTE_HOME`` or the per-user data directory)."""
    env = os.environ.get("ENTENTE_HOME")
    path = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("entente", appauthor=False))
    return path


def warehouse_path() -> Path:
    """Path of the DuckDB warehouse file."""
    return home() / "warehouse.duckdb"


def snapshot_dir() -> Path:
    """The offline snapshot of datasets shipped inside the package (``entente/data``)."""
    return Path(str(resources.files("entente") / "data"))


def spark_master() -> str:
    """The Spark master URL for ``--engine spark`` (``ENTENTE_SPARK_MASTER``, default ``local[2]``)."""
    return os.environ.get("ENTENTE_SPARK_MASTER", "local[2]")
