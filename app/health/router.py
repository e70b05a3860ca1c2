import asyncio

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from app.db.timeouts import READY_S
from app.http.problems import ServiceUnavailable, problem_responses

router = APIRouter(tags=["health"])


class HealthRead(BaseModel):
    """The answer of a probe."""

    status: str = Field(description="`ok` or `ready`.", examples=["ok"])


@router.get(
    "/healthz", operation_id="healthz", summary="The process is up", response_model=HealthRead
)
async def healthz() -> HealthRead:
    """Liveness: the process answers. Never touches the database."""
    return HealthRead(status="ok")


@router.get(
    "/readyz",
    operation_id="readyz",
    summary="The database answers",
    response_model=HealthRead,
    responses=problem_responses(503),
)
async def readyz(request: Request) -> HealthRead:
    """Readiness: the database the pages read answers a query within 1.5 s; a 503 problem
    when it does not."""
    try:
        async with asyncio.timeout(READY_S):
            await request.app.state.reads.records("SELECT 1", [])
    except Exception as exc:
        raise ServiceUnavailable("The database does not answer.") from exc
    return HealthRead(status="ready")
