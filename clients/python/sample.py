"""Fetch /turnover?year=2022 with the generated client and print each figure and its source.

`make clients` generates the client package `clients/python/generated` from the running
server's /openapi.json, installs it with pip and runs: python clients/python/sample.py URL
"""

import sys

from tradestat_client import Client
from tradestat_client.api.turnover import list_turnover
from tradestat_client.models import PageTurnoverItem, Problem


def main(base_url: str) -> int:
    with Client(base_url=base_url, raise_on_unexpected_status=True) as client:
        page = list_turnover.sync(client=client, year=2022)
    if isinstance(page, Problem):
        print(f"{page.status} {page.title}: {page.detail}", file=sys.stderr)
        return 1
    if not isinstance(page, PageTurnoverItem) or not page.items:
        print(f"no figures for 2022: {page!r}", file=sys.stderr)
        return 1
    for figure in page.items:
        print(
            f"{figure.period_label} {figure.reporter}-{figure.partner} {figure.flow}: "
            f"${figure.value_usd} ({figure.value_qualifier}), growth {figure.growth_pct}% "
            f"({figure.growth_qualifier}), between ${figure.value_low_usd} and "
            f"${figure.value_high_usd}"
        )
        print(f"  source: document {figure.source.document_id}, {figure.source.quote!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
