"""`ApiKeyName`: the write endpoints' guard. No key: 401; unknown or revoked key: 403.

Both guards here read `Authorization: Bearer ...` through FastAPI's `HTTPBearer`, so the
OpenAPI document declares the `bearerAuth` scheme on the operations that need it, and
Swagger UI's Authorize button fills the header in.
"""

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth.keys import find_active_key
from app.auth.known_keys import MAX_KEY_LENGTH
from app.db.engine import SessionDep
from app.http.problems import Forbidden, Unauthorized

# auto_error=False: a missing header is our own 401 problem, not FastAPI's plain 403.
bearer = HTTPBearer(
    scheme_name="bearerAuth",
    description="An API key (`tradestat keys create`), or for GET /metrics the METRICS_TOKEN.",
    auto_error=False,
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def token_of(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    token = credentials.credentials.strip() if credentials is not None else ""
    return token or None


async def require_api_key(credentials: Credentials, session: SessionDep) -> str:
    token = token_of(credentials)
    if token is None:
        raise Unauthorized("This endpoint needs an API key: Authorization: Bearer <key>.")
    name = await find_active_key(session, token) if len(token) <= MAX_KEY_LENGTH else None
    if name is None:
        raise Forbidden("The API key is unknown or has been revoked.")
    return name


ApiKeyName = Annotated[str, Depends(require_api_key)]


async def require_metrics_token(request: Request) -> None:
    """With METRICS_TOKEN set, GET /metrics needs it as a Bearer token: else a 401 problem.

    Read by hand rather than through `bearer`: the document declares the scheme on
    /metrics as optional (the route's `openapi_extra`), since without METRICS_TOKEN it is.
    """
    expected = request.app.state.metrics_token
    if expected is None:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    given = token.strip() if scheme.lower() == "bearer" else ""
    if not hmac.compare_digest(given.encode(), expected.get_secret_value().encode()):
        raise Unauthorized("GET /metrics needs the METRICS_TOKEN: Authorization: Bearer <token>.")
