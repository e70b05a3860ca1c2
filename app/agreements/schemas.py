from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints
from pydantic.config import JsonDict

from app.http.schemas import JsonNumber, PlaceRead, Schema, SourceRead
from app.review.schemas import CORRECTION_RULE, Correction

AGREEMENT_EXAMPLE: JsonDict = {
    "id": 1,
    "kind": "commercial_contracts",
    "title": "Commercial documents signed by Kazakh and Kyrgyz business leaders",
    "signed_on": None,
    "signed_on_inferred": False,
    "value_usd": 65000000,
    "value_qualifier": "at_most",
    "document_count": None,
    "review": "reviewed",
    "event": {
        "id": 1,
        "name": "First Kazakh-Kyrgyz Interregional Forum",
        "start_date": "2023-09-22",
    },
    "place": {"id": 1, "name": "Taraz", "kind": "city", "country": "KAZ"},
    "source": {
        "document_id": 1,
        "quote": "Kazakh and Kyrgyz business leaders signed commercial documents worth nearly "
        "$65 million",
        "char_start": 9,
        "char_end": 96,
    },
}


class EventRef(Schema):
    """The event an agreement was signed at."""

    id: int = Field(description="Event id.", examples=[1])
    name: str = Field(
        description="Event name.", examples=["First Kazakh-Kyrgyz Interregional Forum"]
    )
    start_date: date | None = Field(description="First day, if known.", examples=["2023-09-22"])


class AgreementRead(Schema):
    """An agreement, memorandum, protocol or package of commercial contracts."""

    model_config = ConfigDict(json_schema_extra={"examples": [AGREEMENT_EXAMPLE]})

    id: int = Field(description="Agreement id.")
    kind: str = Field(
        description="`commercial_contracts`, `protocol`, `memorandum`, `agreement`, `roadmap` "
        "or `other`."
    )
    title: str = Field(description="What was signed.")
    signed_on: date | None = Field(description="Signing date, if the document gives it.")
    signed_on_inferred: bool = Field(description="True when the year was taken from context.")
    value_usd: JsonNumber | None = Field(description="Stated worth in US dollars.")
    value_qualifier: str | None = Field(description="Qualifier of `value_usd`.")
    document_count: int | None = Field(description="Number of documents signed, if stated.")
    review: str = Field(
        description="`reviewed` (curated or confirmed by a curator) or `extracted` (unchecked)."
    )
    event: EventRef | None = Field(description="The event where it was signed.")
    place: PlaceRead | None = Field(description="Where it was signed.")
    source: SourceRead = Field(description="The document and the sentence stating it.")


class SubjectRead(Schema):
    """A good or field an agreement covers."""

    name: str = Field(description="What the agreement covers.", examples=["poultry meat"])
    hs_code: str | None = Field(
        description="Harmonized System code, where one applies.", examples=["0207"]
    )


class PartyRead(Schema):
    """A country, with its city or region if the party is one, bound by an agreement."""

    country: str = Field(description="ISO3 of the party.", examples=["KAZ"])
    place: PlaceRead | None = Field(description="City or region party, if any.")


class PersonRef(Schema):
    """A person, by id and name."""

    id: int = Field(description="Person id.")
    full_name: str = Field(description="Full name.", examples=["Alikhan Smailov"])


class AgreementRef(Schema):
    """An agreement, by id, kind and title."""

    id: int = Field(description="Agreement id.")
    kind: str = Field(description="Agreement kind.", examples=["protocol"])
    title: str = Field(description="What was signed.")


class SignatoryRead(Schema):
    """Someone who signed an agreement: a named person or an office holder left unnamed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 3,
                    "agreement": {
                        "id": 2,
                        "kind": "protocol",
                        "title": "Protocol of the 11th meeting",
                    },
                    "person": {"id": 1, "full_name": "Alikhan Smailov"},
                    "office": None,
                    "role": "Prime Minister of Kazakhstan",
                    "country": "KAZ",
                    "place": None,
                }
            ]
        }
    )

    id: int = Field(description="Signatory id.")
    agreement: AgreementRef = Field(description="What was signed.")
    person: PersonRef | None = Field(description="The person, when named.")
    office: str | None = Field(description="The office, when the person is not named.")
    role: str | None = Field(description="In what capacity they signed.")
    country: str = Field(description="ISO3 of the country they signed for.")
    place: PlaceRead | None = Field(description="City or region they signed for, if any.")


class AgreementDetail(AgreementRead):
    """An agreement with what it covers, who is bound by it and who signed it."""

    subjects: list[SubjectRead] = Field(description="What it covers.")
    parties: list[PartyRead] = Field(description="Countries (and cities or regions) bound by it.")
    signatories: list[SignatoryRead] = Field(description="Who signed it.")


class AgreementCorrection(Correction):
    """A curator's confirmation or correction of an agreement."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": "A curator's confirmation or correction of an agreement. "
            f"{CORRECTION_RULE}",
            "examples": [{"review": "reviewed"}, {"document_count": 12, "parties": ["UZB", "TJK"]}],
        }
    )

    value_usd: Decimal | None = Field(
        default=None,
        ge=0,
        max_digits=20,
        decimal_places=2,
        description="Worth in US dollars.",
        examples=[65000000],
    )
    value_qualifier: Literal["exact", "approximate", "at_least", "at_most"] | None = Field(
        default=None, description="How the quote qualifies the worth.", examples=["at_most"]
    )
    document_count: int | None = Field(
        default=None, gt=0, le=100_000, description="Number of documents signed.", examples=[12]
    )
    parties: list[Annotated[str, StringConstraints(max_length=100)]] | None = Field(
        default=None,
        min_length=1,
        max_length=50,
        description="Countries bound: codes or names.",
        examples=[["KAZ", "KGZ"]],
    )
