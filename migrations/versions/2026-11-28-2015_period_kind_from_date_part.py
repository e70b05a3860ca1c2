"""period_kind from date_part: the same kinds, computed several times faster

extract() returns numeric and the old expression called it up to sixteen times per row;
date_part() returns double precision, and a simple CASE computes the month span once.
Every insert evaluates the expression, so an import of many rows pays for it. PostgreSQL
cannot change a generated column's expression in place (before version 17): the column is
dropped and added again, which rewrites both tables.

Revision ID: 0d6b2f4c8e13
Revises: 5f0c3e9a7d21
Create Date: 2026-11-28 20:15:40.226108
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0d6b2f4c8e13"
down_revision: str | Sequence[str] | None = "5f0c3e9a7d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERIOD_KIND = """CASE
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
# As migration b39aff36aa2a wrote it.
PREVIOUS = """CASE
    WHEN extract(day FROM period_start) <> 1 OR extract(day FROM period_end + 1) <> 1
        OR extract(year FROM period_start) <> extract(year FROM period_end) THEN 'other'
    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 12 THEN 'year'
    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 1 THEN 'month'
    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 3 AND extract(month FROM period_start) IN (1, 4, 7, 10) THEN 'quarter'
    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 6 AND extract(month FROM period_start) IN (1, 7) THEN 'half'
    ELSE 'months'
END"""
TABLES = ("turnover_periods", "turnover_periods_history")


def replace_period_kind(expression: str) -> None:
    for table in TABLES:
        op.drop_column(table, "period_kind")
        op.add_column(
            table,
            sa.Column(
                "period_kind",
                sa.String(length=8),
                sa.Computed(expression, persisted=True),
                nullable=False,
            ),
        )


def upgrade() -> None:
    replace_period_kind(PERIOD_KIND)


def downgrade() -> None:
    replace_period_kind(PREVIOUS)
