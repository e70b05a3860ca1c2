from datetime import date, datetime

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from app.schemas import JsonNumber, Schema, SourceRead

SOURCE_EXAMPLE: JsonDict = {
    "document_id": 1,
    "quote": "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion.",
    "char_start": 1630,
    "char_end": 1699,
}
TURNOVER_EXAMPLE: JsonDict = {
    "id": 1,
    "reporter": "KAZ",
    "partner": "KGZ",
    "flow": "turnover",
    "period_start": "2022-01-01",
    "period_end": "2022-12-31",
    "period_label": "2022",
    "period_inferred": False,
    "period_kind": "year",
    "basis": "reported",
    "value_usd": 1300000000,
    "value_qualifier": "approximate",
    "value_low_usd": 1250000000,
    "value_high_usd": 1350000000,
    "amount": 1300000000,
    "currency": "USD",
    "growth_pct": 19,
    "growth_qualifier": "at_most",
    "attribution": "the Prime Minister’s press service",
    "derivation": None,
    "source": SOURCE_EXAMPLE,
}


class DerivationRead(Schema):
    """How a derived figure was computed, and from which reported figures."""

    method: str = Field(
        description="`prior_from_growth`: value / (1 + growth / 100) of the next year's figure; "
        "`sum_of_flows`: turnover as exports + imports stated by one source for one period.",
        examples=["prior_from_growth"],
    )
    formula: str = Field(
        description="The computation with its numbers.", examples=["1300000000 / (1 + 19 / 100)"]
    )
    input_ids: list[int] = Field(description="Ids of the reported figures used.", examples=[[1]])


class TurnoverRead(Schema):
    """A trade figure for one flow between two countries over one period, with its source."""

    model_config = ConfigDict(json_schema_extra={"examples": [TURNOVER_EXAMPLE]})

    id: int | None = Field(description="Figure id; null for a derived figure.")
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
    period_kind: str = Field(
        description="`year`, `half`, `quarter`, `months` (e.g. January-July), `month` or `other`."
    )
    basis: str = Field(description="`reported` (a document states it) or `derived` (computed).")
    value_usd: JsonNumber | None = Field(
        description="Value in US dollars; null for other currencies."
    )
    value_qualifier: str = Field(
        description="`exact`, `approximate`, `at_least` (over, more than) "
        "or `at_most` (nearly, up to)."
    )
    value_low_usd: JsonNumber | None = Field(
        description="Lowest value the wording allows (see the README's rule)."
    )
    value_high_usd: JsonNumber | None = Field(description="Highest value the wording allows.")
    amount: JsonNumber = Field(description="Value in `currency`, as stated.")
    currency: str = Field(description="ISO 4217 code of the stated value.")
    growth_pct: JsonNumber | None = Field(
        description="Year-on-year change in percent against the same period a year earlier."
    )
    growth_qualifier: str | None = Field(
        description="Qualifier of `growth_pct`, like `value_qualifier`."
    )
    attribution: str | None = Field(description="Who states the figure, as the document says.")
    derivation: DerivationRead | None = Field(description="For a derived figure: how.")
    source: SourceRead = Field(description="The document and the sentence stating the figure.")


class ComparisonRead(Schema):
    prior: TurnoverRead | None = Field(description="The same period a year earlier, if known.")
    computed_growth_pct: JsonNumber | None = Field(
        description="Growth computed from the two values, in percent (one decimal)."
    )
    stated_growth_pct: JsonNumber | None = Field(description="Growth the source states.")
    growth_mismatch: bool = Field(description="True when the two differ by over 1 point.")


class TurnoverItem(TurnoverRead):
    comparison: ComparisonRead | None = Field(
        default=None, description="With `compare=prior_same_period` only."
    )


class AlternativeRead(TurnoverRead):
    document_title: str = Field(description="Title of the other source.")
    published_on: date | None = Field(description="When the other source was published.")
    difference_pct: JsonNumber | None = Field(
        description="(other - this) / this, in percent, two decimals."
    )


class TurnoverDetail(TurnoverRead):
    alternatives: list[AlternativeRead] = Field(
        description="Other figures for the same pair, flow and period, from other sources."
    )


class VersionRead(TurnoverRead):
    valid_from: datetime = Field(description="Since when this version was current.")
    valid_to: datetime | None = Field(description="Until when; null for the current version.")
    changes: dict[str, list[object]] = Field(
        description="Fields that differ from the previous version: [before, after]."
    )


class TargetProgress(Schema):
    id: int = Field(description="Target id.")
    value_usd: JsonNumber = Field(description="The target in US dollars.")
    value_qualifier: str = Field(description="Qualifier of the target value.")
    target_year: int | None = Field(description="Year to reach it by, if given.")
    set_by: str | None = Field(description="Who set it.")
    source: SourceRead = Field(description="Where the target is stated.")
    latest_annual_value_usd: JsonNumber | None = Field(
        description="The pair's latest full-year value (reported if any, else derived)."
    )
    latest_annual_period: str | None = Field(description="Label of that year.")
    progress: JsonNumber | None = Field(
        description="latest_annual_value_usd / value_usd, three decimals (0.65 = 65%)."
    )


class PeriodRef(Schema):
    period_start: date = Field(description="First day.")
    period_end: date = Field(description="Last day.")
    period_label: str = Field(description="Label.")
    period_kind: str = Field(description="Kind of period.")


class SeriesRead(Schema):
    countries: list[str] = Field(
        description="The pair, ISO3, alphabetical.", examples=[["KAZ", "KGZ"]]
    )
    flow: str = Field(description="The flow of every point.", examples=["turnover"])
    points: list[TurnoverRead] = Field(description="Reported and derived points, by period.")
    targets: list[TargetProgress] = Field(description="The pair's targets with progress.")
    latest_period: PeriodRef | None = Field(description="The latest period with a figure.")
