"""Reading a gold file and its articles: one clear line per problem, never a traceback."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.ingest.evaluation import GoldError, load_gold
from app.ingest.evaluation.articles import draft, release_text
from tests.ingest.eval_cases import gold_agreement, gold_figure, gold_target

BODY = "Trade between Kazakhstan and Uzbekistan reached $4.1 billion last year, up 9%.\n"


def write_gold(tmp_path: Path, entries: Any) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    return caught.value.problems


def test_every_problem_gets_a_line_with_its_place(tmp_path: Path) -> None:
    bad_end = gold_figure(end="2023-13-45")
    bad_count = {**gold_agreement(), "count": "many"}
    entries = [{"file": "01.txt"}, {"file": "02.txt", "turnover": [gold_figure(), bad_end]}]
    entries.append({"file": "03.txt", "agreements": [bad_count]})
    path = write_gold(tmp_path, entries)
    lines = problems(path)
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}: 1.turnover.1.period_end: Input should be a valid date")
    assert lines[1].startswith(f"{path}: 2.agreements.0.count: Input should be a valid integer")


@pytest.mark.parametrize(
    ("entry", "place"),
    [
        ({"file": "01.txt", "turnover": [gold_figure(vaule_usd=5)]}, "0.turnover.0.vaule_usd"),
        ({"file": "01.txt", "targets": [gold_target(kind="hope")]}, "0.targets.0.kind"),
        ({"file": "01.txt", "turnover": [gold_figure(flow="re-export")]}, "0.turnover.0.flow"),
        ({"file": "01.txt", "turnover": [{"countries": ["KAZ"]}]}, "0.turnover.0.countries"),
        ({"turnover": []}, "0.file"),
        (
            {"file": "01.txt", "agreements": [{"quote": "x", "count": 2}]},
            "0.agreements.0.value_usd",
        ),
    ],
)
def test_unknown_misspelt_or_missing_fields_are_errors(
    tmp_path: Path, entry: dict[str, Any], place: str
) -> None:
    path = write_gold(tmp_path, [entry])
    assert any(line.startswith(f"{path}: {place}: ") for line in problems(path))


def test_a_period_that_ends_before_it_starts_is_an_error(tmp_path: Path) -> None:
    path = write_gold(tmp_path, [{"file": "01.txt", "turnover": [gold_figure(end="2022-12-31")]}])
    [line] = problems(path)
    assert line.startswith(f"{path}: 0.turnover.0: ")
    assert "before it starts" in line


def test_annotations_that_are_not_scored_are_allowed(tmp_path: Path) -> None:
    entry = {
        "file": "01.txt",
        "source": "https://example.org/a",
        "article_date": "2024-02-12",
        "notes": "a note",
        "turnover": [gold_figure(flow="import", period_label="2023", notes="n", growth_pct=9)],
        "targets": [gold_target(by_year=2030, kind="aspiration", notes="n")],
        "agreements": [
            {
                **gold_agreement(count=3),
                "description": "three accords",
                "notes": "n",
                "parties": ["KAZ", "UZB"],
                "party_entities": [{"name": "a ministry"}],
                "kind": "memorandum",
            }
        ],
    }
    [gold] = load_gold(write_gold(tmp_path, [entry]))
    assert gold.article_date == date(2024, 2, 12)
    assert gold.turnover[0].effective_flow == "import"


def test_bad_json_gives_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text('[\n  {"file": "01.txt",}\n]\n', encoding="utf-8")
    [line] = problems(path)
    assert line.startswith(f"{path}:2:")
    assert "invalid JSON" in line


def test_an_article_listed_twice_is_an_error(tmp_path: Path) -> None:
    path = write_gold(tmp_path, [{"file": "01.txt"}, {"file": "01.txt"}])
    assert problems(path) == [f"{path}: 01.txt: listed more than once"]


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("# published: 2024-02-12\n", date(2024, 2, 12)),
        ("# published: unknown\n", None),
        ("# date: 2024-02-12\n", date(2024, 2, 12)),
        ("", None),
    ],
)
def test_the_publication_line_is_read_as_extract_reads_it(
    tmp_path: Path, header: str, published: date | None
) -> None:
    path = tmp_path / "01.txt"
    path.write_text(f"# source: https://example.org/a\n{header}\n{BODY}", encoding="utf-8")
    facts = draft(path).facts
    assert facts is not None
    assert facts.document.published_on == published
    assert facts.document.url == "https://example.org/a"


def test_an_unknown_date_line_is_dropped_and_the_body_kept() -> None:
    raw = f"# title: A release\n# published: unknown\n\n{BODY}"
    assert release_text(raw) == f"# title: A release\n\n{BODY}"


def test_an_article_that_cannot_be_read_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "01.txt"
    path.write_text(f"# source: not-an-address\n\n{BODY}", encoding="utf-8")
    drafted = draft(path)
    assert drafted.facts is None
    assert drafted.failure is not None
    assert drafted.failure.startswith("01.txt: not drafted: ")


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", "eval", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_lists_gold_problems_and_fails_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "01.txt").write_text(BODY, encoding="utf-8")
    bad = [
        {
            "file": "01.txt",
            "turnover": [gold_figure(end="soon"), {**gold_figure(), "period_start": None}],
        }
    ]
    gold = write_gold(tmp_path, bad)
    result = run_eval("--docs", str(tmp_path), "--gold", str(gold))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{gold}: 0.turnover.0.period_end: Input should be a valid date or datetime, "
        "input is too short",
        f"{gold}: 0.turnover.1.period_start: Input should be a valid date",
    ]


def test_the_command_names_articles_without_gold_and_gold_without_articles(
    tmp_path: Path,
) -> None:
    (tmp_path / "01.txt").write_text(BODY, encoding="utf-8")
    gold = write_gold(tmp_path, [{"file": "02.txt"}])
    result = run_eval("--docs", str(tmp_path), "--gold", str(gold))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{gold}: 0.file: no such article in {tmp_path}: 02.txt",
        f"{gold}: no entry for 01.txt",
    ]


def test_the_command_scores_each_kind(tmp_path: Path) -> None:
    (tmp_path / "01.txt").write_text(f"# published: 2024-02-12\n\n{BODY}", encoding="utf-8")
    figure = gold_figure(
        ("KAZ", "UZB"), 4_100_000_000, flow="turnover", growth_pct=9, quote=BODY.strip()
    )
    gold = write_gold(tmp_path, [{"file": "01.txt", "turnover": [figure]}])
    result = run_eval("--docs", str(tmp_path), "--gold", str(gold))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == (
        "F1 turnover=1.000 flows=1.000 growth=1.000 targets=1.000 agreements=1.000"
    )
    assert [line.split()[0] for line in lines[-7:-1]] == [
        "kind",
        "turnover",
        "flows",
        "growth",
        "targets",
        "agreements",
    ]


def test_a_quote_that_is_not_in_its_article_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "01.txt").write_text(f"# published: unknown\n\n{BODY}", encoding="utf-8")
    figures = [gold_figure(quote=BODY[:40]), gold_figure(quote="Trade fell.")]
    gold = write_gold(tmp_path, [{"file": "01.txt", "turnover": figures}])
    result = run_eval("--docs", str(tmp_path), "--gold", str(gold))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{gold}: 0.turnover.1.quote: not in the body of 01.txt"]
