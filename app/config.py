"""Typed settings read from the environment (and a local .env file)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse
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
    database_read_url: str | None = Field(
        default=None,
        description="A read replica for the read-only routes; unset: they read DATABASE_URL.",
    )
    db_pool_size: int = Field(default=10, ge=1, le=200)
    db_connect_timeout_s: float = Field(default=2.0, gt=0)
    db_pool_timeout_s: float = Field(
        default=2.0, gt=0, description="Give up waiting for a free pooled connection after this."
    )
    db_statement_timeout_ms: int = Field(default=5000, ge=100)
    export_concurrency: int = Field(
        default=4,
        ge=1,
        le=100,
        description="CSV exports streaming at once, each on a connection of its own; "
        "one more is refused with a 503 and Retry-After.",
    )
    log_level: str = Field(default="INFO")
    log_format: Literal["text", "json"] = Field(
        default="text", description="`json`: one JSON object per log line; `text`: readable."
    )
    rate_limit: str = Field(
        default="600/minute",
        description="Requests per client (an API key that verifies, else the IP address), "
        "e.g. `600/minute`; `off` disables.",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis holding the rate-limit counters, shared by every worker process; "
        "unset: counters in each process's memory.",
    )
    redis_key_prefix: str = Field(
        default="tradestat",
        min_length=1,
        description="Prefix of the rate-limit keys, so deployments can share one Redis.",
    )
    response_cache: bool = Field(
        default=True, description="Keep encoded responses in memory until the data changes."
    )
    response_cache_mb: int = Field(
        default=64, ge=1, description="Memory for cached responses per process, in MiB."
    )
    metrics_cache_s: float = Field(
        default=15.0, ge=0, description="How long /metrics reuses its count of loaded figures."
    )
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
    header_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="Close a connection whose request headers are not all in after this long.",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="Bearer token GET /metrics requires; unset leaves /metrics public.",
    )
    cursor_secret: SecretStr | None = Field(
        default=None,
        description="Key signing pagination cursors; unset: a random one the service makes "
        "on its first start and keeps in the database (table cursor_secret).",
    )

    @field_validator("rate_limit")
    @classmethod
    def _rate_limit_parses(cls, value: str) -> str:
        if value.strip().lower() != "off":
            parse(value)  # raises ValueError on anything but `N/period`
        return value

    @field_validator("database_url", "database_read_url", mode="before")
    @classmethod
    def _postgres_only(cls, value: object) -> object:
        if value in ("", None):
            return None
        if not isinstance(value, str) or not value.startswith(("postgresql", "postgres://")):
            raise ValueError("DATABASE_URL and DATABASE_READ_URL must be postgresql:// URLs")
        return value

    @field_validator("cursor_secret", "metrics_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
