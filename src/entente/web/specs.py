"""Vega-Lite specs for the state, blocs and axis pages: one function per chart, each returning a dict.

The browser draws them (``static/charts.js`` with the vendored Vega-Embed); the server only writes the
spec. Maps use Vega's Equal Earth projection (Šavrič, Patterson & Jenny 2019), as the PNG/SVG maps of
:mod:`entente.pictures.maps` do, and read the world's GeoJSON from a URL of the app (see
:mod:`entente.web.world`), so the browser caches it once per year. Colours are the pictures' palette
(Paul Tol's, colour-blind safe: ``entente.pictures._style``).
"""

from __future__ import annotations

import math

from entente.pictures._style import BLOC_COLOURS, NO_DATA, NOT_STATE, OTHER_BLOC

__all__ = ["axis_chart", "bloc_colours", "bloc_map", "state_map"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
HIGHLIGHT = "#CC3311"
ALLY = "#0077BB"
RIVAL = "#EE7733"
OTHER = "#dddddd"
NO_VOTE = "No UN General Assembly vote this year"
NOT_A_STATE = "Not a state in the COW list"


def bloc_colours(blocs: list[int]) -> dict[int, str]:
    """bloc → colour, in bloc order (the pictures' palette, grey beyond it)."""
    return {b: BLOC_COLOURS[i] if i < len(BLOC_COLOURS) else OTHER_BLOC for i, b in enumerate(sorted(blocs))}


def _geo(url: str, title: str, description: str) -> dict:
    return {"$schema": SCHEMA, "description": description, "title": {"text": title, "anchor": "start"},
            "width": "container", "height": "container", "autosize": {"type": "fit", "contains": "padding"},
            "data": {"url": url, "format": {"type": "json", "property": "features"}},
            "projection": {"type": "equalEarth"}}


def bloc_map(url: str, year: int, labels: dict[int, str]) -> dict:
    """The world in ``year`` coloured by voting bloc. ``url``: GeoJSON whose features carry
    ``properties.label`` (``"Bloc 1: …"``, :data:`NO_VOTE` or :data:`NOT_A_STATE`); ``labels``: bloc → label."""
    colours = bloc_colours(list(labels))
    domain = [labels[b] for b in sorted(labels)] + [NO_VOTE, NOT_A_STATE]
    palette = [colours[b] for b in sorted(labels)] + [NO_DATA, NOT_STATE]
    spec = _geo(url, f"UN voting blocs, {year}",
                f"World map of {year}: each state coloured by its UNGA voting bloc (Leiden, seed 42).")
    spec["mark"] = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4}
    spec["encoding"] = {
        "color": {"field": "properties.label", "type": "nominal", "scale": {"domain": domain, "range": palette},
                  "legend": None},
        "tooltip": [{"field": "properties.name", "title": "State"}, {"field": "properties.label", "title": "Bloc"}],
    }
    return spec


def state_map(url: str, year: int, name: str, ccode: int, allies: list[int], rivals: list[int]) -> dict:
    """The world in ``year`` with the state, its ATOP allies and its rivals coloured (a rival that is also
    an ally is drawn as a rival)."""
    roles = [name, "ATOP ally", "Strategic rival", "Other states", NOT_A_STATE]
    role = (f"datum.properties.ccode == {int(ccode)} ? {_js(name)} : "
            f"indexof({sorted(set(rivals))}, datum.properties.ccode) >= 0 ? 'Strategic rival' : "
            f"indexof({sorted(set(allies))}, datum.properties.ccode) >= 0 ? 'ATOP ally' : "
            f"datum.properties.ccode == null ? {_js(NOT_A_STATE)} : 'Other states'")
    spec = _geo(url, f"{name}, its allies and rivals, {year}",
                f"World map of {year}: {name}, the states it has ATOP obligations with, and its strategic rivals.")
    spec["transform"] = [{"calculate": role, "as": "role"}]
    spec["mark"] = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4}
    spec["encoding"] = {
        "color": {"field": "role", "type": "nominal",
                  "scale": {"domain": roles, "range": [HIGHLIGHT, ALLY, RIVAL, OTHER, NOT_STATE]},
                  "legend": {"orient": "bottom", "title": None, "columns": 2, "labelLimit": 200}},
        "tooltip": [{"field": "properties.name", "title": "State"}, {"field": "role", "title": "Relation"}],
    }
    return spec


def _js(text: str) -> str:
    """A Vega expression string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def axis_chart(rows: list[dict], group: str) -> dict:
    """The group's mean within-group κ per year against the 90 % band and mean of random groups.

    ``rows``: year, kappa, base_mean, base_lo, base_hi (from :func:`entente.network.axis`).
    """
    values = [{k: _clean(r[k]) for k in ("year", "kappa", "base_mean", "base_lo", "base_hi")} for r in rows]
    x = {"field": "year", "type": "quantitative", "title": "UN session-year", "axis": {"format": "d"}}
    return {
        "$schema": SCHEMA,
        "title": {"text": "Cohesion in the UN General Assembly", "subtitle": group, "anchor": "start"},
        "description": "Mean Cohen's kappa within the group per year; grey band: 90% of 1,000 region-matched "
                       "random groups of the same size; dashed: their mean.",
        "width": "container", "height": 260, "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "area", "color": "#bbbbbb", "opacity": 0.45},
             "encoding": {"x": x, "y": {"field": "base_lo", "type": "quantitative", "title": "Cohen's κ"},
                          "y2": {"field": "base_hi"}}},
            {"mark": {"type": "line", "color": "#777777", "strokeDash": [4, 3]},
             "encoding": {"x": x, "y": {"field": "base_mean", "type": "quantitative"}}},
            {"mark": {"type": "line", "color": HIGHLIGHT, "point": True},
             "encoding": {"x": x, "y": {"field": "kappa", "type": "quantitative"},
                          "tooltip": [{"field": "year", "title": "Year"},
                                      {"field": "kappa", "title": "Group κ", "format": ".2f"},
                                      {"field": "base_mean", "title": "Random groups' mean", "format": ".2f"}]}},
        ],
    }
