"""Every SELECT about events."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Agreement, Event, EventAttendee, Person, Place
from app.paging.keyset import Listing

COLUMNS: tuple[Any, ...] = (
    Event.id,
    Event.key,
    Event.name,
    Event.kind,
    Event.start_date,
    Event.end_date,
    Event.date_inferred,
    Event.document_id,
    Event.quote,
    Event.char_start,
    Event.char_end,
    Place.id.label("place_id"),
    Place.name.label("place_name"),
    Place.kind.label("place_kind"),
    Place.country_code.label("place_country"),
)


@dataclass(frozen=True)
class EventFilter:
    year: int | None = None
    kind: str | None = None
    country: str | None = None


def _selected() -> Select[Any]:
    return select(*COLUMNS).outerjoin(Place, Place.id == Event.place_id)


def as_item(row: Any) -> dict[str, Any]:
    """Nest the place and the evidence columns, as the schema has them."""
    place = None
    if row.place_id is not None:
        place = {
            "id": row.place_id,
            "name": row.place_name,
            "kind": row.place_kind,
            "country": row.place_country,
        }
    return {
        "id": row.id,
        "key": row.key,
        "name": row.name,
        "kind": row.kind,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "date_inferred": row.date_inferred,
        "place": place,
        "source": {
            "document_id": row.document_id,
            "quote": row.quote,
            "char_start": row.char_start,
            "char_end": row.char_end,
        },
    }


def events_listing(where: EventFilter) -> Listing:
    query = _selected()
    if where.year is not None:
        query = query.where(
            Event.start_date.between(date(where.year, 1, 1), date(where.year, 12, 31))
        )
    if where.kind is not None:
        query = query.where(Event.kind == where.kind)
    if where.country is not None:
        query = query.where(Place.country_code == where.country)
    return Listing(query, (Event.id,), as_item)


async def _attendees(session: AsyncSession, event_id: int) -> list[dict[str, Any]]:
    query = (
        select(Person.id, Person.full_name, Person.country_code.label("country"))
        .join(EventAttendee, EventAttendee.person_id == Person.id)
        .where(EventAttendee.event_id == event_id)
        .order_by(Person.id)
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def _agreements(session: AsyncSession, event_id: int) -> list[dict[str, Any]]:
    query = (
        select(
            Agreement.id,
            Agreement.kind,
            Agreement.title,
            Agreement.value_usd,
            Agreement.value_qualifier,
        )
        .where(Agreement.event_id == event_id)
        .order_by(Agreement.id)
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def get_event(session: AsyncSession, event_id: int) -> dict[str, Any] | None:
    row = (await session.execute(_selected().where(Event.id == event_id))).first()
    if row is None:
        return None
    return {
        **as_item(row),
        "attendees": await _attendees(session, event_id),
        "agreements": await _agreements(session, event_id),
    }
