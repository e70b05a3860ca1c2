"""Indexes for every listing shape at 10 million figures

Measured with `make bench-scale` (EXPLAIN of each shape):
- sort=-value walked every figure to sort it: an index on (coalesce(value_usd, -1), id),
  the listing's sort key, gives the first page from the index's end;
- the pair index gains period_end and flow, so that the probes of derived figures (is the
  prior period, or the turnover of an export and import, reported?) and the pair listing
  are answered by the index alone, in period order;
- compare looks a year back by pair in either order: an index on the pair as
  (least, greatest), flow and period serves its IN list;
- as_of reads past versions: the history gets the current table's listing indexes, so that
  both sides of the union are walked in order and merged.

Revision ID: 7e4b2c9d1a58
Revises: c5a7e1d93f20
Create Date: 2026-12-06 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import TextClause

revision: str = "7e4b2c9d1a58"
down_revision: str | Sequence[str] | None = "d1e7f3a9b250"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "turnover_periods"
HISTORY = "turnover_periods_history"
Columns = list[str | TextClause]

VALUE_ORDER: Columns = [sa.text("coalesce(value_usd, -1)"), "id"]
UNORDERED_PAIR: Columns = [
    sa.text("least(reporter_code, partner_code)"),
    sa.text("greatest(reporter_code, partner_code)"),
    "flow",
    "period_start",
    "period_end",
]
# The current table's listing indexes, on the history (name suffix, columns).
HISTORY_INDEXES: dict[str, Columns] = {
    "period_order": ["period_start", "period_end", "id"],
    "reporter_period": ["reporter_code", "period_start", "period_end", "id"],
    "partner_period": ["partner_code", "period_start", "period_end", "id"],
    "pair_period": ["reporter_code", "partner_code", "period_start", "period_end", "flow"],
    "value_order": VALUE_ORDER,
}


def upgrade() -> None:
    op.drop_index("ix_turnover_periods_pair_period", table_name=TABLE)
    op.create_index(
        "ix_turnover_periods_pair_period",
        TABLE,
        ["reporter_code", "partner_code", "period_start", "period_end", "flow"],
    )
    op.create_index("ix_turnover_periods_value_order", TABLE, VALUE_ORDER)
    op.create_index("ix_turnover_periods_unordered_pair", TABLE, UNORDERED_PAIR)
    for suffix, columns in HISTORY_INDEXES.items():
        op.create_index(f"ix_{HISTORY}_{suffix}", HISTORY, columns)


def downgrade() -> None:
    for suffix in HISTORY_INDEXES:
        op.drop_index(f"ix_{HISTORY}_{suffix}", table_name=HISTORY)
    op.drop_index("ix_turnover_periods_unordered_pair", table_name=TABLE)
    op.drop_index("ix_turnover_periods_value_order", table_name=TABLE)
    op.drop_index("ix_turnover_periods_pair_period", table_name=TABLE)
    op.create_index(
        "ix_turnover_periods_pair_period", TABLE, ["reporter_code", "partner_code", "period_start"]
    )
