"""The thin layer between the pages and the drafting service: every call builds the service from
the session's settings, does one thing through its use cases (case loading, drafting, review,
export, evaluation) and closes it. Nothing is kept in the browser session that the store does
not also hold."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from drafting.backends.base import Backend
from drafting.case import Case
from drafting.draft import Draft, SectionDraft
from drafting.service import FORMAT_LABELS, DraftingService, DraftRequest, LoadedCase, Regenerated
from drafting.service.record_pages import FactPage, has_sources, keep_sources, page_image
from drafting.service.signoff import Checklist
from drafting.service.signoff import checklist as make_checklist
from drafting.settings import Settings
from drafting.store import AuditEntry, DraftSummary, HistoryEntry, OverrideRecord
from drafting.store.unsaved import Kind, Unsaved
from evals.report import Report
from guideline_index.corpus import excerpts_by_id
from guideline_index.excerpt import Excerpt

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "cases"
EXPORT_FORMATS = FORMAT_LABELS


def example_cases() -> list[Path]:
    """The bundled synthetic example cases (none when the package is installed elsewhere)."""
    return sorted(EXAMPLES.glob("*.yaml")) if EXAMPLES.is_dir() else []


def read_case(data: bytes, name: str) -> tuple[Case, str]:
    """Validate a case file's bytes as a file called ``name`` would be; returns the case and
    its text. Problems are raised as one CaseFileError naming ``name``, line and field."""
    loaded = DraftingService.read_case(data, name)
    return loaded.case, loaded.text or ""


@contextmanager
def opened(settings: Settings) -> Iterator[DraftingService]:
    with DraftingService(settings) as service:
        yield service


def backend_for(settings: Settings) -> Backend:
    """The configured backend; raises BackendError (e.g. an external host without consent)."""
    with opened(settings) as service:
        return service.drafting.backend()


status_of = DraftingService.status_of


def list_drafts(settings: Settings) -> list[DraftSummary]:
    with opened(settings) as service:
        return service.store.list_drafts()


def new_draft(settings: Settings, case: Case, text: str, name: str, *, retrieval: bool,
              actor: str, progress: Callable[[str, str], None] | None = None) -> str:
    """Draft ``case`` into the store section by section; returns the draft id. If drafting
    stops (an error, the app closing) the draft is kept as incomplete with its sections."""
    request = DraftRequest(LoadedCase.of(case, text, name), actor=actor, retrieval=retrieval,
                           options={"source": "ui"})
    with opened(settings) as service:
        draft_id, _ = service.drafting.draft(request, progress=progress,
                                             interrupted_because="drafting in the app stopped")
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
    with opened(settings) as service:
        store = service.store
        return OpenDraft(summary=store.summary(draft_id),
                         draft=service.review.reviewed(draft_id),
                         engine=store.load_draft(draft_id), case=service.review.case(draft_id),
                         history=store.history(draft_id),
                         overrides=store.review.overrides(draft_id))


def excerpts() -> dict[str, Excerpt]:
    return excerpts_by_id()


def evaluate(settings: Settings, view: OpenDraft) -> Report:
    """The eval harness on the draft's latest versions (no embeddings: fast, deterministic)."""
    with opened(settings) as service:
        return service.evaluation.draft(view.draft, view.case)


def save_edit(settings: Settings, draft_id: str, key: str, text: str, author: str,
                 reason: str) -> tuple[int, list[str]]:
    """Store the text as the section's next version; returns it and any invalid citations."""
    with opened(settings) as service:
        edited = service.review.edit(draft_id, key, text, author, reason)
    return edited.version, [f"[{c.marker}] {c.problem}" for c in edited.invalid_citations]


def regenerate(settings: Settings, draft_id: str, keys: list[str], author: str,
               reason: str) -> list[Regenerated]:
    """Draft the sections again with the configured backend and the current overrides; each
    becomes the section's next version (an edit is never overwritten)."""
    with opened(settings) as service:
        return service.review.regenerate(draft_id, keys, author, reason)


def override(settings: Settings, draft_id: str, item_id: str, criterion_id: str | None,
             value: str, reason: str, author: str) -> tuple[OverrideRecord, list[str]]:
    """Record an override (reason required); returns it and the sections resting on the item."""
    with opened(settings) as service:
        return service.review.override(draft_id, item_id, criterion_id, value, reason, author)


def export(settings: Settings, draft_id: str, formats: list[str], author: str
           ) -> dict[str, Path]:
    """Write the reviewed draft in each format under <data dir>/exports/<draft id>/ and log it."""
    with opened(settings) as service:
        _, written = service.exports.stored(draft_id, settings.data_dir / "exports" / draft_id,
                                            formats, author)
    return written


def sign_off(settings: Settings, draft_id: str, author: str) -> None:
    """Sign the draft off at its current versions; any later change voids it."""
    with opened(settings) as service:
        service.review.sign_off(draft_id, author)


