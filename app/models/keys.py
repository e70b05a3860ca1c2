"""API keys for write endpoints: only a hash of each key is stored."""

from datetime import datetime

from sqlalchemy import CheckConstraint, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint("key_sha256 ~ '^[0-9a-f]{64}$'", name="hash_format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the key, so an operator can tell keys apart in a listing.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    revoked_at: Mapped[datetime | None]
