"""A route class for hot endpoints whose whole query string is one Pydantic model.

An endpoint written as `async def endpoint(request: Request, params: Annotated[Model,
Query()]) -> Response` is documented by FastAPI as usual, one query parameter per field.
At run time a valid request skips FastAPI's dependency solving, which walks every
parameter and costs more than a small indexed query: the model validates the query string
in one pydantic-core call and the endpoint is called directly. A request the model refuses
takes FastAPI's ordinary path, so its 422 problem is exactly what any other route gives.
The model should be frozen: clients repeat the same query strings, and each one is parsed
and validated once, its model then shared by the requests that send it again.

Other endpoints on a router using this class are served the ordinary way, and so is an
endpoint with any dependency besides the app's `acceptable` (its own, its router's, or one
given where the router is included): the short path runs only that one.
"""

import functools
import inspect
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, get_args, get_origin

from fastapi import Request, Response
from fastapi import routing as fastapi_routing
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.datastructures import QueryParams

from app.http.negotiation import acceptable

Endpoint = Callable[..., Awaitable[Response]]


def query_model_of(endpoint: Callable[..., Any]) -> type[BaseModel] | None:
    """The model of an endpoint shaped `(request: Request, params: Annotated[Model, ...])`."""
    parameters = list(inspect.signature(endpoint, eval_str=True).parameters.values())
    if [p.name for p in parameters] != ["request", "params"]:
        return None
    if parameters[0].annotation is not Request:
        return None
    annotation = parameters[1].annotation
    model = get_args(annotation)[0] if get_origin(annotation) is not None else annotation
    return model if inspect.isclass(model) and issubclass(model, BaseModel) else None


def _dependencies(route: APIRoute) -> set[Any]:
    """What the route depends on, as FastAPI is about to build its handler: for a route of an
    included router, with the dependencies of the inclusion and the app's."""
    context = getattr(fastapi_routing, "_effective_route_context_var", None)
    effective = context.get() if context is not None else None
    if effective is not None and effective.original_route is route:
        dependant = effective.dependant
    else:
        dependant = route.dependant
    return {sub.call for sub in dependant.dependencies}


class QueryModelRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        ordinary = super().get_route_handler()
        model = query_model_of(self.endpoint)
        if model is None or _dependencies(self) - {acceptable}:
            return ordinary
        endpoint: Endpoint = self.endpoint

        @functools.lru_cache(maxsize=4096)
        def validated(query_string: bytes) -> BaseModel | None:
            try:
                return model.model_validate(dict(QueryParams(query_string)))
            except ValidationError:
                return None

        async def handler(request: Request) -> Response:
            params = validated(request.scope["query_string"])
            if params is None:
                return await ordinary(request)
            # The one dependency the app gives every route (app.main), run as FastAPI would.
            await acceptable(request)
            return await endpoint(request=request, params=params)

        return handler
