"""What the physician chose on the Settings page, kept in the data directory (``ui.json``) so a
refresh or a restart keeps it. Only choices live here; the API key is never written (it comes
from NECESSITY_API_KEY or OPENAI_API_KEY), and consent to send case text to an external model
host is given per browser session, off at the start of each one."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafting.settings import Settings

PREFS_FILE = "ui.json"


class PrefsError(ValueError):
    """The preferences file exists but cannot be used."""


class Prefs(BaseModel):
    model_config = ConfigDict(extra="ignore")

    reviewer: str = Field(default="", description="Name as it goes on the record.")
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None


def prefs_path(data_dir: Path) -> Path:
    return Path(data_dir) / PREFS_FILE


def load_prefs(data_dir: Path) -> Prefs:
    """The saved preferences, or the defaults when none were saved."""
    path = prefs_path(data_dir)
    if not path.is_file():
        return Prefs()
    try:
        return Prefs.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise PrefsError(f"{path}: cannot read the saved app settings ({exc}). Fix: correct or "
                         "delete the file, then save the Settings page again") from None


def save_prefs(data_dir: Path, prefs: Prefs) -> Path:
    """Write the preferences atomically (a crash leaves the old file or the new one)."""
    path = prefs_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.partial")
    partial.write_text(prefs.model_dump_json(indent=2), encoding="utf-8")
    partial.replace(path)
    return path


def settings_for(data_dir: Path | None, prefs: Prefs, allow_external: bool | None) -> Settings:
    """The one settings model, fed by the app's choices first, then NECESSITY_* environment
    variables, then defaults (as command-line flags feed it for the CLI)."""
    return Settings.load(data_dir=data_dir, backend=prefs.backend or None,
                         model=prefs.model or None, base_url=prefs.base_url or None,
                         allow_external=allow_external)
