"""Events (forums, council meetings) and the agreements signed at them."""

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    VALUE_QUALIFIERS,
    Base,
    Evidence,
    Reviewed,
    evidence_checks,
    one_of,
    review_check,
)

AGREEMENT_KINDS = (
    "commercial_contracts",
    "protocol",
    "memorandum",
    "agreement",
    "roadmap",
    "other",
)


class Event(Evidence, Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        CheckConstraint("end_date >= start_date", name="date_order"),
        *evidence_checks(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    # The year of the dates was not written but taken from the document's context.
    date_inferred: Mapped[bool] = mapped_column(Boolean, server_default=false())
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)


class EventAttendee(Base):
    __tablename__ = "event_attendees"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Agreement(Evidence, Reviewed, Base):
    __tablename__ = "agreements"
    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        CheckConstraint(one_of("kind", AGREEMENT_KINDS), name="kind"),
        CheckConstraint("value_usd >= 0", name="value_not_negative"),
        CheckConstraint(
            f"value_qualifier IS NULL OR {one_of('value_qualifier', VALUE_QUALIFIERS)}",
            name="value_qualifier",
        ),
        CheckConstraint(
            "(value_usd IS NULL) = (value_qualifier IS NULL)", name="value_has_qualifier"
        ),
        CheckConstraint("document_count > 0", name="document_count_positive"),
        *evidence_checks(),
        review_check(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    signed_on: Mapped[date | None]
    signed_on_inferred: Mapped[bool] = mapped_column(Boolean, server_default=false())
    value_usd: Mapped[Decimal | None]
    value_qualifier: Mapped[str | None] = mapped_column(String(16))
    document_count: Mapped[int | None] = mapped_column(Integer)


class AgreementSubject(Base):
    __tablename__ = "agreement_subjects"
    __table_args__ = (
        CheckConstraint("hs_code ~ '^[0-9]{2}([0-9]{2}){0,4}$'", name="hs_code_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    hs_code: Mapped[str | None] = mapped_column(String(10))


class AgreementParty(Base):
    __tablename__ = "agreement_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))


class Signatory(Base):
    """Who signed an agreement: a known person, or an office holder the text does not name."""

    __tablename__ = "signatories"
    __table_args__ = (
        CheckConstraint("person_id IS NOT NULL OR office IS NOT NULL", name="person_or_office"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    office: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
