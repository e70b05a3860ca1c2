"""Throw-away PostgreSQL databases for tests, on TEST_DATABASE_URL's server or the embedded one."""

import os
import uuid

import asyncpg
from sqlalchemy.engine import make_url

from app.db.embedded import start_embedded_server
from app.db.engine import asyncpg_dsn


def server_url() -> str:
    """The server tests run on: TEST_DATABASE_URL if set, else an embedded server."""
    url = os.environ.get("TEST_DATABASE_URL")
    return url or start_embedded_server()


async def create_database(server: str, prefix: str = "tradestat_test") -> str:
    """Create an empty database on server; return its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(asyncpg_dsn(server))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def drop_database(url: str) -> None:
    parsed = make_url(url)
    admin = await asyncpg.connect(
        asyncpg_dsn(parsed.set(database="postgres").render_as_string(False))
    )
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    finally:
        await admin.close()
