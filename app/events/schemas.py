from datetime import date

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from app.http.schemas import JsonNumber, PlaceRead, Schema, SourceRead

EVENT_EXAMPLE: JsonDict = {
    "id": 1,
    "key": "first-interregional-forum",
    "name": "First Kazakh-Kyrgyz Interregional Forum",
    "kind": "forum",
    "start_date": "2023-09-22",
    "end_date": "2023-09-23",
    "date_inferred": True,
    "place": {"id": 1, "name": "Taraz", "kind": "city", "country": "KAZ"},
    "source": {
        "document_id": 1,
        "quote": "ASTANA \u2013 Kazakh and Kyrgyz business leaders signed commercial documents ...",
        "char_start": 0,
        "char_end": 383,
    },
}


class EventRead(Schema):
    """A forum, meeting or visit a document reports, with where and when it took place."""

    model_config = ConfigDict(json_schema_extra={"examples": [EVENT_EXAMPLE]})

    id: int = Field(description="Event id.", examples=[1])
    key: str = Field(
        description="Slug of the event within its document.",
        examples=["first-interregional-forum"],
    )
    name: str = Field(
        description="Name of the event.", examples=["First Kazakh-Kyrgyz Interregional Forum"]
    )
    kind: str = Field(
        description="Kind of event: `forum`, `council_meeting` ...", examples=["forum"]
    )
    start_date: date | None = Field(description="First day; null if the document gives none.")
    end_date: date | None = Field(description="Last day; null if the document gives none.")
    date_inferred: bool = Field(
        description="True when the year was not written but taken from the document's context.",
        examples=[True],
    )
    place: PlaceRead | None = Field(description="Where it took place; null if not stated.")
    source: SourceRead = Field(description="The document and the words reporting the event.")


class EventAttendeeRead(Schema):
    """A person who attended an event."""

    id: int = Field(description="Person id.", examples=[1])
    full_name: str = Field(description="Name as usually written.", examples=["Alikhan Smailov"])
    country: str | None = Field(description="ISO3 of the person's country.", examples=["KAZ"])


class EventAgreementRead(Schema):
    """An agreement signed at an event."""

    id: int = Field(description="Agreement id.", examples=[1])
    kind: str = Field(description="Kind of agreement.", examples=["commercial_contracts"])
    title: str = Field(description="Title of the agreement.")
    value_usd: JsonNumber | None = Field(
        description="Stated value in US dollars; null if none.", examples=[65000000]
    )
    value_qualifier: str | None = Field(
        description="`exact`, `approximate`, `at_least` or `at_most`; null with no value.",
        examples=["at_most"],
    )


class EventDetail(EventRead):
    """An event with who attended and what was signed there."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **EVENT_EXAMPLE,
                    "attendees": [
                        {"id": 1, "full_name": "Alikhan Smailov", "country": "KAZ"},
                        {"id": 2, "full_name": "Akylbek Zhaparov", "country": "KGZ"},
                    ],
                    "agreements": [
                        {
                            "id": 1,
                            "kind": "commercial_contracts",
                            "title": "Commercial documents signed by Kazakh and Kyrgyz "
                            "business leaders at the first Interregional Forum",
                            "value_usd": 65000000,
                            "value_qualifier": "at_most",
                        }
                    ],
                }
            ]
        }
    )

    attendees: list[EventAttendeeRead] = Field(description="People who attended, by id.")
    agreements: list[EventAgreementRead] = Field(description="Agreements signed there, by id.")
