"""Wire metrics into an application: its registry, the middleware and the route."""

from dataclasses import dataclass

from fastapi import FastAPI
from pydantic import SecretStr

from app.metrics.instruments import Instruments
from app.metrics.middleware import MetricsMiddleware
from app.metrics.router import router


@dataclass
class CountCache:
    ttl_s: float
    expires: float = 0.0


def install_metrics(app: FastAPI, cache_s: float, token: SecretStr | None) -> None:
    instruments = Instruments()
    app.state.metrics_token = token  # GET /metrics asks for it when set
    app.state.metrics = instruments
    app.state.metrics_cache = CountCache(ttl_s=cache_s)
    app.add_middleware(MetricsMiddleware, instruments=instruments)
    app.include_router(router)
