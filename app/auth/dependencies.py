"""`ApiKeyName`: the write endpoints' guard. No key: 401; unknown or revoked key: 403."""

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth.keys import find_active_key
from app.db import SessionDep
from app.errors import Forbidden, Unauthorized

MAX_KEY_LENGTH = 200

# Declares the bearer scheme in OpenAPI on every route that needs a key; the 401 and 403
# are raised below, as problems.
bearer_scheme = HTTPBearer(
    scheme_name="apiKey",
    description="A write key made with `tradestat keys create`.",
    auto_error=False,
)


async def require_api_key(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> str:
    token = credentials.credentials.strip() if credentials is not None else ""
    if not token:
        raise Unauthorized("This endpoint needs an API key: Authorization: Bearer <key>.")
    name = await find_active_key(session, token) if len(token) <= MAX_KEY_LENGTH else None
    if name is None:
        raise Forbidden("The API key is unknown or has been revoked.")
    return name


ApiKeyName = Annotated[str, Depends(require_api_key)]
