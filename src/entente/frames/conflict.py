"""Conflict per dyad-year: militarized disputes (GML or COW MIDs), COW inter-state wars, strategic rivalries.

**Onset vs ongoing.** ``*_onset`` is 1 in a year in which a dispute (war) between the two began or
one of them joined it; ``*_ongoing`` is 1 in every year a dispute (war) between them was under way,
onset years included. Models of conflict *onset* use the first and usually drop (or control for)
ongoing years without an onset; peacesciencer's ``add_peace_years()`` counts years since the last
onset. Iran (630)–Russia (365), GML MIDs: dispute 165 begins in 1911 and runs into 1912, so 1911 has
onset 1 and ongoing 1, 1912 onset 0 and ongoing 1; 1913 has both 0; 2011–2025 have both NULL (the
GML data end in 2010).

**One row per dyad-year.** A dyad can have several disputes in one year (France–Italy had three onsets
in 1860). Dispute-level columns (dispute number, hostility, fatalities, sides) come from one of them,
chosen as peacesciencer does (Miller 2022; vignette "How peacesciencer coerces dispute-year data into
dyad-year data"): prefer an onset, then the highest dispute fatality level (−9, unknown, ranks between
0 and 1), the highest hostility level, the longest minimum duration (for COW MIDs then the longest
maximum duration, as peacesciencer's vignette does; its GML rules skip that step), a reciprocated
dispute, the earliest start month, and last the lowest dispute number (peacesciencer drops any
remaining tie arbitrarily; in GML 2.2.1 and MID 5.0 no tie survives to that last rule, so the choice
is peacesciencer's in every dyad-year). The flags and counts (``*_ndisputes``, ``*_nonsets``, ``*_init``) are
computed over *all* disputes of the dyad-year, so they do not depend on that choice.

**No clashing names.** Every column is prefixed by its dataset (``gmlmid_``, ``cowmid_``,
``cowinter_``, ``tss_``/``td_``) and joins use only ``ccode1, ccode2, year``. A pipeline that joins on
every shared column name (dplyr's default ``left_join``) matches MID ``sidea1``/``sidea2`` against the war
data's ``sidea1``/``sidea2`` (which mean something else there) and silently turns most war years into 0;
an add step here refuses to add a column the frame already has.

**Coverage** is read from each table (min and max year; for rivalries min start and max end year):
inside it an absent dyad-year is 0 for the flags and NULL for the descriptive columns (no dispute,
so no hostility level); outside it every column is NULL.
"""

from __future__ import annotations

from entente.errors import BadInput
from entente.frames._registry import DYAD, register
from entente.frames.plan import (
    EXACT,
    PAIR,
    STATE_KEY,
    attach,
    check_coverage,
    give_back,
    prepare,
    require,
    span,
    table_columns,
)
from entente.store import Connection
from entente.warehouse import has_table

MID_SOURCES = {"gml": ("gml_mid_dir_dyad_year", "midonset", "midongoing", "gmlmid"),
               "cow": ("cow_mid_dir_dyad_year", "disponset", "dispongoing", "cowmid")}
RIVALRY_SOURCES = ("tss", "td")


