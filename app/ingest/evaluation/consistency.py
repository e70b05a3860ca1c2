"""A gold file against its articles: each entry has its article, each article its entry,
and each quote is in its article's body (the quote is what --explain reads amounts in)."""

from collections.abc import Sequence
from pathlib import Path

from app.ingest.evaluation.articles import release_text
from app.ingest.evaluation.gold import GoldArticle, GoldError, GoldFact
from app.ingest.extract import read_document


def check_against_articles(docs_dir: Path, gold_path: Path, articles: list[GoldArticle]) -> None:
    """Raise a GoldError listing every entry and quote that does not fit the articles."""
    listed = {a.file for a in articles}
    problems = [
        f"{gold_path}: {i}.file: no such article in {docs_dir}: {a.file}"
        for i, a in enumerate(articles)
        if not (docs_dir / a.file).is_file()
    ]
    problems += [
        f"{gold_path}: no entry for {p.name}"
        for p in sorted(docs_dir.glob("*.txt"))
        if p.name not in listed
    ]
    for index, article in enumerate(articles):
        problems += _quotes_not_in_body(docs_dir, gold_path, index, article)
    if problems:
        raise GoldError(problems)


def _quotes_not_in_body(
    docs_dir: Path, gold_path: Path, index: int, article: GoldArticle
) -> list[str]:
    try:
        raw = (docs_dir / article.file).read_text(encoding="utf-8")
        body = read_document(release_text(raw)).text
    except (OSError, UnicodeDecodeError, ValueError):
        return []  # a missing article is listed above; an unreadable one when it is drafted
    facts: dict[str, Sequence[GoldFact]] = {
        "turnover": article.turnover,
        "targets": article.targets,
        "agreements": article.agreements,
    }
    return [
        f"{gold_path}: {index}.{kind}.{n}.quote: not in the body of {article.file}"
        for kind, items in facts.items()
        for n, fact in enumerate(items)
        if fact.quote not in body
    ]
