"""Every SELECT about turnover figures."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, Integer, RowMapping, Select, bindparam, or_, select, tuple_
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


def _params(where: TurnoverFilter) -> dict[str, Any]:
    params: dict[str, Any] = {
        "reporter": where.reporter,
        "partner": where.partner,
        "country": where.country,
        "flow": where.flow,
    }
    if where.year is not None:
        params |= {"year_start": date(where.year, 1, 1), "year_end": date(where.year, 12, 31)}
    return params


@lru_cache(maxsize=64)
def _listing(
    year: bool, country: bool, reporter: bool, partner: bool, flow: bool, after: bool
) -> Select[*tuple[Any, ...]]:
    """One statement object per combination of filters, built once and reused: SQLAlchemy
    then skips building the expression and adapting the result columns on every request."""
    query: Select[*tuple[Any, ...]] = select(*COLUMNS)
    if year:
        query = query.where(
            T.period_start >= bindparam("year_start", type_=Date),
            T.period_end <= bindparam("year_end", type_=Date),
        )
    if country:
        query = query.where(
            or_(T.reporter_code == bindparam("country"), T.partner_code == bindparam("country"))
        )
    if reporter:
        query = query.where(T.reporter_code == bindparam("reporter"))
    if partner:
        query = query.where(T.partner_code == bindparam("partner"))
    if flow:
        query = query.where(T.flow == bindparam("flow"))
    if after:
        after_key = tuple_(bindparam("after_start", type_=Date), bindparam("after_id"))
        query = query.where(tuple_(T.period_start, T.id) > after_key)
    return query.order_by(T.period_start, T.id).limit(bindparam("limit", type_=Integer))


async def list_turnover(
    connection: AsyncConnection, where: TurnoverFilter, after: tuple[date, int] | None, limit: int
) -> list[dict[str, Any]]:
    """Ordered by period start, then id: a unique key, so pages never skip or repeat."""
    query = _listing(
        where.year is not None,
        where.country is not None,
        where.reporter is not None,
        where.partner is not None,
        where.flow is not None,
        after is not None,
    )
    params = _params(where) | {"limit": limit + 1}
    if after is not None:
        params |= {"after_start": after[0], "after_id": after[1]}
    return [as_item(row) for row in (await connection.execute(query, params)).mappings()]


_BY_ID = select(*COLUMNS).where(T.id == bindparam("id"))


async def get_turnover(connection: AsyncConnection, figure_id: int) -> dict[str, Any] | None:
    row = (await connection.execute(_BY_ID, {"id": figure_id})).mappings().first()
    return as_item(row) if row is not None else None


_EVIDENCE = ("document_id", "quote", "char_start", "char_end")


def as_item(row: RowMapping) -> dict[str, Any]:
    """A row shaped as TurnoverRead: the evidence columns nested under `source`."""
    item = {k: v for k, v in row.items() if k not in _EVIDENCE}
    item["source"] = {k: row[k] for k in _EVIDENCE}
    return item
