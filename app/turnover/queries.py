"""Every SELECT about turnover figures.

Figures come from `turnover_periods`, or, with `as_of`, from the versions that were current
at that instant (current rows plus `turnover_periods_history`). Derived figures (the same
period a year earlier, implied by a value and its growth) are computed in the same query, so
that filters, sorting and cursors treat them like reported ones.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

from asyncpg import Record
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    FromClause,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.compiler import SQLCompiler

from app.db.read_pool import Fetch
from app.models import Document, TurnoverPeriod, turnover_periods_history
from app.models.base import Money
from app.models.figures import PARTIAL_KINDS
from app.turnover.periods import year_earlier as shift

Basis = Literal["reported", "derived", "all"]
PeriodFilter = Literal["annual", "partial", "all"]
Sort = Literal["period", "-period", "value", "-value"]
Resolve = Literal["all", "latest"]

FIELDS = (
    "id",
    "reporter_code",
    "partner_code",
    "flow",
    "period_start",
    "period_end",
    "period_label",
    "period_inferred",
    "period_kind",
    "value_usd",
    "value_qualifier",
    "amount",
    "currency",
    "growth_pct",
    "growth_qualifier",
    "attribution",
    "document_id",
    "quote",
    "char_start",
    "char_end",
    "valid_from",
    "review",
)
T = TurnoverPeriod.__table__
# Statements compiled ahead of time are compiled for the driver the engines use.
_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]
H = turnover_periods_history


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


def versions(as_of: datetime | None) -> FromClause:
    """The figures current at as_of (now, when None)."""
    if as_of is None:
        return T
    current = select(*(T.c[f] for f in FIELDS)).where(T.c.valid_from <= as_of)
    past = select(*(H.c[f] for f in FIELDS)).where(H.c.valid_from <= as_of, H.c.valid_to > as_of)
    return union_all(current, past).subquery("versions")


def _resolved(source: FromClause, resolve: Resolve) -> FromClause:
    if resolve == "all":
        return source
    # Per reporter, pair, flow and period: the figure of the most recently published document.
    newest_first = (
        select(source, Document.published_on)
        .join(Document, Document.id == source.c.document_id)
        .ext(
            distinct_on(
                source.c.reporter_code,
                source.c.partner_code,
                source.c.flow,
                source.c.period_start,
                source.c.period_end,
            )
        )
        .order_by(
            source.c.reporter_code,
            source.c.partner_code,
            source.c.flow,
            source.c.period_start,
            source.c.period_end,
            Document.published_on.desc().nulls_last(),
            source.c.document_id.desc(),
        )
    )
    return newest_first.subquery("resolved")


def _names_pair(f: FromClause, a: Any, b: Any) -> ColumnElement[bool]:
    """f's figure is between a and b, in either direction. Spelled as two directions (not
    least/greatest) so that the (reporter, partner, period) index serves each."""
    return or_(
        and_(f.c.reporter_code == a, f.c.partner_code == b),
        and_(f.c.reporter_code == b, f.c.partner_code == a),
    )


def _same_pair(a: FromClause, b: FromClause) -> ColumnElement[bool]:
    """The same two countries in either order, and the same flow."""
    return and_(_names_pair(a, b.c.reporter_code, b.c.partner_code), a.c.flow == b.c.flow)


def year_earlier(day: ColumnElement[date]) -> ColumnElement[date]:
    """The same calendar day a year earlier; month ends stay month ends (29 Feb -> 28 Feb)."""
    return cast(day + 1 - text("interval '1 year'"), Date) - 1


def _rows(source: FromClause, basis: str) -> Select[Any]:
    return select(
        *(source.c[f] for f in FIELDS),
        literal(basis).label("basis"),
        source.c.id.label("key_id"),
        null().label("input_value_usd"),
        null().label("input_value_qualifier"),
        null().label("input_growth_qualifier"),
        null().label("input_growth_pct"),
        null().label("input_period_label"),
        *_no_second_input(),
    )


def _no_second_input() -> tuple[ColumnElement[Any], ...]:
    # Typed, so that a UNION of three parts agrees on each column's type.
    return (
        cast(null(), String).label("method"),
        cast(null(), BigInteger).label("input_other_id"),
        cast(null(), Money).label("input_other_value_usd"),
        cast(null(), String).label("input_other_value_qualifier"),
    )


def _derived_columns(
    source: FromClause,
    flow: ColumnElement[Any],
    start: ColumnElement[Any],
    end: ColumnElement[Any],
    value: ColumnElement[Any],
    valid_from: ColumnElement[Any],
    review: ColumnElement[Any],
) -> tuple[ColumnElement[Any], ...]:
    """What every derived figure has in the place of a reported row's columns: no id, a value
    in US dollars without a stated qualifier or growth, the evidence of its first input, and
    `reviewed` only when every input is."""
    return (
        null().label("id"),
        source.c.reporter_code,
        source.c.partner_code,
        flow.label("flow"),
        start.label("period_start"),
        end.label("period_end"),
        source.c.period_label,
        source.c.period_inferred,
        source.c.period_kind,
        value.label("value_usd"),
        null().label("value_qualifier"),
        value.label("amount"),
        literal("USD").label("currency"),
        null().label("growth_pct"),
        null().label("growth_qualifier"),
        source.c.attribution,
        source.c.document_id,
        source.c.quote,
        source.c.char_start,
        source.c.char_end,
        valid_from.label("valid_from"),
        review.label("review"),
        literal("derived").label("basis"),
    )


def _derived(reported: FromClause, everything: FromClause) -> Select[Any]:
    r = reported
    start, end = year_earlier(r.c.period_start), year_earlier(r.c.period_end)
    value = func.round(r.c.value_usd / (1 + r.c.growth_pct / 100))
    other = everything.alias("other")
    already_reported = exists().where(
        _same_pair(other, r), other.c.period_start == start, other.c.period_end == end
    )
    return select(
        *_derived_columns(r, r.c.flow, start, end, value, r.c.valid_from, r.c.review),
        (-r.c.id).label("key_id"),
        r.c.value_usd.label("input_value_usd"),
        r.c.value_qualifier.label("input_value_qualifier"),
        r.c.growth_qualifier.label("input_growth_qualifier"),
        r.c.growth_pct.label("input_growth_pct"),
        r.c.period_label.label("input_period_label"),
        literal("prior_from_growth").label("method"),
        *_no_second_input()[1:],
    ).where(r.c.value_usd.is_not(None), r.c.growth_pct.is_not(None), ~already_reported)


# Keys of summed figures sit apart from those of figures derived from growth (-input id).
SUM_KEY_OFFSET = 2**62


def _summed(reported: FromClause, everything: FromClause) -> Select[Any]:
    """Turnover as exports + imports: one source, one reporter, partner and period."""
    x, m = reported.alias("exports"), reported.alias("imports")
    stated = everything.alias("stated")

    def stated_turnover(reporter: ColumnElement[str], partner: ColumnElement[str]) -> Any:
        # One direction at a time, so that the (reporter, partner, period) index serves it.
        return exists().where(
            stated.c.reporter_code == reporter,
            stated.c.partner_code == partner,
            stated.c.period_start == x.c.period_start,
            stated.c.period_end == x.c.period_end,
            stated.c.flow == "turnover",
        )

    already_reported = or_(
        stated_turnover(x.c.reporter_code, x.c.partner_code),
        stated_turnover(x.c.partner_code, x.c.reporter_code),
    )
    value = x.c.value_usd + m.c.value_usd
    both = and_(
        m.c.document_id == x.c.document_id,
        m.c.reporter_code == x.c.reporter_code,
        m.c.partner_code == x.c.partner_code,
        m.c.period_start == x.c.period_start,
        m.c.period_end == x.c.period_end,
        m.c.flow == "import",
        m.c.value_usd.is_not(None),
    )
    return (
        select(
            *_derived_columns(
                x,
                literal("turnover"),
                x.c.period_start,
                x.c.period_end,
                value,
                func.greatest(x.c.valid_from, m.c.valid_from),
                case(
                    (and_(x.c.review == "reviewed", m.c.review == "reviewed"), "reviewed"),
                    else_="extracted",
                ),
            ),
            (-x.c.id - SUM_KEY_OFFSET).label("key_id"),
            x.c.value_usd.label("input_value_usd"),
            x.c.value_qualifier.label("input_value_qualifier"),
            null().label("input_growth_qualifier"),
            null().label("input_growth_pct"),
            x.c.period_label.label("input_period_label"),
            literal("sum_of_flows").label("method"),
            m.c.id.label("input_other_id"),
            m.c.value_usd.label("input_other_value_usd"),
            m.c.value_qualifier.label("input_other_value_qualifier"),
        )
        .select_from(x.join(m, both))
        .where(x.c.flow == "export", x.c.value_usd.is_not(None), ~already_reported)
    )


def figures(view: View) -> FromClause:
    """Reported and/or derived figures under one shape (see _figures)."""
    if view.as_of is None:
        return _current_figures(view.basis, view.resolve)
    return _figures(view)


@lru_cache(maxsize=16)
def _current_figures(basis: Basis, resolve: Resolve) -> FromClause:
    # Built once per view: setting up a subquery's columns costs more than the query itself.
    return _figures(View(basis=basis, resolve=resolve))


def _figures(view: View) -> FromClause:
    """Reported and/or derived figures under one shape; `key_id` is unique.

    Derived from growth: key_id = -input id; summed from flows: -export id - SUM_KEY_OFFSET.
    """
    everything = versions(view.as_of)
    reported = _resolved(everything, view.resolve)
    parts: list[Select[Any]] = []
    if view.basis in ("reported", "all"):
        parts.append(_rows(reported, "reported"))
    if view.basis in ("derived", "all"):
        parts.append(_derived(reported, everything))
        parts.append(_summed(reported, everything))
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("figures")


def _filtered(f: FromClause, where: TurnoverFilter) -> Select[Any]:
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
        query = query.where(_names_pair(f, *where.pair))
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


def sort_key(f: FromClause, sort: Sort) -> tuple[ColumnElement[Any], ...]:
    if sort.lstrip("-") == "period":
        return (f.c.period_start, f.c.period_end, f.c.key_id)
    return (func.coalesce(f.c.value_usd, -1), f.c.key_id)


def keyed(
    where: TurnoverFilter, view: View, sort: Sort
) -> tuple[Select[Any], tuple[ColumnElement[Any], ...]]:
    """The filtered figures, unordered, and their sort key, on one and the same subquery."""
    f = figures(view)
    return _filtered(f, where), sort_key(f, sort)


def listing(
    where: TurnoverFilter,
    view: View,
    sort: Sort = "period",
    after: tuple[Any, ...] | None = None,
    limit: int = 100,
) -> Select[Any]:
    """Ordered by the sort key, then key_id: unique, so pages never skip or repeat.
    One row more than `limit` is asked for: it only says another page exists."""
    return _page(where, view, sort, after, limit + 1)


def _page(where: TurnoverFilter, view: View, sort: Sort, after: Any, rows: Any) -> Select[Any]:
    """`rows` figures in the sort order, after the key `after`.

    With a country on either side, the figures where it reports and those where it is the
    partner (never both: a figure names two countries) are paged apart and merged: each
    side walks its own (country, period_start, period_end, id) index in order and stops
    after `rows`, where a single OR would read every figure of the country to sort them.
    """
    if where.country is None:
        query, key = keyed(where, view, sort)
        return _ordered(query, key, sort, after).limit(rows)
    f = figures(view)
    base = _filtered(f, replace(where, country=None))
    key = sort_key(f, sort)
    sides = [
        _ordered(base.where(column == where.country), key, sort, after).limit(rows)
        for column in (f.c.reporter_code, f.c.partner_code)
    ]
    merged = union_all(*sides).subquery("either_side")
    return _ordered(select(merged), sort_key(merged, sort), sort, None).limit(rows)


def _ordered(
    query: Select[Any], key: tuple[ColumnElement[Any], ...], sort: Sort, after: Any
) -> Select[Any]:
    descending = sort.startswith("-")
    if after is not None:
        position = tuple_(*key) < tuple_(*after) if descending else tuple_(*key) > tuple_(*after)
        query = query.where(position)
    return query.order_by(*(k.desc() if descending else k for k in key))


async def list_figures(
    fetch: Fetch,
    where: TurnoverFilter,
    view: View,
    sort: Sort = "period",
    after: tuple[Any, ...] | None = None,
    limit: int = 100,
) -> list[Record]:
    """One page of figures (and one row more while another page follows).

    The statement of the current figures (no as_of) is compiled once per shape, the
    filters that are set and the order, and sent as SQL text with its parameters: the
    database's prepared statement does the rest. Building and compiling it anew costs
    several times more than running it.
    """
    if view.as_of is not None:
        compiled = _compiled(listing(where, view, sort, after, limit))
        values = compiled.construct_params()
        return await fetch(str(compiled), [values[name] for name in compiled.positiontup or ()])
    values = _filter_values(where)
    statement = _prepared_listing(view, sort, where.period, frozenset(values), after is not None)
    if after is not None:
        values.update(zip(_after_names(sort), after, strict=True))
    values["row_limit"] = limit + 1
    return await fetch(
        statement.sql, [values.get(name, statement.constants.get(name)) for name in statement.names]
    )


def _compiled(query: Select[Any]) -> SQLCompiler:
    # IN lists are written out: the statement text stays the same for every request.
    return query.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})


@dataclass(frozen=True)
class PreparedListing:
    sql: str
    names: tuple[str, ...]  # the bound parameters, in the order of the SQL's $1, $2 ...
    constants: dict[str, Any]  # the values of literals the statement binds itself


_EQUALITY_FILTERS = ("country", "reporter", "partner", "flow", "review")


def _filter_values(where: TurnoverFilter) -> dict[str, Any]:
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


def _after_names(sort: Sort) -> tuple[str, ...]:
    if sort.lstrip("-") == "period":
        return ("after_start", "after_end", "after_key")
    return ("after_value", "after_key")


_PARAMETER_TYPES: dict[str, Any] = {
    "date_from": Date,
    "date_to": Date,
    "after_start": Date,
    "after_end": Date,
    "after_value": Money,
    "after_key": BigInteger,
    "row_limit": BigInteger,
}


@lru_cache(maxsize=512)
def _prepared_listing(
    view: View, sort: Sort, period: PeriodFilter, filters: frozenset[str], paged: bool
) -> PreparedListing:
    bound: set[str] = set()

    def parameter(name: str) -> Any:
        bound.add(name)
        return bindparam(name, None, type_=_PARAMETER_TYPES.get(name, String), required=False)

    settings = {name: parameter(name) for name in filters - {"pair_a", "pair_b"}}
    if "pair_a" in filters:
        settings["pair"] = (parameter("pair_a"), parameter("pair_b"))
    where = TurnoverFilter(period=period, **settings)
    after = tuple(parameter(name) for name in _after_names(sort)) if paged else None
    query = _page(where, view, sort, after, parameter("row_limit"))
    compiled = _compiled(query)
    names = tuple(compiled.positiontup or ())
    constants = {k: v for k, v in compiled.construct_params().items() if k not in bound}
    return PreparedListing(str(compiled), names, constants)


async def get_figure(connection: AsyncSession, figure_id: int) -> dict[str, Any] | None:
    f = figures(View())
    row = (await connection.execute(select(f).where(f.c.id == figure_id))).mappings().first()
    return dict(row) if row is not None else None


async def same_period(connection: AsyncSession, figure: dict[str, Any]) -> list[dict[str, Any]]:
    """Other reported figures for the same pair, flow and period (another source, say)."""
    f = figures(View())
    pair = (figure["reporter_code"], figure["partner_code"])
    query = (
        select(f, Document.title.label("document_title"), Document.published_on)
        .join(Document, Document.id == f.c.document_id)
        .where(
            tuple_(f.c.reporter_code, f.c.partner_code).in_([pair, pair[::-1]]),
            f.c.flow == figure["flow"],
            f.c.period_start == figure["period_start"],
            f.c.period_end == figure["period_end"],
            f.c.id != figure["id"],
        )
        .order_by(f.c.id)
    )
    return [dict(row) for row in (await connection.execute(query)).mappings()]


async def history_of(connection: AsyncSession, figure_id: int) -> list[dict[str, Any]]:
    """Every version of a figure, oldest first; the current one has valid_to None."""
    past = select(*(H.c[f] for f in FIELDS), H.c.changed_by, H.c.valid_to).where(
        H.c.id == figure_id
    )
    current = select(*(T.c[f] for f in FIELDS), T.c.changed_by, null().label("valid_to")).where(
        T.c.id == figure_id
    )
    versions_ = union_all(past, current).subquery()
    query = select(versions_).order_by(versions_.c.valid_from)
    return [dict(row) for row in (await connection.execute(query)).mappings()]


def prior_key(item: dict[str, Any]) -> tuple[Any, ...]:
    """Pair (alphabetical), flow and the period a year before an API item's."""
    pair = sorted((item["reporter"], item["partner"]))
    return (*pair, item["flow"], shift(item["period_start"]), shift(item["period_end"]))


async def priors(
    connection: AsyncSession, items: list[dict[str, Any]], view: View
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Per item: the figure a year earlier, reported if there is one, else derived."""
    wanted = {prior_key(item) for item in items}
    if not wanted:
        return {}
    f = figures(View(basis="all", resolve=view.resolve, as_of=view.as_of))
    key = tuple_(
        func.least(f.c.reporter_code, f.c.partner_code),
        func.greatest(f.c.reporter_code, f.c.partner_code),
        f.c.flow,
        f.c.period_start,
        f.c.period_end,
    )
    query = select(f).where(key.in_(list(wanted))).order_by(f.c.basis.desc(), f.c.key_id)
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in (await connection.execute(query)).mappings():
        pair = sorted((row["reporter_code"], row["partner_code"]))
        found.setdefault((*pair, row["flow"], row["period_start"], row["period_end"]), dict(row))
    return found
