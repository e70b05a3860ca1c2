"""Which rows a listing reads: the figures' one row source, `figures(view)`.

Reported figures come from `turnover_periods`, derived ones (the same period a year earlier,
implied by a value and its growth; turnover as exports + imports) from `derived_figures`,
which the database keeps as figures change; with `as_of`, from the versions that were
current at that instant (current rows plus each table's history). `resolve=latest` keeps
the newest document's figure per period. Both bases have one shape, so that filters,
sorting and cursors treat derived figures like reported ones.
"""

from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Select,
    String,
    cast,
    exists,
    func,
    literal,
    null,
    select,
    tuple_,
    union_all,
)

from app.models import (
    DerivedFigure,
    Document,
    TurnoverPeriod,
    derived_figures_history,
    turnover_periods_history,
)
from app.models.base import Money
from app.turnover.queries.filters import Basis, Resolve, View

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
# A derived row's columns, in the order of a reported row's from _rows().
DERIVED_FIELDS = (
    *FIELDS,
    "basis",
    "key_id",
    "input_value_usd",
    "input_value_qualifier",
    "input_growth_qualifier",
    "input_growth_pct",
    "input_period_label",
    "method",
    "input_other_id",
    "input_other_value_usd",
    "input_other_value_qualifier",
)
T = TurnoverPeriod.__table__
H = turnover_periods_history
D = DerivedFigure.__table__
DH = derived_figures_history
FOREVER = cast(literal("infinity"), DateTime(timezone=True))
NEVER = cast(literal("-infinity"), Date)  # an undated document counts as the oldest


def versions(
    as_of: datetime | None,
    table: FromClause = T,
    history: FromClause = H,
    fields: tuple[str, ...] = FIELDS,
) -> FromClause:
    """The rows of a versioned table (reported figures, unless told) current at as_of (now,
    when None): current rows made by then, and past versions that were current then."""
    if as_of is None:
        return table
    # The instant is a condition on the union, not on each branch: PostgreSQL merges the
    # branches' index walks in a listing's order only when each branch is a bare table.
    current = select(*(table.c[f] for f in fields), FOREVER.label("valid_to"))
    past = select(*(history.c[f] for f in fields), history.c.valid_to)
    every = union_all(current, past).subquery("every_version")
    return (
        select(*(every.c[f] for f in fields))
        .where(every.c.valid_from <= as_of, every.c.valid_to > as_of)
        .subquery("versions")
    )


def _resolved(source: FromClause, resolve: Resolve) -> FromClause:
    """Per reporter, pair, flow and period: the figure of the most recently published
    document (undated counts as oldest; then the larger document id)."""
    if resolve == "all":
        return source
    document = Document.__table__.alias("document")
    newer_document = Document.__table__.alias("newer_document")
    newer = source.alias("newer")
    # "No newer figure exists" is a probe per row, so a page walks its index where DISTINCT
    # ON read and sorted every figure. OFFSET 0 keeps it a probe: otherwise the planner may
    # pick a merge anti-join that reads from the start of the listing.
    newer_exists = exists(
        select(literal(1))
        .select_from(newer.join(newer_document, newer_document.c.id == newer.c.document_id))
        .where(
            newer.c.reporter_code == source.c.reporter_code,
            newer.c.partner_code == source.c.partner_code,
            newer.c.flow == source.c.flow,
            newer.c.period_start == source.c.period_start,
            newer.c.period_end == source.c.period_end,
            tuple_(func.coalesce(newer_document.c.published_on, NEVER), newer.c.document_id)
            > tuple_(func.coalesce(document.c.published_on, NEVER), source.c.document_id),
        )
        .offset(0)
    )
    return (
        select(source, document.c.published_on)
        .join(document, document.c.id == source.c.document_id)
        .where(~newer_exists)
        .subquery("resolved")
    )


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
    # Typed, so that the UNION with derived rows agrees on each column's type.
    return (
        cast(null(), String).label("method"),
        cast(null(), BigInteger).label("input_other_id"),
        cast(null(), Money).label("input_other_value_usd"),
        cast(null(), String).label("input_other_value_qualifier"),
    )


def _derived_rows(source: FromClause) -> Select[Any]:
    return select(*(source.c[f] for f in DERIVED_FIELDS))


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
    `resolve=latest` applies to each basis apart: reported figures by their document's
    publication, derived ones by their (first) input's document.
    """
    parts: list[Select[Any]] = []
    if view.basis in ("reported", "all"):
        parts.append(_rows(_resolved(versions(view.as_of), view.resolve), "reported"))
    if view.basis in ("derived", "all"):
        derived = versions(view.as_of, D, DH, DERIVED_FIELDS)
        parts.append(_derived_rows(_resolved(derived, view.resolve)))
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("figures")
