"""Content negotiation: which of the media types a route offers the `Accept` header prefers.

Every route serves `application/json`; a route that declares more content for its 200
response in OpenAPI (the listings declare `text/csv`) offers those too, so the contract
and the negotiation cannot disagree. `q` values, `type/*` and `*/*` are honoured, the most
specific range deciding a type's quality (RFC 9110, section 12.5.1); on a tie the
server's order decides (JSON first). `application/problem+json` counts as asking for
JSON: successes are JSON, failures problem+json. Nothing acceptable is a 406 problem.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request

from app.http.problems import NotAcceptable

JSON = "application/json"
CSV = "text/csv"
PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def _quality(text: str) -> float:
    try:
        q = float(text)
    except ValueError:
        return 0.0
    return min(max(q, 0.0), 1.0)


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed ones are left out."""
    ranges = []
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = _quality(value.strip())
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """How much the ranges want media_type: the q of the most specific range matching it."""
    matching = [r for r in ranges if r.matches(media_type)]
    if media_type == JSON:
        matching += [r for r in ranges if r.specificity == 2 and r.matches(PROBLEM_JSON)]
    if not matching:
        return 0.0
    top = max(r.specificity for r in matching)
    return max(r.q for r in matching if r.specificity == top)


def best_match(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header prefers; None when it accepts none of them."""
    return _best_match(accept, tuple(offered))


# Clients send a handful of distinct Accept headers, each on every request.
@lru_cache(maxsize=256)
def _best_match(accept: str | None, offered: tuple[str, ...]) -> str | None:
    if accept is None or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:  # nothing readable: as if absent
        return offered[0]
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_q:
            best, best_q = media_type, q
    return best


def offered_by(route: Any) -> tuple[str, ...]:
    """JSON, then every other media type the route declares for its 200 response."""
    responses = getattr(route, "responses", None) or {}
    success = responses.get(200) or responses.get("200") or {}
    return (JSON, *(t for t in success.get("content", {}) if t != JSON))


@lru_cache(maxsize=1024)
def _named_format(query_string: bytes) -> str:
    """The query string's `format`, its last if repeated as for `request.query_params`, or
    ""; parsed once per distinct string."""
    fields = dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    return fields.get("format", "")


FORMATS = {"json": JSON, "csv": CSV}


async def acceptable(request: Request) -> None:
    """A dependency of every route: a 406 problem when Accept allows nothing it serves, or
    when `?format=` names a format it does not serve (as `Accept` naming only that would)."""
    offered = offered_by(request.scope.get("route"))
    requested = _named_format(request.scope["query_string"])
    if requested:
        if len(offered) > 1 or FORMATS.get(requested) in offered:
            return  # ?format= chooses, whatever Accept says (a listing validates its value)
        raise NotAcceptable(offered)
    if best_match(request.headers.get("accept"), offered) is None:
        raise NotAcceptable(offered)
