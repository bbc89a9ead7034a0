"""Kept answers: the app's data answers (``.json``, ``.csv``, ``.md``, chart ``.svg`` and ``/api/…``) kept
whole, per address and data version, and sent again without routing, validation or a worker thread.

Every address holds the whole state of its page and the data version names the warehouse (the rule the
ETags rely on, :mod:`entente.web.etag`), so a ``GET`` of the same address under the same version has the
same answer, whatever headers the client sends: no data answer reads a request header, cookie or the
clock. This is what a caching reverse proxy in front of the app would do (RFC 9111 §4: a stored response
reused for the same target URI), done inside it so that ``entente serve`` alone is fast.

What is kept: ``200`` answers of known length to a ``GET`` of a data address, at most :data:`MAX_ANSWER_BYTES`
each and :data:`KEEP_BYTES` in all, least recently used dropped first. HTML pages are not kept here (the
pair page remembers the pairs people looked at for the home page; the others keep their rendered pages
in :class:`entente.web.versioned_cache.RenderedPages`), nor the addresses :data:`entente.web.etag.UNTAGGED`
(their answers follow the calendar or the server's memory).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entente.web.etag import UNTAGGED

#: Bytes of answers kept in all (the pair JSON is about 270 kB, so some two hundred pairs and windows).
KEEP_BYTES = 64 * 1024 * 1024
#: An answer larger than this is sent but not kept.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
DATA_SUFFIXES = (".json", ".csv", ".md", ".svg", ".geojson")


def is_data_address(path: str) -> bool:
    """Whether ``path`` names a data answer this layer may keep."""
    if path in UNTAGGED or path.startswith("/static/"):
        return False
    return path.startswith("/api/") or path.endswith(DATA_SUFFIXES)


class Kept:
    """Answers (status, headers, body) under (path, query, version), bounded by their total bytes."""

    def __init__(self, keep_bytes: int = KEEP_BYTES, max_answer_bytes: int = MAX_ANSWER_BYTES):
        self.keep_bytes, self.max_answer_bytes = keep_bytes, max_answer_bytes
        self.bytes = 0
        self._answers: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: tuple) -> tuple[int, list, bytes] | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: tuple, status: int, headers: list, body: bytes) -> None:
        if len(body) > self.max_answer_bytes:
            return
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self.bytes -= len(old[2])
            self._answers[key] = (status, headers, body)
            self.bytes += len(body)
            while self.bytes > self.keep_bytes and self._answers:
                _, dropped = self._answers.popitem(last=False)
                self.bytes -= len(dropped[2])

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self.bytes = 0


class KeptAnswers:
    """ASGI middleware: answer a ``GET`` of a data address from :class:`Kept`, or pass it on and keep
    its answer (a ``200`` whose body came whole)."""

    def __init__(self, app: ASGIApp, *, version: Callable[[], str], kept: Kept | None = None):
        self.app, self.version = app, version
        self.kept = kept if kept is not None else Kept()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not is_data_address(scope["path"]):
            return await self.app(scope, receive, send)
        key = (scope["path"], scope.get("query_string", b""), self.version())
        answer = self.kept.get(key)
        if answer is not None:
            status, headers, body = answer
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        parts: list[bytes] = []

        async def keeping(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200 and len(parts) == 1:
                    self.kept.put(key, 200, list(start.get("headers", [])), parts[0])
            await send(message)

        await self.app(scope, receive, keeping)
