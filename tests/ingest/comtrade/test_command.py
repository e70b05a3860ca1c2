"""`tradestat import-csv` as a user runs it: exit codes, line numbers, summary, no bar in a pipe."""

import asyncio
from pathlib import Path

from app.ingest.comtrade.sample import line
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv
from tests.live_service import ROOT, TRADESTAT, environment


async def tradestat(database_url: str, *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        TRADESTAT,
        *args,
        env=environment(database_url),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_a_file_with_bad_rows_is_refused_by_line(
    committed_database: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, [*KAZ_KGZ_2022, line("KAZ", "KGZ", "X", 2021, None, "")])

    code, output = await tradestat(committed_database, "import-csv", str(path))

    assert code == 1
    assert f"{path}:4: primaryValue is empty" in output
    assert "nothing was loaded" in output

    code, output = await tradestat(committed_database, "import-csv", "--skip-bad-rows", str(path))

    assert code == 0
    assert "imported 2 figure(s)" in output
    assert f"left out 1 bad row(s):\n    {path}:4: primaryValue is empty" in output


async def test_an_import_says_how_fast_and_a_second_one_changes_nothing(
    committed_database: str, tmp_path: Path
) -> None:
    world = line("KAZ", "KGZ", "X", 2020, None, "3").replace(",417,KGZ,", ",0,W00,")
    path = write_csv(tmp_path, [*KAZ_KGZ_2022, world])

    code, output = await tradestat(committed_database, "import-csv", str(path))

    assert code == 0, output
    assert "imported 2 figure(s)" in output
    assert "rows/s" in output
    assert "skipped 1: world or group of countries (World)" in output
    assert "\x1b[" not in output  # no progress bar when the output is not a terminal

    code, output = await tradestat(committed_database, "import-csv", str(path))

    assert code == 0
    assert "is already imported as document comtrade-kaz-" in output
    assert "nothing changed" in output
