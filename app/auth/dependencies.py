"""`ApiKeyName`: the write endpoints' guard. No key: 401; unknown or revoked key: 403."""

from typing import Annotated

from fastapi import Depends, Request

from app.auth.keys import find_active_key
from app.db import SessionDep
from app.errors import Forbidden, Unauthorized

MAX_KEY_LENGTH = 200


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def require_api_key(request: Request, session: SessionDep) -> str:
    token = bearer_token(request)
    if token is None:
        raise Unauthorized("This endpoint needs an API key: Authorization: Bearer <key>.")
    name = await find_active_key(session, token) if len(token) <= MAX_KEY_LENGTH else None
    if name is None:
        raise Forbidden("The API key is unknown or has been revoked.")
    return name


ApiKeyName = Annotated[str, Depends(require_api_key)]
