"""UN General Assembly roll calls, sessions 1–74 (1946 – Jan 2020): Voeten et al., via the unvotes package.

One row per (roll call, state) that voted yes (1), abstain (2) or no (3); absences and non-members are
not rows. Roll calls include votes on amendments and paragraphs, and six issue flags (``me`` Palestinian
conflict, ``nu`` nuclear weapons, ``di`` arms control, ``hr`` human rights, ``co`` colonialism,
``ec`` economic development) assigned by Voeten from keyword searches.

``parse(path)`` reads the unvotes files: ``un_votes.rda`` (``rcid``, ``country``, ``country_code``,
``vote`` a factor yes/abstain/no) → ``unga/votes.parquet``; ``un_roll_calls.rda`` (``rcid``, ``session``,
``importantvote``, ``date``, ``unres``, ``amend``, ``para``, ``short``, ``descr``; the three flags 0/1 or
logical, NA where not coded) → ``unga/roll_calls.parquet``; ``un_roll_call_issues.rda`` (``rcid``,
``short_name``, ``issue``) → ``unga/issues.parquet``. One file gives one table; a folder holding the
three files, or a list of them, gives ``{snapshot file: table}`` for each.

unvotes ships no COW code, so the votes table derives three columns (:func:`votes_table`):

- ``ccode`` from (``country``, ``country_code``) and the roll call's date: the documented special cases
  first (Federal Republic of Germany 260, but 255 from 3 October 1990; Germany 255; German Democratic
  Republic 265; Yemen Arab Republic 678; Yemen 679; Yemen People's Republic 680; Czechoslovakia 315;
  Czechia 316; Yugoslavia 345, also Serbia after 1992; Zanzibar 511; Taiwan 713, the Republic of China
  in China's seat until 1971; Russia 365, USSR and Russian Federation; Vietnam 816), then
  ``entente.countries.resolve(country, year=...)``, then the ISO2 code. The dates come from the roll
  calls, so ``un_votes.rda`` is read with ``un_roll_calls.rda``: the one beside it, else the copy
  ``entente data update`` downloaded, else the roll calls in use (whichever has every rcid).
- ``iso3c`` from ``country_code`` through countrycode's crosswalk (ISO2 → ISO3); withdrawn codes keep
  their ISO 3166-3 form (CS → CSK, YU → YUG, DD → DDR, YD → YMD); the Federal Republic of Germany is
  DEU, the Yemen Arab Republic YEM, Zanzibar null.
- ``vote_code``: 1 yes, 2 abstain, 3 no (Voeten's coding).

On the snapshot this derivation gives back ``ccode``, ``iso3c`` and ``vote_code`` of all 870,109 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente import config
from entente.countries import resolve
from entente.errors import BadInput, SchemaError, UnknownCountry
from entente.sources import Citation, Loaded, Source, Upstream, countrycode
from entente.sources import _rda_tables as rda

ORDER = 20

SOURCE = Source(
    name="unvotes",
    title="United Nations General Assembly Voting Data (Voeten, Strezhnev & Bailey)",
    version="UNVotes2021 (unvotes@7eb7034, sessions 1–74)",
    url="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    licence="CC0 1.0 (public domain dedication, Harvard Dataverse); unvotes R package MIT.",
    citations=(
        Citation(
            key="voeten2013",
            text='Voeten, E. (2013). "Data and Analyses of Voting in the UN General Assembly." In '
            "B. Reinalda (ed.), Routledge Handbook of International Organization. Routledge.",
            bibtex="""@incollection{voeten2013,
  author = {Voeten, Erik},
  title = {Data and Analyses of Voting in the {UN} General Assembly},
  booktitle = {Routledge Handbook of International Organization},
  editor = {Reinalda, Bob},
  publisher = {Routledge}, year = {2013}
}""",
        ),
        Citation(
            key="bailey2017",
            text="Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating Dynamic State Preferences "
            "from United Nations Voting Data. Journal of Conflict Resolution 61(2): 430–456.",
            bibtex="""@article{bailey2017,
  author = {Bailey, Michael A. and Strezhnev, Anton and Voeten, Erik},
  title = {Estimating Dynamic State Preferences from United Nations Voting Data},
  journal = {Journal of Conflict Resolution},
  volume = {61}, number = {2}, pages = {430--456}, year = {2017},
  doi = {10.1177/0022002715595700}
}""",
        ),
    ),
    files={
        "unga/votes.parquet": "67bd67521c2442f8c8dec0201445cbfac8b0fdbfd2c8ff17247fdc83f4b30de0",
        "unga/roll_calls.parquet": "5b78d02465d22992ff992c06adf73778d551b5da16351db82c9b48bc6e2b4313",
        "unga/issues.parquet": "c9455638e2cd09b82c8cad2e7e59f093cf230c068e1e2a566d9cc67d4b1b4314",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_votes.rda", "un_votes.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_calls.rda", "un_roll_calls.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_call_issues.rda", "un_roll_call_issues.rda", format="rda"),
    ),
    homepage="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    unit="rollcall_state",
)

_FLAGS = ("importantvote", "amend", "para")

#: The upstream objects in the snapshot's column order (the roll calls' flags are read by ``_flag``).
UPSTREAM = (
    rda.RdaTable(name="unvotes_votes", obj="un_votes",
                 schema=rda.schema_of("rcid int32, country string, country_code string, vote string")),
    rda.RdaTable(name="unvotes_rollcalls", obj="un_roll_calls",
                 schema=pa.schema([("rcid", pa.int32()), ("session", pa.int16()), ("date", pa.date32()),
                                   ("unres", pa.large_string()), *[(f, pa.bool_()) for f in _FLAGS],
                                   ("short", pa.large_string()), ("descr", pa.large_string())])),
    rda.RdaTable(name="unvotes_issues", obj="un_roll_call_issues",
                 schema=rda.schema_of("rcid int32, short_name string, issue string")),
)
VOTES, ROLL_CALLS, ISSUES = UPSTREAM

#: The votes snapshot table: the upstream columns plus the derived ccode, iso3c and vote_code.
VOTES_SCHEMA = pa.schema([("rcid", pa.int32()), ("ccode", pa.int16()), ("iso3c", pa.large_string()),
                          ("country_code", pa.large_string()), ("country", pa.large_string()),
                          ("vote", pa.large_string()), ("vote_code", pa.int8())])

VOTE_CODES = {"yes": 1, "abstain": 2, "no": 3}

#: German unification: the Federal Republic of Germany (260) continues as Germany (255) from this day.
UNIFICATION = dt.date(1990, 10, 3)
FRG = "Federal Republic of Germany"

#: unvotes country names whose COW code is fixed here rather than looked up (shared/data/SOURCES.md §1a).
SPECIAL_CCODES = {
    "Germany": 255, "German Democratic Republic": 265, "Yemen Arab Republic": 678, "Yemen": 679,
    "Yemen People's Republic": 680, "Czechoslovakia": 315, "Czechia": 316, "Yugoslavia": 345,
    "Zanzibar": 511, "Taiwan": 713, "Russia": 365, "Vietnam": 816,
}

#: ISO3 by unvotes name where unvotes gives no ISO2 code; withdrawn ISO2 codes → their ISO 3166-3 code.
SPECIAL_ISO3 = {FRG: "DEU", "Yemen Arab Republic": "YEM", "Zanzibar": None}
FORMER_ISO3 = {"CS": "CSK", "YU": "YUG", "DD": "DDR", "YD": "YMD"}


# --- the derivation ---------------------------------------------------------------------------------

def _ccode(country: str, code: str | None, year: int, unified: bool, source: str) -> int:
    if country == FRG:
        return 255 if unified else 260
    if country in SPECIAL_CCODES:
        return SPECIAL_CCODES[country]

    try:
        return resolve(country, year=year).ccode
    except UnknownCountry as exc:
        if code:
            try:
                return resolve(f"iso:{code}", year=year).ccode
            except UnknownCountry:
                pass
        raise SchemaError(
            f"unvotes: {source} names a country entente cannot place: {country!r} (country_code {code!r}, "
            f"{year}): {exc}. Add the name to entente.countries_aliases or to "
            "entente.sources.unvotes.SPECIAL_CCODES.") from exc


def _crosswalk() -> dict[str, str]:
    """ISO2 → ISO3 from countrycode's code list (the snapshot, or its refreshed copy)."""
    codes = pq.read_table(countrycode.SOURCE.path("states/country_codes.parquet"), columns=["iso2c", "iso3c"])
    return {a: b for a, b in zip(codes.column("iso2c").to_pylist(), codes.column("iso3c").to_pylist())
            if a is not None and b is not None}


