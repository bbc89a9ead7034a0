"""The evidence on one pair beyond UN votes: history, treaties, trade and arms, read from the warehouse.

Each function takes two states (anything :func:`entente.countries.resolve` understands), reads only the
pair's rows with SQL, and hands them to the pure functions in :mod:`entente.measures`. Each returns a
DataFrame plus, through :func:`evidence`, the dataset, version and row count it rested on.
"""

from __future__ import annotations

import pandas as pd

from entente import catalog, countries, warehouse
from entente.measures import arms as _arms
from entente.measures import conflict_names as _conflict_names
from entente.measures import economy as _economy
from entente.measures import history as _history
from entente.measures import trade_sources as _trade_sources
from entente.measures import treaties as _treaties
from entente.store import Connection, one


def _rows(con: Connection, table: str, a: int, b: int, *, directed: bool = True, columns: str = "*") -> pd.DataFrame:
    """The pair's rows of a dyadic table: both directions of a directed table, the one row of a non-directed one."""
    if directed:
        sql = f'SELECT {columns} FROM "{table}" WHERE (ccode1 = ? AND ccode2 = ?) OR (ccode1 = ? AND ccode2 = ?)'
        return con.execute(sql, [a, b, b, a]).df()
    lo, hi = sorted((a, b))
    return con.execute(f'SELECT {columns} FROM "{table}" WHERE ccode1 = ? AND ccode2 = ?', [lo, hi]).df()


def coverage(con: Connection, table: str, column: str = "year") -> tuple[int, int]:
    """First and last year a table covers: as recorded at build time (:func:`entente.catalog.coverage`),
    else from the data."""
    recorded = catalog.coverage(con, table)
    if recorded is not None:
        return recorded
    lo, hi = one(con, f'SELECT min({column}), max({column}) FROM "{table}"')
    return int(lo), int(hi)


def evidence(con: Connection, table: str, rows: int, used_for: str, *,
             span: tuple[str, str] = ("year", "year")) -> dict:
    """Dataset, version, table, rows used and the table's coverage, for a brief's provenance.

    Coverage is what the table speaks for, as recorded at build time (its documented domain: COW's wars
    cover 1816–2007, though their rows span 1823–2003), for a table of years; for a table of spells it
    is min(span[0])–max(span[1]) over the table (``("styear", "endyear")``; TIES cases followed to their
    last known year), and for spells of years ``begun``, the last year a spell starts.
    """
    # dataset, version and the coverage recorded at build time (catalog.coverage) in one read
    p = one(con, "SELECT dataset, version, first_year, last_year FROM _provenance WHERE table_name = ?", [table])
    recorded = (int(p[2]), int(p[3])) if span == ("year", "year") and p and p[2] is not None else None
    out = {"dataset": p[0] if p else table, "version": p[1] if p else "", "table": table, "rows": int(rows)}
    if recorded:
        return {**out, "coverage": list(recorded), "used_for": used_for}
    first, last, begun = one(con, f'SELECT min({span[0]}), max({span[1]}), max({span[0]}) FROM "{table}"')
    out.update(coverage=[first, last], used_for=used_for)
    if isinstance(begun, int):   # spells of years: the last year one starts (TIES: cases begun to 2005, followed to 2013)
        out["begun"] = begun
    return out


def _codes(a, b) -> tuple[int, int]:
    return countries.resolve(a).ccode, countries.resolve(b).ccode


