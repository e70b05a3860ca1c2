"""How fast `tradestat import-csv` loads a generated Comtrade file, on a throw-away database.

    .venv/bin/python -m bench.import_csv [ROWS]     (default 200000)

Uses TEST_DATABASE_URL's server (else DATABASE_URL's, else the embedded one) and drops the
database afterwards. Prints rows/s for checking the file alone, for the whole import, and
for importing the same file again (which changes nothing).
"""

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from app.config import get_settings
from app.db import migrate
from app.db.embedded import start_embedded_server
from app.db.engine import create_engine, create_sessionmaker
from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.rows import parse_file
from app.ingest.comtrade.sample import sample_csv
from bench.common import record
from tests.database import create_database, drop_database


def server() -> str:
    return (
        os.environ.get("TEST_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or start_embedded_server()
    )


async def run(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "comtrade-bench.csv"
        path.write_text(sample_csv(rows), encoding="utf-8")
        size = path.stat().st_size / 2**20
        started = time.perf_counter()
        parse_file(path)
        checked = time.perf_counter() - started
        lines = [
            f"{rows:,} rows, {size:.1f} MiB",
            f"check only : {checked:6.2f} s  {rows / checked:>10,.0f} rows/s",
        ]
        url = await create_database(server(), prefix="tradestat_bench")
        try:
            await asyncio.to_thread(migrate.upgrade, url)
            engine = create_engine(url, get_settings())
            sessionmaker = create_sessionmaker(engine)
            for label in ("import     ", "again      "):
                report = await import_csv(sessionmaker, path, ImportOptions())
                rate = rows / report.seconds
                lines.append(f"{label}: {report.seconds:6.2f} s  {rate:>10,.0f} rows/s")
            await engine.dispose()
            record("import-csv", ["```", *lines, "```"])
        finally:
            await drop_database(url)


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000))
