"""People, the other spellings of their names, and the positions documents give them."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Evidence, evidence_checks


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"), index=True)


class PersonAlias(Base):
    """Another spelling of a person's name ("Japarov" for "Zhaparov"); alias_key is unique."""

    __tablename__ = "person_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text, unique=True)


class Position(Evidence, Base):
    """A title a document gives a person."""

    __tablename__ = "positions"
    __table_args__ = (UniqueConstraint("document_id", "person_id", "title"), *evidence_checks())

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
