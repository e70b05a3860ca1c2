from pydantic import ConfigDict, Field

from app.http.schemas import Schema


class CountryRead(Schema):
    """An ISO 3166-1 country."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "KGZ",
                    "alpha2": "KG",
                    "numeric": "417",
                    "name": "Kyrgyzstan",
                    "official_name": "Kyrgyz Republic",
                }
            ]
        }
    )

    code: str = Field(validation_alias="alpha3", description="ISO 3166-1 alpha-3 code.")
    alpha2: str = Field(description="ISO 3166-1 alpha-2 code.")
    numeric: str = Field(validation_alias="numeric_code", description="ISO 3166-1 numeric code.")
    name: str = Field(description="Short name.")
    official_name: str | None = Field(description="Official name, where ISO gives one.")


class CountryDetail(CountryRead):
    """A country with the names that find it and how many figures concern it."""

    aliases: list[str] = Field(
        description="Other names and adjectives that resolve to it.",
        examples=[["Kirghizia", "Kyrgyz", "Kyrgyz Republic", "Kyrgyzstan"]],
    )
    turnover_figures: int = Field(
        description="Turnover figures with this country on either side.", examples=[2]
    )
