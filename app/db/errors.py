"""What a database failure means, and how the API says it.

Three failures are the database's, each its own 503 problem: *busy* (every pooled
connection in use), *timed out* (a statement ran past its bound) and *unavailable* (the
server cannot be reached). Any other exception is the service's own: a 500.
"""

import logging
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.http.problems import ServiceUnavailable, error_response, problem_response, unhandled

logger = logging.getLogger(__name__)

# SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many
# connections), 57P operator intervention (shutdown, cannot connect now).
_UNAVAILABLE_CLASSES = ("08", "53", "57P")
# 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout).
_TIMED_OUT = ("57014", "55P03")
# 22021 character_not_in_repertoire (a NUL byte), 22P05 untranslatable_character.
_BAD_TEXT = ("22021", "22P05")


class DatabaseFailure(ServiceUnavailable):
    """The database could not serve the request; nothing about the request was wrong."""

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.default_detail)

    default_detail = "The database cannot serve the request; try again shortly."


class DatabaseBusy(DatabaseFailure):
    title = "Database Busy"
    slug = "busy"
    headers = {"Retry-After": "1"}  # noqa: RUF012 - read only
    default_detail = "Every database connection is in use; try again in a moment."


class DatabaseTimedOut(DatabaseFailure):
    title = "Database Timed Out"
    slug = "timed-out"
    headers = {"Retry-After": "5"}  # noqa: RUF012
    default_detail = "The database did not answer in time; try again shortly."


class DatabaseUnavailable(DatabaseFailure):
    title = "Database Unavailable"
    slug = "unavailable"
    headers = {"Retry-After": "5"}  # noqa: RUF012
    default_detail = "The database cannot be reached; try again shortly."


def sqlstate(exc: BaseException) -> str:
    """The SQLSTATE of a driver's error, or of the one a SQLAlchemy error wraps."""
    seen: BaseException | None = exc
    for _ in range(4):  # SQLAlchemy's error, the adapter's, asyncpg's
        if seen is None:
            break
        code = getattr(seen, "sqlstate", None)
        if code:
            return str(code)
        seen = getattr(seen, "orig", None) or seen.__cause__
    return ""


def failure_of(exc: BaseException) -> DatabaseFailure | None:
    """The database failure an exception of SQLAlchemy or asyncpg stands for, if any."""
    if isinstance(exc, DatabaseFailure):
        return exc
    if isinstance(exc, PoolTimeout):
        return DatabaseBusy()
    code = sqlstate(exc)
    if code in _TIMED_OUT:
        return DatabaseTimedOut()
    if code.startswith(_UNAVAILABLE_CLASSES):
        return DatabaseUnavailable()
    if isinstance(exc, DBAPIError) and (
        exc.connection_invalidated or isinstance(exc, InterfaceError | OperationalError)
    ):
        return DatabaseUnavailable()
    if isinstance(exc, asyncpg.InterfaceError | asyncpg.PostgresConnectionError):
        return DatabaseUnavailable()
    return None


def is_bad_text(exc: BaseException) -> bool:
    return sqlstate(exc) in _BAD_TEXT


async def _database_failure(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DatabaseFailure)
    cause = exc.__cause__ or exc
    logger.warning("database %s: %s: %s", exc.slug, type(cause).__name__, cause)
    return error_response(request, exc)


async def _database_error(request: Request, exc: Exception) -> Any:
    """A SQLAlchemy error the database layer let through: bad text, a failure, or a bug."""
    if is_bad_text(exc):  # text PostgreSQL cannot store, such as a NUL character
        return problem_response(
            request, 400, "Bad Request", "bad-request", "A parameter holds characters not allowed."
        )
    failure = failure_of(exc)
    if failure is None:
        return await unhandled(request, exc)
    failure.__cause__ = exc
    return await _database_failure(request, failure)


def install_database_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DatabaseFailure, _database_failure)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(PoolTimeout, _database_error)
