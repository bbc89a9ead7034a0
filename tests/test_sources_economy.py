"""Trade, capabilities, geography, arms, sanctions, vetoes and CAMEO sources: parse, load, known facts.

Real data only. Round trips cut a slice from the bundled snapshot (the cut is in each test), write it in
the upstream format (``.rda`` with pyreadr, CSV, GDELT's tab-separated text) and check ``parse()`` gives
the slice back. The project's curated data folder (``../shared/data`` beside the repository) holds the
raw SIPRI export and the GSDB, which entente may not ship: the tests use them when they are there, and
otherwise files written for the test in SIPRI's and the GSDB's own layout (``upstream_formats.py``), whose
expected values are worked out by hand. The CAMEO lookups come from there or from tests/data/gdelt_lookups.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import shutil
import warnings
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyreadr
import pytest

from entente import ingest, warehouse
from entente.config import snapshot_dir
from entente.errors import SchemaError
from entente.sources import (cameo, cow_capitals, cow_contiguity, cow_igo, cow_mindist, cow_nmc, cow_trade, desta, gsdb,
                             sipri, ties, unsc_vetoes, wto_rta)
from entente.sources._parsing import MalformedLinesWarning, UserFileMissing, malformed_lines

from shared_support import CAMEO_RAW, GSDB_DIR, SIPRI_PARQUET, SIPRI_RAW
from upstream_formats import write_gsdb_cases, write_sipri_export

#: What the tables hold, by hand, when they are loaded from the files written in upstream_formats.py:
#: SIPRI_ROWS has 8 rows; Russia → Iran 990001 (1996: 40, 1997: 20) and 990002 (2016: 25.5) = 3 rows, 85.5
#: TIV; Iran → Russia 990003 (2022: 10, 2023: 30) = 2 rows, 40 TIV; United States → Israel in 2010-2019:
#: 990004 (2012: 1) and 990005 (2013: 10.8). GSDB_ROWS has 5 cases and 7 dyads (9902 splits into Iran
#: and "Korea, North", 9904 into United States and EU); Iran is the target of 9901, 9902, 9905, Russia of 9904.
WRITTEN = {"sipri_rows": 8, "rus_irn": (3, 85.5, 1996, 2016), "irn_rus": (2, 40.0, 2022, 2023),
           "usa_isr_2010s": (2, 11.8), "gsdb_cases": 5, "gsdb_dyads": 7, "on_iran": 3, "on_russia": 1}

BUNDLED = (cameo, cow_trade, cow_nmc, cow_igo, cow_contiguity, cow_capitals, cow_mindist, unsc_vetoes, ties)
IRAN, RUSSIA = 630, 365


def snapshot(file: str) -> pa.Table:
    return pq.read_table(snapshot_dir() / file).replace_schema_metadata(None)


def same(parsed: pa.Table, expected: pa.Table) -> None:
    assert parsed.schema.equals(expected.schema, check_metadata=False)
    assert parsed.replace_schema_metadata(None).equals(expected.replace_schema_metadata(None))


# ---------------------------------------------------------------- (a) parse(): upstream format → snapshot

def _slice(table: pa.Table, where) -> pa.Table:
    """The first 300 rows plus the rows ``where`` picks (Iran or Russia), in snapshot order."""
    frame = table.to_pandas()
    keep = frame.index < 300
    keep |= where(frame)
    return pa.Table.from_pandas(frame[keep], schema=table.schema, preserve_index=False)


def _as_r(frame: pd.DataFrame, dates=()) -> pd.DataFrame:
    """A frame as R holds it: numbers as doubles (NA as NaN), Dates as dates, text as text."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        if column in dates:
            out[column] = [dt.date.fromisoformat(v) for v in frame[column]]
        elif pd.api.types.is_numeric_dtype(frame[column]):
            out[column] = frame[column].astype("float64")
        else:
            out[column] = frame[column].astype(object)
    return out.reset_index(drop=True)


DYADIC = lambda f: f["ccode1"].isin([IRAN, RUSSIA]) | f["ccode2"].isin([IRAN, RUSSIA])  # noqa: E731
MONADIC = lambda f: f["ccode"].isin([IRAN, RUSSIA])  # noqa: E731

