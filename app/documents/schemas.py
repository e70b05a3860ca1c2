from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict

from app.http.ids import NO_NUL
from app.http.schemas import IsoDate, JsonNumber, Schema, unicode_text

DOCUMENT_EXAMPLE: JsonDict = {
    "id": 1,
    "slug": "kz-kg-interregional-forum-taraz",
    "kind": "press_release",
    "title": "Kazakh and Kyrgyz business leaders sign commercial documents worth nearly "
    "$65 million at the first Interregional Forum in Taraz",
    "publisher": None,
    "url": None,
    "published_on": None,
    "language": "en",
    "sha256": "9f2c5e0d3b8a4c71e6f0a2b4d8c6e1f3a5b7c9d0e2f4a6b8c0d2e4f6a8b0c2d4",
    "loaded_at": "2026-11-28T18:00:00Z",
    "fact_counts": {"turnover": 2, "targets": 1, "events": 2, "agreements": 4, "positions": 3},
}


class DocumentFactCounts(Schema):
    """How many facts of each kind cite a document."""

    turnover: int = Field(description="Turnover figures citing the document.", examples=[2])
    targets: int = Field(description="Targets citing it.", examples=[1])
    events: int = Field(description="Events citing it.", examples=[2])
    agreements: int = Field(description="Agreements citing it.", examples=[4])
    positions: int = Field(description="Positions of people citing it.", examples=[3])


class DocumentRead(Schema):
    """A source document and how many facts cite it."""

    model_config = ConfigDict(json_schema_extra={"examples": [DOCUMENT_EXAMPLE]})

    id: int = Field(description="Document id.", examples=[1])
    slug: str = Field(
        description="Stable name of the document.", examples=["kz-kg-interregional-forum-taraz"]
    )
    kind: str = Field(
        description="`press_release`, `statement`, `article` or `dataset`.",
        examples=["press_release"],
    )
    title: str = Field(description="Title or headline.")
    publisher: str | None = Field(description="Who published it; null if unknown.")
    url: str | None = Field(description="Where it was published; null if unknown.")
    published_on: date | None = Field(description="Publication date; null if unknown.")
    language: str = Field(description="Language tag of the text.", examples=["en"])
    sha256: str = Field(description="SHA-256 of the text, hex.")
    loaded_at: datetime = Field(description="When it was first loaded.")
    fact_counts: DocumentFactCounts = Field(description="Facts citing the document, by kind.")


class CitingFact(Schema):
    id: int = Field(description="Id of the fact under its own kind's endpoint.", examples=[1])
    quote: str = Field(
        description="The words stating the fact, verbatim.",
        examples=["In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."],
    )
    char_start: int = Field(
        description="Offset of the quote's first character in `text`.", examples=[1630]
    )
    char_end: int = Field(
        description="Offset just past the quote's last character.", examples=[1699]
    )


class DocumentTurnoverRead(CitingFact):
    """A turnover figure citing the document."""

    flow: str = Field(description="`turnover`, `export` or `import`.", examples=["turnover"])
    reporter: str = Field(description="ISO3 of the reporting country.", examples=["KAZ"])
    partner: str = Field(description="ISO3 of the other country.", examples=["KGZ"])
    period_label: str = Field(description="The period as people say it.", examples=["2022"])
    value_usd: JsonNumber | None = Field(
        description="Value in US dollars; null otherwise.", examples=[1300000000]
    )


class DocumentTargetRead(CitingFact):
    """A target citing the document."""

    value_usd: JsonNumber = Field(description="The goal in US dollars.", examples=[2000000000])


class DocumentEventRead(CitingFact):
    """An event citing the document."""

    name: str = Field(
        description="Name of the event.", examples=["First Kazakh-Kyrgyz Interregional Forum"]
    )


class DocumentAgreementRead(CitingFact):
    """An agreement citing the document."""

    kind: str = Field(description="Kind of agreement.", examples=["protocol"])
    title: str = Field(
        description="Title of the agreement.",
        examples=["Protocol of the 11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"],
    )


