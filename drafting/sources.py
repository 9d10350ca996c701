"""The guideline sources a draft may use: the guideline index (built on first use or when the
corpus changed), a retriever searching it for one case, and every excerpt a section may cite."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from drafting.case import Case
from drafting.context import Retriever
from drafting.settings import Settings
from guideline_index.corpus import excerpts_by_id, load_corpus
from guideline_index.excerpt import Excerpt

Building = Callable[[], AbstractContextManager[Any]]


def open_index(settings: Settings, building: Building = nullcontext):  # type: ignore[no-untyped-def]
    """The guideline index (built first, inside ``building()``, if it is missing or any bundled
    excerpt changed) and every excerpt a section may be given."""
    from guideline_index.search import GuidelineIndex

    index = GuidelineIndex(settings.index_dir, settings.chroma_host, settings.chroma_port)
    corpus = {e.id: e for e in load_corpus()}
    indexed = {i: e for i, e in index.catalog.excerpts.items() if e.origin == "corpus"}
    if indexed != corpus:  # an excerpt added, retired or reworded since the index was built
        with building():
            index.build()
    return index, {**index.catalog.excerpts, **excerpts_by_id()}


def retriever_for(index, case: Case) -> Retriever:  # type: ignore[no-untyped-def]
    """Search the index for a section of this case: its setting, the item's procedure, and only
    excerpts in force on the item's date of service."""
    from guideline_index.filters import SearchFilters

    def retrieve(query: str, item):  # type: ignore[no-untyped-def]
        filters = SearchFilters(setting=case.setting.value,
                                procedure=item.procedure.value if item else None,
                                on=item.date_of_service if item else None)
        return index.search(query, filters, k=3)

    return retrieve


def excerpts_for(settings: Settings, case: Case, retrieval: bool, building: Building = nullcontext
                 ) -> tuple[Retriever | None, dict[str, Excerpt]]:
    """The retriever (None without retrieval) and every excerpt a section may be given."""
    if not retrieval:
        return None, excerpts_by_id()
    index, excerpts = open_index(settings, building)
    return retriever_for(index, case), excerpts
