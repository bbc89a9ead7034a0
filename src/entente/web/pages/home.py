"""The home page ``/`` (also ``/index.json``, ``.csv``, ``.md``): search with suggestions, recent and
example pairs; ``/go`` turns the search form into a pair's address."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from entente import countries, period
from entente.errors import BadInput
from entente.web import inputs, recent, respond

router = APIRouter()
NAV = ("Home", "/", 0)

#: Pairs worth opening first: (a, b, from, to, why).
EXAMPLES = (
    ("IRN", "RUS", 1991, None, "from the Soviet Union's end"),
    ("USA", "RUS", None, None, "the Cold War and after"),
    ("IND", "PAK", None, None, "four wars"),
    ("CHN", "RUS", 1949, None, "the Sino-Soviet split"),
    ("DEU", "FRA", None, None, "enemies to allies"),
    ("ISR", "EGY", 1948, None, "wars, then Camp David"),
)


def examples() -> list[dict]:
    out = []
    for a, b, start, end, why in EXAMPLES:
        sa, sb = countries.resolve(a), countries.resolve(b)
        query = "&".join(f"{k}={v}" for k, v in (("from", start), ("to", end)) if v is not None)
        out.append({"href": f"/pair/{a}/{b}" + (f"?{query}" if query else ""),
                    "label": f"{countries.name(sa.ccode)} and {countries.name(sb.ccode)}"
                             + (f", from {start}" if start else ""), "why": why})
    return out


def _home(request: Request, fmt: str):
    data = {"examples": examples(), "recent": recent.recent()}
    rows = pd.DataFrame([{"kind": kind, **row} for kind in ("recent", "examples") for row in data[kind]],
                        columns=["kind", "href", "label", "why"])
    return respond.represent(
        fmt,
        html=lambda: respond.render_html(request, "home.html.j2", {**data, "first_year": period.FIRST_YEAR,
                                                                   "this_year": period.this_year()}),
        json=lambda: respond.json_response(data),
        csv=lambda: respond.csv_response(rows, "entente-home.csv"),
        md=lambda: respond.markdown_response(respond.frame_markdown(rows.fillna(""), title="entente: pairs")),
    )


@router.get("/", include_in_schema=False)
def home(request: Request):
    return _home(request, "html")


@router.get("/index.{fmt}", include_in_schema=False)
def home_as(request: Request, fmt: str):
    if fmt not in inputs.FORMATS:
        raise BadInput(f"Unknown format {fmt[:10]!r}; choose json, csv or md.")
    return _home(request, fmt)


@router.get("/go", include_in_schema=False)
def go(a: str = Query(..., max_length=200), b: str = Query(..., max_length=200),
       start: str | None = Query(None, alias="from", max_length=10),
       end: str | None = Query(None, alias="to", max_length=10)):
    """The search form's target: the pair's address (codes resolved, empty years dropped)."""
    sa, sb = inputs.state(a, "first state"), inputs.state(b, "second state")
    years = {}
    for key, value in (("from", start), ("to", end)):
        value = (value or "").strip()
        if value:
            if not value.lstrip("-").isdigit():
                raise BadInput(f"{key}={value!r} is not a year; give a year such as 1991.")
            years[key] = inputs.year(int(value), key)
    inputs.window(years.get("from"), years.get("to"))
    query = "&".join(f"{k}={v}" for k, v in years.items())
    return RedirectResponse(f"/pair/{inputs.url_code(sa)}/{inputs.url_code(sb)}" + (f"?{query}" if query else ""),
                            status_code=303)
