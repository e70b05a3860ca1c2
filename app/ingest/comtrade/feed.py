"""Figures checked in a worker thread and handed over in batches while earlier ones load."""

import asyncio
import queue
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from types import TracebackType
from typing import Self

from app.ingest.comtrade.rows import Figure, ParsedFile, check_rows

# Batches read ahead of the loader: bounds memory on a large file whose rows load slower
# than they are checked.
READ_AHEAD = 4

_Item = list[Figure] | BaseException | None  # None: the whole file has been read


class FigureFeed:
    """Reads `parsed` from its own thread once entered; `batches()` yields its figures.

    After a bad row, unless bad rows are skipped, nothing more is handed over (nothing will be
    loaded) but the file is still read to its end, so that every bad row is reported. When
    `batches()` ends, `parsed` holds the file's bad rows, skips and line count.
    """

    def __init__(
        self,
        parsed: ParsedFile,
        *,
        batch: int,
        skip_bad_rows: bool,
        checked: Callable[[int], None] | None = None,
    ) -> None:
        self.parsed = parsed
        self._batch = batch
        self._skip_bad_rows = skip_bad_rows
        self._checked = checked
        self._queue: queue.Queue[_Item] = queue.Queue(maxsize=READ_AHEAD)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._read, name="comtrade-rows", daemon=True)

    async def __aenter__(self) -> Self:
        self._thread.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._closed.set()
        await asyncio.to_thread(self._thread.join)
        # Wakes a reader of batches() still waiting, if its task was cancelled: the feed ended.
        with suppress(queue.Full):
            self._queue.put_nowait(None)

    async def batches(self) -> AsyncIterator[list[Figure]]:
        while True:
            item = await asyncio.to_thread(self._queue.get)
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def _read(self) -> None:
        try:
            for figures in check_rows(self.parsed, self._checked, self._batch):
                if self._closed.is_set():
                    return  # the loader stopped: no one waits for the rest
                if self.parsed.bad and not self._skip_bad_rows:
                    continue  # the load will be refused: check the rest, hand over nothing
                if not self._hand_over(figures):
                    return
            self._hand_over(None)
        except BaseException as exc:  # any failure: the loader would otherwise wait forever
            self._hand_over(exc)

    def _hand_over(self, item: _Item) -> bool:
        """Wait for room in the queue; False once the feed is closed (the loader stopped)."""
        while not self._closed.is_set():
            with suppress(queue.Full):
                self._queue.put(item, timeout=0.05)
                return True
        return False
