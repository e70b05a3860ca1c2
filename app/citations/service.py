"""Ready-to-use citations: a sentence that keeps the qualifier, the quote, and CSL-JSON."""

from typing import Any

from app.citations.wording import day, growth, usd
from app.countries.reference import mentions_country

CSL_TYPES = {"dataset": "dataset", "article": "article-newspaper"}


def _according_to(
    row: dict[str, Any], attribution: str | None = None, country: tuple[str, str] | None = None
) -> str:
    """', according to X', naming who states the fact: the text's own attribution (with its
    country, unless it names it), else the publisher; nothing when neither is known."""
    if attribution:
        code, name = country or ("", "")
        named = not code or mentions_country(attribution, code)
        return f", according to {attribution}" + ("" if named else f" ({name})")
    return f", according to {row['publisher']}" if row["publisher"] else ""


def turnover_text(row: dict[str, Any]) -> tuple[str, str]:
    figure = row["TurnoverPeriod"]
    pair = f"{row['reporter_name']}–{row['partner_name']}"
    subject = {
        "turnover": f"{pair} trade turnover",
        "export": f"exports from {row['reporter_name']} to {row['partner_name']}",
        "import": f"imports of {row['reporter_name']} from {row['partner_name']}",
    }[figure.flow]
    if figure.value_usd is not None:
        value = usd(figure.value_usd, figure.value_qualifier)
    else:
        value = f"{figure.amount:,} {figure.currency}"
    text = f"{value} in {figure.period_label}"
    if figure.growth_pct is not None:
        text = f"{growth(figure.growth_pct, figure.growth_qualifier)}, to {text}"
    reporter = (figure.reporter_code, row["reporter_name"])
    return subject, text + _according_to(row, figure.attribution, reporter)


def target_text(row: dict[str, Any]) -> tuple[str, str]:
    target = row["Target"]
    subject = f"{row['a_name']}–{row['b_name']} trade target"
    flow = {"turnover": "trade turnover", "export": "exports", "import": "imports"}[target.flow]
    text = f"a target of {usd(target.value_usd, target.value_qualifier)} in {flow}"
    if target.target_year:
        text += f" by {target.target_year}"
    if target.set_by:
        text += f", set by {target.set_by}"
    return subject, text + _according_to(row)


def agreement_text(row: dict[str, Any]) -> tuple[str, str]:
    agreement = row["Agreement"]
    text = agreement.title
    if agreement.kind == "commercial_contracts":
        count = f"{agreement.document_count} " if agreement.document_count else ""
        text = f"{count}commercial documents"
        text += f" worth {usd(agreement.value_usd, agreement.value_qualifier)}"
    if row["event_name"] and row["event_name"].casefold() not in text.casefold():
        text += f", signed at the {row['event_name']}"
    if row["place_name"]:
        text += f" in {row['place_name']}"
    if agreement.signed_on:
        text += f" on {day(agreement.signed_on)}"
    return agreement.kind.replace("_", " "), text + _according_to(row)


def csl(row: dict[str, Any], document_id: int, quote: str, start: int, end: int) -> dict[str, Any]:
    """A CSL-JSON item for the source document, for reference managers."""
    item: dict[str, Any] = {
        "id": f"tradestat-document-{document_id}",
        "type": CSL_TYPES.get(row["document_kind"], "article"),
        "title": row["document_title"],
        "language": row["language"],
        "note": f"“{quote}” (characters {start}–{end})",
    }
    if row["publisher"]:
        item["publisher"] = row["publisher"]
    if row["url"]:
        item["URL"] = row["url"]
    if row["published_on"]:
        published = row["published_on"]
        item["issued"] = {"date-parts": [[published.year, published.month, published.day]]}
    return item


def citation(row: dict[str, Any], fact: Any, subject: str, text: str) -> dict[str, Any]:
    return {
        "subject": subject,
        "text": text,
        "quote": fact.quote,
        "char_start": fact.char_start,
        "char_end": fact.char_end,
        "document": {
            "id": fact.document_id,
            "title": row["document_title"],
            "publisher": row["publisher"],
            "url": row["url"],
            "published_on": row["published_on"],
        },
        "csl": [csl(row, fact.document_id, fact.quote, fact.char_start, fact.char_end)],
    }
