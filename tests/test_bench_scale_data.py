"""The figures bench-scale generates make derived figures, a second source and past versions
exist in the proportions its report claims."""

from collections import Counter
from datetime import date

from bench.scale_data import Documents, records

CODES = ["KAZ", "KGZ", *(f"C{n:02d}" for n in range(40))]
DOCUMENTS = Documents(release=1, revision=2)
COUNT = 50_000


def generated() -> list[dict[str, object]]:
    names = ["id", "reporter", "partner", "flow", "start", "end", "label", "inferred", "amount"]
    names += ["currency", "value", "qualifier", "growth", "growth_qualifier", "document"]
    return [dict(zip(names, row, strict=False)) for row in records(CODES, DOCUMENTS, COUNT, 0)]


def derived_counts(rows: list[dict[str, object]]) -> Counter[str]:
    """How many figures the service derives from these rows, by method."""
    stated = {(r["reporter"], r["partner"], r["flow"], r["start"]) for r in rows}
    found: Counter[str] = Counter()
    for r in rows:
        start = r["start"]
        assert isinstance(start, date)
        prior = (r["reporter"], r["partner"], r["flow"], start.replace(year=start.year - 1))
        if r["growth"] is not None and prior not in stated:
            found["prior_from_growth"] += 1
        if r["flow"] == "export" and (r["reporter"], r["partner"], "turnover", start) not in stated:
            found["sum_of_flows"] += 1
    return found


def test_the_rows_are_as_many_as_asked_with_consecutive_ids() -> None:
    rows = generated()

    assert len(rows) == COUNT
    assert [r["id"] for r in rows] == list(range(1, COUNT + 1))


def test_derived_figures_are_five_to_ten_percent_of_the_rows() -> None:
    found = derived_counts(generated())

    assert found["prior_from_growth"] > 0
    assert found["sum_of_flows"] > 0
    assert 0.05 <= found.total() / COUNT <= 0.10


def test_a_later_release_restates_a_few_percent_of_the_figures() -> None:
    by_document = Counter(r["document"] for r in generated())

    assert 0.01 <= by_document[DOCUMENTS.revision] / COUNT <= 0.03


def test_a_growth_rate_always_has_its_qualifier() -> None:
    for row in generated():
        assert (row["growth"] is None) == (row["growth_qualifier"] is None)
