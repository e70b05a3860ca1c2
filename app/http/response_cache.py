"""Encoded responses kept in memory and served again until the loaded data changes.

Entries are keyed by the request (path, query string and the headers a response may vary on)
and belong to one data version (app.db.data_version): when another version is announced, by
NOTIFY to every worker process, the whole cache is dropped. While the version is unknown
(database unreachable) nothing is served from or stored in the cache.

This middleware sits outside compression and ETags, so that an entry is the finished
answer (its encoding and validators included; the key holds Accept-Encoding), and inside
every middleware that adds headers per request (request id, rate limits, CORS): those add
theirs to each answer, cached or not. A request carrying a validator goes past the cache to
the ETag layer, which answers 304.
"""

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
# Request headers that make the answer personal or conditional: such requests go through.
_BYPASS = frozenset({b"if-none-match", b"if-modified-since", b"range", b"cookie"})
# Request headers a response may vary on; they are part of the key.
_KEYED = (b"accept", b"accept-encoding", b"origin")
_KEYED_NAMES = frozenset(name.decode() for name in _KEYED)

Key = tuple[str, bytes, bytes | None, bytes | None, bytes | None]


@dataclass(frozen=True)
class Entry:
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    route: Any  # the route that answered, for the metrics of the requests served from here


def current_version(scope: Scope) -> int | None:
    tracker = getattr(scope["app"].state, "data_version", None)
    version = tracker.current if tracker is not None else None
    return version.number if version is not None else None


def _request_key(scope: Scope) -> Key | None:
    keyed: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name in _BYPASS or (name == b"cache-control" and b"no-cache" in value):
            return None
        if name in _KEYED:
            keyed[name] = value
    accept, encoding, origin = (keyed.get(name) for name in _KEYED)
    return (scope["path"], scope["query_string"], accept, encoding, origin)


def _storable(message: Message) -> bool:
    if message["status"] != 200:
        return False
    for name, value in message.get("headers", ()):
        if name == b"set-cookie":
            return False
        if name == b"cache-control" and (b"no-store" in value or b"private" in value):
            return False
        if name == b"vary":
            varied = {part.strip().lower() for part in value.decode("latin-1").split(",")}
            if not varied <= _KEYED_NAMES:
                return False
    return True


class ResponseCacheMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, max_entry_bytes: int = 1 << 20) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.entries: OrderedDict[Key, Entry] = OrderedDict()
        self.size = 0
        self.version: int | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        version = current_version(scope)
        key = _request_key(scope)
        if version is None or key is None:
            await self.app(scope, receive, send)
            return
        if version != self.version:
            self.clear()
            self.version = version
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
            scope["route"] = entry.route
            # A fresh header list each time: outer middleware appends to it.
            await send({"type": "http.response.start", "status": 200, "headers": [*entry.headers]})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self.app(scope, receive, self._recorder(scope, key, version, send))

    def _recorder(self, scope: Scope, key: Key, version: int, send: Send) -> Send:
        headers: tuple[tuple[bytes, bytes], ...] | None = None
        chunks: list[bytes] = []
        size = 0

        async def record(message: Message) -> None:
            nonlocal headers, size
            if message["type"] == "http.response.start" and _storable(message):
                headers = tuple(message.get("headers", ()))
            elif message["type"] == "http.response.body" and headers is not None:
                body: bytes = message.get("body", b"")
                size += len(body)
                if size > self.max_entry_bytes:
                    headers = None
                else:
                    chunks.append(body)
                    if not message.get("more_body", False) and current_version(scope) == version:
                        entry = Entry(headers, b"".join(chunks), scope.get("route"))
                        self._store(key, entry)
            await send(message)

        return record

    def _store(self, key: Key, entry: Entry) -> None:
        if key in self.entries:
            return
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0
