"""Every SELECT about turnover figures."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import RowMapping, Select, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

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


async def list_turnover(
    connection: AsyncConnection, where: TurnoverFilter, after: tuple[date, int] | None, limit: int
) -> list[dict[str, Any]]:
    """Ordered by period start, then id: a unique key, so pages never skip or repeat."""
    query = _filtered(where).order_by(T.period_start, T.id).limit(limit + 1)
    if after is not None:
        query = query.where(tuple_(T.period_start, T.id) > tuple_(*after))
    return [as_item(row) for row in (await connection.execute(query)).mappings()]


async def get_turnover(connection: AsyncConnection, figure_id: int) -> dict[str, Any] | None:
    query = select(*COLUMNS).where(T.id == figure_id)
    row = (await connection.execute(query)).mappings().first()
    return as_item(row) if row is not None else None


_EVIDENCE = ("document_id", "quote", "char_start", "char_end")


def as_item(row: RowMapping) -> dict[str, Any]:
    """A row shaped as TurnoverRead: the evidence columns nested under `source`."""
    item = {k: v for k, v in row.items() if k not in _EVIDENCE}
    item["source"] = {k: row[k] for k in _EVIDENCE}
    return item
