"""No hostile input gets a 5xx: every operation of the OpenAPI document, with and without a
valid key, is sent malformed, oversized and odd-typed parameters and ids, forged and
truncated cursors, bad bodies and content types, huge and forged headers, lone surrogates
and control characters. Every answer is below 500, and every 4xx is problem+json.

The operations come from the document, so a new route is attacked the day it is added.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.keys import create_key
from app.http.ids import NO_NUL
from app.paging.cursors import encode_cursor
from tests.openapi_operations import (
    DOCUMENT,
    Operation,
    example,
    operations,
    required_query,
    url_with,
)

# Path values: padding, signs, other numerals, overflow, traversal, control bytes, invalid UTF-8.
PATH_VALUES = [
    "%202",
    "2%20",
    "%0D2",
    "+2",
    "-1",
    "0",
    "00",
    "1.0",
    "1e3",
    "0x1",
    "%EF%BC%92",
    "9" * 30,
    "9" * 5000,
    "%00",
    "%0A",
    "%FF",
    "%ED%A0%80",
    "..%2F..%2Fetc",
    "%25",
    "null",
    "true",
    "[1]",
    "{}",
    "%27%20OR%201%3D1--",
    "%F0%9F%98%80",
]
# Query values, sent percent-encoded exactly as written.
QUERY_VALUES = [
    "",
    "%20",
    "-1",
    "0",
    "-0",
    "1e999999999",
    "NaN",
    "Infinity",
    "-Infinity",
    "9" * 400,
    "%00",
    "%0D%0A",
    "%7F",
    "%FF",
    "%ED%A0%80",
    "%C0%AF",
    "'",
    "%22",
    "%5B%5D",
    "%7B%7D",
    "true",
    "2022-02-30",
    "0000",
    "99999-01-01",
    "2024-01-01T25:00:00Z",
    "a" * 1500,
    "%E2%80%AE",
    "%F0%9F%98%80",
]
HEADER_SETS: list[dict[str, str]] = [
    {"Accept": "*/x;q=abc, ;;, text/csv;q=NaN"},
    {"Accept": "text/csv", "Accept-Encoding": "br;q=2, gzip;q=-1, *;q=x"},
    {"Accept": "image/png"},
    {"If-None-Match": '"' + "x" * 8000 + '"'},
    {"If-None-Match": 'W/, *, "\x7f"'},
    {"If-Modified-Since": "Sun, 99 Foo 99999 99:99:99 GMT"},
    {"If-Modified-Since": "Sat, 01 Jan 0001 00:00:00 GMT"},
    {"X-Request-ID": "x" * 5000},
    {"X-Request-ID": "\x01\x02"},
    {"Origin": "null"},
    {"Range": "bytes=-1-2"},
    {"Authorization": "Bearer " + "k" * 10_000},
    {"Authorization": "Bearer"},
    {"Authorization": "Basic Zm9vOmJhcg=="},
    {"Authorization": "Bearer \x7f\x00junk"},
    {"Authorization": "Bearer ts_" + "A" * 43},
    {"Content-Type": "application/json; charset=utf-32"},
    {"X-Large": "h" * 60_000},
]
BODIES: list[tuple[bytes, str]] = [
    (b"", "application/json"),
    (b"{", "application/json"),
    (b"null", "application/json"),
    (b"[]", "application/json"),
    (b'"text"', "application/json"),
    (b"1e999999", "application/json"),
    (b"[" * 50_000 + b"]" * 50_000, "application/json"),
    (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "application/json"),
    (b"\xff\xfe\x00{", "application/json"),
    (b'{"title": "x"}', "text/plain"),
    (b"title=x&text=y", "application/x-www-form-urlencoded"),
    (
        b'--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--',
        "multipart/form-data; boundary=b",
    ),
    (b"{}", "application/xml"),
    (b"x" * (2 << 20), "application/json"),
]


def forged_cursors(operation: Operation) -> list[str]:
    """Cursors no listing made: junk, truncated, unsigned, signed for other listings."""
    signed = [
        encode_cursor(key, listing)
        for listing in ("/people", "/turnover sort=value", "/countries", operation.path)
        for key in ([1], ["Infinity", 1], ["2022-01-01", "2022-12-31", 2**70], [None], [[1]])
    ]
    truncated = [cursor[: len(cursor) // 2] for cursor in signed[:3]]
    return [*signed, *truncated, ".", "a.b", "%00.%00", "W10", "W10." + "A" * 22, "x" * 600]


@dataclass
class Answers:
    """Every answer of one operation's attack, checked at the end (all failures at once)."""

    failures: list[str] = field(default_factory=list)
    count: int = 0

    def check(self, label: str, response: httpx.Response) -> None:
        self.count += 1
        if response.status_code >= 500:
            self.failures.append(f"{label}: {response.status_code} {response.text[:200]}")
        elif response.status_code >= 400 and response.request.method != "HEAD":
            media_type = response.headers.get("content-type", "")
            if media_type != "application/problem+json":
                self.failures.append(f"{label}: {response.status_code} as {media_type!r}")
            elif response.json().get("status") != response.status_code:
                self.failures.append(f"{label}: problem status {response.json().get('status')}")


def query_string(params: dict[str, str]) -> str:
    return "&".join(f"{quote(name)}={quote(value, safe='')}" for name, value in params.items())


def raw(url: str, params: dict[str, str], extra: str = "") -> str:
    query = "&".join(part for part in (query_string(params), extra) if part)
    return f"{url}?{query}" if query else url


