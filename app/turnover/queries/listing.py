"""The one statement of a listing of figures: filtered, in sort order, a page at a time.

JSON pages, CSV exports (export.py) and the series all run `page_statement`: the figures
of a view (sources.figures), the filters that are set (filters.filtered), ordered by the
sort key and after the cursor's key (app.paging.keyset), compiled once per shape with
every value a bind parameter, `as_of` included (statements.py).
"""

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from asyncpg import Record
from sqlalchemy import ColumnElement, FromClause, Select, func, select

from app.db.read_pool import Fetch
from app.paging import keyset
from app.turnover.queries.filters import (
    Basis,
    PeriodFilter,
    Resolve,
    Sort,
    TurnoverFilter,
    View,
    filtered,
)
from app.turnover.queries.sources import figures
from app.turnover.queries.statements import Parameters, PreparedStatement, prepared


def sort_key(f: FromClause, sort: Sort) -> tuple[ColumnElement[Any], ...]:
    """Unique, so that pages never skip or repeat a figure: key_id breaks every tie."""
    if sort.lstrip("-") == "period":
        return (f.c.period_start, f.c.period_end, f.c.key_id)
    return (func.coalesce(f.c.value_usd, -1), f.c.key_id)


def page(where: TurnoverFilter, view: View, sort: Sort, after: Any, rows: Any) -> Select[Any]:
    """`rows` figures in the sort order, after the key `after`.

    With a country on either side, the figures where it reports and those where it is the
    partner are paged apart and merged (keyset.either_side): each side walks its own
    (country, period_start, period_end, id) index.
    """
    f = figures(view)
    descending = sort.startswith("-")
    if where.country is None:
        query, key = filtered(f, where), sort_key(f, sort)
        in_order = keyset.ordered(query, key, descending=descending, after=after)
        return in_order.limit(rows)
    return keyset.either_side(
        filtered(f, replace(where, country=None)),
        (f.c.reporter_code, f.c.partner_code),
        where.country,
        lambda source: sort_key(source, sort),
        descending=descending,
        after=after,
        rows=rows,
    )


@dataclass(frozen=True)
class Shape:
    """What decides a listing statement's text; the values do not."""

    basis: Basis
    resolve: Resolve
    dated: bool  # as_of is set
    sort: Sort
    period: PeriodFilter
    filters: frozenset[str]  # the names of the filter values that are set
    paged: bool  # after a cursor's key


_EQUALITY_FILTERS = ("country", "reporter", "partner", "flow", "review")


def filter_values(where: TurnoverFilter) -> dict[str, Any]:
    """The filters set, by parameter name; a year is the range 1 January..31 December."""
    values: dict[str, Any] = {
        name: getattr(where, name) for name in _EQUALITY_FILTERS if getattr(where, name) is not None
    }
    date_from, date_to = where.date_from, where.date_to
    if where.year is not None:
        first, last = date(where.year, 1, 1), date(where.year, 12, 31)
        date_from = first if date_from is None else max(date_from, first)
        date_to = last if date_to is None else min(date_to, last)
    if date_from is not None:
        values["date_from"] = date_from
    if date_to is not None:
        values["date_to"] = date_to
    if where.pair is not None:
        values["pair_a"], values["pair_b"] = where.pair
    return values


def after_names(sort: Sort) -> tuple[str, ...]:
    if sort.lstrip("-") == "period":
        return ("after_start", "after_end", "after_key")
    return ("after_value", "after_key")


@dataclass(frozen=True)
class PageRequest:
    """One page of a listing: its statement's shape and the values of its parameters."""

    shape: Shape
    values: dict[str, Any]

    @classmethod
    def of(
        cls,
        where: TurnoverFilter,
        view: View,
        sort: Sort,
        after: tuple[Any, ...] | None,
        rows: int,
    ) -> "PageRequest":
        values = filter_values(where)
        shape = Shape(
            view.basis,
            view.resolve,
            view.as_of is not None,
            sort,
            where.period,
            frozenset(values),
            after is not None,
        )
        if view.as_of is not None:
            values["as_of"] = view.as_of
        if after is not None:
            values.update(zip(after_names(sort), after, strict=True))
        values["row_limit"] = rows
        return cls(shape, values)


def _page_of(shape: Shape, parameters: Parameters) -> Select[Any]:
    settings = {name: parameters(name) for name in shape.filters - {"pair_a", "pair_b"}}
    if "pair_a" in shape.filters:
        settings["pair"] = (parameters("pair_a"), parameters("pair_b"))
    where = TurnoverFilter(period=shape.period, **settings)
    view = View(shape.basis, shape.resolve, parameters("as_of") if shape.dated else None)
    after = tuple(map(parameters, after_names(shape.sort))) if shape.paged else None
    return page(where, view, shape.sort, after, parameters("row_limit"))


@lru_cache(maxsize=512)
def page_statement(shape: Shape) -> PreparedStatement:
    parameters = Parameters()
    return prepared(_page_of(shape, parameters), parameters)


@lru_cache(maxsize=128)
def page_tail_statement(shape: Shape) -> PreparedStatement:
    """The page's rows from `row_offset` on: the page's statement, wrapped."""
    parameters = Parameters()
    rows = _page_of(shape, parameters).subquery("page")
    return prepared(select(rows).offset(parameters("row_offset")), parameters)


async def list_figures(
    fetch: Fetch,
    where: TurnoverFilter,
    view: View,
    sort: Sort = "period",
    after: tuple[Any, ...] | None = None,
    limit: int = 100,
) -> list[Record]:
    """One page of figures, and one row more while another page follows."""
    request = PageRequest.of(where, view, sort, after, limit + 1)
    statement = page_statement(request.shape)
    return await fetch(statement.sql, statement.arguments(request.values))
