import httpx
import pytest


async def titles(client: httpx.AsyncClient, **params: str | int) -> list[str]:
    response = await client.get("/agreements", params=params)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


FORUM = (
    "Commercial documents signed by Kazakh and Kyrgyz business leaders"
    " at the first Interregional Forum"
)
PROTOCOL = "Protocol of the 11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"
SHYMKENT_OSH = "Memorandum on twinning relations between Shymkent and Osh"
AKTOBE_JALAL_ABAD = "Memorandum on twinning relations between Aktobe Region and Jalal-Abad Region"


async def test_the_forum_package_embeds_its_event_and_place(client: httpx.AsyncClient) -> None:
    items = (await client.get("/agreements", params={"kind": "commercial_contracts"})).json()
    [package] = items["items"]

    assert package["value_usd"] == 65_000_000
    assert package["value_qualifier"] == "at_most"
    assert package["event"]["name"] == "First Kazakh-Kyrgyz Interregional Forum"
    assert package["event"]["start_date"] == "2023-09-22"
    assert package["place"] == {
        "id": package["place"]["id"],
        "name": "Taraz",
        "kind": "city",
        "country": "KAZ",
    }
    assert package["source"]["quote"].endswith("worth nearly $65 million")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [FORUM, PROTOCOL, SHYMKENT_OSH, AKTOBE_JALAL_ABAD]),
        ({"kind": "memorandum"}, [SHYMKENT_OSH, AKTOBE_JALAL_ABAD]),
        ({"kind": "protocol"}, [PROTOCOL]),
        ({"year": 2023}, [FORUM]),
        ({"year": 2022}, []),
        ({"country": "kyrgyzstan"}, [FORUM, PROTOCOL, SHYMKENT_OSH, AKTOBE_JALAL_ABAD]),
        ({"country": "UZ"}, []),
    ],
)
async def test_filters(
    client: httpx.AsyncClient, params: dict[str, str | int], expected: list[str]
) -> None:
    assert await titles(client, **params) == expected


async def test_event_filter(client: httpx.AsyncClient) -> None:
    [protocol] = (await client.get("/agreements", params={"kind": "protocol"})).json()["items"]

    assert await titles(client, event_id=protocol["event"]["id"]) == [PROTOCOL]


async def test_protocol_detail_has_parties_and_named_signatories(
    client: httpx.AsyncClient,
) -> None:
    [listed] = (await client.get("/agreements", params={"kind": "protocol"})).json()["items"]

    detail = (await client.get(f"/agreements/{listed['id']}")).json()

    assert [p["country"] for p in detail["parties"]] == ["KAZ", "KGZ"]
    assert [(s["person"]["full_name"], s["country"]) for s in detail["signatories"]] == [
        ("Alikhan Smailov", "KAZ"),
        ("Akylbek Zhaparov", "KGZ"),
    ]
    assert detail["subjects"] == []


async def test_twinning_memorandum_is_signed_by_unnamed_office_holders(
    client: httpx.AsyncClient,
) -> None:
    [memo, _] = (await client.get("/agreements", params={"kind": "memorandum"})).json()["items"]

    detail = (await client.get(f"/agreements/{memo['id']}")).json()

    assert [(p["country"], p["place"]["name"]) for p in detail["parties"]] == [
        ("KAZ", "Shymkent"),
        ("KGZ", "Osh"),
    ]
    assert [(s["office"], s["person"], s["place"]["name"]) for s in detail["signatories"]] == [
        ("Akim of Shymkent", None, "Shymkent"),
        ("Mayor of Osh", None, "Osh"),
    ]


async def test_forum_package_subjects_carry_hs_codes_where_clear(
    client: httpx.AsyncClient,
) -> None:
    [package] = (await client.get("/agreements", params={"year": 2023})).json()["items"]

    subjects = (await client.get(f"/agreements/{package['id']}")).json()["subjects"]

    by_name = {s["name"]: s["hs_code"] for s in subjects}
    assert len(subjects) == 11
    assert by_name["poultry meat"] == "0207"
    assert by_name["sodium cyanide"] == "283711"
    assert by_name["banking initiatives"] is None


async def test_an_unknown_agreement_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/agreements/999999")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"person": "japarov"}, [("Akylbek Zhaparov", "KGZ")]),
        ({"person": "SMAILOV"}, [("Alikhan Smailov", "KAZ")]),
        ({"person": "nobody"}, []),
        ({"person": "100%_"}, []),
        ({"country": "KG", "person": "Akylbek"}, [("Akylbek Zhaparov", "KGZ")]),
    ],
)
async def test_signatories_by_person(
    client: httpx.AsyncClient, params: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    items = (await client.get("/signatories", params=params)).json()["items"]

    assert [(s["person"]["full_name"], s["country"]) for s in items] == expected


async def test_signatories_by_country_and_agreement(client: httpx.AsyncClient) -> None:
    kyrgyz = (await client.get("/signatories", params={"country": "kyrgyzstan"})).json()["items"]
    [protocol] = (await client.get("/agreements", params={"kind": "protocol"})).json()["items"]
    of_protocol = (
        await client.get("/signatories", params={"agreement_id": protocol["id"]})
    ).json()["items"]

    assert {s["country"] for s in kyrgyz} == {"KGZ"}
    assert len(kyrgyz) == 4
    assert [s["role"] for s in of_protocol] == [
        "Prime Minister of Kazakhstan",
        "Chairman of the Cabinet of Ministers of the Kyrgyz Republic",
    ]
    assert {s["agreement"]["kind"] for s in of_protocol} == {"protocol"}
