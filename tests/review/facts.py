"""A release of our own words with its fact file, loadable as curated or as extracted."""

import dataclasses
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.bundle import Review, read_bundle
from app.ingest.loader import load_bundles

SLUG = "uz-tj-trade-review-sample"
TEXT = (
    "Trade between Uzbekistan and Tajikistan reached $500 million in January-June 2024, the "
    "Uzbek trade ministry said. Customs data published later put the half-year total at "
    "$512.4 million. Exports from Uzbekistan to Tajikistan came to $300 million in 2023, "
    "and imports from Tajikistan to $200 million. The two governments aim to raise trade "
    "to $2 billion by 2030. Uzbek and Tajik companies signed 12 agreements worth "
    "$150 million. Turkmen officials attended as observers.\n"
)
FACTS = f"""document:
  slug: {SLUG}
  title: Uzbek-Tajik trade in the first half of 2024
  kind: article
  published_on: 2024-07-20
turnover:
  - reporter: UZB
    partner: TJK
    flow: turnover
    period: {{start: 2024-01-01, end: 2024-06-30, label: January-June 2024}}
    value_usd: 500000000
    value_qualifier: exact
    quote: Trade between Uzbekistan and Tajikistan reached $500 million in January-June 2024
  - reporter: UZB
    partner: TJK
    flow: export
    period: {{start: 2023-01-01, end: 2023-12-31, label: "2023"}}
    value_usd: 300000000
    value_qualifier: exact
    quote: Exports from Uzbekistan to Tajikistan came to $300 million in 2023
  - reporter: UZB
    partner: TJK
    flow: import
    period: {{start: 2023-01-01, end: 2023-12-31, label: "2023"}}
    value_usd: 200000000
    value_qualifier: exact
    quote: imports from Tajikistan to $200 million
targets:
  - key: two-billion-by-2030
    countries: [UZB, TJK]
    flow: turnover
    value_usd: 2000000000
    value_qualifier: exact
    target_year: 2030
    quote: The two governments aim to raise trade to $2 billion by 2030.
agreements:
  - key: twelve-agreements
    kind: commercial_contracts
    title: Agreements signed by Uzbek and Tajik companies
    value_usd: 150000000
    value_qualifier: exact
    document_count: 12
    quote: Uzbek and Tajik companies signed 12 agreements worth $150 million.
    parties:
      - {{country: UZB}}
      - {{country: TJK}}
"""


def write_sample(directory: Path) -> Path:
    """The fact file and its text under directory/facts and directory/documents."""
    (directory / "facts").mkdir(parents=True)
    (directory / "documents").mkdir()
    (directory / "documents" / f"{SLUG}.txt").write_text(TEXT, encoding="utf-8")
    facts = directory / "facts" / f"{SLUG}.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    return facts


async def load_sample(
    sessionmaker: async_sessionmaker[AsyncSession], directory: Path, review: Review
) -> None:
    """Load the sample as a curated file would (`reviewed`) or as a draft (`extracted`)."""
    bundle = dataclasses.replace(read_bundle(write_sample(directory)), review=review)
    async with sessionmaker() as session, session.begin():
        await load_bundles(session, [bundle])