def attacks(operation: Operation) -> Iterator[tuple[str, str, dict[str, str], bytes | None]]:
    """(label, url, headers, body) of each hostile request for this operation."""
    url, required = url_with(operation), required_query(operation)
    base = raw(url, required)
    for parameter in operation.parameters:
        name = parameter["name"]
        if parameter["in"] == "path":
            for value in PATH_VALUES:
                yield (
                    f"path {name}={value[:20]}",
                    raw(url_with(operation, {name: value}), required),
                    {},
                    None,
                )
            continue
        others = {k: v for k, v in required.items() if k != name}
        for value in QUERY_VALUES:
            yield f"query {name}={value[:20]}", raw(url, others, f"{quote(name)}={value}"), {}, None
        repeated = f"{quote(name)}=1&{quote(name)}={quote(str(example(parameter)))}"
        yield f"query {name} repeated", raw(url, others, repeated), {}, None
        yield f"query {name}[]", raw(url, others, f"{quote(name)}[]=1"), {}, None
    if any(p["name"] == "cursor" for p in operation.parameters):
        for cursor in forged_cursors(operation):
            yield f"cursor {cursor[:20]}", raw(url, {**required, "cursor": cursor}), {}, None
    yield "unknown parameters", raw(url, required, "zzz=1&%00=%00&=&&"), {}, None
    yield "query string of 3 KiB", raw(url, required, "pad=" + "p" * 3000), {}, None
    for number, headers in enumerate(HEADER_SETS):
        yield f"headers #{number}", base, headers, None
    if operation.method in ("post", "put", "patch"):
        for number, (body, content_type) in enumerate(BODIES):
            yield f"body #{number}", base, {"Content-Type": content_type}, body
        for label, body in hostile_json_bodies(operation):
            yield f"json {label}", base, {"Content-Type": "application/json"}, body


def body_schema(operation: Operation) -> dict[str, Any]:
    content = operation.spec.get("requestBody", {}).get("content", {})
    schema: dict[str, Any] = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        resolved: dict[str, Any] = DOCUMENT["components"]["schemas"][name]
        return resolved
    return schema


def hostile_json_bodies(operation: Operation) -> Iterator[tuple[str, bytes]]:
    """The documented example with one field at a time made hostile."""
    schema = body_schema(operation)
    valid: dict[str, Any] = dict((schema.get("examples") or [{}])[0])
    odd_values: list[Any] = [
        None,
        0,
        -1,
        1e308,
        10**400,
        True,
        [],
        {},
        "",
        "x \ud800",
        "\udfff",
        "\x00",
        "\r\n\t\x1b[31m",
        "\u202e",
        "0",
        "1970-01-01T00:00:00",
        "x" * 200_000,
    ]
    for name in schema.get("properties", {}):
        for value in odd_values:
            # ensure_ascii writes surrogates as escapes, as a hostile client would send them.
            body = json.dumps({**valid, name: value}).encode()
            yield f"{name}={str(value)[:12]!r}", body
        yield f"{name} missing", json.dumps({k: v for k, v in valid.items() if k != name}).encode()
    yield "extra field", json.dumps({**valid, "id": 1, "__proto__": {}}).encode()


@pytest_asyncio.fixture(loop_scope="session")
async def key(session: AsyncSession) -> str:
    return await create_key(session, "hostile-input")


def test_the_attack_covers_every_operation() -> None:
    attacked = {str(op) for op in operations() if any(True for _ in attacks(op))}

    assert attacked == {str(op) for op in operations()}
    assert len(attacked) >= 20


@pytest.mark.parametrize("with_key", [False, True], ids=["no key", "valid key"])
@pytest.mark.parametrize("operation", operations(), ids=str)
async def test_no_hostile_input_gets_a_5xx(
    client: httpx.AsyncClient, key: str, operation: Operation, with_key: bool
) -> None:
    answers = Answers()
    for label, url, headers, body in attacks(operation):
        if with_key and "Authorization" not in headers:
            headers = {**headers, "Authorization": f"Bearer {key}"}
        response = await client.request(operation.method, url, headers=headers, content=body)
        answers.check(label, response)
        if operation.method == "get" and label.startswith(("headers", "path")):
            answers.check(f"HEAD {label}", await client.head(url, headers=headers))

    assert answers.count > 30
    assert not answers.failures, "\n".join(answers.failures[:30])


def test_free_text_parameters_declare_that_nul_is_refused() -> None:
    """The request limits refuse a NUL (%00) in any query or path with a 400: the document
    says so on every free-text parameter, so a client (or a fuzzer) knows it is invalid."""
    for operation in operations("get"):
        for parameter in operation.parameters:
            schema = parameter["schema"]
            text = next(
                (s for s in schema.get("anyOf", [schema]) if s.get("type") == "string"), None
            )
            if (
                text is None
                or "enum" in text
                or "const" in text
                or ("pattern" in text and "x00" not in text["pattern"])
            ):
                continue
            if parameter["name"] == "cursor":
                continue  # signed: any other value is a 400 anyway
            assert text.get("pattern") == NO_NUL, (str(operation), parameter["name"])


@pytest.mark.parametrize(
    ("path", "name"), [("/events", "kind"), ("/people", "q"), ("/signatories", "person")]
)
async def test_a_nul_in_free_text_is_refused(
    client: httpx.AsyncClient, path: str, name: str
) -> None:
    response = await client.get(f"{path}?{name}=a%00b")

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
