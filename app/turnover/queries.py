"""Every SELECT about turnover figures."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.keyset import Listing
from app.models import TurnoverPeriod as T

COLUMNS = (
    T.id,
    T.reporter_code.label("reporter"),
    T.partner_code.label("partner"),
    T.flow,
    T.period_start,
    T.period_end,
    T.period_label,
    T.period_inferred,
    T.value_usd,
    T.value_qualifier,
    T.amount,
    T.currency,
    T.growth_pct,
    T.growth_qualifier,
    T.attribution,
    T.document_id,
    T.quote,
    T.char_start,
    T.char_end,
)


@dataclass(frozen=True)
class TurnoverFilter:
    year: int | None = None
    country: str | None = None
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None


def _filtered(where: TurnoverFilter) -> Select[*tuple[Any, ...]]:
    query: Select[*tuple[Any, ...]] = select(*COLUMNS)
    if where.year is not None:
        query = query.where(
            T.period_start >= date(where.year, 1, 1), T.period_end <= date(where.year, 12, 31)
        )
    if where.country is not None:
        query = query.where(or_(T.reporter_code == where.country, T.partner_code == where.country))
    if where.reporter is not None:
        query = query.where(T.reporter_code == where.reporter)
    if where.partner is not None:
        query = query.where(T.partner_code == where.partner)
    if where.flow is not None:
        query = query.where(T.flow == where.flow)
    return query


def turnover_listing(where: TurnoverFilter) -> Listing:
    """Ordered by period start, then id: a unique key, so pages never skip or repeat."""
    return Listing(_filtered(where), (T.period_start, T.id), _row_item)


def _row_item(row: Row[Any]) -> dict[str, Any]:
    return as_item(dict(row._mapping))


async def get_turnover(session: AsyncSession, figure_id: int) -> dict[str, Any] | None:
    row = (await session.execute(select(*COLUMNS).where(T.id == figure_id))).mappings().first()
    return dict(row) if row is not None else None


def as_item(row: dict[str, Any]) -> dict[str, Any]:
    """Nest the evidence columns under `source`, as the schema has them."""
    item = {
        k: v for k, v in row.items() if k not in ("document_id", "quote", "char_start", "char_end")
    }
    item["source"] = {k: row[k] for k in ("document_id", "quote", "char_start", "char_end")}
    return item
