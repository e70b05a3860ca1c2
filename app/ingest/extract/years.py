"""The year of a period the sentence leaves open ("In January-July, ...", "last year")."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.ingest.extract.periods import PeriodMention


@dataclass(frozen=True)
class YearClue:
    """An explicit year written next to a figure somewhere in the document."""

    year: int
    full_year: bool
    paragraph: int
    position: int


class YearResolver:
    """Settles open years from the document's explicit years and its publication date.

    In order: a part of a year that follows a full-year figure in the same paragraph is the
    next year's year-to-date ("In 2022, ... In January-July, ..." is 2023); otherwise the
    latest year written earlier; otherwise the publication year (the year before when the
    period would not have ended yet). With a publication date, a guess must be consistent
    with it: not in the future, and not older than the year before publication.
    """

    def __init__(self, clues: Sequence[YearClue], published: date | None) -> None:
        self._clues = sorted(clues, key=lambda c: c.position)
        self._published = published

    def resolve(
        self, mention: PeriodMention, paragraph: int, position: int
    ) -> tuple[int, bool] | None:
        """(year, inferred), or None when nothing in the document settles it."""
        if mention.year is not None:
            return mention.year, False
        if mention.relative is not None and mention.full_year:
            context = self._context_year()
            return (context + mention.relative, True) if context is not None else None
        if mention.relative == 0 and self._published is not None:
            return self._published.year, True
        if mention.relative == -1:
            context = self._context_year()
            return (context - 1, True) if context is not None else None
        earlier = [c for c in self._clues if c.position < position]
        same_paragraph = [c.year for c in earlier if c.paragraph == paragraph and c.full_year]
        candidates: list[int] = []
        if same_paragraph and not mention.full_year:
            candidates.append(max(same_paragraph) + 1)
        if earlier:
            candidates.append(max(c.year for c in earlier))
        for year in candidates:
            if self._consistent(mention, year):
                return year, True
        if self._published is not None:
            return self._publication_year(mention), True
        if self._clues:
            return max(c.year for c in self._clues), True
        return None

    def _context_year(self) -> int | None:
        """The year the text is written in: its publication year, else its latest year."""
        if self._published is not None:
            return self._published.year
        return max((c.year for c in self._clues), default=None)

    def _consistent(self, mention: PeriodMention, year: int) -> bool:
        published = self._published
        if published is None:
            return True
        return published.year - 1 <= year and _end(year, mention) <= _month_end(published)

    def _publication_year(self, mention: PeriodMention) -> int:
        published = self._published
        assert published is not None
        if _end(published.year, mention) <= _month_end(published):
            return published.year
        return published.year - 1


def _end(year: int, mention: PeriodMention) -> date:
    return date(year, mention.last_month, calendar.monthrange(year, mention.last_month)[1])


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
