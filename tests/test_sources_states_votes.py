"""State-system, country-code and UN-vote sources: parse() on real .rda slices, and the unvotes derivation.

Slices are cut from the bundled snapshot at test time (about 300 evenly spaced rows, plus the rows a test
needs: the states unvotes codes by hand, the rows holding a null) and written back as R data files in
the upstream layout, with pyreadr:

- peacesciencer's ``cow_states``/``cow_majors`` (COW's states2016/majors2016 columns: no start_date or
  end_date, which the snapshot builds), ``gw_states`` (``statename``, ``startdate``, ``enddate`` as
  dates) and ``cow_gw_years`` (its data-raw scripts and man pages);
- countrycode's ``codelist`` (R's dotted names: ``country.name.en``, ``cow.name``, ``un.region.name`` ...);
- unvotes' ``un_votes`` (rcid, country, country_code, vote as a factor yes/abstain/no),
  ``un_roll_calls`` (rcid, session, importantvote, date, unres, amend, para, short, descr) and
  ``un_roll_call_issues`` (rcid, short_name, issue) (its R/data.R and data-raw/un-data.R).

Numbers are R doubles (NA as NaN), text is character. The derivation of ``ccode``, ``iso3c`` and
``vote_code`` is checked on every one of the snapshot's 870,109 votes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyreadr
import pytest

from entente import config
from entente.errors import BadInput, SchemaError
from entente.sources import countrycode, cow_system, gw_system, unvotes

#: (module, snapshot file, R object, snapshot → upstream names, columns the snapshot derived, date columns)
CASES = [
    (cow_system, "states/cow_states.parquet", "cow_states", {}, ("start_date", "end_date"), ()),
    (cow_system, "states/cow_majors.parquet", "cow_majors", {}, ("start_date", "end_date"), ()),
    (gw_system, "states/gw_states.parquet", "gw_states",
     {"statenme": "statename", "start_date": "startdate", "end_date": "enddate"}, (), ("startdate", "enddate")),
    (gw_system, "states/cow_gw_years.parquet", "cow_gw_years", {}, (), ()),
    (countrycode, "states/country_codes.parquet", "codelist",
     {"country_name_en": "country.name.en", "iso_name_en": "iso.name.en", "un_name_en": "un.name.en",
      "cow_name": "cow.name", "un_region_name": "un.region.name", "un_regionsub_name": "un.regionsub.name"}, (), ()),
    (unvotes, "unga/roll_calls.parquet", "un_roll_calls", {}, (), ("date",)),
    (unvotes, "unga/issues.parquet", "un_roll_call_issues", {}, (), ()),
]
IDS = [case[2] for case in CASES]

#: unvotes' column order (the snapshot moved importantvote after unres).
ROLL_CALL_ORDER = ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"]
FACTORS = {"vote": ["yes", "abstain", "no"], "issue": None}
FLAGS = ("importantvote", "amend", "para")

#: Votes of the states whose codes are set by hand (SOURCES.md §1a).
SPECIAL = ["Federal Republic of Germany", "Germany", "German Democratic Republic", "Yemen Arab Republic", "Yemen",
           "Yemen People's Republic", "Czechoslovakia", "Czechia", "Yugoslavia", "Zanzibar", "Taiwan", "Russia",
           "Vietnam", "Namibia"]


def _snapshot(file: str) -> pa.Table:
    return pq.read_table(config.snapshot_dir() / file)


def _slice(table: pa.Table, extra=()) -> pa.Table:
    """About 300 evenly spaced rows, the first 25 rows holding a null, and the ``extra`` rows, in snapshot order."""
    step = max(1, table.num_rows // 300)
    rows = set(range(0, table.num_rows, step)) | set(extra)
    has_null = np.zeros(table.num_rows, dtype=bool)
    for column in table.columns:
        has_null |= column.is_null().to_numpy(zero_copy_only=False)
    rows |= set(np.flatnonzero(has_null)[:25].tolist())
    return table.take(sorted(rows))


def _as_r(table: pa.Table, renames: dict, derived=(), dates=()) -> pd.DataFrame:
    """The upstream R object: derived columns dropped, numbers as doubles, dates as dates, factors as factors."""
    frame = pd.DataFrame(index=range(table.num_rows))
    for field in table.schema:
        if field.name in derived:
            continue
        values = table.column(field.name)
        name = renames.get(field.name, field.name)
        if pa.types.is_integer(field.type) or pa.types.is_boolean(field.type):
            frame[name] = values.cast(pa.float64()).to_numpy(zero_copy_only=False)
        elif field.name in FACTORS:
            frame[name] = pd.Categorical(values.to_pylist(), categories=FACTORS[field.name])
        elif name in dates:
            items = values.to_pylist()
            frame[name] = pd.Series([dt.date.fromisoformat(v) if isinstance(v, str) else v for v in items], dtype=object)
        else:
            frame[name] = pd.Series(values.to_pylist(), dtype=object)
    if "unres" in frame.columns:
        frame = frame[ROLL_CALL_ORDER]
    return frame


def _write(folder, obj: str, frame: pd.DataFrame, filename: str | None = None):
    path = folder / (filename or f"{obj}.rda")
    pyreadr.write_rdata(str(path), frame, df_name=obj)
    return path


def _same(parsed: pa.Table, expected: pa.Table) -> None:
    assert parsed.schema.equals(expected.schema, check_metadata=False)
    assert parsed.num_rows == expected.num_rows
    assert parsed.equals(expected)


# -- parse(): upstream .rda → the snapshot table -------------------------------------------------------------

@pytest.mark.parametrize(("module", "file", "obj", "renames", "derived", "dates"), CASES, ids=IDS)
def test_parse_round_trips_a_real_slice(tmp_path, module, file, obj, renames, derived, dates):
    expected = _slice(_snapshot(file))
    assert expected.num_rows >= min(250, _snapshot(file).num_rows)
    frame = _as_r(expected, renames, derived, dates)
    assert not set(derived) & set(frame.columns)
    _same(module.parse(_write(tmp_path, obj, frame)), expected)
    # Any file name works when the table is named, or when the dataset has one upstream file.
    other = _write(tmp_path, obj, frame, "download.rda")
    _same(module.parse(other, table=obj), expected)
    if len(module.SOURCE.upstream) == 1:
        _same(module.parse(other), expected)


@pytest.mark.parametrize(("module", "file", "obj", "renames", "derived", "dates"), CASES, ids=IDS)
def test_parse_rejects_a_renamed_column(tmp_path, module, file, obj, renames, derived, dates):
    frame = _as_r(_slice(_snapshot(file)), renames, derived, dates)
    last = frame.columns[-1]
    path = _write(tmp_path, obj, frame.rename(columns={last: last + "_x"}))
    with pytest.raises(SchemaError, match=module.SOURCE.name) as info:
        module.parse(path)
    message = str(info.value)
    assert "expected" in message and f"{last}_x" in message
    assert f"entente.sources.{module.__name__.rsplit('.', 1)[-1]}.parse()" in message


def test_cow_states_dates_are_built_from_year_month_day(tmp_path):
    expected = _snapshot("states/cow_states.parquet")
    frame = _as_r(expected, {}, ("start_date", "end_date"))
    iran = cow_system.parse(_write(tmp_path, "cow_states", frame)).to_pandas().query("ccode == 630")
    assert iran[["start_date", "end_date"]].values.tolist() == [[dt.date(1855, 1, 1), dt.date(2016, 12, 31)]]
    frame.loc[0, "stmonth"] = 13.0
    with pytest.raises(SchemaError, match=r"cow_states: cow_states.rda has 1 row.*start_date"):
        cow_system.parse(_write(tmp_path, "cow_states", frame))


def test_countrycode_keeps_26_columns_of_the_codelist(tmp_path):
    """The real codelist has hundreds of columns; those the snapshot does not keep are dropped."""
    expected = _slice(_snapshot("states/country_codes.parquet"))
    frame = _as_r(expected, CASES[4][3])
    frame["cldr.short.en"] = frame["country.name.en"]   # an upstream column entente does not keep
    _same(countrycode.parse(_write(tmp_path, "codelist", frame)), expected)
    with pytest.raises(SchemaError, match=r"countrycode: .*missing \['cown'\]"):
        countrycode.parse(_write(tmp_path, "codelist", frame.drop(columns=["cown"])))


def test_roll_call_flags_may_be_logical(tmp_path):
    expected = _slice(_snapshot("unga/roll_calls.parquet"))
    frame = _as_r(expected, {}, (), ("date",))
    for flag in FLAGS:
        frame[flag] = pd.Series(expected.column(flag).to_pylist(), dtype=object)
    _same(unvotes.parse(_write(tmp_path, "un_roll_calls", frame)), expected)
    frame.loc[3, "amend"] = 2.0
    with pytest.raises(SchemaError, match="unvotes: column 'amend'"):
        unvotes.parse(_write(tmp_path, "un_roll_calls", frame))


# -- unvotes: the votes and their derived columns ------------------------------------------------------------

@pytest.fixture(scope="module")
def votes() -> pa.Table:
    return _snapshot("unga/votes.parquet")


@pytest.fixture(scope="module")
def roll_calls() -> pa.Table:
    return _snapshot("unga/roll_calls.parquet")


def _vote_slice(votes: pa.Table) -> pa.Table:
    """~300 evenly spaced votes plus the first and last two of every state coded by hand, and FRG's 1990."""
    frame = votes.select(["country"]).to_pandas()
    extra = []
    for name in SPECIAL:
        rows = np.flatnonzero(frame["country"].to_numpy() == name)
        extra += rows[:2].tolist() + rows[-2:].tolist()
    frg_1990 = np.flatnonzero(votes.column("ccode").to_numpy() == 255)
    frg_1990 = [i for i in frg_1990 if frame.at[i, "country"] == "Federal Republic of Germany"]
    return _slice(votes, extra + frg_1990[:3])


