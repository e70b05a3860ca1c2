"""Every SELECT about agreements and their signatories."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, extract, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.models import (
    Agreement,
    AgreementParty,
    AgreementSubject,
    Event,
    Person,
    PersonAlias,
    Place,
    Signatory,
)
from app.paging.keyset import Listing, fetch_page


def place_of(row: Any, prefix: str = "place_") -> dict[str, Any] | None:
    if row._mapping[f"{prefix}id"] is None:
        return None
    return {
        "id": row._mapping[f"{prefix}id"],
        "name": row._mapping[f"{prefix}name"],
        "kind": row._mapping[f"{prefix}kind"],
        "country": row._mapping[f"{prefix}country_code"],
    }


def _labelled_place(place: Any, prefix: str = "place_") -> tuple[Any, ...]:
    return tuple(
        column.label(f"{prefix}{column.key}")
        for column in (place.id, place.name, place.kind, place.country_code)
    )


@dataclass(frozen=True)
class AgreementFilter:
    country: str | None = None
    year: int | None = None
    kind: str | None = None
    event_id: int | None = None
    review: str | None = None


def _agreements() -> Select[Any]:
    return (
        select(
            Agreement,
            Event.name.label("event_name"),
            Event.start_date.label("event_start_date"),
            *_labelled_place(Place),
        )
        .outerjoin(Event, Event.id == Agreement.event_id)
        .outerjoin(Place, Place.id == Agreement.place_id)
    )


def agreement_item(row: Any) -> dict[str, Any]:
    agreement: Agreement = row.Agreement
    return {
        "id": agreement.id,
        "kind": agreement.kind,
        "title": agreement.title,
        "signed_on": agreement.signed_on,
        "signed_on_inferred": agreement.signed_on_inferred,
        "value_usd": agreement.value_usd,
        "value_qualifier": agreement.value_qualifier,
        "document_count": agreement.document_count,
        "review": agreement.review,
        "event": None
        if agreement.event_id is None
        else {"id": agreement.event_id, "name": row.event_name, "start_date": row.event_start_date},
        "place": place_of(row),
        "source": {
            "document_id": agreement.document_id,
            "quote": agreement.quote,
            "char_start": agreement.char_start,
            "char_end": agreement.char_end,
        },
    }


def agreements_listing(where: AgreementFilter) -> Listing:
    query = _agreements()
    if where.country is not None:
        query = query.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id,
                AgreementParty.country_code == where.country,
            )
        )
    if where.year is not None:
        signed = func.coalesce(Agreement.signed_on, Event.start_date)
        query = query.where(extract("year", signed) == where.year)
    if where.kind is not None:
        query = query.where(Agreement.kind == where.kind)
    if where.event_id is not None:
        query = query.where(Agreement.event_id == where.event_id)
    if where.review is not None:
        query = query.where(Agreement.review == where.review)
    return Listing(query, (Agreement.id,), agreement_item)


async def get_agreement(session: AsyncSession, agreement_id: int) -> dict[str, Any] | None:
    row = (await session.execute(_agreements().where(Agreement.id == agreement_id))).first()
    if row is None:
        return None
    item = agreement_item(row)
    subjects = await session.execute(
        select(AgreementSubject.name, AgreementSubject.hs_code)
        .where(AgreementSubject.agreement_id == agreement_id)
        .order_by(AgreementSubject.id)
    )
    item["subjects"] = [dict(subject._mapping) for subject in subjects]
    parties = await session.execute(
        select(AgreementParty.country_code, *_labelled_place(Place))
        .outerjoin(Place, Place.id == AgreementParty.place_id)
        .where(AgreementParty.agreement_id == agreement_id)
        .order_by(AgreementParty.id)
    )
    item["parties"] = [{"country": p.country_code, "place": place_of(p)} for p in parties]
    signatories = signatories_listing(SignatoryFilter(agreement_id=agreement_id))
    item["signatories"] = await fetch_page(session, signatories, after=None, limit=1000)
    return item


@dataclass(frozen=True)
class SignatoryFilter:
    person: str | None = None
    agreement_id: int | None = None
    country: str | None = None


def _person_matches(person: str) -> Any:
    if person.isdigit():
        return Signatory.person_id == int(person)
    pattern = f"%{escape_like(person)}%"
    by_alias = select(PersonAlias.person_id).where(PersonAlias.alias.ilike(pattern, escape="\\"))
    by_name = select(Person.id).where(Person.full_name.ilike(pattern, escape="\\"))
    return or_(Signatory.person_id.in_(by_alias), Signatory.person_id.in_(by_name))


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def signatories_listing(where: SignatoryFilter) -> Listing:
    place = aliased(Place)
    query = (
        select(
            Signatory,
            Agreement.kind.label("agreement_kind"),
            Agreement.title.label("agreement_title"),
            Person.full_name.label("person_full_name"),
            *_labelled_place(place),
        )
        .join(Agreement, Agreement.id == Signatory.agreement_id)
        .outerjoin(Person, Person.id == Signatory.person_id)
        .outerjoin(place, place.id == Signatory.place_id)
    )
    if where.person is not None:
        query = query.where(_person_matches(where.person))
    if where.agreement_id is not None:
        query = query.where(Signatory.agreement_id == where.agreement_id)
    if where.country is not None:
        query = query.where(Signatory.country_code == where.country)
    return Listing(query, (Signatory.id,), _signatory_item)


def _signatory_item(row: Any) -> dict[str, Any]:
    return {
        "id": row.Signatory.id,
        "agreement": {
            "id": row.Signatory.agreement_id,
            "kind": row.agreement_kind,
            "title": row.agreement_title,
        },
        "person": None
        if row.Signatory.person_id is None
        else {"id": row.Signatory.person_id, "full_name": row.person_full_name},
        "office": row.Signatory.office,
        "role": row.Signatory.role,
        "country": row.Signatory.country_code,
        "place": place_of(row),
    }
