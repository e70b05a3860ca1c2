"""JSON bodies encoded once, by orjson, for routes that hand back plain rows."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import orjson
from fastapi import Response

from app.http.schemas import json_number


def _default(value: object) -> int | float:
    # The rule of app.http.schemas.JsonNumber: exact in the service, a plain number outside.
    if isinstance(value, Decimal):
        return json_number(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode(content: Any) -> bytes:
    return orjson.dumps(content, default=_default)


def json_response(content: Any, headers: Mapping[str, str] | None = None) -> Response:
    """The route's response_model documents the shape; these bytes are written directly."""
    return Response(encode(content), media_type="application/json", headers=headers)
