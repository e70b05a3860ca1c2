"""Write one document's facts, kind by kind; every write flushes, none commits."""

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.text_keys import name_key
from app.ingest.bundle import FactBundle
from app.ingest.facts import (
    AgreementFact,
    EventFact,
    PersonFact,
    PlaceFact,
    TargetFact,
    TurnoverFact,
)
from app.ingest.resolve import ResolutionError, Resolver
from app.ingest.upsert import upsert
from app.models import (
    Agreement,
    AgreementParty,
    AgreementSubject,
    Event,
    EventAttendee,
    Person,
    PersonAlias,
    Place,
    PlaceAlias,
    Position,
    Signatory,
    Target,
    TurnoverPeriod,
)

FactPath = tuple[str | int, ...]


class FactWriter:
    """Writes the facts of one bundle for one document row."""

    def __init__(
        self, session: AsyncSession, resolver: Resolver, bundle: FactBundle, document_id: int
    ) -> None:
        self.session = session
        self.resolve = resolver
        self.bundle = bundle
        self.document_id = document_id

    def reviewed(self) -> dict[str, object]:
        """A load states the review status of its source and resets any curator's change."""
        return {"review": self.bundle.review, "changed_by": None}

    def evidence(self, quote: str) -> dict[str, object]:
        span = self.bundle.span(quote)
        return {
            "document_id": self.document_id,
            "quote": quote,
            "char_start": span.start,
            "char_end": span.end,
        }

    async def place(self, path: FactPath, fact: PlaceFact) -> None:
        country = await self.resolve.country(fact.country)
        place_id = await upsert(
            self.session,
            Place,
            {"name": fact.name, "kind": fact.kind, "country_code": country},
            key=("country_code", "name"),
        )
        aliases = [
            {"place_id": place_id, "alias": a, "alias_key": name_key(a)}
            for a in (fact.name, *fact.aliases)
        ]
        await self.session.execute(
            insert(PlaceAlias)
            .values(aliases)
            .on_conflict_do_nothing(index_elements=[PlaceAlias.alias_key, PlaceAlias.place_id])
        )

    async def person(self, path: FactPath, fact: PersonFact) -> None:
        names = {name_key(alias): alias for alias in (fact.full_name, *fact.aliases)}
        owners = await self.session.execute(
            select(PersonAlias.alias_key, PersonAlias.person_id).where(
                PersonAlias.alias_key.in_(names)
            )
        )
        owner_of: dict[str, int] = dict(owners.all())
        keyed = await self.session.scalar(select(Person.id).where(Person.key == fact.key))
        known = set(owner_of.values())
        if keyed is None and len(known) == 1:
            # A known person under another spelling ("Akylbek Japarov" for Zhaparov): the same
            # person, not a new one.
            person_id = known.pop()
        else:
            if len(known - {keyed}) > 0:
                taken = next(names[k] for k, owner in owner_of.items() if owner != keyed)
                raise ResolutionError(f"alias {taken!r} already belongs to another person")
            country = await self.resolve.country(fact.country) if fact.country else None
            person_id = await upsert(
                self.session,
                Person,
                {"key": fact.key, "full_name": fact.full_name, "country_code": country},
                key=("key",),
            )
        self.resolve.remember_person(fact.key, person_id)
        for key, alias in names.items():
            if key not in owner_of:
                self.session.add(PersonAlias(person_id=person_id, alias=alias, alias_key=key))
        await self.session.execute(
            delete(Position).where(
                Position.document_id == self.document_id, Position.person_id == person_id
            )
        )
        for position in fact.positions:
            self.session.add(
                Position(
                    person_id=person_id,
                    title=position.title,
                    organisation=position.organisation,
                    **self.evidence(position.quote),
                )
            )
        await self.session.flush()

    async def event(self, path: FactPath, fact: EventFact) -> int:
        place_id = await self.resolve.place(fact.place) if fact.place else None
        event_id = await upsert(
            self.session,
            Event,
            {
                "key": fact.key,
                "name": fact.name,
                "kind": fact.kind,
                "start_date": fact.start_date,
                "end_date": fact.end_date,
                "date_inferred": fact.date_inferred,
                "place_id": place_id,
                **self.evidence(fact.quote),
            },
            key=("document_id", "key"),
        )
        await self.session.execute(delete(EventAttendee).where(EventAttendee.event_id == event_id))
        for person_key in dict.fromkeys(fact.attendees):
            self.session.add(
                EventAttendee(event_id=event_id, person_id=await self.resolve.person(person_key))
            )
        await self.session.flush()
        return event_id

    async def turnover(self, path: FactPath, fact: TurnoverFact) -> int:
        reporter = await self.resolve.country(fact.reporter)
        partner = await self.resolve.country(fact.partner)
        if reporter == partner:
            raise ResolutionError(f"reporter and partner are the same country ({reporter})")
        amount = fact.value_usd if fact.value_usd is not None else fact.amount
        return await upsert(
            self.session,
            TurnoverPeriod,
            {
                "reporter_code": reporter,
                "partner_code": partner,
                "flow": fact.flow,
                "period_start": fact.period.start,
                "period_end": fact.period.end,
                "period_label": fact.period.label,
                "period_inferred": fact.period.inferred,
                "amount": amount,
                "currency": fact.currency or "USD",
                "value_usd": fact.value_usd,
                "value_qualifier": fact.value_qualifier,
                "growth_pct": fact.growth_pct,
                "growth_qualifier": fact.growth_qualifier
                if fact.growth_qualifier or fact.growth_pct is None
                else "exact",
                "attribution": fact.attribution,
                **self.evidence(fact.quote),
                **self.reviewed(),
            },
            key=(
                "document_id",
                "reporter_code",
                "partner_code",
                "flow",
                "period_start",
                "period_end",
            ),
        )

    async def target(self, path: FactPath, fact: TargetFact) -> int:
        codes = sorted({await self.resolve.country(ref) for ref in fact.countries})
        if len(codes) != 2:
            raise ResolutionError("a target needs two different countries")
        return await upsert(
            self.session,
            Target,
            {
                "key": fact.key,
                "country_a_code": codes[0],
                "country_b_code": codes[1],
                "flow": fact.flow,
                "value_usd": fact.value_usd,
                "value_qualifier": fact.value_qualifier,
                "target_year": fact.target_year,
                "set_by": fact.set_by,
                **self.evidence(fact.quote),
                **self.reviewed(),
            },
            key=("document_id", "key"),
        )

    async def agreement(self, path: FactPath, fact: AgreementFact, events: dict[str, int]) -> int:
        if fact.event is not None and fact.event not in events:
            raise ResolutionError(f"unknown event {fact.event!r}; list it under `events`")
        agreement_id = await upsert(
            self.session,
            Agreement,
            {
                "key": fact.key,
                "kind": fact.kind,
                "title": fact.title,
                "event_id": events[fact.event] if fact.event else None,
                "place_id": await self.resolve.place(fact.place) if fact.place else None,
                "signed_on": fact.signed_on,
                "signed_on_inferred": fact.signed_on_inferred,
                "value_usd": fact.value_usd,
                "value_qualifier": fact.value_qualifier,
                "document_count": fact.document_count,
                **self.evidence(fact.quote),
                **self.reviewed(),
            },
            key=("document_id", "key"),
        )
        for child in (AgreementSubject, AgreementParty, Signatory):
            await self.session.execute(delete(child).where(child.agreement_id == agreement_id))
        for subject in fact.subjects:
            self.session.add(
                AgreementSubject(
                    agreement_id=agreement_id, name=subject.name, hs_code=subject.hs_code
                )
            )
        for party in fact.parties:
            country = await self.resolve.country(party.country)
            place_id = await self.resolve.place(party.place, country) if party.place else None
            self.session.add(
                AgreementParty(agreement_id=agreement_id, country_code=country, place_id=place_id)
            )
        for signatory in fact.signatories:
            country = await self.resolve.country(signatory.country)
            self.session.add(
                Signatory(
                    agreement_id=agreement_id,
                    person_id=await self.resolve.person(signatory.person)
                    if signatory.person
                    else None,
                    office=signatory.office,
                    role=signatory.role,
                    country_code=country,
                    place_id=await self.resolve.place(signatory.place, country)
                    if signatory.place
                    else None,
                )
            )
        await self.session.flush()
        return agreement_id

    async def drop_stale(
        self, model: type[Event | TurnoverPeriod | Target | Agreement], kept: Iterable[int]
    ) -> int:
        """Delete this document's rows of one kind that the fact file no longer lists."""
        result = await self.session.execute(
            delete(model)
            .where(model.document_id == self.document_id, model.id.not_in(list(kept)))
            .returning(model.id)
        )
        return len(result.all())
