"""Engines for the event aggregation: DuckDB (default) or Spark in local mode, both through Ibis.

The aggregation (:mod:`entente.events.aggregate`) is written once as Ibis expressions; an engine only
connects and reads the store. Spark is imported only when asked for; without pyspark (or Java) the
error says what to install.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from entente import config
from entente.errors import EngineUnavailable, EntenteError, NoEvidence

__all__ = ["ENGINES", "connect", "events_table"]

ENGINES = ("duckdb", "spark")


def connect(engine: str = "duckdb"):
    """An Ibis backend: ``"duckdb"`` (in-memory) or ``"spark"`` (a local[2] SparkSession, UTC)."""
    if engine == "duckdb":
        import ibis  # about 1 s to import: loaded by the first query, not by `import entente.events`

        return ibis.duckdb.connect()
    if engine == "spark":
        return _spark()
    raise EntenteError(f"Unknown engine {engine!r}; use one of {', '.join(ENGINES)}.")


def spark_missing() -> str | None:
    """Why Spark cannot run here (None if it can)."""
    try:
        import pyspark  # noqa: F401  (optional: the [spark] extra)
    except ImportError:
        return "pyspark is not installed: pip install 'pyspark>=4.0,<4.1' 'ibis-framework[pyspark]'"
    if not shutil.which("java") and not __import__("os").environ.get("JAVA_HOME"):
        return "Spark needs Java (17 or 21): install a JDK and put `java` on PATH or set JAVA_HOME"
    return None


@functools.cache
def _spark():
    why = spark_missing()
    if why:
        raise EngineUnavailable(f"--engine spark is unavailable: {why}.")
    import ibis  # loaded with Spark, on first use (see connect)
    from pyspark.sql import SparkSession  # optional: the [spark] extra

    master = config.spark_master()
    builder = (SparkSession.builder.master(master).appName("entente-events")
               .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false"))
    if master.startswith("local"):        # a laptop: few partitions, stay on loopback
        builder = builder.config("spark.sql.shuffle.partitions", "4").config("spark.driver.bindAddress", "127.0.0.1")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)


def events_table(backend, files: list[Path]):
    """The store's Parquet files as an Ibis table on ``backend``."""
    if not files:
        raise NoEvidence("No GDELT events ingested yet. Run: entente events ingest --path DIR")
    paths = [str(p) for p in files]
    if backend.name == "duckdb":
        return backend.read_parquet(paths)
    # ibis's pyspark read_parquet takes one path; read the file list with the session and name the view.
    backend._session.read.parquet(*paths).createOrReplaceTempView("entente_gdelt_events")
    return backend.table("entente_gdelt_events")
