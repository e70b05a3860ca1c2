"""Count and time every HTTP request under its route template, never its raw path."""

from time import perf_counter

from prometheus_client.metrics import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.metrics.instruments import Instruments

# Requests that matched no route share one label, so unknown paths cannot add series.
UNMATCHED = "<unmatched>"


def route_template(scope: Scope) -> str:
    """`/turnover/{figure_id}` for `/turnover/42`; the router leaves the route in the scope."""
    route = scope.get("route")
    template = getattr(route, "path_format", None)
    return template if isinstance(template, str) and template else UNMATCHED


class MetricsMiddleware:
    """Pure ASGI middleware: sees the status the client got, including unhandled errors."""

    def __init__(self, app: ASGIApp, instruments: Instruments) -> None:
        self.app = app
        self.instruments = instruments
        # The series of each (method, route, status) seen, looked up once: label sets are
        # bounded (route templates, not paths) and `labels()` takes a lock on every call.
        self.series: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # what the client gets if the app raises before answering
        started = perf_counter()

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            elapsed = perf_counter() - started
            labels = (scope["method"], route_template(scope), status)
            series = self.series.get(labels)
            if series is None:
                series = self.series[labels] = self._series(*labels)
            count, latency = series
            count.inc()
            latency.observe(elapsed)

    def _series(self, method: str, route: str, status: int) -> tuple[Counter, Histogram]:
        labels = (method, route, str(status))
        return (
            self.instruments.requests.labels(*labels),
            self.instruments.latency.labels(*labels),
        )
