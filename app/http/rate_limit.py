"""Requests per client and window, counted in Redis (by `limits`, shared by every worker) or memory.

A client is its API key (`Authorization: Bearer ...`, hashed) when that key verifies, or else
its IP address: a made-up or revoked token is ignored and counted by address. Every
counted response says where the client stands (RateLimit-Limit, -Remaining, -Reset); over the
limit the answer is a 429 problem with Retry-After. If Redis fails, requests are let through:
a broken counter must not take the API down.

Windows are fixed, as limits' FixedWindowRateLimiter counts them: the storage's atomic
increment gives the count, and a window's end, which cannot move while the window lasts,
is asked once per window and client rather than on every request (with Redis, one round
trip per request instead of three). Without Redis the counts live in this process
(app/http/window_counts.py).
"""

import functools
import hashlib
import logging
import math
import time
from collections import OrderedDict
from typing import Protocol

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.known_keys import KnownKeys
from app.http.headers import header
from app.http.problems import TooManyRequests, send_problem
from app.http.window_counts import WindowCounts

logger = logging.getLogger(__name__)

EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
REDIS_TIMEOUT_S = 0.25
# Window ends remembered per client; past this many clients the oldest are asked again.
KNOWN_WINDOWS = 10_000


class Counts(Protocol):
    """The two operations of a `limits` storage the limiter uses."""

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int: ...

    async def get_expiry(self, key: str) -> float: ...


def make_storage(redis_url: str | None, key_prefix: str) -> Counts:
    if not redis_url:
        return WindowCounts()
    # A Redis that does not answer must not hold requests up: fail fast, then serve uncounted.
    storage = storage_from_string(
        f"async+{redis_url}",
        key_prefix=key_prefix,
        connect_timeout=REDIS_TIMEOUT_S,
        stream_timeout=REDIS_TIMEOUT_S,
    )
    assert isinstance(storage, Storage)
    return storage


def bearer_token(scope: Scope) -> str | None:
    authorization = header(scope, b"authorization")
    if authorization is None or authorization[:7].lower() != b"bearer ":
        return None
    return authorization[7:].strip().decode("latin-1")


async def client_key(scope: Scope, known_keys: KnownKeys) -> str:
    """`key:<hash>` for an active API key, else `ip:<address>`."""
    token = bearer_token(scope)
    if token is not None:
        app = scope.get("app")
        sessionmaker = getattr(app.state, "sessionmaker", None) if app is not None else None
        if await known_keys.is_active(sessionmaker, token):
            return "key:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    client = scope.get("client")
    return "ip:" + (client[0] if client else "unknown")


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: str, storage: Counts) -> None:
        self.app = app
        self.limit = limit
        self.item: RateLimitItem = parse(limit)
        # The store's key of each client, built once: `limits` joins its parts every time.
        self.key_for = functools.lru_cache(maxsize=KNOWN_WINDOWS)(self.item.key_for)
        self.storage = storage
        self.limit_header = (b"ratelimit-limit", str(self.item.amount).encode())
        self.window_ends: OrderedDict[str, float] = OrderedDict()
        self.known_keys = KnownKeys()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        key = self.key_for(await client_key(scope, self.known_keys))
        try:
            count = await self.storage.incr(key, self.item.get_expiry())
            reset_at = await self._window_end(key)
        except Exception as exc:  # the counter's store is down: serve, uncounted
            logger.warning("rate limit store unavailable: %s", type(exc).__name__)
            await self.app(scope, receive, send)
            return
        remaining = max(0, self.item.amount - count)
        reset = max(0, math.ceil(reset_at - time.time()))
        standing = [
            self.limit_header,
            (b"ratelimit-remaining", str(remaining).encode()),
            (b"ratelimit-reset", str(reset).encode()),
        ]
        if count > self.item.amount:
            error = TooManyRequests(f"The limit is {self.limit}; try again in {reset} s.")
            headers = {name.decode(): value.decode() for name, value in standing}
            headers["Retry-After"] = str(max(1, reset))
            await send_problem(scope, receive, send, error, headers=headers)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *standing]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _window_end(self, key: str) -> float:
        known = self.window_ends.get(key)
        if known is not None and known > time.time():
            return known
        end = await self.storage.get_expiry(key)
        self.window_ends[key] = end
        self.window_ends.move_to_end(key)
        if len(self.window_ends) > KNOWN_WINDOWS:
            self.window_ends.popitem(last=False)
        return end
