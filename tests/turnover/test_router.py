import httpx


async def test_year_2022_returns_the_cited_full_year_figure(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"year": 2022})

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    [item] = body["items"]
    assert item["reporter"] == "KAZ"
    assert item["partner"] == "KGZ"
    assert item["flow"] == "turnover"
    assert (item["period_start"], item["period_end"]) == ("2022-01-01", "2022-12-31")
    assert item["value_usd"] == 1_300_000_000
    assert item["value_qualifier"] == "approximate"
    assert item["growth_pct"] == 19
    assert item["growth_qualifier"] == "at_most"
    quote = "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."
    assert item["source"]["quote"] == quote
    assert item["source"]["char_end"] - item["source"]["char_start"] == len(quote)
