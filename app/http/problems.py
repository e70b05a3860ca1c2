"""Errors that carry their HTTP status, and the handlers that write them as RFC 9457 problems."""

import functools
import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path
from starlette.types import Receive, Scope, Send

from app.http.request_id import HEADER as REQUEST_ID_HEADER
from app.http.request_id import current_request_id

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://tradestat.dev/problems/"


class InvalidParam(BaseModel):
    """One bad parameter of a request."""

    name: str = Field(
        description="Where the bad value was: query.year, path.code, body.text ...",
        examples=["query.country"],
    )
    reason: str = Field(
        description="What is wrong with it.", examples=["unknown country 'atlantis'"]
    )


class Problem(BaseModel):
    """An RFC 9457 problem detail."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "https://tradestat.dev/problems/not-found",
                    "title": "Not Found",
                    "status": 404,
                    "detail": "No country matches 'atlantis'.",
                    "instance": "/countries/atlantis",
                }
            ]
        }
    )

    type: str = Field(description="URI naming the kind of problem.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str | None = Field(default=None, description="What went wrong this time.")
    instance: str | None = Field(default=None, description="The request path.")
    invalid_params: list[InvalidParam] | None = Field(
        default=None, description="Each bad parameter of a 422."
    )
    request_id: str | None = Field(
        default=None,
        description="The request's X-Request-ID: quote it when reporting a 500.",
        examples=["4bf92f3577b34da6a3ce929d0e0e4736"],
    )
    available: list[str] | None = Field(
        default=None,
        description="The media types the resource can be served as (406 only).",
        examples=[["application/json", "text/csv"]],
    )


class AppError(Exception):
    """Base of the errors a handler may raise; the subclass decides the status."""

    status = 500
    title = "Internal Server Error"
    slug = "internal"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, invalid_params: list[InvalidParam] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.invalid_params = invalid_params

    def members(self) -> dict[str, Any]:
        """Extension members of the problem beyond the standard ones."""
        return {}


class NotFound(AppError):  # noqa: N818 - named for the status it carries
    status = 404
    title = "Not Found"
    slug = "not-found"

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"No {what} matches {str(key)!r}.")


class InvalidParameter(AppError):  # noqa: N818
    status = 422
    title = "Unprocessable Content"
    slug = "invalid-parameters"

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}", [InvalidParam(name=location, reason=reason)])


class BadRequest(AppError):  # noqa: N818
    status = 400
    title = "Bad Request"
    slug = "bad-request"


class Unauthorized(AppError):  # noqa: N818
    status = 401
    title = "Unauthorized"
    slug = "unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="tradestat"'}  # noqa: RUF012 - read only


class Forbidden(AppError):  # noqa: N818
    status = 403
    title = "Forbidden"
    slug = "forbidden"


class NotAcceptable(AppError):  # noqa: N818
    status = 406
    title = "Not Acceptable"
    slug = "not-acceptable"

    def __init__(self, available: Sequence[str]) -> None:
        super().__init__(
            "None of the media types in Accept can be served; "
            f"this resource is available as {', '.join(available)}."
        )
        self.available = list(available)

    def members(self) -> dict[str, Any]:
        return {"available": self.available}


class ServiceUnavailable(AppError):  # noqa: N818
    status = 503
    title = "Service Unavailable"
    slug = "unavailable"


class LoadInProgress(ServiceUnavailable):
    """Another load holds the load lock: this write is refused at once, not queued."""

    headers = {"Retry-After": "30"}  # noqa: RUF012 - read only


class PayloadTooLarge(AppError):  # noqa: N818
    status = 413
    title = "Content Too Large"
    slug = "payload-too-large"


class UriTooLong(AppError):  # noqa: N818
    status = 414
    title = "URI Too Long"
    slug = "uri-too-long"


class TooManyRequests(AppError):  # noqa: N818
    status = 429
    title = "Too Many Requests"
    slug = "rate-limited"


def problem_response(
    request: Request,
    status: int,
    title: str,
    slug: str,
    detail: str | None,
    invalid_params: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
    request_id: str | None = None,
    members: dict[str, Any] | None = None,
) -> JSONResponse:
    body = Problem(
        type=PROBLEM_TYPE_BASE + slug,
        title=title,
        status=status,
        detail=detail,
        instance=request.url.path,
        invalid_params=invalid_params,
        request_id=request_id,
        **(members or {}),
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        # A problem describes one request at one moment: never store it.
        headers={**(headers or {}), "Cache-Control": "no-store"},
    )


async def send_problem(
    scope: Scope,
    receive: Receive,
    send: Send,
    error: AppError,
    headers: dict[str, str] | None = None,
) -> None:
    """Answer with `error` as a problem from ASGI middleware, outside any route."""
    await error_response(Request(scope), error, headers)(scope, receive, send)


def error_response(
    request: Request, error: AppError, headers: dict[str, str] | None = None
) -> JSONResponse:
    return problem_response(
        request,
        error.status,
        error.title,
        error.slug,
        error.detail,
        error.invalid_params,
        {**(error.headers or {}), **(headers or {})},
        members=error.members(),
    )


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return error_response(request, exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    params = [
        InvalidParam(name=".".join(str(part) for part in error["loc"]), reason=error["msg"])
        for error in exc.errors()
    ]
    detail = "; ".join(f"{p.name}: {p.reason}" for p in params)
    return problem_response(
        request, 422, "Unprocessable Content", "invalid-parameters", detail, params
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    title = {404: "Not Found", 405: "Method Not Allowed"}.get(exc.status_code, "HTTP Error")
    headers: dict[str, Any] | None = getattr(exc, "headers", None)
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
    return problem_response(request, exc.status_code, title, slug, str(exc.detail), headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method the OpenAPI document lists at this path, for the values this path gives
    its parameters (`/turnover/series` is no figure id), and HEAD beside GET (served for
    every GET by app.http.head). Starlette names only the first matching route's methods."""
    path = request.scope["path"]
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        match = _template_pattern(template).match(path)
        if match is None:
            continue
        for method, operation in operations.items():
            if _takes(operation, match.groupdict()):
                methods.add(method.upper())
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def _takes(operation: dict[str, Any], values: dict[str, str]) -> bool:
    """Whether every integer path parameter of the operation is given as digits."""
    return all(
        (value := values.get(parameter["name"], "")).isascii() and value.isdigit()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer"
    )


