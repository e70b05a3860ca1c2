from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.countries.dependencies import country_query
from app.db.reads import ReadSessionDep
from app.events import queries
from app.events.schemas import EventDetail, EventRead
from app.http.ids import NO_NUL, PLAIN_DIGITS, id_path
from app.http.listing import PagingDep, listing_responses, respond
from app.http.problems import NotFound, problem_responses
from app.paging.cursors import Cursor, Page, after_id

router = APIRouter(prefix="/events", tags=["events"])

Year = Annotated[
    int | None,
    Query(ge=1900, le=2100, description="Events starting in this calendar year.", examples=[2023]),
]
Kind = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=64,
        pattern=NO_NUL,
        description="Only this kind: `forum`, `council_meeting` ...",
        examples=["forum"],
    ),
]
EventCountry = Annotated[
    str | None, country_query("country", "Events held in a place of this country.")
]
EventId = Annotated[int, id_path("Event id."), PLAIN_DIGITS]


@router.get(
    "",
    operation_id="listEvents",
    summary="List events with their places and sources",
    response_model=Page[EventRead],
    responses=listing_responses(EventRead, 400, 422),
)
async def list_events(
    read: ReadSessionDep,
    paging: PagingDep,
    year: Year = None,
    kind: Kind = None,
    country: EventCountry = None,
    cursor: Cursor = None,
) -> Page[EventRead] | Response:
    """Events in id order, with where and when they took place and the words reporting them. As
    JSON pages or as CSV.
    """
    after = after_id(cursor, paging.listing)
    listing = queries.events_listing(queries.EventFilter(year, kind, country))
    return await respond(read, listing, after, EventRead, paging, lambda e: [e.id])


@router.get(
    "/{event_id}",
    operation_id="getEvent",
    summary="One event with its attendees and the agreements signed there",
    response_model=EventDetail,
    responses=problem_responses(404, 422),
)
async def get_event(read: ReadSessionDep, event_id: EventId) -> EventDetail:
    """One event with the people who attended and the agreements signed there."""
    row = await queries.get_event(read, event_id)
    if row is None:
        raise NotFound("event", event_id)
    return EventDetail.model_validate(row)