def _upstream_votes(table: pa.Table) -> pd.DataFrame:
    return _as_r(table.select(["rcid", "country", "country_code", "vote"]), {})


def _write_votes(folder, votes_slice: pa.Table, roll_calls: pa.Table, with_roll_calls=True):
    folder.mkdir(exist_ok=True)
    _write(folder, "un_votes", _upstream_votes(votes_slice))
    if with_roll_calls:
        calls = roll_calls.filter(pa.compute.is_in(roll_calls.column("rcid"), votes_slice.column("rcid").unique()))
        _write(folder, "un_roll_calls", _as_r(calls, {}, (), ("date",)))
    return folder / "un_votes.rda"


def test_derivation_gives_the_snapshot_codes_for_every_vote(votes, roll_calls):
    """Every one of the 870,109 votes: ccode (and iso3c, vote_code) as the snapshot has them."""
    assert votes.num_rows == 870_109
    frame = _upstream_votes(votes)
    dates = pd.Series(roll_calls.column("date").to_pylist(), index=roll_calls.column("rcid").to_pylist())
    derived = unvotes.votes_table(frame, dates)
    match = derived.column("ccode").to_numpy() == votes.column("ccode").to_numpy()
    assert match.mean() == 1.0, f"{(~match).sum()} votes get another ccode"
    assert derived.column("iso3c").equals(votes.column("iso3c"))
    assert derived.column("vote_code").equals(votes.column("vote_code"))
    _same(derived, votes)


