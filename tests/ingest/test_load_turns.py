"""A load started while another runs waits its turn and says so, or with --no-wait exits at once."""

import asyncio
from pathlib import Path

import pytest

from app.config import Settings
from app.ingest.load_lock import BUSY_EXIT_STATUS
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv
from tests.ingest.load_turns import load_running
from tests.live_service import ROOT, TRADESTAT, environment

RELEASE = (
    "ASTANA, May 3 (Example) - Trade between Kazakhstan and Kyrgyzstan came to "
    "$1.2 billion in 2023, the Kazakh trade ministry said."
)
# Far shorter than the other load: a wait bounded by it would end in a timeout.
SHORT_TIMEOUT = {"DB_STATEMENT_TIMEOUT_MS": "300"}


async def start(url: str, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        TRADESTAT,
        *args,
        env=environment(url, SHORT_TIMEOUT),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


def command_args(kind: str, folder: Path) -> list[str]:
    if kind == "import-csv":
        return ["import-csv", str(write_csv(folder, KAZ_KGZ_2022))]
    if kind == "ingest":
        release = folder / "release.txt"
        release.write_text(RELEASE, encoding="utf-8")
        return ["ingest", str(release)]
    return ["seed"]


@pytest.mark.parametrize("kind", ["import-csv", "ingest", "seed"])
async def test_with_no_wait_a_second_load_exits_at_once_in_one_line(
    committed_database: str, settings: Settings, tmp_path: Path, kind: str
) -> None:
    args = command_args(kind, tmp_path)
    async with load_running(committed_database, settings, "the load of first.csv"):
        process = await start(committed_database, *args, "--no-wait")
        output, _ = await process.communicate()

    said = output.decode().strip().splitlines()
    assert process.returncode == BUSY_EXIT_STATUS, said
    assert said == ["error: the load of first.csv is running; try again once it has finished"]


@pytest.mark.parametrize("kind", ["import-csv", "ingest", "seed"])
async def test_a_second_load_waits_its_turn_and_says_whose(
    committed_database: str, settings: Settings, tmp_path: Path, kind: str
) -> None:
    args = command_args(kind, tmp_path)
    async with load_running(committed_database, settings, "the load of first.csv"):
        process = await start(committed_database, *args)
        assert process.stdout is not None
        first_line = await process.stdout.readline()
        assert first_line.decode().strip() == "waiting for the load of first.csv to finish..."
        # The other load goes on for longer than a statement may take: the wait must outlast it.
        await asyncio.sleep(1)
        assert process.returncode is None
    rest, _ = await process.communicate()

    assert process.returncode == 0, rest.decode()
    assert "loaded" in rest.decode() or "imported" in rest.decode()
