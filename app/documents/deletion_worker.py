"""The service's deletion worker: carries out pending deletions when notified, and at start.

Each process runs one. Told by the process's listener (app.db.notifications) of a notice on
the deletions channel, or that the listener has (re)connected and may have missed one, it
carries out whatever is pending; it also looks now and then, in case a notice was lost with
a connection. The load lock and a locked row make sure each deletion is carried out once,
whichever worker gets to it.
"""

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.notifications import Notifications
from app.documents.deletion import CHANNEL, carry_out_pending

logger = logging.getLogger(__name__)


class DeletionWorker:
    def __init__(
        self,
        notifications: Notifications,
        sessionmaker: async_sessionmaker[AsyncSession],
        retry_s: float = 1.0,
        max_retry_s: float = 60.0,
        idle_s: float = 60.0,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._retry_s = retry_s
        self._max_retry_s = max_retry_s
        self._next_retry_s = retry_s
        self._idle_s = idle_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        notifications.subscribe(CHANNEL, lambda _: self._wake.set(), on_connected=self._wake.set)

    def start(self) -> None:
        self._task = asyncio.create_task(self._keep_working(), name="deletion-worker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _keep_working(self) -> None:
        while True:
            self._wake.clear()
            try:
                done = await carry_out_pending(self._sessionmaker)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database went away, or the deletion failed
                logger.warning("deletion worker failed: %s", type(exc).__name__)
                await asyncio.sleep(self._next_retry_s)
                # A deletion that fails again and again is tried less and less often.
                self._next_retry_s = min(self._next_retry_s * 2, self._max_retry_s)
                continue
            self._next_retry_s = self._retry_s
            if done:
                logger.info("deleted documents %s", ", ".join(map(str, done)))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._idle_s)