def test_parse_votes_with_the_roll_calls_beside_them(tmp_path, votes, roll_calls):
    expected = _vote_slice(votes)
    codes = expected.to_pandas()
    assert {255, 260, 265, 678, 679, 680, 315, 316, 345, 511, 713, 365, 816} <= set(codes["ccode"])
    _same(unvotes.parse(_write_votes(tmp_path / "up", expected, roll_calls)), expected)


def test_germany_before_and_after_unification(tmp_path, votes, roll_calls):
    """The Federal Republic's votes are 260 up to 2 October 1990 and 255 (Germany) from 3 October."""
    frame = votes.select(["rcid", "country", "ccode"]).to_pandas().merge(
        roll_calls.select(["rcid", "date"]).to_pandas(), on="rcid")
    frg = frame[frame["country"] == "Federal Republic of Germany"]
    assert set(frg.loc[frg["date"] < dt.date(1990, 10, 3), "ccode"]) == {260}
    assert set(frg.loc[frg["date"] >= dt.date(1990, 10, 3), "ccode"]) == {255}
    rows = np.flatnonzero(votes.column("country").to_numpy(zero_copy_only=False) == "Federal Republic of Germany")
    sample = votes.take(rows[-5:])                       # December 1990: unified
    moved = pd.Series({int(r): dt.date(1989, 12, 6) for r in sample.column("rcid").to_pylist()})
    before = unvotes.votes_table(_upstream_votes(sample), moved)
    assert set(before.column("ccode").to_pylist()) == {260}
    assert set(unvotes.votes_table(_upstream_votes(sample), moved + dt.timedelta(days=400)).column("ccode").to_pylist()) == {255}


