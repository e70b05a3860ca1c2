"""A deadline for a request's headers, against slowloris: many connections, each sending
its headers a byte at a time, would otherwise hold a socket each, for ever.

uvicorn times out only the idle wait between two requests (`timeout_keep_alive`); from a
connection's opening, or a request's first byte, to the end of its headers it waits without
limit, and none of its settings (`h11_max_incomplete_event_size` bounds size, not time)
changes that. This protocol is uvicorn's httptools one plus that clock: a connection whose
headers are not complete HEADER_TIMEOUT_S after it opened (or after its next request began)
is closed. The body is the application's business (RequestLimitsMiddleware bounds it).
"""

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.config import get_settings


class HeaderTimeoutProtocol(HttpToolsProtocol):
    header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_clock()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._start_clock()

    def on_headers_complete(self) -> None:
        self._stop_clock()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_clock()
        super().connection_lost(exc)

    def _start_clock(self) -> None:
        self._stop_clock()
        timeout = get_settings().header_timeout_s
        self.header_deadline = self.loop.call_later(timeout, self._headers_too_slow)

    def _stop_clock(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _headers_too_slow(self) -> None:
        self.header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()
