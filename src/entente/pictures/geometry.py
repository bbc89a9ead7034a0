"""World geometry for maps, offline: Natural Earth 1:110m countries, keyed to COW states by year.

Provenance
----------
``entente/data/world/countries-110m.json`` is ``countries-110m.json`` from the npm package
**world-atlas 2.0.2** (Mike Bostock, https://github.com/topojson/world-atlas), copied unchanged
(sha256 ``2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8``, 107,761 bytes). It is
**Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries, version 4.1.0**, converted to TopoJSON
(quantised, shared arcs). Natural Earth is in the public domain; world-atlas is under the ISC licence
(its notice is in ``data/world/LICENSE-world-atlas``). Cite: Natural Earth (2018). "Admin 0 –
Countries, 1:110m, version 4.1.0." https://www.naturalearthdata.com/; via world-atlas 2.0.2
(Bostock 2019). Nothing is downloaded: the file ships inside the package.

From shapes to states
---------------------
Each of the 177 shapes carries an ISO 3166-1 numeric id (three carry none: Kosovo, Somaliland,
N. Cyprus, matched by name). The id goes through countrycode's table (``iso3n`` → ``iso3c``) and
:func:`entente.countries.resolve` (``iso:XXX``) to a COW state; Antarctica is dropped. Rules:

* **Not a state.** Territories (Greenland, Puerto Rico, Western Sahara, New Caledonia, the Falklands,
  French Southern Lands), Palestine and N. Cyprus have no COW code: they are drawn grey. Somaliland, which COW
  counts as part of Somalia, is drawn as Somalia (520).
* **A state with no shape.** At 1:110m, microstates and small islands (Malta, Singapore, Bahrain,
  Andorra, most of the Caribbean and the Pacific) have no polygon; maps draw them as a small dot at
  their capital (COW capitals) so that every voting state appears, and :func:`shapes` lists none.
* **Historical states.** A shape is today's country. In a year when its own state has no data (on
  maps: cast no UN vote; by default: is not in the COW system), it is drawn as the state that then
  held the territory, from :data:`PREDECESSORS`: the other fourteen Soviet republics as the USSR (365,
  also Russia's code) until they vote on their own, Czechia and Slovakia as Czechoslovakia (315),
  the former Yugoslav republics and Kosovo as Yugoslavia (345), Germany as the German Federal
  Republic (260, which voted from 1973 to 1989), Yemen as the Yemen Arab Republic (678), Eritrea as
  Ethiopia (530), South Sudan as Sudan (625), Bangladesh as Pakistan (770). Ukraine and Belarus keep
  their own colour: they held their own UN seats from 1945. The German Democratic Republic (265)
  and South Yemen (680) had UN seats but no shape of their own (their land is inside Germany's and
  Yemen's shapes), so maps draw them as a dot at their capital. Today's borders are used for every
  year: 1:110m has no historical borders.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from entente import countries, warehouse
from entente.sources._reference import WORLD_FILE, WORLD_GEOMETRY
from entente.errors import UnknownCountry

__all__ = ["PREDECESSORS", "SOURCE_NOTE", "Shape", "outline", "project", "projected_rings", "shapes", "state_of_shape"]

SOURCE_NOTE = "Borders: Natural Earth 1:110m v4.1.0 (public domain), via world-atlas 2.0.2"

_SOVIET = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA", "TJK", "TKM", "UKR", "UZB")
_YUGOSLAV = ("HRV", "SVN", "BIH", "MKD", "MNE", "XKX")
#: ISO3 of a shape → the COW state drawn on it in years when the shape's own state is not a member.
PREDECESSORS: dict[str, int] = {
    **{iso: 365 for iso in _SOVIET}, **{iso: 345 for iso in _YUGOSLAV},
    "CZE": 315, "SVK": 315, "DEU": 260, "YEM": 678, "ERI": 530, "SSD": 625, "BGD": 770,
}
_BY_NAME = {"Kosovo": "XKX", "Somaliland": "SOM"}  # shapes without an ISO id that COW counts
_DROP = {"010"}                                      # Antarctica


@dataclass(frozen=True)
class Shape:
    """One country outline: its ISO3 code (None if not a state), own COW code, name and rings (lon, lat)."""

    iso3: str | None
    ccode: int | None
    name: str
    rings: tuple[np.ndarray, ...]


def _decode_arcs(topo: dict) -> list[np.ndarray]:
    """Delta-decoded, de-quantised arcs of a TopoJSON topology, as (n, 2) lon/lat arrays."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        out.append(np.column_stack([xy[:, 0] * sx + tx, xy[:, 1] * sy + ty]))
    return out


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    """Join arcs into one ring; a negative index ``~i`` is arc ``i`` reversed (TopoJSON spec)."""
    parts = []
    for k, i in enumerate(indices):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if k == 0 else arc[1:])
    return np.concatenate(parts)


