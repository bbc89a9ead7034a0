"""The web app (``entente serve``): the brief, the fact-checker and the sources in a browser, thin over the API.

Server-rendered pages (Jinja2), each at an address that holds its whole state and each also as ``.json``,
``.csv`` and ``.md``; a JSON API under ``/api`` mirroring the Python API (schema at ``/openapi.json``);
one error shape; ETags tied to the data version; a read-only warehouse with a time limit per request.

>>> from entente.web import create_app          # doctest: +SKIP
>>> app = create_app()                          # uvicorn.run(app) serves it
"""

from __future__ import annotations

from entente.web.app import create_app

__all__ = ["create_app"]
