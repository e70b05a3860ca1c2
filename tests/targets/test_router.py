import httpx


async def test_the_two_billion_target_has_no_year_and_cites_the_presidents(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/targets", params={"country": "kyrgyzstan"})

    assert response.status_code == 200
    [target] = response.json()["items"]
    assert target["countries"] == ["KAZ", "KGZ"]
    assert target["value_usd"] == 2_000_000_000
    assert target["target_year"] is None
    assert target["set_by"] == "the Presidents of Kazakhstan and the Kyrgyz Republic"
    assert target["source"]["quote"].endswith("to increase trade turnover to $2 billion")

    again = await client.get(f"/targets/{target['id']}")
    assert again.json() == target


async def test_targets_of_another_country_are_empty(client: httpx.AsyncClient) -> None:
    response = await client.get("/targets", params={"country": "FR"})

    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_an_unknown_target_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/targets/4242")

    assert response.status_code == 404
    assert "4242" in response.json()["detail"]