@functools.cache
def _iso3_of_numeric() -> dict[str, str]:
    codes = warehouse.connection().execute(
        "SELECT iso3n, iso3c FROM country_codes WHERE iso3n IS NOT NULL AND iso3c IS NOT NULL").df()
    return {f"{int(n):03d}": str(c) for n, c in zip(codes["iso3n"], codes["iso3c"])}


def _ccode_of(iso3: str) -> int | None:
    try:
        return countries.resolve(f"iso:{iso3}").ccode
    except UnknownCountry:
        return None


@functools.cache
def shapes() -> tuple[Shape, ...]:
    """Every shape of the bundled 1:110m world but Antarctica, with its own COW state (None if none)."""
    path = WORLD_GEOMETRY.path(WORLD_FILE)   # the bundled file, its sha256 checked
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    iso_of = _iso3_of_numeric()
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        gid, name = geom.get("id"), geom["properties"]["name"]
        if gid in _DROP:
            continue
        iso3 = iso_of.get(gid) if gid else _BY_NAME.get(name)
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = tuple(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        ccode = _ccode_of(iso3) if iso3 else None
        out.append(Shape(iso3 if ccode is not None else None, ccode, name, rings))
    return tuple(out)


def state_of_shape(shape: Shape, year: int, present: set[int] | None = None) -> int | None:
    """The COW state drawn on ``shape`` in ``year``.

    Its own state if that state is ``present`` (the states with data that year, e.g. those that voted),
    else its predecessor from :data:`PREDECESSORS` if that one is present, else its own state (drawn
    as a state without data). Without ``present``, "present" means a member of the COW system that year.
    """
    if shape.ccode is None:
        return None
    here = (lambda c: c in present) if present is not None else (lambda c: countries.is_member(c, year))
    if here(shape.ccode):
        return shape.ccode
    before = PREDECESSORS.get(shape.iso3 or "")
    return before if before is not None and here(before) else shape.ccode


# Equal Earth projection (Šavrič, Patterson & Jenny 2019, IJGIS 33:3): equal-area, pleasant shapes.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def project(lonlat: np.ndarray) -> np.ndarray:
    """Equal Earth x, y (unit sphere) of an (n, 2) array of longitude, latitude in degrees."""
    lam, phi = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    theta = np.arcsin(_M * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * np.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return np.column_stack([x, y])


def projected_rings(shape: Shape) -> list[np.ndarray]:
    """The shape's rings in Equal Earth, ready to draw inside :func:`outline` (as a clip path).

    A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is unwrapped so that it is
    continuous, and drawn twice, shifted by 360°, so each half shows on its own side of the map once
    the drawing is clipped to the world's outline.
    """
    out = []
    for ring in shape.rings:
        lon = np.degrees(np.unwrap(np.radians(ring[:, 0])))
        if lon.max() - lon.min() > 180:      # unwrap cannot help a ring that circles a pole
            lon = ring[:, 0]
        for shift in (0.0, -360.0, 360.0):
            moved = lon + shift
            if moved.max() > -180 and moved.min() < 180:
                out.append(project(np.column_stack([moved, ring[:, 1]])))
    return out


def outline(steps: int = 181) -> np.ndarray:
    """The edge of the Equal Earth world (longitude ±180°) as a closed ring."""
    lat = np.linspace(-90, 90, steps)
    east = project(np.column_stack([np.full(steps, 180.0), lat]))
    west = project(np.column_stack([np.full(steps, -180.0), lat[::-1]]))
    return np.concatenate([east, west])
