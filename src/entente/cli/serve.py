"""``entente serve``: the web app (:mod:`entente.web`) on uvicorn, over a read-only warehouse."""

from __future__ import annotations

import click
import uvicorn

from entente.web import create_app, process
from entente.web.db import QUERY_SECONDS, Warehouse


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--no-rate-limit", "no_rate_limit", is_flag=True, envvar="ENTENTE_NO_RATE_LIMIT",
              help="Turn off the per-client rate limit (also ENTENTE_NO_RATE_LIMIT=1).")
@click.option("--query-seconds", default=QUERY_SECONDS, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Stop a request's queries after this many seconds (503).")
@click.option("--forwarded-allow-ips", default="127.0.0.1", show_default=True, envvar="FORWARDED_ALLOW_IPS",
              help="Proxies whose X-Forwarded-For names the client (for the rate limit and logs): comma-separated "
                   "addresses, or * for any. Behind a reverse proxy on another host, give its address.")
def serve(host, port, no_rate_limit, query_seconds, forwarded_allow_ips) -> None:
    """Serve the web app: briefs, the fact-checker and the sources in a browser.

    Builds the warehouse first if needed, then opens it read-only. Every page is also JSON, CSV and
    Markdown (add .json, .csv or .md to its address); the JSON API is under /api (schema at /openapi.json).

    \b
    Examples:
      entente serve                       then open http://127.0.0.1:8000/
      entente serve --port 8080 --host 0.0.0.0
    """
    process.limit_malloc_arenas()
    click.echo("Opening the warehouse (built first if needed)…", err=True)
    warehouse = Warehouse.open(query_seconds=query_seconds, progress=True)
    app = create_app(warehouse=warehouse, rate_limit=not no_rate_limit, query_seconds=query_seconds)
    process.freeze_startup_heap()
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"entente is serving at http://{shown}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips=forwarded_allow_ips)
