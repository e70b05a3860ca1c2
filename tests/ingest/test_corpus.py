"""The extractor against the project's own hand-labelled corpus, and the report of a run."""

from pathlib import Path

import pytest
import yaml

from app.ingest.evaluation import KINDS, EvaluationReport, evaluate, format_report, load_gold
from app.ingest.extract import dump_fact_file, extract_facts, read_document
from app.ingest.facts import FactFile

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLD = CORPUS / "gold.json"
SEED = (
    Path(__file__).resolve().parents[2]
    / "seeds"
    / "documents"
    / "kz-kg-interregional-forum-taraz.txt"
)
# Measured F1 on this corpus, less 0.02: a regression in any kind fails.
FLOORS = {"turnover": 0.98, "flows": 0.98, "growth": 0.98, "targets": 0.98, "agreements": 0.98}


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate(CORPUS, GOLD)


def test_corpus_scores(report: EvaluationReport) -> None:
    scores = {kind: round(score.f1, 3) for kind, score in report.scores.items()}
    below = {kind: f1 for kind, f1 in scores.items() if f1 < FLOORS[kind]}
    assert not below, format_report(report, explain=True)


def test_every_kind_is_scored(report: EvaluationReport) -> None:
    assert set(FLOORS) == set(KINDS)
    assert all(score.gold > 0 for score in report.scores.values()), report.scores


def test_report_ends_with_the_scores(report: EvaluationReport) -> None:
    lines = format_report(report).splitlines()
    table = lines[-7:]
    assert table[0].split() == ["kind", "P", "R", "F1", "gold", "found", "matched"]
    assert [line.split()[0] for line in table[1:6]] == list(KINDS)
    assert table[6] == "F1 " + " ".join(
        f"{kind}={score.f1:.3f}" for kind, score in report.scores.items()
    )


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(files) >= 24
    assert sorted(g.file for g in load_gold(GOLD)) == files
    assert (CORPUS / "01.txt").read_bytes() == SEED.read_bytes()


def test_gold_quotes_are_in_their_documents() -> None:
    for gold in load_gold(GOLD):
        text = read_document((CORPUS / gold.file).read_text(encoding="utf-8")).text
        for fact in [*gold.turnover, *gold.targets, *gold.agreements]:
            assert fact.quote in text, (gold.file, fact.quote)


def test_gold_dates_repeat_the_publication_line() -> None:
    for gold in load_gold(GOLD):
        document = read_document((CORPUS / gold.file).read_text(encoding="utf-8"))
        assert gold.article_date == document.published_on, gold.file


def test_gold_labels_every_flow() -> None:
    flows = [t.flow for gold in load_gold(GOLD) for t in gold.turnover]
    assert None not in flows
    assert {"turnover", "export", "import"} <= set(flows)


def test_corpus_documents_are_release_sized() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        words = len(read_document(path.read_text(encoding="utf-8")).text.split())
        assert 120 <= words <= 500, (path.name, words)


def test_every_corpus_fact_file_round_trips_and_quotes_its_text() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        document = read_document(path.read_text(encoding="utf-8"))
        facts = extract_facts(
            document.text, slug=f"corpus-{path.stem}", published_on=document.published_on
        )
        assert FactFile.model_validate(yaml.safe_load(dump_fact_file(facts))) == facts
        quotes = [f.quote for f in facts.turnover] + [f.quote for f in facts.targets]
        quotes += [f.quote for f in facts.agreements] + [f.quote for f in facts.events]
        quotes += [p.quote for person in facts.people for p in person.positions]
        assert all(quote in document.text for quote in quotes), path.name
        keys = {p.key for p in facts.people}
        assert all(set(e.attendees) <= keys for e in facts.events), path.name
        signers = {s.person for a in facts.agreements for s in a.signatories if s.person}
        assert signers <= keys, path.name
