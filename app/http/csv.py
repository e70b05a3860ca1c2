"""CSV of a listing: the JSON item fields as columns, written while the rows arrive.

Rules, so that a CSV row says exactly what the JSON item says:
- one column per JSON field, in the schema's order; a nested object's fields are
  flattened with `_` (`source` -> `source_document_id`, `source_quote` ...);
- a null (or a null nested object) is an empty field; booleans are `true` / `false`;
  numbers and dates are written as in the JSON;
- a list is JSON-encoded in one field (`["KAZ","KGZ"]`), so any value round-trips;
- RFC 4180: a header row, `\\r\\n` line ends, fields quoted when they need it, UTF-8.
"""

import csv
import io
import json
import types
import typing
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

from pydantic import BaseModel

# Bytes gathered before a chunk is sent: few round trips, little memory.
CHUNK_BYTES = 64 * 1024


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds, directly or as `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [_nested_model(arg) for arg in typing.get_args(annotation)]
        found = [model for model in models if model is not None]
        return found[0] if len(found) == 1 else None
    return None


# Each field of a model: its name, and the same of its model when it holds one.
Layout = list[tuple[str, "Layout | None"]]


def layout(model: type[BaseModel]) -> Layout:
    fields: Layout = []
    for name, field in model.model_fields.items():
        nested = _nested_model(field.annotation)
        fields.append((name, None if nested is None else layout(nested)))
    return fields


def _names(fields: Layout, prefix: str = "") -> list[str]:
    names: list[str] = []
    for name, nested in fields:
        names += [prefix + name] if nested is None else _names(nested, f"{prefix}{name}_")
    return names


def header(model: type[BaseModel]) -> list[str]:
    names = _names(layout(model))
    if len(set(names)) != len(names):
        raise ValueError(f"{model.__name__} flattens to duplicate CSV columns")
    return names


def cell(value: Any) -> str:
    """One JSON value (of model_dump(mode="json")) as CSV text."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is list or kind is dict:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _flatten(data: dict[str, Any], fields: Layout, out: list[str]) -> None:
    for name, nested in fields:
        value = data[name]
        if nested is None:
            out.append(cell(value))
        elif value is None:
            out += [""] * len(_names(nested))
        else:
            _flatten(value, nested, out)


def row(model: type[BaseModel], item: Any, fields: Layout) -> list[str]:
    """The CSV fields of one item, validated by the same schema as its JSON."""
    out: list[str] = []
    _flatten(model.model_validate(item).model_dump(mode="json"), fields, out)
    return out


class _Chunks:
    """A csv.writer over a buffer that is handed out and emptied chunk by chunk."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def write(self, fields: list[str]) -> None:
        self.writer.writerow(fields)

    def take(self, at_least: int = 0) -> bytes | None:
        """What was written since the last take, once there is more than at_least of it."""
        if self.buffer.tell() <= at_least:
            return None
        chunk = self.buffer.getvalue().encode()
        self.buffer.seek(0)
        self.buffer.truncate()
        return chunk


async def csv_stream(model: type[BaseModel], items: AsyncIterator[Any]) -> AsyncIterator[bytes]:
    """The header, then each item's row, as UTF-8 chunks of about CHUNK_BYTES."""
    fields = layout(model)
    chunks = _Chunks()
    chunks.write(header(model))
    async for item in items:
        chunks.write(row(model, item, fields))
        if (chunk := chunks.take(CHUNK_BYTES)) is not None:
            yield chunk
    if (chunk := chunks.take()) is not None:
        yield chunk


def csv_text(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows already in their CSV form, as UTF-8 CSV text, with one writerows.

    Their CSV form: the fields `row` makes, or values csv.writer writes the same way (None
    an empty field, a number its str(), a date its ISO form).
    """
    chunks = _Chunks()
    chunks.writer.writerows(rows)
    return chunks.take() or b""
