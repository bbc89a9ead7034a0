"""The catalog declares every warehouse table once, and coverage is recorded where the catalog says."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from entente import catalog, store, warehouse
from entente.errors import SchemaError
from entente.sources import Loaded, registry, ties

SRC = Path(__file__).resolve().parents[1] / "src" / "entente"
#: Table-valued functions and schemas that may follow FROM/JOIN in SQL without being warehouse tables.
NOT_TABLES = {"read_parquet", "read_csv", "range", "information_schema", "unnest", "generate_series", "on"}
SQL_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?')


def _named_tables() -> dict[str, set[str]]:
    """Every identifier after FROM/JOIN in the package's source → the files naming it."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for name in SQL_TABLE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(str(path.relative_to(SRC)))
    return found


def test_every_table_named_in_sql_is_declared():
    """A name after FROM/JOIN is a declared table, a bookkeeping table, a temporary (leading underscore)
    relation, a one- or two-letter alias of a subquery, or a table function."""
    undeclared = {name: files for name, files in _named_tables().items()
                  if name not in catalog.TABLES and name not in catalog.INTERNAL and not name.startswith("_")
                  and len(name) > 2 and name not in NOT_TABLES}
    assert undeclared == {}, f"declare these in entente/catalog.py or read their name from it: {undeclared}"


def test_every_built_table_is_declared_and_has_provenance():
    con = warehouse.connection()
    built = {r[0] for r in con.execute("SELECT table_name FROM _provenance").fetchall()}
    assert built - set(catalog.TABLES) == set()
    # and every declared table of a bundled (redistributable) dataset is built
    from entente.sources import registry

    user_supplied = {name for name, module in registry().items() if not module.SOURCE.redistributable}
    assert {"sipri", "gsdb", "desta", "wto_rta"} <= user_supplied
    missing = {t.name for t in catalog.TABLES.values() if t.dataset not in user_supplied} - built
    assert missing == set()


@pytest.mark.parametrize("table, first, last", [
    ("cow_war_inter_dyad_year", 1816, 2007),     # COW Inter-State War v4.0 searched 1816–2007 (rows: 1823–2003)
    ("gml_mid_dir_dyad_year", 1816, 2010),
    ("cow_mid_dir_dyad_year", 1816, 2014),
    ("ties_cases", 1945, 2005),
])
def test_event_lists_cover_their_documented_domain(table, first, last):
    con = warehouse.connection()
    assert catalog.coverage(con, table) == (first, last)


def test_panel_coverage_is_what_the_rows_span():
    con = warehouse.connection()
    for name in ("cow_trade_dyad_year", "atop_dyad_year", "m_unga_alignment_dyad_year", "ucdp_acd_conflict_year"):
        lo, hi = con.execute(f'SELECT min(year), max(year) FROM "{name}"').fetchone()
        assert catalog.coverage(con, name) == (lo, hi)
    assert catalog.coverage(con, "cow_trade_dyad_year") == (1870, 2014)


def test_table_objects_format_as_their_names():
    assert f"SELECT 1 FROM {catalog.ATOP}" == "SELECT 1 FROM atop_dyad_year"
    with pytest.raises(KeyError, match="not a declared warehouse table"):
        catalog.table("atop_dyad_yaer")


def test_each_snapshot_file_fills_exactly_one_declared_table():
    """The catalog names, for every dataset, the snapshot files its source ships: one table per file."""
    for name, module in registry().items():
        declared = [t.file for t in catalog.TABLES.values() if t.dataset == name and t.file]
        assert sorted(declared) == sorted(module.SOURCE.files), name


def test_a_source_returning_an_undeclared_table_is_refused():
    class Rogue:
        SOURCE = ties.SOURCE

        @staticmethod
        def load():
            return [Loaded("ties_cases_copy", pa.table({"caseid": [1]}))]

    with pytest.raises(SchemaError, match="does not declare for ties; add a catalog entry"):
        warehouse.write_source(duckdb.connect(), Rogue)


def test_keys_the_catalog_declares_are_checked_when_a_table_is_written():
    con = duckdb.connect()
    made_from = {"sha256": "", "origin": "snapshot", "version": "test", "refreshed_at": None}
    with pytest.raises(SchemaError, match=r"ties: 1 duplicated \(caseid\) keys"):
        store.write_table(con, "ties_cases", pa.table({"caseid": [7, 7, 8], "startyear": [1990, 1991, 1992]}),
                          "ties", "sanctions/ties_v4_1_cases.parquet", made_from)
