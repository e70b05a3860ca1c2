"""What a listing asks for: its filters (TurnoverFilter) and its view of the figures (View),
and the WHERE clause the filters make."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, FromClause, Select, and_, or_, select

from app.models.figures import PARTIAL_KINDS

Basis = Literal["reported", "derived", "all"]
PeriodFilter = Literal["annual", "partial", "all"]
Sort = Literal["period", "-period", "value", "-value"]
Resolve = Literal["all", "latest"]


@dataclass(frozen=True)
class TurnoverFilter:
    year: int | None = None
    country: str | None = None
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    period: PeriodFilter = "all"
    pair: tuple[str, str] | None = None
    review: str | None = None


@dataclass(frozen=True)
class View:
    """Which figures a listing shows: as of when, reported and/or derived, resolved or not."""

    basis: Basis = "reported"
    resolve: Resolve = "all"
    as_of: datetime | None = None


def names_pair(f: FromClause, a: Any, b: Any) -> ColumnElement[bool]:
    """f's figure is between a and b, in either direction. Spelled as two directions (not
    least/greatest) so that the (reporter, partner, period) index serves each."""
    return or_(
        and_(f.c.reporter_code == a, f.c.partner_code == b),
        and_(f.c.reporter_code == b, f.c.partner_code == a),
    )


def filtered(f: FromClause, where: TurnoverFilter) -> Select[Any]:
    """The figures of f that pass every filter that is set."""
    query = select(f)
    if where.year is not None:
        query = query.where(
            f.c.period_start >= date(where.year, 1, 1), f.c.period_end <= date(where.year, 12, 31)
        )
    if where.country is not None:
        query = query.where(
            or_(f.c.reporter_code == where.country, f.c.partner_code == where.country)
        )
    if where.reporter is not None:
        query = query.where(f.c.reporter_code == where.reporter)
    if where.partner is not None:
        query = query.where(f.c.partner_code == where.partner)
    if where.pair is not None:
        query = query.where(names_pair(f, *where.pair))
    if where.flow is not None:
        query = query.where(f.c.flow == where.flow)
    if where.review is not None:
        query = query.where(f.c.review == where.review)
    if where.date_from is not None:
        query = query.where(f.c.period_start >= where.date_from)
    if where.date_to is not None:
        query = query.where(f.c.period_end <= where.date_to)
    if where.period == "annual":
        query = query.where(f.c.period_kind == "year")
    elif where.period == "partial":
        query = query.where(f.c.period_kind.in_(PARTIAL_KINDS))
    return query
