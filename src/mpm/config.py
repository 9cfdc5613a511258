"""The one settings object of an installation (environment variables with the `MPM_` prefix)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where mpm keeps its data and which databases it talks to."""

    model_config = SettingsConfigDict(env_prefix="MPM_", extra="ignore")

    home: Path = Field(
        default=Path("~/.mpm"),
        description=(
            "Folder holding mpm.db, workspaces/<slug>/warehouse.duckdb, metrics and uploads."
        ),
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the app-state database; default a SQLite file in MPM_HOME.",
    )
    warehouse_url: str | None = Field(
        default=None,
        description=(
            "Ibis connection string for the analytics warehouse instead of DuckDB (query only)."
        ),
    )
    workspace: str = Field(default="default", description="Workspace used when none is given.")
    max_upload_bytes: int = Field(
        default=2 * 1024**3, description="Largest file an import accepts, in bytes."
    )
    cookie_secure: bool | None = Field(
        default=None,
        description=(
            "Mark the session cookie Secure: true, false, or unset to follow the request "
            "(Secure over HTTPS, including behind a proxy that says so)."
        ),
    )
    trusted_proxies: str = Field(
        default="127.0.0.1",
        description="Addresses whose X-Forwarded-Proto / X-Forwarded-For headers are believed.",
    )
    on_track_probability: float = Field(
        default=0.7,
        ge=0,
        le=1,
        description="On track: the chance of reaching the target is at least this.",
    )
    at_risk_probability: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="Below on track and at least this chance: at risk; below it: off track.",
    )

    @cached_property
    def home_path(self) -> Path:
        return self.home.expanduser().resolve()

    @property
    def app_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home_path / 'mpm.db'}"

    def workspace_dir(self, slug: str) -> Path:
        return self.home_path / "workspaces" / slug


def get_settings() -> Settings:
    """Settings read from the environment now (not cached: tests and CLI set MPM_HOME)."""
    return Settings()
