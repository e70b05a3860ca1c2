"""Turnover, export and import figures with their period, growth and country pair."""

import re
from dataclasses import dataclass, replace

from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.countries import distinct
from app.ingest.extract.figure_growth import assign_growths, trade_growths
from app.ingest.extract.figures import Figure, find_figures
from app.ingest.extract.growth import GrowthMention
from app.ingest.extract.pairs import Pair, resolve_pair
from app.ingest.extract.periods import PeriodMention, dated_month, to_period
from app.ingest.extract.topics import mentions_trade
from app.ingest.facts import Period, TurnoverFact

# "during the reporting period": the period of the figures just given.
_THAT_PERIOD = re.compile(
    r"(?i:\b(?:reporting|this|that|the\s+same|the\s+said|specified)\s+period)"
)
# "since the beginning of the year": a period the text does not bound.
_OPEN_PERIOD = re.compile(
    r"(?i:\bsince\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year|\byear-to-date"
    r"|\bso\s+far\s+this\s+year)"
)


@dataclass
class _Carry:
    """The figures just read: their pair and period carry over to figures that omit them."""

    pair: Pair | None = None
    mention: PeriodMention | None = None
    year: int | None = None
    sentence: int = -10
    facts: list[int] | None = None
    facts_sentence: int = -10
    trade_sentence: int = -10
    # A new partner named in a sentence without a figure, for the next sentence only.
    partner: tuple[Pair, int] | None = None
    # "For 8 months of 2021, trade grew by 12.5%.": a rate for the next sentence's figure.
    growth: tuple[GrowthMention, Period, int] | None = None


def extract_turnover(ctx: DocumentContext) -> list[TurnoverFact]:
    """Every trade figure of the document, sentence by sentence, in order."""
    facts: list[TurnoverFact] = []
    carry = _Carry()
    for info in ctx.sentences:
        follows = carry.trade_sentence == info.sentence.index - 1
        figures = find_figures(info, follows_figure=follows)
        if figures or mentions_trade(info.text):
            carry.trade_sentence = info.sentence.index
        follows_facts = carry.facts_sentence == info.sentence.index - 1
        if not figures:
            if follows_facts and not info.amounts:
                _attach_growth(info, info.growths, facts, carry)
            _remember_period(ctx, info, carry, follows_facts=follows_facts)
            _remember_partner(ctx, info, carry)
            continue
        growths = assign_growths(info, figures)
        if follows_facts:
            # "That is 5% less than in the same period of 2022, when it stood at $23.7 billion."
            left = [g for g in info.growths if g not in growths.values()]
            _attach_growth(info, left, facts, carry)
        made = [
            fact
            for figure in figures
            if (fact := _resolve(ctx, info, figure, carry, growths.get(figure.money)))
        ]
        _remember(carry, info, facts, made)
        facts.extend(_with_pending_growth(carry, info, made))
    return facts


def _resolve(
    ctx: DocumentContext,
    info: SentenceInfo,
    figure: Figure,
    carry: _Carry,
    growth: GrowthMention | None,
) -> TurnoverFact | None:
    """The fact of one figure once its pair and dated period are settled, else None."""
    carried = carry.pair
    if carry.partner is not None and carry.partner[1] == info.sentence.index - 1:
        carried = carry.partner[0]
    pair = resolve_pair(ctx, info, figure.money, figure.topic.flow, carried)
    period, year = _period(ctx, info, figure, carry)
    mention = figure.mention
    if mention is not None and year is not None and not mention.base and not figure.months_from:
        # A comparison base is never the period that later figures go on about.
        if period is not None and not mention.end_year:
            # The months read, which may be the year so far rather than the year written.
            mention = replace(mention, first_month=period.start.month, last_month=period.end.month)
        carry.mention, carry.year = mention, year
        carry.sentence = info.sentence.index
    if pair is None or period is None or _not_over(ctx, period):
        return None
    return _fact(ctx, info, figure, pair, period, growth)


def _not_over(ctx: DocumentContext, period: Period) -> bool:
    """A period that ends after the month of publication has no result yet: "may reach $2
    billion this year" is an expectation."""
    published = ctx.published
    if published is None:
        return False
    return (period.end.year, period.end.month) > (published.year, published.month)


def _remember_period(
    ctx: DocumentContext, info: SentenceInfo, carry: _Carry, *, follows_facts: bool
) -> None:
    """ "In January-August, trade grew by 12%. It reached $1.1 billion in this period.": a
    sentence about trade with no figure still names the period the next ones go on about."""
    # A span of years is a change over several years, not the period of the next figures.
    periods = [p for p in info.periods if not (p.base or p.anchored or p.end_year)]
    if len(periods) != 1 or not mentions_trade(info.text):
        return
    mention = dated_month(periods[0], ctx.published)
    if mention is None:
        return
    resolved = ctx.years.resolve(mention, info.sentence.paragraph, info.sentence.start)
    if resolved is not None:
        carry.mention, carry.year = mention, resolved[0]
        carry.sentence = info.sentence.index
        growths = trade_growths(info)
        if len(growths) == 1 and not follows_facts:
            period = to_period(mention, resolved[0], inferred=True)
            carry.growth = (growths[0], period, info.sentence.index)


