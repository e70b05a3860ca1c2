"""Indexes for listings at scale

`country=` reads turnover by (reporter_code, period_start) and (partner_code, period_start);
`has_data` probes the same two; listings without a country walk (period_start, id).

Revision ID: a8b91be04e43
Revises: 43b5f7fcbc5f
Create Date: 2026-11-28 18:35:46.800250
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a8b91be04e43"
down_revision: str | Sequence[str] | None = "43b5f7fcbc5f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_turnover_periods_period_id", "turnover_periods", ["period_start", "id"], unique=False
    )
    op.create_index(
        "ix_turnover_periods_reporter_period",
        "turnover_periods",
        ["reporter_code", "period_start"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_turnover_periods_reporter_period", table_name="turnover_periods")
    op.drop_index("ix_turnover_periods_period_id", table_name="turnover_periods")
