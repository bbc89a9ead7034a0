"""The pair page: ``/pair/IRN/RUS?from=1991&to=2025&compare=CHN``, the brief live.

The address holds the whole state: the two states (codes; a name redirects to the codes), the window
(``from``, ``to``) and a third state to compare with (``compare``). The same page is ``.json`` (the
assembled brief, every number with its provenance), ``.md`` (the brief's Markdown) and ``.csv`` (one
section's rows: ``/pair/IRN/RUS.csv?section=trade``; :data:`entente.web.briefs.SECTION_ROWS`). Charts are
at ``/pair/IRN/RUS/charts/trade.svg`` (same query).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from entente import period
from entente.errors import BadInput, NoEvidence
from entente.web import briefs, inputs, recent, respond

router = APIRouter()
NAV = ("Pair", "/pair/IRN/RUS", 10)

FROM = Query(None, alias="from", description="First year (1816 … this year)")
TO = Query(None, alias="to", description="Last year (1816 … this year)")
COMPARE = Query(None, max_length=inputs.MAX_STATE_CHARS, description="A third state to compare the pair with")
SECTION = Query(None, max_length=40, description="For .csv (and .json, .md): one section's rows")


def _query(start, end, compare, section=None) -> str:
    """The canonical query string (``?from=1991&to=2025&compare=CHN``), or ``""``."""
    pairs = [(k, v) for k, v in (("from", start), ("to", end), ("compare", compare), ("section", section))
             if v is not None]
    return "?" + urlencode(pairs) if pairs else ""


def _resolve(a: str, b: str, start, end, compare):
    sa, sb = inputs.state(a, "first state"), inputs.state(b, "second state")
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; a pair needs two different states.")
    start, end = inputs.window(start, end)
    other = inputs.state(compare, "comparison state") if compare and compare.strip() else None
    return sa, sb, start, end, other


def live_brief(request: Request, sa, sb, start, end, other) -> briefs.LiveBrief:
    """The assembled brief, kept by the app (:class:`entente.web.briefs.LiveBriefs`)."""
    store = request.app.state.warehouse
    key = (sa.ccode, sb.ccode, start, end, other.ccode if other else None, store.version)

    def make():
        with store.cursor() as con:
            return briefs.build(sa, sb, start, end, other, con)

    return request.app.state.briefs.get(key, make)


@router.get("/pair/{a}/{b}", summary="The brief for a pair, live (also .json, .csv, .md)", tags=["pages"])
def pair(request: Request, a: str, b: str, start: int | None = FROM, end: int | None = TO,
         compare: str | None = COMPARE, section: str | None = SECTION) -> Response:
    b, fmt = inputs.split_format(b)
    sa, sb, start, end, other = _resolve(a, b, start, end, compare)
    code_a, code_b = inputs.url_code(sa), inputs.url_code(sb)
    query = _query(start, end, inputs.url_code(other) if other else None)
    base = f"/pair/{code_a}/{code_b}"
    if (a, b) != (code_a, code_b):   # a name or another code: the address with the codes
        suffix = "" if fmt == "html" else f".{fmt}"
        kept = _query(start, end, inputs.url_code(other) if other else None, section if fmt != "html" else None)
        return RedirectResponse(base + suffix + kept, status_code=308)
    if section is not None:
        briefs.section_rows({}, section)   # an unknown section is refused before the brief is assembled
    live = live_brief(request, sa, sb, start, end, other)
    if fmt == "html":
        recent.remember(base + query, live.title)

    def rows_of(name: str):
        return briefs.section_frame(live.brief, name)

    def as_json():
        if section:
            return respond.json_response({"section": section, "rows": briefs.section_rows(live.brief, section) or []})
        return Response(live.text(("json",), lambda: respond.json_text(live.brief)), media_type=respond.MEDIA["json"])

    def as_md():
        if section:
            return respond.markdown_response(respond.frame_markdown(rows_of(section),
                                                                    title=f"{live.title}: {section}"))
        return respond.markdown_response(live.text(("md", base, query),
                                                   lambda: briefs.markdown(live, f"{base}/charts/", query)))

    def as_html():
        body = live.text(("html", base, query), lambda: briefs.html_body(live, f"{base}/charts/", query))
        return respond.render_html(request, "pair.html.j2", {
            "live": live, "brief": live.brief, "body": body, "base": base, "query": query, "start": start,
            "end": end, "compare": inputs.url_code(other) if other else "",
            "sections": briefs.available_sections(live.brief), "first_year": period.FIRST_YEAR,
            "this_year": period.this_year()})

    return respond.represent(
        fmt,
        html=as_html,
        json=as_json,
        csv=lambda: respond.csv_response(rows_of(section or "alignment"),
                                         f"entente-{code_a}-{code_b}-{section or 'alignment'}.csv"),
        md=as_md,
    )


@router.get("/pair/{a}/{b}/charts/{file}", summary="One of the brief's charts as SVG", tags=["pages"])
def chart(request: Request, a: str, b: str, file: str, start: int | None = FROM, end: int | None = TO,
          compare: str | None = COMPARE) -> Response:
    names = {f: n for n, f in briefs.CHART_FILES.items()}
    if file not in names:
        raise BadInput(f"Unknown chart {file[:40]!r}; the charts are {', '.join(briefs.CHART_FILES.values())}.")
    sa, sb, start, end, other = _resolve(a, b, start, end, compare)
    live = live_brief(request, sa, sb, start, end, other)
    svg = live.svg(names[file])
    if svg is None:
        raise NoEvidence(f"The brief for {live.title} has no {file} chart: its data hold no rows for it.")
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + svg, media_type="image/svg+xml")
