"""Citations keep the source's qualifier and point at the exact words."""

from pathlib import Path
from typing import Any

import httpx
import pytest

SEED_TEXT = Path("seeds/documents/kz-kg-interregional-forum-taraz.txt")


async def first(client: httpx.AsyncClient, path: str, **params: Any) -> dict[str, Any]:
    items: list[dict[str, Any]] = (await client.get(path, params=params)).json()["items"]
    return items[0]


async def cite(client: httpx.AsyncClient, path: str) -> httpx.Response:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    return response


async def test_the_2022_figure(client: httpx.AsyncClient) -> None:
    figure = await first(client, "/turnover", year=2022)

    response = await cite(client, f"/turnover/{figure['id']}/citation")

    body = response.json()
    assert body["subject"] == "Kazakhstan–Kyrgyzstan trade turnover"
    assert body["text"] == (
        "nearly 19% growth, to about $1.3 billion in 2022, "
        "according to the Prime Minister’s press service (Kazakhstan)"
    )
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert text[body["char_start"] : body["char_end"]] == body["quote"]
    assert body["document"]["url"] is None
    assert "link" not in response.headers  # the seed release has no known address
    [csl] = body["csl"]
    assert csl["id"] == f"tradestat-document-{body['document']['id']}"
    assert csl["type"] == "article"
    assert csl["title"] == body["document"]["title"]
    assert "issued" not in csl


async def test_the_january_july_figure(client: httpx.AsyncClient) -> None:
    figure = await first(client, "/turnover", year=2023)

    body = (await cite(client, f"/turnover/{figure['id']}/citation")).json()

    assert body["text"] == (
        "13% growth, to $757 million in January-July 2023, "
        "according to the Prime Minister’s press service (Kazakhstan)"
    )


async def test_the_target(client: httpx.AsyncClient) -> None:
    target = await first(client, "/targets")

    body = (await cite(client, f"/targets/{target['id']}/citation")).json()

    assert body["subject"] == "Kazakhstan–Kyrgyzstan trade target"
    assert body["text"] == (
        "a target of $2 billion in trade turnover, "
        "set by the Presidents of Kazakhstan and the Kyrgyz Republic"
    )


async def test_the_agreements(client: httpx.AsyncClient) -> None:
    package = await first(client, "/agreements", kind="commercial_contracts")
    protocol = await first(client, "/agreements", kind="protocol")

    package_text = (await cite(client, f"/agreements/{package['id']}/citation")).json()["text"]
    protocol_text = (await cite(client, f"/agreements/{protocol['id']}/citation")).json()["text"]

    assert package_text == (
        "commercial documents worth nearly $65 million, "
        "signed at the First Kazakh-Kyrgyz Interregional Forum in Taraz"
    )
    assert protocol_text == (
        "Protocol of the 11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"
    )


@pytest.mark.usefixtures("other_sources")
async def test_a_source_with_an_address_is_linked_as_cite_as(client: httpx.AsyncClient) -> None:
    figure = await first(client, "/turnover", year=2021, reporter="KGZ")

    response = await cite(client, f"/turnover/{figure['id']}/citation")

    assert response.headers["link"] == (
        '<https://stat.example.kg/releases/trade-kazakhstan-2023>; rel="cite-as"'
    )
    body = response.json()
    assert body["text"] == (
        "$1.02 billion in 2021, according to the National Statistical Committee "
        "of the Kyrgyz Republic"
    )
    [csl] = body["csl"]
    assert csl["issued"] == {"date-parts": [[2023, 3, 14]]}
    assert csl["publisher"] == "National Statistical Committee of the Kyrgyz Republic"
    assert csl["URL"] == "https://stat.example.kg/releases/trade-kazakhstan-2023"


@pytest.mark.parametrize(
    "path", ["/turnover/999999/citation", "/targets/999999/citation", "/agreements/999999/citation"]
)
async def test_citing_nothing_is_404(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
