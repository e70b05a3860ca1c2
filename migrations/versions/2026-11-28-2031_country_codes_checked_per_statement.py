"""Turnover's country codes checked once per statement instead of by per-row foreign keys

A foreign key checks each inserted row with a query of its own: for a bulk COPY of figures
that cost more than writing the rows. Statement triggers read the statement's rows as a
transition table, lock the countries they name FOR KEY SHARE (as the foreign keys did) and
raise foreign_key_violation (23503) naming an unknown code. A row trigger on countries refuses
to delete or re-key a country that figures still name, with the same SQLSTATE.

The deleting side reads figures with its snapshot. Under READ COMMITTED each check takes a
new one and sees figures committed by a load that held the country's lock until just before;
under REPEATABLE READ or SERIALIZABLE it could not (a foreign key re-checks with the latest
snapshot there), so deleting or re-keying a country is refused at those levels.

Revision ID: 7c41d9e2b5a8
Revises: 0d6b2f4c8e13
Create Date: 2026-11-28 20:31:05.914372
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7c41d9e2b5a8"
down_revision: str | Sequence[str] | None = "0d6b2f4c8e13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE_COLUMNS = ("reporter_code", "partner_code")

CHECK_COUNTRIES = """
CREATE FUNCTION turnover_periods_check_countries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named text[];
    known text[];
    missing text;
    side text;
BEGIN
    -- One pass over the statement's rows: the distinct codes they name (a few hundred at most).
    SELECT array_agg(DISTINCT code) INTO named
    FROM (SELECT reporter_code, partner_code FROM changed_rows
          GROUP BY reporter_code, partner_code) AS pairs,
        LATERAL (VALUES (reporter_code), (partner_code)) AS codes (code);
    -- Locked as a foreign key's check locks them: none is deleted or re-keyed before commit.
    -- Only a country locked here counts as known.
    SELECT array_agg(alpha3) INTO known
    FROM (SELECT alpha3 FROM countries WHERE alpha3 = ANY (named) FOR KEY SHARE) AS locked;
    SELECT min(code) INTO missing
    FROM unnest(named) AS code
    WHERE code <> ALL (coalesce(known, '{}'));
    IF missing IS NOT NULL THEN
        side := CASE WHEN EXISTS (SELECT FROM changed_rows WHERE reporter_code = missing)
            THEN 'reporter_code' ELSE 'partner_code' END;
        RAISE foreign_key_violation USING
            MESSAGE = format('insert or update on table "turnover_periods" names country %s,'
                ' which is not in table "countries"', missing),
            DETAIL = format('Key (%s)=(%s) is not present in table "countries".', side, missing),
            SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = side;
    END IF;
    RETURN NULL;
END $$
"""

KEEP_REFERENCED = """
CREATE FUNCTION countries_keep_turnover_codes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Still a country: the code was not changed, or deleted and added again in one statement.
    IF EXISTS (SELECT FROM countries WHERE alpha3 = OLD.alpha3) THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT FROM turnover_periods
               WHERE reporter_code = OLD.alpha3 OR partner_code = OLD.alpha3) THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('update or delete on table "countries" would leave figures in'
                ' table "turnover_periods" naming country %s', OLD.alpha3),
            DETAIL = format('Key (alpha3)=(%s) is still referenced from table'
                ' "turnover_periods".', OLD.alpha3),
            SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'alpha3';
    END IF;
    -- Under READ COMMITTED the check above took its snapshot after this row's lock was
    -- granted, so after any load holding it had committed; at other levels the transaction's
    -- snapshot may predate such a load, and its figures would go unseen.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE feature_not_supported USING
            MESSAGE = format('country %s can be deleted or re-keyed only in a READ COMMITTED'
                ' transaction', OLD.alpha3),
            HINT = 'Figures name countries by code; only READ COMMITTED sees every figure'
                ' committed before this statement.';
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    for column in CODE_COLUMNS:
        op.drop_constraint(
            f"fk_turnover_periods_{column}_countries", "turnover_periods", type_="foreignkey"
        )
    op.execute(CHECK_COUNTRIES)
    # A trigger with transition tables serves one event: one for inserts, one for updates.
    for event in ("insert", "update"):
        op.execute(
            f"CREATE TRIGGER turnover_periods_check_countries_on_{event}"
            f" AFTER {event.upper()} ON turnover_periods REFERENCING NEW TABLE AS changed_rows"
            " FOR EACH STATEMENT EXECUTE FUNCTION turnover_periods_check_countries()"
        )
    op.execute(KEEP_REFERENCED)
    op.execute(
        "CREATE TRIGGER countries_keep_turnover_codes AFTER DELETE OR UPDATE OF alpha3"
        " ON countries FOR EACH ROW EXECUTE FUNCTION countries_keep_turnover_codes()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER countries_keep_turnover_codes ON countries")
    op.execute("DROP FUNCTION countries_keep_turnover_codes()")
    for event in ("insert", "update"):
        op.execute(f"DROP TRIGGER turnover_periods_check_countries_on_{event} ON turnover_periods")
    op.execute("DROP FUNCTION turnover_periods_check_countries()")
    for column in CODE_COLUMNS:
        op.create_foreign_key(
            f"fk_turnover_periods_{column}_countries",
            "turnover_periods",
            "countries",
            [column],
            ["alpha3"],
        )
