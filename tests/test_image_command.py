"""The image's own commands, run here: its CMD serves /readyz, and its health check passes.

Docker's engine is not needed: the CMD and HEALTHCHECK are parsed from the Dockerfile and
run as they are, with PORT (which the CMD honours) set to a free port, against a throw-away
database on the test server.
"""

import asyncio
import json
import os
import re
import sys

import httpx

from tests.database import drop_database
from tests.live_service import (
    ROOT,
    TRADESTAT,
    environment,
    free_port,
    prepared_database,
    running,
)

# Where the image finds these commands on its PATH, and where this checkout has them.
LOCAL = {"tradestat": TRADESTAT, "python": sys.executable}


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [
        (parts[0].upper(), parts[1] if len(parts) > 1 else "")
        for parts in (line.strip().split(None, 1) for line in joined.splitlines() if line.strip())
    ]


def image_command() -> list[str]:
    cmd = [args for instruction, args in dockerfile_instructions() if instruction == "CMD"]
    return list(json.loads(cmd[-1]))


def health_command() -> list[str]:
    (args,) = [a for instruction, a in dockerfile_instructions() if instruction == "HEALTHCHECK"]
    return list(json.loads(args.split("CMD", 1)[1]))


def image_env() -> dict[str, str]:
    found: dict[str, str] = {}
    for instruction, args in dockerfile_instructions():
        if instruction == "ENV":
            for pair in args.split():
                name, _, value = pair.partition("=")
                found[name] = value
    return found


def local(command: list[str]) -> list[str]:
    return [LOCAL.get(command[0], command[0]), *command[1:]]


async def health_check(env: dict[str, str]) -> int:
    process = await asyncio.create_subprocess_exec(
        *local(health_command()),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await process.wait()


def test_the_command_takes_its_port_from_the_environment() -> None:
    command = image_command()

    assert command[:2] == ["tradestat", "serve"]
    assert "--port" not in command  # PORT decides, so a platform can choose it
    assert image_env()["PORT"] == "8000"


async def test_the_image_command_serves_and_its_health_check_passes(server: str) -> None:
    database_url = await prepared_database(server)
    port = free_port()
    env = environment(database_url, {**image_env(), "PORT": str(port)})
    env["PATH"] = os.pathsep.join([os.path.dirname(TRADESTAT), env.get("PATH", "")])
    try:
        async with running(local(image_command()), port, env) as base_url:
            async with httpx.AsyncClient(base_url=base_url) as client:
                assert (await client.get("/readyz")).json() == {"status": "ready"}
                assert (await client.get("/")).status_code == 200
            assert await health_check(env) == 0
        assert await health_check(env) != 0  # nothing answers any more
    finally:
        await drop_database(database_url)
