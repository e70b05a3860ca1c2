"""Every table of the schema; Alembic and the app import them from here."""

from app.models.agreements import (
    Agreement,
    AgreementParty,
    AgreementSubject,
    Event,
    EventAttendee,
    Signatory,
)
from app.models.base import Base
from app.models.derived import DerivedFigure
from app.models.documents import Document, DocumentDeletion
from app.models.figures import Target, TurnoverPeriod
from app.models.geo import Country, CountryAlias, Place, PlaceAlias
from app.models.history import (
    DataState,
    derived_figures_history,
    targets_history,
    turnover_periods_history,
)
from app.models.keys import ApiKey
from app.models.people import Person, PersonAlias, Position
from app.models.secrets import CursorSecret

__all__ = [
    "Agreement",
    "AgreementParty",
    "AgreementSubject",
    "ApiKey",
    "Base",
    "Country",
    "CountryAlias",
    "CursorSecret",
    "DataState",
    "DerivedFigure",
    "Document",
    "DocumentDeletion",
    "Event",
    "EventAttendee",
    "Person",
    "PersonAlias",
    "Place",
    "PlaceAlias",
    "Position",
    "Signatory",
    "Target",
    "TurnoverPeriod",
    "derived_figures_history",
    "targets_history",
    "turnover_periods_history",
]
