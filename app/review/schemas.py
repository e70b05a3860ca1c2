"""What every correction request has: the review status to set and an optional new quote."""

from typing import Literal

from pydantic import ConfigDict, Field

from app.http.schemas import Schema

CORRECTION_RULE = (
    "Every corrected field must be supported by the fact's quote: a value or count written "
    "in it, the year of a period written in it; a country named in the document. Give "
    "`quote` (an exact substring of the document) to cite other words."
)


class Correction(Schema):
    """Fields every PATCH of a fact accepts; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    review: Literal["reviewed", "extracted"] | None = Field(
        default=None,
        description="The review status to set; `reviewed` when omitted.",
        examples=["reviewed"],
    )
    quote: str | None = Field(
        default=None,
        min_length=1,
        max_length=10_000,
        description="A new quote, an exact substring of the document, that states the "
        "corrected fields; the current quote when omitted.",
        examples=["Trade between the two countries reached $1.28 billion in 2022."],
    )

    def corrections(self) -> set[str]:
        """The fields given besides `review` and `quote`."""
        return self.model_fields_set - {"review", "quote"}