def _mid_rhs(con: Connection, source: str) -> str:
    table, onset, ongoing, _ = MID_SOURCES[source]
    cols = set(table_columns(con, table))
    dispute_cols = ("fatality", "hostlev", "mindur", "maxdur", "recip", "stmon", "outcome")
    disputes = "gml_mid_disputes" if source == "gml" else "cow_mid_disputes"
    if all(c in cols for c in dispute_cols):
        base = f"SELECT d.*, d.{onset} AS _onset, d.{ongoing} AS _ongoing FROM {table} d"
    elif has_table(con, disputes):
        base = (f"SELECT d.*, d.{onset} AS _onset, d.{ongoing} AS _ongoing, "
                + ", ".join(f"p.{c}" for c in dispute_cols if c not in cols)
                + f" FROM {table} d LEFT JOIN {disputes} p USING (dispnum)")
    else:  # no dispute-level table: rank on the participants' values instead
        base = (f"SELECT d.*, d.{onset} AS _onset, d.{ongoing} AS _ongoing, "
                "greatest(d.fatality1, d.fatality2) AS fatality, greatest(d.hostlev1, d.hostlev2) AS hostlev, "
                "NULL::INTEGER AS mindur, NULL::INTEGER AS maxdur, NULL::INTEGER AS recip, "
                f"NULL::INTEGER AS stmon, NULL::INTEGER AS outcome FROM {table} d")
    window = "PARTITION BY ccode1, ccode2, year"
    return f"""
    SELECT * FROM (
        SELECT b.*,
               CAST(count(*) OVER ({window}) AS SMALLINT) AS _n,
               CAST(sum(_onset) OVER ({window}) AS SMALLINT) AS _nonsets,
               CAST(max(CASE WHEN _onset = 1 AND sidea1 = 1 THEN 1 ELSE 0 END) OVER ({window}) AS SMALLINT) AS _init,
               row_number() OVER ({window} ORDER BY _onset DESC,
                   CASE WHEN fatality = -9 THEN 0.5 ELSE fatality END DESC NULLS LAST, hostlev DESC NULLS LAST,
                   mindur DESC NULLS LAST,{" maxdur DESC NULLS LAST," if source == "cow" else ""} recip DESC NULLS LAST,
                   stmon ASC NULLS LAST, dispnum ASC) AS _rank
        FROM ({base}) b)
    WHERE _rank = 1"""


@register("cow_mids", "COW MIDs 5.0: cowmid_onset, cowmid_ongoing, cowmid_hostlev, ... (cowmid_init if directed)",
          source="cow")
@register("mids", "GML MIDs 2.2.1: gmlmid_onset, gmlmid_ongoing, gmlmid_hostlev, ... (gmlmid_init if directed)",
          aliases=("gml_mids", "mid", "gml"))
def add_mids(frame, *, source: str = "gml", con: Connection | None = None, coverage=None):
    """Add militarized interstate disputes: onset, ongoing, hostility, fatalities, sides.

    ``source="gml"`` (default): Gibler–Miller–Little MID v2.2.1 (1816–2010), columns ``gmlmid_*``;
    ``source="cow"``: COW MID v5.0 (1816–2014), columns ``cowmid_*``. Columns (prefix ``p``):

    - ``p_onset``, ``p_ongoing`` (0/1), ``p_ndisputes`` (disputes under way), ``p_nonsets`` (onsets);
    - ``p_dispnum``, and the chosen dispute's ``p_hostlev`` (dispute level: 1 no militarized action,
      2 threat, 3 display, 4 use of force, 5 war), ``p_hostlev1``/``p_hostlev2`` (each state's),
      ``p_hiact1``/``p_hiact2``, ``p_fatality`` (dispute, 0 none … 6 >999, −9 unknown, as coded),
      ``p_fatality1``/``p_fatality2``, ``p_fatalpre1``/``p_fatalpre2`` (precise deaths, −9 unknown),
      ``p_sidea1``/``p_sidea2`` (1 = on side A, the side that took the first militarized action),
      ``p_orig1``/``p_orig2`` (1 = in the dispute from its first day), ``p_recip``, ``p_outcome``;
    - directed frames only: ``p_init`` = 1 if ``ccode1`` was on side A of a dispute with ``ccode2``
      that began (or that it joined) this year: the dyadic initiation variable. It is not symmetric
      and has no meaning in a non-directed frame (it would say whether the lower code initiated), so
      it is left out there; the ``sidea``/``orig`` columns stay, about ``ccode1`` and ``ccode2`` as
      ordered.

    The disputes are "naive" dyads (every pair on opposite sides of a multilateral dispute), as in
    GML's and COW's dyadic files. Iran–Russia, GML: onsets in 1908, 1909, 1911, 1918, 1920, 1933, 1941,
    1945, 1951, 1959, 1963, 1978, 1980, 1983, 1986, 1987 and 1993 (17 disputes). References: Gibler,
    Miller & Little (2016) *ISQ* 60(4): 719–730; Palmer et al. (2022) *CMPS* 39(4): 470–482; Miller
    (2022) *CMPS* 39(6) (``add_gml_mids()``, ``add_cow_mids()``).
    """
    if source not in MID_SOURCES:
        raise BadInput(f"add_mids(source={source!r}): use 'gml' (Gibler–Miller–Little) or 'cow' (COW MID 5.0).")
    step = "add_mids"
    frame, kind = prepare(frame, con, step)
    table, _, _, p = MID_SOURCES[source]
    require(frame.con, step, table)
    years = check_coverage(coverage, step) or span(frame.con, table)
    columns = [(f"{p}_onset", "coalesce(r._onset, 0)"), (f"{p}_ongoing", "coalesce(r._ongoing, 0)"),
               (f"{p}_ndisputes", "coalesce(r._n, 0)"), (f"{p}_nonsets", "coalesce(r._nonsets, 0)")]
    if frame.directed:
        columns.append((f"{p}_init", "coalesce(r._init, 0)"))
    have = set(table_columns(frame.con, table))
    for col in ("dispnum", "hostlev", "hostlev1", "hostlev2", "hiact1", "hiact2", "fatality", "fatality1",
                "fatality2", "fatalpre1", "fatalpre2", "sidea1", "sidea2", "orig1", "orig2", "recip", "outcome"):
        if col in have or col in ("hostlev", "fatality", "recip", "outcome"):
            columns.append((f"{p}_{col}", f"r.{col}"))
    rhs = _mid_rhs(frame.con, source)
    tables = [table] + [t for t in ("gml_mid_disputes", "cow_mid_disputes")
                        if t.startswith(source) and has_table(frame.con, t)]
    out = attach(frame, f"{source}_mids", years, rhs, EXACT, columns, tables)
    return give_back(out, kind)


