"""Consoles shared by CLI commands: results on stdout, progress and errors on stderr."""

from __future__ import annotations

from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def error(message: str) -> None:
    """Print one error line exactly as given (no markup, no wrapping that would split paths)."""
    err.print(message, markup=False, soft_wrap=True, style="red")
