"""Indexes in the listings' sort order: (period_start, period_end, id)

Listings sort by (period_start, period_end, id). An index on (period_start, id) left
every figure of the first period to be read and sorted before the first row came out (at
10 million figures, 50,000 of them for a year's first day). The country indexes get the
same tail, so that each side of "either side is this country" is walked in order.

Revision ID: 5b7e2d9c4a16
Revises: 3e8a1f6c2b94
Create Date: 2026-11-28 21:20:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5b7e2d9c4a16"
down_revision: str | Sequence[str] | None = "3e8a1f6c2b94"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "turnover_periods"
SIDES = ("reporter", "partner")


def upgrade() -> None:
    op.drop_index("ix_turnover_periods_period_id", table_name=TABLE)
    op.create_index("ix_turnover_periods_period_order", TABLE, ["period_start", "period_end", "id"])
    for side in SIDES:
        op.drop_index(f"ix_turnover_periods_{side}_period", table_name=TABLE)
        op.create_index(
            f"ix_turnover_periods_{side}_period",
            TABLE,
            [f"{side}_code", "period_start", "period_end", "id"],
        )


def downgrade() -> None:
    for side in SIDES:
        op.drop_index(f"ix_turnover_periods_{side}_period", table_name=TABLE)
        op.create_index(
            f"ix_turnover_periods_{side}_period", TABLE, [f"{side}_code", "period_start"]
        )
    op.drop_index("ix_turnover_periods_period_order", table_name=TABLE)
    op.create_index("ix_turnover_periods_period_id", TABLE, ["period_start", "id"])
