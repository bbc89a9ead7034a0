"""The sources page ``/sources``: every dataset (title, version, licence, address, how to cite it), what the
warehouse holds from it (tables, rows, years covered) and the ``_provenance`` table itself.

``/sources.json`` has both lists; ``/sources.csv`` the provenance rows (``?table=datasets`` for the
datasets); ``/sources.md`` both as Markdown tables. Datasets come from :func:`entente.sources.records`,
the warehouse's side from :func:`entente.warehouse.provenance` (read on this request's cursor).
"""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from entente import warehouse
from entente.errors import BadInput
from entente.sources import records
from entente.web import respond

router = APIRouter()
NAV = ("Sources", "/sources", 50)

PROVENANCE_COLUMNS = ["table_name", "dataset", "version", "rows", "first_year", "last_year", "source_file", "sha256",
                      "origin", "built_at", "refreshed_at"]


def datasets(provenance: pd.DataFrame) -> pd.DataFrame:
    """One row per dataset: its record and, from ``provenance``, its tables, rows and years covered."""
    rows = []
    for name, source in records().items():
        held = provenance[provenance["dataset"] == name]
        firsts, lasts = held["first_year"].dropna(), held["last_year"].dropna()
        rows.append({
            "dataset": name, "title": source.title, "version": source.version, "licence": source.licence,
            "redistributable": source.redistributable, "url": source.url,
            "tables": len(held), "rows": int(held["rows"].sum()) if len(held) else 0,
            "first_year": int(firsts.min()) if len(firsts) else None,
            "last_year": int(lasts.max()) if len(lasts) else None,
            "citation": " ".join(c.text for c in source.citations),
            "bibtex": "\n\n".join(c.bibtex for c in source.citations),
        })
    return pd.DataFrame(rows)


def _read(request: Request) -> tuple[pd.DataFrame, pd.DataFrame]:
    with request.app.state.warehouse.cursor() as con:
        prov = warehouse.provenance(con)
    prov = prov[[c for c in PROVENANCE_COLUMNS if c in prov]]
    return datasets(prov), prov


def _sources(request: Request, fmt: str, table: str | None) -> Response:
    if fmt not in respond.MEDIA:
        raise BadInput(f"Unknown format {fmt[:10]!r}; choose json, csv or md.")
    if table not in (None, "provenance", "datasets"):
        raise BadInput(f"Unknown table {table[:40]!r}; choose provenance or datasets.")
    sets, prov = _read(request)
    version = request.app.state.warehouse.version
    md_sets = sets.drop(columns=["bibtex", "citation"])
    return respond.represent(
        fmt,
        html=lambda: respond.render_html(request, "sources.html.j2", {
            "datasets": respond.jsonable(sets), "provenance": respond.jsonable(prov), "version": version,
            "base": "/sources", "query": ""}),
        json=lambda: respond.json_response({"data_version": version, "datasets": sets, "provenance": prov}),
        csv=lambda: respond.csv_response(sets if table == "datasets" else prov, f"entente-{table or 'provenance'}.csv"),
        md=lambda: respond.markdown_response(
            respond.frame_markdown(md_sets, title="entente's datasets") + "\n"
            + respond.frame_markdown(prov.drop(columns=["sha256"]), title="The warehouse's tables (_provenance)")),
    )


@router.get("/sources", summary="Datasets, versions, coverage, licences and provenance", tags=["pages"])
def sources(request: Request) -> Response:
    return _sources(request, "html", None)


@router.get("/sources.{fmt}", summary="The sources page as JSON, CSV or Markdown", tags=["pages"])
def sources_as(request: Request, fmt: str, table: str | None = Query(None, max_length=20)) -> Response:
    return _sources(request, fmt, table)
