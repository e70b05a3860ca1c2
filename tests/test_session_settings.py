"""Every connection the service opens runs its statements without JIT compilation."""

from sqlalchemy import text

from app.config import Settings
from app.db.engine import create_engine
from app.db.read_pool import create_read_pool


async def test_engine_connections_run_without_jit(database_url: str, settings: Settings) -> None:
    engine = create_engine(database_url, settings, read_only=True)
    try:
        async with engine.connect() as connection:
            assert await connection.scalar(text("SHOW jit")) == "off"
    finally:
        await engine.dispose()


async def test_read_pool_connections_run_without_jit(database_url: str, settings: Settings) -> None:
    pool = await create_read_pool(database_url, settings)
    try:
        async with pool.acquire() as connection:
            assert await connection.fetchval("SHOW jit") == "off"
    finally:
        await pool.close()
