"""Request engines cut a statement short a little after the server's bound; the engines of
loads and deletions, which lift that bound while they wait or work, never do."""

import pytest
from sqlalchemy import text

from app.config import Settings
from app.db.engine import create_engine
from app.db.errors import DatabaseTimedOut

# The server's bound, lifted inside the transaction as a load does; the sleep outlasts the
# driver's own bound (statement + 0.5 s) by far.
SETTINGS = {"db_statement_timeout_ms": 200}
LONG_STATEMENT = "SELECT pg_sleep(1.5)"


async def run_long_statement(database_url: str, settings: Settings, *, bounded: bool) -> None:
    engine = create_engine(database_url, settings.model_copy(update=SETTINGS), bounded=bounded)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("SET LOCAL statement_timeout = 0"))
            await connection.execute(text(LONG_STATEMENT))
    finally:
        await engine.dispose()


async def test_a_request_engine_gives_up_on_a_statement_past_its_bound(
    database_url: str, settings: Settings
) -> None:
    with pytest.raises(DatabaseTimedOut):
        await run_long_statement(database_url, settings, bounded=True)


async def test_a_load_engine_lets_a_statement_run_as_long_as_it_takes(
    database_url: str, settings: Settings
) -> None:
    await run_long_statement(database_url, settings, bounded=False)
