"""Shared fixtures and helpers of the frame tests (test_frames.py, test_frames_shapes.py): the in-memory
DuckDB with the warehouse tables, the frames built once per module, and independent pandas readers.

Where the tables come from. The warehouse is built from the snapshot bundled in the package
(``src/entente/data``), so a table it should hold and does not is a bug: the tests that need it fail
(:func:`need`). Tables the snapshot cannot ship (SIPRI's trade register, whose terms forbid it) come
from the curated files beside the repository, ``../shared/data`` (``ENTENTE_SHARED_DATA`` overrides);
when they are not there, ``fcon`` builds ``sipri_transfers`` by parsing an export written in SIPRI's
layout for the tests (``upstream_formats.py``, ORIGIN "written"), so the arms step is tested on rows whose
values are worked out by hand. Other outside tables skip, naming the table, when their files are absent.
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from entente import catalog, frames
from entente.config import snapshot_dir
from entente.errors import BadInput, SchemaError
from entente.sources import sipri
from entente.warehouse import has_table
from shared_support import REPO, shared_data  # noqa: F401  (REPO, shared_data: used by the frame tests)
from upstream_formats import write_sipri_export


#: The file each table the frames read comes from: the catalog's snapshot file, and for SIPRI (which the
#: snapshot may not ship) the curated copy's name beside the repository.
FRAME_TABLES = ("cow_states", "cow_majors", "gw_states", "cow_gw_years", "atop_dyad_year", "cow_alliance_dyad_year",
                "cow_war_inter_dyad_year", "gml_mid_dir_dyad_year", "gml_mid_disputes", "cow_mid_dir_dyad_year",
                "cow_mid_disputes", "td_rivalries", "tss_rivalries", "cow_trade_dyad_year", "cow_nmc_state_year",
                "cow_contiguity", "cow_capitals", "cow_mindist_dyad_year", "cow_igo_dyad_year")
FILES = {name: catalog.table(name).file for name in FRAME_TABLES} | {
    "sipri_transfers": "sipri/sipri_trade_register_1995_2024.parquet"}
STATES = ("cow_states", "cow_majors", "gw_states", "cow_gw_years")
IRN, RUS, IND, PAK = 630, 365, 750, 770
ORIGIN: dict[str, str] = {}  # table → "warehouse" or "parquet", filled by the fcon fixture


def bundled(table: str) -> bool:
    """Whether the table's file is in the snapshot bundled with the package (so the warehouse builds it)."""
    return (snapshot_dir() / FILES[table]).exists()


def _file(table: str) -> Path | None:
    for root in (snapshot_dir(), shared_data()):
        path = root / FILES[table]
        if path.exists():
            return path
    return None


def _outside(table: str) -> str:
    return (f"{table} is not in the bundled snapshot and its file is not in {shared_data() / FILES[table]} "
            "(set ENTENTE_SHARED_DATA to the curated data folder)")


def raw(table: str) -> pd.DataFrame:
    """The source rows, read with pandas from the parquet file (independent of DuckDB and frames)."""
    path = _file(table)
    if path is None:
        if bundled(table):  # unreachable unless the file vanished between the two checks
            pytest.fail(f"the bundled snapshot file {snapshot_dir() / FILES[table]} cannot be read")
        pytest.skip(_outside(table))
    return pd.read_parquet(path)


@pytest.fixture(scope="module")
def fcon(con, tmp_path_factory):
    """In-memory DuckDB with the session warehouse's tables, and the tables the snapshot cannot ship read
    from the curated files beside the repository where they are there; without them, SIPRI's register is
    parsed from an export written in SIPRI's layout for the tests."""
    mem = duckdb.connect()
    origin = {}
    for table in FILES:
        if has_table(con, table):
            mem.register("_incoming", con.table(table).to_arrow_table())
            mem.execute(f"CREATE TABLE {table} AS SELECT * FROM _incoming")
            mem.unregister("_incoming")
            origin[table] = "warehouse"
        elif not bundled(table) and _file(table) is not None:
            mem.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{_file(table)}')")
            origin[table] = "parquet"
        elif table == "sipri_transfers":
            export = write_sipri_export(tmp_path_factory.mktemp("sipri") / "trade_register.csv")
            mem.register("_incoming", sipri.parse(export))
            mem.execute(f"CREATE TABLE {table} AS SELECT * FROM _incoming")
            mem.unregister("_incoming")
            origin[table] = "written"
    ORIGIN.update(origin)
    return mem


