"""Geography per dyad-year: COW direct contiguity, capital-to-capital distance, minimum border distance.

All three are symmetric, so directed and non-directed frames get the same value for a pair.
"""

from __future__ import annotations

from entente.frames._registry import DYAD, register
from entente.frames.plan import PAIR, STATE_KEY, attach, check_coverage, give_back, prepare, require, span
from entente.store import Connection

#: Earth radius used for capital distances, km: the WGS84 semi-major axis, geosphere's default for
#: ``distVincentySphere`` (what peacesciencer's ``add_capital_distance()`` calls).
EARTH_RADIUS_KM = 6378.137

_DATE_YEARS = ("year(CAST(start_date AS DATE))", "year(CAST(end_date AS DATE))")


def _contiguity_years() -> str:
    """(c1 < c2, year, conttype): the closest contiguity in force in any part of the year, 0 if none."""
    return """
    SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, CAST(year AS SMALLINT) AS year,
           CAST(coalesce(min(conttype) FILTER (WHERE conttype > 0), 0) AS SMALLINT) AS conttype
    FROM (SELECT ccode1, ccode2, conttype,
                 unnest(generate_series(year(CAST(start_date AS DATE)), year(CAST(end_date AS DATE)))) AS year
          FROM cow_contiguity)
    GROUP BY ALL"""


@register("contiguity", "COW contiguity 3.2: conttype (1 land ... 5 up to 400 miles of water, 0 none)",
          state="COW contiguity 3.2: cont_land, cont_sea (neighbours by land, by up to 400 miles of water)",
          aliases=("contig",))
def add_contiguity(frame, *, con: Connection | None = None, coverage=None):
    """Add COW direct contiguity v3.2: ``conttype`` for dyad-years; ``cont_land`` and ``cont_sea`` (number
    of states contiguous by land, and by up to 400 miles of water) for state-years.

    ``conttype``: 1 land border; 2 separated by ≤ 12 miles of water; 3 ≤ 24; 4 ≤ 150; 5 ≤ 400; 0 not
    contiguous. It is the *closest* relationship in force in any part of the year (the master records
    overlap in a year the relationship changed). As in peacesciencer, 0 is "not contiguous by COW's
    definition", not a sixth, more distant category: some pairs COW codes 0 are a few hundred metres
    apart (Zimbabwe–Namibia); see :func:`add_minimum_distance`. Where the records hold both a
    "no contiguity" row (peacesciencer's added ``conttype = 0``) and a contiguity row for one year (a
    relationship that began or ended that year: 720 non-directed dyad-years, e.g. Colombia–Nicaragua
    1928), the contiguity wins, as for membership (any day of the year counts); peacesciencer's
    ``min()`` gives 0 there. Coverage: the master records' first and
    last years (1816–2016); NULL after. Reference: Stinnett et al. (2002) *CMPS* 19(2): 58–66.
    """
    step = "add_contiguity"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_contiguity")
    years = check_coverage(coverage, step) or span(frame.con, "cow_contiguity", *_DATE_YEARS)
    if frame.unit == DYAD:
        out = attach(frame, "contiguity", years, _contiguity_years(), PAIR,
                     [("conttype", "coalesce(r.conttype, 0)")], ["cow_contiguity"])
    else:
        rhs = f"""
        SELECT ccode, year, CAST(count(*) FILTER (WHERE conttype = 1) AS SMALLINT) AS land,
               CAST(count(*) FILTER (WHERE conttype BETWEEN 2 AND 5) AS SMALLINT) AS sea
        FROM (SELECT c1 AS ccode, year, conttype FROM ({_contiguity_years()}) UNION ALL
              SELECT c2 AS ccode, year, conttype FROM ({_contiguity_years()}))
        GROUP BY ALL"""
        out = attach(frame, "contiguity", years, rhs, STATE_KEY,
                     [("cont_land", "coalesce(r.land, 0)"), ("cont_sea", "coalesce(r.sea, 0)")], ["cow_contiguity"])
    return give_back(out, kind)