RDA_CASES = [
    # module, snapshot file, R object, row filter, upstream names of renamed columns, date columns
    (cow_trade, "trade/cow_trade_dyad_year.parquet", "cow_trade_ndy", DYADIC, {}, ()),
    (cow_trade, "trade/cow_trade_state_year.parquet", "cow_trade_sy", MONADIC, {}, ()),
    (cow_nmc, "capabilities/cow_nmc_state_year.parquet", "cow_nmc", MONADIC, {}, ()),
    (cow_igo, "igo/cow_igo_dyad_year.parquet", "cow_igo_ndy", DYADIC, {}, ()),
    (cow_mindist, "geo/cow_mindist_dyad_year.parquet", "cow_mindist", DYADIC, {}, ()),
    (cow_contiguity, "geo/cow_contiguity.parquet", "cow_contdir", DYADIC,
     {"start_date": "stdate", "end_date": "enddate"}, ("start_date", "end_date")),
    (cow_capitals, "geo/cow_capitals.parquet", "cow_capitals", MONADIC,
     {"start_date": "stdate", "end_date": "enddate"}, ("start_date", "end_date")),
]


@pytest.mark.parametrize("module, file, obj, where, renamed, dates", RDA_CASES, ids=[c[2] for c in RDA_CASES])
def test_parse_rda_round_trip(tmp_path, module, file, obj, where, renamed, dates):
    expected = _slice(snapshot(file), where)
    upstream = _as_r(expected.to_pandas(), dates).rename(columns=renamed)
    path = tmp_path / f"{obj}.rda"
    pyreadr.write_rdata(str(path), upstream, df_name=obj)
    same(module.parse(path), expected)


def test_parse_rda_changed_layout_is_a_schema_error(tmp_path):
    frame = _as_r(snapshot("trade/cow_trade_dyad_year.parquet").slice(0, 50).to_pandas())
    path = tmp_path / "cow_trade_ndy.rda"
    pyreadr.write_rdata(str(path), frame.rename(columns={"flow1": "imports1"}), df_name="cow_trade_ndy")
    with pytest.raises(SchemaError,
                       match=r"cow_trade.*expected.*'flow1'.*missing \['flow1'\].*unexpected \['imports1'\]"):
        cow_trade.parse(path)
    pyreadr.write_rdata(str(path), frame, df_name="something_else")
    with pytest.raises(SchemaError, match=r"cow_trade.*something_else.*cow_trade_ndy"):
        cow_trade.parse(path)


def test_parse_rda_recodes_cow_missing_code(tmp_path):
    frame = _as_r(snapshot("trade/cow_trade_dyad_year.parquet").slice(0, 5).to_pandas())
    frame.loc[0, "flow1"] = -9
    pyreadr.write_rdata(str(tmp_path / "t.rda"), frame, df_name="cow_trade_ndy")
    assert cow_trade.parse(tmp_path / "t.rda")["flow1"][0].as_py() is None


def _vetoes_csv(table: pa.Table, path: Path) -> Path:
    """The World Politics Data Lab layout: capitalised member columns, dates as M/D/YYYY."""
    frame = table.to_pandas()
    frame["date"] = [f"{d.month}/{d.day}/{d.year}" for d in frame["date"]]
    frame = frame.rename(columns={"china": "China", "france": "France", "russia": "Russia", "ussr": "USSR",
                                  "usa": "USA", "uk": "UK"})
    frame.to_csv(path, index=False)
    return path


def test_parse_vetoes_round_trip(tmp_path):
    expected = snapshot("unsc/unsc_vetoes_1946_2022.parquet")  # all 214 rows; some fields hold newlines
    same(unsc_vetoes.parse(_vetoes_csv(expected, tmp_path / "unsc_vetoes_1946_sept2022.csv")), expected)


def test_parse_ties_csv_round_trip(tmp_path):
    expected = snapshot("sanctions/ties_v4_1_cases.parquet")
    frame = expected.to_pandas()
    frame.columns = [c.upper() if c.startswith("sender") else c for c in frame.columns]  # headers are case-blind
    frame.to_csv(tmp_path / "TIESv4-1.csv", index=False)
    same(ties.parse(tmp_path / "TIESv4-1.csv"), expected)


