"""Apps built with other settings, on the same database and test transaction."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app

ClientFor = Callable[[Settings], AbstractAsyncContextManager[httpx.AsyncClient]]
# What the test app's lifespan would have set up (tests/conftest.py: app_on).
STATE = (
    "engine",
    "sessionmaker",
    "read_sessions",
    "separate_read_server",
    "exports",
    "data_version",
)


@pytest.fixture
def client_for(app: FastAPI) -> ClientFor:
    """A client of a new app made from `settings`, sharing the test app's state."""

    @asynccontextmanager
    async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
        other = create_app(settings)
        for name in STATE:
            if hasattr(app.state, name):
                setattr(other.state, name, getattr(app.state, name))
        other.dependency_overrides = app.dependency_overrides
        transport = httpx.ASGITransport(app=other, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c

    return client
