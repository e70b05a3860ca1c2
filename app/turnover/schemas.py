from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from app.http.schemas import JsonNumber, Schema, SourceRead
from app.review.schemas import CORRECTION_RULE, Correction

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
    "review": "reviewed",
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
    review: str = Field(
        description="`reviewed` (from a curated fact file, or confirmed by a curator) or "
        "`extracted` (drafted by the extractor, unchecked); a derived figure is `reviewed` "
        "only when all its inputs are."
    )
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


COMPARISON_EXAMPLE: JsonDict = {
    "prior": None,
    "computed_growth_pct": 27.5,
    "stated_growth_pct": 19,
    "growth_mismatch": True,
}


class ComparisonRead(Schema):
    """A figure beside the same period a year earlier, and the growth between the two."""

    model_config = ConfigDict(json_schema_extra={"examples": [COMPARISON_EXAMPLE]})

    prior: TurnoverRead | None = Field(description="The same period a year earlier, if known.")
    computed_growth_pct: JsonNumber | None = Field(
        description="Growth computed from the two values, in percent (one decimal).",
        examples=[27.5],
    )
    stated_growth_pct: JsonNumber | None = Field(
        description="Growth the source states.", examples=[19]
    )
    growth_mismatch: bool = Field(
        description="True when the two differ by over 1 point.", examples=[True]
    )


class TurnoverItem(TurnoverRead):
    """A trade figure in a listing; with `compare`, beside the year before."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**TURNOVER_EXAMPLE, "comparison": None}]}
    )

    comparison: ComparisonRead | None = Field(
        default=None,
        description="With `compare=prior_same_period` only.",
        examples=[COMPARISON_EXAMPLE],
    )


class AlternativeRead(TurnoverRead):
    """Another source's figure for the same pair, flow and period."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **TURNOVER_EXAMPLE,
                    "document_title": "Kazakh trade ministry revises 2022 trade with Kyrgyzstan",
                    "published_on": "2024-02-01",
                    "difference_pct": -1.54,
                }
            ]
        }
    )

    document_title: str = Field(
        description="Title of the other source.",
        examples=["Kazakh trade ministry revises 2022 trade with Kyrgyzstan"],
    )
    published_on: date | None = Field(description="When the other source was published.")
    difference_pct: JsonNumber | None = Field(
        description="(other - this) / this, in percent, two decimals."
    )


class TurnoverDetail(TurnoverRead):
    """A trade figure with the other sources' figures for the same period."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**TURNOVER_EXAMPLE, "alternatives": []}]}
    )

    alternatives: list[AlternativeRead] = Field(
        description="Other figures for the same pair, flow and period, from other sources."
    )


class VersionRead(TurnoverRead):
    """One version of a figure, the time it was current, and what changed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **TURNOVER_EXAMPLE,
                    "valid_from": "2024-02-01T09:30:00Z",
                    "valid_to": None,
                    "changed_by": "curator-anna",
                    "changes": {"value_usd": [1300000000, 1280000000]},
                }
            ]
        }
    )

    valid_from: datetime = Field(
        description="Since when this version was current.", examples=["2024-02-01T09:30:00Z"]
    )
    valid_to: datetime | None = Field(
        description="Until when; null for the current version.", examples=[None]
    )
    changed_by: str | None = Field(
        description="Name of the API key whose correction made this version; null when a "
        "load made it.",
        examples=["curator-anna"],
    )
    changes: dict[str, list[object]] = Field(
        description="Fields that differ from the previous version: [before, after].",
        examples=[{"value_usd": [1300000000, 1280000000]}],
    )


TARGET_SOURCE_EXAMPLE: JsonDict = {
    "document_id": 1,
    "quote": "the goal set by the Presidents of the two states to increase trade turnover "
    "to $2 billion",
    "char_start": 2160,
    "char_end": 2249,
}
PROGRESS_EXAMPLE: JsonDict = {
    "id": 1,
    "value_usd": 2000000000,
    "value_qualifier": "exact",
    "target_year": None,
    "set_by": "the Presidents of Kazakhstan and the Kyrgyz Republic",
    "review": "reviewed",
    "source": TARGET_SOURCE_EXAMPLE,
    "latest_annual_value_usd": 1300000000,
    "latest_annual_period": "2022",
    "progress": 0.65,
}
PERIOD_EXAMPLE: JsonDict = {
    "period_start": "2023-01-01",
    "period_end": "2023-07-31",
    "period_label": "January-July 2023",
    "period_kind": "months",
}


