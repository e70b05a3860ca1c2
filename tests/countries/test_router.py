import httpx
import pycountry
import pytest


@pytest.mark.parametrize("code", ["KGZ", "kg", "417", "Kyrgyzstan", "kyrgyz republic", "KYRGYZ"])
async def test_a_country_is_found_by_any_of_its_names(client: httpx.AsyncClient, code: str) -> None:
    response = await client.get(f"/countries/{code}")

    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["alpha2"], body["numeric"]) == ("KGZ", "KG", "417")
    assert body["official_name"] == "Kyrgyz Republic"
    assert "Kyrgyz" in body["aliases"]
    assert body["turnover_figures"] == 2


async def test_an_unknown_country_is_a_404_problem_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/countries/atlantis")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404
    assert "atlantis" in problem["detail"]


async def test_every_iso_country_is_listed_across_pages(client: httpx.AsyncClient) -> None:
    codes: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 100}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get("/countries", params=params)).json()
        codes += [item["code"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert codes == sorted(c.alpha_3 for c in pycountry.countries)


async def test_has_data_filters_to_countries_with_figures(client: httpx.AsyncClient) -> None:
    with_data = (await client.get("/countries", params={"has_data": "true"})).json()
    without = (await client.get("/countries", params={"has_data": "false", "limit": 1000})).json()

    assert [item["code"] for item in with_data["items"]] == ["KAZ", "KGZ"]
    assert len(without["items"]) == len(pycountry.countries) - 2
    assert "KAZ" not in {item["code"] for item in without["items"]}
