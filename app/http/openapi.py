"""The OpenAPI document, completed where FastAPI leaves gaps, so that clients can trust it.

- Nulls: FastAPI drops every null from the document, examples included; a required,
  nullable property missing from an example is put back as null.
- Examples: a property without one takes it from its schema's example, or from the
  same field (same name, same description) of another schema, or from the schema it
  refers to; a schema without one gets one made of its properties' examples.
- Pages: `Page[X]` gets a description.
- Conditional GETs, done by middleware for every GET, are declared on each: the
  `If-None-Match` and `If-Modified-Since` headers, the `ETag`, `Last-Modified`,
  `Cache-Control` and `Vary` of the 200, and the 304.

`.spectral.yaml` checks the result: every schema, property and parameter described and
exemplified, every error a problem+json.
"""

import copy
from collections.abc import Collection
from typing import Any

from fastapi import FastAPI

Json = dict[str, Any]

ETAG_EXAMPLE = '"3-kq3kV0xH8nq5aJ2Y"'
DATE_EXAMPLE = "Sat, 28 Nov 2026 18:00:05 GMT"


def install_openapi(app: FastAPI, uncached_paths: Collection[str]) -> None:
    """Serve FastAPI's document, completed once, at /openapi.json and from app.openapi()."""
    build = app.openapi
    completed: Json | None = None

    def openapi() -> Json:
        nonlocal completed
        if completed is None:
            completed = complete(build(), uncached_paths)
        return completed

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: Json, uncached_paths: Collection[str] = ()) -> Json:
    document = copy.deepcopy(document)
    schemas: dict[str, Json] = document.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if name.startswith("Page_") and "description" not in schema:
            item = name.removeprefix("Page_").removesuffix("_")
            schema["description"] = f"One page of `{item}` items, and the next page's cursor."
    for schema in schemas.values():
        for example in schema.get("examples", []):
            _restore_nulls(example, schema, schemas)
    for _ in range(3):  # a schema exemplified in one round lends examples in the next
        _fill_property_examples(schemas)
        for name in schemas:
            _schema_example(name, schemas)
    for path, operations in document.get("paths", {}).items():
        if "get" in operations and path not in uncached_paths:
            _conditional_get(operations["get"])
    return document


def _nullable(node: Json) -> bool:
    return node.get("type") == "null" or any(o.get("type") == "null" for o in node.get("anyOf", []))


def _restore_nulls(example: Any, schema: Json, schemas: dict[str, Json]) -> None:
    if not isinstance(example, dict):
        return
    properties = schema.get("properties", {})
    for prop in schema.get("required", []):
        if prop not in example and _nullable(properties.get(prop, {})):
            example[prop] = None
    for prop, value in example.items():
        node = properties.get(prop, {})
        target = node.get("items", {}) if node.get("type") == "array" else node
        name = _ref_name(target)
        if name is None:
            continue
        for each in value if isinstance(value, list) else [value]:
            _restore_nulls(each, schemas.get(name, {}), schemas)


def _example(node: Json) -> Any:
    if "example" in node:
        return node["example"]
    examples = node.get("examples")
    return examples[0] if isinstance(examples, list) and examples else None


def _has_example(node: Json) -> bool:
    return "example" in node or bool(node.get("examples"))


def _ref_name(node: Json) -> str | None:
    """The schema a property holds: `$ref`, `anyOf: [$ref, null]`, or an array of them."""
    if "$ref" in node:
        return str(node["$ref"]).rsplit("/", 1)[-1]
    for option in node.get("anyOf", []):
        if "$ref" in option:
            return str(option["$ref"]).rsplit("/", 1)[-1]
    return None