def _capital_years() -> str:
    """(ccode, year, lat, lng and their sines and cosines): the capital in force at the start of the
    year (of the state's membership)."""
    return """
    SELECT ccode, year, lat, lng, sin(radians(lat)) AS sphi, cos(radians(lat)) AS cphi,
           sin(radians(lng)) AS slam, cos(radians(lng)) AS clam
    FROM (SELECT ccode, CAST(year AS SMALLINT) AS year, arg_min(lat, st) AS lat, arg_min(lng, st) AS lng
          FROM (SELECT ccode, lat, lng, CAST(start_date AS DATE) AS st,
                       unnest(generate_series(year(CAST(start_date AS DATE)), year(CAST(end_date AS DATE)))) AS year
                FROM cow_capitals)
          GROUP BY ALL)"""


def great_circle_sql(a: str, b: str, radius: float = EARTH_RADIUS_KM) -> str:
    """SQL for the great-circle distance in km between rows aliased ``a`` and ``b`` of
    :func:`_capital_years`: Vincenty's formula on a sphere (exact for antipodes and for tiny
    distances, unlike the plain law of cosines), with the sines and cosines of each capital's latitude
    and longitude computed once per capital-year, and those of the longitude difference from them."""
    sdl = f"({b}.slam * {a}.clam - {b}.clam * {a}.slam)"  # sin(lng2 - lng1)
    cdl = f"({b}.clam * {a}.clam + {b}.slam * {a}.slam)"  # cos(lng2 - lng1)
    num = (f"sqrt(pow({b}.cphi * {sdl}, 2) + "
           f"pow({a}.cphi * {b}.sphi - {a}.sphi * {b}.cphi * {cdl}, 2))")
    den = f"{a}.sphi * {b}.sphi + {a}.cphi * {b}.cphi * {cdl}"
    return f"({radius} * atan2({num}, {den}))"


@register("capital_distance", "capdist: km between the capitals in force at the start of the year",
          aliases=("capdist",))
def add_capital_distance(frame, *, con: Connection | None = None, coverage=None):
    """Add ``capdist``: great-circle distance in km between the two capitals in force that year.

    Capitals and their moves come from ``cow_capitals`` (latitude/longitude, to 2024). In a year a
    capital moved, the capital in force at the start of the year is used (the earliest-starting of
    those in force that year), as peacesciencer does: Russia–Iran in 1918 is measured from Saint
    Petersburg, from 1919 from Moscow. The distance is Vincenty's formula on a sphere of radius
    6378.137 km, as geosphere's ``distVincentySphere`` (peacesciencer). NULL after the capitals data
    end (the list runs to 2024, so 2025 is NULL) and for a state with no capital listed that year.
    Reference: Miller (2022) *CMPS* 39(6) (``add_capital_distance()``).
    """
    step = "add_capital_distance"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_capitals")
    years = check_coverage(coverage, step) or span(frame.con, "cow_capitals", *_DATE_YEARS)
    out = attach(frame, "capital_distance", years, _capital_years(), STATE_KEY,
                 [("capdist", great_circle_sql("r1", "r2"))], ["cow_capitals"])
    return give_back(out, kind)


@register("minimum_distance", "CShapes 2.0: mindist, km between the borders on 1 January", aliases=("mindist",))
def add_minimum_distance(frame, *, con: Connection | None = None, coverage=None):
    """Add ``mindist``: minimum distance in km between the two states' borders on 1 January (CShapes
    2.0, 1886–2019). NULL where the table has no row (a state not in CShapes on 1 January, e.g. one
    that became independent later that year) and outside the coverage. Symmetric.
    Reference: Schvitz et al. (2022) *Journal of Conflict Resolution* 66(1).
    """
    step = "add_minimum_distance"
    frame, kind = prepare(frame, con, step)
    require(frame.con, step, "cow_mindist_dyad_year")
    years = check_coverage(coverage, step) or span(frame.con, "cow_mindist_dyad_year")
    rhs = ("SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, year, min(mindist) AS mindist "
           "FROM cow_mindist_dyad_year GROUP BY ALL")
    out = attach(frame, "minimum_distance", years, rhs, PAIR, [("mindist", "r.mindist")], ["cow_mindist_dyad_year"])
    return give_back(out, kind)
