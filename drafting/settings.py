"""One settings model: CLI flags override environment (NECESSITY_*), which overrides defaults."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NECESSITY_", extra="forbid")

    data_dir: Path = Field(
        default=Path.home() / ".local" / "share" / "necessity",
        description="Where the index and the draft store live.",
    )

    @classmethod
    def load(cls, **flags: object) -> Settings:
        """Settings from the CLI flags that were given, then the environment, then defaults."""
        return cls(**{key: value for key, value in flags.items() if value is not None})
