"""Secrets the service makes for itself and keeps with its data."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, String, true
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column


class CursorSecret(Base):
    """One row: the key signing pagination cursors when CURSOR_SECRET is unset.

    Made at random by the first process to start (app.paging.cursor_secret), then read by every
    worker and replica of the deployment, so a cursor is good on any of them.
    """

    __tablename__ = "cursor_secret"
    __table_args__ = (
        CheckConstraint("id", name="single_row"),
        CheckConstraint("length(secret) >= 32", name="secret_length"),
    )

    id: Mapped[bool] = mapped_column(Boolean, primary_key=True, server_default=true())
    secret: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = created_at_column()
