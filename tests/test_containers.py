"""docker-compose.yml and the Dockerfile: valid for the compose client, and as intended."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose_command() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_file_is_valid_for_the_compose_client() -> None:
    command = compose_command()
    if command is None:
        pytest.skip("no docker compose client here (.ci/run installs one)")
    result = subprocess.run(
        [*command, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_compose_runs_postgres_then_migrations_then_the_api() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert services["db"]["image"] == "postgres:16"
    assert "healthcheck" in services["db"]
    assert "pgdata" in compose["volumes"]
    assert "tradestat db upgrade" in " ".join(services["migrate"]["command"])
    assert "tradestat seed" in " ".join(services["migrate"]["command"])
    assert services["api"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_image_runs_as_a_user_and_checks_readiness() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "\nUSER tradestat\n" in dockerfile
    assert "/readyz" in dockerfile.split("HEALTHCHECK", 1)[1]
