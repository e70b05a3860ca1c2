"""A query-parameter model read by one dependency and documented as FastAPI documents it.

FastAPI's own query-parameter models (`params: Annotated[Model, Query()]`) look at each
field's type on every request to decide how to read it from the query string: for the
seventeen fields of `GET /turnover`, more CPU than everything else FastAPI does for the
request. A `QueryModel` is an ordinary dependency that validates the whole query string
in one pydantic call, once per distinct string (the model is frozen, so the requests that
send the same string share it). What clients see stays FastAPI's:

- the operation's parameters are the ones FastAPI writes for `Annotated[Model, Query()]`,
  taken from a document FastAPI generates for the model and given to the route as
  `openapi_extra` (FastAPI's documented way of describing input a route reads itself);
- a refused query raises FastAPI's `RequestValidationError`, with the locations
  (`("query", name)`) and messages FastAPI's own path gives.

Only models of scalar fields are accepted: FastAPI reads a list field from repeated keys.
"""

import copy
import functools
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.datastructures import QueryParams

Json = dict[str, Any]
Model = TypeVar("Model", bound=BaseModel)

# Distinct query strings whose models are kept; clients repeat a handful of them.
VALIDATED_STRINGS = 1024


class QueryModel(Generic[Model]):
    """A dependency giving the request's `Model`: a route declares its parameter as
    `Annotated[Model, Depends(query)]` and passes `openapi_extra=query.openapi_extra`."""

    def __init__(self, model: type[Model]) -> None:
        if not model.model_config.get("frozen"):
            raise TypeError(f"{model.__name__} must be frozen: its instances are shared")
        self.model = model
        self.parameters = documented_parameters(model)
        self.validated = functools.lru_cache(maxsize=VALIDATED_STRINGS)(self._validate)

    @property
    def openapi_extra(self) -> Json:
        # A copy per route: a document that is edited later never edits this model's.
        return {"parameters": copy.deepcopy(self.parameters)}

    async def __call__(self, request: Request) -> Model:
        return self.validated(request.scope["query_string"])

    def _validate(self, query_string: bytes) -> Model:
        # As FastAPI hands a query model its input: each key's last value, unknown keys too
        # (the model's `extra` setting decides about those).
        fields = dict(QueryParams(query_string))
        try:
            return self.model.model_validate(fields)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            raise RequestValidationError(
                [{**error, "loc": ("query", *error["loc"])} for error in errors]
            ) from None


def documented_parameters(model: type[BaseModel]) -> list[Json]:
    """The operation parameters FastAPI documents for `params: Annotated[model, Query()]`."""

    async def endpoint(params: Annotated[model, Query()]) -> None:  # type: ignore[valid-type]
        """Never called: the route only exists to be documented."""

    route = APIRoute("/", endpoint, methods=["GET"])
    document = get_openapi(title=model.__name__, version="0", routes=[route])
    parameters: list[Json] = document["paths"]["/"]["get"]["parameters"]
    for parameter in parameters:
        if _unsupported(parameter["schema"]):
            raise TypeError(f"{model.__name__}.{parameter['name']}: scalar fields only")
    return parameters


def _unsupported(schema: Json) -> bool:
    """A list (read from repeated keys), or a schema of the components this document lacks."""
    options = [schema, *schema.get("anyOf", [])]
    return any(option.get("type") == "array" or "$ref" in option for option in options)
