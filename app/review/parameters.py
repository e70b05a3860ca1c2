"""The `review` query parameter every listing of figures, targets and agreements takes."""

from typing import Annotated, Literal

from fastapi import Query

ReviewFilter = Literal["reviewed", "extracted", "all"]

ReviewParameter = Annotated[
    ReviewFilter,
    Query(
        description="`reviewed`: only facts a person has checked; `extracted`: only those the "
        "extractor drafted; `all`: both.",
        examples=["reviewed"],
    ),
]


def review_filter(value: ReviewFilter) -> str | None:
    """The review status to filter on; None for `all`."""
    return None if value == "all" else value
