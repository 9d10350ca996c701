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
    chroma_host: str | None = Field(
        default=None, description="Use a Chroma server at this host instead of the embedded store."
    )
    chroma_port: int = Field(default=8000, description="Port of the Chroma server.")

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @classmethod
    def load(cls, **flags: object) -> Settings:
        """Settings from the CLI flags that were given, then the environment, then defaults."""
        return cls(**{key: value for key, value in flags.items() if value is not None})
