"""Past versions of deleted figures copied once per statement, not once per row

A row trigger copied each deleted figure to its history with a statement of its own: deleting
an imported dataset of 200,000 figures took about a minute. A statement trigger reads the
deleted rows as a transition table and copies them with one INSERT. Updates keep their row
trigger, which also stamps the new version's valid_from.

Revision ID: 8d3c5a7e1f20
Revises: 3fef4a7bcd1b
Create Date: 2026-12-06 16:20:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8d3c5a7e1f20"
down_revision: str | Sequence[str] | None = "3fef4a7bcd1b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns the versioning triggers copy (see 2026-11-28-1809_figure_history_and_data_version
# and 2026-12-06-1615_review_status).
VERSIONED = {
    "turnover_periods": (
        "id, reporter_code, partner_code, flow, period_start, period_end, period_label,"
        " period_inferred, amount, currency, value_usd, value_qualifier, growth_pct,"
        " growth_qualifier, attribution, valid_from, document_id, quote, char_start, char_end,"
        " review, changed_by"
    ),
    "targets": (
        "id, key, country_a_code, country_b_code, flow, value_usd, value_qualifier,"
        " target_year, set_by, valid_from, document_id, quote, char_start, char_end,"
        " review, changed_by"
    ),
}


def history_of_deletes(table: str, columns: str) -> str:
    return f"""
CREATE FUNCTION {table}_history_of_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A version made earlier in this same transaction was never visible: keep no copy.
    INSERT INTO {table}_history ({columns}, valid_to)
    SELECT {columns}, now() FROM removed_rows WHERE valid_from < now();
    RETURN NULL;
END $$
"""


def row_trigger(table: str, events: str) -> str:
    return (
        f"CREATE TRIGGER {table}_versioning BEFORE {events} ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {table}_versioning()"
    )


def upgrade() -> None:
    for table, columns in VERSIONED.items():
        op.execute(f"DROP TRIGGER {table}_versioning ON {table}")
        op.execute(row_trigger(table, "UPDATE"))
        op.execute(history_of_deletes(table, columns))
        op.execute(
            f"CREATE TRIGGER {table}_history_of_deletes AFTER DELETE ON {table}"
            " REFERENCING OLD TABLE AS removed_rows"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {table}_history_of_deletes()"
        )


def downgrade() -> None:
    for table in VERSIONED:
        op.execute(f"DROP TRIGGER {table}_history_of_deletes ON {table}")
        op.execute(f"DROP FUNCTION {table}_history_of_deletes()")
        op.execute(f"DROP TRIGGER {table}_versioning ON {table}")
        op.execute(row_trigger(table, "UPDATE OR DELETE"))
