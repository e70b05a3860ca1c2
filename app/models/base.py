"""Declarative base, constraint naming convention and the evidence mixin shared by fact tables."""

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Money is exact: NUMERIC in the database, Decimal in Python.
Money = Numeric(20, 2)
Percent = Numeric(9, 3)

VALUE_QUALIFIERS = ("exact", "approximate", "at_least", "at_most")
FLOWS = ("turnover", "export", "import")
# `extracted`: drafted by the extractor; `reviewed`: from a curated fact file, or confirmed by
# a curator.
REVIEW_STATES = ("extracted", "reviewed")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL text of a CHECK that a column holds one of a few words."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        Decimal: Money,
        datetime: DateTime(timezone=True),
    }


class Evidence:
    """The document a fact was drawn from and the exact span of its text that states it."""

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    quote: Mapped[str] = mapped_column(Text)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)


class Reviewed:
    """Whether a person has checked a fact, and which API key last changed it."""

    review: Mapped[str] = mapped_column(String(16), server_default="extracted")
    # Null when the current version came from a load rather than a curator's correction.
    changed_by: Mapped[str | None] = mapped_column(Text)


def evidence_checks() -> tuple[CheckConstraint, ...]:
    """CHECKs every table with Evidence carries in its __table_args__."""
    return (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="evidence_span"),
        CheckConstraint("length(quote) = char_end - char_start", name="evidence_length"),
    )


def review_check() -> CheckConstraint:
    """The CHECK every table with Reviewed carries in its __table_args__."""
    return CheckConstraint(one_of("review", REVIEW_STATES), name="review")


def created_at_column() -> Mapped[datetime]:
    return mapped_column(server_default=func.now())