def voided_sign_off(settings: Settings, draft_id: str) -> AuditEntry | None:
    """The audit entry voiding the draft's last sign-off (who signed, when, what changed), or
    None if it was never signed off or its sign-off stands."""
    with opened(settings) as service:
        entries = [e for e in service.store.audit(draft_id)
                   if e.action in {"signed_off", "sign_off_voided"}]
    return entries[-1] if entries and entries[-1].action == "sign_off_voided" else None


def diff(settings: Settings, draft_id: str, key: str, v1: int, v2: int) -> tuple[str, str, str]:
    """The two versions' texts and their unified diff."""
    with opened(settings) as service:
        store = service.store
        return (store.section_text(draft_id, key, v1), store.section_text(draft_id, key, v2),
                store.diff(draft_id, key, v1, v2))


def audit(settings: Settings, draft_id: str) -> list[AuditEntry]:
    with opened(settings) as service:
        return service.store.audit(draft_id)


def cases_dir(settings: Settings) -> Path:
    """Where the app keeps the case files it writes (the Intake page): <data dir>/cases."""
    return settings.data_dir / "cases"


def saved_cases(settings: Settings) -> list[Path]:
    """Case files saved by the Intake page, by name."""
    folder = cases_dir(settings)
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")) \
        if folder.is_dir() else []


# -- the physician app's working state: unsaved edits, proposals, sign-off (issue #21) ---------

def save_edit_from(settings: Settings, draft_id: str, key: str, text: str, author: str,
                   reason: str, base_version: int) -> tuple[int, list[str]]:
    """``save_edit`` naming the version the text was started from: refused with
    StaleSectionError (nothing stored) if the section has a later version."""
    with opened(settings) as service:
        edited = service.review.edit(draft_id, key, text, author, reason,
                                     base_version=base_version)
    return edited.version, [f"[{c.marker}] {c.problem}" for c in edited.invalid_citations]


def unsaved(settings: Settings, username: str, draft_id: str) -> dict[tuple[str, str], Unsaved]:
    """The user's unsaved edits and proposals in the draft, by (section key, kind)."""
    with opened(settings) as service:
        return {(u.key, u.kind): u for u in service.store.unsaved.of_draft(username, draft_id)}


def keep_unsaved(settings: Settings, username: str, draft_id: str, key: str, base_version: int,
                 text: str, reason: str) -> None:
    with opened(settings) as service:
        service.store.unsaved.keep(username, draft_id, key, base_version, text, reason)


def discard_unsaved(settings: Settings, username: str, draft_id: str, key: str,
                    kind: Kind = "edit") -> None:
    with opened(settings) as service:
        service.store.unsaved.discard(username, draft_id, key, kind)


def propose(settings: Settings, username: str, draft_id: str, key: str, base_version: int,
            reason: str) -> SectionDraft:
    """Regenerate the section with the configured backend as a proposal (kept for the user,
    not stored as a version); a failed one is returned and not kept."""
    with opened(settings) as service:
        sections, backend, model = service.review.propose(draft_id, [key])
        section = sections[0]
        if section.status != "failed":
            service.store.unsaved.propose(username, draft_id, key, base_version, section,
                                          reason, backend, model)
    return section


def accept_proposal(settings: Settings, username: str, draft_id: str, key: str,
                    author: str) -> int:
    """Store the user's proposal as the section's next version (refused if the section moved
    on since it was proposed); the proposal is then discarded."""
    with opened(settings) as service:
        proposal = service.store.unsaved.get(username, draft_id, key, "proposal")
        if proposal is None or proposal.section is None:
            raise ValueError(f"section {key}: no proposal to accept (discarded, or accepted in "
                             "another tab)")
        version = service.review.accept(draft_id, proposal.section, author,
                                        proposal.reason or "regenerated",
                                        backend=proposal.backend or "unknown",
                                        model=proposal.model or "unknown",
                                        base_version=proposal.base_version)
        service.store.unsaved.discard(username, draft_id, key, "proposal")
    return version


def sign_off_as(settings: Settings, draft_id: str, author: str, credentials: str) -> None:
    with opened(settings) as service:
        service.review.sign_off(draft_id, author, credentials)


def checklist(settings: Settings, view: OpenDraft, signer: str, credentials: str) -> Checklist:
    with opened(settings) as service:
        report = service.evaluation.draft(view.draft, view.case)
    return make_checklist(view.draft, view.case, report, view.overrides, signer, credentials)


def set_profile(settings: Settings, username: str, display_name: str, credentials: str) -> None:
    with opened(settings) as service:
        service.store.users.set_profile(username, display_name, credentials)


# -- the record beside the sentence: the PDF page a fact was read from (issue #21) -------------

def keep_record_sources(settings: Settings, case_id: str, sources: dict[str, bytes]) -> int:
    """Keep the PDFs of a case saved through intake; returns how many were kept."""
    return len(keep_sources(settings, case_id, sources))


def fact_page(settings: Settings, case: Case, fact_id: str) -> FactPage | None:
    """The page image of the fact's source when intake kept its PDF, else None."""
    return page_image(settings, case, fact_id)


def has_page_images(settings: Settings, case: Case) -> bool:
    """Whether the case's facts can be shown on their PDF pages (intake kept its PDFs)."""
    return has_sources(settings, case.id)
