"""`tradestat import-csv` against `psql \\copy` of the same rows into the same table.

    .venv/bin/python -m bench.import_csv [ROWS] [--rounds 3]     (make bench-import; ROWS: 200000)

A generated Comtrade file is imported once into a scratch database, and the figures it wrote
are copied out with psql (the columns the import writes; the others take their defaults
either way), with the document and the countries they refer to. Then, each round:

1. \\copy   a fresh migrated database is given that document and those countries (not
            timed); then `psql -c "\\copy turnover_periods(...) FROM 'rows.csv' CSV"` runs,
            timed from its start to its exit: the same rows into the same table, indexes,
            constraints and triggers as the import meets, in one statement, with the session
            settings the import sets (work_mem, no statement time limit).
2. import   `tradestat import-csv FILE` on a second fresh migrated database. Its rate is the
            one it prints: from reading the file to the commit, the document with the file's
            text included. The whole process, interpreter start included, is shown too.
3. again    the same command once more: it checks the file and changes nothing.

Both databases must then hold the same figures (compared by a hash of their columns).
Each load starts after a CHECKPOINT, and which goes first alternates from round to round.
Each figure is the median over the rounds; a ratio is taken within each round (both loads
a minute apart) before its median is. Also printed: each round's seconds, the quickest
round of each load (other work on the machine only slows a load down), and checking the
file alone, in process.

Uses TEST_DATABASE_URL's server (else DATABASE_URL's, else the embedded one); the
databases are dropped afterwards. psql comes from PATH or from next to the server binaries.
"""

import argparse
import asyncio
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from app.db import migrate
from app.db.embedded import start_embedded_server
from app.ingest.comtrade.loader import COPY_COLUMNS
from app.ingest.comtrade.rows import parse_file
from app.ingest.comtrade.sample import sample_csv
from bench.common import create_database, drop_database, record
from bench.psql import Psql, find_psql, quoted
from tests.live_service import TRADESTAT

COLUMNS = ", ".join(COPY_COLUMNS)
# What the import sets for its own transaction; psql's session gets the same.
SESSION_OPTIONS = "-c work_mem=32MB -c statement_timeout=0"
SUMMARY = re.compile(r"([\d,]+) rows in ([\d.]+) s")


