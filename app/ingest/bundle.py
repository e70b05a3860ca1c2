"""A fact file with its document text, validated before anything touches the database."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from app.ingest.facts import FactFile
from app.ingest.problems import FixtureError
from app.ingest.yaml_lines import line_of, load_with_lines

Review = Literal["extracted", "reviewed"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class FactBundle:
    """Everything one load needs about one document, checked."""

    facts_path: Path
    facts: FactFile
    text: str
    sha256: str
    content_sha256: str
    spans: dict[str, Span]  # quote -> where it first occurs in text
    lines: dict[tuple[str | int, ...], int]
    # `reviewed` for a curated fact file, `extracted` for the extractor's draft.
    review: Review

    def span(self, quote: str) -> Span:
        return self.spans[quote]

    def error(self, path: tuple[str | int, ...], problem: str) -> FixtureError:
        return FixtureError(
            self.facts_path, problem, line=line_of(self.lines, path), fact=fact_name(path)
        )


def fact_name(path: tuple[Any, ...]) -> str | None:
    """'turnover[1].value_usd' for ('turnover', 1, 'value_usd')."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or None


def _quoted_paths(facts: FactFile) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    for kind in ("events", "turnover", "targets", "agreements"):
        for index, fact in enumerate(getattr(facts, kind)):
            found.append(((kind, index, "quote"), fact.quote))
    for p_index, person in enumerate(facts.people):
        for index, position in enumerate(person.positions):
            found.append((("people", p_index, "positions", index, "quote"), position.quote))
    return found


def read_bundle(facts_path: Path, text_path: Path | None = None) -> FactBundle:
    """Parse and validate a fact file; its text is documents/<slug>.txt beside facts/ by default."""
    raw = _read(facts_path, facts_path)
    try:
        data, lines = load_with_lines(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise FixtureError(facts_path, f"not valid YAML: {exc}", line=line) from exc
    if not isinstance(data, dict):
        raise FixtureError(facts_path, "a fact file is a mapping with a `document` key", line=1)
    try:
        facts = FactFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        bad = f" (got {first['input']!r})" if not isinstance(first["input"], dict | list) else ""
        raise FixtureError(
            facts_path, f"{first['msg']}{bad}", line=line_of(lines, loc), fact=fact_name(loc)
        ) from exc

    if text_path is None:
        text_path = facts_path.parent.parent / "documents" / f"{facts.document.slug}.txt"
    text = _read(text_path, facts_path)
    return bundle_of(
        facts, text, facts_path, raw, lines, text_name=text_path.name, review="reviewed"
    )


def bundle_of(
    facts: FactFile,
    text: str,
    origin: Path,
    raw: str | None = None,
    lines: dict[tuple[str | int, ...], int] | None = None,
    text_name: str = "the document",
    *,
    review: Review,
) -> FactBundle:
    """Check facts against their text: every quote must occur in it verbatim."""
    lines = lines or {}
    if not text.strip():
        raise FixtureError(origin, f"{text_name} is empty", line=1)
    spans: dict[str, Span] = {}
    for path, quote in _quoted_paths(facts):
        start = text.find(quote)
        if start < 0:
            raise FixtureError(
                origin,
                f"quote not found verbatim in {text_name}: {quote[:80]!r}",
                line=line_of(lines, path),
                fact=fact_name(path[:-1]),
            )
        spans[quote] = Span(start, start + len(quote))
    sha = hashlib.sha256(text.encode()).hexdigest()
    described = raw if raw is not None else facts.model_dump_json()
    content = hashlib.sha256(text.encode() + b"\0" + described.encode()).hexdigest()
    return FactBundle(origin, facts, text, sha, content, spans, lines, review)


def _read(path: Path, facts_path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FixtureError(facts_path, f"file not found: {path}") from exc
    except UnicodeDecodeError as exc:
        raise FixtureError(path, f"not UTF-8 text: {exc}") from exc