def _iso3(country: str, code: str | None, ccode: int, crosswalk: dict[str, str]) -> str | None:
    if country in SPECIAL_ISO3:
        return SPECIAL_ISO3[country]
    if code in FORMER_ISO3:
        return FORMER_ISO3[code]
    if code in crosswalk:
        return crosswalk[code]

    return resolve(ccode).iso3


def votes_table(frame: pd.DataFrame | pa.Table, dates: pd.Series, *, source: str = "un_votes") -> pa.Table:
    """unvotes' ``un_votes`` (rcid, country, country_code, vote) → the ``unga/votes.parquet`` table.

    ``dates`` maps rcid → roll-call date (a Series indexed by rcid). Adds ``ccode``, ``iso3c`` and
    ``vote_code`` as the module docstring says; a vote other than yes/abstain/no, or an rcid without a
    date, raises :class:`~entente.errors.SchemaError` / :class:`~entente.errors.BadInput`.
    """
    if isinstance(frame, pd.DataFrame):
        frame = rda.frame_to_table(SOURCE.name, VOTES, frame, source=source)
    votes = frame.column("vote").to_pandas()
    unknown = sorted(set(votes.dropna().unique()) - set(VOTE_CODES)) + (["NA"] if votes.isna().any() else [])
    if unknown:
        raise SchemaError(f"unvotes: column 'vote' of {source} holds {unknown[:5]}; expected only "
                          f"{list(VOTE_CODES)} (unvotes keeps Voeten's codes 1–3). The upstream coding changed.")
    rcid = frame.column("rcid").to_pandas()
    when = pd.to_datetime(rcid.map(dates))
    if when.isna().any():
        missing = sorted(rcid[when.isna()].unique().tolist())
        raise BadInput(f"unvotes: {len(missing)} roll call(s) of {source} have no date (rcid {missing[:10]}"
                       f"{' …' if len(missing) > 10 else ''}), so their states' COW codes cannot be told. Give "
                       "un_roll_calls.rda with it: parse a folder holding both files.")
    keys = pd.DataFrame({"country": frame.column("country").to_pandas(),
                         "code": frame.column("country_code").to_pandas().fillna(""),
                         "year": when.dt.year.astype("int64"),
                         "unified": when >= pd.Timestamp(UNIFICATION)})
    keys["unified"] &= keys["country"] == FRG   # the date matters for the Federal Republic only
    cols = ["country", "code", "year", "unified"]
    unique = keys.drop_duplicates(cols).reset_index(drop=True)
    crosswalk = _crosswalk()
    unique["ccode"] = [_ccode(c, k or None, int(y), bool(u), source)
                       for c, k, y, u in unique[cols].itertuples(index=False)]
    unique["iso3c"] = [_iso3(c, k or None, int(cc), crosswalk)
                       for c, k, cc in unique[["country", "code", "ccode"]].itertuples(index=False)]
    found = keys.merge(unique, on=cols, how="left", validate="many_to_one")
    codes = votes.map(VOTE_CODES).to_numpy(dtype=np.int8)
    arrays = [frame.column("rcid"), pa.array(found["ccode"].to_numpy(dtype=np.int16)),
              pa.array([v if isinstance(v, str) else None for v in found["iso3c"]], type=pa.large_string()),
              frame.column("country_code"),
              frame.column("country"), frame.column("vote"), pa.array(codes)]
    return pa.Table.from_arrays(arrays, schema=VOTES_SCHEMA)


