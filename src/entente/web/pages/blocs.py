"""The blocs page ``/blocs?year=`` (also ``/blocs.json``, ``.csv``, ``.md``): the UN General Assembly's voting blocs
in one session-year, a world map coloured by them with a year slider, and each bloc's core members.

Also the maps' data: ``/blocs/map.geojson?year=`` (the world of that year, each shape with its state and
bloc: :func:`entente.web.bloc_data.world_map`) and ``/world.geojson?year=`` (the world of that year, each
shape with the COW state drawn on it: :func:`entente.web.world.feature_collection`). The slider is an
``<input type=range>`` in a GET form: with htmx it replaces the page's body and pushes the new address;
without JavaScript the form is sent as it is.
"""

from __future__ import annotations

import json

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from entente import countries
from entente.errors import BadInput
from entente.pictures._style import short
from entente.web import bloc_data, inputs, respond, specs, state_data, world
from entente.web.versioned_cache import rendered, versioned

router = APIRouter()
NAV = ("Blocs", "/blocs", 30)

GEOJSON = "application/geo+json"


def _year(con, year: int | None) -> int:
    first, last = state_data.un_span(con)
    year = last if year is None else year
    if not first <= year <= last:
        raise BadInput(f"year={year} is outside the UN General Assembly years {first}–{last}.")
    return year


def blocs_data_for(request: Request, year: int | None) -> dict:
    """The year's blocs (every voting state), one row per bloc, and the UN span for the slider."""
    wh = request.app.state.warehouse
    with wh.cursor() as con:
        year = _year(con, year)
        first, last = state_data.un_span(con)
        frame = bloc_data.blocs(year, con=con, version=wh.version)
    table = bloc_data.bloc_table(frame)
    return {"year": year, "first": first, "last": last, "modularity": frame.attrs.get("modularity"),
            "blocs": table, "states": frame}


def _labels(table: pd.DataFrame) -> dict[int, str]:
    return {int(b): f"Bloc {int(b)}: {name}" for b, name in zip(table["bloc"], table["name"])}


def _markdown(data: dict) -> str:
    head = [f"# Voting blocs in the UN General Assembly, {data['year']}", "",
            f"Leiden communities of the excess-κ alignment graph (seed 42); modularity {data['modularity']:.2f}.", "",
            "## Blocs", ""]
    return "\n".join(head) + respond.frame_markdown(data["blocs"]) + "\n## States\n\n" + respond.frame_markdown(
        data["states"])


def _html(request: Request, data: dict):
    labels = _labels(data["blocs"])
    colours = specs.bloc_colours(list(labels))
    spec = specs.bloc_map(f"/blocs/map.geojson?year={data['year']}", data["year"], labels)
    states = data["states"].sort_values("strength", ascending=False)
    core = {int(b): [(short(int(c), data["year"]), inputs.url_code(countries.resolve(int(c))))
                     for c in g.loc[g["core"], "ccode"]] for b, g in states.groupby("bloc")}
    rows = [{**r, "colour": colours[int(r["bloc"])], "core_links": core[int(r["bloc"])]}
            for r in data["blocs"].to_dict("records")]
    return respond.render_html(request, "blocs.html.j2", {
        **data, "rows": rows, "map_spec": json.dumps(spec), "base": "/blocs", "query": f"?year={data['year']}",
        "no_vote": specs.NO_VOTE, "not_state": specs.NOT_A_STATE})


def _page(request: Request, fmt: str, year: int | None, section: str):
    if section not in ("blocs", "states"):
        raise BadInput(f"Unknown section {section[:20]!r}; choose blocs or states.")

    def make():
        data = blocs_data_for(request, year)
        return respond.represent(
            fmt,
            html=lambda: _html(request, data),
            json=lambda: respond.json_response(data),
            csv=lambda: respond.csv_response(data[section], f"entente-blocs-{data['year']}-{section}.csv"),
            md=lambda: respond.markdown_response(_markdown(data)),
        )

    return rendered(request, make)


YEAR = Query(None, description="A UN session-year (default: the last one)")
SECTION = Query("blocs", max_length=20, description="The CSV's section: blocs (one row per bloc) or states")


@router.get("/blocs", tags=["pages"], summary="Voting blocs in the UN General Assembly in one year, on a world map")
def blocs_page(request: Request, year: int | None = YEAR, section: str = SECTION):
    return _page(request, "html", year, section)


@router.get("/blocs.{fmt}", tags=["pages"], summary="The blocs page as JSON, CSV or Markdown")
def blocs_as(request: Request, fmt: str, year: int | None = YEAR, section: str = SECTION):
    if fmt not in ("json", "csv", "md"):
        raise BadInput(f"Unknown format {fmt[:10]!r}; choose json, csv or md.")
    return _page(request, fmt, year, section)


def _geojson(value: dict) -> Response:
    return Response(json.dumps(value, separators=(",", ":")), media_type=GEOJSON)


@router.get("/blocs/map.geojson", tags=["pages"], summary="The world of one year as GeoJSON, each shape with its state and bloc")
def blocs_geojson(request: Request, year: int | None = YEAR):
    def make():
        wh = request.app.state.warehouse
        with wh.cursor() as con:
            at = _year(con, year)
            frame = bloc_data.blocs(at, con=con, version=wh.version)
            collection = bloc_data.world_map(at, con=con, version=wh.version)
        return _geojson(_labelled(collection, _labels(bloc_data.bloc_table(frame))))

    return rendered(request, make)


@versioned(maxsize=96)
def _world(year: int, *, con) -> dict:
    return world.feature_collection(year, None, world.capitals(con))


@router.get("/world.geojson", tags=["pages"], summary="The world of one year as GeoJSON, each shape with the COW state drawn on it")
def world_geojson(request: Request, year: int | None = YEAR):
    def make():
        wh = request.app.state.warehouse
        with wh.cursor() as con:
            return _geojson(_world(_year(con, year), con=con, version=wh.version))

    return rendered(request, make)


def _labelled(collection: dict, labels: dict[int, str]) -> dict:
    """The collection with ``properties.label``: the bloc's label, "no vote" or "not a state"."""
    features = []
    for feature in collection["features"]:
        p = feature["properties"]
        label = (labels[p["bloc"]] if p["bloc"] is not None else specs.NO_VOTE if p["ccode"] is not None
                 else specs.NOT_A_STATE)
        features.append({**feature, "properties": {**p, "label": label}})
    return {**collection, "features": features}
