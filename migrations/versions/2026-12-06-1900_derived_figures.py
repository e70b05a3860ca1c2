"""Derived figures kept in a table of their own, by triggers, in their inputs' transaction

Listings computed every derived figure on every read: at 117,000 figures a page of derived
ones took more than 5 s. Now `derived_figures` holds them, versioned like turnover_periods
(derived_figures_history), and statement triggers on turnover_periods recompute the derived
figures of every pair (both directions) a statement touches:

- `derived_figures_expected(lows, highs)`: what the derived figures of these pairs should be
  (lows[i] < highs[i]; NULL, NULL: every pair), in set-based SQL.
- `refresh_derived_figures(lows, highs, new_since)`: takes an advisory lock per pair (hashed
  into 1024 buckets, in sorted order), then deletes derived rows that should no longer exist,
  updates the changed ones only and inserts the new ones, stamped valid from `new_since`
  (default now(); NULL: each from its inputs' valid_from).
- `rebuild_derived_figures()`: the same for every pair, new rows stamped from their inputs;
  the backfill below, and what a bulk load with triggers off (session_replication_role =
  replica) calls afterwards. It does not bump the data version: its caller does.

The per-pair locks matter under READ COMMITTED: two transactions writing figures of one pair
each compute derived figures without the other's rows. The second to lock waits until the
first commits; its next statement sees the first's rows. Writes to derived_figures bump no
data version: the statement on turnover_periods that caused them already did.

Revision ID: d1e7f3a9b250
Revises: c5a7e1d93f20
Create Date: 2026-12-06 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d1e7f3a9b250"
down_revision: str | Sequence[str] | None = "c5a7e1d93f20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "derived_figures"
HISTORY = "derived_figures_history"
# Pair locks: (class, bucket) advisory keys, apart from the load lock's single bigint key.
LOCK_CLASS = 0x64657276  # "derv"
LOCK_BUCKETS = 1024
SUM_KEY_OFFSET = 2**62

# Every column but key_id and valid_from: a row whose values all match is left alone.
COMPARED = (
    "id, reporter_code, partner_code, flow, period_start, period_end, period_label,"
    " period_inferred, period_kind, value_usd, value_qualifier, amount, currency, growth_pct,"
    " growth_qualifier, attribution, document_id, quote, char_start, char_end, review, basis,"
    " method, input_value_usd, input_value_qualifier, input_growth_qualifier,"
    " input_growth_pct, input_period_label, input_other_id, input_other_value_usd,"
    " input_other_value_qualifier"
)
COLUMNS = f"key_id, {COMPARED}, valid_from"


def _prefixed(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


def _columns() -> list[sa.Column[object]]:
    money, percent = sa.Numeric(precision=20, scale=2), sa.Numeric(precision=9, scale=3)
    return [
        sa.Column("key_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("id", sa.BigInteger(), nullable=True),
        sa.Column("reporter_code", sa.String(length=3), nullable=False),
        sa.Column("partner_code", sa.String(length=3), nullable=False),
        sa.Column("flow", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=False),
        sa.Column("period_inferred", sa.Boolean(), nullable=False),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("value_usd", sa.Numeric(), nullable=False),
        sa.Column("value_qualifier", sa.String(length=16), nullable=True),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("growth_pct", percent, nullable=True),
        sa.Column("growth_qualifier", sa.String(length=16), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("review", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=8), nullable=False),
        sa.Column("method", sa.String(length=24), nullable=False),
        sa.Column("input_value_usd", money, nullable=False),
        sa.Column("input_value_qualifier", sa.String(length=16), nullable=False),
        sa.Column("input_growth_qualifier", sa.String(length=16), nullable=True),
        sa.Column("input_growth_pct", percent, nullable=True),
        sa.Column("input_period_label", sa.Text(), nullable=False),
        sa.Column("input_other_id", sa.BigInteger(), nullable=True),
        sa.Column("input_other_value_usd", money, nullable=True),
        sa.Column("input_other_value_qualifier", sa.String(length=16), nullable=True),
        sa.Column(
            "valid_from",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
    ]


def _history_columns() -> list[sa.Column[object]]:
    columns = _columns()
    for column in columns:
        column.server_default = None
    return columns


# The same calendar day a year earlier; month ends stay month ends (29 Feb -> 28 Feb).
YEAR_EARLIER = "(({day}) + 1 - interval '1 year')::date - 1"


def _stated(figure: str, flow: str, start: str, end: str) -> str:
    """No figure for the pair (either direction), flow and period is stated. One direction
    at a time, so that the (reporter, partner, period) index serves each probe."""
    return " AND ".join(
        f"""NOT EXISTS (
        SELECT FROM turnover_periods AS stated
        WHERE stated.reporter_code = {figure}.{one} AND stated.partner_code = {figure}.{other}
            AND stated.period_start = {start} AND stated.period_end = {end}
            AND stated.flow = {flow})"""
        for one, other in (("reporter_code", "partner_code"), ("partner_code", "reporter_code"))
    )


# In a load's transaction the planner's statistics lag far behind the rows, and a join it
# believes small must not turn quadratic: the pairs' figures are read through an index, the
# few priors probe for a stated period through an index, and sums are found by windows over
# one sort of the pairs' figures.
EXPECTED = f"""
CREATE FUNCTION derived_figures_expected(lows text[], highs text[])
RETURNS SETOF {TABLE} LANGUAGE sql STABLE AS $$
WITH pair AS (
    SELECT DISTINCT low, high FROM unnest(lows, highs) AS given (low, high)
), figure AS MATERIALIZED (
    -- Every figure of the pairs, in both directions; each pair read through the index
    -- (OFFSET 0 keeps the planner from trading the probes for a scan of the whole table).
    SELECT t.* FROM turnover_periods AS t WHERE lows IS NULL
    UNION ALL
    SELECT t.* FROM pair CROSS JOIN LATERAL (
        SELECT * FROM turnover_periods AS one_way
        WHERE one_way.reporter_code = pair.low AND one_way.partner_code = pair.high OFFSET 0
    ) AS t
    UNION ALL
    SELECT t.* FROM pair CROSS JOIN LATERAL (
        SELECT * FROM turnover_periods AS other_way
        WHERE other_way.reporter_code = pair.high AND other_way.partner_code = pair.low
        OFFSET 0
    ) AS t
)
-- The same period a year earlier: value / (1 + growth / 100), unless a figure for that
-- period is reported for the pair and flow.
SELECT -f.id, NULL::bigint, f.reporter_code, f.partner_code, f.flow,
    {YEAR_EARLIER.format(day="f.period_start")}, {YEAR_EARLIER.format(day="f.period_end")},
    f.period_label, f.period_inferred, f.period_kind,
    round(f.value_usd / (1 + f.growth_pct / 100)), NULL::varchar,
    round(f.value_usd / (1 + f.growth_pct / 100)), 'USD'::varchar, NULL::numeric,
    NULL::varchar, f.attribution, f.document_id, f.quote, f.char_start, f.char_end, f.review,
    'derived'::varchar, 'prior_from_growth'::varchar, f.value_usd, f.value_qualifier,
    f.growth_qualifier, f.growth_pct, f.period_label, NULL::bigint, NULL::numeric,
    NULL::varchar, f.valid_from
