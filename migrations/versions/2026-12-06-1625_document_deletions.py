"""Document deletions: asked for by a request, carried out in the background

A request records the deletion and answers at once; a worker of the service deletes the
document and its facts in one transaction, however many there are, and stamps finished_at.
The row stays as the record of what was deleted and when.

Revision ID: 2f6b9e4d7a31
Revises: 8d3c5a7e1f20
Create Date: 2026-12-06 16:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2f6b9e4d7a31"
down_revision: str | Sequence[str] | None = "8d3c5a7e1f20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_deletions",
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column(
            "requested_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_deletions")),
    )
    op.create_index(
        "ix_document_deletions_pending",
        "document_deletions",
        ["document_id"],
        unique=False,
        postgresql_where=sa.text("finished_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_document_deletions_pending", table_name="document_deletions")
    op.drop_table("document_deletions")
