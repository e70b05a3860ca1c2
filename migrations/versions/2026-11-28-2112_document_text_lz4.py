"""Document text compressed with lz4 where the server has it

A dataset document holds a whole imported file (tens of MiB): lz4 compresses it several
times faster than the default pglz, and reads it back faster, for somewhat larger storage.
Only text written from now on is compressed with it. A server built without lz4 keeps pglz.

Revision ID: 3e8a1f6c2b94
Revises: 7c41d9e2b5a8
Create Date: 2026-11-28 21:12:27.604419
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3e8a1f6c2b94"
down_revision: str | Sequence[str] | None = "7c41d9e2b5a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("""
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE documents ALTER COLUMN text SET COMPRESSION lz4;
    END IF;
END $$
""")


def downgrade() -> None:
    op.execute("ALTER TABLE documents ALTER COLUMN text SET COMPRESSION default")
