"""One settings model: CLI flags override environment (NECESSITY_*), which overrides defaults."""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from drafting.case.loader import MAX_CASE_BYTES

HOST_NAME = re.compile(r"(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)"
                       r"(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*")


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
    store_url: str | None = Field(
        default=None, description="Draft store: a SQLite file path, sqlite:///path, or "
        "postgresql://user@host/db (default: drafts.sqlite in the data directory).")

    backend: str = Field(default="offline", description="offline | openai")
    model: str = Field(default="gpt-4o-mini", description="Model name for the openai backend.")
    base_url: str | None = Field(
        default=None, description="OpenAI-compatible server URL (vLLM, Ollama, llama.cpp...).")
    api_key: SecretStr | None = Field(
        default=None, description="API key; NECESSITY_API_KEY, else OPENAI_API_KEY is read.")
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int | None = Field(
        default=None, ge=1, description="Cap on tokens generated per call (default: the server's).")
    timeout_s: float = Field(default=60.0, gt=0, description="Per-call timeout in seconds.")
    # 128,000 output tokens (the largest max_completion_tokens of OpenAI's current chat models)
    # at most ~24 bytes each once JSON-escaped (\\uXXXX per non-ASCII character, ~4 per token)
    # is ~3 MB; doubled for logprobs and metadata and rounded up.
    max_response_bytes: int = Field(
        default=8 * 1024 * 1024, ge=1024,
        description="Largest model-server response body read; past it the call fails.")
    retries: int = Field(default=2, ge=0, le=10, description="Retries per call after the first.")
    concurrency: int = Field(default=4, ge=1, le=64, description="Sections drafted at once.")
    allow_external: bool = Field(
        default=False, description="Consent to send case text to a non-local model host.")
    price_prompt_per_1k: float = Field(default=0.00015, ge=0, description="USD per 1k tokens.")
    price_completion_per_1k: float = Field(default=0.0006, ge=0, description="USD per 1k tokens.")

    # The HTTP API (necessity serve).
    api_backends: str = Field(
        default="offline", description="Comma list of backends API clients may ask for; the "
        "openai backend uses this server's model, base URL and key.")
    api_concurrency: int = Field(
        default_factory=lambda: min(4, os.cpu_count() or 1), ge=1, le=64,
        description="API drafts drafted at once, one worker process each (default: the CPU "
        "count, at most 4); the rest queue.")
    api_validation_workers: int = Field(
        default=1, ge=1, le=16, description="Processes that validate case files sent to the API "
        "(outside the server process, so a large file never slows other requests).")
    api_validation_timeout_s: float = Field(
        default=10.0, gt=0, description="Seconds a case file sent to the API may wait for and "
        "take in validation; past it, the file is refused (or, if it never started, the "
        "client is told to retry).")
    api_max_body_bytes: int = Field(
        default=MAX_CASE_BYTES + 64 * 1024, ge=1024,
        description="Largest request body (default: the largest case file, plus room for "
        "the JSON around it).")
    api_rate_per_minute: int = Field(default=600, ge=1,
                                     description="Requests per minute per API key.")
    api_rate_burst: int = Field(default=60, ge=1,
                                description="Requests a key may send at once before the "
                                "per-minute rate applies.")
    api_webhook_timeout_s: float = Field(
        default=10.0, gt=0, description="Seconds one webhook attempt may take (connecting, "
        "sending, the receiver's answer).")
    api_webhook_attempts: int = Field(default=3, ge=1, le=10)
    api_webhook_deadline_s: float = Field(
        default=60.0, gt=0, description="Seconds one webhook delivery may take in all: its "
        "attempts and the waits between them.")
    api_webhook_allow: str = Field(
        default="", description="Comma list of host names, IP addresses and networks (CIDR) "
        "webhooks may go to although not public (loopback, private, link-local...); empty: "
        "public addresses only.")
    api_webhook_queue: int = Field(
        default=1000, ge=1, description="Webhooks waiting or being sent at most; one arriving "
        "beyond is recorded failed.")
    api_webhook_senders: int = Field(default=4, ge=1, le=64,
                                     description="Webhooks sent at once.")
    api_webhook_drain_s: float = Field(
        default=5.0, ge=0, description="At shutdown, seconds webhooks queued or being sent "
        "get to finish; the rest are recorded failed.")

    @field_validator("api_webhook_allow")
    @classmethod
    def _webhook_allow_entries(cls, value: str) -> str:
        for entry in (e.strip() for e in value.split(",")):
            if not entry:
                continue
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                if not HOST_NAME.fullmatch(entry.lower().rstrip(".")):
                    raise ValueError(f"{entry!r} is neither a host name, an IP address nor a "
                                     "network such as 10.0.0.0/8") from None
        return value

    @property
    def api_backend_names(self) -> list[str]:
        return [name.strip() for name in self.api_backends.split(",") if name.strip()]

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def store_path(self) -> Path:
        """The SQLite draft store: ``store_url`` if given (a path or sqlite:///path), else
        drafts.sqlite in the data directory. (See ``store_location`` for PostgreSQL.)"""
        if not self.store_url:
            return self.data_dir / "drafts.sqlite"
        url = self.store_url
        if url.startswith("sqlite:///"):
            return Path(url.removeprefix("sqlite:///"))
        if "://" in url:
            raise ValueError(f"store URL {url.split('@')[-1]!r}: use a SQLite file path, "
                             "sqlite:///path, or postgresql://...")
        return Path(url)

    @property
    def store_location(self) -> Path | str:
        """Where the draft store is: a SQLite file, or a postgresql:// URL as given."""
        url = self.store_url or ""
        if url.startswith(("postgresql://", "postgres://")):
            return url
        return self.store_path.resolve()

    @classmethod
    def load(cls, **flags: object) -> Settings:
        """Settings from the CLI flags that were given, then the environment, then defaults."""
        return cls(**{key: value for key, value in flags.items() if value is not None})
