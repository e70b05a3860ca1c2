"""Cursors are signed for one listing: one made by the service works on that listing
anywhere; an altered one, another listing's, or one holding out-of-range values is a 400."""

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings, get_settings
from app.db.engine import create_engine, create_sessionmaker
from app.http.problems import BadRequest
from app.paging.cursor_secret import stored_cursor_secret, use_stored_cursor_secret
from app.paging.cursors import STORED_SECRET, decode_cursor, encode_cursor
from tests.openapi_operations import operations


def test_a_cursor_round_trips() -> None:
    cursor = encode_cursor(["2022-01-01", 7], "/turnover")

    assert decode_cursor(cursor, "/turnover", (str, int)) == ["2022-01-01", 7]
    assert "." in cursor


def flip(text: str, at: int) -> str:
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :]


@pytest.mark.parametrize(
    "altered",
    [
        lambda c: flip(c, 2),  # the key
        lambda c: flip(c, len(c) - 3),  # the signature
        lambda c: c.partition(".")[0],  # the signature dropped
        lambda c: c[:-1],  # truncated
        lambda c: c + "x",
    ],
)
def test_an_altered_cursor_is_refused(altered: Callable[[str], str]) -> None:
    cursor = encode_cursor([5], "/people")

    with pytest.raises(BadRequest):
        decode_cursor(altered(cursor), "/people", (int,))


def test_a_cursor_signed_under_another_secret_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    cursor = encode_cursor([5], "/people")
    monkeypatch.setenv("CURSOR_SECRET", "another deployment's secret")
    get_settings.cache_clear()
    try:
        with pytest.raises(BadRequest):
            decode_cursor(cursor, "/people", (int,))
        assert decode_cursor(encode_cursor([5], "/people"), "/people", (int,)) == [5]
    finally:
        get_settings.cache_clear()


@pytest.fixture
def restored_secret() -> Iterator[None]:
    before = STORED_SECRET.value
    yield
    STORED_SECRET.use(before)


async def test_without_cursor_secret_the_key_is_random_and_kept_with_the_data(
    app: FastAPI, committed_database: str, settings: Settings, restored_secret: None
) -> None:
    assert get_settings().cursor_secret is None
    first = await stored_cursor_secret(app.state.sessionmaker)
    again = await stored_cursor_secret(app.state.sessionmaker)  # another worker, a restart
    engine = create_engine(committed_database, settings)
    try:
        elsewhere = await stored_cursor_secret(create_sessionmaker(engine))
    finally:
        await engine.dispose()

    assert first == again
    assert len(first) >= 40
    assert elsewhere != first  # another deployment: another random secret
    STORED_SECRET.use(first)
    cursor = encode_cursor([5], "/people")
    assert decode_cursor(cursor, "/people", (int,)) == [5]
    STORED_SECRET.use(elsewhere)
    with pytest.raises(BadRequest):
        decode_cursor(cursor, "/people", (int,))


def listings() -> list[str]:
    """Every listing of the document: the GET operations with a `cursor` parameter."""
    return [
        op.path
        for op in operations("get")
        if any(p["name"] == "cursor" for p in op.parameters) and "{" not in op.path
    ]


def test_the_listings_are_found() -> None:
    assert {"/people", "/agreements", "/events", "/signatories", "/turnover"} <= set(listings())


@pytest.mark.parametrize("listing", listings())
async def test_a_cursor_of_another_listing_is_a_400(
    client: httpx.AsyncClient, listing: str
) -> None:
    for other in listings():
        if other == listing:
            continue
        cursor = (await client.get(other, params={"limit": 1})).json()["next_cursor"]
        if cursor is None:
            continue
        response = await client.get(listing, params={"cursor": cursor, "limit": 1})
        assert response.status_code == 400, (other, listing)
        assert response.headers["content-type"] == "application/problem+json"


async def test_a_next_cursor_works_on_its_own_listing(client: httpx.AsyncClient) -> None:
    for listing in listings():
        first = (await client.get(listing, params={"limit": 1})).json()
        if first["next_cursor"] is None:
            continue
        second = await client.get(listing, params={"cursor": first["next_cursor"], "limit": 1})
        assert second.status_code == 200, listing
        assert second.json()["items"] != first["items"]


async def test_a_turnover_cursor_of_another_order_is_a_400(client: httpx.AsyncClient) -> None:
    cursor = (await client.get("/turnover", params={"limit": 1})).json()["next_cursor"]
    response = await client.get("/turnover", params={"cursor": cursor, "sort": "-period"})

    assert response.status_code == 400


@pytest.mark.parametrize(
    "value",
    ["Infinity", "-Infinity", "NaN", "1e999999999", "9" * 199, "1e3", " 5", "5.001", "0x10"],
)
async def test_signed_cursor_values_out_of_range_are_400_not_500(
    client: httpx.AsyncClient, value: str
) -> None:
    for sort in ("value", "-value"):
        cursor = encode_cursor([value, 1], f"/turnover sort={sort}")
        response = await client.get("/turnover", params={"sort": sort, "cursor": cursor})
        assert response.status_code == 400, (sort, value, response.text)
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "day", ["20220101", "2022-W01-1", "+2022-01-01", "2022-13-01", "99999-01-01"]
)
async def test_signed_cursor_dates_out_of_shape_are_400(
    client: httpx.AsyncClient, day: str
) -> None:
    cursor = encode_cursor([day, "2022-12-31", 1], "/turnover sort=period")
    response = await client.get("/turnover", params={"cursor": cursor})

    assert response.status_code == 400, response.text


@pytest.mark.parametrize("code", ["kgz", "KG", "K\u0000Z", "A" * 200, "ÄÖÜ"])
async def test_signed_country_cursors_out_of_shape_are_400(
    client: httpx.AsyncClient, code: str
) -> None:
    cursor = encode_cursor([code], "/countries")
    response = await client.get("/countries", params={"cursor": cursor})

    assert response.status_code == 400, response.text


async def test_a_tampered_next_cursor_is_a_400_problem_not_a_500(
    client: httpx.AsyncClient,
) -> None:
    cursor = (await client.get("/turnover", params={"limit": 1})).json()["next_cursor"]
    payload, _, signature = cursor.partition(".")
    forged = encode_cursor(["2099-01-01", 2**63 - 1], "/turnover").partition(".")[0]
    forged += "." + signature

    for bad in (forged, flip(cursor, 1), payload, cursor + ".x"):
        response = await client.get("/turnover", params={"cursor": bad, "limit": 1})
        assert response.status_code == 400, bad
        assert response.headers["content-type"] == "application/problem+json"


async def test_the_service_starts_with_the_database_down(
    settings: Settings, restored_secret: None
) -> None:
    unreachable = "postgresql://postgres@127.0.0.1:1/postgres"
    engine = create_engine(unreachable, settings.model_copy(update={"db_connect_timeout_s": 1}))
    before = STORED_SECRET.value
    try:
        await use_stored_cursor_secret(create_sessionmaker(engine))
    finally:
        await engine.dispose()

    assert STORED_SECRET.value == before  # this process's own secret, still random