FROM figure AS f
WHERE f.value_usd IS NOT NULL AND f.growth_pct IS NOT NULL
    AND {
    _stated(
        "f",
        "f.flow",
        YEAR_EARLIER.format(day="f.period_start"),
        YEAR_EARLIER.format(day="f.period_end"),
    )
}
UNION ALL
-- Turnover as exports + imports of one document, reporter, partner and period, unless a
-- turnover for the period is reported in either direction.
SELECT -x.id - {SUM_KEY_OFFSET}, NULL::bigint, x.reporter_code, x.partner_code,
    'turnover'::varchar, x.period_start, x.period_end, x.period_label, x.period_inferred,
    x.period_kind, x.value_usd + x.import_value_usd, NULL::varchar,
    x.value_usd + x.import_value_usd, 'USD'::varchar, NULL::numeric, NULL::varchar,
    x.attribution, x.document_id, x.quote, x.char_start, x.char_end,
    CASE WHEN x.review = 'reviewed' AND x.import_review = 'reviewed'
        THEN 'reviewed' ELSE 'extracted' END,
    'derived'::varchar, 'sum_of_flows'::varchar, x.value_usd, x.value_qualifier,
    NULL::varchar, NULL::numeric, x.period_label, x.import_id, x.import_value_usd,
    x.import_value_qualifier, greatest(x.valid_from, x.import_valid_from)
