"""Derived figures, kept by the database as their inputs change.

Two kinds: the same period a year earlier, implied by a reported value and its growth
(`prior_from_growth`), and turnover as exports + imports of one document (`sum_of_flows`).
Triggers on turnover_periods recompute the derived figures of every pair a statement
touches, in the statement's transaction (migrations/versions/2026-12-06-1900_derived_figures.py);
nothing in Python writes here. A row has the shape app.turnover.queries.figures() gives every
figure, so that listings read reported and derived figures alike.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, Percent, one_of

DERIVATION_METHODS = ("prior_from_growth", "sum_of_flows")
# Keys of summed figures sit apart from those of figures derived from growth (-input id).
SUM_KEY_OFFSET = 2**62


class DerivedFigure(Base):
    """One derived figure: its key, what it is computed from, and the evidence of its first
    input; the columns a reported figure has and a derived one lacks are null."""

    __tablename__ = "derived_figures"
    __table_args__ = (
        CheckConstraint("basis = 'derived'", name="basis"),
        CheckConstraint(one_of("method", DERIVATION_METHODS), name="method"),
        # The same indexes as turnover_periods, for the same listings (see there).
        Index(
            "ix_derived_figures_pair_period",
            "reporter_code",
            "partner_code",
            "period_start",
            "period_end",
            "flow",
        ),
        Index(
            "ix_derived_figures_partner_period",
            "partner_code",
            "period_start",
            "period_end",
            "key_id",
        ),
        Index(
            "ix_derived_figures_reporter_period",
            "reporter_code",
            "period_start",
            "period_end",
            "key_id",
        ),
        Index("ix_derived_figures_period_order", "period_start", "period_end", "key_id"),
    )

    # -input id (prior_from_growth), or -export id - SUM_KEY_OFFSET (sum_of_flows).
    key_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # A derived figure has no id of its own: it is named by its inputs (key_id).
    id: Mapped[int | None] = mapped_column(BigInteger)
    reporter_code: Mapped[str] = mapped_column(String(3))
    partner_code: Mapped[str] = mapped_column(String(3))
    flow: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date]
    period_end: Mapped[date]
    period_label: Mapped[str] = mapped_column(Text)
    period_inferred: Mapped[bool]
    period_kind: Mapped[str] = mapped_column(String(8))
    # Unbounded: a value divided by (1 + growth) may exceed what Money holds, and a load
    # must not fail over a figure nobody stated.
    value_usd: Mapped[Decimal] = mapped_column(Numeric)
    value_qualifier: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Numeric)
    currency: Mapped[str] = mapped_column(String(3))
    growth_pct: Mapped[Decimal | None] = mapped_column(Percent)
    growth_qualifier: Mapped[str | None] = mapped_column(String(16))
    attribution: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    review: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(8))
    method: Mapped[str] = mapped_column(String(24))
    input_value_usd: Mapped[Decimal] = mapped_column(Money)
    input_value_qualifier: Mapped[str] = mapped_column(String(16))
    input_growth_qualifier: Mapped[str | None] = mapped_column(String(16))
    input_growth_pct: Mapped[Decimal | None] = mapped_column(Percent)
    input_period_label: Mapped[str] = mapped_column(Text)
    input_other_id: Mapped[int | None] = mapped_column(BigInteger)
    input_other_value_usd: Mapped[Decimal | None] = mapped_column(Money)
    input_other_value_qualifier: Mapped[str | None] = mapped_column(String(16))
    # Since when this version is current; older versions are in derived_figures_history.
    valid_from: Mapped[datetime] = mapped_column(server_default=func.now())


# sort=value orders by (coalesce(value_usd, -1), key_id); compare finds a year earlier by
# pair in either order.
Index(
    "ix_derived_figures_value_order",
    func.coalesce(DerivedFigure.value_usd, literal_column("-1")),
    DerivedFigure.key_id,
)
Index(
    "ix_derived_figures_unordered_pair",
    func.least(DerivedFigure.reporter_code, DerivedFigure.partner_code),
    func.greatest(DerivedFigure.reporter_code, DerivedFigure.partner_code),
    DerivedFigure.flow,
    DerivedFigure.period_start,
    DerivedFigure.period_end,
)
