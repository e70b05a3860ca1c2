"""Keyset pagination: opaque cursors over a unique sort key, and the Page envelope."""

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from app.errors import BadRequest

T = TypeVar("T")

Limit = Annotated[
    int, Query(ge=1, le=1000, description="Items per page (1..1000).", examples=[100])
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=512,
        description="`next_cursor` of the previous page; omit for the first page.",
        examples=["WyIyMDIyLTAxLTAxIiwgMV0"],
    ),
]


class Page(BaseModel, Generic[T]):
    items: list[T] = Field(description="This page's items, in order.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page.",
        examples=[None],
    )


def encode_cursor(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# Largest value of a BIGINT key; INTEGER keys use MAX_ID.
MAX_BIG_ID = 2**63 - 1
MAX_ID = 2**31 - 1


def decode_cursor(
    cursor: str, shape: tuple[type, ...], max_int: int = MAX_ID, min_int: int = 0
) -> list[Any]:
    """The key a cursor encodes; a cursor of any other shape, or out of range, is a 400."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("The cursor is malformed; use a next_cursor value as given.") from exc
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


def after_id(cursor: str | None) -> int | None:
    """The last id of the previous page of a listing ordered by id."""
    if not cursor:
        return None
    [last_id] = decode_cursor(cursor, (int,))
    if last_id < 1:  # no row has such an id: the cursor was made by hand
        raise BadRequest("The cursor does not belong to this listing.")
    return int(last_id)


def split_page(rows: list[T], limit: int, key_of: Any) -> tuple[list[T], str | None]:
    """Rows were fetched with limit + 1: the extra row only says another page exists."""
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor(key_of(rows[-1]))
    return rows, None


def page_of(rows: list[T], limit: int, key_of: Any) -> Page[T]:
    items, next_cursor = split_page(rows, limit, key_of)
    return Page(items=items, next_cursor=next_cursor)
