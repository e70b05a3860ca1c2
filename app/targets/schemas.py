from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from app.http.schemas import JsonNumber, Schema, SourceRead
from app.review.schemas import CORRECTION_RULE, Correction


class TargetRead(Schema):
    """A goal two countries set for their trade."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 1,
                    "countries": ["KAZ", "KGZ"],
                    "flow": "turnover",
                    "value_usd": 2000000000,
                    "value_qualifier": "exact",
                    "target_year": None,
                    "set_by": "the Presidents of Kazakhstan and the Kyrgyz Republic",
                    "review": "reviewed",
                    "source": {
                        "document_id": 1,
                        "quote": "the goal set by the Presidents of the two states to increase "
                        "trade turnover to $2 billion",
                        "char_start": 2160,
                        "char_end": 2249,
                    },
                }
            ]
        }
    )

    id: int = Field(description="Target id.")
    countries: list[str] = Field(description="The two countries (ISO3), alphabetical.")
    flow: str = Field(description="`turnover`, `export` or `import`.")
    value_usd: JsonNumber = Field(description="The goal in US dollars.")
    value_qualifier: str = Field(description="`exact`, `approximate`, `at_least` or `at_most`.")
    target_year: int | None = Field(description="Year by which to reach it; null if not given.")
    set_by: str | None = Field(description="Who set it, as the document says.")
    review: str = Field(
        description="`reviewed` (curated or confirmed by a curator) or `extracted` (unchecked)."
    )
    source: SourceRead = Field(description="The document and the words stating the target.")


class TargetCorrection(Correction):
    """A curator's confirmation or correction of a target."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": f"A curator's confirmation or correction of a target. {CORRECTION_RULE}",
            "examples": [{"review": "reviewed"}, {"target_year": 2030}],
        }
    )

    value_usd: Decimal | None = Field(
        default=None,
        gt=0,
        max_digits=20,
        decimal_places=2,
        description="The goal in US dollars.",
        examples=[2000000000],
    )
    value_qualifier: Literal["exact", "approximate", "at_least", "at_most"] | None = Field(
        default=None, description="How the quote qualifies the goal.", examples=["exact"]
    )
    target_year: int | None = Field(
        default=None, ge=1900, le=2200, description="Year by which to reach it.", examples=[2030]
    )
    countries: list[Annotated[str, StringConstraints(max_length=100)]] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="The two countries: codes or names.",
        examples=[["KAZ", "KGZ"]],
    )
