"""The process's one listening connection on the primary, shared by everything that LISTENs.

Subscribers name a channel and say what to do on a notice; they may also be told when the
connection is up (after the first connection and after each reconnection, when notices may
have been missed and state must be read again) and when it is lost. One loop reconnects
after a failure and, while idle, asks the server whether it is still there: a dead peer may
never say goodbye.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
from asyncpg import Record

from app.db.engine import asyncpg_dsn

logger = logging.getLogger(__name__)

# How the connection shows in pg_stat_activity.
APPLICATION_NAME = "tradestat notifications"


class ListenerDownError(Exception):
    """The listening connection is not up: nothing can be asked on it."""


@dataclass(frozen=True)
class Subscription:
    channel: str
    on_notice: Callable[[str], None]
    on_connected: Callable[[], None] | None = None
    on_lost: Callable[[], None] | None = None


class Notifications:
    def __init__(self, database_url: str, retry_s: float = 1.0, keepalive_s: float = 15.0) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._retry_s = retry_s
        self._keepalive_s = keepalive_s
        self._subscriptions: list[Subscription] = []
        self._connection: asyncpg.Connection | None = None
        self._connected = asyncio.Event()
        self._lost = asyncio.Event()
        self._lock = asyncio.Lock()  # one query at a time on the connection
        self._task: asyncio.Task[None] | None = None

    def subscribe(
        self,
        channel: str,
        on_notice: Callable[[str], None],
        *,
        on_connected: Callable[[], None] | None = None,
        on_lost: Callable[[], None] | None = None,
    ) -> None:
        """Before start: on_notice gets each notice's payload; on_connected and on_lost are
        called as the connection comes up and goes down."""
        self._subscriptions.append(Subscription(channel, on_notice, on_connected, on_lost))

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    async def start(self) -> None:
        """Connect and listen; keeps trying in the background if the database is down."""
        self._task = asyncio.create_task(self._keep_listening(), name="notifications-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._connected.wait(), timeout=self._retry_s * 2)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._close()

    async def fetchrow(self, query: str, *arguments: Any) -> Record | None:
        """One row of a query run on the listening connection (it needs no other)."""
        async with self._lock:
            row: Record | None = await self._open().fetchrow(
                query, *arguments, timeout=self._retry_s * 2
            )
            return row

    async def fetchval(self, query: str, *arguments: Any) -> Any:
        """The first value of a query run on the listening connection."""
        async with self._lock:
            return await self._open().fetchval(query, *arguments, timeout=self._retry_s * 2)

    def _open(self) -> asyncpg.Connection:
        connection = self._connection
        if connection is None or connection.is_closed():
            raise ListenerDownError()
        return connection

    async def _keep_listening(self) -> None:
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure: reconnect, and say so meanwhile
                logger.warning("notifications listener down: %s", type(exc).__name__)
            await self._close()
            for subscription in self._subscriptions:
                if subscription.on_lost is not None:
                    subscription.on_lost()
            await asyncio.sleep(self._retry_s)

    async def _listen(self) -> None:
        """Listen on every subscribed channel until the connection is lost."""
        self._lost.clear()
        connection = await asyncpg.connect(
            self._dsn,
            timeout=self._retry_s * 2,
            server_settings={"application_name": APPLICATION_NAME},
        )
        self._connection = connection
        connection.add_termination_listener(lambda _: self._lost.set())
        for channel in dict.fromkeys(s.channel for s in self._subscriptions):
            await connection.add_listener(channel, self._dispatch)
        self._connected.set()
        for subscription in self._subscriptions:
            if subscription.on_connected is not None:
                subscription.on_connected()
        while not self._lost.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._lost.wait(), timeout=self._keepalive_s)
            if not self._lost.is_set():
                async with self._lock:
                    await connection.fetchval("SELECT 1", timeout=self._retry_s * 2)

    def _dispatch(self, connection: object, pid: int, channel: str, payload: str) -> None:
        for subscription in self._subscriptions:
            if subscription.channel == channel:
                subscription.on_notice(payload)

    async def _close(self) -> None:
        self._connected.clear()
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            with contextlib.suppress(Exception):
                await connection.close(timeout=1)
