"""Pieces of request and response schemas that several domains share."""

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date_text(value: object) -> object:
    """Only `YYYY-MM-DD` text: Pydantic would also read `0` as 1970-01-01."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("must be an ISO 8601 date string, YYYY-MM-DD")


def unicode_text(value: str) -> str:
    """Text that UTF-8 can encode: JSON's `\\ud800` escapes decode to lone surrogates."""
    try:
        value.encode()
    except UnicodeEncodeError as exc:
        raise ValueError("holds a lone surrogate, which is not a character") from exc
    return value


# Dates of the write schemas: ISO 8601 text only.
IsoDate = Annotated[date, BeforeValidator(iso_date_text)]


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# Exact Decimal inside the service, a plain JSON number at the boundary.
JsonNumber = Annotated[
    Decimal, PlainSerializer(json_number, return_type=int | float, when_used="json")
]


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, validate_by_name=True, validate_by_alias=True)


class SourceRead(Schema):
    """Where a fact comes from: the document and the exact span of its text."""

    document_id: int = Field(description="Id of the source document.", examples=[1])
    quote: str = Field(
        description="The sentence or phrase stating the fact, verbatim.",
        examples=["In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."],
    )
    char_start: int = Field(description="Offset of the quote's first character.", examples=[1630])
    char_end: int = Field(
        description="Offset just past the quote's last character.", examples=[1699]
    )


class PlaceRead(Schema):
    """A city or region."""

    id: int = Field(description="Place id.", examples=[1])
    name: str = Field(description="Name of the city or region.", examples=["Taraz"])
    kind: str = Field(description="`city` or `region`.", examples=["city"])
    country: str = Field(description="ISO 3166-1 alpha-3 code.", examples=["KAZ"])
