"""Figure history (system-time versioning) and the data version

Triggers keep past versions of turnover figures and targets, and bump data_state.version
(announcing it with NOTIFY) whenever a statement changes any loaded data.

Revision ID: 2a265f132b47
Revises: 9cca5d6e05a6
Create Date: 2026-11-28 18:09:51.134768
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2a265f132b47"
down_revision: str | Sequence[str] | None = "9cca5d6e05a6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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

TRACKED = (
    "countries",
    "country_aliases",
    "places",
    "place_aliases",
    "documents",
    "people",
    "person_aliases",
    "positions",
    "events",
    "event_attendees",
    "turnover_periods",
    "targets",
    "agreements",
    "agreement_subjects",
    "agreement_parties",
    "signatories",
)


def versioning_function(table: str, columns: str) -> str:
    """A trigger function copying the old version of a row to the table's history."""
    old = ", ".join(f"OLD.{c.strip()}" for c in columns.split(","))
    return f"""
CREATE FUNCTION {table}_versioning() RETURNS trigger LANGUAGE plpgsql AS $$
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


def bump_function(name: str, changed: str) -> str:
    """A statement trigger function bumping the data version when `changed` finds a row."""
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_version bigint;
BEGIN
    IF EXISTS ({changed}) THEN
        UPDATE data_state SET version = version + 1, changed_at = now()
            RETURNING version INTO new_version;
        PERFORM pg_notify('tradestat_data_version', new_version::text);
    END IF;
    RETURN NULL;
END $$
"""


# Statement-level triggers see the statement's rows as transition tables: a statement that
# changed nothing (no row, or an UPDATE writing identical values) leaves the version alone.
BUMP_FUNCTIONS = {
    "bump_data_version": "SELECT 1 FROM changed_rows",
    "bump_data_version_on_update": (
        "SELECT * FROM changed_rows EXCEPT ALL SELECT * FROM previous_rows"
    ),
}
EVENTS = {
    "insert": ("REFERENCING NEW TABLE AS changed_rows", "bump_data_version"),
    "update": (
        "REFERENCING OLD TABLE AS previous_rows NEW TABLE AS changed_rows",
        "bump_data_version_on_update",
    ),
    "delete": ("REFERENCING OLD TABLE AS changed_rows", "bump_data_version"),
}


def upgrade() -> None:
    op.create_table(
        "data_state",
        sa.Column("id", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id", name=op.f("ck_data_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_state")),
    )
    op.create_table(
        "targets_history",
        sa.Column("history_id", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("country_a_code", sa.String(length=3), nullable=False),
        sa.Column("country_b_code", sa.String(length=3), nullable=False),
        sa.Column("flow", sa.String(length=16), nullable=False),
        sa.Column("value_usd", sa.Numeric(precision=20, scale=2), nullable=False),
        sa.Column("value_qualifier", sa.String(length=16), nullable=False),
        sa.Column("target_year", sa.SmallInteger(), nullable=True),
        sa.Column("set_by", sa.Text(), nullable=True),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("valid_to > valid_from", name=op.f("ck_targets_history_valid_range")),
        sa.PrimaryKeyConstraint("history_id", name=op.f("pk_targets_history")),
    )
    op.create_index(
        "ix_targets_history_id_valid_to", "targets_history", ["id", "valid_to"], unique=False
    )
    op.create_table(
        "turnover_periods_history",
        sa.Column("history_id", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("reporter_code", sa.String(length=3), nullable=False),
        sa.Column("partner_code", sa.String(length=3), nullable=False),
        sa.Column("flow", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=False),
        sa.Column("period_inferred", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=20, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("value_usd", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("value_qualifier", sa.String(length=16), nullable=False),
        sa.Column("growth_pct", sa.Numeric(precision=9, scale=3), nullable=True),
        sa.Column("growth_qualifier", sa.String(length=16), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "valid_to > valid_from", name=op.f("ck_turnover_periods_history_valid_range")
        ),
        sa.PrimaryKeyConstraint("history_id", name=op.f("pk_turnover_periods_history")),
    )
    op.create_index(
        "ix_turnover_periods_history_id_valid_to",
        "turnover_periods_history",
        ["id", "valid_to"],
        unique=False,
    )
    op.add_column(
        "targets",
        sa.Column(
            "valid_from",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
    )
    op.add_column(
        "turnover_periods",
        sa.Column(
            "valid_from",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
    )
    op.execute("INSERT INTO data_state (id, version, changed_at) VALUES (true, 1, now())")
    for table, columns in VERSIONED.items():
        op.execute(versioning_function(table, columns))
        op.execute(
            f"CREATE TRIGGER {table}_versioning BEFORE UPDATE OR DELETE ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {table}_versioning()"
        )
    for name, changed in BUMP_FUNCTIONS.items():
        op.execute(bump_function(name, changed))
    for table in TRACKED:
        for event, (referencing, function) in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {table}_bump_on_{event} AFTER {event.upper()} ON {table}"
                f" {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )


def downgrade() -> None:
    for table in TRACKED:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER {table}_bump_on_{event} ON {table}")
    for name in BUMP_FUNCTIONS:
        op.execute(f"DROP FUNCTION {name}()")
    for table in VERSIONED:
        op.execute(f"DROP TRIGGER {table}_versioning ON {table}")
        op.execute(f"DROP FUNCTION {table}_versioning()")
    op.drop_column("turnover_periods", "valid_from")
    op.drop_column("targets", "valid_from")
    op.drop_index("ix_turnover_periods_history_id_valid_to", table_name="turnover_periods_history")
    op.drop_table("turnover_periods_history")
    op.drop_index("ix_targets_history_id_valid_to", table_name="targets_history")
    op.drop_table("targets_history")
    op.drop_table("data_state")
