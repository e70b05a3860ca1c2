"""The README's examples are what the service answers on the seeded database."""

import json
import re
from pathlib import Path

import httpx
import pytest

README = Path(__file__).resolve().parent.parent / "README.md"

# A `$ curl ... 'URL'` block followed by the block of its answer.
EXAMPLE = re.compile(
    r"```sh\n\$ curl -s '?http://127\.0\.0\.1:8000(?P<path>[^'\s]+)'?\n```\n"
    r"```(?P<kind>json|csv)\n(?P<body>.*?)```",
    re.DOTALL,
)


def examples() -> list[tuple[str, str, str]]:
    found = [(m["path"], m["kind"], m["body"]) for m in EXAMPLE.finditer(README.read_text())]
    assert found, "the README shows no example answers"
    return found


@pytest.mark.parametrize(("path", "kind", "shown"), examples())
async def test_example_is_what_the_service_answers(
    client: httpx.AsyncClient, path: str, kind: str, shown: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 200, response.text
    if kind == "json":
        assert json.loads(shown) == response.json()
    else:
        assert shown.splitlines() == response.text.splitlines()
