"""The curator's commands, run as a curator runs them: real processes on a real database."""

import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest
import yaml

from app.db.engine import asyncpg_dsn
from app.ingest.facts import FactFile

RELEASE = Path("tests/corpus/05.txt")


def tradestat(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


async def count_documents(url: str) -> int:
    dsn = asyncpg_dsn(url)
    connection = await asyncpg.connect(dsn)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM documents"))
    finally:
        await connection.close()


def test_extract_writes_a_fact_file_whose_quotes_are_in_the_text(tmp_path: Path) -> None:
    output = tmp_path / "facts.yaml"

    result = tradestat(
        "postgresql://nobody@127.0.0.1:1/none",  # extraction needs no database
        "extract",
        str(RELEASE),
        "--published-on",
        "2024-05-20",
        "-o",
        str(output),
    )

    assert result.returncode == 0, result.stderr
    facts = FactFile.model_validate(yaml.safe_load(output.read_text(encoding="utf-8")))
    text = RELEASE.read_text(encoding="utf-8")
    assert facts.document.published_on is not None
    assert facts.turnover
    assert all(figure.quote in text for figure in facts.turnover)
    assert {tuple(sorted((f.reporter, f.partner))) for f in facts.turnover} == {("ARM", "IRN")}


async def sequence_values(url: str) -> dict[str, int | None]:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await connection.fetch("SELECT sequencename, last_value FROM pg_sequences")
        return {row["sequencename"]: row["last_value"] for row in rows}
    finally:
        await connection.close()


async def test_ingest_dry_run_leaves_no_trace_and_a_real_run_loads_once(
    committed_database: str,
) -> None:
    assert tradestat(committed_database, "seed").returncode == 0
    sequences = await sequence_values(committed_database)

    dry = tradestat(committed_database, "ingest", "--dry-run", str(RELEASE))
    assert dry.returncode == 0, dry.stderr
    assert "dry run: would load document 2; nothing written" in dry.stderr
    assert "turnover:" in dry.stderr
    assert await count_documents(committed_database) == 1
    assert await sequence_values(committed_database) == sequences

    real = tradestat(committed_database, "ingest", str(RELEASE))
    assert real.returncode == 0, real.stderr
    assert "loaded document 2 " in real.stderr
    assert await count_documents(committed_database) == 2

    again = tradestat(committed_database, "ingest", str(RELEASE))
    assert again.returncode == 0, again.stderr
    assert "already loaded" in again.stderr
    assert await count_documents(committed_database) == 2


def test_keys_are_shown_once_and_can_be_revoked(committed_database: str) -> None:
    created = tradestat(committed_database, "keys", "create", "--name", "newsroom")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("ts_")
    assert len(key) > 40

    listed = tradestat(committed_database, "keys", "list")
    assert "newsroom" in listed.stdout
    assert key not in listed.stdout

    duplicate = tradestat(committed_database, "keys", "create", "--name", "newsroom")
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr

    assert tradestat(committed_database, "keys", "revoke", "newsroom").returncode == 0
    twice = tradestat(committed_database, "keys", "revoke", "newsroom")
    assert twice.returncode == 1
    assert "no active key" in twice.stderr


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday"])
def test_a_bad_publication_date_is_named(bad: str) -> None:
    result = tradestat(
        "postgresql://nobody@127.0.0.1:1/none", "extract", str(RELEASE), "--published-on", bad
    )

    assert result.returncode == 2
    assert "--published-on" in result.stderr
