"""The version of all loaded data, as this process knows it.

PostgreSQL triggers bump `data_state.version` whenever loaded data changes and announce it
with NOTIFY on the `tradestat_data_version` channel. Each process reads the version when its
listening connection comes up (app.db.notifications), and again on each notice, so every
worker learns of a change as soon as the data it reads has it: at once on the primary, and
on a read replica once the replica has replayed the change (app.db.replayed_version).
While the listening connection is down, or the version cannot be read, it is unknown
(`None`): anything keyed by it (ETags, cached responses) must then be bypassed, never
served stale.
"""

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from asyncpg import Record

from app.db.notifications import ListenerDownError, Notifications

logger = logging.getLogger(__name__)

CHANNEL = "tradestat_data_version"
VERSION_QUERY = "SELECT version, changed_at FROM data_state"


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime


def version_of(row: Record | None) -> Version | None:
    return Version(row["version"], row["changed_at"]) if row is not None else None


class VersionSource(Protocol):
    """Where the version of the data the routes read comes from."""

    async def read(self) -> Version | None: ...

    async def close(self) -> None: ...


class ListenedVersion:
    """Routes read the primary: its version, read on the listening connection itself."""

    def __init__(self, notifications: Notifications) -> None:
        self._notifications = notifications

    async def read(self) -> Version | None:
        return version_of(await self._notifications.fetchrow(VERSION_QUERY))

    async def close(self) -> None:
        return None


class DataVersion:
    def __init__(
        self,
        notifications: Notifications,
        source: VersionSource | None = None,
        retry_s: float = 1.0,
    ) -> None:
        self._notifications = notifications
        self._source = source or ListenedVersion(notifications)
        self._retry_s = retry_s
        self._current: Version | None = None
        self._stale = asyncio.Event()  # the version may have moved: read it again
        self._known = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        notifications.subscribe(
            CHANNEL,
            lambda _: self._stale.set(),
            on_connected=self._stale.set,
            on_lost=self._forget,
        )

    @property
    def current(self) -> Version | None:
        """The latest version seen; None while it cannot be known."""
        return self._current

    async def start(self) -> None:
        """Follow the version; once listening, wait a moment for it to be known."""
        self._task = asyncio.create_task(self._follow(), name="data-version")
        if self._notifications.connected:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._known.wait(), timeout=self._retry_s * 2)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._source.close()

    async def _follow(self) -> None:
        while True:
            await self._stale.wait()
            self._stale.clear()
            try:
                version = await self._source.read()
            except asyncio.CancelledError:
                raise
            except ListenerDownError:
                continue  # unknown already; the reconnection asks again
            except Exception as exc:  # unknown until a read succeeds
                logger.warning("data version unknown: %s", type(exc).__name__)
                self._current = None
                await asyncio.sleep(self._retry_s)
                self._stale.set()
                continue
            # Lost while reading: the version stays unknown until the reconnection.
            if self._notifications.connected:
                self._current = version
                self._known.set()

    def _forget(self) -> None:
        self._current = None
