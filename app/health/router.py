import asyncio
from collections.abc import Awaitable

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.reads import ReadSessionDep
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
async def readyz(request: Request, read: ReadSessionDep) -> HealthRead:
    """Readiness: the database the pages read answers a query within 1.5 s, and so does the
    primary when the pages read a replica (DATABASE_READ_URL); a 503 problem naming the
    server that does not."""
    pings: dict[str, Awaitable[object]] = {"read server": read.records("SELECT 1", [])}
    if request.app.state.separate_read_server:
        pings["primary"] = _ping(request.app.state.engine)
    answered = await asyncio.gather(*(_answers(ping) for ping in pings.values()))
    silent = [name for name, answers in zip(pings, answered, strict=True) if not answers]
    if not silent:
        return HealthRead(status="ready")
    if len(pings) == 1:
        raise ServiceUnavailable("The database does not answer.")
    verb = "do" if len(silent) > 1 else "does"
    raise ServiceUnavailable(f"The {' and the '.join(silent)} {verb} not answer.")


async def _ping(engine: AsyncEngine) -> None:
    """SELECT 1 on a pooled connection of `engine`, in autocommit: no transaction to end."""
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.exec_driver_sql("SELECT 1")


async def _answers(ping: Awaitable[object]) -> bool:
    try:
        async with asyncio.timeout(READY_S):
            await ping
    except Exception:
        return False
    return True
