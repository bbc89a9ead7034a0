"""The JSON API under ``/api``, mirroring the Python API: each endpoint calls one entente function with the
request's checked values and returns its rows (schema at ``/openapi.json``).

=====================================  ==================================================================
``/api/resolve?q=Persia``              :func:`entente.resolve`
``/api/suggest?q=pers``                the search box's suggestions (:mod:`entente.web.suggest`)
``/api/pair/IRN/RUS/alignment``        :func:`entente.alignment` (``entente.pair.alignment.alignment``)
``/api/pair/IRN/RUS/splits``           :func:`entente.pair.alignment.splits`
``/api/pair/IRN/RUS/trade``            :func:`entente.pair.evidence.trade`
``/api/pair/IRN/RUS/disputes``         :func:`entente.pair.evidence.disputes`
``/api/pair/IRN/RUS/wars``             :func:`entente.pair.evidence.wars`
``/api/pair/IRN/RUS/alliances``        :func:`entente.pair.evidence.alliances`
``/api/pair/IRN/RUS/arms``             :func:`entente.pair.evidence.arms` (needs the SIPRI export)
``/api/pair/IRN/RUS/trend``            :func:`entente.pair.trend.series` (the components per year)
``/api/pair/IRN/RUS/events``           :func:`entente.events.series` (needs ingested GDELT events)
``/api/provenance``                    :func:`entente.warehouse.provenance`
=====================================  ==================================================================

Years are ``from`` and ``to`` (1816 … this year); rows outside them are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pandas as pd
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from entente import events, warehouse
from entente.pair import alignment, evidence
from entente.pair import trend as pair_trend
from entente.web import inputs, respond
from entente.web.suggest import MAX_QUERY, suggest

router = APIRouter(prefix="/api", tags=["api"])

FROM = Query(None, alias="from", description="First year (1816 … this year)")
TO = Query(None, alias="to", description="Last year (1816 … this year)")


class StateOut(BaseModel):
    ccode: int
    abb: str
    name: str
    iso3: str | None
    gwcode: int | None
    label: str
    code: str


class SuggestionOut(BaseModel):
    ccode: int
    code: str
    name: str
    label: str
    matched: str


class AlignmentRow(BaseModel):
    year: int
    ccode1: int
    ccode2: int
    state1: str
    state2: str
    n_votes: int
    agree_n: int
    agree: float | None
    s_abs: float | None
    s_sq: float | None
    kappa: float | None
    pi: float | None


class PairRows(BaseModel):
    """A pair's rows from one function of the Python API."""

    a: StateOut
    b: StateOut
    years: dict[str, int | None]
    function: str
    rows: list[dict]


class AlignmentOut(PairRows):
    rows: list[AlignmentRow]


def state_out(st) -> StateOut:
    return StateOut(ccode=st.ccode, abb=st.abb, name=st.name, iso3=st.iso3, gwcode=st.gwcode, label=st.label,
                    code=inputs.url_code(st))


@router.get("/resolve", response_model=StateOut, summary="entente.resolve: the state a name or code means")
def resolve(q: str = Query(..., max_length=inputs.MAX_STATE_CHARS)):
    return state_out(inputs.state(q))


@router.get("/suggest", response_model=list[SuggestionOut], summary="States matching what was typed")
def suggestions(q: str = Query("", max_length=MAX_QUERY), limit: int = Query(8, ge=1, le=20)):
    return [SuggestionOut(**vars(s)) for s in suggest(q, limit)]


def within(frame: pd.DataFrame, start: int | None, end: int | None) -> pd.DataFrame:
    """Rows whose years overlap ``start``–``end``: by ``year``, or by ``start``/``end`` for spells."""
    if frame.empty:
        return frame
    if "year" in frame:
        lo, hi = frame["year"], frame["year"]
    elif "start" in frame and "end" in frame:
        lo, hi = pd.to_numeric(frame["start"].astype(str).str[:4], errors="coerce"), \
            pd.to_numeric(frame["end"].astype(str).str[:4], errors="coerce")
    else:
        return frame
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= ~(hi < start)
    if end is not None:
        keep &= ~(lo > end)
    return frame[keep].reset_index(drop=True)