FROM (
    -- Beside each figure, the import of its document, reporter, partner and period (one at
    -- most), and whether a turnover of its period is reported in either direction. Windows
    -- rather than joins: one sort of the pairs' figures, whatever their number.
    SELECT f.*,
        max(f.id) FILTER (WHERE f.flow = 'import' AND f.value_usd IS NOT NULL)
            OVER same_source AS import_id,
        max(f.value_usd) FILTER (WHERE f.flow = 'import') OVER same_source AS import_value_usd,
        max(f.value_qualifier) FILTER (WHERE f.flow = 'import')
            OVER same_source AS import_value_qualifier,
        max(f.review) FILTER (WHERE f.flow = 'import') OVER same_source AS import_review,
        max(f.valid_from) FILTER (WHERE f.flow = 'import') OVER same_source AS import_valid_from,
        bool_or(f.flow = 'turnover') OVER same_period AS turnover_stated
    FROM figure AS f
    -- One sort serves both windows (the pair and period lead both), in the "C" collation:
    -- the partitions need equal codes together, not a language's order.
    WINDOW same_period AS (
            PARTITION BY least(f.reporter_code, f.partner_code) COLLATE "C",
                greatest(f.reporter_code, f.partner_code) COLLATE "C", f.period_start,
                f.period_end
        ),
        same_source AS (
            PARTITION BY least(f.reporter_code, f.partner_code) COLLATE "C",
                greatest(f.reporter_code, f.partner_code) COLLATE "C", f.period_start,
                f.period_end, f.document_id, f.reporter_code COLLATE "C"
        )
) AS x
WHERE x.flow = 'export' AND x.value_usd IS NOT NULL AND x.import_id IS NOT NULL
    AND NOT x.turnover_stated
