"""Every request gets an id: taken from X-Request-ID when it is sane, else made up.

The id is echoed in the response's X-Request-ID and kept in a context variable, so every log
line written while the request is handled names it (see app.runtime.logging).
"""

import os
import re
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.headers import header

HEADER = "X-Request-ID"
# Letters, digits and a few separators, as trace ids and UUIDs use; anything else is replaced.
_VALID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return request_id.get()


def _given(scope: Scope) -> str | None:
    value = header(scope, b"x-request-id")
    if value is None:
        return None
    text = value.decode("latin-1")
    return text if _VALID.fullmatch(text) else None


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _given(scope) or os.urandom(16).hex()
        # Not reset afterwards on purpose: each request runs in a task of its own, and the
        # 500 handler, which runs outside this middleware, still needs the id.
        request_id.set(rid)

        echoed = (HEADER.lower().encode(), rid.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), echoed]
            await send(message)

        await self.app(scope, receive, send_with_id)
