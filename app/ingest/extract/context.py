"""A document read once: its sentences with their figures, its country pair, its reporter."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from app.ingest.extract.amounts import Money, find_amounts, find_bare_amounts
from app.ingest.extract.attribution import find_attribution
from app.ingest.extract.countries import CountryMention, distinct, find_countries, joined_pairs
from app.ingest.extract.growth import GrowthMention, find_growths
from app.ingest.extract.periods import PeriodMention, find_periods
from app.ingest.extract.places import city_country
from app.ingest.extract.sentences import Sentence, dateline, split_sentences
from app.ingest.extract.years import YearClue, YearResolver


@dataclass(frozen=True)
class SentenceInfo:
    """A sentence and what it mentions; spans index `sentence.text`."""

    sentence: Sentence
    amounts: list[Money]
    countries: list[CountryMention]
    periods: list[PeriodMention]
    growths: list[GrowthMention]
    attribution: str | None

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True)
class DocumentContext:
    text: str
    title: str
    published: date | None
    sentences: list[SentenceInfo]
    pair: tuple[str, str] | None
    reporter: str | None
    attribution: str | None
    years: YearResolver


def build_context(text: str, title: str, published: date | None) -> DocumentContext:
    """Read `text` once for everything the fact extractors share."""
    every_country = set(distinct(find_countries(title + "\n" + text)))
    infos: list[SentenceInfo] = []
    currency: tuple[int, str] | None = None  # paragraph, the currency the text used last
    for sentence in split_sentences(text):
        amounts = find_amounts(sentence.text, every_country)
        # "$1.1 billion ..., and imports 600 million": a bare figure is in the text's currency.
        same = currency[1] if currency is not None and currency[0] == sentence.paragraph else None
        known = amounts[0].currency if amounts else same
        if known is not None:
            bare = find_bare_amounts(sentence.text, known, amounts)
            amounts = sorted(amounts + bare, key=lambda m: m.start)
        if amounts:
            currency = (sentence.paragraph, amounts[-1].currency)
        spans = [(m.start, m.end) for m in amounts]
        source = find_attribution(sentence.text)
        infos.append(
            SentenceInfo(
                sentence=sentence,
                amounts=amounts,
                countries=find_countries(sentence.text, skip=spans),
                periods=find_periods(sentence.text),
                growths=find_growths(sentence.text),
                attribution=source[0] if source else None,
            )
        )
    pair = main_pair(title, infos)
    return DocumentContext(
        text=text,
        title=title,
        published=published,
        sentences=infos,
        pair=pair,
        reporter=_reporter(text, infos, pair),
        attribution=_lede_attribution(infos),
        years=YearResolver(_year_clues(infos), published),
    )


def main_pair(title: str, infos: list[SentenceInfo]) -> tuple[str, str] | None:
    """The two countries the document is about: most mentioned, the title and lede counting more."""
    scores: Counter[str] = Counter()
    order: list[str] = []
    title_mentions = find_countries(title)
    weighted = [(title_mentions, title, 3)] + [
        (info.countries, info.text, 2 if i == 0 else 1) for i, info in enumerate(infos)
    ]
    for mentions, text, weight in weighted:
        for mention in mentions:
            scores[mention.code] += weight
            if mention.code not in order:
                order.append(mention.code)
        if weight > 1:
            for left, right in joined_pairs(text, mentions):
                scores[left] += 2
                scores[right] += 2
    ranked = sorted(scores, key=lambda code: (-scores[code], order.index(code)))
    # A country named once in passing makes no pair: a roundup of partners has none.
    if len(ranked) < 2 or scores[ranked[1]] < 2:
        return None
    first, second = ranked[0], ranked[1]
    return (first, second) if order.index(first) < order.index(second) else (second, first)


def _reporter(text: str, infos: list[SentenceInfo], pair: tuple[str, str] | None) -> str | None:
    """The country whose officials or statistics speak, when the text shows it."""
    if pair is None:
        return None
    # Sources cited next to figures or in the lede first, then the dateline, then any source.
    cited = [i for n, i in enumerate(infos) if i.attribution and (i.amounts or n < 2)]
    others = [i for i in infos if i.attribution and i not in cited]
    for code in _countries_of(cited):
        if code in pair:
            return code
    lead = dateline(text)
    city = city_country(lead.group("city")) if lead is not None else None
    if city in pair:
        return city
    return next((code for code in _countries_of(others) if code in pair), None)


def _countries_of(infos: list[SentenceInfo]) -> list[str]:
    return [code for i in infos for code in distinct(find_countries(i.attribution or ""))]


def _lede_attribution(infos: list[SentenceInfo]) -> str | None:
    """The source the lede cites ("reported the Prime Minister's press service")."""
    for info in infos[:2]:
        if info.attribution:
            return info.attribution
    return None


def _year_clues(infos: list[SentenceInfo]) -> list[YearClue]:
    """Explicit years written in sentences that carry a figure."""
    clues: list[YearClue] = []
    for info in infos:
        if not (info.amounts or info.growths):
            continue
        for mention in info.periods:
            if mention.year is not None:
                clues.append(
                    YearClue(
                        year=mention.end_year or mention.year,
                        full_year=mention.full_year,
                        paragraph=info.sentence.paragraph,
                        position=info.sentence.start + mention.start,
                    )
                )
    return clues
