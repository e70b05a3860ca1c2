"""A review status on every figure, target and agreement, and the key that last changed it

`review` is `reviewed` for facts from a curated fact file and `extracted` for facts the
extractor drafted or a machine imported. Existing rows are classed by their document's
provenance: a release ingested through `POST /documents` or `tradestat ingest` gets a slug
ending in the first 8 hex digits of its text's SHA-256 (`document-` and 12 digits when it
has no title), which a curated fact file's slug does not, and an imported statistics file
is a document of kind `dataset`; the rows of both are `extracted`, all others `reviewed`.
Past versions in the history tables are classed the same way.

`changed_by` names the API key whose correction made the current version (null after a
load); the versioning triggers copy both columns into the history.

Revision ID: 3fef4a7bcd1b
Revises: 5b7e2d9c4a16
Create Date: 2026-12-06 16:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3fef4a7bcd1b"
down_revision: str | Sequence[str] | None = "5b7e2d9c4a16"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REVIEWED_TABLES = ("turnover_periods", "targets", "agreements")
HISTORY_TABLES = ("turnover_periods_history", "targets_history")

# The versioning triggers' column lists (see 2026-11-28-1809), before and after.
VERSIONED = {
    "turnover_periods": (
        "id, reporter_code, partner_code, flow, period_start, period_end, period_label,"
        " period_inferred, amount, currency, value_usd, value_qualifier, growth_pct,"
        " growth_qualifier, attribution, valid_from, document_id, quote, char_start, char_end"
    ),
    "targets": (
        "id, key, country_a_code, country_b_code, flow, value_usd, value_qualifier,"
        " target_year, set_by, valid_from, document_id, quote, char_start, char_end"
    ),
}
ADDED_COLUMNS = ", review, changed_by"

# A document `POST /documents` or `tradestat ingest` loaded (app.ingest.ingest.slug_for), or
# a statistics file `tradestat import-csv` loaded.
INGESTED_DOCUMENT = (
    "SELECT id FROM documents WHERE kind = 'dataset'"
    " OR slug LIKE '%-' || left(sha256, 8) OR slug = 'document-' || left(sha256, 12)"
)


def versioning_function(table: str, columns: str) -> str:
    """The trigger function copying a row's old version to its history (as in 2026-11-28-1809)."""
    old = ", ".join(f"OLD.{c.strip()}" for c in columns.split(","))
    return f"""
CREATE OR REPLACE FUNCTION {table}_versioning() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF ROW(NEW.*) IS NOT DISTINCT FROM ROW(OLD.*) THEN
            RETURN NEW;
        END IF;
        NEW.valid_from := now();
    END IF;
    -- A version made earlier in this same transaction was never visible: keep no copy.
    IF OLD.valid_from < now() THEN
        INSERT INTO {table}_history ({columns}, valid_to) VALUES ({old}, now());
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$
"""


def _review_column() -> sa.Column[str]:
    return sa.Column("review", sa.String(length=16), server_default="reviewed", nullable=False)


def upgrade() -> None:
    for table in (*REVIEWED_TABLES, *HISTORY_TABLES):
        # Added as `reviewed`; rows of ingested documents are then set to `extracted`.
        op.add_column(table, _review_column())
        op.add_column(table, sa.Column("changed_by", sa.Text(), nullable=True))
    for table in REVIEWED_TABLES:
        op.create_check_constraint(
            op.f(f"ck_{table}_review"), table, "review IN ('extracted', 'reviewed')"
        )
        # From now on a row written without a review status is the extractor's.
        op.alter_column(table, "review", server_default="extracted")
    for table in HISTORY_TABLES:
        op.alter_column(table, "review", server_default=None)
    # Classifying a row makes no new version of it; the data version grows (by the statement
    # triggers) only when some row is classed `extracted`.
    for table in (*REVIEWED_TABLES, *HISTORY_TABLES):
        versioned = table in VERSIONED
        if versioned:
            op.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_versioning")
        op.execute(
            f"UPDATE {table} SET review = 'extracted' WHERE document_id IN ({INGESTED_DOCUMENT})"
        )
        if versioned:
            op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_versioning")
    for table, columns in VERSIONED.items():
        op.execute(versioning_function(table, columns + ADDED_COLUMNS))


def downgrade() -> None:
    for table, columns in VERSIONED.items():
        op.execute(versioning_function(table, columns))
    for table in REVIEWED_TABLES:
        op.drop_constraint(op.f(f"ck_{table}_review"), table, type_="check")
    for table in (*REVIEWED_TABLES, *HISTORY_TABLES):
        op.drop_column(table, "changed_by")
        op.drop_column(table, "review")