# --- parse ------------------------------------------------------------------------------------------

def _flag(values: pd.Series, column: str, source: str) -> pa.Array:
    """An R logical or 0/1 number (NA where not coded) → a nullable bool."""
    items = []
    for value in values.astype(object):
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            items.append(None)
        elif isinstance(value, (bool, np.bool_)) or (isinstance(value, (int, float, np.number)) and value in (0, 1)):
            items.append(bool(value))
        else:
            raise SchemaError(f"unvotes: column {column!r} of {source} should hold TRUE/FALSE or 0/1 but holds "
                              f"{value!r}. The upstream layout changed: entente.sources.unvotes.parse() needs updating.")
    return pa.array(items, type=pa.bool_())


def _frame(spec: rda.RdaTable, path: Path) -> pd.DataFrame:
    return rda.require_columns(SOURCE.name, spec, rda.read_frame(SOURCE.name, spec, path),
                               source=path.name, module="unvotes")


def _roll_calls(path: Path) -> pa.Table:
    frame = _frame(ROLL_CALLS, path)
    plain = pa.schema([f for f in ROLL_CALLS.schema if f.name not in _FLAGS])
    table = rda.frame_to_table(SOURCE.name, rda.RdaTable(ROLL_CALLS.name, ROLL_CALLS.obj, plain), frame[plain.names], source=path.name)
    arrays = [_flag(frame[f.name], f.name, path.name) if f.name in _FLAGS else table.column(f.name)
              for f in ROLL_CALLS.schema]
    return pa.Table.from_arrays(arrays, schema=ROLL_CALLS.schema)


