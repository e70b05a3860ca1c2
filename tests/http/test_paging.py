"""Keyset pages stay right while rows are inserted between them; Link mirrors next_cursor."""

from datetime import date

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

INSERT = text(
    """
    INSERT INTO turnover_periods (
        reporter_code, partner_code, flow, period_start, period_end, period_label,
        amount, currency, value_usd, value_qualifier, document_id, quote, char_start, char_end
    )
    SELECT 'KAZ', 'KGZ', 'import', day, day, CAST(:label AS text) || g, 1, 'USD', 1, 'exact',
           (SELECT min(id) FROM documents), 'generated', 0, 9
    FROM generate_series(CAST(:first AS int), CAST(:last AS int)) AS g,
         LATERAL (SELECT date '1990-01-01' + g * 20 + CAST(:shift AS int) AS day) AS d
    RETURNING id, period_start
    """
)


async def insert(
    connection: AsyncConnection, first: int, last: int, shift: int, label: str
) -> dict[int, str]:
    rows = await connection.execute(
        INSERT, {"first": first, "last": last, "shift": shift, "label": label}
    )
    return {row.id: row.period_start.isoformat() for row in rows}


async def test_a_walk_with_inserts_between_pages_loses_and_repeats_nothing(
    client: httpx.AsyncClient, connection: AsyncConnection
) -> None:
    existing = await insert(connection, 1, 260, shift=0, label="generated ")
    everything = (await client.get("/turnover", params={"limit": 1000})).json()["items"]
    start = {item["id"]: item["period_start"] for item in everything}
    assert len(start) == 262  # with the two seeded figures

    seen: list[int] = []
    expected_new: set[int] = set()
    url = "/turnover?flow=import&limit=40"
    pages = 0
    while url:
        response = await client.get(url)
        body = response.json()
        pages += 1
        seen += [item["id"] for item in body["items"]]
        if body["next_cursor"] is None:
            assert "link" not in response.headers
            break
        link = response.headers["link"]
        assert link.endswith('>; rel="next"')
        url = link[1 : link.index(">")]
        assert httpx.URL(url).params["cursor"] == body["next_cursor"]
        assert httpx.URL(url).params["flow"] == "import"
        # New rows on both sides of the cursor: those behind it are never seen, those
        # ahead of it are seen once, and no row already listed comes back.
        last = body["items"][-1]["period_start"]
        at = (date.fromisoformat(last) - date(1990, 1, 1)).days // 20
        added = await insert(connection, at - 10, at + 10, shift=pages, label="late ")
        expected_new |= {id_ for id_, day in added.items() if day > last}
        assert min(added.values()) < last < max(added.values())

    assert len(seen) == len(set(seen)), "a row was repeated"
    assert set(existing) <= set(seen), "a row was lost"
    assert set(seen) - set(existing) == expected_new
    assert pages >= 7
