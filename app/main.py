"""The application factory: lifespan (engine), routers, error handlers, middleware."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from app.agreements.router import router as agreements_router
from app.config import Settings, get_settings
from app.countries.router import router as countries_router
from app.data_version import DataVersion
from app.db import create_engine, create_sessionmaker, resolve_database_url
from app.documents.router import router as documents_router
from app.errors import install_error_handlers, problem_responses
from app.events.router import router as events_router
from app.health.router import router as health_router
from app.http.middleware import UNCACHED_PATHS, install_http
from app.http.negotiation import acceptable
from app.http.openapi import install_openapi
from app.people.router import router as people_router
from app.targets.router import router as targets_router
from app.turnover.router import router as turnover_router

DESCRIPTION = """
Trade statistics where every figure cites the sentence it came from.

Each turnover figure, target and agreement links to its source document and the exact
span of text (`quote`, `char_start`, `char_end`) that states it. Errors are
RFC 9457 `application/problem+json`. Lists are `{"items": [...], "next_cursor": ...}`,
or CSV with `Accept: text/csv` or `?format=csv`; the next page is also in the `Link`
header. Every GET has a strong `ETag`: send it back in `If-None-Match` for a 304.
"""

TAGS = [
    {"name": "turnover", "description": "Trade figures between two countries over a period."},
    {"name": "targets", "description": "Goals two countries set for their trade."},
    {"name": "countries", "description": "ISO 3166-1 countries, found by code, name or alias."},
    {"name": "agreements", "description": "Agreements, memoranda and contracts signed."},
    {"name": "people", "description": "People the documents name, and what they signed."},
    {"name": "events", "description": "Forums, meetings and visits the documents report."},
    {"name": "documents", "description": "The source documents every fact cites."},
    {"name": "health", "description": "Liveness and readiness probes."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Tests hand in their own engine; otherwise connect to the configured server.
        if hasattr(app.state, "engine"):
            yield
            return
        url = resolve_database_url(settings)
        app.state.engine = create_engine(url, settings)
        app.state.sessionmaker = create_sessionmaker(app.state.engine)
        app.state.data_version = DataVersion(url)
        await app.state.data_version.start()
        try:
            yield
        finally:
            await app.state.data_version.stop()
            await app.state.engine.dispose()

    app: FastAPI = FastAPIOffline(
        title="tradestat",
        version="0.1.0",
        summary="Trade statistics with a citation for every figure.",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=TAGS,
        contact={"name": "tradestat", "url": "https://tradestat.dev"},
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
        servers=[{"url": "/", "description": "The server serving this document."}],
        dependencies=[Depends(acceptable)],
        responses=problem_responses(406, 500, 503),
    )
    install_error_handlers(app)
    install_http(app, settings)
    install_openapi(app, UNCACHED_PATHS)
    for router in (
        turnover_router,
        targets_router,
        countries_router,
        agreements_router,
        people_router,
        events_router,
        documents_router,
        health_router,
    ):
        app.include_router(router)
    return app
