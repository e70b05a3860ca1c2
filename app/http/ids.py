"""Integer ids in paths: plain ASCII digits only, within the column's range.

Pydantic reads `" 2"`, `"+2"` or `"2\\r"` as the integer 2, so `/agreements/%202` would
answer as `/agreements/2`: one resource under many URLs, which caches and clients then
keep apart. Every `{..._id}` path parameter is an `IdPath`, and anything but digits is a
422 problem.
"""

from typing import Any

from fastapi import Path
from pydantic import BeforeValidator
from starlette.convertors import Convertor, register_url_convertor

MAX_ID = 2**31 - 1  # INTEGER columns
MAX_BIG_ID = 2**63 - 1  # BIGINT columns


def plain_digits(value: object) -> object:
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise ValueError("must be plain digits (0-9), with no sign, space or other character")
    return value


PLAIN_DIGITS = BeforeValidator(plain_digits)

# Free text in a query: any character PostgreSQL can compare, so anything but NUL.
NO_NUL = r"^[^\x00]*$"


def id_path(description: str, maximum: int = MAX_ID) -> Any:
    """The `Path(...)` of an id; use as `Annotated[int, id_path("Event id."), PLAIN_DIGITS]`."""
    return Path(ge=1, le=maximum, description=description, examples=[1])


class BigIdConvertor(Convertor[int]):
    """A path segment of at most 19 digits (a BIGINT's), for a route that must not take a
    sibling's name for an id (`/turnover/series`). Bounded, so that no 5,000-digit segment
    reaches int(); a segment it refuses matches the route's GET twin, which answers 422."""

    regex = "[0-9]{1,19}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("big_id", BigIdConvertor())
