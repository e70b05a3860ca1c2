"""The extractor against the hand-labelled corpus, and the scoring that measures it."""

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from app.ingest.evaluate import Score, evaluate, format_report, load_gold
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


@pytest.fixture(scope="module")
def report_text() -> str:
    return format_report(evaluate(CORPUS, GOLD))


def test_corpus_scores() -> None:
    report = evaluate(CORPUS, GOLD)
    assert report.scores["turnover"].f1 >= 0.9, format_report(report)
    assert report.scores["targets"].f1 >= 0.8, format_report(report)
    assert report.scores["agreements"].f1 >= 0.8, format_report(report)


def test_report_lists_scores_and_findings(report_text: str) -> None:
    lines = report_text.splitlines()
    assert lines[0].split() == ["kind", "P", "R", "F1", "gold", "found", "matched"]
    assert [line.split()[0] for line in lines[1:5]] == [
        "turnover",
        "turnover.growth",
        "targets",
        "agreements",
    ]
    assert any(line.startswith("Misses (in gold, not extracted):") for line in lines)
    assert any(line.startswith("False hits (extracted, not in gold):") for line in lines)


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


def test_corpus_documents_are_release_sized() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        words = len(read_document(path.read_text(encoding="utf-8")).text.split())
        assert 120 <= words <= 500, (path.name, words)


def _corpus(tmp_path: Path, text: str, gold: Sequence[object]) -> tuple[Path, Path]:
    (tmp_path / "01.txt").write_text(text, encoding="utf-8")
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path, gold_path


TEXT = (
    "# published: 2024-02-12\n\nTrade between Uzbekistan and Tajikistan reached $612.4 million "
    "last year, up 12%. In January, it amounted to $50 million."
)


def _turnover(start: str, end: str, value: float | None, growth: float | None) -> dict[str, object]:
    return {
        "countries": ["TJK", "UZB"],
        "period_start": start,
        "period_end": end,
        "value_usd": value,
        "growth_pct": growth,
        "approximate": False,
        "quote": "Trade",
    }


def test_values_match_within_half_a_percent(tmp_path: Path) -> None:
    gold = [
        {"file": "01.txt", "turnover": [_turnover("2023-01-01", "2023-12-31", 614_000_000, 12)]}
    ]
    report = evaluate(*_corpus(tmp_path, TEXT, gold))
    assert report.scores["turnover"] == Score(gold=1, extracted=2, matched=1)
    assert report.scores["turnover.growth"] == Score(gold=1, extracted=1, matched=1)
    assert [f.summary for f in report.false_hits] == [
        "UZB-TJK turnover 2024-01-01..2024-01-31 50000000 USD"
    ]


def test_a_value_off_by_more_than_half_a_percent_is_a_miss(tmp_path: Path) -> None:
    gold = [
        {"file": "01.txt", "turnover": [_turnover("2023-01-01", "2023-12-31", 620_000_000, None)]}
    ]
    report = evaluate(*_corpus(tmp_path, TEXT, gold))
    assert report.scores["turnover"].matched == 0
    assert [m.summary for m in report.misses] == ["TJK-UZB 2023-01-01..2023-12-31 620000000 USD"]


def test_wrong_growth_is_scored_apart(tmp_path: Path) -> None:
    gold = [
        {
            "file": "01.txt",
            "turnover": [
                _turnover("2023-01-01", "2023-12-31", 612_400_000, 11.9),
                _turnover("2024-01-01", "2024-01-31", 50_000_000, None),
            ],
        }
    ]
    report = evaluate(*_corpus(tmp_path, TEXT, gold))
    assert report.scores["turnover"].f1 == 1.0
    assert report.scores["turnover.growth"] == Score(gold=1, extracted=1, matched=0)


def test_one_gold_fact_matches_one_extracted_fact(tmp_path: Path) -> None:
    text = (
        "Kazakh and Chinese companies signed 25 documents worth $1.2 billion. "
        "They signed a roadmap."
    )
    agreement = {"value_usd": None, "count": None, "approximate": False, "quote": "roadmap"}
    gold = [{"file": "01.txt", "agreements": [agreement, agreement]}]
    score = evaluate(*_corpus(tmp_path, text, gold)).scores["agreements"]
    assert score == Score(gold=2, extracted=2, matched=1)
    assert (score.precision, score.recall) == (0.5, 0.5)


def test_empty_kinds_score_perfectly() -> None:
    assert (Score(0, 0, 0).precision, Score(0, 0, 0).recall, Score(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert (Score(2, 0, 0).precision, Score(2, 0, 0).f1) == (0.0, 0.0)


def test_documents_need_a_gold_entry(tmp_path: Path) -> None:
    (tmp_path / "02.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(ValueError, match=r"02\.txt"):
        evaluate(*_corpus(tmp_path, TEXT, [{"file": "01.txt"}]))


def test_gold_values_are_decimals() -> None:
    [first, *_] = load_gold(GOLD)
    assert first.turnover[0].value_usd == Decimal(1_300_000_000)


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
