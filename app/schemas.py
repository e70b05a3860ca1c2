"""Pieces of response schemas that several domains share."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


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
