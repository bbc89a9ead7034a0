"""ASGI middleware that guards every request: security headers, body size limits, a per-client rate limit.

- **Headers** (:class:`SecurityHeaders`): a Content-Security-Policy that lets a page load scripts, styles,
  images and data only from this server (:data:`CSP`), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: same-origin``, ``X-Frame-Options: DENY``.
- **Body size** (:class:`BodyLimit`): at most :data:`CHECK_BYTES` for ``/check`` (an article's text) and
  :data:`OTHER_BYTES` elsewhere; a larger body is refused with 413, from its Content-Length before it is
  read, or as soon as a streamed body passes the limit. A body still arriving :data:`BODY_SECONDS` after
  the request began (a slow client holding a worker) is refused with 408.
- **HEAD** (:class:`HeadAsGet`): answered as GET, without the body.
- **Rate** (:class:`RateLimit`): a token bucket per client address (Turner 1986's leaky bucket, counted in
  requests), kept in memory; static files do not count. ``entente serve --no-rate-limit`` turns it off.

Refusals carry the one error shape (:func:`entente.web.errors.payload`).
"""

from __future__ import annotations

import threading
import time

import anyio
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entente.web.errors import payload

#: Styles may be inline: the brief's SVG charts (matplotlib) style their shapes with style attributes.
#: Scripts come only from this server's /static, and may not eval: Vega compiles its expressions with
#: ``new Function`` unless it is given vega-interpreter (``vegaEmbed(el, spec, {ast: true, expr: ...})``).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = ((b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"))

CHECK_BYTES = 1_000_000
OTHER_BYTES = 64 * 1024
#: Seconds a request's whole body may take to arrive (a megabyte of article text takes well under one).
BODY_SECONDS = 20.0


class SecurityHeaders:
    """Add :data:`HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answer HEAD as GET without the body (FastAPI's routes take GET only; link checkers and ``curl -I``
    send HEAD)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class BodyLimit:
    """Refuse request bodies over the limit for their path with 413, and a body that does not arrive within
    :data:`BODY_SECONDS` of the request (a client trickling it a byte at a time) with 408."""

    def __init__(self, app: ASGIApp, *, check_bytes: int = CHECK_BYTES, other_bytes: int = OTHER_BYTES,
                 body_seconds: float = BODY_SECONDS):
        self.app, self.check_bytes, self.other_bytes = app, check_bytes, other_bytes
        self.body_seconds = body_seconds

    def limit(self, path: str) -> int:
        return self.check_bytes if path == "/check" or path.startswith("/check.") else self.other_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit(scope["path"])
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                size = -1
            if size < 0 or size > limit:
                return await _refuse(send, 413 if size > limit else 400, "payload_too_large" if size > limit
                                     else "bad_request", _too_large(limit) if size > limit
                                     else "The Content-Length header is not a number.",
                                     "Send less text (at most 1 MB for /check).")
        seen = 0
        deadline = anyio.current_time() + self.body_seconds

        async def counted() -> Message:
            nonlocal seen
            try:
                with anyio.fail_after(max(0.0, deadline - anyio.current_time())):
                    message = await receive()
            except TimeoutError:
                raise HTTPException(408, f"The request's body did not arrive within {self.body_seconds:g} s; "
                                         "send it at once.") from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, _too_large(limit))
            return message

        await self.app(scope, counted, send)


def _too_large(limit: int) -> str:
    return f"The request's body is larger than {limit:,} bytes, the most this address takes."


async def _refuse(send: Send, status: int, code: str, message: str, hint: str, headers: dict | None = None) -> None:
    response = JSONResponse(payload(status, code, message, hint), status_code=status, headers=headers)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:  # a refusal never reads the body
    return {"type": "http.disconnect"}


class Buckets:
    """Token buckets by client: ``per_minute`` requests a minute on average, ``burst`` at once."""

    def __init__(self, per_minute: float = 240, burst: int = 60, *, clock=time.monotonic):
        self.rate, self.burst, self.clock = per_minute / 60.0, burst, clock
        self._state: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 if ``client`` may go ahead (a token taken), else the seconds until it may."""
        now = self.clock()
        with self._lock:
            if len(self._state) > 10_000:       # forget idle clients rather than grow without bound
                self._state = {k: v for k, v in self._state.items() if now - v[1] < 60}
            tokens, last = self._state.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._state[client] = (tokens - 1, now)
                return 0.0
            self._state[client] = (tokens, now)
            return (1 - tokens) / self.rate


class RateLimit:
    """429 (with Retry-After) for a client over its bucket; static files are not counted."""

    def __init__(self, app: ASGIApp, *, buckets: Buckets):
        self.app, self.buckets = app, buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.buckets.take(client)
        if wait:
            seconds = max(1, int(wait + 0.999))
            return await _refuse(send, 429, "rate_limited", f"Too many requests from {client}; wait {seconds} s.",
                                 "Wait a moment and try again.", headers={"Retry-After": str(seconds)})
        await self.app(scope, receive, send)
