"""Endpoints whose query is one model: valid requests skip FastAPI's solving, errors don't."""

from typing import Annotated, Literal

import httpx
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.errors import install_error_handlers
from app.http.query_route import QueryModelRoute, query_model_of


class Search(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: Annotated[int | None, Query(ge=1900, le=2100)] = None
    order: Literal["asc", "desc"] = "asc"
    date_from: Annotated[str | None, Field(alias="from", max_length=10)] = None


seen: list[Search] = []


async def search(request: Request, params: Annotated[Search, Query()]) -> Response:
    seen.append(params)
    return Response(params.model_dump_json(by_alias=True), media_type="application/json")


async def other(request: Request, year: int = 0) -> dict[str, int]:
    return {"year": year}


async def refuse(request: Request) -> None:
    raise HTTPException(403, "this route's own dependency ran")


def make_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    router = APIRouter(route_class=QueryModelRoute)
    router.add_api_route("/search", search, methods=["GET"])
    router.add_api_route("/other", other, methods=["GET"])
    router.add_api_route("/guarded", search, methods=["GET"], dependencies=[Depends(refuse)])
    app.include_router(router)
    included = APIRouter(route_class=QueryModelRoute)
    included.add_api_route("/included", search, methods=["GET"])
    app.include_router(included, dependencies=[Depends(refuse)])
    return app


def client() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_app())
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


def test_only_request_and_params_endpoints_take_the_short_path() -> None:
    assert query_model_of(search) is Search
    assert query_model_of(other) is None


async def test_a_valid_query_reaches_the_endpoint_validated_and_once_per_query_string() -> None:
    seen.clear()
    async with client() as http:
        first = await http.get("/search?year=2022&from=2022-01&order=desc&unknown=1")
        again = await http.get("/search?year=2022&from=2022-01&order=desc&unknown=1")

    assert first.json() == {"year": 2022, "order": "desc", "from": "2022-01"}
    assert again.json() == first.json()
    assert seen[0] is seen[1]  # validated once, shared: the model is frozen


async def test_a_refused_query_gets_fastapis_own_problem() -> None:
    async with client() as http:
        response = await http.get("/search?year=1800&order=sideways")

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    names = {problem["name"] for problem in response.json()["invalid_params"]}
    assert names == {"query.year", "query.order"}


async def test_other_endpoints_are_served_the_ordinary_way() -> None:
    async with client() as http:
        response = await http.get("/other?year=7")
        guarded = await http.get("/guarded?year=2022")
        included = await http.get("/included?year=2022")

    assert response.json() == {"year": 7}
    assert guarded.status_code == included.status_code == 403  # no dependency is skipped


def test_the_documented_parameters_are_the_models_fields() -> None:
    operation = make_app().openapi()["paths"]["/search"]["get"]

    assert [p["name"] for p in operation["parameters"]] == ["year", "order", "from"]
