"""Statements compiled once per shape and sent as SQL text with their parameters.

Building and compiling a SQLAlchemy statement costs several times more than running it, so
every listing statement is built with bind parameters in the place of its values, compiled
once, and kept (by its shape: which filters are set, the view, the order). A request only
puts its values in the order of the SQL's $1, $2 ..., and the database's prepared statement
does the rest.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, Select, String, bindparam
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

from app.models.base import Money

# Statements compiled ahead of time are compiled for the driver the engines use.
_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]

# The type of each parameter whose values are not text.
PARAMETER_TYPES: dict[str, Any] = {
    "as_of": DateTime(timezone=True),
    "date_from": Date,
    "date_to": Date,
    "after_start": Date,
    "after_end": Date,
    "after_value": Money,
    "after_key": BigInteger,
    "row_limit": BigInteger,
    "row_offset": BigInteger,
}


@dataclass(frozen=True)
class PreparedStatement:
    sql: str
    names: tuple[str, ...]  # the bound parameters, in the order of the SQL's $1, $2 ...
    constants: dict[str, Any]  # the values of literals the statement binds itself

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        """The request's values, and the statement's own, in parameter order."""
        return [values[name] if name in values else self.constants[name] for name in self.names]


class Parameters:
    """Bind parameters named by the request values they stand for; remembers which."""

    def __init__(self) -> None:
        self.bound: set[str] = set()

    def __call__(self, name: str, type_: Any = None) -> Any:
        self.bound.add(name)
        chosen = type_ if type_ is not None else PARAMETER_TYPES.get(name, String)
        return bindparam(name, None, type_=chosen, required=False)


def prepared(query: Select[Any], parameters: Parameters) -> PreparedStatement:
    """query as SQL text; its other literals keep their values as the statement's own."""
    # IN lists are written out: the statement text stays the same for every request.
    compiled = query.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    names = tuple(compiled.positiontup or ())
    constants = {
        name: value
        for name, value in compiled.construct_params().items()
        if name not in parameters.bound
    }
    return PreparedStatement(str(compiled), names, constants)
