"""JSON bodies encoded once, by orjson, for routes that hand back plain rows."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import orjson
from fastapi import Response


def _default(value: object) -> int | float:
    # The same rule as app.schemas.JsonNumber: exact in the service, a plain number outside.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode(content: Any) -> bytes:
    return orjson.dumps(content, default=_default)


def json_response(content: Any, headers: Mapping[str, str] | None = None) -> Response:
    """The route's response_model documents the shape; these bytes are written directly."""
    return Response(encode(content), media_type="application/json", headers=headers)
