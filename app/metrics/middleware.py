"""Count and time every HTTP request under its route template, never its raw path."""

from time import perf_counter

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
            labels = (scope["method"], route_template(scope), str(status))
            self.instruments.requests.labels(*labels).inc()
            self.instruments.latency.labels(*labels).observe(perf_counter() - started)
