"""ETags tied to the data version: a page's tag is the warehouse's data version
(:func:`entente.web.db.data_version`) with the address asked for, so a client holding a page gets
``304 Not Modified`` until the warehouse changes (``entente data update``) or entente does.

Every address holds the whole state of its page (``/pair/IRN/RUS?from=1991&to=2025``), so the address and
the data version determine the answer; pages that change with the server's memory or the calendar (the
home page's recent pairs, the fact-checker's "last year") are left out (:data:`UNTAGGED`). Tags are weak
(``W/"…"``): the bytes may differ (a brief's "generated" time) while the content is the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths whose answer depends on more than the address and the data: the home page's recent pairs, and the
#: fact-checker, which reads "last year" from today's date when the article has none.
UNTAGGED = ("/", "/index.json", "/index.csv", "/index.md", "/index", "/check", "/check.json", "/check.csv",
            "/check.md")


def tag(version: str, path: str, query: str) -> str:
    """The weak ETag for ``path?query`` under data ``version``."""
    address = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()[:16]
    return f'W/"{version[:16]}-{address}"'


def matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, RFC 9110 §13.1.2)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(item.strip().removeprefix("W/") == bare for item in header.split(","))


class ETags:
    """Answer 304 to a GET whose If-None-Match holds the current tag; tag every 200 to a GET."""

    def __init__(self, app: ASGIApp, *, version: Callable[[], str]):
        self.app, self.version = app, version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or scope["path"] in UNTAGGED
                or scope["path"].startswith("/static/")):
            return await self.app(scope, receive, send)
        etag = tag(self.version(), scope["path"], scope.get("query_string", b"").decode("latin-1"))
        headers = dict(scope.get("headers", []))
        if matches(headers.get(b"if-none-match", b"").decode("latin-1"), etag):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message.get("headers", []), (b"etag", etag.encode()),
                                      (b"cache-control", b"no-cache")]
            await send(message)

        await self.app(scope, receive, tagged)
