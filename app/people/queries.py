"""Every SELECT about people."""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Row, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.text_keys import name_key
from app.models import Agreement, Event, EventAttendee, Person, PersonAlias, Position, Signatory
from app.paging.keyset import Listing

COLUMNS = (Person.id, Person.key, Person.full_name, Person.country_code.label("country"))


def _matches(q: str) -> ColumnElement[bool]:
    # alias_key holds name_key(alias), so a keyed needle ignores case and accents;
    # the full name is matched too in case it was loaded without an alias row.
    by_alias = exists().where(
        PersonAlias.person_id == Person.id,
        PersonAlias.alias_key.contains(name_key(q), autoescape=True),
    )
    return or_(by_alias, Person.full_name.icontains(q, autoescape=True))


async def aliases_of(session: AsyncSession, person_ids: list[int]) -> dict[int, list[str]]:
    """Each person's aliases other than their full name, alphabetical."""
    found: dict[int, list[str]] = defaultdict(list)
    if not person_ids:
        return found
    query = (
        select(PersonAlias.person_id, PersonAlias.alias)
        .join(Person, Person.id == PersonAlias.person_id)
        .where(PersonAlias.person_id.in_(person_ids), PersonAlias.alias != Person.full_name)
        .order_by(PersonAlias.person_id, PersonAlias.alias)
    )
    for person_id, alias in await session.execute(query):
        found[person_id].append(alias)
    return found


def _aliases() -> ColumnElement[list[str]]:
    """The person's aliases other than the full name, alphabetical, as one array."""
    other_names = (
        select(PersonAlias.alias)
        .where(PersonAlias.person_id == Person.id, PersonAlias.alias != Person.full_name)
        .order_by(PersonAlias.alias)
        .scalar_subquery()
    )
    return func.array(other_names).label("aliases")


def people_listing(*, q: str | None, country: str | None) -> Listing:
    query = select(*COLUMNS, _aliases())
    if q:
        query = query.where(_matches(q))
    if country is not None:
        query = query.where(Person.country_code == country)
    return Listing(query, (Person.id,), _person)


def _person(row: Row[Any]) -> dict[str, Any]:
    return dict(row._mapping)


async def _positions(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    query = (
        select(
            Position.title,
            Position.organisation,
            Position.document_id,
            Position.quote,
            Position.char_start,
            Position.char_end,
        )
        .where(Position.person_id == person_id)
        .order_by(Position.document_id, Position.char_start, Position.id)
    )
    return [
        {
            "title": row.title,
            "organisation": row.organisation,
            "source": {
                "document_id": row.document_id,
                "quote": row.quote,
                "char_start": row.char_start,
                "char_end": row.char_end,
            },
        }
        for row in await session.execute(query)
    ]


async def _agreements(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    query = (
        select(
            Agreement.id,
            Agreement.title,
            Agreement.kind,
            Signatory.role,
            Signatory.country_code.label("country"),
        )
        .join(Signatory, Signatory.agreement_id == Agreement.id)
        .where(Signatory.person_id == person_id)
        .order_by(Agreement.id, Signatory.id)
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def _events(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    query = (
        select(Event.id, Event.name, Event.kind, Event.start_date, Event.end_date)
        .join(EventAttendee, EventAttendee.event_id == Event.id)
        .where(EventAttendee.person_id == person_id)
        .order_by(Event.start_date.asc().nulls_last(), Event.id)
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def get_person(session: AsyncSession, person_id: int) -> dict[str, Any] | None:
    row = (await session.execute(select(*COLUMNS).where(Person.id == person_id))).mappings().first()
    if row is None:
        return None
    aliases = await aliases_of(session, [person_id])
    return {
        **row,
        "aliases": aliases.get(person_id, []),
        "positions": await _positions(session, person_id),
        "agreements": await _agreements(session, person_id),
        "events": await _events(session, person_id),
    }
