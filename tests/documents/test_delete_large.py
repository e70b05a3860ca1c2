"""A dataset of 200,000 figures, imported by `tradestat import-csv`, deleted through the API of
the running service: 202 at once, then gone whole, its figures kept in their history, and the
data exactly as if it had never been imported. And a deletion the service never carried out
is carried out when it starts."""

import asyncio
import subprocess
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db.data_version import CHANNEL as DATA_VERSION_CHANNEL
from app.db.engine import asyncpg_dsn, create_engine
from app.documents.deletion import request_deletion
from app.ingest.comtrade.sample import sample_csv
from tests.database import drop_database
from tests.ingest.snapshot import data_fingerprint
from tests.live_service import (
    ROOT,
    TRADESTAT,
    environment,
    free_port,
    live_service,
    prepared_database,
    running,
)

ROWS = 200_000
DELETION_TIMEOUT_S = 600


async def fingerprint_of(url: str, settings: Settings) -> dict[str, str | None]:
    engine = create_engine(url, settings)
    try:
        async with AsyncSession(engine) as session:
            return await data_fingerprint(session)
    finally:
        await engine.dispose()


async def new_key(url: str) -> str:
    created = await asyncio.to_thread(
        subprocess.run,
        [TRADESTAT, "keys", "create", "--name", "curator"],
        env=environment(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return created.stdout.strip()


async def test_an_imported_dataset_of_200000_figures_is_deleted_whole(
    server: str, settings: Settings, tmp_path: Path
) -> None:
    csv = tmp_path / "comtrade-large.csv"
    csv.write_text(sample_csv(ROWS), encoding="utf-8")
    clean_url = await prepared_database(server)
    try:
        never_imported = await fingerprint_of(clean_url, settings)
    finally:
        await drop_database(clean_url)

    async with live_service(server, csv_files=[csv]) as service:
        key = await new_key(service.database_url)
        listener = await asyncpg.connect(asyncpg_dsn(service.database_url))
        changed: asyncio.Queue[str] = asyncio.Queue()
        await listener.add_listener(DATA_VERSION_CHANNEL, lambda *args: changed.put_nowait(args[3]))
        try:
            async with httpx.AsyncClient(base_url=service.base_url, timeout=30) as client:
                dataset = (await client.get("/documents?kind=dataset")).json()["items"][0]
                assert dataset["fact_counts"]["turnover"] == ROWS

                response = await client.delete(
                    f"/documents/{dataset['id']}", headers={"Authorization": f"Bearer {key}"}
                )
                assert response.status_code == 202, response.text
                location = response.headers["location"]
                assert location == f"/documents/{dataset['id']}/deletion"

                # The deleting transaction's commit is the next change of the data.
                await asyncio.wait_for(changed.get(), timeout=DELETION_TIMEOUT_S)
                status = (await client.get(location)).json()
                gone = await client.get(f"/documents/{dataset['id']}")
            kept = await listener.fetchval(
                "SELECT count(*) FROM turnover_periods_history WHERE document_id = $1",
                dataset["id"],
            )
        finally:
            await listener.close()

        assert status["state"] == "done", status
        assert status["finished_at"] is not None
        assert gone.status_code == 404
        assert kept == ROWS
        assert await fingerprint_of(service.database_url, settings) == never_imported


async def test_a_deletion_left_pending_is_carried_out_when_the_service_starts(
    server: str, settings: Settings
) -> None:
    url = await prepared_database(server)
    try:
        engine = create_engine(url, settings)
        try:
            async with AsyncSession(engine) as session, session.begin():
                # Recorded, as by a request whose service stopped before carrying it out.
                assert await request_deletion(session, 1) is not None
        finally:
            await engine.dispose()
        listener = await asyncpg.connect(asyncpg_dsn(url))
        changed: asyncio.Queue[str] = asyncio.Queue()
        await listener.add_listener(DATA_VERSION_CHANNEL, lambda *args: changed.put_nowait(args[3]))
        try:
            port = free_port()
            command = [TRADESTAT, "serve", "--host", "127.0.0.1", "--port", str(port)]
            async with running(command, port, environment(url)) as base_url:
                await asyncio.wait_for(changed.get(), timeout=DELETION_TIMEOUT_S)
                async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
                    status = (await client.get("/documents/1/deletion")).json()
                    listed = (await client.get("/documents")).json()["items"]
        finally:
            await listener.close()
    finally:
        await drop_database(url)

    assert status["state"] == "done", status
    assert listed == []
