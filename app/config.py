"""Typed settings read from the environment (and a local .env file)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the service; see the README's configuration table."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL server to use; unset starts the embedded server.",
    )
    data_dir: Path | None = Field(
        default=None,
        description="Folder of the embedded server's data; default ./.data (see README).",
    )
    seeds_dir: Path = Field(default=Path("seeds"), description="Seed documents and fact files.")
    db_pool_size: int = Field(default=10, ge=1, le=200)
    db_connect_timeout_s: float = Field(default=2.0, gt=0)
    db_statement_timeout_ms: int = Field(default=5000, ge=100)
    log_level: str = Field(default="INFO")
    cache_control: str = Field(
        default="public, max-age=60, stale-while-revalidate=600",
        min_length=1,
        description="Cache-Control of successful GET responses while the data version is known.",
    )
    cors_origins: str = Field(
        default="",
        description="Comma-separated origins browsers may call the API from; `*` for any; "
        "empty for none.",
    )
    cursor_secret: SecretStr | None = Field(
        default=None,
        description="Key signing pagination cursors; unset derives one from DATABASE_URL. "
        "Set it in production, the same for every worker.",
    )

    @field_validator("database_url", mode="before")
    @classmethod
    def _postgres_only(cls, value: object) -> object:
        if value in ("", None):
            return None
        if not isinstance(value, str) or not value.startswith(("postgresql", "postgres://")):
            raise ValueError("DATABASE_URL must be a postgresql:// URL")
        return value

    @field_validator("cursor_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
