"""Cursor secret: the key signing pagination cursors, kept with the data

Without CURSOR_SECRET the key used to be derived from DATABASE_URL, which a compose file
publishes. The service now makes a random one on its first start and keeps it here.

Revision ID: c5a7e1d93f20
Revises: 2f6b9e4d7a31
Create Date: 2026-12-06 16:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5a7e1d93f20"
down_revision: str | Sequence[str] | None = "2f6b9e4d7a31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cursor_secret",
        sa.Column("id", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("id", name=op.f("ck_cursor_secret_single_row")),
        sa.CheckConstraint("length(secret) >= 32", name=op.f("ck_cursor_secret_secret_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cursor_secret")),
    )


def downgrade() -> None:
    op.drop_table("cursor_secret")
