"""Options every command that reads or writes the draft store shares, and opening it."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.output import err, error
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import DraftStore, NotStoredError, StoreError

DataDir = Annotated[Path | None, typer.Option(
    "--data-dir", help="Data directory (the draft store is drafts.sqlite in it).")]
StoreUrl = Annotated[str | None, typer.Option(
    "--store-url", help="Draft store to use instead: a SQLite file path, sqlite:///path, or "
                        "postgresql://user[:password]@host[:port]/database.")]

EXIT_USAGE = 2


def store_settings(data_dir: Path | None, store_url: str | None, **flags: object) -> Settings:
    return Settings.load(data_dir=data_dir, store_url=store_url, **flags)


def open_store(settings: Settings) -> DraftStore:
    """Open (creating if need be) the configured draft store, or exit 2 with the reason."""
    try:
        return DraftStore.open(settings.store_location)
    except (StoreError, ValueError) as exc:
        error(f"draft store: {exc}")
        raise typer.Exit(EXIT_USAGE) from None


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt like Ctrl-C, so a killed command still
    records what it was doing (SIGKILL cannot be caught: the store's transactions cover it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def building() -> AbstractContextManager[object]:
    """Shown while the guideline index is built (the first draft that retrieves)."""
    return err.status("building the guideline index (first run or corpus changed) ...")


@contextmanager
def serviced(settings: Settings) -> Iterator[DraftingService]:
    """The drafting service over the configured store, with its refusals (unknown ids, refused
    requests) as clean errors, exit 2."""
    with open_store(settings) as store, DraftingService(settings, building=building,
                                                        store=store) as service:
        try:
            yield service
        except (NotStoredError, StoreError, ValueError) as exc:
            error(str(exc))
            raise typer.Exit(EXIT_USAGE) from None


def stored(data_dir: Path | None, store_url: str | None,
           **flags: object) -> AbstractContextManager[DraftingService]:
    """``serviced`` with the settings of the --data-dir and --store-url flags (and ``flags``)."""
    return serviced(store_settings(data_dir, store_url, **flags))
