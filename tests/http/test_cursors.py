"""Cursors are signed: one made by the service works anywhere, an altered one is a 400."""

from collections.abc import Callable

import httpx
import pytest

from app.config import get_settings
from app.errors import BadRequest
from app.pagination import decode_cursor, encode_cursor


def test_a_cursor_round_trips() -> None:
    cursor = encode_cursor(["2022-01-01", 7])

    assert decode_cursor(cursor, (str, int)) == ["2022-01-01", 7]
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
    cursor = encode_cursor([5])

    with pytest.raises(BadRequest):
        decode_cursor(altered(cursor), (int,))


def test_a_cursor_signed_under_another_secret_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    cursor = encode_cursor([5])
    monkeypatch.setenv("CURSOR_SECRET", "another deployment's secret")
    get_settings.cache_clear()
    try:
        with pytest.raises(BadRequest):
            decode_cursor(cursor, (int,))
        assert decode_cursor(encode_cursor([5]), (int,)) == [5]
    finally:
        get_settings.cache_clear()


async def test_a_tampered_next_cursor_is_a_400_problem_not_a_500(
    client: httpx.AsyncClient,
) -> None:
    cursor = (await client.get("/turnover", params={"limit": 1})).json()["next_cursor"]
    payload, _, signature = cursor.partition(".")
    forged = encode_cursor(["2099-01-01", 2**63 - 1]).partition(".")[0] + "." + signature

    for bad in (forged, flip(cursor, 1), payload, cursor + ".x"):
        response = await client.get("/turnover", params={"cursor": bad, "limit": 1})
        assert response.status_code == 400, bad
        assert response.headers["content-type"] == "application/problem+json"
