"""Which bearer tokens are active API keys: asked of the database, remembered for a minute.

The rate limiter gives a budget of its own only to a key that verifies; anything else is
counted against the client's address. Answers, good and bad, are remembered per token
hash for KEY_TTL_S, so a client repeating its key (or its junk) costs one lookup a minute;
a revoked key keeps its own budget at most that long (writes check the key every time).
"""

import hashlib
import logging
import time
from collections import OrderedDict

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.keys import find_active_key

logger = logging.getLogger(__name__)

KEY_TTL_S = 60.0
KNOWN_TOKENS = 10_000
MAX_KEY_LENGTH = 200  # a longer token is no key this service made


class KnownKeys:
    def __init__(self, ttl_s: float = KEY_TTL_S, capacity: int = KNOWN_TOKENS) -> None:
        self.ttl_s = ttl_s
        self.capacity = capacity
        self.answers: OrderedDict[str, tuple[bool, float]] = OrderedDict()

    async def is_active(
        self, sessionmaker: async_sessionmaker[AsyncSession] | None, token: str
    ) -> bool:
        if not token or len(token) > MAX_KEY_LENGTH or sessionmaker is None:
            return False
        digest = hashlib.sha256(token.encode()).hexdigest()
        known = self.answers.get(digest)
        if known is not None and known[1] > time.monotonic():
            return known[0]
        try:
            async with sessionmaker() as session:
                active = await find_active_key(session, token) is not None
        except Exception as exc:  # the database is down: count by address, remember nothing
            logger.warning("cannot verify an API key: %s", type(exc).__name__)
            return False
        self._remember(digest, active)
        return active

    def _remember(self, digest: str, active: bool) -> None:
        self.answers[digest] = (active, time.monotonic() + self.ttl_s)
        self.answers.move_to_end(digest)
        if len(self.answers) > self.capacity:
            self.answers.popitem(last=False)
