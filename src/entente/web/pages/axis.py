"""The axis page ``/axis?states=IRN,RUS,CHN,PRK&from=&to=`` (also ``/axis.json``, ``.csv``, ``.md``): is a group of
states an "axis"? Its cohesion in the UN General Assembly year by year against region-matched random groups,
its formal ties and shared adversaries (:func:`entente.network.axis`, via :mod:`entente.web.axis_data`).

``from`` defaults to 1990, ``to`` to the last UN session-year.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Query, Request

from entente import countries
from entente.errors import BadInput
from entente.web import axis_data, inputs, respond, specs, state_data
from entente.web.versioned_cache import rendered

router = APIRouter()
NAV = ("Axis", "/axis", 40)

DEFAULT_STATES = "IRN,RUS,CHN,PRK"
DEFAULT_FROM = 1990


def axis_data_for(request: Request, states: str, start: int | None, end: int | None) -> dict:
    """The group's rows (:data:`entente.web.axis_data.COLUMNS`) and how they were made."""
    if len(states) > 400:
        raise BadInput("The list of states is too long; give at most "
                       f"{axis_data.MAX_STATES} codes separated by commas.")
    for part in states.replace(",", " ").split():
        inputs.state(part)        # the address's rules for a state, before resolving the group
    codes = axis_data.parse_states(states)
    wh = request.app.state.warehouse
    with wh.cursor() as con:
        first, last = state_data.un_span(con)
        start = DEFAULT_FROM if start is None else start
        end = last if end is None else end
        for label, value in (("from", start), ("to", end)):
            if not first <= value <= last:
                raise BadInput(f"{label}={value} is outside the UN General Assembly years {first}–{last}.")
        if start > end:
            raise BadInput(f"from={start} is after to={end}; give the earlier year first.")
        frame = axis_data.axis(codes, start, end, con=con, version=wh.version)
    members = [{"ccode": c, "abb": countries.resolve(c).abb, "name": countries.name(c, end),
                "code": inputs.url_code(countries.resolve(c))} for c in codes]
    rows = frame[axis_data.COLUMNS]
    return {"states": members, "from": start, "to": end, "draws": frame.attrs["draws"], "seed": frame.attrs["seed"],
            "mix": frame.attrs["mix"], "coverage": frame.attrs["coverage"], "years": rows,
            "above_90": int(rows["above_90"].sum()), "n_years": len(rows)}


def _group(data: dict) -> str:
    return ", ".join(m["code"] for m in data["states"])


def _markdown(data: dict) -> str:
    head = [f"# Is {_group(data)} an axis? UN General Assembly cohesion, {data['from']}–{data['to']}", "",
            (f"Mean within-group Cohen's κ against {data['draws']:,} region-matched random groups (seed "
            f"{data['seed']}); above the random groups' 90th percentile in {data['above_90']} of "
            f"{data['n_years']} years."), ""]
    return "\n".join(head) + respond.frame_markdown(data["years"])


def _html(request: Request, data: dict):
    rows = data["years"].to_dict("records")
    spec = specs.axis_chart(rows, _group(data))
    query = f"?states={','.join(m['code'] for m in data['states'])}&from={data['from']}&to={data['to']}"
    return respond.render_html(request, "axis.html.j2", {
        **data, "rows": rows[::-1], "chart_spec": json.dumps(spec), "group": _group(data), "base": "/axis",
        "query": query, "states_text": ",".join(m["code"] for m in data["states"])})


def _page(request: Request, fmt: str, states: str, start: int | None, end: int | None):
    def make():
        data = axis_data_for(request, states, start, end)
        name = "-".join(m["code"] for m in data["states"])
        return respond.represent(
            fmt,
            html=lambda: _html(request, data),
            json=lambda: respond.json_response(data),
            csv=lambda: respond.csv_response(data["years"], f"entente-axis-{name}-{data['from']}-{data['to']}.csv"),
            md=lambda: respond.markdown_response(_markdown(data)),
        )

    return rendered(request, make)


STATES = Query(DEFAULT_STATES, max_length=400, description="Two to twelve states, by code or name, separated by commas")
FROM = Query(None, alias="from", description="First UN session-year (default 1990)")
TO = Query(None, alias="to", description="Last UN session-year (default: the last one)")


@router.get("/axis", tags=["pages"], summary="A group's cohesion in the UN General Assembly against random groups")
def axis_page(request: Request, states: str = STATES, start: int | None = FROM, end: int | None = TO):
    return _page(request, "html", states, start, end)


@router.get("/axis.{fmt}", tags=["pages"], summary="The axis page as JSON, CSV or Markdown")
def axis_as(request: Request, fmt: str, states: str = STATES, start: int | None = FROM, end: int | None = TO):
    if fmt not in ("json", "csv", "md"):
        raise BadInput(f"Unknown format {fmt[:10]!r}; choose json, csv or md.")
    return _page(request, fmt, states, start, end)