def test_malformed_lines_are_reported_not_dropped_silently(tmp_path):
    path = _vetoes_csv(snapshot("unsc/unsc_vetoes_1946_2022.parquet").slice(0, 20), tmp_path / "v.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra"                                   # file line 4: one field too many
    lines[6] = lines[6].replace("1946,", "19x6,", 1)       # file line 7: a year that is not a number
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with ingest.collecting() as gathered, \
            pytest.warns(MalformedLinesWarning, match=r"unsc_vetoes: 2 malformed line\(s\).*line 4, 7"):
        table = unsc_vetoes.parse(path)
    assert pd.concat(gathered)["line"].tolist() == [4, 7]
    assert table.num_rows == 18
    assert [r["line"] for r in malformed_lines(table)] == [4, 7]
    assert "fields" in malformed_lines(table)[0]["reason"] and "19x6" in malformed_lines(table)[1]["reason"]
    with pytest.raises(SchemaError, match=r"unsc_vetoes: 2 malformed"):
        unsc_vetoes.parse(path, strict=True)
    path.write_text("\n".join(lines[:1] + [line + ",x" for line in lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"unsc_vetoes: 20 of 20 records .* fields.*layout changed"):
        unsc_vetoes.parse(path)  # every line wrong: the layout changed, not 20 malformed lines


def test_a_line_that_is_not_utf8_is_a_malformed_line(tmp_path):
    path = _vetoes_csv(snapshot("unsc/unsc_vetoes_1946_2022.parquet").slice(0, 5), tmp_path / "v.csv")
    raw = path.read_bytes().splitlines(keepends=True)
    raw[2] = raw[2].replace(b"Spanish", b"Espa\xf1ol")  # latin-1, not UTF-8
    path.write_bytes(b"".join(raw))
    with pytest.warns(MalformedLinesWarning, match="line 3"):
        table = unsc_vetoes.parse(path)
    assert table.num_rows == 4 and "not valid utf-8" in malformed_lines(table)[0]["reason"]


def test_parse_csv_changed_layout_is_a_schema_error(tmp_path):
    frame = snapshot("unsc/unsc_vetoes_1946_2022.parquet").slice(0, 10).to_pandas().drop(columns=["region"])
    frame.to_csv(tmp_path / "v.csv", index=False)
    with pytest.raises(SchemaError, match=r"unsc_vetoes.*expected.*missing \['region'\]"):
        unsc_vetoes.parse(tmp_path / "v.csv")


def test_parse_cameo_real_gdelt_lookups():
    raw = CAMEO_RAW           # ../shared/data/cameo/raw, else the same GDELT files in tests/data/gdelt_lookups
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the real files have no malformed lines
        parsed = {**cameo.parse(raw / "CAMEO.eventcodes.txt"), **cameo.parse(raw / "CAMEO.type.txt")}
    assert cameo.parse(raw / "CAMEO.goldsteinscale.txt") == {}  # read together with the event codes
    assert set(parsed) == set(cameo.SOURCE.files) - {"cameo/cameo_country_codes.parquet",
                                                     "cameo/fips_country_codes.parquet"}
    for file, table in parsed.items():
        same(table, snapshot(file))


def test_parse_cameo_country_lookups_in_gdelt_layout(tmp_path):
    countries = snapshot("cameo/cameo_country_codes.parquet")
    rows = list(zip(*countries.to_pydict().values()))[::-1]  # GDELT's own order is not the snapshot's
    (tmp_path / "CAMEO.country.txt").write_text("CODE\tLABEL\n" + "".join(f"{c}\t{n}\n" for c, n in rows))
    same(cameo.parse(tmp_path / "CAMEO.country.txt")["cameo/cameo_country_codes.parquet"], countries)
    fips = snapshot("cameo/fips_country_codes.parquet")  # FIPS.country.txt has no header line
    (tmp_path / "FIPS.country.txt").write_text("".join(f"{c}\t{n}\r\n" for c, n in zip(*fips.to_pydict().values())))
    same(cameo.parse(tmp_path / "FIPS.country.txt")["cameo/fips_country_codes.parquet"], fips)


def test_parse_cameo_changed_layout_and_bad_codes(tmp_path):
    (tmp_path / "CAMEO.type.txt").write_text("CODE\tLABEL\tEXTRA\nGOV\tGovernment\tx\n")
    with pytest.raises(SchemaError, match=r"cameo.*CAMEO.type.txt.*expected \['CODE', 'LABEL'\]"):
        cameo.parse(tmp_path / "CAMEO.type.txt")
    (tmp_path / "CAMEO.eventcodes.txt").write_text("CAMEOEVENTCODE\tEVENTDESCRIPTION\n01\tMAKE PUBLIC STATEMENT\n"
                                                   "2x\tNot a code\n")
    (tmp_path / "CAMEO.goldsteinscale.txt").write_text("CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\t0.0\n02\tlots\n")
    with ingest.collecting() as gathered, pytest.warns(MalformedLinesWarning, match="cameo: 2 malformed"):
        table = cameo.parse(tmp_path / "CAMEO.eventcodes.txt")["cameo/cameo_event_codes.parquet"]
    assert table["cameo_code"].to_pylist() == ["01"]
    assert [(r["file"], r["line"]) for r in malformed_lines(table)] == [
        ("CAMEO.eventcodes.txt", 3), ("CAMEO.goldsteinscale.txt", 3)]
    found = pd.concat(gathered)  # what `entente data update` stores and `entente data rejects cameo` lists
    assert found[["file", "line"]].values.tolist() == [["CAMEO.eventcodes.txt", 3], ["CAMEO.goldsteinscale.txt", 3]]


def test_parse_sipri_export_in_sipri_layout(tmp_path):
    """An export in SIPRI's layout (written for the test): notes skipped, ';' cut, Yes/No/empty as
    True/False/null, codes from the crosswalk (null for "unknown recipient(s)"), rows in (delivery year,
    supplier, recipient, deal) order. With the real export beside the repository, it gives the checked table."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed = sipri.parse(write_sipri_export(tmp_path / "trade_register.csv")).to_pandas()
    assert len(parsed) == WRITTEN["sipri_rows"]
    assert list(zip(parsed.delivery_year, parsed.supplier, parsed.sipri_at_database_id)) == [
        (1996, "Russia", 990001), (1997, "Russia", 990001), (2011, "Russia", 990006), (2012, "United States", 990004),
        (2013, "United States", 990005), (2016, "Russia", 990002), (2022, "Iran", 990003), (2023, "Iran", 990003)]
    first = parsed.iloc[0]
    assert (first.supplier_iso3c, first.supplier_ccode, first.recipient_iso3c, first.recipient_ccode) == (
        "RUS", 365, "IRN", 630)
    assert (first.order_year, first.numbers_delivered, first.tiv_deal_unit, first.tiv_delivery_values) == (
        1994, 4, 10.0, 40.0)
    assert (first.order_year_is_estimate, first.numbers_delivered_is_estimate, first.local_production) == (
        False, False, False)
    unknown = parsed[parsed.sipri_at_database_id == 990006].iloc[0]
    assert unknown.recipient == "unknown recipient(s)" and pd.isna(unknown.recipient_ccode)
    assert pd.isna(unknown.recipient_iso3c) and unknown.status == "Second hand"
    sam = parsed[parsed.sipri_at_database_id == 990002].iloc[0]      # empty flags are null, not False
    assert pd.isna(sam.numbers_delivered_is_estimate) and pd.isna(sam.delivery_year_is_estimate)
    assert sam.sipri_estimate_tiv_per_unit == 25.5 and sam.armament_category == "Air defence systems"
    drones = parsed[parsed.sipri_at_database_id == 990003]
    assert drones.local_production.tolist() == [True, True] and drones.numbers_delivered.tolist() == [100, 300]
    assert drones.delivery_year_is_estimate.tolist()[0] is False and pd.isna(drones.delivery_year_is_estimate.iloc[1])
    if SIPRI_RAW is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            real = sipri.parse(SIPRI_RAW)
        same(real, pq.read_table(SIPRI_PARQUET))


def _sipri_text(tmp_path) -> str:
    """The real export's text when it is beside the repository, else that of one written in its layout."""
    if SIPRI_RAW is not None:
        with gzip.open(SIPRI_RAW, "rt", encoding="utf-8") as handle:
            return handle.read()
    return write_sipri_export(tmp_path / "written.csv").read_text(encoding="ascii")


def test_parse_sipri_changed_layout_is_a_schema_error(tmp_path):
    text = _sipri_text(tmp_path)
    assert "TIV deal unit" in text
    (tmp_path / "trade_register.csv").write_text(text.replace("TIV deal unit", "TIV per unit"), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"sipri.*missing \['TIV deal unit'\].*unexpected \['TIV per unit'\]"):
        sipri.parse(tmp_path / "trade_register.csv")


def test_parse_gsdb_case_file_and_dyads(tmp_path):
    """A case file in the GSDB's layout (written for the test): empty descr_trade is null, quoted lists stay
    whole, and the dyads split them, re-joining "Korea, North". With the GSDB copy beside the repository,
    its cases written back to CSV parse to the same table and dyads."""
    parsed = gsdb.parse(write_gsdb_cases(tmp_path / "GSDB_V3.csv"))
    cases = parsed.to_pandas()
    assert cases.case_id.tolist() == [9901, 9902, 9903, 9904, 9905] == list(range(9901, 9901 + WRITTEN["gsdb_cases"]))
    assert cases.descr_trade.isna().tolist() == [False, False, False, True, True]
    assert (cases.loc[1, "sanctioned_state"], cases.loc[1, "descr_trade"]) == ("Iran, Korea, North", "exp_part, imp_part")
    assert (cases.loc[0, "objective"], cases.loc[0, "success"]) == ("terrorism,human_rights", "failed,failed")
    assert (cases.loc[2, "begin"], cases.loc[2, "end"], cases.loc[3, "sender_mult"]) == (1960, 1989, 1)
    dyads = gsdb.case_dyads(parsed).to_pandas()
    assert len(dyads) == WRITTEN["gsdb_dyads"]
    assert list(zip(dyads.case_id, dyads.sanctioning_state, dyads.sanctioned_state)) == [
        (9901, "United States", "Iran"), (9902, "EU", "Iran"), (9902, "EU", "Korea, North"),
        (9903, "Soviet Union", "China"), (9904, "EU", "Russia"), (9904, "United States", "Russia"),
        (9905, "United States", "Iran")]
    assert dyads.sanctioned_ccode.tolist() == [630, 630, 731, 710, 365, 365, 630]
    assert dyads.sanctioning_ccode.isna().tolist() == [False, True, True, False, True, False, False]   # EU: no code
    assert dyads.loc[3, "sanctioning_ccode"] == 365 and dyads.loc[3, "sanctioning_iso3c"] == "SUN"
    if GSDB_DIR is not None:
        real = pq.read_table(GSDB_DIR / "gsdb_v3_cases.parquet")
        real.to_pandas().to_csv(tmp_path / "GSDB_V3_real.csv", index=False)
        again = gsdb.parse(tmp_path / "GSDB_V3_real.csv")
        same(again, real)
        same(gsdb.case_dyads(again), pq.read_table(GSDB_DIR / "gsdb_v3_case_dyads.parquet"))


def test_gsdb_split_rejoins_world_bank_names():
    compound = {"Egypt, Arab Rep.", "Korea, North", "Congo, Democratic Republic of the"}
    assert gsdb.split_names("Egypt, Arab Rep., Syria", compound) == ["Egypt, Arab Rep.", "Syria"]
    assert gsdb.split_names("Congo, Democratic Republic of the", compound) == ["Congo, Democratic Republic of the"]
    assert gsdb.split_names("United States, United Kingdom, France", compound) == [
        "United States", "United Kingdom", "France"]
    assert gsdb.split_names(None, compound) == []


# ---------------------------------------------------------------- (b) load(): warehouse tables, user files

@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


STAGED: dict[str, Path] = {}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """All these sources loaded into one in-memory DuckDB, with SIPRI and GSDB staged as user files."""
    mp = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("entente-home")
    mp.setenv("ENTENTE_HOME", str(home))
    con = duckdb.connect()
    for module in BUNDLED:
        warehouse.write_source(con, module)
    for folder in ("sipri", "gsdb"):
        (home / "user" / folder).mkdir(parents=True)
    if SIPRI_RAW is not None:
        shutil.copy(SIPRI_RAW, home / "user" / "sipri" / SIPRI_RAW.name)
    else:
        write_sipri_export(home / "user" / "sipri" / "trade_register.csv")
    if GSDB_DIR is not None:
        for name in (gsdb.CASES_FILE, gsdb.DYADS_FILE):
            shutil.copy(GSDB_DIR / name, home / "user" / "gsdb" / name)
    else:
        write_gsdb_cases(home / "user" / "gsdb" / "GSDB_V3.csv")
    warehouse.write_source(con, sipri)
    warehouse.write_source(con, gsdb)
    STAGED["sipri"] = sipri.user_file()          # the export loaded, for the independent read below
    yield con
    con.close()
    mp.undo()


def test_load_row_counts_equal_the_snapshot_files(db):
    prov = db.execute("SELECT table_name, source_file, sha256, rows FROM _provenance").df()
    for module in BUNDLED:
        assert module.SOURCE.redistributable and module.SOURCE.files
        for file, sha in module.SOURCE.files.items():
            row = prov[prov.source_file == file]
            assert len(row) == 1 and row.sha256.iat[0] == sha, file
            expected = pq.read_metadata(snapshot_dir() / file).num_rows
            table = row.table_name.iat[0]
            assert row.rows.iat[0] == expected == db.execute(f"SELECT count(*) FROM {table}").fetchone()[0], file


def test_tables_have_the_names_others_build_on(db):
    tables = {r[0] for r in db.execute("SELECT table_name FROM _provenance").fetchall()}
    assert {"cow_trade_dyad_year", "cow_trade_state_year", "cow_nmc_state_year", "cow_igo_dyad_year",
            "cow_contiguity", "cow_capitals", "cow_mindist_dyad_year", "unsc_vetoes", "ties_cases",
            "cameo_event_codes", "cameo_country_codes", "cameo_actor_types", "fips_country_codes",
            "quad_classes"} <= tables


def test_coverage_in_docstrings_comes_from_the_data(db):
    cases = ((cow_trade, "cow_trade_dyad_year", "year"), (cow_nmc, "cow_nmc_state_year", "year"),
             (cow_igo, "cow_igo_dyad_year", "year"), (cow_mindist, "cow_mindist_dyad_year", "year"),
             (ties, "ties_cases", "startyear"), (unsc_vetoes, "unsc_vetoes", "year"))
    for module, table, column in cases:
        low, high = db.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
        stated = re.search(r"Coverage:[^.]*?(\d{4})[–-](\d{4})", module.__doc__)
        if stated is None:
            stated = re.search(r"Coverage:.*?(\d{4}).*?(\d{4})", module.__doc__, re.S)
        assert (int(stated[1]), int(stated[2])) == (low, high), module.__name__


def test_not_redistributable_sources_ship_nothing():
    for module in (sipri, gsdb, desta, wto_rta):
        assert module.SOURCE.redistributable is False and module.SOURCE.files == {}
    assert not list((snapshot_dir() / "sanctions").glob("gsdb*.parquet"))
    assert not list((snapshot_dir() / "sipri").glob("*.parquet"))


@pytest.mark.parametrize("module, tables, where", [
    (gsdb, ["gsdb_cases", "gsdb_case_dyads"], "globalsanctionsdatabase.com"),
    (sipri, ["sipri_transfers"], "armstransfers.sipri.org"),
    (desta, ["desta_dyads"], "designoftradeagreements.org/downloads"),
    (wto_rta, ["wto_rtas", "wto_rta_parties"], "rtais.wto.org"),
])
def test_without_a_user_file_load_writes_nothing_and_says_where_to_get_it(home, module, tables, where):
    con = duckdb.connect()
    with pytest.warns(UserFileMissing, match=re.escape(where)) as caught:
        assert warehouse.write_source(con, module) == []
    assert any(str(home / "user" / module.SOURCE.name) in str(w.message) for w in caught)
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert not existing & set(tables)


def test_gsdb_loads_from_the_case_csv_the_team_sends(home):
    """The real cases written back to CSV when the GSDB copy is beside the repository, else the test's own."""
    (home / "user" / "gsdb").mkdir(parents=True)
    if GSDB_DIR is not None:
        cases = pq.read_table(GSDB_DIR / "gsdb_v3_cases.parquet")
        cases.to_pandas().to_csv(home / "user" / "gsdb" / "GSDB_V3.csv", index=False)
        expected = (1325, 1889)                                                      # SOURCES.md §9
    else:
        write_gsdb_cases(home / "user" / "gsdb" / "GSDB_V3.csv")
        expected = (WRITTEN["gsdb_cases"], WRITTEN["gsdb_dyads"])
    con = duckdb.connect()
    assert warehouse.write_source(con, gsdb) == ["gsdb_cases", "gsdb_case_dyads"]
    assert con.execute("SELECT count(*) FROM gsdb_cases").fetchone()[0] == expected[0]
    assert con.execute("SELECT count(*) FROM gsdb_case_dyads").fetchone()[0] == expected[1]


def test_an_unreadable_user_file_is_skipped_with_a_warning(home):
    (home / "user" / "gsdb").mkdir(parents=True)
    (home / "user" / "gsdb" / "GSDB_V3.csv").write_text("case,target\n1,Cuba\n")
    with pytest.warns(UserWarning, match="gsdb: the file in .* could not be loaded"):
        assert gsdb.load() == []


def test_user_supplied_tables_load(db):
    counts = dict(db.execute("SELECT table_name, rows FROM _provenance").fetchall())
    if GSDB_DIR is not None:
        assert counts["gsdb_cases"] == pq.read_metadata(GSDB_DIR / gsdb.CASES_FILE).num_rows == 1325
        assert counts["gsdb_case_dyads"] == pq.read_metadata(GSDB_DIR / gsdb.DYADS_FILE).num_rows == 1889
    else:
        assert (counts["gsdb_cases"], counts["gsdb_case_dyads"]) == (WRITTEN["gsdb_cases"], WRITTEN["gsdb_dyads"])
    assert counts["sipri_transfers"] == (25_024 if SIPRI_RAW is not None else WRITTEN["sipri_rows"])  # SOURCES.md §6


# ---------------------------------------------------------------- (c) facts (SOURCES.md §12 and independent checks)

def one(db, sql, *params):
    return db.execute(sql, list(params)).fetchone()


def test_iran_russia_trade(db):
    # ccode1 = 365 < 630: flow2 is Iran's imports from Russia, flow1 Russia's imports from Iran (million USD)
    rows = {y: (f1, f2) for y, f1, f2 in db.execute(
        "SELECT year, flow1, flow2 FROM cow_trade_dyad_year WHERE ccode1 = 365 AND ccode2 = 630").fetchall()}
    assert [rows[y][1] for y in (1992, 2011, 2014)] == [258, 3599, 1460]
    assert (rows[1992][0], rows[2014][0]) == (48, 352)


def test_iran_russia_shared_igos(db):
    assert one(db, "SELECT dyadigos FROM cow_igo_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year = 2014",
               RUSSIA, IRAN) == (39,)


def test_iran_russia_arms(db):
    if SIPRI_RAW is not None:
        sql = ("SELECT count(*), round(sum(tiv_delivery_values)), min(delivery_year), max(delivery_year) "
               "FROM sipri_transfers WHERE supplier_ccode = ? AND recipient_ccode = ?")
        assert one(db, sql, RUSSIA, IRAN)[:2] == (141, 3119)
        assert one(db, sql, IRAN, RUSSIA) == (6, 493, 2022, 2024)
        return
    sql = ("SELECT count(*), sum(tiv_delivery_values), min(delivery_year), max(delivery_year) "
           "FROM sipri_transfers WHERE supplier_ccode = ? AND recipient_ccode = ?")
    assert one(db, sql, RUSSIA, IRAN) == WRITTEN["rus_irn"]
    assert one(db, sql, IRAN, RUSSIA) == WRITTEN["irn_rus"]


def test_no_sanctions_case_between_iran_and_russia(db):
    between = ("SELECT count(*) FROM gsdb_case_dyads WHERE (sanctioning_ccode = 365 AND sanctioned_ccode = 630) "
               "OR (sanctioning_ccode = 630 AND sanctioned_ccode = 365)")
    assert one(db, between) == (0,)
    targets = "SELECT count(DISTINCT case_id) FROM gsdb_case_dyads WHERE sanctioned_state = ?"
    expected = (32, 31) if GSDB_DIR is not None else (WRITTEN["on_iran"], WRITTEN["on_russia"])
    assert (one(db, targets, "Iran")[0], one(db, targets, "Russia")[0]) == expected


def test_no_ties_case_between_iran_and_russia(db):
    senders = "? IN (sender1, sender2, sender3, sender4, sender5, primarysender)"
    sql = f"SELECT count(*) FROM ties_cases WHERE targetstate = ? AND {senders}"
    assert one(db, sql, IRAN, RUSSIA) == (0,) and one(db, sql, RUSSIA, IRAN) == (0,)
    assert one(db, "SELECT count(*) > 0 FROM ties_cases WHERE targetstate = 630") == (True,)


def test_published_examples_from_peacesciencer_docs(db):
    # "in 1920, CoW is saying the value of American imports that came from Canada is about 612 million USD"
    assert one(db, "SELECT flow1 FROM cow_trade_dyad_year WHERE ccode1 = 2 AND ccode2 = 20 AND year = 1920") == (612,)
    # "the maximum [CINC] scores observed in the data belong to the United States in 1945"
    assert one(db, "SELECT ccode, year FROM cow_nmc_state_year ORDER BY cinc DESC LIMIT 1") == (2, 1945)
    # "just the one entry [for] a contiguous USA-Russia relationship (from Jan. 1959 to the end of the data)"
    rows = db.execute("SELECT conttype, start_date FROM cow_contiguity WHERE ccode1 = 2 AND ccode2 = 365 "
                      "AND conttype > 0").fetchall()
    assert rows == [(2, "1959-01-01")]


def test_facts_match_pandas_on_the_parquet(db):
    trade = pd.read_parquet(snapshot_dir() / "trade/cow_trade_dyad_year.parquet")
    india_pakistan = trade.query("ccode1 == 750 and ccode2 == 770 and 2000 <= year <= 2014")
    sql = ("SELECT sum(flow1), sum(flow2), count(*) FROM cow_trade_dyad_year "
           "WHERE ccode1 = 750 AND ccode2 = 770 AND year BETWEEN 2000 AND 2014")
    assert one(db, sql) == (india_pakistan.flow1.sum(), india_pakistan.flow2.sum(), len(india_pakistan))
    capitals = pd.read_parquet(snapshot_dir() / "geo/cow_capitals.parquet")
    several = (capitals.groupby("ccode").size() > 1).sum()
    assert one(db, "SELECT count(*) FROM (SELECT ccode FROM cow_capitals GROUP BY ccode HAVING count(*) > 1)") == (
        several,) == (21,)  # as the cow_capitals docstring says
    vetoes = pd.read_parquet(snapshot_dir() / "unsc/unsc_vetoes_1946_2022.parquet")
    by_name = pd.concat([vetoes[f"member_veto{i}"] for i in (1, 2, 3)]).value_counts()
    sql = ("SELECT count(*) FROM unsc_vetoes WHERE ? IN (member_veto1, member_veto2, member_veto3)")
    for member, count in {"USSR": 90, "USA": 82, "Russia": 31, "UK": 29, "China": 17, "France": 16}.items():
        assert one(db, sql, member) == (count,) == (by_name[member],)  # as the unsc_vetoes docstring says
    assert one(db, "SELECT sum(ussr), sum(usa), sum(france) FROM unsc_vetoes") == (84, 71, 7)


def test_sipri_matches_an_independent_read_of_the_raw_export(db):
    raw = pd.read_csv(STAGED["sipri"], skiprows=11, dtype=str)  # SIPRI's notes, then the header; lines end with ';'
    raw.columns = [c.rstrip(";") for c in raw.columns]
    raw["Local production"] = raw["Local production"].str.rstrip(";")
    usa_israel = raw[(raw.Supplier == "United States") & (raw.Recipient == "Israel")]
    usa_israel = usa_israel[usa_israel["Delivery year"].astype(int).between(2010, 2019)]
    tiv = pd.to_numeric(usa_israel["TIV delivery values"]).sum()
    sql = ("SELECT count(*), sum(tiv_delivery_values) FROM sipri_transfers WHERE supplier_ccode = 2 "
           "AND recipient_ccode = 666 AND delivery_year BETWEEN 2010 AND 2019")
    count, total = one(db, sql)
    assert count == len(usa_israel) > 0 and total == pytest.approx(tiv)
    if SIPRI_RAW is None:
        assert (count, total) == pytest.approx(WRITTEN["usa_isr_2010s"])
