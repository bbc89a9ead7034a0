"""The universes: every state-year and every dyad-year of the COW or Gleditsch–Ward state system.

Membership is read from the warehouse tables ``cow_states`` (COW State System v2016, spells with start
and end dates) and ``gw_states`` (Gleditsch & Ward 1999, as shipped by peacesciencer). A state is a
member in a year if it was a member on any day of it (COW's state-year convention).

**Spells that run to the end of the list** (``mry``). COW v2016 ends on 2016-12-31 and the G-W list on
2017-12-31: the last date of each list is read from the data, and a spell ending on it means "still a
member when the list was last updated", not an exit. Such spells are extended through the last year
requested (default :data:`LAST_YEAR`, 2025), as peacesciencer's ``mry = TRUE`` does (Miller 2022,
*Conflict Management and Peace Science* 39(6), ``create_dyadyears()``). This assumes no state entered
or left since; it affects the 195 COW states alive on 2016-12-31 and the 174 G-W states alive on
2017-12-31 (South Sudan is in both; no state born after the lists' end is added). Pass ``years``
ending at 2016 (COW) or 2017 (G-W) to stay inside the lists.

**False dyads.** Two states can both be members in a year without ever being members on the same day:
the Republic of Vietnam left COW on 1975-04-30 and Suriname joined on 1975-11-25. peacesciencer drops
these pairs (its ``false_cow_dyads``/``false_gw_dyads`` tables); so do we, computed from the spell dates
(``drop_false_dyads=False`` keeps them, and then each year has exactly n·(n−1) directed or n·(n−1)/2
non-directed rows for its n members).

**Directed and non-directed.** A directed frame has both (France, Germany) and (Germany, France); a
non-directed frame keeps one row per pair with ``ccode1 < ccode2`` (``gwcode1 < gwcode2`` for G-W), the
field's convention. peacesciencer defaults to directed; entente defaults to non-directed, the smaller
frame; the conventions for each dataset in each case are in the add steps' docstrings.

**G-W frames** carry ``ccode1``/``ccode2`` (``ccode`` in state-years) from the ``cow_gw_years``
crosswalk, so that every add step (all datasets are keyed by COW codes) works on them. Where one G-W
state-year maps to two COW states (G-W 260 in 1990 is COW 260 and 255; G-W 678 in 1990 is 678 and 679)
the COW state that was a member at the end of the year wins (255, 679), as in :mod:`entente.countries`.
After the crosswalk's last year (2020) each G-W state keeps its last COW code. A G-W state-year with no
COW counterpart (Canada is a G-W state from 1867 but a COW member from 1920) has NULL there, and every
added variable is NULL for its rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from entente import warehouse
from entente.errors import BadInput
from entente.frames.plan import DYAD, STATE, Frame, Universe, require
from entente.store import Connection

#: Default last year of a frame: the last complete calendar year when this version was written.
#: Pinned (not read from the clock) so that a frame is reproducible; pass ``years`` to go further.
LAST_YEAR = 2025
FIRST_YEAR = 1816
SYSTEMS = ("cow", "gw")


def parse_years(years) -> list[int]:
    """``None`` → 1816–:data:`LAST_YEAR`; an int → that year; a 2-tuple ``(first, last)`` → those years
    inclusive; any other iterable of ints (a list, a ``range``) → exactly those years."""
    if years is None:
        return list(range(FIRST_YEAR, LAST_YEAR + 1))
    if isinstance(years, bool):
        raise BadInput(f"years={years!r}: give a year, (first, last) or a range of years.")
    if isinstance(years, int):
        values = [years]
    elif isinstance(years, tuple) and len(years) == 2 and all(isinstance(v, int) for v in years):
        if years[0] > years[1]:
            raise BadInput(f"years={years!r}: (first, last) with first <= last, e.g. (1946, 2010).")
        values = list(range(years[0], years[1] + 1))
    elif isinstance(years, Iterable) and not isinstance(years, (str, bytes)):
        try:
            values = sorted({int(v) for v in years})
        except (TypeError, ValueError):
            raise BadInput(f"years={years!r}: every year must be an integer.") from None
    else:
        raise BadInput(f"years={years!r}: give a year, (first, last) or a range of years.")
    if not values:
        raise BadInput("years is empty: give at least one year.")
    if values[0] < FIRST_YEAR or values[-1] > 2100:
        raise BadInput(f"years run {values[0]}–{values[-1]}; the state system data start in {FIRST_YEAR} "
                       "(and a frame cannot go past 2100).")
    return values


def _year_filter(column: str, values: list[int]) -> str:
    lo, hi = values[0], values[-1]
    if len(values) == hi - lo + 1:
        return f"{column} BETWEEN {lo} AND {hi}"
    return f"{column} IN ({', '.join(str(v) for v in values)})"


def _membership_ctes(system: str, values: list[int]) -> str:
    """CTEs ``_sy`` (code, year, s, e: the days of membership within the year; one row per spell) and
    ``_members`` (code, year, full: member all year), for the requested years."""
    table, code = ("cow_states", "ccode") if system == "cow" else ("gw_states", "gwcode")
    hi = values[-1]
    return f"""
    _list_end AS (SELECT max(CAST(end_date AS DATE)) AS d FROM {table}),
    _spells AS (
        SELECT CAST({code} AS SMALLINT) AS code, CAST(start_date AS DATE) AS st,
               CASE WHEN CAST(end_date AS DATE) = (SELECT d FROM _list_end)
                         AND {hi} > year((SELECT d FROM _list_end))
                    THEN make_date({hi}, 12, 31) ELSE CAST(end_date AS DATE) END AS en
        FROM {table}),
    _sy AS (
        SELECT code, CAST(y AS SMALLINT) AS year,
               greatest(st, make_date(y, 1, 1)) AS s, least(en, make_date(y, 12, 31)) AS e
        FROM (SELECT code, st, en, unnest(generate_series(year(st), year(en))) AS y FROM _spells)
        WHERE {_year_filter('y', values)}),
    _members AS (
        SELECT code, year, bool_or(s = make_date(year, 1, 1) AND e = make_date(year, 12, 31)) AS full
        FROM _sy GROUP BY code, year)"""


def _false_ctes() -> str:
    """CTEs ``_partial`` (state-years of part-year members, one row per spell) and ``_false`` (c1, c2,
    year: both orders of every pair that were members in the year but never on the same day)."""
    return """
    _partial AS (SELECT sy.* FROM _sy sy JOIN _members m USING (code, year) WHERE NOT m.full),
    _false AS (
        SELECT a.code AS c1, b.code AS c2, a.year FROM _partial a JOIN _partial b
            ON a.year = b.year AND a.code <> b.code
        GROUP BY ALL HAVING NOT bool_or(greatest(a.s, b.s) <= least(a.e, b.e)))"""


def membership_sql(system: str, values: list[int], drop_false_dyads: bool = True) -> str:
    """One small query for the fast path (:mod:`entente.frames.engines.numpy`): the members, as rows
    ``(c1 = code, c2 = NULL, year)``, followed by the false dyads ``(c1, c2, year)`` in both orders
    (none if ``drop_false_dyads`` is False). The same CTEs as the SQL universe, so the same rows."""
    false = "SELECT c1, c2, year FROM _false" if drop_false_dyads else "SELECT c1, c2, year FROM _false WHERE false"
    return (f"WITH {_membership_ctes(system, values)},{_false_ctes()}\n"
            f"SELECT code AS c1, CAST(NULL AS SMALLINT) AS c2, year FROM _members UNION ALL {false}")


def _crosswalk_ctes() -> str:
    """CTEs ``_xw`` (gwcode, year, ccode: one COW code per G-W state-year) and ``_xw_last`` (the last
    year's mapping, carried forward past the crosswalk's end)."""
    return """
    _xw_all AS (
        SELECT x.gwcode, CAST(x.year AS SMALLINT) AS year, CAST(x.ccode AS SMALLINT) AS ccode,
               max(CAST(c.end_date AS DATE)) AS last_end
        FROM cow_gw_years x
        LEFT JOIN cow_states c ON c.ccode = x.ccode
             AND x.year BETWEEN year(CAST(c.start_date AS DATE)) AND year(CAST(c.end_date AS DATE))
        WHERE x.gwcode IS NOT NULL AND x.ccode IS NOT NULL
        GROUP BY ALL),
    _xw AS (SELECT gwcode, year, arg_max(ccode, coalesce(last_end, DATE '0001-01-01')) AS ccode
            FROM _xw_all GROUP BY gwcode, year),
    _xw_end AS (SELECT max(year) AS y FROM cow_gw_years),
    _xw_last AS (SELECT gwcode, ccode FROM _xw WHERE year = (SELECT y FROM _xw_end)),
    _gw_ccode AS (
        SELECT m.code, m.year,
               coalesce(x.ccode, CASE WHEN m.year > (SELECT y FROM _xw_end) THEN l.ccode END) AS ccode
        FROM _members m
        LEFT JOIN _xw x ON x.gwcode = m.code AND x.year = m.year
        LEFT JOIN _xw_last l ON l.gwcode = m.code)"""


def _connection(con: Connection):
    return warehouse.connection() if con is None else con


def _check_system(system: str) -> str:
    system = str(system).lower()
    if system not in SYSTEMS:
        raise BadInput(f"system={system!r}: use 'cow' (Correlates of War) or 'gw' (Gleditsch–Ward).")
    return system


def _finish(frame: Frame, add, lazy: bool, as_arrow: bool, dtype_backend: str, engine: str):
    if add:
        frame = frame.add(*([add] if isinstance(add, str) else add))
    if lazy:
        return frame
    return frame.arrow(engine=engine) if as_arrow else frame.df(dtype_backend=dtype_backend, engine=engine)


def dyad_years(system: str = "cow", *, directed: bool = False, years=None, add=(), con: Connection | None = None,
               drop_false_dyads: bool = True, lazy: bool = False, as_arrow: bool = False,
               dtype_backend: str = "numpy_nullable", engine: str = "auto"):
    """Every dyad-year of the state system, optionally with datasets joined on.

    Returns pandas (``ccode1, ccode2, year`` for COW; ``gwcode1, gwcode2, year, ccode1, ccode2`` for
    G-W; ``dtype_backend`` as in pandas' readers: ``"numpy_nullable"`` gives ``Int16``-style columns,
    ``"pyarrow"`` ``int16[pyarrow]`` columns without a copy, much faster for big frames), a pyarrow Table
    with ``as_arrow=True``, or, with ``lazy=True``, a :class:`Frame`: the pipeline
    as SQL, not yet run, to compose further (``frame.add("atop")``, ``add_mids(frame)``) and then
    materialise (``.df()``, ``.arrow()``) or stream to disk (``.to_parquet(path)``, bounded memory; use
    it for the full directed frame, ~2 million rows).

    ``years``: None (1816–2025), a year, ``(first, last)`` or any iterable of years. ``add``: step names
    (``"atop"``, ``"mids"``, ``"rivalry"`` ...; :data:`entente.frames.STEPS`). ``directed``: both orders of
    each pair (True) or one row per pair with ``ccode1 < ccode2`` (False, the default). ``engine``:
    ``"auto"`` (default) builds COW frames with numpy from the same tables, several times faster
    than one DuckDB query (:mod:`entente.frames.engines.numpy`; the same columns, types and values), and
    G-W frames and the trade and arms steps with SQL; ``"sql"`` always uses the DuckDB query,
    ``"numpy"`` insists on the fast path (see :meth:`Frame.arrow`).

    Worked case: Iran (630) and Russia (365) in 1942. The non-directed frame has one row, (365, 630,
    1942); the directed frame has two, (365, 630) and (630, 365). With ATOP added, Russia's row in the
    directed frame shows a defence pledge to Iran and Iran's row none (the 1942 Tripartite Treaty
    obliged the Allies to defend Iran); the non-directed row shows one, since a pledge in either
    direction is an alliance of the pair (peacesciencer's ``ndir = TRUE``).

    Reference: Miller, S. V. (2022) "peacesciencer: An R package for quantitative peace science
    research", *Conflict Management and Peace Science* 39(6): 755–779 (``create_dyadyears()``).
    """
    system = _check_system(system)
    con = _connection(con)
    values = parse_years(years)
    tables = ("cow_states",) if system == "cow" else ("gw_states", "cow_gw_years", "cow_states")
    require(con, "dyad_years", *tables)
    op = "<>" if directed else "<"
    false_filter = """
        ANTI JOIN _false USING (c1, c2, year)""" if drop_false_dyads else ""
    ctes = _membership_ctes(system, values)
    if system == "gw":
        ctes += "," + _crosswalk_ctes()
    sql = f"""
    WITH {ctes},{_false_ctes()},
    _dyads AS (
        SELECT a.code AS c1, b.code AS c2, a.year FROM _members a JOIN _members b
            ON a.year = b.year AND a.code {op} b.code)
    """
    if system == "cow":
        sql += f"SELECT c1 AS ccode1, c2 AS ccode2, year FROM _dyads{false_filter}"
        columns, order = ("ccode1", "ccode2", "year"), ("ccode1", "ccode2", "year")
    else:
        sql += f"""
    SELECT d.c1 AS gwcode1, d.c2 AS gwcode2, d.year, g1.ccode AS ccode1, g2.ccode AS ccode2
    FROM (SELECT * FROM _dyads{false_filter}) d
    JOIN _gw_ccode g1 ON g1.code = d.c1 AND g1.year = d.year
    JOIN _gw_ccode g2 ON g2.code = d.c2 AND g2.year = d.year"""
        columns, order = ("gwcode1", "gwcode2", "year", "ccode1", "ccode2"), ("gwcode1", "gwcode2", "year")
    universe = Universe(system, bool(directed), tuple(values), bool(drop_false_dyads)) if system == "cow" else None
    frame = Frame(con=con, base=sql, unit=DYAD, system=system, directed=bool(directed), columns=columns,
                  tables=tables, order=order, ordered_pairs=system == "cow" and not directed, universe=universe)
    return _finish(frame, add, lazy, as_arrow, dtype_backend, engine)


def state_years(system: str = "cow", *, years=None, add=(),
                con: Connection | None = None, lazy: bool = False, as_arrow: bool = False,
                dtype_backend: str = "numpy_nullable", engine: str = "auto"):
    """Every state-year of the state system (``ccode, statenme, year``; G-W: ``gwcode, statenme, year,
    ccode``), optionally with datasets joined on (``"capabilities"``, ``"majors"``, ``"contiguity"``,
    ``"rivalry"``). Membership and the extension past the list's end as in :func:`dyad_years`.

    State-years (a few tens of thousands of rows) always run as SQL: ``engine="auto"`` and ``"sql"``
    are the same, ``"numpy"`` is refused.

    Reference: Miller (2022), *CMPS* 39(6) (``create_stateyears()``).
    """
    system = _check_system(system)
    con = _connection(con)
    values = parse_years(years)
    table, code = ("cow_states", "ccode") if system == "cow" else ("gw_states", "gwcode")
    tables = (table,) if system == "cow" else ("gw_states", "cow_gw_years", "cow_states")
    require(con, "state_years", *tables)
    ctes = _membership_ctes(system, values)
    names = f"_names AS (SELECT CAST({code} AS SMALLINT) AS code, any_value(statenme) AS statenme FROM {table} GROUP BY 1)"
    if system == "cow":
        sql = f"""WITH {ctes}, {names}
        SELECT m.code AS ccode, n.statenme, m.year FROM _members m JOIN _names n USING (code)"""
        columns, order = ("ccode", "statenme", "year"), ("ccode", "year")
    else:
        sql = f"""WITH {ctes}, {_crosswalk_ctes()}, {names}
        SELECT m.code AS gwcode, n.statenme, m.year, g.ccode FROM _members m JOIN _names n USING (code)
        JOIN _gw_ccode g ON g.code = m.code AND g.year = m.year"""
        columns, order = ("gwcode", "statenme", "year", "ccode"), ("gwcode", "year")
    frame = Frame(con=con, base=sql, unit=STATE, system=system, directed=None, columns=columns, tables=tables,
                  order=order)
    return _finish(frame, add, lazy, as_arrow, dtype_backend, engine)
