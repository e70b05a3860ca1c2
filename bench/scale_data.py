"""The generated figures of bench.scale: what they hold, and how they are loaded.

Every ISO country pair gets annual and monthly figures over 1995-2024 (pairs with KAZ or
KGZ first, so that every size has the figures the requests ask for). In realistic
proportions the rows also make derived figures exist and give `resolve=latest` and
`as_of` something to choose between:

- a year missing now and then (GAP_RATE): the year after states its figures with a growth
  rate, so the prior period is derived from growth, as is sometimes 1995's prior (1994);
- growth rates stated where the prior period is reported too (no derived figure, but the
  same existence check);
- export and import stated by one document without a turnover (SPLIT_RATE): turnover is
  derived as their sum;
- a revised release restating some figures (REVISED_RATE), published later;
- after the load, an UPDATE of every UPDATED_EVERY-th row with the history triggers on, so
  that `as_of` an instant before it reads past versions.
"""

import hashlib
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import asyncpg
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

YEARS = range(1995, 2025)
BATCH = 50_000
GAP_RATE = 0.04
SPLIT_RATE = 0.03
REVISED_RATE = 0.02
GROWTH_RATE = 0.05  # growth stated where the prior period is reported too
UPDATED_EVERY = 50
COLUMNS = [
    "id",
    "reporter_code",
    "partner_code",
    "flow",
    "period_start",
    "period_end",
    "period_label",
    "period_inferred",
    "amount",
    "currency",
    "value_usd",
    "value_qualifier",
    "growth_pct",
    "growth_qualifier",
    "document_id",
    "quote",
    "char_start",
    "char_end",
]
QUOTE = "Trade between the two countries reached the value shown."
MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class Documents:
    release: int
    revision: int  # published later: resolve=latest prefers its figures


@dataclass(frozen=True)
class Load:
    copy_rows_per_s: float
    derived: str  # how derived figures are kept: stored (and rebuilt) or computed per query
    as_of: datetime  # an instant before the UPDATE of a slice: past versions are read
    updated_rows: int


def periods() -> list[tuple[date, date, str]]:
    out = []
    for year in YEARS:
        out.append((date(year, 1, 1), date(year, 12, 31), str(year)))
        for month, name in enumerate(MONTHS.split(), start=1):
            start = date(year, month, 1)
            end = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
            out.append((start, end, f"{name} {year}"))
    return out


def pairs(codes: list[str]) -> list[tuple[str, str]]:
    """Every unordered pair once; those with KAZ or KGZ first, the rest shuffled."""
    everything = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    first = [p for p in everything if {"KAZ", "KGZ"} & set(p)]
    rest = [p for p in everything if not {"KAZ", "KGZ"} & set(p)]
    random.Random(7).shuffle(rest)
    return first + rest


def _growth(rng: random.Random, year: int, missing: set[int]) -> float | None:
    """A stated growth rate: always after a missing year, sometimes otherwise."""
    prior_missing = year - 1 in missing or year == YEARS[0]
    if (prior_missing and year != YEARS[0]) or rng.random() < GROWTH_RATE:
        return round(rng.uniform(-30, 60), 1)
    return None


def _pair_rows(
    rng: random.Random, reporter: str, partner: str, documents: Documents
) -> Iterator[tuple[Any, ...]]:
    """One pair's rows, without ids: (flow, start, end, label, amount, growth, document)."""
    base = int(rng.lognormvariate(17, 2)) + 1000  # a yearly value, dollars
    missing = {year for year in YEARS if rng.random() < GAP_RATE}
    for start, end, label in periods():
        if start.year in missing:
            continue
        share = 1.0 if start.month == 1 and end.month == 12 else 1 / 12
        amount = int(base * share * (0.8 + 0.4 * rng.random())) + 1
        growth = _growth(rng, start.year, missing)
        if rng.random() < SPLIT_RATE:
            exports = amount * 3 // 5 + 1
            yield ("export", start, end, label, exports, growth, documents.release)
            yield ("import", start, end, label, amount - exports + 1, None, documents.release)
        else:
            yield ("turnover", start, end, label, amount, growth, documents.release)
        if rng.random() < REVISED_RATE:
            yield ("turnover", start, end, label, amount + 1, None, documents.revision)


def records(
    codes: list[str], documents: Documents, count: int, first_id: int
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(42)
    made = 0
    for reporter, partner in pairs(codes):
        for flow, start, end, label, amount, growth, document_id in _pair_rows(
            rng, reporter, partner, documents
        ):
            if made == count:
                return
            made += 1
            qualifier = None if growth is None else "approximate"
            yield (
                first_id + made, reporter, partner, flow, start, end, label, False,
                amount, "USD", amount, "approximate", growth, qualifier, document_id,
                QUOTE, 0, len(QUOTE),
            )  # fmt: skip


async def insert_documents(connection: asyncpg.Connection) -> Documents:
    ids = []
    for slug, text, published in (
        ("synthetic-trade", QUOTE, date(2024, 3, 1)),
        ("synthetic-revision", QUOTE + " (Revised release.)", date(2025, 3, 1)),
    ):
        digest = hashlib.sha256(text.encode()).hexdigest()
        ids.append(
            await connection.fetchval(
                "INSERT INTO documents (slug, kind, title, text, sha256, content_sha256,"
                " published_on) VALUES ($1, 'dataset', 'Generated figures', $2, $3, $3, $4)"
                " RETURNING id",
                slug,
                text,
                digest,
                published,
            )
        )
    return Documents(*ids)


async def copy_rows(
    connection: asyncpg.Connection, rows: Iterator[tuple[Any, ...]], count: int, console: Console
) -> None:
    with Progress(
        TextColumn("COPY turnover_periods"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("copy", total=count)
        while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
            await connection.copy_records_to_table(
                "turnover_periods", records=batch, columns=COLUMNS
            )
            progress.advance(task, len(batch))


async def rebuild_derived(connection: asyncpg.Connection) -> str:
    """Where derived figures are stored by triggers, recompute them all: the COPY ran
    without triggers. Where they are computed per query, there is nothing to do."""
    kind = await connection.fetchval(
        "SELECT prokind FROM pg_proc WHERE proname = 'rebuild_derived_figures'"
        " AND pronamespace = 'public'::regnamespace AND pronargs = 0"
    )
    if kind is None:
        return "computed per query (no rebuild_derived_figures())"
    started = time.perf_counter()
    verb = "CALL" if kind == "p" else "SELECT"
    await connection.execute(f"{verb} rebuild_derived_figures()")
    stored = await connection.fetchval("SELECT count(*) FROM derived_figures")
    seconds = time.perf_counter() - started
    return f"stored: {stored:,} rows rebuilt by rebuild_derived_figures() in {seconds:.0f} s"


async def update_slice(connection: asyncpg.Connection) -> tuple[datetime, int]:
    """Change every UPDATED_EVERY-th figure with the triggers on; return an instant before
    the change (as_of there reads the past versions) and how many rows changed."""
    before = await connection.fetchval("SELECT clock_timestamp()")
    await connection.execute("SELECT pg_sleep(0.01)")
    status = await connection.execute(
        "UPDATE turnover_periods SET amount = amount + 1, value_usd = value_usd + 1"
        f" WHERE id % {UPDATED_EVERY} = 0"
    )
    return before, int(status.split()[-1])
