"""`tradestat serve` on the embedded PostgreSQL: SIGTERM and SIGINT both stop it with the
service, and a process listed as its user that no longer exists does not keep it up."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from app.db.embedded import HANDLES_FILE

TRADESTAT = Path(sys.executable).parent / "tradestat"
START_S = 90  # a first start runs initdb
STOP_S = 30


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data folder whose parents others may traverse, as the embedded server's user must."""
    folder = Path(tempfile.mkdtemp(prefix="tradestat-serve-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder / "data"
    finally:
        stop_left_over(folder / "data")
        shutil.rmtree(folder, ignore_errors=True)


def stop_left_over(data_dir: Path) -> None:
    """A server a failed test left running is stopped, not left to the machine."""
    with contextlib.suppress(FileNotFoundError, psutil.NoSuchProcess):
        left = postmaster(data_dir)
        left.terminate()
        left.wait(timeout=STOP_S)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def exited_pid() -> int:
    """The pid of a process that has come and gone."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    return gone.pid


def wait_ready(port: int, service: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        assert service.poll() is None, "tradestat serve exited while starting"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as ready:
                if ready.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"not ready after {START_S} s")


def postmaster(data_dir: Path) -> psutil.Process:
    pid = int((data_dir / "pgdata" / "postmaster.pid").read_text().splitlines()[0])
    return psutil.Process(pid)


def serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DATABASE_READ_URL")
    }
    environment |= {"DATA_DIR": str(data_dir), "RATE_LIMIT": "off"}
    return subprocess.Popen(
        [str(TRADESTAT), "serve", "--port", str(port)],
        env=environment,
        cwd=data_dir.parent,  # no project .env file
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_the_embedded_server(data_dir: Path, stop_with: signal.Signals) -> None:
    serve_then_stop(data_dir, stop_with)  # the first start makes the database

    # A user of the server listed, then killed before it could let go: it is ignored.
    (data_dir / "pgdata" / HANDLES_FILE).write_text(json.dumps([exited_pid()]))
    serve_then_stop(data_dir, stop_with)


def serve_then_stop(data_dir: Path, stop_with: signal.Signals) -> None:
    port = free_port()
    service = serve(data_dir, port)
    try:
        wait_ready(port, service)
        database = postmaster(data_dir)
        assert database.is_running()

        service.send_signal(stop_with)
        service.wait(timeout=STOP_S)
        database.wait(timeout=STOP_S)  # psutil.TimeoutExpired if it stays up
    finally:
        if service.poll() is None:
            service.kill()
    assert not database.is_running()