@register("wars", "COW inter-state wars 4.0: cowinter_onset, cowinter_ongoing, cowinter_warnum, ...",
          aliases=("war", "cow_wars"))
def add_wars(frame, *, con: Connection | None = None, coverage=None):
    """Add COW inter-state wars (v4.0): ``cowinter_onset``, ``cowinter_ongoing``, ``cowinter_nwars``, and
    for the chosen war ``cowinter_warnum``, ``cowinter_side1``/``cowinter_side2`` (COW's side, 1 or 2:
    the source calls them ``sidea1``/``sidea2`` but they are not a MID side-A flag),
    ``cowinter_initiator1``/``2`` (1 = initiated the war), ``cowinter_outcome1``/``2`` (1 won, 2 lost,
    3 compromise, 4 transformed, 5 ongoing in 2007, 6 stalemate, 7 continues below war level, 8
    changed sides), ``cowinter_batdeath1``/``2`` (battle deaths, −9 unknown), ``cowinter_resume``.

    Several wars in one dyad-year are reduced as peacesciencer's ``add_cow_wars()`` does: prefer an
    onset, then the most battle deaths (the two sides' known deaths summed), then the lowest war number.
    A war that resumed within a year has two rows for its dyads there (16 directed dyad-years, e.g.
    Prussia–Denmark 1864, war 46: the first with the outcome, the resumption with ``resume = 1`` and no
    outcome); the first is kept (``resume`` ascending, the last rule, so the choice never depends on
    the query plan); ``cowinter_nwars`` counts distinct wars (1 there).
    Directed and non-directed frames get the same flags (the table holds both directions of each
    dyad); ``initiator1`` is about ``ccode1``. India (750)–Pakistan (770): onsets in 1947 (war 147,
    ongoing through 1949), 1965 (war 166), 1971 (war 178) and 1999 (Kargil, war 223).

    **Coverage.** The COW war list covers 1816–2007 (:mod:`entente.catalog`), though its war dyad-years
    run 1823–2003: there were simply no inter-state war dyads in 1816–1822 or 2004–2007, so those years
    are 0, as in peacesciencer; years after 2007 are NULL. ``coverage=`` overrides. Reference: Sarkees & Wayman (2010) *Resort to War*, CQ Press; Miller (2022) *CMPS* 39(6).
    """
    step = "add_wars"
    frame, kind = prepare(frame, con, step)
    table = "cow_war_inter_dyad_year"
    require(frame.con, step, table)
    years = check_coverage(coverage, step) or span(frame.con, table)
    window = "PARTITION BY ccode1, ccode2, year"
    deaths = ("CASE WHEN batdeath1 < 0 AND batdeath2 < 0 THEN NULL "
              "ELSE greatest(batdeath1, 0) + greatest(batdeath2, 0) END")
    rhs = f"""
    SELECT * FROM (
        SELECT w.*, CAST(count(DISTINCT warnum) OVER ({window}) AS SMALLINT) AS _n,
               row_number() OVER ({window} ORDER BY cowinteronset DESC, {deaths} DESC NULLS LAST, warnum ASC,
                                              resume ASC NULLS LAST) AS _rank
        FROM {table} w)
    WHERE _rank = 1"""
    columns = [("cowinter_onset", "coalesce(r.cowinteronset, 0)"), ("cowinter_ongoing", "coalesce(r.cowinterongoing, 0)"),
               ("cowinter_nwars", "coalesce(r._n, 0)"), ("cowinter_warnum", "r.warnum"),
               ("cowinter_side1", "r.sidea1"), ("cowinter_side2", "r.sidea2"),
               ("cowinter_initiator1", "r.initiator1"), ("cowinter_initiator2", "r.initiator2"),
               ("cowinter_outcome1", "r.outcome1"), ("cowinter_outcome2", "r.outcome2"),
               ("cowinter_batdeath1", "r.batdeath1"), ("cowinter_batdeath2", "r.batdeath2"),
               ("cowinter_resume", "r.resume")]
    out = attach(frame, "wars", years, rhs, EXACT, columns, [table])
    return give_back(out, kind)


