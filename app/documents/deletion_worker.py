"""The service's deletion worker: carries out pending deletions when notified, and at start.

Each process runs one. It LISTENs on the deletions channel and, on a notice, at start and
after each reconnection, carries out whatever is pending; the load lock and a locked row make
sure each deletion is carried out once, whichever worker gets to it.
"""

import asyncio
import contextlib
import logging

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.engine import asyncpg_dsn
from app.documents.deletion import CHANNEL, carry_out_pending

logger = logging.getLogger(__name__)


class DeletionWorker:
    def __init__(
        self,
        database_url: str,
        sessionmaker: async_sessionmaker[AsyncSession],
        retry_s: float = 1.0,
        max_retry_s: float = 60.0,
        idle_s: float = 60.0,
    ) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._sessionmaker = sessionmaker
        self._retry_s = retry_s
        self._max_retry_s = max_retry_s
        self._next_retry_s = retry_s
        self._idle_s = idle_s  # look anyway this often: a notice may be lost with a connection
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._keep_working(), name="deletion-worker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _keep_working(self) -> None:
        while True:
            try:
                await self._work()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database went away: reconnect and look again
                logger.warning("deletion worker down: %s", type(exc).__name__)
            await asyncio.sleep(self._next_retry_s)
            # A deletion that fails again and again is tried less and less often.
            self._next_retry_s = min(self._next_retry_s * 2, self._max_retry_s)

    async def _work(self) -> None:
        connection = await asyncpg.connect(self._dsn, timeout=self._retry_s * 2)
        try:
            connection.add_termination_listener(lambda _: self._wake.set())
            await connection.add_listener(CHANNEL, lambda *_: self._wake.set())
            while not connection.is_closed():
                self._wake.clear()
                done = await carry_out_pending(self._sessionmaker)
                self._next_retry_s = self._retry_s
                if done:
                    logger.info("deleted documents %s", ", ".join(map(str, done)))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._idle_s)
                # A dead peer may never say goodbye: ask, so that a lost listener reconnects.
                await connection.fetchval("SELECT 1", timeout=self._retry_s * 2)
        finally:
            with contextlib.suppress(Exception):
                await connection.close(timeout=1)
