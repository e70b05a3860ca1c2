"""Which rows a listing reads: the figures' one row source, `figures(view)`.

Figures come from `turnover_periods`, or, with `as_of`, from the versions that were current
at that instant (current rows plus `turnover_periods_history`); `resolve=latest` keeps the
newest document's figure per period. Derived figures (the same period a year earlier,
implied by a value and its growth; turnover as exports + imports) are computed in the same
query, so that filters, sorting and cursors treat them like reported ones.
"""

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    FromClause,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import distinct_on

from app.models import Document, TurnoverPeriod, turnover_periods_history
from app.models.base import Money
from app.turnover.queries.filters import Basis, Resolve, View, names_pair

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
H = turnover_periods_history


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


def _same_pair(a: FromClause, b: FromClause) -> ColumnElement[bool]:
    """The same two countries in either order, and the same flow."""
    return and_(names_pair(a, b.c.reporter_code, b.c.partner_code), a.c.flow == b.c.flow)


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