def _with_pending_growth(
    carry: _Carry, info: SentenceInfo, made: list[TurnoverFact]
) -> list[TurnoverFact]:
    """The rate of the sentence before goes to the one figure of its period that has none."""
    if carry.growth is None or carry.growth[2] != info.sentence.index - 1:
        return made
    growth, period, _ = carry.growth
    same = [
        i
        for i, f in enumerate(made)
        if f.growth_pct is None and (f.period.start, f.period.end) == (period.start, period.end)
    ]
    if len(same) != 1:
        return made
    update = {"growth_pct": growth.pct, "growth_qualifier": growth.qualifier}
    return [f.model_copy(update=update) if i == same[0] else f for i, f in enumerate(made)]


def _remember_partner(ctx: DocumentContext, info: SentenceInfo, carry: _Carry) -> None:
    """ "Ghana also trades with Nigeria. Last year the turnover reached $250 million.": a
    sentence about trade with one new partner of the document's country names the pair."""
    codes = distinct(info.countries)
    if ctx.pair is None or not mentions_trade(info.text):
        return
    partners = [c for c in codes if c not in ctx.pair]
    homes = [c for c in codes if c in ctx.pair]
    if len(partners) == 1 and len(homes) <= 1:
        home = homes[0] if homes else (ctx.reporter if ctx.reporter in ctx.pair else ctx.pair[0])
        carry.partner = ((str(home), partners[0]), info.sentence.index)


def _remember(
    carry: _Carry, info: SentenceInfo, facts: list[TurnoverFact], made: list[TurnoverFact]
) -> None:
    """The pair and the facts of this sentence carry over to the next ones."""
    if not made:
        return
    pairs = {frozenset((f.reporter, f.partner)) for f in made}
    # After a list of partners no single pair carries over.
    carry.pair = (made[0].reporter, made[0].partner) if len(pairs) == 1 else None
    carry.sentence = info.sentence.index
    carry.facts = list(range(len(facts), len(facts) + len(made)))
    carry.facts_sentence = info.sentence.index


def _period(
    ctx: DocumentContext, info: SentenceInfo, figure: Figure, carry: _Carry
) -> tuple[Period | None, int | None]:
    """The dated period of a figure and the year it was read in (None when carried over)."""
    if figure.mention is None:
        return _carried_period(info, carry), None
    mention = dated_month(figure.mention, ctx.published)
    if mention is None:
        return None, None
    position = info.sentence.start + mention.start
    resolved = ctx.years.resolve(mention, info.sentence.paragraph, position)
    if mention.anchored:
        resolved = _year_before(ctx, info, figure.months_from, carry)
    if resolved is None:
        return None, None
    year, inferred = resolved
    months = figure.months_from or (carry.mention if figure.months_from_context else None)
    if months is None and figure.months_from_context:
        return None, None
    months = months or _year_so_far(ctx, mention, year, carry)
    if months is not None:
        same = PeriodMention(mention.start, mention.end, months.first_month, months.last_month,
                             months.kind, year=year)  # fmt: skip
        return to_period(same, year, inferred=inferred), year
    return to_period(mention, year, inferred=inferred), year


def _carried_period(info: SentenceInfo, carry: _Carry) -> Period | None:
    """ "in the reporting period": the period of the figures just read."""
    if carry.mention is None or carry.year is None or _OPEN_PERIOD.search(info.text):
        return None
    if not (_THAT_PERIOD.search(info.text) or carry.sentence >= info.sentence.index - 3):
        return None
    return to_period(carry.mention, carry.year, inferred=True)


def _year_so_far(
    ctx: DocumentContext, mention: PeriodMention, year: int, carry: _Carry
) -> PeriodMention | None:
    """ "$2.4 billion in 2020", published in July 2020: the months of that year read so far."""
    published = ctx.published
    if published is None or not mention.full_year or year != published.year:
        return None
    if published.month == 12 or carry.year != year or carry.mention is None:
        return None
    return None if carry.mention.full_year else carry.mention


def _year_before(
    ctx: DocumentContext, info: SentenceInfo, compared: PeriodMention | None, carry: _Carry
) -> tuple[int, bool] | None:
    """The year of "a year earlier": the one before the figure it is compared with."""
    if compared is not None:
        position = info.sentence.start + compared.start
        resolved = ctx.years.resolve(compared, info.sentence.paragraph, position)
        return (resolved[0] - 1, True) if resolved else None
    return (carry.year - 1, True) if carry.year is not None else None


def _attach_growth(
    info: SentenceInfo, candidates: list[GrowthMention], facts: list[TurnoverFact], carry: _Carry
) -> None:
    """ "Compared to 2022, the figure increased by 14.8 percent." right after a lone figure."""
    indexes = [i for i in carry.facts or [] if facts[i].growth_pct is None]
    trade = trade_growths(info)
    growths = [g for g in candidates if g in trade]
    if len(indexes) != 1 or len(growths) != 1 or len(carry.facts or []) != 1:
        return
    index, growth = indexes[0], growths[0]
    update = {"growth_pct": growth.pct, "growth_qualifier": growth.qualifier}
    facts[index] = facts[index].model_copy(update=update)


def _fact(
    ctx: DocumentContext,
    info: SentenceInfo,
    figure: Figure,
    pair: Pair,
    period: Period,
    growth: GrowthMention | None,
) -> TurnoverFact:
    money = figure.money
    in_usd = money.currency == "USD"
    return TurnoverFact(
        reporter=pair[0],
        partner=pair[1],
        flow=figure.topic.flow,
        period=period,
        value_usd=money.value if in_usd else None,
        amount=None if in_usd else money.value,
        currency=None if in_usd else money.currency,
        value_qualifier=money.qualifier,
        growth_pct=growth.pct if growth else None,
        growth_qualifier=growth.qualifier if growth else None,
        attribution=info.attribution or ctx.attribution,
        quote=info.text,
    )
