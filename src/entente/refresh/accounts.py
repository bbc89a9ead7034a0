"""What the warehouse holds, dataset by dataset: ``entente data list``, ``entente data verify``, and whether
a newer version of a dataset can be had (:func:`vintage`, which briefs show beside each dataset)."""

from __future__ import annotations

import duckdb
import pandas as pd

from entente import config, warehouse
from entente.sources import refreshed_dir, refreshed_entry, registry, sha256_file
from entente.sources.vintage import vintage
from entente.store import Connection, one


def _coverage(con: Connection, tables: list[str]) -> str:
    """First and last year found in the tables' year columns (``year``, ``*year``, dates), e.g. "1946–2026"."""
    lows, highs = [], []
    for table in tables:
        columns = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
                              [table]).fetchall()
        for column, kind in columns:
            if kind in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
                expr = f'year("{column}")'
            elif (column == "year" or column.endswith("year")) and kind in ("SMALLINT", "INTEGER", "BIGINT"):
                expr = f'"{column}"'
            else:
                continue
            low, high = one(con, f'SELECT min({expr}), max({expr}) FROM "{table}" WHERE {expr} > 0')
            if low is not None:
                lows.append(int(low))
                highs.append(int(high))
    return f"{min(lows)}–{max(highs)}" if lows else "–"


def datasets(con: Connection | None = None) -> pd.DataFrame:
    """One row per dataset: name, version, coverage (from the data), tables, rows, licence, refreshed, and
    whether newer data can be fetched (``newer``: the command, "no (fixed release)" or "your own file";
    :func:`vintage` says it in full)."""
    con = con or warehouse.connection()
    prov = warehouse.provenance(con)
    rows = []
    for name, module in registry().items():
        mine = prov[prov.dataset == name]
        refreshed = mine.refreshed_at.dropna() if "refreshed_at" in mine else pd.Series(dtype=object)
        rows.append({
            "name": name,
            "version": mine.version.iat[0] if len(mine) else module.SOURCE.version,
            "coverage": _coverage(con, mine.table_name.tolist()),
            "tables": ", ".join(mine.table_name),
            "rows": int(mine.rows.sum()),
            "licence": module.SOURCE.licence,
            "refreshed": (f"{pd.Timestamp(refreshed.max()):%Y-%m-%d %H:%M} UTC ({mine.origin.iat[0]})"
                          if len(refreshed) else "snapshot"),
            "newer": _newer_short(vintage(name)),
        })
    return pd.DataFrame(rows)


def _newer_short(v: dict) -> str:
    """The ``newer`` column of ``entente data list``: the command when newer data can be fetched."""
    return {"online": v["command"], "release": "no (fixed release)", "user": "your own file"}.get(v["kind"], "–")


def verify() -> pd.DataFrame:
    """Every check, one row each: files against their recorded sha256, tables against ``_provenance``.

    Columns: dataset, item, check, expected, actual, ok. Opens the warehouse read-only as it is
    (without rebuilding it); without a warehouse only the files are checked.
    """
    checks = []

    def add(dataset, item, check, expected, actual):
        checks.append({"dataset": dataset, "item": item, "check": check, "expected": str(expected),
                       "actual": str(actual), "ok": expected == actual})

    path = config.warehouse_path()
    con = duckdb.connect(str(path), read_only=True) if path.exists() else None
    try:
        prov = warehouse.provenance(con) if con is not None else None
        for name, module in registry().items():
            source = module.SOURCE
            for file, snapshot_sha in source.files.items():
                found = refreshed_entry(source, file)
                if found:
                    manifest, entry = found
                    location, expected = refreshed_dir(name) / manifest["generation"] / file, entry["sha256"]
                else:
                    location, expected = config.snapshot_dir() / file, snapshot_sha
                actual = sha256_file(location) if location.exists() else "missing"
                add(name, str(location), "sha256 of the file", expected, actual)
                if prov is not None:
                    recorded = prov[(prov.dataset == name) & (prov.source_file == file)]
                    add(name, file, "warehouse built from this file (sha256 in _provenance)", expected,
                        recorded.sha256.iat[0] if len(recorded) else "no table")
        if prov is not None:
            for row in prov.itertuples():
                try:
                    count = one(con, f'SELECT count(*) FROM "{row.table_name}"')[0]
                except duckdb.Error:
                    count = "missing"
                add(row.dataset, row.table_name, "rows in the warehouse against _provenance", int(row.rows), count)
    finally:
        if con is not None:
            con.close()
    return pd.DataFrame(checks, columns=["dataset", "item", "check", "expected", "actual", "ok"])