$$
"""

REFRESH = f"""
CREATE FUNCTION refresh_derived_figures(
    lows text[], highs text[], new_since timestamptz DEFAULT now()
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    bucket integer;
    changes bigint;
BEGIN
    -- One lock per pair (hashed into buckets, so that a load of every pair holds a bounded
    -- number), taken in sorted order so that two transactions never wait for each other in
    -- a circle; held until commit. Whoever locks second reads the first's committed rows
    -- in the statements below.
    FOR bucket IN
        SELECT all_buckets FROM generate_series(0, {LOCK_BUCKETS - 1}) AS all_buckets
        WHERE lows IS NULL
        UNION
        SELECT hashtext(given.low || '/' || given.high) & {LOCK_BUCKETS - 1}
        FROM unnest(lows, highs) AS given (low, high)
        ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock({LOCK_CLASS}, bucket);
    END LOOP;

    -- The derived rows there are and those there should be, side by side. A full join is
    -- hashed or merged whatever the planner believes about the sizes.
    WITH expected AS MATERIALIZED (
        SELECT * FROM derived_figures_expected(lows, highs)
    ), pair AS (
        SELECT DISTINCT low, high FROM unnest(lows, highs) AS given (low, high)
    ), existing AS MATERIALIZED (
        SELECT d.* FROM {TABLE} AS d WHERE lows IS NULL
        UNION ALL
        SELECT d.* FROM pair CROSS JOIN LATERAL (
            SELECT * FROM {TABLE} AS one_way
            WHERE one_way.reporter_code = pair.low AND one_way.partner_code = pair.high
            OFFSET 0
        ) AS d
        UNION ALL
        SELECT d.* FROM pair CROSS JOIN LATERAL (
            SELECT * FROM {TABLE} AS other_way
            WHERE other_way.reporter_code = pair.high AND other_way.partner_code = pair.low
            OFFSET 0
        ) AS d
    ), diff AS MATERIALIZED (
        SELECT e.*, d.key_id AS existing_key,
            CASE
                WHEN e.key_id IS NULL THEN 'gone'
                WHEN d.key_id IS NULL THEN 'new'
                -- Only rows whose values differ: an unchanged one keeps its version.
                WHEN ({_prefixed("d", COMPARED)})
                    IS DISTINCT FROM ({_prefixed("e", COMPARED)}) THEN 'changed'
            END AS change
        FROM existing AS d FULL JOIN expected AS e ON d.key_id = e.key_id
    ), removed AS (
        DELETE FROM {TABLE} AS d USING diff
        WHERE diff.change = 'gone' AND d.key_id = diff.existing_key
        RETURNING 1
    ), changed AS (
        UPDATE {TABLE} AS d SET ({COMPARED}) = ({_prefixed("diff", COMPARED)})
        FROM diff
        WHERE diff.change = 'changed' AND d.key_id = diff.key_id
        RETURNING 1
    ), added AS (
        INSERT INTO {TABLE} ({COLUMNS})
        SELECT diff.key_id, {_prefixed("diff", COMPARED)}, coalesce(new_since, diff.valid_from)
        FROM diff
        WHERE diff.change = 'new'
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM changed)
        + (SELECT count(*) FROM added)
    INTO changes;
    RETURN changes;
END $$
"""

REBUILD = """
CREATE FUNCTION rebuild_derived_figures() RETURNS bigint LANGUAGE sql AS $$
    SELECT refresh_derived_figures(NULL, NULL, NULL)
$$
"""

# The pairs a statement touched: of inserted rows, of deleted rows, of rows an UPDATE changed
# (one that wrote identical values touches none).
DERIVE = """
CREATE FUNCTION turnover_periods_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lows text[];
    highs text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(low), array_agg(high) INTO lows, highs
        FROM (SELECT DISTINCT least(reporter_code, partner_code) AS low,
                greatest(reporter_code, partner_code) AS high
              FROM new_rows) AS pair;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(low), array_agg(high) INTO lows, highs
        FROM (SELECT DISTINCT least(reporter_code, partner_code) AS low,
                greatest(reporter_code, partner_code) AS high
              FROM old_rows) AS pair;
    ELSE
        SELECT array_agg(low), array_agg(high) INTO lows, highs
        FROM (SELECT DISTINCT least(reporter_code, partner_code) AS low,
                greatest(reporter_code, partner_code) AS high
              FROM ((SELECT * FROM new_rows EXCEPT ALL SELECT * FROM old_rows)
                    UNION ALL
                    (SELECT * FROM old_rows EXCEPT ALL SELECT * FROM new_rows)) AS changed
             ) AS pair;
    END IF;
    IF lows IS NOT NULL THEN
        PERFORM refresh_derived_figures(lows, highs);
    END IF;
    RETURN NULL;
END $$
"""
EVENTS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}

# Versions, as turnover_periods keeps them (2026-11-28-1809, 2026-12-06-1620): a row trigger
# stamps a changed row and copies its old version; deletes are copied once per statement.
VERSIONING = f"""
CREATE FUNCTION {TABLE}_versioning() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF ROW(NEW.*) IS NOT DISTINCT FROM ROW(OLD.*) THEN
        RETURN NEW;
    END IF;
    NEW.valid_from := now();
    -- A version made earlier in this same transaction was never visible: keep no copy.
    IF OLD.valid_from < now() THEN
        INSERT INTO {HISTORY} ({COLUMNS}, valid_to)
        VALUES ({_prefixed("OLD", COLUMNS)}, now());
    END IF;
    RETURN NEW;
END $$
"""
HISTORY_OF_DELETES = f"""
CREATE FUNCTION {TABLE}_history_of_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {HISTORY} ({COLUMNS}, valid_to)
    SELECT {COLUMNS}, now() FROM removed_rows WHERE valid_from < now();
    RETURN NULL;
END $$
"""


SIDES = ("reporter", "partner")


def upgrade() -> None:
    op.create_table(
        TABLE,
        *_columns(),
        sa.CheckConstraint("basis = 'derived'", name=op.f("ck_derived_figures_basis")),
        sa.CheckConstraint(
            "method IN ('prior_from_growth', 'sum_of_flows')",
            name=op.f("ck_derived_figures_method"),
        ),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_derived_figures")),
    )
    op.create_index(
        "ix_derived_figures_pair_period", TABLE, ["reporter_code", "partner_code", "period_start"]
    )
    for side in SIDES:
        op.create_index(
            f"ix_derived_figures_{side}_period",
            TABLE,
            [f"{side}_code", "period_start", "period_end", "key_id"],
        )
    op.create_index(
        "ix_derived_figures_period_order", TABLE, ["period_start", "period_end", "key_id"]
    )
    op.create_index(
        "ix_derived_figures_value_order", TABLE, [sa.text("coalesce(value_usd, -1)"), "key_id"]
    )
    op.create_table(
        HISTORY,
        sa.Column("history_id", sa.BigInteger(), nullable=False),
        *_history_columns(),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "valid_to > valid_from", name=op.f("ck_derived_figures_history_valid_range")
        ),
        sa.PrimaryKeyConstraint("history_id", name=op.f("pk_derived_figures_history")),
    )
    op.create_index("ix_derived_figures_history_key_id_valid_to", HISTORY, ["key_id", "valid_to"])
    op.execute(VERSIONING)
    op.execute(
        f"CREATE TRIGGER {TABLE}_versioning BEFORE UPDATE ON {TABLE}"
        f" FOR EACH ROW EXECUTE FUNCTION {TABLE}_versioning()"
    )
    op.execute(HISTORY_OF_DELETES)
    op.execute(
        f"CREATE TRIGGER {TABLE}_history_of_deletes AFTER DELETE ON {TABLE}"
        " REFERENCING OLD TABLE AS removed_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_history_of_deletes()"
    )
    op.execute(EXPECTED)
    op.execute(REFRESH)
    op.execute(REBUILD)
    op.execute(DERIVE)
    for event, referencing in EVENTS.items():
        op.execute(
            f"CREATE TRIGGER turnover_periods_derive_on_{event} AFTER {event.upper()}"
            f" ON turnover_periods {referencing}"
            " FOR EACH STATEMENT EXECUTE FUNCTION turnover_periods_derive()"
        )
    # The backfill: every pair's derived figures, valid from when their inputs were.
    op.execute("SELECT rebuild_derived_figures()")


def downgrade() -> None:
    for event in EVENTS:
        op.execute(f"DROP TRIGGER turnover_periods_derive_on_{event} ON turnover_periods")
    op.execute("DROP FUNCTION turnover_periods_derive()")
    op.execute("DROP FUNCTION rebuild_derived_figures()")
    op.execute("DROP FUNCTION refresh_derived_figures(text[], text[], timestamptz)")
    op.execute("DROP FUNCTION derived_figures_expected(text[], text[])")
    op.drop_table(HISTORY)
    op.drop_table(TABLE)
    op.execute(f"DROP FUNCTION {TABLE}_history_of_deletes()")
    op.execute(f"DROP FUNCTION {TABLE}_versioning()")
