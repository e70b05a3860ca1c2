"""Keyset pagination: signed opaque cursors over a unique sort key, and the Page envelope.

A cursor is `<payload>.<signature>`: the payload is the base64url JSON of the last key of
the page, the signature the first 16 bytes of the HMAC-SHA256, under the cursor key, of the
listing's name and the payload. A cursor that was edited, truncated, signed under another
key or made by another listing is a 400 problem; so is a key value out of its column's
range, as a query parameter would be.
"""

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from app.config import get_settings
from app.http.ids import MAX_ID
from app.http.problems import BadRequest

T = TypeVar("T")

COUNTRY_CODE = re.compile(r"[A-Z]{3}")

PAGE_MAX = 1000  # items of one JSON page
EXPORT_MAX = 10_000_000  # rows of one CSV page, streamed

Cursor = Annotated[
    str | None,
    Query(
        max_length=512,
        description="`next_cursor` of the previous page (or the `cursor` of its `Link: "
        'rel="next"` header); omit, or leave empty, for the first page. Opaque, signed and '
        "good only on the listing (and order) that made it: use it as given.",
        # Cursors are signed per deployment: the one example every service accepts is the
        # empty one, the first page.
        examples=[""],
    ),
]


class Page(BaseModel, Generic[T]):
    """One page of a listing, in a stable order, and the cursor of the next page."""

    items: list[T] = Field(description="This page's items, in order.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page.",
        examples=["WyIyMDIyLTAxLTAxIiwxXQ.3sK1mXq0Yb9n2cVtQw7hZg"],
    )


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode())


class StoredSecret:
    """The secret kept with the data (app.paging.cursor_secret), which the app's start-up reads.

    Until it has (an app whose lifespan has not run), a random secret of this process:
    cursors then last as long as the process, and are never guessable.
    """

    def __init__(self) -> None:
        self.value = secrets.token_urlsafe(32)

    def use(self, secret: str) -> None:
        self.value = secret


STORED_SECRET = StoredSecret()


def cursor_key() -> bytes:
    """The signing key: CURSOR_SECRET, else the secret stored in the database.

    Every worker and replica of one deployment shares both, so a cursor made by one is good
    on any other, and after a restart.
    """
    settings = get_settings()
    if settings.cursor_secret is not None:
        secret = "secret:" + settings.cursor_secret.get_secret_value()
    else:
        secret = "stored:" + STORED_SECRET.value
    return hashlib.sha256(b"tradestat cursor key\0" + secret.encode()).digest()


def _signature(listing: str, payload: str) -> str:
    signed = listing.encode() + b"\0" + payload.encode()
    return _b64encode(hmac.digest(cursor_key(), signed, "sha256")[:16])


def encode_cursor(key: list[Any], listing: str) -> str:
    """A cursor after `key`, good only on `listing` (the listing's path)."""
    payload = _b64encode(json.dumps(key, separators=(",", ":"), default=str).encode())
    return f"{payload}.{_signature(listing, payload)}"


WRONG_LISTING = (
    "The cursor is malformed, altered or made by another listing; use a next_cursor value "
    "of this listing as given."
)


def _verified_key(cursor: str, listing: str) -> Any:
    payload, dot, signature = cursor.partition(".")
    expected = _signature(listing, payload)
    if not dot or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise BadRequest(WRONG_LISTING)
    try:
        return json.loads(_b64decode(payload))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("The cursor is malformed; use a next_cursor value as given.") from exc


def decode_cursor(
    cursor: str, listing: str, shape: tuple[type, ...], max_int: int = MAX_ID, min_int: int = 0
) -> list[Any]:
    """The key a cursor of `listing` encodes; any other shape, or out of range, is a 400."""
    key = _verified_key(cursor, listing)
    if not isinstance(key, list) or len(key) != len(shape):
        raise BadRequest("The cursor does not belong to this listing.")
    for value, expected in zip(key, shape, strict=True):
        if not isinstance(value, expected) or isinstance(value, bool):
            raise BadRequest("The cursor does not belong to this listing.")
        if isinstance(value, int) and not min_int <= value <= max_int:
            raise BadRequest("The cursor does not belong to this listing.")
        if isinstance(value, str) and len(value) > 200:
            raise BadRequest("The cursor does not belong to this listing.")
    return key


def after_id(cursor: str | None, listing: str) -> int | None:
    """The last id of the previous page of a listing ordered by id."""
    if not cursor:
        return None
    [last_id] = decode_cursor(cursor, listing, (int,))
    if last_id < 1:  # no row has such an id: the cursor was made by hand
        raise BadRequest("The cursor does not belong to this listing.")
    return int(last_id)


def after_code(cursor: str | None, listing: str) -> str | None:
    """The last country code of the previous page of a listing ordered by code."""
    if not cursor:
        return None
    [code] = decode_cursor(cursor, listing, (str,))
    if not COUNTRY_CODE.fullmatch(code):
        raise BadRequest("The cursor does not belong to this listing.")
    return str(code)


def split_page(rows: list[T], limit: int, key_of: Any, listing: str) -> tuple[list[T], str | None]:
    """Rows were fetched with limit + 1: the extra row only says another page exists."""
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor(key_of(rows[-1]), listing)
    return rows, None


def page_of(rows: list[T], limit: int, key_of: Any, listing: str) -> Page[T]:
    items, next_cursor = split_page(rows, limit, key_of, listing)
    return Page(items=items, next_cursor=next_cursor)
