from datetime import date

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from app.http.schemas import Schema, SourceRead

PERSON_EXAMPLE: JsonDict = {
    "id": 2,
    "key": "akylbek-zhaparov",
    "full_name": "Akylbek Zhaparov",
    "country": "KGZ",
    "aliases": ["Akylbek Dzhaparov", "Akylbek Japarov"],
}


class PersonRead(Schema):
    """A person the documents name, with the other spellings of the name."""

    model_config = ConfigDict(json_schema_extra={"examples": [PERSON_EXAMPLE]})

    id: int = Field(description="Person id.", examples=[2])
    key: str = Field(description="Stable slug of the person.", examples=["akylbek-zhaparov"])
    full_name: str = Field(description="Name as usually written.", examples=["Akylbek Zhaparov"])
    country: str | None = Field(
        description="ISO3 of the country the person serves; null if unknown.", examples=["KGZ"]
    )
    aliases: list[str] = Field(
        description="Other spellings of the name, alphabetical; the full name is not repeated.",
        examples=[["Akylbek Dzhaparov", "Akylbek Japarov"]],
    )


class PersonPositionRead(Schema):
    """A title a document gives a person, with the words giving it."""

    title: str = Field(description="The title a document gives.", examples=["Prime Minister"])
    organisation: str | None = Field(
        description="Body the title belongs to.",
        examples=["Government of the Republic of Kazakhstan"],
    )
    source: SourceRead = Field(description="The document and the words giving the title.")


class PersonAgreementRead(Schema):
    """An agreement a person signed, and in what capacity."""

    id: int = Field(description="Agreement id.", examples=[2])
    title: str = Field(
        description="Title of the agreement.",
        examples=["Protocol of the 11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"],
    )
    kind: str = Field(description="Kind of agreement.", examples=["protocol"])
    role: str | None = Field(
        description="Capacity in which the person signed.",
        examples=["Prime Minister of Kazakhstan"],
    )
    country: str = Field(description="ISO3 of the country signed for.", examples=["KAZ"])


class PersonEventRead(Schema):
    """An event a person attended."""

    id: int = Field(description="Event id.", examples=[1])
    name: str = Field(
        description="Name of the event.", examples=["First Kazakh-Kyrgyz Interregional Forum"]
    )
    kind: str = Field(description="Kind of event.", examples=["forum"])
    start_date: date | None = Field(
        description="First day; null if unknown.", examples=["2023-09-22"]
    )
    end_date: date | None = Field(description="Last day; null if unknown.", examples=["2023-09-23"])


class PersonDetail(PersonRead):
    """A person with the positions, signatures and attendances the documents record."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **PERSON_EXAMPLE,
                    "positions": [
                        {
                            "title": "Chairman of the Cabinet of Ministers",
                            "organisation": "Cabinet of Ministers of the Kyrgyz Republic",
                            "source": {
                                "document_id": 1,
                                "quote": "Chairman of the Cabinet of Ministers and Head of "
                                "Presidential Administration of the Kyrgyz Republic "
                                "Akylbek Zhaparov",
                                "char_start": 196,
                                "char_end": 312,
                            },
                        }
                    ],
                    "agreements": [
                        {
                            "id": 2,
                            "title": "Protocol of the 11th meeting of the Kazakh-Kyrgyz "
                            "Intergovernmental Council",
                            "kind": "protocol",
                            "role": "Chairman of the Cabinet of Ministers of the Kyrgyz Republic",
                            "country": "KGZ",
                        }
                    ],
                    "events": [
                        {
                            "id": 1,
                            "name": "First Kazakh-Kyrgyz Interregional Forum",
                            "kind": "forum",
                            "start_date": "2023-09-22",
                            "end_date": "2023-09-23",
                        }
                    ],
                }
            ]
        }
    )

    positions: list[PersonPositionRead] = Field(
        description="Titles the documents give the person, by document and position in its text."
    )
    agreements: list[PersonAgreementRead] = Field(description="Agreements the person signed.")
    events: list[PersonEventRead] = Field(
        description="Events the person attended, earliest first; undated ones last."
    )