def _q(name: str) -> str:
    """Quote an identifier (``positional`` is a DuckDB keyword)."""
    return f'"{name}"'


def _rivalry_years(source: str) -> tuple[str, list[str]]:
    """SQL for rivalry-years (c1 < c2, year) and the type columns, from 1816 on.

    Austria-Hungary (300) ends in 1918; where a rivalry of 300 runs past it (Austria-Hungary–Serbia/
    Yugoslavia to 1920) the years from 1919 go to Austria (305), as peacesciencer does.
    """
    if source == "tss":
        types = ["positional", "spatial", "ideological", "interventionary", "principal", "aprin"]
        quoted = ", ".join(_q(t) for t in types)
        expand = (f"SELECT tssr_id AS id, NULL::VARCHAR AS region, ccode1, ccode2, {quoted}, "
                  "unnest(generate_series(greatest(styear, 1816), endyear)) AS year FROM tss_rivalries")
    else:
        types = ["spatial", "positional", "ideological", "interventionary"]
        flags = ", ".join(f"CASE WHEN '{t}' IN (type1, type2, type3) THEN 1 ELSE 0 END AS {_q(t)}" for t in types)
        expand = (f"SELECT rivalryno AS id, region, ccode1, ccode2, {flags}, "
                  "unnest(generate_series(greatest(styear, 1816), endyear)) AS year FROM td_rivalries")
    moved = """SELECT *, CASE WHEN ccode1 = 300 AND year >= 1919 THEN 305 ELSE ccode1 END AS a,
                         CASE WHEN ccode2 = 300 AND year >= 1919 THEN 305 ELSE ccode2 END AS b FROM ({})"""
    sql = f"""
    SELECT least(a, b) AS c1, greatest(a, b) AS c2, CAST(year AS SMALLINT) AS year, min(id) AS id,
           CAST(count(*) AS SMALLINT) AS n, any_value(region) AS region,
           {', '.join(f'CAST(max(coalesce({_q(t)}, 0)) AS SMALLINT) AS {_q(t)}' for t in types)}
    FROM ({moved.format(expand)}) GROUP BY ALL"""
    return sql, types


@register("td_rivalry", "Thompson-Dreyer rivalries: td_rivalry, td_rivalryno, td_region, td_spatial, ...",
          state="Thompson-Dreyer rivalries under way: td_nrivalries, td_n_spatial, ...", aliases=("td",),
          source="td")
