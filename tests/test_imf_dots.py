"""IMF DOTS: the workbooks parsed into dyad-years (checked cell by cell against the workbooks), the crosswalk
to COW codes, COW–IMF agreement computed independently, and the COW → IMF seam in `entente trade`.

The workbooks in tests/data/imf_dots/ are three of the 235 upstream files, byte for byte (README there)."""

from __future__ import annotations

import csv
import io
import shutil
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from entente.config import snapshot_dir
from entente.errors import SchemaError
from entente.measures import trade_sources as ts
from entente.sources import imf_dots
from entente.sources._parsing import MalformedLinesWarning, malformed_lines

DATA = Path(__file__).parent / "data" / "imf_dots"
IRAN, RUSSIA, USSR = DATA / "DOTS_95.xlsx", DATA / "DOTS_162.xlsx", DATA / "DOTS_203.xlsx"


@pytest.fixture(scope="module")
def parsed():
    return imf_dots.parse([IRAN, RUSSIA, USSR])


@pytest.fixture(scope="module")
def dyads(parsed):
    return parsed[imf_dots.DYAD_FILE].to_pandas().set_index(["ccode1", "ccode2", "year"])


def test_cells_checked_by_hand(dyads):
    # Russian Federation (DOTS_162), 2020: exports to Iran 1,433.65 (FOB), imports from Iran 795.68 (CIF);
    # Iran (DOTS_95), 2020: exports to Russia "750.64 e" (an IMF estimate), imports from Russia 1,373.07.
    row = dyads.loc[(365, 630, 2020)]
    assert row.imf_exports_1to2 == pytest.approx(1433.652) and row.imf_exports_1to2_est is False
    assert row.imf_imports_1from2 == pytest.approx(795.681) and row.imf_imports_1from2_est is False
    assert row.imf_exports_2to1 == 750.64 and row.imf_exports_2to1_est is True
    assert row.imf_imports_2from1 == pytest.approx(1373.072) and row.imf_imports_2from1_est is False
    # 2014, Russia's side: 1,326.93 and 355.13
    assert dyads.loc[(365, 630, 2014), "imf_exports_1to2"] == pytest.approx(1326.933)
    assert dyads.loc[(365, 630, 2014), "imf_imports_1from2"] == pytest.approx(355.129)
    # USSR (DOTS_203), 1991: exports to Iran "359.09 e", imports from Iran "333.74 e": the USSR is 365 to 1991
    ussr = dyads.loc[(365, 630, 1991)]
    assert (ussr.imf_exports_1to2, ussr.imf_imports_1from2) == (359.09, 333.74)
    assert ussr.imf_exports_1to2_est and ussr.imf_imports_1from2_est
    # USSR exports to "Germany": "4,061.13 e" in 1989 (the Federal Republic, 260; a thousands separator),
    # "6,680.21 e" in 1990 (united Germany, 255); to "Eastern Germany" (265) "7,563.76 e" in 1989
    assert dyads.loc[(260, 365, 1989), "imf_exports_2to1"] == 4061.13
    assert dyads.loc[(255, 365, 1990), "imf_exports_2to1"] == 6680.21
    assert dyads.loc[(265, 365, 1989), "imf_exports_2to1"] == 7563.76
    assert (260, 365, 1990) not in dyads.index and (255, 365, 1989) not in dyads.index


def test_state_totals_are_the_world_rows(parsed):
    states = parsed[imf_dots.STATE_FILE].to_pandas().set_index(["ccode", "year"])
    # USSR World row 1991: exports 44,577.2078, imports 48,384.5592; Iran 2020: 14,209.226148 and 21,229.506115
    assert states.loc[(365, 1991), "imf_exports"] == pytest.approx(44577.208)
    assert states.loc[(365, 1991), "imf_imports"] == pytest.approx(48384.559)
    assert states.loc[(630, 2020), "imf_exports"] == pytest.approx(14209.226)
    assert states.loc[(630, 2020), "imf_imports"] == pytest.approx(21229.506)
    assert not states["imf_exports_est"].any()


def test_leading_australia_row_dropped_and_duplicate_workbook_counted(parsed, dyads):
    dropped = imf_dots.dropped(parsed[imf_dots.DYAD_FILE])
    # all six sheets open with the repeated Australia row; it is dropped, the regular one kept
    assert dropped["leading Australia row (repeats the regular one)"] == 6
    assert dyads.loc[(365, 900, 1991), "imf_imports_1from2"] == 355.71     # USSR imports from Australia, "355.71 e"
    assert dropped["cells: partner is aggregate"] > 0 and dropped["cells: partner is not_a_cow_state"] > 0
    # Russia's records of "USSR" and "Yugoslavia" after those states ended are dropped on purpose, counted
    assert dropped["cells: Yugoslavia outside its span"] > 0
    assert not dyads.index.duplicated().any()
    assert not malformed_lines(parsed[imf_dots.DYAD_FILE])
    # a workbook given twice (as Nicaragua's is upstream): identical cells are counted, not duplicated
    twice = imf_dots.parse([USSR, USSR])
    once = imf_dots.parse([USSR])
    assert twice[imf_dots.DYAD_FILE].equals(once[imf_dots.DYAD_FILE])
    repeats = imf_dots.dropped(twice[imf_dots.DYAD_FILE])["identical repeat of a reporter-partner-year figure"]
    table = once[imf_dots.DYAD_FILE]
    assert repeats == sum(table.num_rows - table.column(flow).null_count for flow in imf_dots._FLOWS)


