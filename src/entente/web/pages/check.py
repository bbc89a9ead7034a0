"""The fact-checker: ``/check``, an article's claims about states, each with a verdict and its evidence.

``GET /check`` is the form; ``POST /check`` (form fields ``text`` and optional ``date``, at most
:data:`entente.web.guards.CHECK_BYTES`) checks a pasted article with :func:`entente.factcheck.check_article`.
A short text can also go in the address (``GET /check?text=…&date=2024-06-01``), which then holds the
whole state. Every answer is also ``.json`` (:func:`entente.factcheck.report.as_json`'s shape), ``.csv``
(one row per claim) and ``.md`` (:func:`entente.factcheck.report.as_markdown`).
"""

from __future__ import annotations

import json
import threading

import pandas as pd
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from entente.errors import BadInput
from entente.factcheck import check_article, report
from entente.factcheck.text import parse, parse_date
from entente.web import respond
from entente.web.guards import CHECK_BYTES

router = APIRouter()
NAV = ("Check", "/check", 40)

#: The longest text the address may carry (browsers and servers cut long addresses): POST beyond it.
MAX_QUERY_TEXT = 4000
#: entente's fact-checker keeps per-run memory (``verdicts.forget()``): one article at a time.
_CHECKING = threading.Lock()
EXAMPLE = ("India and Pakistan fought four wars since 1947. Iran and Russia voted together at the UN in most "
           "votes last year. Russia and Iran are allies.")


def _checked(request: Request, text: str, date: str | None, robust: bool = True):
    if not text.strip():
        raise BadInput("The text is empty; paste an article (plain text, Markdown or HTML).")
    when = parse_date(date.strip()) if date and date.strip() else None
    article = parse(text, date=when, source="pasted text")
    with _CHECKING, request.app.state.warehouse.cursor() as con:
        frame = check_article(article, con=con, robust=robust)
    return frame, article


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("states", "evidence", "quantities", "groupings"):
        out[column] = out[column].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    return out


def _answer(request: Request, fmt: str, text: str | None, date: str | None) -> Response:
    if fmt not in respond.MEDIA:
        raise BadInput(f"Unknown format {fmt[:10]!r}; choose json, csv or md.")
    if text is None:
        if fmt != "html":
            raise BadInput("Give the article's text: POST it as the form field 'text', or for a short text add "
                           "?text=… to the address.")
        return respond.render_html(request, "check.html.j2", {"text": "", "date": date or "", "example": EXAMPLE,
                                                              "limit": CHECK_BYTES})
    frame, article = _checked(request, text, date)
    return respond.represent(
        fmt,
        html=lambda: respond.render_html(request, "check.html.j2", {
            "text": text, "date": date or "", "example": EXAMPLE, "limit": CHECK_BYTES,
            "claims": respond.jsonable(frame), "summary": report.summary(frame), "article": article,
            "query": None}),
        json=lambda: Response(report.as_json(frame, article), media_type=respond.MEDIA["json"]),
        csv=lambda: respond.csv_response(_csv_frame(frame), "entente-check.csv"),
        md=lambda: respond.markdown_response(report.as_markdown(frame, article)),
    )


@router.get("/check", summary="The fact-checker's form, or a short text's claims checked", tags=["pages"])
def check_form(request: Request, text: str | None = Query(None, max_length=MAX_QUERY_TEXT),
               date: str | None = Query(None, max_length=40)) -> Response:
    return _answer(request, "html", text, date)


@router.post("/check", summary="Check a pasted article's claims (at most 1 MB)", tags=["pages"])
def check_post(request: Request, text: str = Form(..., max_length=CHECK_BYTES),
               date: str | None = Form(None, max_length=40)) -> Response:
    return _answer(request, "html", text, date)


@router.get("/check.{fmt}", summary="A short text's claims checked, as JSON, CSV or Markdown", tags=["pages"])
def check_as(request: Request, fmt: str, text: str | None = Query(None, max_length=MAX_QUERY_TEXT),
             date: str | None = Query(None, max_length=40)) -> Response:
    return _answer(request, fmt, text, date)


@router.post("/check.{fmt}", summary="A pasted article's claims checked, as JSON, CSV or Markdown", tags=["pages"])
def check_post_as(request: Request, fmt: str, text: str = Form(..., max_length=CHECK_BYTES),
                  date: str | None = Form(None, max_length=40)) -> Response:
    return _answer(request, fmt, text, date)
