"""Refuse what no route needs before any route runs: huge URLs and bodies, NUL characters."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.headers import header
from app.http.problems import AppError, BadRequest, PayloadTooLarge, UriTooLong, send_problem

MAX_QUERY_BYTES = 2048
MAX_BODY_BYTES = 1024 * 1024


def _content_length(scope: Scope) -> int | None:
    value = header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class RequestLimitsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        error = _refusal(scope)
        if error is not None:
            await send_problem(scope, receive, send, error)
            return
        await self.app(scope, _bounded(receive), send)


def _refusal(scope: Scope) -> AppError | None:
    query: bytes = scope["query_string"]
    if len(query) > MAX_QUERY_BYTES:
        return UriTooLong(f"The query string is longer than {MAX_QUERY_BYTES} bytes.")
    # PostgreSQL text cannot hold NUL; no parameter of this API needs one.
    if b"%00" in query or "\x00" in scope["path"]:
        return BadRequest("The request holds a NUL character (%00).")
    length = _content_length(scope)
    if length is not None and length > MAX_BODY_BYTES:
        return PayloadTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    return None


def _bounded(receive: Receive) -> Receive:
    """A body sent without Content-Length is counted as it arrives."""
    seen = 0

    async def bounded_receive() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise PayloadTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
        return message

    return bounded_receive