def test_a_bad_cell_is_set_aside_and_the_rest_kept(tmp_path):
    path = tmp_path / "DOTS_203.xlsx"
    shutil.copy(USSR, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Exports, FOB"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "Iran, Islamic Rep. of")
    sheet.cell(row, sheet.max_column).value = "n/a"           # 1991
    book.save(path)
    with pytest.warns(MalformedLinesWarning, match="1 malformed"):
        table = imf_dots.parse([path])[imf_dots.DYAD_FILE]
    [reject] = malformed_lines(table)
    assert reject["line"] == row and "'n/a' is neither a number" in reject["reason"]
    frame = table.to_pandas().set_index(["ccode1", "ccode2", "year"])
    assert pd.isna(frame.loc[(365, 630, 1991), "imf_exports_1to2"])
    assert frame.loc[(365, 630, 1991), "imf_imports_1from2"] == 333.74       # the same row's other sheet is kept
    assert frame.loc[(365, 630, 1990), "imf_exports_1to2"] == 277.27          # and the same row's other years
    with pytest.raises(SchemaError, match="1 malformed"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        imf_dots.parse([path], strict=True)


def test_value_cells():
    assert imf_dots.value(12.5) == (12.5, False)
    assert imf_dots.value("750.64 e") == (750.64, True)
    assert imf_dots.value("2,528.04 e") == (2528.04, True)
    assert imf_dots.value(None) is None
    with pytest.raises(ValueError):
        imf_dots.value("n/a")


def test_every_name_maps_to_a_code_or_is_excluded_on_purpose():
    names = imf_dots.crosswalk()
    with open(DATA / "labels.csv", encoding="utf-8") as handle:
        labels = [row["label"] for row in csv.DictReader(handle)]
    assert len(labels) == 244
    assert sorted(set(labels) - set(names)) == []          # every name in the 470 sheets is in the crosswalk
    kinds = {name: rows[0].kind for name, rows in names.items()}
    assert {n for n, k in kinds.items() if k == "customs_union"} == {
        "Belgium-Luxembourg", "South African Common Customs Area (SACCA)"}
    assert kinds["World"] == kinds["Euro Area"] == kinds["Memorandum Items"] == "aggregate"
    assert kinds["China, P.R.: Hong Kong"] == kinds["West Bank and Gaza"] == "not_a_cow_state"
    for name, rows in names.items():
        if rows[0].kind == "state":
            assert all(r.ccode for r in rows), name
        else:
            assert all(r.ccode is None and r.note for r in rows), name
    # a code is held by one name at a time: the spans of the names sharing a code do not overlap
    spans = {}
    for rows in names.values():
        for r in rows:
            if r.ccode:
                spans.setdefault(r.ccode, []).append((r.first or 0, r.last or 9999, r.name))
    for code, held in spans.items():
        held.sort()
        for (_, end, a), (start, _, b) in zip(held, held[1:]):
            assert end < start, (code, a, b)


@pytest.mark.parametrize(("name", "year", "code"), [
    ("USSR", 1991, 365), ("USSR", 1992, None), ("Russian Federation", 1992, 365),
    ("Germany", 1989, 260), ("Germany", 1990, 255), ("Eastern Germany", 1989, 265),
    ("Yemen Arab Rep.", 1989, 678), ("Yemen, Rep. of", 1990, 679), ("Yemen, People's Dem. Rep. of", 1989, 680),
    ("Vietnam", 1970, 817), ("Vietnam", 1976, 816), ("Czechoslovakia", 1992, 315), ("Czech Rep.", 1993, 316),
    ("Yugoslavia", 1992, 345), ("Serbia and Montenegro", 2003, 345), ("Serbia, Rep. of", 2006, 345),
    ("Taiwan Province of China", 2000, 713), ("China, P.R.: Mainland", 2000, 710), ("Iran, Islamic Rep. of", 1964, 630),
    ("Korea, Dem. People's Rep. of", 2000, 731), ("China, P.R.: Hong Kong", 2000, None), ("Belgium-Luxembourg", 1990, None),
])
def test_crosswalk_by_year(name, year, code):
    assert imf_dots.ccode(imf_dots.crosswalk(), name, year)[0] == code


def test_snapshot_is_what_parse_gives_for_these_reporters(parsed):
    # the bundled Parquet holds, for the pairs only these three reporters and their partners see, the same cells
    snap = pq.read_table(snapshot_dir() / imf_dots.DYAD_FILE,
                         filters=[("ccode1", "=", 365), ("ccode2", "=", 630)]).to_pandas()
    mine = parsed[imf_dots.DYAD_FILE].to_pandas()
    mine = mine[(mine.ccode1 == 365) & (mine.ccode2 == 630)]
    pd.testing.assert_frame_equal(snap.reset_index(drop=True), mine.reset_index(drop=True), check_dtype=False)


def _by_hand(path: Path, sheet: str, partner: str) -> dict[int, float]:
    """year → value of one partner row, read straight from a workbook (estimates' ' e' and commas removed)."""
    rows = list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))
    years = rows[6]
    row = next(r for r in rows[8:] if r[1] == partner)
    return {int(y): float(str(v).removesuffix(" e").replace(",", "")) for y, v in zip(years[2:], row[2:])
            if y is not None and v is not None}