def test_parse_a_folder_or_the_three_files_gives_every_table(tmp_path, votes, roll_calls):
    expected = {"unga/votes.parquet": _vote_slice(votes),
                "unga/roll_calls.parquet": _slice(roll_calls),
                "unga/issues.parquet": _slice(_snapshot("unga/issues.parquet"))}
    folder = tmp_path / "unvotes"
    folder.mkdir()
    _write(folder, "un_votes", _upstream_votes(expected["unga/votes.parquet"]))
    _write(folder, "un_roll_calls", _as_r(roll_calls, {}, (), ("date",)))   # all roll calls: dates for every vote
    _write(folder, "un_roll_call_issues", _as_r(expected["unga/issues.parquet"], {}))
    expected["unga/roll_calls.parquet"] = roll_calls
    for given in (folder, sorted(folder.glob("*.rda"))):
        parsed = unvotes.parse(given)
        assert list(parsed) == list(unvotes.SOURCE.files)
        for file, table in parsed.items():
            _same(table, expected[file])
    (folder / "un_roll_call_issues.rda").unlink()
    with pytest.raises(BadInput, match="un_roll_call_issues.rda"):
        unvotes.parse(folder)


def test_votes_alone_take_dates_from_the_roll_calls_in_use(tmp_path, monkeypatch, votes, roll_calls):
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path / "home"))
    expected = _vote_slice(votes)
    path = _write_votes(tmp_path / "alone", expected, roll_calls, with_roll_calls=False)
    _same(unvotes.parse(path), expected)
    # A roll call that no source dates cannot be coded: say so, and how to fix it.
    frame = _upstream_votes(expected)
    frame.loc[0, "rcid"] = 999_999.0
    _write(tmp_path / "alone", "un_votes", frame)
    with pytest.raises(BadInput, match=r"unvotes: 1 roll call.*rcid \[999999\].*un_roll_calls.rda"):
        unvotes.parse(path)


def test_votes_other_than_yes_abstain_no_are_a_schema_error(tmp_path, votes, roll_calls):
    expected = _vote_slice(votes)
    frame = _upstream_votes(expected)
    frame["vote"] = frame["vote"].cat.add_categories(["absent"])
    frame.loc[5, "vote"] = "absent"
    folder = tmp_path / "bad"
    _write_votes(folder, expected, roll_calls)
    with pytest.raises(SchemaError, match=r"unvotes: column 'vote' of un_votes.rda holds \['absent'\]"):
        unvotes.parse(_write(folder, "un_votes", frame))


def test_parse_refuses_a_file_it_cannot_place(tmp_path, roll_calls):
    path = _write(tmp_path, "un_roll_calls", _as_r(_slice(roll_calls), {}, (), ("date",)), "calls.rda")
    with pytest.raises(BadInput, match="unvotes_rollcalls"):
        unvotes.parse(path)
    _same(unvotes.parse(path, table="unvotes_rollcalls"), _slice(roll_calls))
