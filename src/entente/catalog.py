"""Every warehouse table, declared once: its name, the dataset that fills it, its keys and its coverage.

Code that reads the warehouse names tables through this catalog (``catalog.GML_MIDS``), never as a
loose string, and asks it for a table's coverage (:func:`coverage`) instead of computing first and last
years itself. ``tests/test_catalog.py`` fails when SQL anywhere in the package names a table that is
not declared here.

**Coverage** is the span of years a table speaks for, stored in ``_provenance.first_year`` and
``last_year`` when the warehouse is built (:func:`entente.store.write_table`):

- for a panel or spell table (a row per dyad-year, per state-year, per spell), the years its rows span
  (``years``: one column, or a start and an end column);
- for a list of events (wars, disputes, vetoes, sanctions), the years the dataset's authors searched,
  which are wider than the years with an event: COW found no inter-state war in 2004–07, yet its war
  data cover those years. ``domain`` states them, from each dataset's codebook, with the year the data
  end taken from the rows where the codebook gives none (``(1946, None)``: a list that an update extends,
  whose end is the last year of its rows).

Two lists of events speak for more than whole years, and the brief says so: the veto list ends on the day
of its last veto (``dates``: its date column; :func:`event_dates`), and TIES lists cases *begun* in its
years but follows each to its end or to the year it was last seen open (``followed``: the SQL of that
year; :func:`followed_to`): cases begun 1945–2005, followed to 2013 at the latest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """A warehouse table: ``name``, the ``dataset`` (source name) that fills it, its unique ``keys`` (checked
    when the warehouse is built and when ``entente data update`` replaces it), the snapshot ``file`` it is
    read from (relative to ``entente/data``; empty for derived tables and for files the user supplies), the
    columns whose min and max give its coverage (``years``), a documented coverage (``domain``, for lists of
    events), a one-line ``about``, for a table entente derives, the datasets it is built from (``inputs``); for a list of dated events the
    date column (``dates``), and for a list of cases followed past their first year the SQL of the last year
    each was followed (``followed``)."""

    name: str
    dataset: str
    keys: tuple[str, ...] = ()
    file: str = ""
    years: tuple[str, ...] = ()
    domain: tuple[int, int | None] | None = None
    about: str = ""
    inputs: tuple[str, ...] = ()     # for a derived table, the datasets it is built from
    dates: str = ""                  # for a list of dated events: the column of their dates
    event: str = ""                  # ... and what one event is called ("veto")
    followed: str = ""               # for a list of cases: SQL of the last year a case was followed

    def __str__(self) -> str:   # so a Table can stand in an f-string of SQL
        return self.name


def _t(*args, **kwargs) -> Table:
    table = Table(*args, **kwargs)
    TABLES[table.name] = table
    return table


TABLES: dict[str, Table] = {}

# --- the state system and codes
COW_STATES = _t("cow_states", "cow_states", ("ccode", "styear", "stmonth", "stday"),
                file="states/cow_states.parquet", years=("styear", "endyear"),
                about="COW state system membership spells")
COW_MAJORS = _t("cow_majors", "cow_states", ("ccode", "styear", "stmonth", "stday"),
                file="states/cow_majors.parquet", years=("styear", "endyear"), about="COW major powers")
GW_STATES = _t("gw_states", "gw_states", ("gwcode", "start_date"), file="states/gw_states.parquet",
               about="Gleditsch–Ward independent states")
COW_GW_YEARS = _t("cow_gw_years", "gw_states", (), file="states/cow_gw_years.parquet", years=("year",),
                  about="G-W state-years with COW codes")
COUNTRY_CODES = _t("country_codes", "countrycode", ("country_name_en",), file="states/country_codes.parquet",
                   about="countrycode's code list (names, ISO, COW, G-W, IMF)")
# --- UN General Assembly
UNGA_INPUTS = ("unvotes", "dgacm")
UNVOTES_VOTES = _t("unvotes_votes", "unvotes", ("rcid", "ccode"), file="unga/votes.parquet",
                   about="Voeten et al. votes, sessions 1–74")
UNVOTES_ROLLCALLS = _t("unvotes_rollcalls", "unvotes", ("rcid",), file="unga/roll_calls.parquet",
                       about="Voeten et al. roll calls")
UNVOTES_ISSUES = _t("unvotes_issues", "unvotes", ("rcid", "short_name"), file="unga/issues.parquet",
                    about="Voeten et al. issue codes")
DGACM_VOTES = _t("dgacm_votes", "dgacm", ("symbol", "ccode"), file="unga/dgacm_votes.parquet",
                 about="UN DGACM votes, sessions 74–80")
DGACM_RESOLUTIONS = _t("dgacm_resolutions", "dgacm", ("symbol",), file="unga/dgacm_resolutions.parquet",
                       about="UN DGACM resolutions")
UNGA_VOTES = _t("unga_votes", "entente (derived)", ("rcid", "ccode"),
                about="one series of UNGA votes (Voeten, then DGACM)", inputs=UNGA_INPUTS)
UNGA_ROLLCALLS = _t("unga_rollcalls", "entente (derived)", ("rcid",), years=("year",), about="UNGA roll calls, session-years", inputs=UNGA_INPUTS)
UNGA_ROLLCALL_ISSUES = _t("unga_rollcall_issues", "entente (derived)", ("rcid", "issue"),
                          about="topic of each roll call", inputs=UNGA_INPUTS)
UNGA_ALIGNMENT = _t("m_unga_alignment_dyad_year", "entente (derived)", ("ccode1", "ccode2", "year"),
                    years=("year",), about="agreement, S, κ and π per dyad and session-year", inputs=UNGA_INPUTS)
# --- conflict
COW_WARS = _t("cow_war_inter_dyad_year", "cow_war", ("warnum", "ccode1", "ccode2", "year", "resume"),
              file="cow_war/inter_state_war_dyad_year.parquet", years=("year",), domain=(1816, 2007),
              about="COW inter-state wars, directed dyad-years")
COW_WAR_LIST = _t("cow_war_inter_wars", "cow_war", ("warnum",), file="cow_war/inter_state_wars.parquet",
                  years=("start_year", "end_year"), domain=(1816, 2007), about="COW inter-state wars: number, name, start and end")
COW_INTRA_WARS = _t("cow_war_intra_year", "cow_war", ("warnum", "year", "sidea", "sideb", "resume_combat"),
                    file="cow_war/intra_state_war_year.parquet", years=("year",), domain=(1816, 2014),
                    about="COW intra-state wars, war-years")
GML_MIDS = _t("gml_mid_dir_dyad_year", "gml_mid", ("dispnum", "ccode1", "ccode2", "year"),
              file="mid/gml_mid_dir_dyad_year.parquet", years=("year",), domain=(1816, 2010),
              about="GML militarized disputes, directed dyad-years")
GML_DISPUTES = _t("gml_mid_disputes", "gml_mid", ("dispnum",), file="mid/gml_mid_disputes.parquet",
                  years=("styear",), domain=(1816, 2010), about="GML disputes")
GML_PARTICIPANTS = _t("gml_mid_participants", "gml_mid", ("dispnum", "ccode", "styear", "stmon", "stday"),
                      file="mid/gml_mid_participants.parquet", years=("styear", "endyear"), domain=(1816, 2010),
                      about="GML dispute participants")
COW_MIDS = _t("cow_mid_dir_dyad_year", "cow_mid", ("dispnum", "ccode1", "ccode2", "year"),
              file="mid/cow_mid_dir_dyad_year.parquet", years=("year",), domain=(1816, 2014),
              about="COW MID 5.0 militarized disputes, directed dyad-years")
COW_DISPUTES = _t("cow_mid_disputes", "cow_mid", ("dispnum",), file="mid/cow_mid_disputes.parquet",
                  years=("styear",), domain=(1816, 2014), about="COW MID 5.0 disputes")
TD_RIVALRIES = _t("td_rivalries", "td_rivalries", ("rivalryno",),
                  file="rivalries/thompson_dreyer_rivalries.parquet", years=("styear", "endyear"),
                  domain=(1494, 2010), about="Thompson–Dreyer strategic rivalries, spells")
TSS_RIVALRIES = _t("tss_rivalries", "tss_rivalries", ("tssr_id",), file="rivalries/tss_rivalries.parquet",
                   years=("styear", "endyear"), domain=(1494, 2020), about="Thompson, Sakuwa & Suhas strategic rivalries, spells")
GRH_ARMS_RACES = _t("grh_arms_races", "grh_arms_races", ("race_id",), file="rivalries/grh_arms_races.parquet",
                    years=("styear", "endyear"), domain=(1816, 1993), about="Gibler, Rider & Hutchison arms races")
UCDP_CONFLICTS = _t("ucdp_acd_conflict_year", "ucdp_acd",
                    ("conflict_id", "year", "gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"),
                    file="ucdp/ucdp_acd_conflict_year.parquet", years=("year",), about="UCDP/PRIO armed conflicts, conflict-years")
# --- alliances, institutions
ATOP = _t("atop_dyad_year", "atop", ("ccode1", "ccode2", "year"), file="atop/atop_dyad_year.parquet",
          years=("year",), about="ATOP obligations, directed dyad-years")
ATOP_MEMBERS = _t("atop_members", "atop", ("atopid", "ccode", "phase", "yrent"), file="atop/atop_members.parquet",
                  about="ATOP alliance members and their pledges")
ATOP_ALLIANCES = _t("atop_alliances", "atop", ("atopid",), file="atop/atop_alliances.parquet",
                    years=("begyr", "endyr"), about="ATOP alliances: dates, size, bilateral")
COW_ALLIANCES = _t("cow_alliance_dyad_year", "cow_alliance", ("ccode1", "ccode2", "year"),
                   file="cow_alliance/cow_alliance_dyad_year.parquet", years=("year",),
                   about="COW formal alliances, directed dyad-years")
COW_IGOS = _t("cow_igo_dyad_year", "cow_igo", ("ccode1", "ccode2", "year"), file="igo/cow_igo_dyad_year.parquet",
              years=("year",), about="shared IGO memberships")
# --- economy, capabilities, arms
COW_TRADE = _t("cow_trade_dyad_year", "cow_trade", ("ccode1", "ccode2", "year"),
               file="trade/cow_trade_dyad_year.parquet", years=("year",), about="COW dyadic trade")
COW_TRADE_STATES = _t("cow_trade_state_year", "cow_trade", ("ccode", "year"),
                      file="trade/cow_trade_state_year.parquet", years=("year",), about="COW national trade")
IMF_TRADE = _t("imf_dots_dyad_year", "imf_dots", ("ccode1", "ccode2", "year"), file="trade/imf_dots_dyad_year.parquet",
               years=("year",), about="IMF DOTS dyadic trade, each flow as each side reports it")
IMF_TRADE_STATES = _t("imf_dots_state_year", "imf_dots", ("ccode", "year"), file="trade/imf_dots_state_year.parquet",
                      years=("year",), about="IMF DOTS national totals")
IMTS_TRADE = _t("imf_imts_dyad_year", "imf_trade", ("ccode1", "ccode2", "year"), file="trade/imf_imts_dyad_year.parquet",
                years=("year",), about="IMF IMTS dyadic trade from 2021 (empty until `entente data update imf_trade`)")
IMTS_TRADE_STATES = _t("imf_imts_state_year", "imf_trade", ("ccode", "year"), file="trade/imf_imts_state_year.parquet",
                       years=("year",), about="IMF IMTS national totals")
COW_NMC = _t("cow_nmc_state_year", "cow_nmc", ("ccode", "year"), file="capabilities/cow_nmc_state_year.parquet",
             years=("year",), about="COW national capabilities (CINC)")
SIPRI = _t("sipri_transfers", "sipri", ("sipri_at_database_id", "delivery_year"), years=("delivery_year",),
           about="SIPRI arms transfers (user-supplied)")
DESTA_DYADS = _t("desta_dyads", "desta", (), years=("year",),
                 about="DESTA trade agreements, pairs of members (user-supplied)")
WTO_RTAS = _t("wto_rtas", "wto_rta", ("rta_id",), years=("signed_year",),
              about="WTO regional trade agreements (user-supplied)")
WTO_RTA_PARTIES = _t("wto_rta_parties", "wto_rta", ("rta_id", "party"), about="current parties of each WTO RTA")
# --- geography
COW_CONTIGUITY = _t("cow_contiguity", "cow_contiguity", ("ccode1", "ccode2", "start_date"),
                    file="geo/cow_contiguity.parquet", about="COW direct contiguity spells")
COW_CAPITALS = _t("cow_capitals", "cow_capitals", ("ccode", "start_date"), file="geo/cow_capitals.parquet",
                  about="capitals and their coordinates")
COW_MINDIST = _t("cow_mindist_dyad_year", "cow_mindist", ("ccode1", "ccode2", "year"),
                 file="geo/cow_mindist_dyad_year.parquet", years=("year",),
                 about="minimum distance between states")
# --- the Security Council and sanctions
UNSC_VETOES = _t("unsc_vetoes", "unsc_vetoes", (), file="unsc/unsc_vetoes_1946_2022.parquet", years=("year",),
                 domain=(1946, None), about="Security Council vetoes", dates="date",
                 event="veto")
# TIES: cases begun 1945–2005, each followed to its end, else to the year TIES last saw it open (its "ongoing
# as of" date), else its start year alone (the rule of entente.measures.sanctions.TIES_LAST_YEAR_SQL)
TIES = _t("ties_cases", "ties", ("caseid",), file="sanctions/ties_v4_1_cases.parquet", years=("startyear",),
          domain=(1945, 2005), about="TIES sanctions cases", followed="coalesce(endyear, ongoingasofyear, startyear)")
GSDB_CASES = _t("gsdb_cases", "gsdb", ("case_id",), about="Global Sanctions Data Base cases (user-supplied)")
GSDB_CASE_DYADS = _t("gsdb_case_dyads", "gsdb", ("case_id", "sanctioning_state", "sanctioned_state"),
                     about="GSDB cases by sender and target")
# --- events vocabulary
CAMEO_EVENT_CODES = _t("cameo_event_codes", "cameo", ("cameo_code",), file="cameo/cameo_event_codes.parquet",
                       about="CAMEO event codes, Goldstein scores")
CAMEO_COUNTRY_CODES = _t("cameo_country_codes", "cameo", ("cameo_country_code",),
                         file="cameo/cameo_country_codes.parquet")
CAMEO_ACTOR_TYPES = _t("cameo_actor_types", "cameo", (), file="cameo/cameo_actor_types.parquet")
FIPS_COUNTRY_CODES = _t("fips_country_codes", "cameo", ("fips_country_code",),
                        file="cameo/fips_country_codes.parquet")
QUAD_CLASSES = _t("quad_classes", "cameo", ("quad_class",), file="cameo/quad_classes.parquet")

#: Bookkeeping tables of the warehouse itself (no dataset behind them).
INTERNAL = frozenset({"_provenance", "_rejects", "_meta"})


def table(name: str) -> Table:
    """The declared table ``name`` (KeyError naming the known ones otherwise)."""
    try:
        return TABLES[str(name)]
    except KeyError:
        raise KeyError(f"{name!r} is not a declared warehouse table; see entente.catalog.TABLES") from None


def coverage(con, name) -> tuple[int, int] | None:
    """First and last year ``name`` speaks for, as recorded when the warehouse was built (None if the warehouse
    holds no such table or it has no years)."""
    rows = con.execute("SELECT first_year, last_year FROM _provenance WHERE table_name = ?", [str(name)]).fetchall()
    row = rows[0] if rows else None     # fetchall: a half-read result would hold the connection
    if not row or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def event_dates(con, name) -> tuple[dt.date, dt.date, dt.date] | None:
    """(first event, last event, searched to) of a list of dated events (``Table.dates``), or None.

    "Searched to" is the last event's day, or the day a list fetched by ``entente data update`` was fetched
    when that is later (``_provenance.refreshed_at`` of a download): a list downloaded on 6 December 2026
    says that no veto was cast between its last one and that day. A bundled snapshot or a file the user
    supplied has no such day, so it speaks only to its last event."""
    spec = table(name)
    if not spec.dates:
        return None
    rows = con.execute(f'SELECT min("{spec.dates}"), max("{spec.dates}") FROM "{spec.name}"').fetchall()
    if not rows or rows[0][0] is None:
        return None
    first, last = (_day(v) for v in rows[0])
    fetched = con.execute("SELECT refreshed_at FROM _provenance WHERE table_name = ? AND origin = 'download'",
                          [spec.name]).fetchall()
    searched = max(last, _day(fetched[0][0])) if fetched and fetched[0][0] is not None else last
    return first, last, searched


def followed_to(con, name) -> int | None:
    """The last year any case of ``name`` was followed (``Table.followed``; TIES: 2013), or None."""
    spec = table(name)
    if not spec.followed:
        return None
    rows = con.execute(f'SELECT max({spec.followed}) FROM "{spec.name}"').fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def coverage_sql(spec: Table) -> str | None:
    """SQL that returns (first, last) year of ``spec`` from its rows (None when it has no year columns)."""
    if not spec.years:
        return None
    first, last = spec.years[0], spec.years[-1]
    return f'SELECT min({first}), max({last}) FROM "{spec.name}"'


def declared_span(spec: Table, observed: tuple[int | None, int | None]) -> tuple[int, int] | None:
    """Coverage of ``spec`` given the ``observed`` (min, max) years of its rows: the documented domain where
    there is one (its end never before the last row; an open end is the last row's year), else what was
    observed."""
    lo, hi = observed
    if spec.domain is not None:
        d_lo, d_hi = spec.domain
        if d_hi is None:
            return (d_lo, int(hi)) if hi is not None else None
        return d_lo, max(d_hi, int(hi)) if hi is not None else d_hi
    if lo is None or hi is None:
        return None
    return int(lo), int(hi)
