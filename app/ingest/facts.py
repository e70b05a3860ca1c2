"""The schema of a fact file (seeds/facts/*.yaml): the curated, cited facts of one document.

Every fact carries a `quote` that must occur verbatim in the document's text; the loader
computes its character offsets. Countries, places and people are referred to by name,
code or alias and resolved by the loader.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Flow = Literal["turnover", "export", "import"]
Qualifier = Literal["exact", "approximate", "at_least", "at_most"]
AgreementKind = Literal[
    "commercial_contracts", "protocol", "memorandum", "agreement", "roadmap", "other"
]
DocumentKind = Literal["press_release", "statement", "article", "dataset"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Quote = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
CountryRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Amount = Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=2)]
Growth = Annotated[Decimal, Field(gt=-100, le=100000, max_digits=9, decimal_places=3)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentMeta(Strict):
    slug: Key
    title: Text
    kind: DocumentKind = "press_release"
    publisher: Text | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] | None = None
    published_on: date | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"


class PlaceFact(Strict):
    name: Text
    kind: Literal["city", "region"]
    country: CountryRef
    aliases: list[Text] = []


class PositionFact(Strict):
    title: Text
    organisation: Text | None = None
    quote: Quote


class PersonFact(Strict):
    key: Key
    full_name: Text
    country: CountryRef | None = None
    aliases: list[Text] = []
    positions: list[PositionFact] = []


class Period(Strict):
    start: date
    end: date
    label: Text
    inferred: bool = Field(default=False, description="The year was taken from context.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self


class TurnoverFact(Strict):
    reporter: CountryRef
    partner: CountryRef
    flow: Flow = "turnover"
    period: Period
    value_usd: Amount | None = None
    amount: Amount | None = Field(default=None, description="Value in a currency other than USD.")
    currency: CurrencyCode | None = None
    value_qualifier: Qualifier = "exact"
    growth_pct: Growth | None = None
    growth_qualifier: Qualifier | None = None
    attribution: Text | None = None
    quote: Quote

    @model_validator(mode="after")
    def _one_value(self) -> Self:
        in_usd = self.value_usd is not None
        in_other = self.amount is not None or self.currency is not None
        if in_usd == in_other:
            raise ValueError("give either value_usd, or amount with a non-USD currency")
        if in_other and (self.amount is None or self.currency in (None, "USD")):
            raise ValueError("amount needs a currency other than USD (use value_usd for USD)")
        if self.growth_qualifier is not None and self.growth_pct is None:
            raise ValueError("growth_qualifier given without growth_pct")
        return self


class TargetFact(Strict):
    key: Key
    countries: Annotated[list[CountryRef], Field(min_length=2, max_length=2)]
    flow: Flow = "turnover"
    value_usd: Annotated[Decimal, Field(gt=0, max_digits=20, decimal_places=2)]
    value_qualifier: Qualifier = "exact"
    target_year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    set_by: Text | None = None
    quote: Quote


class EventFact(Strict):
    key: Key
    name: Text
    kind: Text
    start_date: date | None = None
    end_date: date | None = None
    date_inferred: bool = False
    place: Text | None = None
    attendees: list[Key] = []
    quote: Quote

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(f"event ends ({self.end_date}) before it starts ({self.start_date})")
        return self


class SubjectFact(Strict):
    name: Text
    hs_code: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}([0-9]{2}){0,4}$")] | None = None


class PartyFact(Strict):
    country: CountryRef
    place: Text | None = None


class SignatoryFact(Strict):
    person: Key | None = Field(default=None, description="Key of a person in `people`.")
    office: Text | None = Field(
        default=None, description="An office holder the text leaves unnamed."
    )
    role: Text | None = None
    country: CountryRef
    place: Text | None = None

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if self.person is None and self.office is None:
            raise ValueError("a signatory needs a person or an office")
        return self


class AgreementFact(Strict):
    key: Key
    kind: AgreementKind
    title: Text
    event: Key | None = None
    place: Text | None = None
    signed_on: date | None = None
    signed_on_inferred: bool = False
    value_usd: Amount | None = None
    value_qualifier: Qualifier | None = None
    document_count: Annotated[int, Field(gt=0, le=100000)] | None = None
    quote: Quote
    subjects: list[SubjectFact] = []
    parties: list[PartyFact] = []
    signatories: list[SignatoryFact] = []

    @model_validator(mode="after")
    def _value_has_qualifier(self) -> Self:
        if (self.value_usd is None) != (self.value_qualifier is None):
            raise ValueError("value_usd and value_qualifier go together")
        return self


class FactFile(Strict):
    document: DocumentMeta
    places: list[PlaceFact] = []
    people: list[PersonFact] = []
    events: list[EventFact] = []
    turnover: list[TurnoverFact] = []
    targets: list[TargetFact] = []
    agreements: list[AgreementFact] = []
