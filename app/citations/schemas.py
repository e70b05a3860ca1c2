from datetime import date
from typing import Any

from pydantic import ConfigDict, Field

from app.http.schemas import Schema


class CitedDocument(Schema):
    """The document a citation points to."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 2,
                    "title": "Kazakh trade ministry revises 2022 trade with Kyrgyzstan",
                    "publisher": "Ministry of Trade and Integration of the Republic of Kazakhstan",
                    "url": "https://trade.example.kz/news/revision-2024",
                    "published_on": "2024-02-01",
                }
            ]
        }
    )

    id: int = Field(description="Document id.", examples=[2])
    title: str = Field(
        description="Document title.",
        examples=["Kazakh trade ministry revises 2022 trade with Kyrgyzstan"],
    )
    publisher: str | None = Field(
        description="Publisher, where known.",
        examples=["Ministry of Trade and Integration of the Republic of Kazakhstan"],
    )
    url: str | None = Field(
        description="Address of the original, where known.",
        examples=["https://trade.example.kz/news/revision-2024"],
    )
    published_on: date | None = Field(
        description="Publication date, where known.", examples=["2024-02-01"]
    )


class CitationRead(Schema):
    """How to cite a fact: a sentence that keeps the source's qualifier, and its source."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "subject": "Kazakhstan–Kyrgyzstan trade turnover",
                    "text": "nearly 19% growth, to about $1.3 billion in 2022, according to "
                    "the Prime Minister’s press service (Kazakhstan)",
                    "quote": "In 2022, trade volume increased by nearly 19%, "
                    "reaching $1.3 billion.",
                    "char_start": 1630,
                    "char_end": 1699,
                    "document": {
                        "id": 1,
                        "title": "Kazakh and Kyrgyz business leaders sign commercial documents",
                        "publisher": None,
                        "url": None,
                        "published_on": None,
                    },
                    "csl": [{"id": "tradestat-document-1", "type": "article", "title": "..."}],
                }
            ]
        }
    )

    subject: str = Field(description="What the sentence is about.")
    text: str = Field(description="A ready sentence (lower-case start, to embed in your own).")
    quote: str = Field(description="The source's own words.")
    char_start: int = Field(description="Offset of the quote in the document text.")
    char_end: int = Field(description="Offset just past the quote.")
    document: CitedDocument = Field(description="The source document.")
    csl: list[dict[str, Any]] = Field(description="CSL-JSON items for reference managers.")