def need(fcon, *tables):
    """Fail if the warehouse lacks a table it builds from the bundled snapshot (a bug); skip if a table
    that lives outside the repository is not there."""
    missing = [t for t in tables if not has_table(fcon, t)]
    broken = [t for t in missing if bundled(t)]
    if broken:
        pytest.fail(f"the warehouse has no {', '.join(broken)}, though it is built from the bundled snapshot "
                    f"({', '.join(FILES[t] for t in broken)}): a source or warehouse bug")
    if missing:
        pytest.skip("; ".join(_outside(t) for t in missing))


ALL = ("atop", "cow_alliance", "mids", "wars", "rivalry", "contiguity", "capital_distance", "majors", "trade",
       "minimum_distance", "igos")
STEP_TABLES = {"atop": ["atop_dyad_year"], "cow_alliance": ["cow_alliance_dyad_year"],
               "mids": ["gml_mid_dir_dyad_year"], "cow_mids": ["cow_mid_dir_dyad_year", "cow_mid_disputes"],
               "wars": ["cow_war_inter_dyad_year"], "rivalry": ["tss_rivalries"], "td_rivalry": ["td_rivalries"],
               "contiguity": ["cow_contiguity"], "capital_distance": ["cow_capitals"], "majors": ["cow_majors"],
               "trade": ["cow_trade_dyad_year"], "arms": ["sipri_transfers"],
               "minimum_distance": ["cow_mindist_dyad_year"], "igos": ["cow_igo_dyad_year"],
               "capabilities": ["cow_nmc_state_year"]}


def _available(fcon, steps):
    """The steps whose tables ``fcon`` has; a missing table of the bundled snapshot fails the test."""
    need(fcon, *sorted({t for s in steps for t in STEP_TABLES[s] if bundled(t)}))
    return tuple(s for s in steps if all(has_table(fcon, t) for t in STEP_TABLES[s]))


@pytest.fixture(scope="module")
def nd(fcon):
    """Non-directed COW frame 1816–2025 with every dataset available. It and :func:`dd` take 10–20 s to
    build (trade makes them run as SQL): the tests that use them are marked ``slow``."""
    return frames.dyad_years("cow", add=_available(fcon, ALL), con=fcon)


@pytest.fixture(scope="module")
def dd(fcon):
    """Directed COW frame 1816–2025 with every dataset available (and MID initiation)."""
    return frames.dyad_years("cow", directed=True, add=_available(fcon, ALL), con=fcon)


def row(frame, a, b, year):
    hit = frame[(frame.ccode1 == a) & (frame.ccode2 == b) & (frame.year == year)]
    assert len(hit) == 1, f"{len(hit)} rows for ({a}, {b}, {year})"
    return hit.iloc[0]


def is_na(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _members(system: str, last: int = frames.LAST_YEAR) -> pd.DataFrame:
    """(code, year, s, e) per spell-year, computed with pandas from the parquet file."""
    if system == "cow":
        spells = raw("cow_states").rename(columns={"ccode": "code"})
    else:
        spells = raw("gw_states").rename(columns={"gwcode": "code"})
    spells = spells.assign(st=pd.to_datetime(spells.start_date), en=pd.to_datetime(spells.end_date))
    spells.loc[spells.en == spells.en.max(), "en"] = pd.Timestamp(last, 12, 31)
    rows = []
    for code, st, en in spells[["code", "st", "en"]].itertuples(index=False):
        for year in range(max(st.year, 1816), min(en.year, last) + 1):
            rows.append((code, year, max(st, pd.Timestamp(year, 1, 1)), min(en, pd.Timestamp(year, 12, 31))))
    return pd.DataFrame(rows, columns=["code", "year", "s", "e"])


def _false_pairs(spell_years: pd.DataFrame) -> pd.Series:
    """Non-directed pairs per year that were members in the same year but never on the same day."""
    full = spell_years.assign(full=(spell_years.s.dt.dayofyear == 1) & (spell_years.e.dt.month == 12)
                              & (spell_years.e.dt.day == 31)).groupby(["code", "year"]).full.any()
    partial = spell_years.merge(full[~full].reset_index()[["code", "year"]], on=["code", "year"])
    pairs = partial.merge(partial, on="year", suffixes=("1", "2"))
    pairs = pairs[pairs.code1 < pairs.code2]
    pairs = pairs.assign(overlap=np.maximum(pairs.s1, pairs.s2) <= np.minimum(pairs.e1, pairs.e2))
    ok = pairs.groupby(["code1", "code2", "year"]).overlap.any()
    return ok[~ok].reset_index().groupby("year").size()
