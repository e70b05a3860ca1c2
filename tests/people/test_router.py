import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Document, Person
from app.paging.cursors import encode_cursor

ZHAPAROV_CHAIR_QUOTE = (
    "Chairman of the Cabinet of Ministers and Head of Presidential Administration "
    "of the Kyrgyz Republic Akylbek Zhaparov"
)


async def names(client: httpx.AsyncClient, **params: str | int) -> list[str]:
    response = await client.get("/people", params=params)
    assert response.status_code == 200, response.text
    return [item["full_name"] for item in response.json()["items"]]


async def person_id(client: httpx.AsyncClient, q: str) -> int:
    [item] = (await client.get("/people", params={"q": q})).json()["items"]
    return int(item["id"])


async def test_lists_both_people_with_aliases_but_not_the_full_name(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/people")

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    smailov, zhaparov = body["items"]
    assert {k: smailov[k] for k in ("key", "full_name", "country", "aliases")} == {
        "key": "alikhan-smailov",
        "full_name": "Alikhan Smailov",
        "country": "KAZ",
        "aliases": [],
    }
    assert {k: zhaparov[k] for k in ("key", "full_name", "country", "aliases")} == {
        "key": "akylbek-zhaparov",
        "full_name": "Akylbek Zhaparov",
        "country": "KGZ",
        "aliases": ["Akylbek Dzhaparov", "Akylbek Japarov"],
    }


@pytest.mark.parametrize("q", ["japarov", "JAPAROV", "Japárov", "dzhap", "Akylbek Zhaparov"])
async def test_q_matches_aliases_ignoring_case_and_accents(
    client: httpx.AsyncClient, q: str
) -> None:
    assert await names(client, q=q) == ["Akylbek Zhaparov"]


async def test_q_matches_the_full_name(client: httpx.AsyncClient) -> None:
    assert await names(client, q="smail") == ["Alikhan Smailov"]
    assert await names(client, q="akylbek") == ["Akylbek Zhaparov"]


async def test_q_matches_a_full_name_without_alias_rows(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    session.add(Person(key="jane-doe", full_name="Jane Doe", country_code=None))
    await session.flush()

    response = await client.get("/people", params={"q": "JANE"})

    [item] = response.json()["items"]
    assert (item["full_name"], item["country"], item["aliases"]) == ("Jane Doe", None, [])


@pytest.mark.parametrize("q", ["nobody", "%", "_"])
async def test_q_matching_nothing_gives_no_items(client: httpx.AsyncClient, q: str) -> None:
    response = await client.get("/people", params={"q": q})

    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_country_filter_accepts_codes_and_names(client: httpx.AsyncClient) -> None:
    assert await names(client, country="KAZ") == ["Alikhan Smailov"]
    assert await names(client, country="Kyrgyzstan") == ["Akylbek Zhaparov"]
    assert await names(client, country="UZ") == []


async def test_limit_one_walks_both_people_by_cursor(client: httpx.AsyncClient) -> None:
    first = (await client.get("/people", params={"limit": 1})).json()
    assert [p["full_name"] for p in first["items"]] == ["Alikhan Smailov"]
    assert first["next_cursor"] is not None

    second = (
        await client.get("/people", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()
    assert [p["full_name"] for p in second["items"]] == ["Akylbek Zhaparov"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        encode_cursor(["x"], "/people"),
        encode_cursor([1, 2], "/people"),
        encode_cursor([2**40], "/people"),
    ],
)
async def test_malformed_cursor_is_400(client: httpx.AsyncClient, cursor: str) -> None:
    response = await client.get("/people", params={"cursor": cursor})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/bad-request")


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 101}, {"q": ""}, {"country": "atlantis"}, {"limit": 0}, {"limit": 1001}],
)
async def test_bad_parameters_are_422(
    client: httpx.AsyncClient, params: dict[str, str | int]
) -> None:
    response = await client.get("/people", params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["invalid_params"]


async def test_get_person_has_positions_agreements_and_events(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    zhaparov = await person_id(client, "zhaparov")

    response = await client.get(f"/people/{zhaparov}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == zhaparov
    assert body["full_name"] == "Akylbek Zhaparov"
    assert body["aliases"] == ["Akylbek Dzhaparov", "Akylbek Japarov"]
    assert [(p["title"], p["organisation"]) for p in body["positions"]] == [
        ("Chairman of the Cabinet of Ministers", "Cabinet of Ministers of the Kyrgyz Republic"),
        (
            "Head of the Presidential Administration",
            "Presidential Administration of the Kyrgyz Republic",
        ),
    ]
    text = await session.scalar(
        select(Document.text).where(Document.id == body["positions"][0]["source"]["document_id"])
    )
    assert text is not None
    for position in body["positions"]:
        source = position["source"]
        assert source["quote"] == ZHAPAROV_CHAIR_QUOTE
        assert text[source["char_start"] : source["char_end"]] == source["quote"]
    [agreement] = body["agreements"]
    assert agreement["kind"] == "protocol"
    assert agreement["title"] == (
        "Protocol of the 11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"
    )
    assert agreement["role"] == "Chairman of the Cabinet of Ministers of the Kyrgyz Republic"
    assert agreement["country"] == "KGZ"
    forum, council = body["events"]
    assert forum["name"] == "First Kazakh-Kyrgyz Interregional Forum"
    assert (forum["kind"], forum["start_date"], forum["end_date"]) == (
        "forum",
        "2023-09-22",
        "2023-09-23",
    )
    assert council["name"] == "11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"
    assert (council["kind"], council["start_date"], council["end_date"]) == (
        "council_meeting",
        None,
        None,
    )


async def test_get_person_signing_for_kazakhstan(client: httpx.AsyncClient) -> None:
    smailov = await person_id(client, "smailov")

    body = (await client.get(f"/people/{smailov}")).json()

    [position] = body["positions"]
    assert position["title"] == "Prime Minister"
    assert position["source"]["quote"] == "Prime Minister of Kazakhstan Alikhan Smailov"
    [agreement] = body["agreements"]
    assert (agreement["role"], agreement["country"]) == ("Prime Minister of Kazakhstan", "KAZ")
    assert len(body["events"]) == 2


async def test_unknown_person_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/people/987654")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404
    assert "987654" in problem["detail"]
    assert problem["instance"] == "/people/987654"


@pytest.mark.parametrize("bad_id", ["0", str(2**31), "abc"])
async def test_out_of_range_id_is_422(client: httpx.AsyncClient, bad_id: str) -> None:
    response = await client.get(f"/people/{bad_id}")

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_openapi_names_the_operations(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert paths["/people"]["get"]["operationId"] == "listPeople"
    assert paths["/people/{person_id}"]["get"]["operationId"] == "getPerson"
