"""The thin layer between the pages and the engine: every call opens the draft store, does one
thing through the public APIs (case loader, drafting, review, evals, export) and closes it.
Nothing is kept in the browser session that the store does not also hold."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from drafting.backends.base import Backend
from drafting.backends.registry import create
from drafting.case import Case, case_file_hash
from drafting.draft import Draft
from drafting.recording import begin_stored_draft, draft_into_store
from drafting.reviewing import (
    Regenerated,
    affected_sections,
    read_case_bytes,
    reviewed_draft,
)
from drafting.reviewing import regenerate as regenerate_stored
from drafting.reviewing import stored_case as case_of_draft
from drafting.settings import Settings
from drafting.sources import excerpts_for
from drafting.store import AuditEntry, DraftStore, DraftSummary, HistoryEntry, OverrideRecord
from drafting.store.workers import is_alive
from evals.harness import evaluate_draft
from evals.report import Report
from guideline_index.corpus import excerpts_by_id
from guideline_index.excerpt import Excerpt

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "cases"
EXPORT_FORMATS = {"docx": "Word (DOCX)", "pdf": "PDF", "md": "Markdown", "json": "JSON"}


def example_cases() -> list[Path]:
    """The bundled synthetic example cases (none when the package is installed elsewhere)."""
    return sorted(EXAMPLES.glob("*.yaml")) if EXAMPLES.is_dir() else []


def read_case(data: bytes, name: str) -> tuple[Case, str]:
    """Validate a case file's bytes as a file called ``name`` would be; returns the case and
    its text. Problems are raised as one CaseFileError naming ``name``, line and field."""
    return read_case_bytes(data, name)


@contextmanager
def opened(settings: Settings) -> Iterator[DraftStore]:
    with DraftStore.open(settings.store_location) as store:
        yield store


def backend_for(settings: Settings) -> Backend:
    """The configured backend; raises BackendError (e.g. an external host without consent)."""
    return create(settings.backend, settings)


def status_of(summary: DraftSummary) -> str:
    """The stored status, with an unfinished draft whose process is gone shown as interrupted."""
    if summary.status == "in_progress" and is_alive(summary.worker) is False:
        return "interrupted"
    return summary.status


def list_drafts(settings: Settings) -> list[DraftSummary]:
    with opened(settings) as store:
        return store.list_drafts()


def new_draft(settings: Settings, case: Case, text: str, name: str, *, retrieval: bool,
              actor: str, progress: Callable[[str, str], None] | None = None) -> str:
    """Draft ``case`` into the store section by section; returns the draft id. If drafting
    stops (an error, the app closing) the draft is kept as incomplete with its sections."""
    engine = backend_for(settings)
    retrieve, excerpts = excerpts_for(settings, case, retrieval)
    case_hash = case_file_hash(text.encode("utf-8"))
    with opened(settings) as store:
        draft_id = begin_stored_draft(store, case, name, text, case_hash, engine, actor=actor,
                                      options={"retrieval": retrieval, "source": "ui"})
        try:
            asyncio.run(draft_into_store(store, draft_id, case, case_hash, engine, settings,
                                         excerpts, retrieve, actor=actor, progress=progress))
        except BaseException:
            store.interrupt_draft(draft_id, actor, "drafting in the app stopped")
            raise
    return draft_id


@dataclass(frozen=True)
class OpenDraft:
    """A stored draft as a reviewer sees it: latest versions, overrides applied."""

    summary: DraftSummary
    draft: Draft
    engine: Draft  # criteria as the engine decided them, before overrides
    case: Case
    history: list[HistoryEntry]
    overrides: list[OverrideRecord]

    @property
    def draft_id(self) -> str:
        return self.summary.draft_id

    def latest(self, key: str) -> HistoryEntry:
        return max((h for h in self.history if h.key == key), key=lambda h: h.version)

    def versions(self, key: str) -> list[HistoryEntry]:
        return [h for h in self.history if h.key == key]


def open_draft(settings: Settings, draft_id: str) -> OpenDraft:
    with opened(settings) as store:
        return OpenDraft(summary=store.summary(draft_id), draft=reviewed_draft(store, draft_id),
                         engine=store.load_draft(draft_id), case=case_of_draft(store, draft_id),
                         history=store.history(draft_id), overrides=store.overrides(draft_id))


def excerpts() -> dict[str, Excerpt]:
    return excerpts_by_id()


def evaluate(view: OpenDraft) -> Report:
    """The eval harness on the draft's latest versions (no embeddings: fast, deterministic)."""
    return evaluate_draft(view.draft, view.case, excerpts(), use_embeddings=False)


def edit_section(settings: Settings, draft_id: str, key: str, text: str, author: str,
                 reason: str) -> tuple[int, list[str]]:
    """Store the text as the section's next version; returns it and any invalid citations."""
    with opened(settings) as store:
        version = store.edit_section(draft_id, key, text.strip(), author, reason)
        section = next(s for s in store.load_draft(draft_id).sections if s.key == key)
    return version, [f"[{c.marker}] {c.problem}" for c in section.invalid_citations]


def regenerate(settings: Settings, draft_id: str, keys: list[str], author: str,
               reason: str) -> list[Regenerated]:
    """Draft the sections again with the configured backend and the current overrides; each
    becomes the section's next version (an edit is never overwritten)."""
    engine = backend_for(settings)
    with opened(settings) as store:
        case = case_of_draft(store, draft_id)
        retrieval = bool(store.draft_options(draft_id).get("retrieval", False))
        retrieve, found = excerpts_for(settings, case, retrieval)
        return regenerate_stored(store, draft_id, keys, engine, settings, found, retrieve,
                                 author, reason)


def override(settings: Settings, draft_id: str, item_id: str, criterion_id: str | None,
             value: str, reason: str, author: str) -> tuple[OverrideRecord, list[str]]:
    """Record an override (reason required); returns it and the sections resting on the item."""
    with opened(settings) as store:
        record = store.override(draft_id, item_id, criterion_id, value, reason, author)
        keys = affected_sections(case_of_draft(store, draft_id), {item_id})
    return record, keys


def export(settings: Settings, draft_id: str, formats: list[str], author: str
           ) -> dict[str, Path]:
    """Write the reviewed draft in each format under <data dir>/exports/<draft id>/ and log it."""
    from drafting.export import export as write

    with opened(settings) as store:
        draft = reviewed_draft(store, draft_id)
        written = write(draft, settings.data_dir / "exports" / draft_id, formats)
        store.record_exports(draft_id, written, author)
    return written


def diff(settings: Settings, draft_id: str, key: str, v1: int, v2: int) -> tuple[str, str, str]:
    """The two versions' texts and their unified diff."""
    with opened(settings) as store:
        return (store.section_text(draft_id, key, v1), store.section_text(draft_id, key, v2),
                store.diff(draft_id, key, v1, v2))


def audit(settings: Settings, draft_id: str) -> list[AuditEntry]:
    with opened(settings) as store:
        return store.audit(draft_id)


def cases_dir(settings: Settings) -> Path:
    """Where the app keeps the case files it writes (the Intake page): <data dir>/cases."""
    return settings.data_dir / "cases"


def saved_cases(settings: Settings) -> list[Path]:
    """Case files saved by the Intake page, by name."""
    folder = cases_dir(settings)
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")) \
        if folder.is_dir() else []
