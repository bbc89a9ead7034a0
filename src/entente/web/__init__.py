"""The web app (``entente serve``): the brief, the fact-checker and the sources in a browser, thin over the API.

Server-rendered pages (Jinja2), each at an address that holds its whole state and each also as ``.json``,
``.csv`` and ``.md``; a JSON API under ``/api`` mirroring the Python API (schema at ``/openapi.json``);
one error shape; ETags tied to the data version; a read-only warehouse with a time limit per request.

**Adding a page family** (``/state/{code}``, ``/blocs`` …): a module in ``entente/web/pages/`` with a
FastAPI ``router`` and, for the navigation bar, ``NAV = (label, address, order)``; :mod:`entente.web.pages`
finds it. A handler checks its input with :mod:`entente.web.inputs` (states, years), reads the warehouse
only through ``with request.app.state.warehouse.cursor() as con:`` (read-only, time-limited), answers each
format through :func:`entente.web.respond.represent` (``html=``, ``json=``, ``csv=``, ``md=``) with a
template extending ``base.html.j2``, and raises entente's errors: :mod:`entente.web.errors` gives them
the one shape.

>>> from entente.web import create_app          # doctest: +SKIP
>>> app = create_app()                          # uvicorn.run(app) serves it
"""

from __future__ import annotations

from entente.web.app import create_app

__all__ = ["create_app"]