def test_cow_imf_agreement_for_iran_russia_by_hand(parsed):
    cow = pq.read_table(snapshot_dir() / "trade" / "cow_trade_dyad_year.parquet",
                        filters=[("ccode1", "=", 365), ("ccode2", "=", 630)]).to_pandas()
    # COW flow1 = Russia's imports from Iran: Russia's (USSR's) own report, else Iran's reported exports to it;
    # flow2 = Iran's imports from Russia: Iran's own report, else Russia's (USSR's) reported exports.
    # "USSR" speaks for 365 up to 1991, "Russian Federation" from 1992 (Iran's 1992 "USSR" cell is dropped).
    def lineage(path, sheet, ussr, russia):
        soviet = {y: v for y, v in _by_hand(USSR if path is None else path, sheet, ussr).items() if y <= 1991}
        return {**soviet, **{y: v for y, v in _by_hand(RUSSIA if path is None else path, sheet, russia).items()
                             if y >= 1992}}

    russia_imports = lineage(None, "Imports, CIF", "Iran, Islamic Rep. of", "Iran, Islamic Rep. of")
    russia_exports = lineage(None, "Exports, FOB", "Iran, Islamic Rep. of", "Iran, Islamic Rep. of")
    iran_imports = lineage(IRAN, "Imports, CIF", "USSR", "Russian Federation")
    iran_exports = lineage(IRAN, "Exports, FOB", "USSR", "Russian Federation")
    n = within1 = within10 = 0
    for row in cow[cow.year.between(1960, 2014)].itertuples():
        for c, own, mirror in ((row.flow1, russia_imports, iran_exports), (row.flow2, iran_imports, russia_exports)):
            m = own.get(row.year, mirror.get(row.year))
            if pd.isna(c) or m is None:
                continue
            m = round(m, imf_dots.DECIMALS)     # as the snapshot keeps it: 1994's 41.4999… is 41.5, COW's 42
            n += 1
            within1 += abs(c - m) <= max(0.01 * m, 0.5)
            within10 += abs(c - m) <= max(0.10 * m, 0.5)
    imf = parsed[imf_dots.DYAD_FILE].to_pandas().query("ccode1 == 365 and ccode2 == 630")
    measured = ts.agreement(ts.compare(cow, imf, (1960, 2014)), by=[])
    assert (n, within1, within10) == (84, 80, 80)
    assert measured.loc[0, "both"] == n
    assert measured.loc[0, "within_1pct"] == pytest.approx(within1 / n)
    assert measured.loc[0, "within_10pct"] == pytest.approx(within10 / n)
    # the four that differ: Iran's imports from Russia 2011–2014, where COW has 1.1 × Russia's reported exports
    assert measured.loc[0, "exporter_view"] == 4
    assert cow.set_index("year").loc[2011, "flow2"] == round(1.1 * russia_exports[2011])


def test_entente_trade_iran_russia_crosses_the_seam(home, capsys):
    from entente.cli import main

    assert main(["trade", "IRN", "RUS", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("year")
    assert frame.index.max() == 2020
    assert set(frame.loc[:2014, "dataset"]) == {"COW Trade v4.0"}
    assert set(frame.loc[2015:, "dataset"]) == {"IMF DOTS"}
    # 2014 is COW's (Iran's imports from Russia 1,460); 2020 the IMF's: Iran's own report, 1,373.07,
    # and Russia's own report of its imports from Iran, 795.68
    assert frame.at[2014, "a_imports_from_b"] == 1460
    assert frame.at[2020, "a_imports_from_b"] == pytest.approx(1373.072)
    assert frame.at[2020, "b_imports_from_a"] == pytest.approx(795.681)
    # Iran's total trade in 2020 is its World row: 14,209.226 + 21,229.506
    assert frame.at[2020, "a_share"] == pytest.approx((1373.072 + 795.681) / (14209.226 + 21229.506))
