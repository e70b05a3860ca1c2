"""Stored derived figures get the listing indexes reported figures have

The pair index gains period_end and flow, as turnover_periods' did; compare finds a year
earlier by pair in either order, `basis=all` included, so derived figures get the
unordered-pair index too; and as_of reads their past versions in a listing's order, so
their history gets the current table's listing indexes.

Revision ID: 4c8e2f6a9d13
Revises: 7e4b2c9d1a58
Create Date: 2026-12-06 19:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import TextClause

revision: str = "4c8e2f6a9d13"
down_revision: str | Sequence[str] | None = "7e4b2c9d1a58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "derived_figures"
HISTORY = "derived_figures_history"
Columns = list[str | TextClause]

UNORDERED_PAIR: Columns = [
    sa.text("least(reporter_code, partner_code)"),
    sa.text("greatest(reporter_code, partner_code)"),
    "flow",
    "period_start",
    "period_end",
]
HISTORY_INDEXES: dict[str, Columns] = {
    "period_order": ["period_start", "period_end", "key_id"],
    "reporter_period": ["reporter_code", "period_start", "period_end", "key_id"],
    "partner_period": ["partner_code", "period_start", "period_end", "key_id"],
    "pair_period": ["reporter_code", "partner_code", "period_start", "period_end", "flow"],
    "value_order": [sa.text("coalesce(value_usd, -1)"), "key_id"],
}


def upgrade() -> None:
    op.drop_index("ix_derived_figures_pair_period", table_name=TABLE)
    op.create_index(
        "ix_derived_figures_pair_period",
        TABLE,
        ["reporter_code", "partner_code", "period_start", "period_end", "flow"],
    )
    op.create_index("ix_derived_figures_unordered_pair", TABLE, UNORDERED_PAIR)
    for suffix, columns in HISTORY_INDEXES.items():
        op.create_index(f"ix_{HISTORY}_{suffix}", HISTORY, columns)


def downgrade() -> None:
    for suffix in HISTORY_INDEXES:
        op.drop_index(f"ix_{HISTORY}_{suffix}", table_name=HISTORY)
    op.drop_index("ix_derived_figures_unordered_pair", table_name=TABLE)
    op.drop_index("ix_derived_figures_pair_period", table_name=TABLE)
    op.create_index(
        "ix_derived_figures_pair_period", TABLE, ["reporter_code", "partner_code", "period_start"]
    )
