"""Trade, arms, shared IGOs, national capabilities and major-power status per dyad-year or state-year."""

from __future__ import annotations

from entente.frames._registry import STATE, register
from entente.frames.plan import PAIR, STATE_KEY, attach, check_coverage, give_back, prepare, require, span
from entente.store import Connection

NMC = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


@register("trade", "COW trade 4.0: cowtrade_flow1 (imports of ccode1 from ccode2), cowtrade_flow2, ...",
          aliases=("cow_trade",))
def add_trade(frame, *, con: Connection | None = None, coverage=None):
    """Add COW dyadic trade v4.0 (current million US$): ``cowtrade_flow1`` = imports of ``ccode1`` from
    ``ccode2``, ``cowtrade_flow2`` = imports of ``ccode2`` from ``ccode1``, and COW's smoothed
    ``cowtrade_smoothflow1``/``2``.

    The table is non-directed (``ccode1 < ccode2``); in a directed frame the row (B, A) gets the flows
    swapped, so ``flow1`` is always the first state's imports. COW's −9 (missing) is NULL, and
    dyad-years COW does not report are NULL too, never 0: an unreported flow is unknown. The snapshot's
    flows are rounded to whole millions (a flow under $0.5 million reads 0). Iran–Russia: Iran's
    imports from Russia 258 (1992), 3,599 (2011). Coverage 1870–2014. References: Barbieri, Keshk &
    Pollins (2009) *CMPS* 26(5): 471–491; Barbieri & Keshk (2016) COW Trade v4.0 codebook.
    """
    step = "add_trade"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_trade_dyad_year")
    years = check_coverage(coverage, step) or span(frame.con, "cow_trade_dyad_year")
    swap = "ccode1 < ccode2"
    rhs = f"""
    SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, year,
           CASE WHEN {swap} THEN flow1 ELSE flow2 END AS lo_flow, CASE WHEN {swap} THEN flow2 ELSE flow1 END AS hi_flow,
           CASE WHEN {swap} THEN smoothflow1 ELSE smoothflow2 END AS lo_smooth,
           CASE WHEN {swap} THEN smoothflow2 ELSE smoothflow1 END AS hi_smooth
    FROM cow_trade_dyad_year"""
    first = "f.ccode1 < f.ccode2"

    def pick(lo, hi):
        return f"CASE WHEN {first} THEN nullif(r.{lo}, -9) ELSE nullif(r.{hi}, -9) END"

    columns = [("cowtrade_flow1", pick("lo_flow", "hi_flow")), ("cowtrade_flow2", pick("hi_flow", "lo_flow")),
               ("cowtrade_smoothflow1", pick("lo_smooth", "hi_smooth")),
               ("cowtrade_smoothflow2", pick("hi_smooth", "lo_smooth"))]
    out = attach(frame, "trade", years, rhs, PAIR, columns, ["cow_trade_dyad_year"])
    return give_back(out, kind)


@register("arms", "SIPRI arms transfers: sipri_tiv_1to2, sipri_tiv_2to1 (TIV millions)", aliases=("sipri",))
def add_arms(frame, *, con: Connection | None = None, coverage=None):
    """Add SIPRI arms transfers (trend-indicator values, million TIV, by delivery year):
    ``sipri_tiv_1to2`` (delivered by ``ccode1`` to ``ccode2``) and ``sipri_tiv_2to1``.

    SIPRI's register lists every transfer of major conventional arms, so inside its coverage a pair
    with no delivery is 0. The snapshot holds deliveries 1995–2024 only: earlier and later years are
    NULL (Soviet deliveries to Iran before 1992 exist but are not in it). Transfers from or to non-state
    actors and organisations have no COW code and are left out. TIV measures the military value of
    the volume delivered, not its price. Iran–Russia: Russia → Iran 3,119 million TIV over 1995–2024;
    Iran → Russia 493 in 2022–2024. Reference: SIPRI Arms Transfers Database (export of 12 Feb 2026).
    """
    step = "add_arms"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "sipri_transfers")
    years = check_coverage(coverage, step) or span(frame.con, "sipri_transfers", "delivery_year")
    rhs = """
    SELECT least(s, t) AS c1, greatest(s, t) AS c2, CAST(year AS SMALLINT) AS year,
           sum(tiv) FILTER (WHERE s < t) AS lo_to_hi, sum(tiv) FILTER (WHERE s > t) AS hi_to_lo
    FROM (SELECT supplier_ccode AS s, recipient_ccode AS t, delivery_year AS year, tiv_delivery_values AS tiv
          FROM sipri_transfers
          WHERE supplier_ccode IS NOT NULL AND recipient_ccode IS NOT NULL AND supplier_ccode <> recipient_ccode)
    GROUP BY ALL"""
    first = "f.ccode1 < f.ccode2"
    columns = [("sipri_tiv_1to2", f"coalesce(CASE WHEN {first} THEN r.lo_to_hi ELSE r.hi_to_lo END, 0)"),
               ("sipri_tiv_2to1", f"coalesce(CASE WHEN {first} THEN r.hi_to_lo ELSE r.lo_to_hi END, 0)")]
    out = attach(frame, "arms", years, rhs, PAIR, columns, ["sipri_transfers"])
    return give_back(out, kind)


