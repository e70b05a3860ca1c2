from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.countries.dependencies import country_query
from app.db.reads import ReadSessionDep
from app.http.ids import NO_NUL, PLAIN_DIGITS, id_path
from app.http.listing import PagingDep, listing_responses, respond
from app.http.problems import NotFound, problem_responses
from app.paging.cursors import Cursor, Page, after_id
from app.people import queries
from app.people.schemas import PersonDetail, PersonRead

router = APIRouter(prefix="/people", tags=["people"])

NameQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        pattern=NO_NUL,
        description="Part of the full name or of any alias, ignoring case and accents.",
        examples=["japarov"],
    ),
]
PersonCountry = Annotated[str | None, country_query("country", "Only people of this country.")]
PersonId = Annotated[int, id_path("Person id."), PLAIN_DIGITS]


@router.get(
    "",
    operation_id="listPeople",
    summary="List people named in the documents",
    response_model=Page[PersonRead],
    responses=listing_responses(PersonRead, 400, 422),
)
async def list_people(
    read: ReadSessionDep,
    paging: PagingDep,
    q: NameQuery = None,
    country: PersonCountry = None,
    cursor: Cursor = None,
) -> Page[PersonRead] | Response:
    """People the documents name, in id order, with the other spellings of their names. As JSON
    pages or as CSV.
    """
    after = after_id(cursor, paging.listing)
    listing = queries.people_listing(q=q, country=country)
    return await respond(read, listing, after, PersonRead, paging, lambda p: [p.id])


@router.get(
    "/{person_id}",
    operation_id="getPerson",
    summary="One person with positions, signed agreements and attended events",
    response_model=PersonDetail,
    responses=problem_responses(404, 422),
)
async def get_person(read: ReadSessionDep, person_id: PersonId) -> PersonDetail:
    """One person with the titles the documents give them, the agreements they signed and the
    events they attended.
    """
    row = await queries.get_person(read, person_id)
    if row is None:
        raise NotFound("person", person_id)
    return PersonDetail.model_validate(row)
