"""Source documents: every fact cites a span of one of these."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, one_of

DOCUMENT_KINDS = ("press_release", "statement", "article", "dataset")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_format"),
        CheckConstraint(one_of("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint("slug ~ '^[a-z0-9][a-z0-9._-]*$'", name="slug_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), server_default="press_release")
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[date | None]
    language: Mapped[str] = mapped_column(String(16), server_default="en")
    # Compressed with lz4 where the server has it (a migration sets it): datasets are large.
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # Hash of the text plus its fact file: an unchanged pair is skipped on reload.
    content_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())


class DocumentDeletion(Base):
    """A deletion asked for through the API, and when the worker finished it.

    Not a foreign key: the document goes, the record of its deletion stays.
    """

    __tablename__ = "document_deletions"
    __table_args__ = (
        Index(
            "ix_document_deletions_pending",
            "document_id",
            postgresql_where=text("finished_at IS NULL"),
        ),
    )

    document_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    slug: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(server_default=func.now())
    finished_at: Mapped[datetime | None]
