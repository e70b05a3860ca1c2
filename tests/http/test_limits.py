"""Oversized URLs and bodies, NUL characters and hostile strings: 4xx problems, never 5xx."""

from urllib.parse import quote

import httpx
import pytest

from app.http.limits import MAX_BODY_BYTES, MAX_QUERY_BYTES

PROBLEM = "application/problem+json"


async def test_a_long_query_string_is_a_414(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"country": "K" * (MAX_QUERY_BYTES + 1)})

    assert response.status_code == 414
    assert response.headers["content-type"] == PROBLEM


async def test_a_query_string_at_the_limit_is_served(client: httpx.AsyncClient) -> None:
    padding = "x" * (MAX_QUERY_BYTES - len("year=2022&unused="))
    response = await client.get(f"/turnover?year=2022&unused={padding}")

    assert response.status_code == 200


async def test_a_large_body_is_a_413(client: httpx.AsyncClient) -> None:
    response = await client.post("/turnover", content=b"x" * (MAX_BODY_BYTES + 1))

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM


async def test_a_large_body_without_length_is_a_413_when_read(client: httpx.AsyncClient) -> None:
    async def chunks() -> httpx.AsyncByteStream:  # type: ignore[misc]
        for _ in range(3):
            yield b"x" * (MAX_BODY_BYTES // 2)

    response = await client.post("/turnover", content=chunks())

    assert response.status_code in (405, 413)  # no route reads a body: refused either way
    assert response.headers["content-type"] == PROBLEM


HOSTILE = [
    "' OR 1=1--",
    "'; DROP TABLE countries; --",
    "%00",
    "KAZ%00",
    "\x00",
    "\u041aazakhstan",  # Cyrillic К
    "\u041a\u0410\u0417",  # КАЗ in Cyrillic
    "K" * 5000,
    "\ud800",  # a lone surrogate
    "../../etc/passwd",
    "${jndi:ldap://x}",
    "<script>alert(1)</script>",
    "Kazakhstan\u200b",
    "null",
    "[]",
]
TEXT_PARAMS = [
    "/turnover?country={}",
    "/turnover?reporter={}",
    "/turnover?partner={}",
    "/turnover?cursor={}",
    "/targets?country={}",
    "/targets?cursor={}",
    "/countries?cursor={}",
    "/countries/{}",
    "/agreements?country={}",
    "/agreements?cursor={}",
    "/signatories?person={}",
    "/people?q={}",
    "/people?cursor={}",
    "/events?country={}",
    "/events?kind={}",
    "/events?cursor={}",
    "/documents?cursor={}",
]


@pytest.mark.parametrize("template", TEXT_PARAMS)
async def test_hostile_text_never_fails_the_server(
    client: httpx.AsyncClient, template: str
) -> None:
    for payload in HOSTILE:
        url = template.format(quote(payload, safe="", errors="surrogatepass"))
        response = await client.get(url)
        assert response.status_code < 500, (url, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"] == PROBLEM, url
        else:
            body = response.json()
            assert body.get("items", []) == [] or "q=" in template, (url, body)


async def test_fullwidth_letters_are_the_same_name(client: httpx.AsyncClient) -> None:
    """Compatibility forms normalise (NFKD) to the letters they show; confusables do not."""
    response = await client.get("/countries/Ｋａｚａｋｈｓｔａｎ")

    assert response.json()["code"] == "KAZ"


async def test_a_sql_payload_matches_nothing(client: httpx.AsyncClient) -> None:
    response = await client.get("/people", params={"q": "' OR 1=1--"})

    assert response.status_code == 200
    assert response.json()["items"] == []


async def test_a_nul_byte_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/people?q=a%00b")

    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("year", ["1899", "2101", "-1", "99999999999999999999", "2022.5", "x"])
async def test_years_out_of_range_are_422(client: httpx.AsyncClient, year: str) -> None:
    response = await client.get(f"/turnover?year={year}")

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
