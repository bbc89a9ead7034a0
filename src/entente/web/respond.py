"""How pages answer: HTML from the app's Jinja templates, and the same data as JSON, CSV and Markdown.

A page handler builds its data once and hands :func:`represent` one producer per format; only the one
asked for runs. JSON values go through :func:`entente.brief.jsonable.clean` (NaN → null, numpy →
Python, dates → ISO), CSV is pandas' (UTF-8, a header row, no index), Markdown is ``text/markdown``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable

import pandas as pd
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from entente.brief import prose, typeset
from entente.brief.jsonable import clean
from entente.web import pages

MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "html": "text/html; charset=utf-8"}


@functools.cache
def environment() -> Environment:
    """The app's template environment (``entente/web/templates``), autoescaped."""
    env = Environment(loader=PackageLoader("entente.web", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = typeset.pct
    env.filters["num"] = typeset.number
    env.filters["span"] = prose.span
    return env


def render_html(request: Request, template: str, context: dict, *, status: int = 200,
                headers: dict | None = None) -> HTMLResponse:
    """``template`` rendered with the navigation and ``context``."""
    page = environment().get_template(template).render(request=request, nav=pages.navigation(),
                                                       path=request.url.path, **context)
    return HTMLResponse(page, status_code=status, headers=headers)


def jsonable(value):
    """``value`` with every scalar JSON-safe (recursively through dicts, lists and tuples)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return [jsonable(r) for r in value.to_dict("records")]
    out = clean(value)
    if isinstance(out, float) and math.isinf(out):
        return None
    if not isinstance(out, (str, int, float, bool, type(None))):
        return str(out)
    return out


def json_text(value) -> str:
    """``value`` as JSON text (:func:`jsonable` first: NaN → null)."""
    return json.dumps(jsonable(value), ensure_ascii=False, allow_nan=False)


def json_response(value, *, status: int = 200) -> Response:
    return Response(json_text(value), status_code=status, media_type=MEDIA["json"])


#: A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that a spreadsheet would run as a formula prefixed with ``'``
    (an article's sentence on /check.csv is the user's text, and a link can carry it); numbers are kept."""
    out = frame.copy(deep=False)
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = out[column].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS)
                                          else v)
    return out


def csv_response(frame: pd.DataFrame, filename: str) -> Response:
    """``frame`` as CSV (text cells :func:`defused`), offered for download as ``filename``."""
    return Response(defused(frame).to_csv(index=False), media_type=MEDIA["csv"],
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


def markdown_response(text: str) -> Response:
    return Response(text, media_type=MEDIA["md"])


def represent(fmt: str, **producers: Callable[[], Response]) -> Response:
    """The response for ``fmt`` from its producer (``html=…, json=…, csv=…, md=…``)."""
    return producers[fmt]()


def frame_markdown(frame: pd.DataFrame, *, title: str | None = None, limit: int = 500) -> str:
    """A Markdown table of ``frame`` (at most ``limit`` rows, and a line saying how many were left out)."""
    lines = [f"# {title}", ""] if title else []
    if frame.empty:
        return "\n".join([*lines, "No rows.", ""])
    cols = [str(c) for c in frame.columns]
    lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.head(limit).itertuples(index=False):
        cells = ["" if (v is None or (isinstance(v, float) and math.isnan(v))) else str(v) for v in row]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    if len(frame) > limit:
        lines.append(f"\n{len(frame) - limit:,} more rows: download the CSV.")
    return "\n".join(lines) + "\n"
