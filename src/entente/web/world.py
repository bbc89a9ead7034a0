"""The world's shapes as GeoJSON for one year, for maps drawn in the browser (Vega-Lite ``geoshape``).

Shapes and the rule that turns a shape into a state for a year are :mod:`entente.pictures.geometry`'s
(Natural Earth 1:110m via world-atlas 2.0.2; historical states drawn on their successors' shapes, see
there). :func:`entente.pictures.geometry.shapes` keeps each shape's rings in one flat list; a GeoJSON
polygon needs them grouped (its outer ring, then its holes: Lesotho is a hole in South Africa), so the
grouping is read from the same bundled TopoJSON file, whose geometries come in the same order.

Rings keep the TopoJSON's winding (world-atlas is made for d3-geo, which Vega uses: outer rings
clockwise on the sphere), not RFC 7946's counter-clockwise: reversed rings would fill the rest of the
globe in d3. Coordinates are rounded to 0.01° (about 1 km; the 1:110m shapes are coarser than that).

Each feature's ``properties``: ``ccode`` (the COW state drawn on the shape that year, or None for a
territory), ``abb``, ``name`` (the state's name that year, or the shape's), ``shape`` (Natural Earth's
name, or None for a dot), ``bloc`` (its UNGA voting bloc that year when ``bloc_of`` is given, else None)
and ``dot`` (True for a Point).

States with no shape at 1:110m (Malta, Singapore, small islands; the GDR and South Yemen, whose land is
inside today's Germany and Yemen) are a **Point** at their capital that year (COW capitals, the spell
covering the year or else the state's last one), as on :func:`entente.pictures.maps.bloc_map`; Vega
draws a Point geometry as a small circle. Shapes come first, then dots by COW code.
"""

from __future__ import annotations

import functools
import json

import pandas as pd

from entente import countries
from entente.catalog import COW_CAPITALS
from entente.errors import UnknownCountry
from entente.pictures import geometry
from entente.sources._reference import WORLD_FILE, WORLD_GEOMETRY

__all__ = ["capitals", "feature_collection", "polygons"]

DIGITS = 2   # 0.01° ≈ 1.1 km at the equator


@functools.cache
def _ring_counts() -> tuple[tuple[int, ...], ...]:
    """For each geometry kept by :func:`geometry.shapes` (Antarctica dropped), the rings of each polygon."""
    topo = json.loads(WORLD_GEOMETRY.path(WORLD_FILE).read_text(encoding="utf-8"))
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") == "010":      # Antarctica, dropped by geometry.shapes() too
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        out.append(tuple(len(polygon) for polygon in polygons))
    return tuple(out)


@functools.cache
def polygons() -> tuple[tuple[geometry.Shape, list], ...]:
    """(shape, GeoJSON MultiPolygon coordinates) for every shape, computed once per process."""
    shapes = geometry.shapes()
    counts = _ring_counts()
    if len(counts) != len(shapes) or any(sum(c) != len(s.rings) for c, s in zip(counts, shapes)):
        raise RuntimeError("The bundled world TopoJSON and geometry.shapes() disagree on the rings of a shape.")
    out = []
    for shape, per_polygon in zip(shapes, counts):
        rings = [[[round(float(x), DIGITS), round(float(y), DIGITS)] for x, y in ring] for ring in shape.rings]
        coords, at = [], 0
        for n in per_polygon:
            coords.append(rings[at:at + n])
            at += n
        out.append((shape, coords))
    return tuple(out)


def _label(ccode: int | None, year: int, shape: geometry.Shape) -> tuple[str | None, str]:
    if ccode is None:
        return None, shape.name
    try:
        return countries.resolve(ccode).abb, countries.name(ccode, year)
    except UnknownCountry:
        return None, shape.name


def capitals(con) -> pd.DataFrame:
    """COW capitals: ccode, start, end (years; NaN when open), lon, lat, read from the warehouse."""
    caps = con.execute(f"SELECT ccode, start_date, end_date, lat, lng FROM {COW_CAPITALS} ORDER BY ccode, start_date").df()
    return pd.DataFrame({"ccode": caps["ccode"].astype(int), "start": pd.to_datetime(caps["start_date"]).dt.year,
                         "end": pd.to_datetime(caps["end_date"]).dt.year, "lon": caps["lng"].astype(float),
                         "lat": caps["lat"].astype(float)})


def _capital(caps: pd.DataFrame, ccode: int, year: int) -> tuple[float, float] | None:
    rows = caps[caps["ccode"] == ccode]
    if rows.empty:
        return None
    covering = rows[(rows["start"].fillna(-1e9) <= year) & (rows["end"].fillna(1e9) >= year)]
    row = (covering if len(covering) else rows).iloc[-1]
    return round(float(row["lon"]), DIGITS), round(float(row["lat"]), DIGITS)


def feature_collection(year: int, bloc_of: dict[int, int] | None = None, caps: pd.DataFrame | None = None) -> dict:
    """A GeoJSON FeatureCollection of the world in ``year`` (properties: see the module docstring).

    With ``bloc_of`` (ccode → bloc, the states that voted that year), a shape is drawn as its own state
    if that state voted, else as its predecessor if that one voted (``geometry.state_of_shape`` with
    ``present`` = the voters); without, as the state that was a member of the COW system that year.
    With ``caps`` (:func:`capitals`), the states of that set that no shape shows are added as dots.
    """
    present = set(bloc_of) if bloc_of is not None else None
    features, drawn = [], set()
    for shape, coords in polygons():
        state = geometry.state_of_shape(shape, year, present)
        abb, name = _label(state, year, shape)
        bloc = bloc_of.get(state) if bloc_of is not None and state is not None else None
        if state is not None and (present is None or state in present):
            drawn.add(state)
        features.append({"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": coords},
                         "properties": {"ccode": state, "abb": abb, "name": name, "shape": shape.name,
                                        "bloc": bloc, "dot": False}})
    if caps is not None:
        wanted = present if present is not None else set(countries.states(year)["ccode"].astype(int))
        for ccode in sorted(wanted - drawn):
            point = _capital(caps, ccode, year)
            if point is None:
                continue
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": list(point)},
                             "properties": {"ccode": ccode, "abb": countries.resolve(ccode).abb,
                                            "name": countries.name(ccode, year), "shape": None,
                                            "bloc": bloc_of.get(ccode) if bloc_of is not None else None,
                                            "dot": True}})
    return {"type": "FeatureCollection", "features": features}
