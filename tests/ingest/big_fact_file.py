"""A generated document with thousands of monthly figures: a load that takes a while."""

from pathlib import Path

import yaml

PARTNERS = ("KGZ", "UZB", "TJK", "TKM", "RUS", "CHN", "TUR", "DEU", "ITA", "KOR")


def write_big_fact_file(seeds: Path, years: range = range(2015, 2025)) -> Path:
    """seeds/documents/<slug>.txt and seeds/facts/<slug>.yaml; returns the fact file."""
    slug = "generated-monthly-trade"
    sentences: list[str] = []
    figures: list[dict[str, object]] = []
    for partner in PARTNERS:
        for year in years:
            for month in range(1, 13):
                value = 1_000_000 + len(figures) * 1000
                quote = f"In {year}-{month:02d}, trade with {partner} reached ${value}."
                sentences.append(quote)
                end_day = 28 if month == 2 else 30
                figures.append(
                    {
                        "reporter": "KAZ",
                        "partner": partner,
                        "flow": "turnover",
                        "period": {
                            "start": f"{year}-{month:02d}-01",
                            "end": f"{year}-{month:02d}-{end_day}",
                            "label": f"{year}-{month:02d}",
                        },
                        "value_usd": value,
                        "value_qualifier": "exact",
                        "quote": quote,
                    }
                )
    (seeds / "documents").mkdir(parents=True, exist_ok=True)
    (seeds / "facts").mkdir(parents=True, exist_ok=True)
    (seeds / "documents" / f"{slug}.txt").write_text(" ".join(sentences) + "\n")
    facts = {
        "document": {
            "slug": slug,
            "title": "Generated monthly trade figures",
            "kind": "dataset",
            "publisher": None,
            "url": None,
            "published_on": None,
        },
        "turnover": figures,
    }
    path = seeds / "facts" / f"{slug}.yaml"
    path.write_text(yaml.safe_dump(facts, sort_keys=False))
    return path
