"""`make clients`: generate both clients from a running server and run their samples.

On a throw-away database (on TEST_DATABASE_URL's server, else the embedded one), migrated
and seeded with the `tradestat` commands, `tradestat serve` starts on a free port. From
its /openapi.json, openapi-typescript writes the TypeScript types and `tsc --noEmit`
checks clients/typescript/sample.ts against them; openapi-python-client writes the
Python client and clients/python/sample.py fetches /turnover?year=2022 with it. Any
contract change that breaks a sample fails the build.

Run from the repository root: .venv/bin/python -m clients.check
"""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.database import create_database, drop_database, server_url

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "clients"
BIN = Path(sys.executable).parent
DOCUMENT = ROOT / "artifacts" / "served-openapi.json"


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    print("$", " ".join(str(part) for part in command), flush=True)
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_ready(base_url: str, server: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"tradestat serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"tradestat serve did not become ready within {timeout_s}s")


@contextmanager
def seeded_database() -> Iterator[str]:
    url = asyncio.run(create_database(server_url(), prefix="tradestat_clients"))
    try:
        env = {**os.environ, "DATABASE_URL": url}
        run(BIN / "tradestat", "db", "upgrade", env=env)
        run(BIN / "tradestat", "seed", env=env)
        yield url
    finally:
        asyncio.run(drop_database(url))


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    command = [str(BIN / "tradestat"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base_url, server, timeout_s=60)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def typescript(document: Path) -> None:
    schema = CLIENTS / "typescript" / "generated" / "schema.d.ts"
    run("npx", "--no-install", "openapi-typescript", document, "-o", schema, cwd=CLIENTS)
    run("npx", "--no-install", "tsc", "-p", "typescript/tsconfig.json", cwd=CLIENTS)
    print("typescript: sample.ts type-checks against the generated client")


def python(document: Path, base_url: str) -> None:
    generated = CLIENTS / "python" / "generated"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    run(
        BIN / "openapi-python-client",
        "generate",
        "--path",
        document,
        "--meta",
        "setup",
        "--output-path",
        generated,
        "--overwrite",
        "--fail-on-warning",
        env=env,
    )
    # Installed as a user would, so the sample runs exactly as the README says.
    run(sys.executable, "-m", "pip", "install", "--quiet", generated, env=env)
    output = run(sys.executable, CLIENTS / "python" / "sample.py", base_url, env=env)
    print(output, end="")
    if "In 2022, trade volume increased by nearly 19%" not in output:
        sys.exit("python: the sample did not print the 2022 figure and its source")
    print("python: sample.py fetched /turnover?year=2022 through the generated client")


def main() -> None:
    with seeded_database() as database_url, serving(database_url) as base_url:
        DOCUMENT.parent.mkdir(exist_ok=True)
        with urllib.request.urlopen(f"{base_url}/openapi.json", timeout=10) as response:
            DOCUMENT.write_bytes(response.read())
        typescript(DOCUMENT)
        python(DOCUMENT, base_url)


if __name__ == "__main__":
    main()