class DocumentPositionRead(CitingFact):
    """A position of a person citing the document."""

    person_id: int = Field(description="Id of the person holding it.", examples=[1])
    title: str = Field(description="The title given.", examples=["Prime Minister"])


class DocumentFacts(Schema):
    """Every fact citing a document, by kind, each in the order of the text."""

    turnover: list[DocumentTurnoverRead] = Field(description="Turnover figures, in text order.")
    targets: list[DocumentTargetRead] = Field(description="Targets, in text order.")
    events: list[DocumentEventRead] = Field(description="Events, in text order.")
    agreements: list[DocumentAgreementRead] = Field(description="Agreements, in text order.")
    positions: list[DocumentPositionRead] = Field(description="Positions, in text order.")


class DocumentDetail(DocumentRead):
    """A source document with its full text and every fact citing it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **DOCUMENT_EXAMPLE,
                    "text": "ASTANA \u2013 Kazakh and Kyrgyz business leaders signed ...",
                    "facts": {
                        "turnover": [
                            {
                                "id": 2,
                                "flow": "turnover",
                                "reporter": "KAZ",
                                "partner": "KGZ",
                                "period_label": "January-July 2023",
                                "value_usd": 757000000,
                                "quote": "In January-July, trade turnover increased by 13% "
                                "to $757 million.",
                                "char_start": 1700,
                                "char_end": 1765,
                            }
                        ],
                        "targets": [],
                        "events": [],
                        "agreements": [],
                        "positions": [],
                    },
                }
            ]
        }
    )

    text: str = Field(description="The full text; every `char_start`/`char_end` indexes it.")
    facts: DocumentFacts = Field(description="Every fact citing the document, by kind.")


class DocumentCreate(BaseModel):
    """A release to ingest: its text and what is known about it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Uzbek-Tajik trade grows",
                    "url": "https://example.org/news/uz-tj-trade",
                    "publisher": "Example News Agency",
                    "published_on": "2024-07-15",
                    "text": "TASHKENT – Mutual trade turnover between Uzbekistan and Tajikistan "
                    "reached $500 million in January-June, up 12%.",
                }
            ]
        },
    )

    # PostgreSQL text holds no NUL character: the patterns say so, for clients and fuzzers.
    title: str = Field(
        min_length=1, max_length=500, pattern=NO_NUL, description="Headline or a short title."
    )
    url: str | None = Field(
        default=None,
        max_length=2000,
        # No control character or space, spelt out: `\s` means other characters in Python's,
        # Rust's and JSON Schema's regular expressions (U+0085, say).
        pattern=r"^https?://[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$",
        description="Address of the original.",
    )
    publisher: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        pattern=NO_NUL,
        description="Who published it.",
    )
    published_on: IsoDate | None = Field(
        default=None, description="Publication date, an ISO 8601 string (`YYYY-MM-DD`)."
    )
    text: str = Field(
        min_length=1,
        pattern=r"^[^\x00]*[^\s\x00][^\x00]*$",  # no NUL, and not only white space
        description="The full text, verbatim (at most 1 MiB of UTF-8).",
    )

    # A validator, not an annotated type: that would drop `url`'s pattern from the schema.
    @field_validator("title", "url", "publisher", "text")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        return None if value is None else unicode_text(value)


class DocumentExcerpt(Schema):
    """A span of a document's text and what surrounds it, with the document's details."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "document": DOCUMENT_EXAMPLE,
                    "text": "Mutual trade turnover between the countries is steadily growing. "
                    "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion.",
                    "text_start": 1565,
                    "text_length": 3355,
                    "char_start": 1630,
                    "char_end": 1699,
                    "line": 13,
                }
            ]
        }
    )

    document: DocumentRead = Field(description="The document, without its text.")
    text: str = Field(description="The text from `text_start` on: the span and its context.")
    text_start: int = Field(description="Offset in the whole text of `text`'s first character.")
    text_length: int = Field(description="Length of the whole text, in characters.")
    char_start: int = Field(description="Offset of the span's first character in the whole text.")
    char_end: int = Field(description="Offset just past the span's last character.")
    line: int = Field(
        description="Line of the whole text the span starts on, from 1 (for an imported "
        "statistics file: the row's line in the file)."
    )
