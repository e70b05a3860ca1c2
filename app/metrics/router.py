"""GET /metrics: Prometheus text format."""

import logging
from time import monotonic

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4, choose_encoder
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.auth.dependencies import require_metrics_token
from app.db.errors import DatabaseFailure
from app.db.reads import ReadSession, ReadSessionDep
from app.http.problems import problem_responses
from app.metrics.instruments import Instruments
from app.metrics.queries import figure_counts

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])

EXAMPLE = """# HELP tradestat_http_requests_total HTTP requests answered, by route template ...
# TYPE tradestat_http_requests_total counter
tradestat_http_requests_total{method="GET",route="/turnover/{figure_id}",status="200"} 3.0
"""


async def refresh_figure_counts(app: FastAPI, read: ReadSession, instruments: Instruments) -> None:
    """Count again once the cached counts are older than METRICS_CACHE_S.

    A failure is logged and passed over, so that metrics still answer while the database is
    down (the counts then keep their last values).
    """
    cache = app.state.metrics_cache
    if monotonic() < cache.expires:
        return
    try:
        counts = await figure_counts(read)
    except (DatabaseFailure, OperationalError, InterfaceError) as exc:
        logger.warning("metrics: cannot count figures: %s", type(exc).__name__)
        return
    for kind, count in counts.items():
        instruments.figures.labels(kind).set(count)
    cache.expires = monotonic() + cache.ttl_s


def pool_in_use(engine: AsyncEngine) -> int:
    checked_out = getattr(engine.pool, "checkedout", None)
    return int(checked_out()) if callable(checked_out) else 0


@router.get(
    "/metrics",
    operation_id="getMetrics",
    summary="Prometheus metrics of this process",
    description="Requests and latency by route template and status, database connections "
    "in use, and the number of figures loaded (counted at most every `METRICS_CACHE_S`). "
    "OpenMetrics when the `Accept` header asks for `application/openmetrics-text`. "
    "Needs `Authorization: Bearer <METRICS_TOKEN>` when the service sets one.",
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE_PLAIN_0_0_4: {"example": EXAMPLE}}},
        **problem_responses(401),
    },
    dependencies=[Depends(require_metrics_token)],
    # The token is optional: without METRICS_TOKEN the service asks for none.
    openapi_extra={"security": [{"bearerAuth": []}, {}]},
)
async def get_metrics(request: Request, read: ReadSessionDep) -> Response:
    instruments: Instruments = request.app.state.metrics
    await refresh_figure_counts(request.app, read, instruments)
    instruments.pool_in_use.set(pool_in_use(request.app.state.engine))
    # Prometheus' text format, or OpenMetrics when the scraper's Accept header asks for it.
    encode, media_type = choose_encoder(request.headers.get("accept", ""))
    # Live counters: never served from a cache.
    headers = {"Content-Type": media_type, "Cache-Control": "no-store"}
    return Response(encode(instruments.registry), headers=headers)