def wars(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """COW inter-state wars between the two (see :func:`entente.measures.history.wars`)."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    return _history.wars(_rows(con, "cow_war_inter_dyad_year", ca, cb), ca, cb)


def disputes(a, b, *, dataset: str = "gml", con: Connection | None = None) -> pd.DataFrame:
    """Militarized disputes between the two, one row per dispute: GML MIDs 2.2.1 (``dataset="gml"``, to
    2010) or COW MID 5.0 (``"cow"``, to 2014)."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    table = catalog.GML_MIDS if dataset == "gml" else catalog.COW_MIDS
    return _history.disputes(_rows(con, str(table), ca, cb), ca, cb)


def rivalries_tss(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """Strategic rivalry spells of Thompson, Sakuwa & Suhas (2021; to 2020), the update of Thompson &
    Dreyer: rivalry, styear, endyear and the kinds (positional, spatial, ideological, interventionary)."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    lo, hi = sorted((ca, cb))
    frame = con.execute(f"SELECT * FROM {catalog.TSS_RIVALRIES} WHERE ccode1 = ? AND ccode2 = ? ORDER BY styear",
                        [lo, hi]).df()
    return _history.rivalry_spells(frame, ca, cb)


def armed_conflicts(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """UCDP/PRIO armed-conflict years (1946–) in which the two stood on opposite sides, as primary
    parties or as secondary (supporting) states: conflict_id, year, type_of_conflict, incompatibility,
    intensity_level (1: 25–999 battle deaths in the year, 2: 1,000 or more), a_role, b_role
    ("primary" or "supporting") and name (the conflict named from the data over the pair's years, see
    :func:`conflict_names`). UCDP codes states by Gleditsch–Ward numbers; they are mapped here."""
    con = con or warehouse.connection()
    sa, sb = countries.resolve(a), countries.resolve(b)
    columns = ["conflict_id", "year", "type_of_conflict", "incompatibility", "intensity_level", "a_role", "b_role"]
    # UCDP's codes are G-W's, with its own habits (Yugoslavia is 345 to 2005, where State.gwcode says 340):
    # every G-W code that ever maps to the COW state is read, and each row's codes are mapped in its year.
    codes = {s.ccode: sorted({int(g) for g in con.execute(
        f"SELECT DISTINCT gwcode FROM {catalog.COW_GW_YEARS} WHERE ccode = ? AND gwcode IS NOT NULL",
        [s.ccode]).df()["gwcode"]} | ({s.gwcode} if s.gwcode is not None else set()) | {s.ccode})
        for s in (sa, sb)}
    rows = con.execute(
        f"""SELECT conflict_id, year, gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd, type_of_conflict, incompatibility,
                   intensity_level FROM {catalog.UCDP_CONFLICTS}
            WHERE list_has_any([gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd], ?)
              AND list_has_any([gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd], ?)
            ORDER BY year, conflict_id""", [codes[sa.ccode], codes[sb.ccode]]).df()
    found = []
    for r in rows.itertuples(index=False):
        cow = {c: _conflict_names.cow_code(getattr(r, c), r.year) if not pd.isna(getattr(r, c)) else None
               for c in ("gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd")}
        side = {x: ("a" if x in (cow["gwno_a"], cow["gwno_a_2nd"]) else "b" if x in (cow["gwno_b"], cow["gwno_b_2nd"])
                    else None) for x in (sa.ccode, sb.ccode)}
        if None in side.values() or side[sa.ccode] == side[sb.ccode]:
            continue
        role = {x: "primary" if x in (cow["gwno_a"], cow["gwno_b"]) else "supporting" for x in (sa.ccode, sb.ccode)}
        found.append((r.conflict_id, r.year, r.type_of_conflict, r.incompatibility, r.intensity_level,
                      role[sa.ccode], role[sb.ccode]))
    frame = pd.DataFrame(found, columns=columns)
    # one row per conflict-year (UCDP splits a year by supporter): a state primary in any row is primary
    frame = (frame.sort_values(["a_role", "b_role"], kind="stable")
             .drop_duplicates(["conflict_id", "year"]).sort_values(["year", "conflict_id"]).reset_index(drop=True))
    names = conflict_names(frame[["conflict_id", "year"]], con=con)
    return frame.merge(names[["conflict_id", "name"]], on="conflict_id", how="left")


def conflict_names(years: pd.DataFrame, *, con: Connection | None = None) -> pd.DataFrame:
    """Names for UCDP/PRIO conflicts over the given (conflict_id, year) rows, read with every side and
    supporter of those years and the COW inter-state wars of those years
    (:func:`entente.measures.conflict_names.conflict_names`): conflict_id, name, kind, first, last, cow_wars."""
    con = con or warehouse.connection()
    if years.empty:
        return _conflict_names.conflict_names(pd.DataFrame(columns=["conflict_id", "year"]))
    ids = sorted({int(c) for c in years["conflict_id"]})
    keys = sorted({f"{int(c)}-{int(y)}" for c, y in zip(years["conflict_id"], years["year"])})
    rows = con.execute(
        f"SELECT * FROM {catalog.UCDP_CONFLICTS} WHERE list_contains(?, conflict_id) "
        "AND list_contains(?, CAST(conflict_id AS VARCHAR) || '-' || CAST(year AS VARCHAR))", [ids, keys]).df()
    wars = con.execute(
        f"SELECT d.warnum, w.war_name, d.ccode1, d.ccode2, d.year FROM {catalog.COW_WARS} d "
        f"JOIN {catalog.COW_WAR_LIST} w USING (warnum) WHERE d.year BETWEEN ? AND ?",
        [int(years["year"].min()) - 1, int(years["year"].max()) + 1]).df()
    majors = con.execute(f"SELECT DISTINCT ccode FROM {catalog.COW_MAJORS}").df()["ccode"]
    return _conflict_names.conflict_names(rows, wars, majors=majors)


def rivalries(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """Strategic rivalry spells (Thompson & Dreyer), with the dataset's last year."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    lo, hi = sorted((ca, cb))
    frame = con.execute("SELECT * FROM td_rivalries WHERE ccode1 = ? AND ccode2 = ?", [lo, hi]).df()
    return _history.rivalry_spells(frame, ca, cb)


def alliances(a, b, *, dataset: str = "atop", con: Connection | None = None) -> pd.DataFrame:
    """Alliance obligations of ``a`` towards ``b`` as spells (ATOP or COW), with the coverage end."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    table, types = (("atop_dyad_year", _treaties.ATOP_TYPES) if dataset == "atop"
                    else ("cow_alliance_dyad_year", _treaties.COW_TYPES))
    return _treaties.obligation_spells(_rows(con, table, ca, cb), ca, cb, types, coverage(con, table)[1])


def trade(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """Trade each way per year, each side's share of its own trade, and asymmetry: COW Trade for the
    years it covers, IMF DOTS after (:func:`entente.measures.trade_sources.one_series`), then IMF IMTS
    for the years after DOTS when ``entente data update imf_trade`` has fetched them; ``dataset``
    names the source of each row, ``estimated`` marks IMF rows resting on an IMF estimate."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    dyad = _rows(con, str(catalog.COW_TRADE), ca, cb, directed=False)
    state = con.execute(f"SELECT * FROM {catalog.COW_TRADE_STATES} WHERE ccode IN (?, ?)", [ca, cb]).df()
    if warehouse.has_table(con, str(catalog.IMF_TRADE)) and warehouse.has_table(con, str(catalog.IMF_TRADE_STATES)):
        imf = _rows(con, str(catalog.IMF_TRADE), ca, cb, directed=False)
        imf_state = con.execute(f"SELECT * FROM {catalog.IMF_TRADE_STATES} WHERE ccode IN (?, ?)", [ca, cb]).df()
        if catalog.coverage(con, catalog.IMTS_TRADE) is not None:     # fetched by `entente data update imf_trade`
            last = coverage(con, str(catalog.IMF_TRADE))[1]
            imts = _rows(con, str(catalog.IMTS_TRADE), ca, cb, directed=False)
            imts_state = con.execute(f"SELECT * FROM {catalog.IMTS_TRADE_STATES} WHERE ccode IN (?, ?)", [ca, cb]).df()
            imf = pd.concat([imf.assign(dataset=_trade_sources.IMF),
                             imts[imts["year"] > last].assign(dataset=_trade_sources.IMTS)], ignore_index=True)
            imf_state = pd.concat([imf_state.assign(dataset=_trade_sources.IMF),
                                   imts_state[imts_state["year"] > last].assign(dataset=_trade_sources.IMTS)],
                                  ignore_index=True)
        dyad, state = _trade_sources.one_series(dyad, imf, state, imf_state, coverage(con, str(catalog.COW_TRADE))[1])
    else:
        dyad = dyad.assign(dataset=_trade_sources.COW, estimated=pd.NA)
    return _economy.trade_series(dyad, state, ca, cb)


def trade_sources(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """COW Trade and IMF DOTS side by side for the pair, in the years both cover, with why they differ
    (:func:`entente.measures.trade_sources.compare`; ``flow1`` is the smaller code's imports). Empty when
    the warehouse has no IMF table."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    if not warehouse.has_table(con, str(catalog.IMF_TRADE)):
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "flow", "cow", "imf", "within_1pct", "reason"])
    cow = _rows(con, str(catalog.COW_TRADE), ca, cb, directed=False)
    imf = _rows(con, str(catalog.IMF_TRADE), ca, cb, directed=False)
    if cow.empty and imf.empty:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "flow", "cow", "imf", "within_1pct", "reason"])
    both = (max(coverage(con, str(catalog.COW_TRADE))[0], coverage(con, str(catalog.IMF_TRADE))[0]),
            min(coverage(con, str(catalog.COW_TRADE))[1], coverage(con, str(catalog.IMF_TRADE))[1]))
    return _trade_sources.compare(cow, imf, both)


def arms_register(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """The SIPRI register rows for deliveries between the two, both ways (all columns)."""
    con = con or warehouse.connection()
    ca, cb = _codes(a, b)
    return con.execute(
        "SELECT * FROM sipri_transfers WHERE (supplier_ccode = ? AND recipient_ccode = ?) "
        "OR (supplier_ccode = ? AND recipient_ccode = ?)", [ca, cb, cb, ca]).df()


def arms(a, b, *, con: Connection | None = None) -> pd.DataFrame:
    """SIPRI deliveries both ways, one row per deal and delivery year, with ``direction`` (a_to_b, b_to_a)."""
    ca, cb = _codes(a, b)
    register = arms_register(ca, cb, con=con)
    return pd.concat([_arms.transfers(register, ca, cb).assign(direction="a_to_b"),
                      _arms.transfers(register, cb, ca).assign(direction="b_to_a")], ignore_index=True)
