"""A QueryModel reads, refuses and documents a query exactly as FastAPI's own query model."""

import random
from typing import Annotated, Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import Depends, FastAPI, Query
from pydantic import BaseModel, ConfigDict

from app.http.problems import install_error_handlers
from app.http.query_model import QueryModel
from app.turnover.parameters import TurnoverQuery, turnover_query

# Values each parameter is sent with: valid ones, refused ones, blanks, NUL-free oddities.
VALUES: dict[str, list[str]] = {
    "year": ["2022", "1899", "2101", "20x2", "", "2022.0", " 2022"],
    "flow": ["turnover", "export", "Import", ""],
    "from": ["2020", "2020-06-30", "2020-6-30", "12345678901", ""],
    "date_from": ["2020"],  # the field's name, not its alias: an unknown key
    "to": ["2021", "2021-12-31", "x"],
    "period": ["annual", "partial", "all", "none"],
    "basis": ["reported", "derived", "all", "both"],
    "sort": ["period", "-period", "value", "-value", "+value"],
    "resolve": ["all", "latest", "earliest"],
    "compare": ["prior_same_period", "prior"],
    "review": ["reviewed", "extracted", "all", "maybe"],
    "as_of": ["2024-01-01T00:00:00Z", "2024-01-01", "2024-01-01T00:00+05:00"],
    "cursor": ["", "abc", "x" * 513],
    "format": ["json", "csv", "xml"],
    "limit": ["1", "100", "0", "10000001", "-5", "ten"],
    "country": ["KAZ", "kazakhstan", "x" * 101],
    "reporter": ["KGZ", ""],
    "partner": ["CHN"],
    "unknown": ["1"],
}


def query_strings(count: int, seed: int) -> list[str]:
    """Random combinations of VALUES, with repeated keys now and then (the last one counts)."""
    rng = random.Random(seed)
    strings = [""]
    for _ in range(count):
        chosen = [name for name in VALUES if rng.random() < 0.3]
        pairs = [(name, rng.choice(VALUES[name])) for name in chosen]
        if pairs and rng.random() < 0.2:
            name, _ = rng.choice(pairs)
            pairs.append((name, rng.choice(VALUES[name])))
        strings.append(urlencode(pairs))
    return strings


def make_app() -> FastAPI:
    """The same model behind FastAPI's query-model parameter and behind a QueryModel."""
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/ordinary")
    async def ordinary(params: Annotated[TurnoverQuery, Query()]) -> dict[str, Any]:
        return params.model_dump(mode="json")

    @app.get("/read-once", openapi_extra=turnover_query.openapi_extra)
    async def read_once(
        params: Annotated[TurnoverQuery, Depends(turnover_query)],
    ) -> dict[str, Any]:
        return params.model_dump(mode="json")

    return app


def answer(response: httpx.Response) -> tuple[int, Any]:
    body = response.json()
    if isinstance(body, dict):
        body.pop("instance", None)  # the path, which differs on purpose
    return response.status_code, body


async def test_every_query_gets_the_answer_fastapis_own_query_model_gives() -> None:
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        statuses = set()
        for query in query_strings(400, seed=20261206):
            ordinary = answer(await client.get(f"/ordinary?{query}"))
            read_once = answer(await client.get(f"/read-once?{query}"))
            assert read_once == ordinary, query
            statuses.add(ordinary[0])
    assert statuses == {200, 422}  # both kinds of answer were compared


def test_the_parameters_are_documented_as_fastapi_documents_them() -> None:
    paths = make_app().openapi()["paths"]

    ordinary = paths["/ordinary"]["get"]["parameters"]
    assert paths["/read-once"]["get"]["parameters"] == ordinary
    assert [p["name"] for p in ordinary][:4] == ["year", "flow", "from", "to"]


async def test_a_query_string_is_validated_once_and_its_model_shared() -> None:
    class Search(BaseModel):
        model_config = ConfigDict(frozen=True)
        year: int | None = None

    search = QueryModel(Search)
    app = FastAPI()

    @app.get("/search")
    async def endpoint(params: Annotated[Search, Depends(search)]) -> int:
        return id(params)

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        first = (await client.get("/search?year=2022")).json()
        again = (await client.get("/search?year=2022")).json()
        other = (await client.get("/search?year=2023")).json()

    assert first == again != other
    assert search.validated.cache_info().hits == 1


def test_models_that_cannot_be_read_this_way_are_refused() -> None:
    class Mutable(BaseModel):
        year: int | None = None

    class Listed(BaseModel):
        model_config = ConfigDict(frozen=True)
        years: list[int] = []

    class Nested(BaseModel):
        model_config = ConfigDict(frozen=True)
        inner: TurnoverQuery | None = None

    with pytest.raises(TypeError, match="frozen"):
        QueryModel(Mutable)
    for model in (Listed, Nested):
        with pytest.raises(TypeError, match="scalar fields only"):
            QueryModel(model)
