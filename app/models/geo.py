"""Countries (ISO 3166-1), their aliases, and sub-national places."""

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, one_of

PLACE_KINDS = ("city", "region")


class Country(Base):
    __tablename__ = "countries"
    __table_args__ = (
        CheckConstraint("alpha3 ~ '^[A-Z]{3}$'", name="alpha3_format"),
        CheckConstraint("alpha2 ~ '^[A-Z]{2}$'", name="alpha2_format"),
        CheckConstraint("numeric_code ~ '^[0-9]{3}$'", name="numeric_format"),
    )

    alpha3: Mapped[str] = mapped_column(String(3), primary_key=True)
    alpha2: Mapped[str] = mapped_column(String(2), unique=True)
    numeric_code: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(Text)
    official_name: Mapped[str | None] = mapped_column(Text)


class CountryAlias(Base):
    """Another name of a country; alias_key is the normalised form that must be unique."""

    __tablename__ = "country_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(
        ForeignKey("countries.alpha3", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text, unique=True)


class Place(Base):
    __tablename__ = "places"
    __table_args__ = (
        UniqueConstraint("country_code", "name"),
        CheckConstraint(one_of("kind", PLACE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"), index=True)

    aliases: Mapped[list["PlaceAlias"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class PlaceAlias(Base):
    __tablename__ = "place_aliases"
    __table_args__ = (UniqueConstraint("alias_key", "place_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text)
