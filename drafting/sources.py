"""The guideline sources drafts may use: the bundled excerpts, and the guideline index (opened on
the first draft that retrieves, built first if missing or if a bundled excerpt changed, then kept
for the life of this object) with a retriever for one case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from drafting.case import Case, DisputedItem
from drafting.context import Retriever
from drafting.settings import Settings
from guideline_index.corpus import excerpts_by_id, load_corpus
from guideline_index.excerpt import Excerpt

Building = Callable[[], AbstractContextManager[Any]]


class GuidelineSources:
    def __init__(self, settings: Settings, building: Building = nullcontext):
        self.settings = settings
        self.building = building  # shown while the index is built (a spinner in the CLI)
        self._index: Any = None
        self._indexed: dict[str, Excerpt] | None = None

    def bundled(self) -> dict[str, Excerpt]:
        """The excerpts bundled with the package (what a draft without retrieval may cite)."""
        return excerpts_by_id()

    def index(self) -> tuple[Any, dict[str, Excerpt]]:
        """The guideline index and every excerpt it holds or the package bundles."""
        if self._index is None:
            from guideline_index.search import GuidelineIndex

            settings = self.settings
            index = GuidelineIndex(settings.index_dir, settings.chroma_host, settings.chroma_port)
            corpus = {e.id: e for e in load_corpus()}
            indexed = {i: e for i, e in index.catalog.excerpts.items() if e.origin == "corpus"}
            if indexed != corpus:  # an excerpt added, retired or reworded since the last build
                with self.building():
                    index.build()
            self._index, self._indexed = index, {**index.catalog.excerpts, **excerpts_by_id()}
        assert self._indexed is not None
        return self._index, self._indexed

    def searcher(self, case: Case, retrieval: bool
                 ) -> tuple[Mapping[str, Excerpt], Retriever | None]:
        """Every excerpt a section may be given, and (with retrieval) a search of the index for
        this case: its setting, the item's procedure, only excerpts in force on the item's date
        of service."""
        if not retrieval:
            return self.bundled(), None
        from guideline_index.filters import SearchFilters

        index, excerpts = self.index()

        def retrieve(query: str, item: DisputedItem | None) -> list[Excerpt]:
            filters = SearchFilters(setting=case.setting.value,
                                    procedure=item.procedure.value if item else None,
                                    on=item.date_of_service if item else None)
            return list(index.search(query, filters, k=3))

        return excerpts, retrieve
