"""Articles as `tradestat extract` reads them, and the facts it drafts from each."""

import re
from dataclasses import dataclass
from pathlib import Path

from app.ingest.extract import read_document
from app.ingest.facts import FactFile
from app.ingest.ingest import draft_bundle
from app.ingest.problems import FixtureError

# A corpus header may say '# published: unknown' (or give '# date:'); the documented
# header of a release is '# published: YYYY-MM-DD', and no line means no date.
_HEADER = re.compile(r"#\s*(?P<key>date|published)\s*:\s*(?P<value>.*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Drafted:
    """The facts drafted from one article, or why there are none."""

    facts: FactFile | None
    failure: str | None = None


def release_text(raw: str) -> str:
    """The article with its date line in the documented form, or without it when unknown."""
    lines = raw.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if not line.startswith("#"):
            break
        header = _HEADER.fullmatch(line.rstrip("\r\n"))
        if header is None:
            continue
        date = _ISO_DATE.match(header["value"])
        lines[index] = f"# published: {date.group()}\n" if date else ""
    return "".join(lines)


def draft(path: Path) -> Drafted:
    """Draft an article exactly as `tradestat extract` would, reading its header first."""
    try:
        document = read_document(release_text(path.read_text(encoding="utf-8")))
        bundle = draft_bundle(
            document.text,
            origin=path,
            title=document.title,
            url=document.url,
            published_on=document.published_on,
        )
    except (OSError, UnicodeDecodeError, ValueError, FixtureError) as exc:
        return Drafted(None, f"{path.name}: not drafted: {exc}")
    return Drafted(bundle.facts)
