"""The facts to cite, with their documents and the names of their countries."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.models import Agreement, Country, Document, Event, Place, Target, TurnoverPeriod

DOCUMENT = (
    Document.title.label("document_title"),
    Document.publisher,
    Document.url,
    Document.published_on,
    Document.language,
    Document.kind.label("document_kind"),
)


async def _one(session: AsyncSession, query: Any) -> dict[str, Any] | None:
    row = (await session.execute(query)).mappings().first()
    return dict(row) if row is not None else None


async def turnover(session: AsyncSession, figure_id: int) -> dict[str, Any] | None:
    reporter, partner = aliased(Country), aliased(Country)
    query = (
        select(
            TurnoverPeriod,
            reporter.name.label("reporter_name"),
            partner.name.label("partner_name"),
            *DOCUMENT,
        )
        .join(reporter, reporter.alpha3 == TurnoverPeriod.reporter_code)
        .join(partner, partner.alpha3 == TurnoverPeriod.partner_code)
        .join(Document, Document.id == TurnoverPeriod.document_id)
        .where(TurnoverPeriod.id == figure_id)
    )
    return await _one(session, query)


async def target(session: AsyncSession, target_id: int) -> dict[str, Any] | None:
    a, b = aliased(Country), aliased(Country)
    query = (
        select(Target, a.name.label("a_name"), b.name.label("b_name"), *DOCUMENT)
        .join(a, a.alpha3 == Target.country_a_code)
        .join(b, b.alpha3 == Target.country_b_code)
        .join(Document, Document.id == Target.document_id)
        .where(Target.id == target_id)
    )
    return await _one(session, query)


async def agreement(session: AsyncSession, agreement_id: int) -> dict[str, Any] | None:
    query = (
        select(
            Agreement,
            Event.name.label("event_name"),
            Place.name.label("place_name"),
            *DOCUMENT,
        )
        .outerjoin(Event, Event.id == Agreement.event_id)
        .outerjoin(Place, Place.id == Agreement.place_id)
        .join(Document, Document.id == Agreement.document_id)
        .where(Agreement.id == agreement_id)
    )
    return await _one(session, query)
