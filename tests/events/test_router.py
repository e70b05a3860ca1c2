import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Document
from app.paging.cursors import encode_cursor

FORUM = "first-interregional-forum"
COUNCIL = "intergovernmental-council-11"


async def keys(client: httpx.AsyncClient, **params: str | int) -> list[str]:
    response = await client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return [item["key"] for item in response.json()["items"]]


async def event_ids(client: httpx.AsyncClient) -> dict[str, int]:
    items = (await client.get("/events")).json()["items"]
    return {item["key"]: item["id"] for item in items}


async def test_lists_both_events_with_place_dates_and_source(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.get("/events")

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    forum, council = body["items"]
    assert forum["key"] == FORUM
    assert forum["name"] == "First Kazakh-Kyrgyz Interregional Forum"
    assert forum["kind"] == "forum"
    assert (forum["start_date"], forum["end_date"]) == ("2023-09-22", "2023-09-23")
    assert forum["date_inferred"] is True
    assert {k: forum["place"][k] for k in ("name", "kind", "country")} == {
        "name": "Taraz",
        "kind": "city",
        "country": "KAZ",
    }
    assert isinstance(forum["place"]["id"], int)
    assert council["key"] == COUNCIL
    assert council["kind"] == "council_meeting"
    assert (council["start_date"], council["end_date"]) == (None, None)
    assert council["date_inferred"] is False
    assert council["place"] is None
    assert council["source"]["quote"] == (
        "Smailov and Japarov also took part in the 11th meeting of the "
        "Kazakh-Kyrgyz Intergovernmental Council"
    )
    text = await session.scalar(
        select(Document.text).where(Document.id == forum["source"]["document_id"])
    )
    assert text is not None
    for event in (forum, council):
        source = event["source"]
        assert text[source["char_start"] : source["char_end"]] == source["quote"]
    assert forum["source"]["char_start"] == 0


async def test_year_filter_uses_the_start_date(client: httpx.AsyncClient) -> None:
    assert await keys(client, year=2023) == [FORUM]
    assert await keys(client, year=2022) == []


async def test_kind_filter(client: httpx.AsyncClient) -> None:
    assert await keys(client, kind="council_meeting") == [COUNCIL]
    assert await keys(client, kind="forum") == [FORUM]
    assert await keys(client, kind="summit") == []


async def test_country_filter_is_the_country_of_the_place(client: httpx.AsyncClient) -> None:
    assert await keys(client, country="KAZ") == [FORUM]
    assert await keys(client, country="kazakhstan") == [FORUM]
    assert await keys(client, country="KGZ") == []


async def test_limit_one_walks_both_events_by_cursor(client: httpx.AsyncClient) -> None:
    first = (await client.get("/events", params={"limit": 1})).json()
    assert [e["key"] for e in first["items"]] == [FORUM]
    assert first["next_cursor"] is not None

    second = (
        await client.get("/events", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()
    assert [e["key"] for e in second["items"]] == [COUNCIL]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    "cursor", ["%%%", encode_cursor(["2023-09-22", 1], "/events"), encode_cursor([0], "/events")]
)
async def test_malformed_cursor_is_400(client: httpx.AsyncClient, cursor: str) -> None:
    response = await client.get("/events", params={"cursor": cursor})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "params",
    [{"year": 1899}, {"year": 2101}, {"kind": "k" * 65}, {"country": "atlantis"}],
)
async def test_bad_parameters_are_422(
    client: httpx.AsyncClient, params: dict[str, str | int]
) -> None:
    response = await client.get("/events", params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_get_forum_has_attendees_and_the_commercial_documents(
    client: httpx.AsyncClient,
) -> None:
    forum = (await event_ids(client))[FORUM]

    response = await client.get(f"/events/{forum}")

    assert response.status_code == 200
    body = response.json()
    assert body["key"] == FORUM
    assert body["place"]["name"] == "Taraz"
    assert [(a["full_name"], a["country"]) for a in body["attendees"]] == [
        ("Alikhan Smailov", "KAZ"),
        ("Akylbek Zhaparov", "KGZ"),
    ]
    [agreement] = body["agreements"]
    assert agreement["kind"] == "commercial_contracts"
    assert agreement["title"] == (
        "Commercial documents signed by Kazakh and Kyrgyz business leaders "
        "at the first Interregional Forum"
    )
    assert agreement["value_usd"] == 65_000_000
    assert agreement["value_qualifier"] == "at_most"


async def test_get_council_has_the_protocol_without_value(client: httpx.AsyncClient) -> None:
    council = (await event_ids(client))[COUNCIL]

    body = (await client.get(f"/events/{council}")).json()

    assert body["place"] is None
    assert len(body["attendees"]) == 2
    [agreement] = body["agreements"]
    assert agreement["kind"] == "protocol"
    assert (agreement["value_usd"], agreement["value_qualifier"]) == (None, None)


async def test_unknown_event_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/events/424242")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "424242" in response.json()["detail"]


@pytest.mark.parametrize("bad_id", ["0", str(2**31)])
async def test_out_of_range_id_is_422(client: httpx.AsyncClient, bad_id: str) -> None:
    response = await client.get(f"/events/{bad_id}")

    assert response.status_code == 422


async def test_openapi_names_the_operations(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert paths["/events"]["get"]["operationId"] == "listEvents"
    assert paths["/events/{event_id}"]["get"]["operationId"] == "getEvent"
