"""Without DATABASE_URL the service runs on an embedded PostgreSQL, kept where that is harmless."""

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from app.config import Settings
from app.db import embedded
from app.db.engine import asyncpg_dsn, resolve_database_url


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder whose parents others may traverse, as the embedded server's user must."""
    folder = Path(tempfile.mkdtemp(prefix="tradestat-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


async def test_embedded_server_is_a_real_postgresql(open_dir: Path) -> None:
    url = embedded.start_embedded_server(open_dir / "data")

    dsn = asyncpg_dsn(url)
    connection = await asyncpg.connect(dsn)
    try:
        version = await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()
    assert int(version.split(".")[0]) >= 16
    assert (open_dir / "data" / "pgdata" / "PG_VERSION").exists()


def test_configured_url_wins_over_the_embedded_server() -> None:
    url = "postgresql://someone@db.example:5432/trade"

    assert resolve_database_url(Settings(database_url=url)) == url


@pytest.mark.parametrize("url", ["sqlite:///trade.db", "mysql://root@localhost/trade"])
def test_only_postgresql_urls_are_accepted(url: str) -> None:
    with pytest.raises(ValueError, match="postgresql"):
        Settings(database_url=url)


@pytest.mark.skipif(os.geteuid() != 0, reason="the fallback only applies to root")
def test_as_root_a_private_parent_moves_the_default_out_of_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private = tmp_path / "home"
    private.mkdir(mode=0o700)
    monkeypatch.setattr(embedded, "PROJECT_DATA_DIR", private / "project" / ".data")

    assert embedded.default_data_dir() == embedded.ROOT_DATA_DIR
    assert stat.S_IMODE(private.stat().st_mode) == 0o700


def test_open_parents_keep_the_project_folder(
    open_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = open_dir / "project"
    project.mkdir(mode=0o755)
    monkeypatch.setattr(embedded, "PROJECT_DATA_DIR", project / ".data")

    assert embedded.default_data_dir() == project / ".data"


async def test_the_socket_folder_is_the_server_users_alone(open_dir: Path) -> None:
    # A data folder too deep for a socket path: the socket goes to a runtime folder instead.
    deep = open_dir / ("d" * 100)
    deep.mkdir(mode=0o755)
    url = embedded.start_embedded_server(deep / "data")

    socket_dir = Path(url.partition("host=")[2])
    assert socket_dir != deep / "data" / "pgdata"
    mode = stat.S_IMODE(socket_dir.stat().st_mode)
    assert mode == 0o700, oct(mode)
    assert socket_dir.stat().st_uid == (deep / "data" / "pgdata").stat().st_uid
    connection = await asyncpg.connect(asyncpg_dsn(url))  # the service itself still can
    await connection.close()
