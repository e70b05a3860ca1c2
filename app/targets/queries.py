"""Every SELECT about targets."""

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Target
from app.paging.keyset import Listing

COLUMNS = (
    Target.id,
    Target.country_a_code,
    Target.country_b_code,
    Target.flow,
    Target.value_usd,
    Target.value_qualifier,
    Target.target_year,
    Target.set_by,
    Target.document_id,
    Target.quote,
    Target.char_start,
    Target.char_end,
    Target.review,
)


def as_item(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "countries": [row.country_a_code, row.country_b_code],
        "flow": row.flow,
        "value_usd": row.value_usd,
        "value_qualifier": row.value_qualifier,
        "target_year": row.target_year,
        "set_by": row.set_by,
        "review": row.review,
        "source": {
            "document_id": row.document_id,
            "quote": row.quote,
            "char_start": row.char_start,
            "char_end": row.char_end,
        },
    }


def targets_listing(*, country: str | None, flow: str | None, review: str | None = None) -> Listing:
    query = select(*COLUMNS)
    if country is not None:
        query = query.where(or_(Target.country_a_code == country, Target.country_b_code == country))
    if flow is not None:
        query = query.where(Target.flow == flow)
    if review is not None:
        query = query.where(Target.review == review)
    return Listing(query, (Target.id,), as_item)


async def get_target(session: AsyncSession, target_id: int) -> dict[str, Any] | None:
    row = (await session.execute(select(*COLUMNS).where(Target.id == target_id))).first()
    return as_item(row) if row is not None else None
