"""The operations of the OpenAPI document, and requests made from their documented examples.

Tests that must cover every operation iterate the document rather than a hand-kept list,
so that a new route is covered the day it is added.
"""

import re
from dataclasses import dataclass
from typing import Any

from app.config import Settings
from app.main import create_app

DOCUMENT: dict[str, Any] = create_app(Settings(rate_limit="off")).openapi()


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    spec: dict[str, Any]

    @property
    def parameters(self) -> list[dict[str, Any]]:
        return [p for p in self.spec.get("parameters", []) if p["in"] in ("path", "query")]

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(*methods: str) -> list[Operation]:
    """Every operation of the document, or those of these methods."""
    return [
        Operation(method, path, spec)
        for path, by_method in DOCUMENT["paths"].items()
        for method, spec in by_method.items()
        if not methods or method in methods
    ]


def example(parameter: dict[str, Any]) -> Any:
    """The parameter's documented example (Spectral requires one for each)."""
    if "example" in parameter:
        return parameter["example"]
    schema = parameter.get("schema", {})
    examples = parameter.get("examples") or schema.get("examples")
    if isinstance(examples, dict):  # OpenAPI's named examples
        return next(iter(examples.values()))["value"]
    return examples[0]


def url_with(operation: Operation, path_values: dict[str, str] | None = None) -> str:
    """The operation's path with each path parameter set to its example, or to the value
    given for it."""
    values = {p["name"]: str(example(p)) for p in operation.parameters if p["in"] == "path"}
    values.update(path_values or {})
    return re.sub(r"\{(\w+)\}", lambda match: values[match.group(1)], operation.path)


def required_query(operation: Operation) -> dict[str, str]:
    """The required query parameters, each set to its example."""
    return {
        p["name"]: str(example(p))
        for p in operation.parameters
        if p["in"] == "query" and p.get("required")
    }
