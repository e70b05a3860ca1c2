"""A document file: optional metadata lines at the top, then the body text."""

import re
from dataclasses import dataclass
from datetime import date

# Only these keys count as metadata, and only in the leading lines of the file.
_META = re.compile(r"^#\s*(source|title|published)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class SourceDocument:
    """The body `text` is stored as is: every quote is a substring of it."""

    text: str
    url: str | None = None
    title: str | None = None
    published_on: date | None = None


def read_document(raw: str) -> SourceDocument:
    """Split a document file into its metadata header and its body."""
    lines = raw.splitlines(keepends=True)
    meta: dict[str, str] = {}
    consumed = 0
    for line in lines:
        if not line.strip():
            consumed += 1
            continue
        match = _META.match(line.rstrip("\r\n"))
        if match is None:
            break
        key, value = match.group(1), match.group(2)
        if key in meta:
            raise ValueError(f"metadata line '{key}' is given twice")
        meta[key] = value
        consumed += 1
    body = "".join(lines[consumed:]).rstrip()
    url = meta.get("source") or None
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise ValueError(f"'# source:' needs an http(s) address, got {url!r}")
    published = meta.get("published") or None
    try:
        published_on = date.fromisoformat(published) if published else None
    except ValueError as exc:
        raise ValueError(f"'# published:' needs a YYYY-MM-DD date, got {published!r}") from exc
    return SourceDocument(
        text=body,
        url=url,
        title=meta.get("title") or None,
        published_on=published_on,
    )
