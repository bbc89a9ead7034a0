"""The FastAPI application: ``create_app()`` opens the warehouse read-only and mounts every page family.

Middleware, outermost first: security headers on every answer, the rate limit (if on), the body size
limit, HEAD answered as GET, the ETags, then the kept data answers (:mod:`entente.web.answers`); errors of
every kind leave in one shape (:mod:`entente.web.errors`). Static files
come only from the package's own ``web/static`` folder (Starlette refuses paths that leave it).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from importlib.metadata import version

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from entente.web import errors, pages, process
from entente.web.answers import Kept, KeptAnswers
from entente.web.briefs import LiveBriefs
from entente.web.db import QUERY_SECONDS, Warehouse
from entente.web.etag import ETags
from entente.web.guards import BODY_SECONDS, CHECK_BYTES, BodyLimit, Buckets, HeadAsGet, RateLimit, SecurityHeaders
from entente.web.suggest import warm as warm_suggestions


@asynccontextmanager
async def _lifespan(app: FastAPI):
    process.limit_worker_threads()
    yield


def create_app(*, warehouse: Warehouse | None = None, rate_limit: bool = True, per_minute: float = 240,
               burst: int = 60, query_seconds: float = QUERY_SECONDS, check_bytes: int = CHECK_BYTES,
               body_seconds: float = BODY_SECONDS) -> FastAPI:
    """The app over ``warehouse`` (default: the user's, built if needed, opened read-only)."""
    # docs_url/redoc_url off: their pages load scripts from a CDN, which the CSP (and offline use) forbid
    app = FastAPI(title="entente", version=version("entente"), docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="The relationship between two states from evidence: UN votes, wars, treaties, "
                              "trade, arms, news events. Every page is also JSON, CSV and Markdown; the API "
                              "under /api mirrors entente's Python API.")
    app.state.warehouse = warehouse or Warehouse.open(query_seconds=query_seconds)
    app.state.briefs = LiveBriefs()
    warm_suggestions()
    errors.install(app)
    for module in pages.modules():
        app.include_router(module.router)
    static = resources.files("entente.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    # add_middleware wraps: the last added runs first
    app.state.kept_answers = Kept()
    app.add_middleware(KeptAnswers, version=lambda: app.state.warehouse.version, kept=app.state.kept_answers)
    app.add_middleware(ETags, version=lambda: app.state.warehouse.version)
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyLimit, check_bytes=check_bytes, body_seconds=body_seconds)
    if rate_limit:
        app.add_middleware(RateLimit, buckets=Buckets(per_minute, burst))
    app.add_middleware(SecurityHeaders)
    return app
