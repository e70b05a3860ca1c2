"""Requests per client and window, counted by `limits` in Redis (shared by every worker) or memory.

A client is its API key (`Authorization: Bearer ...`, hashed) or else its IP address. Every
counted response says where the client stands (RateLimit-Limit, -Remaining, -Reset); over the
limit the answer is a 429 problem with Retry-After. If Redis fails, requests are let through:
a broken counter must not take the API down.
"""

import hashlib
import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.storage import storage_from_string
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import TooManyRequests, send_problem
from app.http.headers import header

logger = logging.getLogger(__name__)

EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
REDIS_TIMEOUT_S = 0.25


def make_storage(redis_url: str | None, key_prefix: str) -> Storage:
    if not redis_url:
        return MemoryStorage()
    # A Redis that does not answer must not hold requests up: fail fast, then serve uncounted.
    storage = storage_from_string(
        f"async+{redis_url}",
        key_prefix=key_prefix,
        connect_timeout=REDIS_TIMEOUT_S,
        stream_timeout=REDIS_TIMEOUT_S,
    )
    assert isinstance(storage, Storage)
    return storage


def client_key(scope: Scope) -> str:
    authorization = header(scope, b"authorization")
    if authorization is not None and authorization[:7].lower() == b"bearer ":
        return "key:" + hashlib.sha256(authorization[7:].strip()).hexdigest()[:32]
    client = scope.get("client")
    return "ip:" + (client[0] if client else "unknown")


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: str, storage: Storage) -> None:
        self.app = app
        self.limit = limit
        self.item: RateLimitItem = parse(limit)
        self.limiter = FixedWindowRateLimiter(storage)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        key = client_key(scope)
        try:
            allowed = await self.limiter.hit(self.item, key)
            reset_at, remaining = await self.limiter.get_window_stats(self.item, key)
        except Exception as exc:  # the counter's store is down: serve, uncounted
            logger.warning("rate limit store unavailable: %s", type(exc).__name__)
            await self.app(scope, receive, send)
            return
        reset = max(0, math.ceil(reset_at - time.time()))
        headers = {
            "RateLimit-Limit": str(self.item.amount),
            "RateLimit-Remaining": str(remaining),
            "RateLimit-Reset": str(reset),
        }
        if not allowed:
            error = TooManyRequests(f"The limit is {self.limit}; try again in {reset} s.")
            headers["Retry-After"] = str(max(1, reset))
            await send_problem(scope, receive, send, error, headers=headers)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in headers.items():
                    response_headers.append(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
