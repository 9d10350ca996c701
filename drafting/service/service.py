"""``DraftingService``: the one way in. Built once from ``Settings``, it owns the guideline
sources, the backends (by name), the draft store and the exporters, and offers every use case the
front ends need: load a case, draft, regenerate, edit, override, sign off, export, evaluate,
list. The CLI, the app, the HTTP API, batch drafting and the eval command translate their inputs
and outputs and call it; none of them assembles the pipeline or opens the store itself."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from types import TracebackType
from typing import Self

from drafting.backends.registry import names
from drafting.case import load_case, read_case_bytes
from drafting.service.defaults import DEFAULTS, Defaults
from drafting.service.drafting import Drafting
from drafting.service.evaluation import Evaluation
from drafting.service.exports import Exports
from drafting.service.requests import LoadedCase
from drafting.service.review import Review
from drafting.settings import Settings
from drafting.sources import Building, GuidelineSources
from drafting.store import DraftStore, DraftSummary
from drafting.store.workers import is_alive


class DraftingService:
    """Use cases in four parts, each small: ``drafting`` (prepare, begin, draft, resume),
    ``review`` (reviewed draft, stored case, edit, override, sign-off, regenerate),
    ``exports`` and ``evaluation``. Reading the store (lists, summaries, history) goes through
    ``store``. The store is opened on first use and closed with the service (a store handed in
    stays open: its opener closes it)."""

    def __init__(self, settings: Settings, *, building: Building = nullcontext,
                 defaults: Defaults = DEFAULTS, store: DraftStore | None = None):
        self.settings = settings
        self.defaults = defaults
        self.sources = GuidelineSources(settings, building)
        self._store = store
        self._owns_store = store is None  # a store handed in is closed by whoever opened it
        self.drafting = Drafting(settings, self.sources, defaults, lambda: self.store)
        self.review = Review(self.drafting)
        self.exports = Exports(self.review)
        self.evaluation = Evaluation(self.drafting, self.review)

    @property
    def store(self) -> DraftStore:
        """The configured draft store (opened, and migrated, on first use); raises StoreError
        or ValueError naming what is wrong with it."""
        if self._store is None:
            self._store = DraftStore.open(self.settings.store_location)
            self._owns_store = True
        return self._store

    def close(self) -> None:
        """Close the store if this service opened it."""
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    # -- cases -----------------------------------------------------------------------------------

    @staticmethod
    def load_case(path: Path) -> LoadedCase:
        """A case file, validated (CaseFileError lists every problem by file, line and field)."""
        case = load_case(path)
        return LoadedCase.of(case, path.read_bytes().decode("utf-8"), path.resolve())

    @staticmethod
    def read_case(data: bytes, name: str) -> LoadedCase:
        """An uploaded case file's bytes, validated as a file called ``name`` would be."""
        case, text = read_case_bytes(data, name)
        return LoadedCase.of(case, text, name)

    @staticmethod
    def backend_names() -> list[str]:
        """The backends a draft may be made with (``offline``, ``openai``)."""
        return names()

    # -- reading ---------------------------------------------------------------------------------

    @staticmethod
    def status_of(summary: DraftSummary) -> str:
        """The stored status, with an unfinished draft whose process is gone as interrupted."""
        if summary.status == "in_progress" and is_alive(summary.worker) is False:
            return "interrupted"
        return summary.status
