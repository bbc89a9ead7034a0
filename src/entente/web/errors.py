"""One shape for every error the web app returns, and the map from entente's errors to HTTP statuses.

Every 4xx and 5xx response carries::

    {"error": {"status": 404, "code": "unknown_state", "message": "Unknown country 'XXX'. …",
               "hint": "Try a COW code (630), an ISO3 code (IRN) or an English name (Iran)."}}

(a browser asking for HTML gets the same four fields on a page). Messages are entente's own (they name
the bad value and the fix, :mod:`entente.errors`); an unexpected failure says only that it happened, never
a traceback. :func:`status_of` maps each :class:`~entente.errors.EntenteError` subclass once.
"""

from __future__ import annotations

import logging
import re

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from entente.errors import (AmbiguousCountry, BadInput, EntenteError, MissingTable, NoEvidence, SourceError,
                            UnknownCountry, WarehouseError)
from entente.web.respond import render_html

log = logging.getLogger("entente.web")


class QueryTimeout(EntenteError):
    """A request's queries ran past the per-query time limit and were interrupted."""


class ServerBusy(EntenteError):
    """Every slot for assembling a brief stayed taken for as long as a request may wait."""


#: entente's errors → (HTTP status, code, hint); the first class that matches wins (subclasses first).
ERRORS: tuple[tuple[type[BaseException], int, str, str], ...] = (
    (AmbiguousCountry, 400, "ambiguous_state", "Give a code (ISO3 such as IRN, or a COW number such as 630): codes are never ambiguous."),
    (UnknownCountry, 404, "unknown_state", "Try an ISO3 code (IRN), a COW number (630) or an English name; /api/suggest?q= lists matches."),
    (BadInput, 400, "bad_input", "Check the value named in the message."),
    (NoEvidence, 404, "no_evidence", "Try a wider window of years or another pair."),
    (duckdb.CatalogException, 503, "missing_table", "The warehouse lacks a table this needs (a dataset you supply, such as SIPRI's, is absent); `entente data list` shows what it holds."),
    (MissingTable, 503, "missing_table", "The warehouse lacks a dataset this needs; `entente data list` shows what it holds."),
    (ServerBusy, 503, "busy", "The server is assembling other briefs; try again in a few seconds."),
    (QueryTimeout, 503, "timeout", "Try a narrower window of years, or run the same question with the entente command."),
    (WarehouseError, 503, "warehouse_unavailable", "The warehouse cannot be read; `entente data build` rebuilds it."),
    (SourceError, 503, "source_error", "A dataset cannot be read; `entente data verify` says which."),
    (EntenteError, 400, "bad_request", "Check the request's values."),
)

#: HTTP statuses raised by the framework (no route, wrong method, body too large …) → code and hint.
HTTP_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Check the request's values."),
    404: ("not_found", "See / for the pages and /openapi.json for the API."),
    405: ("method_not_allowed", "This address takes GET (and /check also POST)."),
    408: ("request_timeout", "Send the whole body at once (a file of at most 1 MB for /check)."),
    413: ("payload_too_large", "Send less text (at most 1 MB for /check)."),
    429: ("rate_limited", "Wait a moment and try again."),
    431: ("headers_too_large", "Send fewer or shorter headers."),
}


def payload(status: int, code: str, message: str, hint: str = "") -> dict:
    """The error body: ``{"error": {"status", "code", "message", "hint"}}``."""
    return {"error": {"status": status, "code": code, "message": message, "hint": hint}}


def status_of(exc: BaseException) -> tuple[int, str, str]:
    """(status, code, hint) for an entente error (or a DuckDB interrupt, which is a timeout)."""
    if isinstance(exc, duckdb.InterruptException):
        exc = QueryTimeout("")
    for cls, status, code, hint in ERRORS:
        if isinstance(exc, cls):
            return status, code, hint
    return 500, "internal_error", "This is a bug in entente; please report it with the address you asked for."


def wants_html(request: Request) -> bool:
    """True for a browser asking for a page (not the API, nor a .json/.csv/.md representation)."""
    path = request.url.path
    if path.startswith("/api/") or path.rsplit("/", 1)[-1].rpartition(".")[2] in ("json", "csv", "md"):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def error_response(request: Request | None, status: int, code: str, message: str, hint: str = "",
                   headers: dict | None = None) -> Response:
    """The one error response: JSON, or for a browser the same fields on a page."""
    body = payload(status, code, message, hint)
    if request is not None and wants_html(request):
        return render_html(request, "error.html.j2", {"error": body["error"]}, status=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(EntenteError)
    async def entente_error(request: Request, exc: EntenteError):
        status, code, hint = status_of(exc)
        message = str(exc) or "The request took too long and was stopped."
        return error_response(request, status, code, message, hint)

    @app.exception_handler(duckdb.InterruptException)
    async def interrupted(request: Request, exc):
        status, code, hint = status_of(exc)
        return error_response(request, status, code, "The request's query took too long and was stopped.", hint)

    @app.exception_handler(duckdb.CatalogException)
    async def missing(request: Request, exc: duckdb.CatalogException):
        status, code, hint = status_of(exc)
        found = re.search(r"Table with name (\w+) does not exist", str(exc))
        table = f" ({found.group(1)})" if found else ""
        return error_response(request, status, code, f"This needs a table the warehouse does not hold{table}.", hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            given = err.get("input")
            shown = f" (got {str(given)[:40]!r})" if isinstance(given, (str, int, float)) else ""
            parts.append(f"{where}: {err.get('msg', 'invalid')}{shown}")
        return error_response(request, 400, "invalid_parameter", "Invalid parameter: " + "; ".join(parts) + ".",
                              "Years are whole numbers (1991), states codes (IRN); /openapi.json lists every parameter.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code, hint = HTTP_CODES.get(exc.status_code, ("http_error", ""))
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(request, exc.status_code, code, message, hint, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        if isinstance(exc, EntenteError):     # raised through a middleware: still entente's own message
            return await entente_error(request, exc)
        log.exception("unexpected error on %s", request.url.path)
        status, code, hint = status_of(exc)
        return error_response(request, status, code, "Something went wrong while answering this request.", hint)
