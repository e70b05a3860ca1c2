"""API keys: only the SHA-256 of each key is kept

Revision ID: 43b5f7fcbc5f
Revises: b39aff36aa2a
Create Date: 2026-11-28 18:23:43.350438
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "43b5f7fcbc5f"
down_revision: str | Sequence[str] | None = "b39aff36aa2a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("key_sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_api_keys_hash_format")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_sha256", name=op.f("uq_api_keys_key_sha256")),
        sa.UniqueConstraint("name", name=op.f("uq_api_keys_name")),
    )


def downgrade() -> None:
    op.drop_table("api_keys")
