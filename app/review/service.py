"""Checks shared by the corrections of figures, targets and agreements."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.queries import find_country
from app.http.problems import InvalidParameter, NotFound
from app.models import Country, CountryAlias, Document
from app.models.base import Evidence
from app.review.schemas import Correction
from app.review.support import names_any, states_amount, states_year

Fact = TypeVar("Fact", bound=Evidence)


@dataclass(frozen=True)
class Citation:
    """The document a fact cites, and the quote its corrected version will cite."""

    text: str
    quote: str
    char_start: int
    char_end: int

    def columns(self) -> dict[str, object]:
        return {"quote": self.quote, "char_start": self.char_start, "char_end": self.char_end}


async def citation(session: AsyncSession, fact: Evidence, correction: Correction) -> Citation:
    """The fact's quote, or the new one the correction gives if the document contains it."""
    text = await session.scalar(select(Document.text).where(Document.id == fact.document_id))
    assert text is not None  # the foreign key holds
    if correction.quote is None:
        return Citation(text, fact.quote, fact.char_start, fact.char_end)
    start = text.find(correction.quote)
    if start < 0:
        raise InvalidParameter("body.quote", "not found verbatim in the document")
    return Citation(text, correction.quote, start, start + len(correction.quote))


async def fact_to_correct(
    session: AsyncSession, model: type[Fact], fact_id: int, what: str, correction: Correction
) -> tuple[Fact, Citation]:
    """The fact, locked until the transaction ends, and the quote its new version will cite;
    a 404 or 422 problem when there is none or nothing to do."""
    fact = await session.get(model, fact_id, with_for_update=True)
    if fact is None:
        raise NotFound(what, fact_id)
    require_given(correction)
    return fact, await citation(session, fact, correction)


async def apply_correction(
    session: AsyncSession,
    fact: Evidence,
    cited: Citation,
    correction: Correction,
    changes: dict[str, Any],
    key_name: str,
) -> None:
    """Write the checked changes, the quote they rest on, the review status and the key."""
    review = {"review": review_of(correction), "changed_by": key_name}
    for name, value in {**changes, **cited.columns(), **review}.items():
        setattr(fact, name, value)
    await session.flush()


def require_given(correction: Correction) -> None:
    """Something to do, and no corrected field set to null."""
    if correction.review is None and not correction.model_fields_set - {"review"}:
        raise InvalidParameter("body", "give `review` or a field to correct")
    for field in sorted(correction.corrections()):
        if getattr(correction, field) is None:
            raise InvalidParameter(f"body.{field}", "a correction cannot be null")


def review_of(correction: Correction) -> str:
    """A curator's correction is a check: `reviewed` unless the request says otherwise."""
    return correction.review or "reviewed"


def require_amount(cited: Citation, field: str, value: Decimal) -> None:
    if not states_amount(cited.quote, value):
        raise InvalidParameter(
            f"body.{field}", f"the quote does not state {value:f}: {cited.quote!r}"
        )


def require_year(cited: Citation, field: str, year: int) -> None:
    if not states_year(cited.quote, year):
        raise InvalidParameter(f"body.{field}", f"the quote does not write the year {year}")


async def named_country(session: AsyncSession, cited: Citation, field: str, ref: str) -> str:
    """The ISO3 code of a corrected country, which the document must name."""
    code = await find_country(session, ref)
    if code is None:
        raise InvalidParameter(f"body.{field}", f"unknown country {ref!r}")
    names = select(Country.name).where(Country.alpha3 == code)
    official = select(Country.official_name).where(
        Country.alpha3 == code, Country.official_name.is_not(None)
    )
    aliases = select(CountryAlias.alias).where(CountryAlias.country_code == code)
    known = [str(name) for name in await session.scalars(union_all(names, official, aliases))]
    if not names_any(cited.text, known):
        raise InvalidParameter(f"body.{field}", f"the document does not name {code}")
    return code
