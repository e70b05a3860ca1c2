"""Conditional GETs and Cache-Control, keyed on the data version (pure ASGI middleware).

A successful GET carries a strong `ETag`, hashed from the data version, the contract's
digest, the path, the query (sorted), the negotiated format and the request's
`Accept-Encoding`: a data change or a new contract changes it, a reload that changes
nothing keeps it, and a gzip or brotli body (a different representation) has its own.
`If-None-Match` naming it is answered 304 before any handler or query runs.

`Last-Modified` is the time of the latest data change (`data_state.changed_at`, which a
deletion bumps too); `If-Modified-Since` is honoured, when no `If-None-Match` is sent, on
the handler's 200 response (it names no representation, so the route must first exist).

While the data version is unknown, and on every error, the response says `no-store` and
carries no validator. A response whose handler set its own `ETag` or `Cache-Control`
(static files, probes) is left as it is.
"""

import base64
import functools
import hashlib
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.db.data_version import Version
from app.http.negotiation import CSV, JSON, best_match
from app.http.vary import add_vary, merged_vary

NO_STORE = "no-store"
VARY = ("Accept", "Accept-Encoding")


def normalised_query(query_string: bytes) -> str:
    """The query with its parameters sorted by name (values of one name keep their order)."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def negotiated_format(query: str, accept: str | None) -> str:
    """The format a listing would choose; other routes serve JSON or refuse with a 406."""
    requested = dict(parse_qsl(query)).get("format")
    return requested or best_match(accept, (JSON, CSV)) or "none"


# The request headers a conditional GET reads, taken from the scope in one pass.
_CONDITIONAL = frozenset({b"accept", b"accept-encoding", b"if-none-match", b"if-modified-since"})


def conditional_headers(scope: Scope) -> dict[bytes, str]:
    """Accept, Accept-Encoding and the conditional headers, by name (the first of each)."""
    found: dict[bytes, str] = {}
    for name, value in scope["headers"]:
        if name in _CONDITIONAL and name not in found:
            found[name] = value.decode("latin-1")
    return found


def entity_tag(version: Version, contract: str, scope: Scope, headers: dict[bytes, str]) -> str:
    return _entity_tag(
        contract,
        version.number,
        scope["path"],
        scope.get("query_string", b""),
        headers.get(b"accept"),
        headers.get(b"accept-encoding", ""),
    )


# Clients ask for the same few URLs again and again: their tags are worked out once.
@functools.lru_cache(maxsize=4096)
def _entity_tag(
    contract: str,
    version: int,
    path: str,
    query_string: bytes,
    accept: str | None,
    accept_encoding: str,
) -> str:
    query = normalised_query(query_string)
    codings = sorted(c.strip() for c in accept_encoding.lower().split(","))
    parts = (
        contract,
        str(version),
        path,
        query,
        negotiated_format(query, accept),
        ",".join(c for c in codings if c),
    )
    digest = hashlib.sha256("\0".join(parts).encode()).digest()[:12]
    return f'"{version}-{base64.urlsafe_b64encode(digest).decode()}"'


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def none_match(header: str, etag: str) -> bool:
    """If-None-Match names etag (weak comparison, as RFC 9110 asks for GET)."""
    return any(_opaque(tag) == etag for tag in header.split(","))


@functools.lru_cache(maxsize=64)
def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


@functools.lru_cache(maxsize=4096)
def _raw_validators(validators: tuple[tuple[str, str], ...]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode(), value.encode("latin-1")) for name, value in validators]


def not_modified_since(header: str, changed_at: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        return False
    return changed_at.replace(microsecond=0) <= since


class CachingMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        version: Callable[[], Version | None],
        contract: Callable[[], str],
        cache_control: str,
        uncached_paths: Collection[str] = (),
    ) -> None:
        self.app = app
        self.version = version
        self.contract = contract
        self.cache_control = cache_control
        self.uncached_paths = frozenset(uncached_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        version = self.version()
        cacheable = scope["method"] in ("GET", "HEAD") and scope["path"] not in self.uncached_paths
        if not cacheable or version is None:
            await self.app(scope, receive, _no_store(send))
            return
        headers = conditional_headers(scope)
        etag = entity_tag(version, self.contract(), scope, headers)
        validators = {
            "ETag": etag,
            "Last-Modified": http_date(version.changed_at),
            "Cache-Control": self.cache_control,
        }
        if_none_match = headers.get(b"if-none-match")
        if if_none_match is not None and if_none_match.strip() != "*":
            if none_match(if_none_match, etag):
                await _send_not_modified(send, validators)
                return
            late_check = False
        else:
            late_check = if_none_match is not None or b"if-modified-since" in headers
        await self.app(
            scope, receive, self._validated(send, version, validators, headers, late_check)
        )

    def _validated(
        self,
        send: Send,
        version: Version,
        validators: dict[str, str],
        request: dict[bytes, str],
        late_check: bool,
    ) -> Send:
        swallowing = False

        async def wrapped(message: Message) -> None:
            nonlocal swallowing
            if message["type"] == "http.response.start":
                status = message["status"]
                if status >= 400 or self.version() != version:
                    _forbid_storing(MutableHeaders(scope=message))
                elif status == 200 and not _sets_own_caching(message):
                    vary = _with_validators(message, validators)
                    if late_check and _unchanged(request, version):
                        swallowing = True
                        await _send_not_modified(send, validators, vary)
                        return
            elif swallowing:
                return  # the handler's body of a response already answered 304
            await send(message)

        return wrapped


def _sets_own_caching(message: Message) -> bool:
    """The handler chose its own validator or caching (static files, probes)."""
    return any(name in (b"etag", b"cache-control") for name, _ in message.get("headers", ()))


def _with_validators(message: Message, validators: dict[str, str]) -> str:
    """Add the validators and Vary to a response's raw headers; return its Vary."""
    kept, vary = [], None
    for name, value in message.get("headers", ()):
        if name == b"vary":
            vary = vary if vary is not None else value.decode("latin-1")
        elif name != b"last-modified":  # the data's own replaces any other
            kept.append((name, value))
    vary = merged_vary(vary or "", VARY)
    message["headers"] = [
        *kept,
        *_raw_validators(tuple(validators.items())),
        (b"vary", vary.encode("latin-1")),
    ]
    return vary


def _unchanged(request: dict[bytes, str], version: Version) -> bool:
    """If-None-Match: * (any current representation), or not modified since."""
    if_none_match = request.get(b"if-none-match")
    if if_none_match is not None:
        return if_none_match.strip() == "*"
    return not_modified_since(request[b"if-modified-since"], version.changed_at)


async def _send_not_modified(
    send: Send, validators: dict[str, str], vary: str | None = None
) -> None:
    headers = MutableHeaders(headers=validators)
    if vary is not None:
        headers["Vary"] = vary
    add_vary(headers, *VARY)
    await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


def _no_store(send: Send) -> Send:
    """Nothing to validate against: data responses and errors must not be stored."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            if message["status"] >= 400 or "etag" not in headers:
                _forbid_storing(headers)
        await send(message)

    return wrapped


def _forbid_storing(headers: MutableHeaders) -> None:
    """`Cache-Control: no-store`, and no validator to revalidate with."""
    headers["Cache-Control"] = NO_STORE
    for name in ("ETag", "Last-Modified"):
        del headers[name]
