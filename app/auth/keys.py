"""API keys: made once, shown once, stored only as a SHA-256 hash, revocable by name."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey

KEY_PREFIX = "ts_"


class ApiKeyError(Exception):
    """A key operation that cannot be done (duplicate name, unknown name)."""


def digest(key: str) -> str:
    # Keys carry 256 random bits: a fast hash is enough, no password-style stretching needed.
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class KeyInfo:
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


async def create_key(session: AsyncSession, name: str) -> str:
    """Store a new key under name and return it: the only time it is ever shown."""
    key = new_key()
    session.add(ApiKey(name=name, key_sha256=digest(key), prefix=key[:10]))
    try:
        await session.flush()
    except IntegrityError as exc:
        raise ApiKeyError(f"a key named {name!r} already exists") from exc
    return key


async def revoke_key(session: AsyncSession, name: str) -> None:
    result = await session.execute(
        update(ApiKey)
        .where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
        .values(revoked_at=func.now())
        .returning(ApiKey.id)
    )
    if result.first() is None:
        raise ApiKeyError(f"no active key named {name!r}")


async def list_keys(session: AsyncSession) -> list[KeyInfo]:
    rows = await session.execute(
        select(ApiKey.name, ApiKey.prefix, ApiKey.created_at, ApiKey.revoked_at).order_by(
            ApiKey.name
        )
    )
    return [KeyInfo(*row) for row in rows]


async def find_active_key(session: AsyncSession, key: str) -> str | None:
    """Name of the active key equal to `key`, if any; compared in constant time."""
    wanted = digest(key)
    row = (
        await session.execute(
            select(ApiKey.name, ApiKey.key_sha256, ApiKey.revoked_at).where(
                ApiKey.key_sha256 == wanted
            )
        )
    ).first()
    if row is None or not hmac.compare_digest(row.key_sha256, wanted) or row.revoked_at:
        return None
    return str(row.name)