@register("igos", "COW IGOs 3: dyadigos (IGOs where both are full members)", aliases=("igo",))
def add_igos(frame, *, con: Connection | None = None, coverage=None):
    """Add ``dyadigos``: the number of intergovernmental organisations in which both states are full
    members (COW IGO v3, 1816–2014). The table lists zeros, so a dyad-year it lacks is NULL (unknown),
    not 0. Iran–Russia: 39 shared full memberships in 2014. Symmetric.
    Reference: Pevehouse et al. (2020) *Journal of Peace Research* 57(3): 492–503.
    """
    step = "add_igos"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_igo_dyad_year")
    years = check_coverage(coverage, step) or span(frame.con, "cow_igo_dyad_year")
    rhs = ("SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, year, max(dyadigos) AS dyadigos "
           "FROM cow_igo_dyad_year GROUP BY ALL")
    out = attach(frame, "igos", years, rhs, PAIR, [("dyadigos", "r.dyadigos")], ["cow_igo_dyad_year"])
    return give_back(out, kind)


@register("capabilities", "COW capabilities (NMC): cinc1, cinc2, milex1, milex2, ... (1 and 2 per state)",
          state="COW capabilities (NMC): cinc, milex, milper, irst, pec, tpop, upop", aliases=("nmc", "cinc"))
def add_capabilities(frame, *, con: Connection | None = None, coverage=None):
    """Add COW National Material Capabilities: ``milex`` (military expenditure, thousands: £ to 1913,
    current US$ from 1914), ``milper`` (military personnel, thousands), ``irst`` (iron and steel,
    thousand tons), ``pec`` (primary energy, thousand coal-ton equivalents), ``tpop``/``upop`` (total and
    urban population, thousands) and ``cinc`` (Composite Index of National Capability, 0–1). Dyad-years
    get each with suffix 1 and 2 (``cinc1``, ``cinc2`` ...). COW's −9 is NULL; a state-year NMC lacks is
    NULL. Coverage 1816–2022. References: Singer, Bremer & Stuckey (1972); Singer (1987)
    *International Interactions* 14(2).
    """
    step = "add_capabilities"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_nmc_state_year")
    years = check_coverage(coverage, step) or span(frame.con, "cow_nmc_state_year")
    rhs = f"SELECT ccode, year, {', '.join(f'nullif({c}, -9) AS {c}' for c in NMC)} FROM cow_nmc_state_year"
    if frame.unit == STATE:
        columns = [(c, f"r.{c}") for c in NMC]
    else:
        columns = [(f"{c}{i}", f"r{i}.{c}") for c in NMC for i in (1, 2)]
    out = attach(frame, "capabilities", years, rhs, STATE_KEY, columns, ["cow_nmc_state_year"])
    return give_back(out, kind)


@register("majors", "COW major powers: cowmaj1, cowmaj2",
          state="COW major powers: cowmaj", aliases=("major_powers", "cow_majors"))
def add_major_powers(frame, *, con: Connection | None = None, coverage=None, extend: bool = False):
    """Add COW major-power status: ``cowmaj1``, ``cowmaj2`` (dyad-years) or ``cowmaj`` (state-years), 1 if
    the state was a major power in any part of the year, 0 if not.

    COW's major-power list (v2016) ends in 2016, so 2017 onward is NULL by default: peacesciencer writes 0
    there, which would say the United States stopped being a major power in 2017. ``extend=True`` treats
    status held on the list's last day as continuing through the frame's years, the same assumption
    :func:`~entente.frames.dyad_years` makes for membership (peacesciencer's ``mry``). Reference:
    Correlates of War Project (2017) "State System Membership List, v2016"; Miller (2022)
    (``add_cow_majors()``).
    """
    step = "add_major_powers"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_majors")
    lo, hi = span(frame.con, "cow_majors", "styear", "endyear")
    end = "CASE WHEN endyear = (SELECT max(endyear) FROM cow_majors) THEN 2100 ELSE endyear END" if extend else "endyear"
    if extend:
        hi = 2100
    years = check_coverage(coverage, step) or (lo, hi)
    rhs = f"""SELECT DISTINCT ccode, CAST(year AS SMALLINT) AS year, CAST(1 AS SMALLINT) AS major
              FROM (SELECT ccode, unnest(generate_series(styear, {end})) AS year FROM cow_majors)"""
    if frame.unit == STATE:
        columns = [("cowmaj", "coalesce(r.major, 0)")]
    else:
        columns = [(f"cowmaj{i}", f"coalesce(r{i}.major, 0)") for i in (1, 2)]
    out = attach(frame, "majors", years, rhs, STATE_KEY, columns, ["cow_majors"])
    return give_back(out, kind)
