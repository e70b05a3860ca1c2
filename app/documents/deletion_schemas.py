"""How a document deletion stands, as GET /documents/{id}/deletion shows it."""

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from app.http.schemas import Schema
from app.models import DocumentDeletion


class DocumentDeletionRead(Schema):
    """A deletion asked for: pending until the document and all its facts are gone at once."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "document_id": 7,
                    "slug": "comtrade-kaz-2023-1a2b3c4d5e6f",
                    "state": "done",
                    "requested_at": "2026-12-06T16:20:00Z",
                    "finished_at": "2026-12-06T16:20:04Z",
                }
            ]
        }
    )

    document_id: int = Field(description="Id of the document deleted.", examples=[7])
    slug: str = Field(description="Its stable name.", examples=["comtrade-kaz-2023-1a2b3c4d5e6f"])
    state: Literal["pending", "done"] = Field(
        description="`pending` while the document is still whole; `done` once it is gone.",
        examples=["pending"],
    )
    requested_at: datetime = Field(
        description="When the deletion was asked for.", examples=["2026-12-06T16:20:00Z"]
    )
    finished_at: datetime | None = Field(
        description="When it was done; null while pending.", examples=["2026-12-06T16:20:04Z"]
    )

    @classmethod
    def of(cls, deletion: DocumentDeletion) -> "DocumentDeletionRead":
        return cls(
            document_id=deletion.document_id,
            slug=deletion.slug,
            state="pending" if deletion.finished_at is None else "done",
            requested_at=deletion.requested_at,
            finished_at=deletion.finished_at,
        )
