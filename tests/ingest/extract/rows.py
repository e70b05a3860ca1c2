"""A compact view of the figures drafted from a short text, for table-driven tests."""

from datetime import date

from app.ingest.extract import extract_facts

Row = tuple[str, str, str, str, str, int | None]


def figures(text: str, published: date | None = None) -> list[Row]:
    """(reporter, partner, flow, start, end, value_usd) of every figure, in order."""
    facts = extract_facts(text, slug="test-doc", title="", published_on=published)
    return [
        (
            f.reporter,
            f.partner,
            f.flow,
            f.period.start.isoformat(),
            f.period.end.isoformat(),
            int(f.value_usd) if f.value_usd is not None else None,
        )
        for f in facts.turnover
    ]