@register("rivalry", "TSS strategic rivalries: tss_rivalry, tss_rivalry_id, tss_positional, ...",
          state="TSS strategic rivalries under way: tss_nrivalries, tss_n_positional, ...",
          aliases=("rivalries", "tss_rivalry", "tss"))
def add_rivalries(frame, *, source: str = "tss", con: Connection | None = None, coverage=None):
    """Add strategic rivalries: Thompson, Sakuwa & Suhas 2021 (``source="tss"``, default, as
    peacesciencer 1.2.9's ``add_strategic_rivalries()``; 1494–2020) or Thompson & Dreyer 2012
    (``source="td"``, to 2010).

    Dyad-years: ``tss_rivalry`` (1 = a rivalry ongoing that year), ``tss_rivalry_id``, type flags
    ``tss_positional``, ``tss_spatial``, ``tss_ideological``, ``tss_interventionary``, and
    ``tss_principal``, ``tss_aprin`` (principal / asymmetric principal rivalry); for TD ``td_rivalry``,
    ``td_rivalryno``, ``td_region`` and the four type flags (from TD's ``type1..type3``). Rivalries are
    symmetric: directed and non-directed frames get the same values for a pair. State-years:
    ``tss_nrivalries`` (rivalries ongoing) and ``tss_n_<type>`` counts.

    **After the data end.** The rivalry lists are coded to a last year (TSS 2020, TD 2010, the largest
    end year in the table). peacesciencer's dyad-year code sets ``ongoingrivalry = 1`` wherever no
    rivalry matched *and* the year is past 2020, which flags every dyad-year after the data's end as an
    ongoing rivalry. Here every rivalry column is NULL after the last coded year (an ongoing rivalry
    then is unknown, not absent and not certain). India–Pakistan (TD rivalry 106): 1 in 1947–2010
    and NULL in 2011–2025 with ``source="td"``; with TSS (rivalry 107) 1 through 2020, NULL after.
    Iran–Russia: both lists have a spatial rivalry 1816–1828, before Iran entered the COW system (1855),
    so no COW dyad-year carries it; the pair is 0 from 1855 through the last coded year.
    Reference: Thompson, Sakuwa & Suhas (2021) *Analyzing Strategic Rivalries in World Politics*,
    Springer; Thompson & Dreyer (2012) *Handbook of International Rivalries*, CQ Press; Miller (2022).
    """
    if source not in RIVALRY_SOURCES:
        raise BadInput(f"add_rivalries(source={source!r}): use 'tss' (Thompson et al. 2021) or 'td' (Thompson & Dreyer 2012).")
    step = "add_rivalries"
    frame, kind = prepare(frame, con, step)
    table = "tss_rivalries" if source == "tss" else "td_rivalries"
    require(frame.con, step, table)
    years = check_coverage(coverage, step) or span(frame.con, table, "styear", "endyear")
    sql, types = _rivalry_years(source)
    p = source
    if frame.unit == DYAD:
        columns = [(f"{p}_rivalry", "CAST(CASE WHEN r.id IS NULL THEN 0 ELSE 1 END AS SMALLINT)"),
                   (f"{p}_rivalry_id" if p == "tss" else "td_rivalryno", "r.id")]
        if p == "td":
            columns.append(("td_region", "r.region"))
        columns += [(f"{p}_{t}", f"coalesce(r.{_q(t)}, 0)") for t in types]
        out = attach(frame, f"{p}_rivalries", years, sql, PAIR, columns, [table])
    else:
        rhs = f"""
        SELECT ccode, year, CAST(count(*) AS SMALLINT) AS n, {', '.join(f'CAST(sum({_q(t)}) AS SMALLINT) AS {_q(t)}' for t in types)}
        FROM (SELECT c1 AS ccode, * EXCLUDE (c1, c2) FROM ({sql}) UNION ALL
              SELECT c2 AS ccode, * EXCLUDE (c1, c2) FROM ({sql})) GROUP BY ALL"""
        columns = [(f"{p}_nrivalries", "coalesce(r.n, 0)")] + [(f"{p}_n_{t}", f"coalesce(r.{_q(t)}, 0)") for t in types]
        out = attach(frame, f"{p}_rivalries", years, rhs, STATE_KEY, columns, [table])
    return give_back(out, kind)
