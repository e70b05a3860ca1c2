"""System-time versioning: past versions of figures, and the version number of all loaded data.

Triggers written in the migrations maintain both, so every write path is covered: the
loader, an ingest, or an operator's SQL. Current rows carry `valid_from`; a change or a
removal copies the previous version here with its `valid_to`.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Computed,
    DateTime,
    Index,
    Table,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.derived import DerivedFigure
from app.models.figures import Target, TurnoverPeriod


def history_table(model: type[Base], key: str = "id") -> Table:
    """A table with the model's columns (no keys or constraints) plus valid_to, indexed by
    the column that names a row (`key`) and valid_to."""
    source = Base.metadata.tables[model.__tablename__]
    columns = [
        # A generated column stays generated, so the triggers' column lists need no change.
        Column(
            column.name,
            column.type,
            Computed(column.computed.sqltext, persisted=True),
            nullable=False,
        )
        if column.computed is not None
        else Column(column.name, column.type, nullable=column.nullable)
        for column in source.columns
    ]
    name = f"{source.name}_history"
    return Table(
        name,
        Base.metadata,
        Column("history_id", BigInteger, primary_key=True),
        *columns,
        Column("valid_to", DateTime(timezone=True), nullable=False),
        CheckConstraint("valid_to > valid_from", name="valid_range"),
        Index(f"ix_{name}_{key}_valid_to", key, "valid_to"),
    )


turnover_periods_history = history_table(TurnoverPeriod)
targets_history = history_table(Target)
derived_figures_history = history_table(DerivedFigure, key="key_id")


def listing_indexes(history: Table, key: str) -> None:
    """The current table's listing indexes, on its history: as_of lists current rows and
    past versions together, each side walking an index in the listing's order, merged."""
    c, name = history.c, history.name
    Index(f"ix_{name}_period_order", c.period_start, c.period_end, c[key])
    Index(f"ix_{name}_reporter_period", c.reporter_code, c.period_start, c.period_end, c[key])
    Index(f"ix_{name}_partner_period", c.partner_code, c.period_start, c.period_end, c[key])
    Index(
        f"ix_{name}_pair_period",
        c.reporter_code,
        c.partner_code,
        c.period_start,
        c.period_end,
        c.flow,
    )
    Index(f"ix_{name}_value_order", func.coalesce(c.value_usd, -1), c[key])


listing_indexes(turnover_periods_history, "id")
listing_indexes(derived_figures_history, "key_id")


class DataState(Base):
    """One row: a number that grows whenever any loaded data changes, and when it last did."""

    __tablename__ = "data_state"
    __table_args__ = (CheckConstraint("id", name="single_row"),)

    id: Mapped[bool] = mapped_column(Boolean, primary_key=True, server_default=true())
    version: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime]
