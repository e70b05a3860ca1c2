"""Period kind: year, half, quarter, months, month or other, generated from the dates

Revision ID: b39aff36aa2a
Revises: 2a265f132b47
Create Date: 2026-11-28 18:14:26.628846
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b39aff36aa2a"
down_revision: str | Sequence[str] | None = "2a265f132b47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


PERIOD_KIND = "CASE\n    WHEN extract(day FROM period_start) <> 1 OR extract(day FROM period_end + 1) <> 1\n        OR extract(year FROM period_start) <> extract(year FROM period_end) THEN 'other'\n    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 12 THEN 'year'\n    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 1 THEN 'month'\n    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 3 AND extract(month FROM period_start) IN (1, 4, 7, 10) THEN 'quarter'\n    WHEN ((extract(year FROM period_end) * 12 + extract(month FROM period_end)) - (extract(year FROM period_start) * 12 + extract(month FROM period_start)) + 1) = 6 AND extract(month FROM period_start) IN (1, 7) THEN 'half'\n    ELSE 'months'\nEND"


def upgrade() -> None:
    op.add_column(
        "turnover_periods",
        sa.Column(
            "period_kind",
            sa.String(length=8),
            sa.Computed(PERIOD_KIND, persisted=True),
            nullable=False,
        ),
    )
    op.add_column(
        "turnover_periods_history",
        sa.Column(
            "period_kind",
            sa.String(length=8),
            sa.Computed(PERIOD_KIND, persisted=True),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("turnover_periods_history", "period_kind")
    op.drop_column("turnover_periods", "period_kind")