def _fill_property_examples(schemas: dict[str, Json]) -> None:
    # The same field in several schemas (a Detail repeats its Read's fields) shares one.
    known: dict[tuple[str, str], Any] = {}
    for schema in schemas.values():
        own = _example(schema) or {}
        for prop, node in schema.get("properties", {}).items():
            if _has_example(node):
                known[(prop, node.get("description", ""))] = _example(node)
            elif isinstance(own, dict) and prop in own:
                known[(prop, node.get("description", ""))] = own[prop]
    for schema in schemas.values():
        own = _example(schema) or {}
        for prop, node in schema.get("properties", {}).items():
            if _has_example(node):
                continue
            key = (prop, node.get("description", ""))
            if isinstance(own, dict) and prop in own:
                node["examples"] = [own[prop]]
            elif key in known:
                node["examples"] = [known[key]]
            elif (value := _referred_example(node, schemas)) is not None:
                node["examples"] = [value]


def _referred_example(node: Json, schemas: dict[str, Json]) -> Any:
    """The example of the schema a property refers to, as a list for an array of them."""
    if node.get("type") == "array":
        item = _referred_example(node.get("items", {}), schemas)
        return None if item is None else [item]
    for option in node.get("anyOf", []):
        if option.get("type") == "array":
            return _referred_example(option, schemas)
    name = _ref_name(node)
    return None if name is None else _example(schemas.get(name, {}))


def _schema_example(name: str, schemas: dict[str, Json], seen: frozenset[str] = frozenset()) -> Any:
    """The schema's example; made of its properties' examples when it has none."""
    schema = schemas.get(name, {})
    if _has_example(schema) or name in seen:
        return _example(schema)
    made: Json = {}
    for prop, node in schema.get("properties", {}).items():
        if _has_example(node):
            made[prop] = _example(node)
            continue
        target = node.get("items", {}) if node.get("type") == "array" else node
        referred = _ref_name(target)
        if referred is None:
            return None
        value = _schema_example(referred, schemas, seen | {name})
        if value is None:
            return None
        made[prop] = [value] if target is not node else value
    if made:
        schema["examples"] = [made]
    return made or None


def _conditional_get(operation: Json) -> None:
    parameters = operation.setdefault("parameters", [])
    names = {p["name"].lower() for p in parameters}
    for header in CONDITIONAL_HEADERS:
        if header["name"].lower() not in names:
            parameters.append(copy.deepcopy(header))
    responses = operation.setdefault("responses", {})
    success = responses.setdefault("200", {"description": "Successful Response"})
    success.setdefault("headers", {}).update(copy.deepcopy(VALIDATOR_HEADERS))
    responses.setdefault(
        "304",
        {
            "description": "Not Modified: the representation named by `If-None-Match` (or "
            "unchanged since `If-Modified-Since`) is still current; no body.",
            "headers": copy.deepcopy(VALIDATOR_HEADERS),
        },
    )


CONDITIONAL_HEADERS: list[Json] = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "ETag(s) of a representation already held: a 304 with no body while "
        "it is still current.",
        "schema": {"type": "string", "examples": [ETAG_EXAMPLE]},
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "required": False,
        "description": "A 304 when no data changed since this time; ignored with `If-None-Match`.",
        "schema": {"type": "string", "examples": [DATE_EXAMPLE]},
    },
]

VALIDATOR_HEADERS: Json = {
    "ETag": {
        "description": "Strong validator of this representation (data version, request, "
        "format, content coding); absent while the data version is unknown.",
        "schema": {"type": "string", "examples": [ETAG_EXAMPLE]},
    },
    "Last-Modified": {
        "description": "When any loaded data last changed.",
        "schema": {"type": "string", "examples": [DATE_EXAMPLE]},
    },
    "Cache-Control": {
        "description": "How long the answer may be reused (`CACHE_CONTROL`); `no-store` "
        "while the data version is unknown.",
        "schema": {
            "type": "string",
            "examples": ["public, max-age=60, stale-while-revalidate=600"],
        },
    },
    "Vary": {
        "description": "Request headers the representation depends on.",
        "schema": {"type": "string", "examples": ["Accept, Accept-Encoding, Origin"]},
    },
}