def pair_rows(request: Request, a: str, b: str, start: int | None, end: int | None, function: str,
              fetch: Callable) -> dict:
    """Resolve and check, then ``fetch(code_a, code_b, start, end, con)`` on a cursor of its own."""
    sa, sb = inputs.state(a, "first state"), inputs.state(b, "second state")
    start, end = inputs.window(start, end)
    with request.app.state.warehouse.cursor() as con:
        frame = within(fetch(sa.ccode, sb.ccode, start, end, con), start, end)
    return {"a": state_out(sa), "b": state_out(sb), "years": {"from": start, "to": end}, "function": function,
            "rows": respond.jsonable(frame)}


@router.get("/pair/{a}/{b}/alignment", response_model=AlignmentOut,
            summary="entente.alignment: UN General Assembly alignment per session-year")
def pair_alignment(request: Request, a: str, b: str, start: int | None = FROM, end: int | None = TO):
    return pair_rows(request, a, b, start, end, "entente.pair.alignment.alignment",
                     lambda ca, cb, lo, hi, con: alignment.alignment(ca, cb, start=lo, end=hi, con=con))


@router.get("/pair/{a}/{b}/splits", response_model=PairRows, summary="UN roll calls on which the two voted apart")
def pair_splits(request: Request, a: str, b: str, start: int | None = FROM, end: int | None = TO):
    return pair_rows(request, a, b, start, end, "entente.pair.alignment.splits",
                     lambda ca, cb, lo, hi, con: alignment.splits(ca, cb, start=lo, end=hi, con=con))


def _evidence(name: str, summary: str):
    fetch = getattr(evidence, name)

    def endpoint(request: Request, a: str, b: str, start: int | None = FROM, end: int | None = TO):
        return pair_rows(request, a, b, start, end, f"entente.pair.evidence.{name}",
                         lambda ca, cb, lo, hi, con: fetch(ca, cb, con=con))

    endpoint.__name__ = f"pair_{name}"
    router.add_api_route(f"/pair/{{a}}/{{b}}/{name}", endpoint, methods=["GET"], response_model=PairRows,
                         summary=summary)


for _name, _summary in (("trade", "Trade each way per year (COW Trade, then IMF DOTS)"),
                        ("disputes", "Militarized disputes (GML), one row per dispute"),
                        ("wars", "COW inter-state wars between the two"),
                        ("alliances", "Alliance obligations of A towards B as spells (ATOP)"),
                        ("arms", "SIPRI arms deliveries both ways (needs the SIPRI export)")):
    _evidence(_name, _summary)


@router.get("/pair/{a}/{b}/trend", response_model=PairRows,
            summary="The composite index's components per year (entente.pair.trend.series)")
def pair_trend_series(request: Request, a: str, b: str, start: int | None = FROM, end: int | None = TO):
    return pair_rows(request, a, b, start, end, "entente.pair.trend.series",
                     lambda ca, cb, lo, hi, con: pair_trend.series(ca, cb, start=lo, end=hi, con=con)[0].rename_axis("year").reset_index())


@router.get("/pair/{a}/{b}/events", response_model=PairRows,
            summary="GDELT news events of the pair per period (entente.events.series; needs ingested events)")
def pair_events(a: str, b: str, start: int | None = FROM, end: int | None = TO,
                freq: Literal["day", "week", "month"] = Query("month")):
    sa, sb = inputs.state(a, "first state"), inputs.state(b, "second state")
    start, end = inputs.window(start, end)
    frame = events.series(sa.ccode, sb.ccode, freq=freq)     # the event store (Parquet), not the warehouse
    if len(frame) and "period" in frame:
        years = pd.to_numeric(frame["period"].astype(str).str[:4], errors="coerce")
        keep = pd.Series(True, index=frame.index)
        if start is not None:
            keep &= years >= start
        if end is not None:
            keep &= years <= end
        frame = frame[keep].reset_index(drop=True)
    return {"a": state_out(sa), "b": state_out(sb), "years": {"from": start, "to": end},
            "function": "entente.events.series", "rows": respond.jsonable(frame)}


@router.get("/provenance", summary="entente.warehouse.provenance: every table's dataset, version and rows")
def provenance(request: Request) -> list[dict]:
    with request.app.state.warehouse.cursor() as con:
        return respond.jsonable(warehouse.provenance(con))