def server() -> str:
    return (
        os.environ.get("TEST_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or start_embedded_server()
    )


@dataclass(frozen=True)
class Round:
    copy_s: float
    import_s: float  # as the command reports it
    process_s: float  # the command's process, start to exit
    again_s: float  # the command's process: it reports no time when nothing changes


def import_seconds(output: str) -> tuple[int, float]:
    """The rows and seconds `tradestat import-csv` reports in its summary."""
    found = SUMMARY.search(output)
    if found is None:
        raise ValueError(f"no summary in the import's output: {output!r}")
    return int(found.group(1).replace(",", "")), float(found.group(2))


def tradestat(url: str, *arguments: str) -> tuple[str, float]:
    """Run the command on url's database; its output and how long its process took."""
    environment = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    done = subprocess.run([TRADESTAT, *arguments], env=environment, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(f"tradestat {' '.join(arguments)} failed:\n{output}")
    return output, seconds


async def fresh_database() -> str:
    url = await create_database(server(), prefix="tradestat_bench")
    await asyncio.to_thread(migrate.upgrade, url)
    return url


def figures_hash(psql: Psql) -> str:
    return psql.value(
        f"SELECT md5(string_agg(row({COLUMNS})::text, '|' ORDER BY char_start))"
        " FROM turnover_periods"
    )


class Bench:
    def __init__(self, csv: Path, folder: Path, rows: int) -> None:
        self.csv, self.rows, self.psql = csv, rows, find_psql()
        self.figures = folder / "figures.csv"
        self.documents = folder / "documents.csv"
        self.countries = folder / "countries.csv"

    def export_rows(self) -> None:
        """Import once into a scratch database and copy out what the import wrote."""
        url = asyncio.run(fresh_database())
        try:
            tradestat(url, "import-csv", str(self.csv))
            Psql(self.psql, url, SESSION_OPTIONS).run(
                f"\\copy (SELECT {COLUMNS} FROM turnover_periods ORDER BY id)"
                f" TO {quoted(self.figures)} CSV",
                f"\\copy documents TO {quoted(self.documents)} CSV",
                f"\\copy countries TO {quoted(self.countries)} CSV",
            )
        finally:
            asyncio.run(drop_database(url))

    def measure(self, import_first: bool) -> Round:
        """One round on two fresh databases; which load goes first alternates between rounds,
        so that neither always meets the server just after the other's writes."""
        copy_url, import_url = asyncio.run(fresh_database()), asyncio.run(fresh_database())
        try:
            copied = Psql(self.psql, copy_url, SESSION_OPTIONS)
            imported = Psql(self.psql, import_url, SESSION_OPTIONS)
            copied.run(
                f"\\copy countries FROM {quoted(self.countries)} CSV",
                f"\\copy documents FROM {quoted(self.documents)} CSV",
            )
            if import_first:
                import_s, process_s = self.timed_import(imported, import_url)
                copy_s = self.timed_copy(copied)
            else:
                copy_s = self.timed_copy(copied)
                import_s, process_s = self.timed_import(imported, import_url)
            output, again_s = tradestat(import_url, "import-csv", str(self.csv))
            if "nothing changed" not in output:
                raise RuntimeError(f"the second import changed something:\n{output}")
            if figures_hash(copied) != figures_hash(imported):
                raise RuntimeError("\\copy and the import loaded different figures")
            return Round(copy_s, import_s, process_s, again_s)
        finally:
            asyncio.run(drop_database(copy_url))
            asyncio.run(drop_database(import_url))

    def timed_copy(self, copied: Psql) -> float:
        copied.run("CHECKPOINT")  # the other load's writes are not flushed on this one's time
        started = time.perf_counter()
        output = copied.run(f"\\copy turnover_periods({COLUMNS}) FROM {quoted(self.figures)} CSV")
        seconds = time.perf_counter() - started
        if output.strip() != f"COPY {self.rows}":
            raise RuntimeError(f"\\copy loaded {output.strip()}, not {self.rows} rows")
        return seconds

    def timed_import(self, imported: Psql, url: str) -> tuple[float, float]:
        """The seconds the import reports, and its process's."""
        imported.run("CHECKPOINT")
        output, process_s = tradestat(url, "import-csv", str(self.csv))
        lines, import_s = import_seconds(output)
        if lines != self.rows:
            raise RuntimeError(f"the import read {lines} rows, not {self.rows}")
        return import_s, process_s


def report(rows: int, size_mib: float, checked_s: float, rounds: Sequence[Round]) -> None:
    def line(label: str, seconds: float, ratio: float | None = None) -> str:
        versus = f"  {ratio:5.2f}x \\copy" if ratio is not None else ""
        return f"{label:<26}: {seconds:6.2f} s  {rows / seconds:>10,.0f} rows/s{versus}"

    ratios = [r.copy_s / r.import_s for r in rounds]
    process_ratios = [r.copy_s / r.process_s for r in rounds]
    # Other work on the machine only ever slows a load down: each one's quickest round is
    # the nearest to its time on a quiet machine.
    quickest_copy, quickest_import = min(r.copy_s for r in rounds), min(r.import_s for r in rounds)
    lines = [
        f"{rows:,} rows, {size_mib:.1f} MiB, median of {len(rounds)} round(s)",
        line("check only", checked_s),
        line("psql \\copy", median(r.copy_s for r in rounds), 1.0),
        line("import", median(r.import_s for r in rounds), median(ratios)),
        line("import, whole process", median(r.process_s for r in rounds), median(process_ratios)),
        line("again, whole process", median(r.again_s for r in rounds)),
        "",
        "import vs \\copy, round by round: " + ", ".join(f"{x:.2f}x" for x in ratios),
        "seconds round by round, \\copy / import: "
        + ", ".join(f"{r.copy_s:.2f} / {r.import_s:.2f}" for r in rounds),
        f"quickest round of each: \\copy {quickest_copy:.2f} s, import {quickest_import:.2f} s,"
        f" {quickest_copy / quickest_import:.2f}x",
    ]
    record("import-csv", ["```", *lines, "```"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "comtrade-bench.csv"
        csv.write_text(sample_csv(args.rows), encoding="utf-8")
        started = time.perf_counter()
        parse_file(csv)
        checked_s = time.perf_counter() - started
        bench = Bench(csv, Path(folder), args.rows)
        bench.export_rows()
        rounds = []
        for number in range(1, args.rounds + 1):
            print(f"round {number} of {args.rounds}", flush=True)
            rounds.append(bench.measure(import_first=number % 2 == 0))
        report(args.rows, csv.stat().st_size / 2**20, checked_s, rounds)


if __name__ == "__main__":
    main()
