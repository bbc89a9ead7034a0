"""News events from GDELT: ingest 1.0/2.0 export files, map actors to states, aggregate per pair.

    from entente import events
    events.ingest("../shared/data/gdelt/raw")          # → IngestReport (rows read/added/rejected)
    events.series("Iran", "Russia", freq="month")       # pair series, DuckDB
    events.series("IRN", "RUS", engine="spark")         # the same expressions on Spark local
    events.top("IRN", "RUS", n=5)                       # most-mentioned events with SOURCEURL
    events.coverage()                                   # the 15-minute / daily intervals ingested
    events.ingest_range("2025-01-01", "2025-02-01")      # download from GDELT's list → Completeness
    events.mentions(event_ids=[1217523456])             # the articles that mention an event (2.0)

Modules: :mod:`~entente.events.gdelt` (decompressing, checking, parsing), :mod:`~entente.events.names` (file
names and lists), :mod:`~entente.events.schema` (columns and the rules of their values), :mod:`~entente.events.intervals`
(coverage, completeness), :mod:`~entente.events.actors` (CAMEO/FIPS →
COW), :mod:`~entente.events.store` (partitioned Parquet, manifest, lock), :mod:`~entente.events.download`
(GDELT's file lists, parallel verified downloads, completeness), :mod:`~entente.events.aggregate`
(Ibis expressions), :mod:`~entente.events.engines` (DuckDB, Spark).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from entente.countries import resolve
from entente.errors import BadInput
from entente.events.download import ingest_range
from entente.events.intervals import coverage
from entente.events.paths import event_files, events_dir
from entente.events.store import IngestReport, StoreBusy, ingest, manifest, mentions

__all__ = ["IngestReport", "StoreBusy", "coverage", "events_dir", "ingest", "ingest_range", "manifest", "mentions",
           "series", "top"]


def _run(expr) -> pd.DataFrame:
    frame = expr.to_pandas()
    return frame.reset_index(drop=True)


def _codes(a, b) -> tuple[int, int]:
    """The COW codes of two different states (BadInput if ``a`` and ``b`` are the same state)."""
    first, second = resolve(a), resolve(b)
    if first.ccode == second.ccode:
        raise BadInput(f"{a!r} and {b!r} are the same state ({first.name}, {first.abb}, COW {first.ccode}); a pair needs two states, "
                       f"e.g. entente events series {a} CHN.")
    return first.ccode, second.ccode



def series(a, b, *, freq: str = "month", directed: bool = False, engine: str = "duckdb",
           root: Path | None = None) -> pd.DataFrame:
    """Pair series of states ``a`` and ``b`` (any name/code :func:`entente.countries.resolve` takes);
    columns and definitions in :mod:`entente.events.aggregate`."""
    from entente.events import aggregate, engines  # Ibis loads on the first query (about 1 s), not on import

    ca, cb = _codes(a, b)
    backend = engines.connect(engine)
    return _run(aggregate.pair_series(engines.events_table(backend, event_files(root)), ca, cb,
                                      freq=freq, directed=directed))


def top(a, b, *, n: int = 5, freq: str = "month", directed: bool = False, engine: str = "duckdb",
        root: Path | None = None) -> pd.DataFrame:
    """The ``n`` most-mentioned events of the pair per period, with their SOURCEURL (``n`` from 1)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise BadInput(f"top() takes n, the events per period, as a whole number from 1, not {n!r}; e.g. n=5.")
    from entente.events import aggregate, engines  # Ibis loads on the first query (about 1 s), not on import

    ca, cb = _codes(a, b)
    backend = engines.connect(engine)
    return _run(aggregate.top_events(engines.events_table(backend, event_files(root)), ca, cb, n=n,
                                     freq=freq, directed=directed))
