"""The application factory: lifespan (engine), routers, error handlers, middleware."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from app.agreements.router import router as agreements_router
from app.citations.router import router as citations_router
from app.config import Settings, get_settings
from app.countries.router import router as countries_router
from app.dashboard.router import install_dashboard
from app.db.data_version import DataVersion
from app.db.engine import create_engine, create_sessionmaker, resolve_database_url
from app.db.errors import install_database_error_handlers
from app.db.exports import ExportLane
from app.db.notifications import Notifications
from app.db.read_pool import create_read_pool
from app.db.reads import ReadSessionsMiddleware, read_sessionmaker
from app.db.replayed_version import ReplayedVersion
from app.documents.deletion_worker import DeletionWorker
from app.documents.router import router as documents_router
from app.events.router import router as events_router
from app.health.router import router as health_router
from app.http.head import HeadMiddleware
from app.http.limits import RequestLimitsMiddleware
from app.http.middleware import UNCACHED_PATHS, install_caching, install_cors
from app.http.negotiation import acceptable
from app.http.openapi import install_openapi
from app.http.problems import install_error_handlers, problem_responses
from app.http.rate_limit import RateLimitMiddleware, make_storage
from app.http.request_id import RequestIdMiddleware
from app.http.response_cache import ResponseCacheMiddleware
from app.metrics.install import install_metrics
from app.paging.cursor_secret import use_stored_cursor_secret
from app.people.router import router as people_router
from app.runtime.heap import release_startup_heap, settle_startup_heap
from app.runtime.logging import configure_logging
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
    {"name": "citations", "description": "How to cite a figure, a target or an agreement."},
    {"name": "health", "description": "Liveness and readiness probes."},
]


# Answers any route may give, whatever it does: the middleware's and the last resort's.
COMMON_RESPONSES = problem_responses(400, 413, 414, 429, 500, 503)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        url = resolve_database_url(settings)
        read_url = settings.database_read_url or url
        app.state.engine = create_engine(url, settings)
        app.state.sessionmaker = create_sessionmaker(app.state.engine)
        if settings.cursor_secret is None:
            await use_stored_cursor_secret(app.state.sessionmaker)
        # Reads: the read server in autocommit, its asyncpg pool, and the export lane.
        read_engine = create_engine(read_url, settings, read_only=True)
        app.state.read_pool = await create_read_pool(read_url, settings)
        # Each export reads one snapshot: the page's end, found first, and its rows agree.
        export_engine = create_engine(read_url, settings, pooled=False).execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        app.state.exports = ExportLane(
            create_sessionmaker(export_engine), settings.export_concurrency
        )
        app.state.read_sessions = read_sessionmaker(
            read_engine, app.state.read_pool.records, app.state.exports
        )
        app.state.separate_read_server = read_url != url  # readiness asks both then
        # One listening connection on the primary, for the data version and the deletions.
        notifications = Notifications(url)
        # With a read replica, the version moves once the replica has replayed the change.
        replica = (
            ReplayedVersion(settings.database_read_url, notifications)
            if settings.database_read_url
            else None
        )
        app.state.data_version = DataVersion(notifications, replica)
        # A deletion takes as long as its document's data: its statements are not cut short.
        deletion_engine = create_engine(url, settings, pooled=False, bounded=False)
        deletions = DeletionWorker(notifications, create_sessionmaker(deletion_engine))
        await notifications.start()
        await app.state.data_version.start()
        deletions.start()
        settle_startup_heap()
        try:
            yield
        finally:
            release_startup_heap()
            await deletions.stop()
            await deletion_engine.dispose()
            await app.state.data_version.stop()
            await notifications.stop()
            await app.state.read_pool.close()
            await read_engine.dispose()
            await export_engine.dispose()
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
        # Metrics are Prometheus's (GET /metrics); FastAPI's OpenTelemetry hooks would only
        # ask, on every request, whether a provider has been configured.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    install_error_handlers(app)
    install_database_error_handlers(app)
    install_middleware(app, settings)
    install_openapi(app, UNCACHED_PATHS)
    for router in (
        turnover_router,
        targets_router,
        countries_router,
        agreements_router,
        people_router,
        events_router,
        documents_router,
        citations_router,
        health_router,
    ):
        app.include_router(router, responses=COMMON_RESPONSES)
    # GET /metrics and the request metrics
    install_metrics(app, settings.metrics_cache_s, settings.metrics_token)
    install_dashboard(app)  # GET / and its assets under /dashboard/
    return app


def install_middleware(app: FastAPI, settings: Settings) -> None:
    """Each added layer wraps the ones before it. From the app outwards: compression and
    ETags; the response cache, which so keeps finished answers, validators and encodings
    included; rate limits and request size limits, which every request passes, cached or
    not; HEAD, served as a GET without its body; CORS and request ids, which write their
    headers on every answer; metrics, added last, see every answer. Innermost, next to the
    routes, the read sessions a request opened are closed once its answer is sent."""
    app.add_middleware(ReadSessionsMiddleware)
    install_caching(app, settings)
    if settings.response_cache:
        app.add_middleware(ResponseCacheMiddleware, max_bytes=settings.response_cache_mb << 20)
    if settings.rate_limit.strip().lower() != "off":
        storage = make_storage(settings.redis_url, settings.redis_key_prefix)
        app.add_middleware(RateLimitMiddleware, limit=settings.rate_limit, storage=storage)
    app.add_middleware(RequestLimitsMiddleware)
    app.add_middleware(HeadMiddleware)
    install_cors(app, settings)
    app.add_middleware(RequestIdMiddleware)
