"""Drop ix_turnover_periods_document_id: the unique constraint leads with document_id

Every lookup by document is served by the unique index on (document_id, reporter_code,
partner_code, flow, period_start, period_end); the second index only cost each insert.

Revision ID: 5f0c3e9a7d21
Revises: a8b91be04e43
Create Date: 2026-11-28 20:08:12.481937
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5f0c3e9a7d21"
down_revision: str | Sequence[str] | None = "a8b91be04e43"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_turnover_periods_document_id", table_name="turnover_periods")


def downgrade() -> None:
    op.create_index(
        "ix_turnover_periods_document_id", "turnover_periods", ["document_id"], unique=False
    )
