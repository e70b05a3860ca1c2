from datetime import date

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from app.schemas import JsonNumber, Schema, SourceRead

TURNOVER_EXAMPLE: JsonDict = {
    "id": 1,
    "reporter": "KAZ",
    "partner": "KGZ",
    "flow": "turnover",
    "period_start": "2022-01-01",
    "period_end": "2022-12-31",
    "period_label": "2022",
    "period_inferred": False,
    "value_usd": 1300000000,
    "value_qualifier": "approximate",
    "amount": 1300000000,
    "currency": "USD",
    "growth_pct": 19,
    "growth_qualifier": "at_most",
    "attribution": "the Prime Minister’s press service",
    "source": {
        "document_id": 1,
        "quote": "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion.",
        "char_start": 1630,
        "char_end": 1699,
    },
}


class TurnoverRead(Schema):
    """A trade figure for one flow between two countries over one period, with its source."""

    model_config = ConfigDict(json_schema_extra={"examples": [TURNOVER_EXAMPLE]})

    id: int = Field(description="Figure id.")
    reporter: str = Field(description="ISO3 of the country whose officials or statistics state it.")
    partner: str = Field(description="ISO3 of the other country.")
    flow: str = Field(description="`turnover` (exports + imports), `export` or `import`.")
    period_start: date = Field(description="First day of the period.")
    period_end: date = Field(description="Last day of the period.")
    period_label: str = Field(
        description="The period as people say it: `2022`, `January-July 2023`."
    )
    period_inferred: bool = Field(
        description="True when the year was not written next to the figure but taken from context."
    )
    value_usd: JsonNumber | None = Field(
        description="Value in US dollars; null for other currencies."
    )
    value_qualifier: str = Field(
        description="`exact`, `approximate`, `at_least` (over, more than) "
        "or `at_most` (nearly, up to)."
    )
    amount: JsonNumber = Field(description="Value in `currency`, as stated.")
    currency: str = Field(description="ISO 4217 code of the stated value.")
    growth_pct: JsonNumber | None = Field(
        description="Year-on-year change in percent against the same period a year earlier."
    )
    growth_qualifier: str | None = Field(
        description="Qualifier of `growth_pct`, like `value_qualifier`."
    )
    attribution: str | None = Field(description="Who states the figure, as the document says.")
    source: SourceRead = Field(description="The document and the sentence stating the figure.")
