"""Alembic driven from code: the CLI, the app's tests and the container use these."""

import warnings
from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def check(database_url: str) -> None:
    """Raise if the models and the migrations disagree (autogenerate finds something to do)."""
    with warnings.catch_warnings():
        # PostgreSQL stores a generated column's expression in its own words, so Alembic cannot
        # compare it with the model's and says so; a changed expression needs a hand-written
        # migration in any case.
        warnings.filterwarnings("ignore", message=r"Computed default on .* cannot be modified")
        command.check(alembic_config(database_url))
