"""Trade figures: turnover/export/import for a period, and targets a pair of countries set."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    FLOWS,
    VALUE_QUALIFIERS,
    Base,
    Evidence,
    Percent,
    Reviewed,
    evidence_checks,
    one_of,
    review_check,
)

# What kind of period start..end is: a calendar `year`, a `half`, a `quarter`, a `month`,
# other whole `months` within one year (January-July), or `other`. Stored, so that
# annual/partial filters use plain comparisons. date_part (double precision) rather than
# extract (numeric), and the month span computed once: every insert evaluates this.
PERIOD_KIND_SQL = """CASE
    WHEN date_part('day', period_start) <> 1 OR date_part('day', period_end + 1) <> 1
        OR date_part('year', period_start) <> date_part('year', period_end) THEN 'other'
    ELSE CASE date_part('month', period_end) - date_part('month', period_start)
        WHEN 11 THEN 'year'
        WHEN 0 THEN 'month'
        WHEN 2 THEN CASE WHEN date_part('month', period_start) IN (1, 4, 7, 10)
            THEN 'quarter' ELSE 'months' END
        WHEN 5 THEN CASE WHEN date_part('month', period_start) IN (1, 7)
            THEN 'half' ELSE 'months' END
        ELSE 'months'
    END
END"""
PERIOD_KINDS = ("year", "half", "quarter", "months", "month", "other")
PARTIAL_KINDS = ("half", "quarter", "months", "month")


class TurnoverPeriod(Evidence, Reviewed, Base):
    """One figure for one flow between two countries over one period, as one document states it."""

    __tablename__ = "turnover_periods"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "reporter_code", "partner_code", "flow", "period_start", "period_end"
        ),
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint("reporter_code <> partner_code", name="two_countries"),
        CheckConstraint(one_of("flow", FLOWS), name="flow"),
        CheckConstraint(one_of("value_qualifier", VALUE_QUALIFIERS), name="value_qualifier"),
        CheckConstraint(
            f"growth_qualifier IS NULL OR {one_of('growth_qualifier', VALUE_QUALIFIERS)}",
            name="growth_qualifier",
        ),
        CheckConstraint(
            "(growth_pct IS NULL) = (growth_qualifier IS NULL)", name="growth_has_qualifier"
        ),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_format"),
        CheckConstraint(
            "(currency = 'USD') = (value_usd IS NOT NULL)"
            " AND (value_usd IS NULL OR value_usd = amount)",
            name="usd_value",
        ),
        CheckConstraint("growth_pct > -100", name="growth_above_minus_100"),
        # A pair's figures in period order; with flow, it answers the probes of derived
        # figures (is this pair's flow reported for that period?) without the table.
        Index(
            "ix_turnover_periods_pair_period",
            "reporter_code",
            "partner_code",
            "period_start",
            "period_end",
            "flow",
        ),
        # Listings walk figures in their sort order (period_start, period_end, id): with a
        # country, one side of it at a time (see app.paging.keyset.either_side).
        Index(
            "ix_turnover_periods_partner_period",
            "partner_code",
            "period_start",
            "period_end",
            "id",
        ),
        Index(
            "ix_turnover_periods_reporter_period",
            "reporter_code",
            "period_start",
            "period_end",
            "id",
        ),
        Index("ix_turnover_periods_period_order", "period_start", "period_end", "id"),
        *evidence_checks(),
        review_check(),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # No index of its own: the unique constraint leads with document_id and serves its lookups.
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    # Country codes (countries.alpha3) checked once per statement by triggers, not by foreign
    # keys: a key's per-row check cost more than the rest of a bulk load.
    reporter_code: Mapped[str] = mapped_column(String(3))
    partner_code: Mapped[str] = mapped_column(String(3))
    flow: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date]
    period_end: Mapped[date]
    period_label: Mapped[str] = mapped_column(Text)
    period_kind: Mapped[str] = mapped_column(String(8), Computed(PERIOD_KIND_SQL, persisted=True))
    # The year of the period was not written in the sentence but taken from its context.
    period_inferred: Mapped[bool] = mapped_column(Boolean, server_default=false())
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), server_default="USD")
    value_usd: Mapped[Decimal | None]
    value_qualifier: Mapped[str] = mapped_column(String(16))
    growth_pct: Mapped[Decimal | None] = mapped_column(Percent)
    growth_qualifier: Mapped[str | None] = mapped_column(String(16))
    # Who, per the document, states the figure ("the Prime Minister's press service").
    attribution: Mapped[str | None] = mapped_column(Text)
    # Since when this version is current; older versions are in turnover_periods_history.
    valid_from: Mapped[datetime] = mapped_column(server_default=func.now())


# sort=value walks this from either end (the listing's sort key, see
# app.turnover.queries.listing.sort_key); compare finds a year earlier by pair in either order.
Index(
    "ix_turnover_periods_value_order",
    func.coalesce(TurnoverPeriod.value_usd, -1),
    TurnoverPeriod.id,
)
Index(
    "ix_turnover_periods_unordered_pair",
    func.least(TurnoverPeriod.reporter_code, TurnoverPeriod.partner_code),
    func.greatest(TurnoverPeriod.reporter_code, TurnoverPeriod.partner_code),
    TurnoverPeriod.flow,
    TurnoverPeriod.period_start,
    TurnoverPeriod.period_end,
)


class Target(Evidence, Reviewed, Base):
    """A goal for trade between two countries (country_a < country_b)."""

    __tablename__ = "targets"
    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        CheckConstraint("country_a_code < country_b_code", name="ordered_pair"),
        CheckConstraint(one_of("flow", FLOWS), name="flow"),
        CheckConstraint(one_of("value_qualifier", VALUE_QUALIFIERS), name="value_qualifier"),
        CheckConstraint("value_usd > 0", name="value_positive"),
        CheckConstraint("target_year BETWEEN 1900 AND 2200", name="target_year_range"),
        *evidence_checks(),
        review_check(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    country_a_code: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"), index=True)
    country_b_code: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"), index=True)
    flow: Mapped[str] = mapped_column(String(16))
    value_usd: Mapped[Decimal]
    value_qualifier: Mapped[str] = mapped_column(String(16))
    target_year: Mapped[int | None] = mapped_column(SmallInteger)
    set_by: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[datetime] = mapped_column(server_default=func.now())