def _dates(table: pa.Table) -> pd.Series:
    dates = pd.Series(table.column("date").to_pylist(), index=table.column("rcid").to_pylist())
    return dates[~dates.index.duplicated()]


def _date_sources(path: Path):
    """Where the roll-call dates for ``path`` (un_votes.rda) may come from, in order of preference."""
    beside = path.parent / ROLL_CALLS.filename
    if beside.is_file():
        yield str(beside), lambda: _roll_calls(beside)
    downloaded = config.home() / "downloads" / SOURCE.name / ROLL_CALLS.filename
    if downloaded.is_file() and downloaded.resolve() != beside.resolve():
        yield str(downloaded), lambda: _roll_calls(downloaded)
    yield "the roll calls in use", lambda: pq.read_table(SOURCE.path(ROLL_CALLS.file), columns=["rcid", "date"])


def _votes(path: Path, roll_calls: pa.Table | None) -> pa.Table:
    table = rda.frame_to_table(SOURCE.name, VOTES, _frame(VOTES, path), source=path.name)
    if roll_calls is not None:
        return votes_table(table, _dates(roll_calls), source=path.name)
    needed = set(table.column("rcid").unique().to_pylist())
    tried = []
    for where, read in _date_sources(path):
        dates = _dates(read())
        if needed <= set(dates.index):
            return votes_table(table, dates, source=path.name)
        tried.append(f"{where} lacks {len(needed - set(dates.index))}")
    return votes_table(table, dates, source=f"{path.name} ({'; '.join(tried)})")   # raises, naming the rcids


def _one(spec: rda.RdaTable, path: Path, roll_calls: pa.Table | None = None) -> pa.Table:
    if spec is VOTES:
        return _votes(path, roll_calls)
    if spec is ROLL_CALLS:
        return _roll_calls(path)
    return rda.frame_to_table(SOURCE.name, spec, _frame(spec, path), source=path.name)


def parse(path: Path | str | Sequence[Path | str], table: str | None = None) -> pa.Table | dict[str, pa.Table]:
    """unvotes' ``.rda`` files → the snapshot tables (see the module docstring for the columns).

    One file (``un_votes.rda``, ``un_roll_calls.rda`` or ``un_roll_call_issues.rda``, told apart by file
    name, or by ``table``) gives one table. A folder holding the three files, or a list of files, gives
    ``{snapshot file: table}``; the votes then take their dates from the roll calls given with them. A
    renamed or missing column raises :class:`~entente.errors.SchemaError` naming the dataset, the
    expected and the actual columns.
    """
    if isinstance(path, (str, Path)) and not Path(path).is_dir():
        return _one(rda.pick(SOURCE.name, UPSTREAM, Path(path), table), Path(path))
    if table is not None:
        raise BadInput(f"unvotes: table={table!r} picks the table of one file; {path} holds several.")
    if isinstance(path, (str, Path)):
        folder = Path(path)
        missing = [s.filename for s in UPSTREAM if not (folder / s.filename).is_file()]
        if missing:
            raise BadInput(f"unvotes: {folder} lacks {missing}; the folder must hold "
                           f"{[s.filename for s in UPSTREAM]}.")
        paths = [folder / s.filename for s in UPSTREAM]
    else:
        paths = [Path(p) for p in path]
    specs = {rda.pick(SOURCE.name, UPSTREAM, p, None).file: p for p in paths}
    out = {}
    if ROLL_CALLS.file in specs:
        out[ROLL_CALLS.file] = _roll_calls(specs[ROLL_CALLS.file])
    for spec in UPSTREAM:
        if spec.file in specs and spec.file not in out:
            out[spec.file] = _one(spec, specs[spec.file], out.get(ROLL_CALLS.file))
    return {spec.file: out[spec.file] for spec in UPSTREAM if spec.file in out}


def load() -> list[Loaded]:
    """``unvotes_votes`` (rcid, ccode, vote), ``unvotes_rollcalls`` and ``unvotes_issues``."""
    votes = pq.read_table(SOURCE.path("unga/votes.parquet"), columns=["rcid", "ccode", "vote_code"])
    votes = votes.rename_columns(["rcid", "ccode", "vote"])
    rollcalls = pq.read_table(SOURCE.path("unga/roll_calls.parquet"))
    issues = pq.read_table(SOURCE.path("unga/issues.parquet"), columns=["rcid", "short_name", "issue"])
    return [Loaded("unvotes_votes", votes), Loaded("unvotes_rollcalls", rollcalls), Loaded("unvotes_issues", issues)]