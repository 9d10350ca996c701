"""Options every command that calls a backend shares (each also settable as NECESSITY_*)."""

from __future__ import annotations

from typing import Annotated

import typer

BackendName = Annotated[str | None, typer.Option(
    "--backend", help="offline (default) or openai.")]
Model = Annotated[str | None, typer.Option("--model", help="Model for the openai backend.")]
BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", help="OpenAI-compatible server URL.")]
AllowExternal = Annotated[bool | None, typer.Option(
    "--allow-external", help="Consent to send case text to a non-local model host.")]