class TargetProgress(Schema):
    """A target of the pair, and how far the latest full year has come towards it."""

    model_config = ConfigDict(json_schema_extra={"examples": [PROGRESS_EXAMPLE]})

    id: int = Field(description="Target id.", examples=[1])
    value_usd: JsonNumber = Field(description="The target in US dollars.", examples=[2000000000])
    value_qualifier: str = Field(description="Qualifier of the target value.", examples=["exact"])
    target_year: int | None = Field(description="Year to reach it by, if given.", examples=[2030])
    set_by: str | None = Field(
        description="Who set it.",
        examples=["the Presidents of Kazakhstan and the Kyrgyz Republic"],
    )
    review: str = Field(description="`reviewed` or `extracted`, as for a target.")
    source: SourceRead = Field(description="Where the target is stated.")
    latest_annual_value_usd: JsonNumber | None = Field(
        description="The pair's latest full-year value (reported if any, else derived).",
        examples=[1300000000],
    )
    latest_annual_period: str | None = Field(description="Label of that year.", examples=["2022"])
    progress: JsonNumber | None = Field(
        description="latest_annual_value_usd / value_usd, three decimals (0.65 = 65%).",
        examples=[0.65],
    )


class PeriodRef(Schema):
    """A period: its days, its label and its kind."""

    model_config = ConfigDict(json_schema_extra={"examples": [PERIOD_EXAMPLE]})

    period_start: date = Field(description="First day.", examples=["2023-01-01"])
    period_end: date = Field(description="Last day.", examples=["2023-07-31"])
    period_label: str = Field(description="Label.", examples=["January-July 2023"])
    period_kind: str = Field(description="Kind of period.", examples=["months"])


class SeriesRead(Schema):
    """A country pair's figures over time, with its targets and their progress."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "countries": ["KAZ", "KGZ"],
                    "flow": "turnover",
                    "points": [TURNOVER_EXAMPLE],
                    "targets": [PROGRESS_EXAMPLE],
                    "latest_period": PERIOD_EXAMPLE,
                }
            ]
        }
    )

    countries: list[str] = Field(
        description="The pair, ISO3, alphabetical.", examples=[["KAZ", "KGZ"]]
    )
    flow: str = Field(description="The flow of every point.", examples=["turnover"])
    points: list[TurnoverRead] = Field(description="Reported and derived points, by period.")
    targets: list[TargetProgress] = Field(
        description="The pair's targets with progress.", examples=[[PROGRESS_EXAMPLE]]
    )
    latest_period: PeriodRef | None = Field(
        description="The latest period with a figure.", examples=[PERIOD_EXAMPLE]
    )


class TurnoverCorrection(Correction):
    """A curator's confirmation or correction of a reported figure."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": f"A curator's confirmation or correction of a figure. {CORRECTION_RULE}",
            "examples": [{"review": "reviewed"}, {"value_usd": 1280000000}],
        }
    )

    value_usd: Decimal | None = Field(
        default=None,
        ge=0,
        max_digits=20,
        decimal_places=2,
        description="The value in US dollars.",
        examples=[1280000000],
    )
    value_qualifier: Literal["exact", "approximate", "at_least", "at_most"] | None = Field(
        default=None, description="How the quote qualifies the value.", examples=["exact"]
    )
    period_start: date | None = Field(
        default=None, description="First day of the period.", examples=["2022-01-01"]
    )
    period_end: date | None = Field(
        default=None, description="Last day of the period.", examples=["2022-12-31"]
    )
    period_label: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The period as people say it.",
        examples=["2022"],
    )
    reporter: str | None = Field(
        default=None,
        max_length=100,
        description="Country whose figure it is: code or name.",
        examples=["KAZ"],
    )
    partner: str | None = Field(
        default=None,
        max_length=100,
        description="The other country: code or name.",
        examples=["Kyrgyzstan"],
    )
