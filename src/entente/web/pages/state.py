"""The state page ``/state/{code}?year=&from=&to=`` (also ``.json``, ``.csv``, ``.md``): one state's closest and
furthest UN partners year by year, its ATOP allies and strategic rivals in ``year``, its voting bloc over the
window, and a small map of them. The data is :mod:`entente.web.state_data`; the map's spec
:func:`entente.web.specs.state_map`.

``year`` defaults to the last UN session-year, ``to`` to ``year`` and ``from`` to ``to`` − 14 (fifteen years:
the bloc history is computed for every state over the window, about 0.1 s a year on first use).
Finished answers are kept per address and data version (:func:`entente.web.versioned_cache.rendered`).
The CSV is one section: ``?section=partners`` (the default), ``allies``, ``rivals`` or ``blocs``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from entente import countries
from entente.errors import BadInput
from entente.web import inputs, respond, specs, state_data
from entente.web.versioned_cache import rendered

router = APIRouter()

DEFAULT_SPAN = 15
SECTIONS = ("partners", "allies", "rivals", "blocs")


def _years(con, year: int | None, start: int | None, end: int | None) -> tuple[int, int, int]:
    first, last = state_data.un_span(con)
    year = last if year is None else year
    end = min(year, last) if end is None else end
    start = max(first, end - DEFAULT_SPAN + 1) if start is None else start
    state_data.check_window(year, start, end, con)
    return year, start, end


def state_data_for(request: Request, st: countries.State, year: int | None, start: int | None,
                   end: int | None) -> dict:
    """Everything the page shows, as frames and plain values (every format is made from this)."""
    wh = request.app.state.warehouse
    with wh.cursor() as con:
        year, start, end = _years(con, year, start, end)
        state_data.state_votes(st.ccode, start, end, con)
        kw = {"con": con, "version": wh.version}
        partners = state_data.partners_by_year(st.ccode, start, end, **kw)
        allies = state_data.allies(st.ccode, year, **kw)
        rivals = state_data.rivals(st.ccode, year, **kw)
        history = state_data.bloc_history(st.ccode, start, end, **kw)
    name = countries.name(st.ccode, year)
    return {"state": {"ccode": st.ccode, "abb": st.abb, "iso3": st.iso3, "name": name, "label": st.label,
                      "code": inputs.url_code(st)},
            "year": year, "from": start, "to": end,
            "partners": partners, "allies": allies, "rivals": rivals, "blocs": history,
            "notes": _notes(allies, rivals, year)}


def _notes(allies: pd.DataFrame, rivals: pd.DataFrame, year: int) -> list[str]:
    notes = []
    if allies.attrs.get("year") != year:
        notes.append(f"ATOP ends in {allies.attrs['last']}: allies are those of {allies.attrs['year']}.")
    if rivals.attrs.get("year") != year:
        notes.append(f"The rivalry datasets end in {rivals.attrs['last']}: rivals are those of {rivals.attrs['year']}.")
    return notes


def _by_year(partners: pd.DataFrame) -> list[dict]:
    """One row per year: the closest and the furthest partners with their κ, for the HTML table."""
    rows = []
    for year, group in partners.groupby("year", sort=False):
        row = {"year": int(year)}
        for side in ("closest", "furthest"):
            part = group[group["side"] == side]
            row[side] = [{"ccode": int(c), "name": n, "kappa": float(k)}
                         for c, n, k in zip(part["ccode"], part["name"], part["kappa"])]
        rows.append(row)
    return rows[::-1]     # latest first


def _markdown(data: dict) -> str:
    s = data["state"]
    parts = [f"# {s['name']} ({s['code']}): partners, allies, rivals and blocs, {data['from']}–{data['to']}", ""]
    parts += [f"- {note}" for note in data["notes"]]
    sections = (((f"Closest and furthest UN partners by year (Cohen's κ, at least {state_data.MIN_VOTES} shared "
                 "votes)"), data["partners"]),
                (f"ATOP allies, {data['allies'].attrs.get('year', data['year'])}", data["allies"]),
                (f"Strategic rivals, {data['rivals'].attrs.get('year', data['year'])}", data["rivals"]),
                ("Voting bloc by year (Leiden, labels matched across years)", data["blocs"]))
    for title, frame in sections:
        parts += ["", f"## {title}", "", respond.frame_markdown(frame).rstrip()]
    return "\n".join(parts) + "\n"


def _section(data: dict, section: str) -> pd.DataFrame:
    if section not in SECTIONS:
        raise BadInput(f"Unknown section {section[:20]!r}; choose one of {', '.join(SECTIONS)}.")
    return data[section]


def _html(request: Request, data: dict):
    s = data["state"]
    url = f"/world.geojson?year={data['year']}"
    spec = specs.state_map(url, data["year"], s["name"], s["ccode"], data["allies"]["ccode"].tolist(),
                           data["rivals"]["ccode"].tolist())
    query = f"?year={data['year']}&from={data['from']}&to={data['to']}"
    everyone = {*data["partners"]["ccode"], *data["allies"]["ccode"], *data["rivals"]["ccode"]}
    codes = {int(c): inputs.url_code(countries.resolve(int(c))) for c in everyone}
    return respond.render_html(request, "state.html.j2", {"codes": codes,
        **data, "by_year": _by_year(data["partners"]), "map_spec": json.dumps(spec),
        "query": query, "base": f"/state/{s['code']}",
        "min_votes": state_data.MIN_VOTES, "sections": SECTIONS})


@router.get("/state/{code}", summary="A state's partners, allies, rivals and voting blocs", tags=["pages"],
            response_description="The page (HTML), or its JSON, CSV (one section) or Markdown with a suffix: "
                                 "/state/IRN.json")
def state_page(request: Request, code: str,
               year: int | None = Query(None, description="The year of allies, rivals and the map (default: the "
                                                          "last UN session-year)"),
               start: int | None = Query(None, alias="from", description="First year of the partners and blocs"),
               end: int | None = Query(None, alias="to", description="Last year of the partners and blocs"),
               section: str = Query("partners", max_length=20, description="The CSV's section: "
                                                                            + ", ".join(SECTIONS))) -> Response:
    text, fmt = inputs.split_format(code)
    st = inputs.state(text)
    if text != inputs.url_code(st):      # a name or another code: the address with the code
        suffix = "" if fmt == "html" else f".{fmt}"
        query = urlencode([(k, v) for k, v in (("year", year), ("from", start), ("to", end)) if v is not None]
                          + ([("section", section)] if fmt == "csv" and section != "partners" else []))
        return RedirectResponse(f"/state/{inputs.url_code(st)}{suffix}" + (f"?{query}" if query else ""),
                                status_code=308)

    def make():
        data = state_data_for(request, st, year, start, end)
        s = data["state"]
        return respond.represent(
            fmt,
            html=lambda: _html(request, data),
            json=lambda: respond.json_response(data),
            csv=lambda: respond.csv_response(_section(data, section),
                                             f"entente-state-{s['code']}-{section}-{data['from']}-{data['to']}.csv"),
            md=lambda: respond.markdown_response(_markdown(data)),
        )

    return rendered(request, make)