@functools.lru_cache(maxsize=256)
def _template_pattern(template: str) -> re.Pattern[str]:
    pattern, _, _ = compile_path(template)
    return pattern


async def unhandled(request: Request, exc: Exception) -> JSONResponse:
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    # This handler answers outside every middleware, so it names the request id itself.
    rid = current_request_id()
    return problem_response(
        request,
        500,
        "Internal Server Error",
        "internal",
        "An unexpected error occurred.",
        headers={REQUEST_ID_HEADER: rid} if rid else None,
        request_id=rid,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, unhandled)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry declaring these statuses as problem+json in OpenAPI."""
    descriptions = {
        400: "Bad request (for example a malformed cursor).",
        401: "No API key was given (`Authorization: Bearer <key>`).",
        403: "The API key is unknown or revoked.",
        404: "Nothing matches the identifier.",
        405: "The method is not served at this path; `Allow` lists those that are.",
        406: "None of the media types in `Accept` can be served; `available` lists those that can.",
        413: "The request body is larger than 1 MiB.",
        414: "The query string is longer than 2 KiB.",
        422: "A parameter is invalid; each one is listed.",
        429: "Too many requests from this client; see Retry-After.",
        500: "An unexpected error; the body names the request id.",
        503: "The database is busy, timed out or unreachable (the `type` says which); "
        "`Retry-After` says when to try again.",
    }
    return {
        status: {
            "model": Problem,
            "description": descriptions.get(status, "Error."),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
