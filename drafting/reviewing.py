"""Review work on a stored draft that needs more than the store: the case it was drafted from,
the draft as a reviewer sees it (overrides applied, sign-off shown), and regenerating sections
from the current overrides. Regeneration always makes a new version: an edit is never lost."""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from drafting.backends.base import Backend
from drafting.case import Case, CaseFileError, Problem, case_file_hash, load_case
from drafting.case.vocab import DocumentType, Perspective
from drafting.context import Retriever
from drafting.draft import Draft, SectionDraft
from drafting.outline import plan_sections
from drafting.overrides import apply_overrides, as_reviewer_overrides
from drafting.pipeline import draft_section, prepare, with_overrides
from drafting.settings import Settings
from drafting.stages import StageLog
from drafting.store import DraftStore
from guideline_index.excerpt import Excerpt


class StoredCaseError(ValueError):
    """The case a draft was made from cannot be recovered."""


def load_case_text(text: str, name: str = "case.yaml") -> Case:
    """Validate case file text exactly as a file of that name would be validated."""
    suffix = Path(name).suffix or ".yaml"
    with tempfile.TemporaryDirectory(prefix="necessity-case-") as directory:
        path = Path(directory) / f"{Path(name).stem}{suffix}"
        path.write_text(text, encoding="utf-8")
        return load_case(path)


def case_from_text(text: str, validated: str | None, name: str) -> Case:
    """A stored case: its validated JSON if stored and still valid for this version of the case
    model (no parsing, a millisecond), else its text validated again."""
    if validated is not None:
        try:
            return Case.model_validate_json(validated)
        except ValidationError:
            pass  # written by an older case model: validate the text instead
    return load_case_text(text, name)


def read_case_bytes(data: bytes, name: str) -> tuple[Case, str]:
    """Validate a case file's bytes (an upload, a request body) as a file called ``name`` would
    be; returns the case and its text. Problems are raised as one CaseFileError naming
    ``name``, line and field."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileError(name, [Problem((), f"the file is not UTF-8 text (byte {exc.start})",
                                           "save it as UTF-8 YAML or JSON")]) from None
    try:
        return load_case_text(text, name), text
    except CaseFileError as exc:
        raise CaseFileError(name, exc.problems) from None


def stored_case(store: DraftStore, draft_id: str) -> Case:
    """The case of a stored draft, from the text stored with it (or, for a draft stored before
    the store kept case files, from its path if the file is unchanged), with the draft's
    document type and perspective."""
    stored = store.stored_case(draft_id)
    text = stored.content
    if text is None and stored.path and Path(stored.path).is_file():
        data = Path(stored.path).read_bytes()
        if case_file_hash(data) == stored.case_hash:
            text = data.decode("utf-8")
    if text is None:
        raise StoredCaseError(
            f"draft {draft_id}: the case file it was drafted from ({stored.path or 'no path'}, "
            f"sha256 {stored.case_hash[:12]}) is not stored and not on disk unchanged")
    case = case_from_text(text, stored.validated, stored.path or f"{stored.case_id}.yaml")
    summary = store.summary(draft_id)
    return with_overrides(case, DocumentType(summary.document_type),
                          Perspective(summary.perspective))


def reviewed_draft(store: DraftStore, draft_id: str) -> Draft:
    """The draft at its latest section versions, with the physician's overrides applied to its
    criteria results and listed, and its sign-off (if any): what an export shows."""
    draft = store.load_draft(draft_id)
    records = store.overrides(draft_id)
    summary = store.summary(draft_id)
    return draft.model_copy(update={
        "criteria": apply_overrides(draft.criteria, records),
        "overrides": as_reviewer_overrides(records, draft.criteria),
        "signed_off_by": summary.signed_off_by, "signed_off_at": summary.signed_off_at})


def affected_sections(case: Case, item_ids: set[str]) -> list[str]:
    """Keys of the sections whose prompt rests on the criteria results of any of these items:
    the items' own sections, and sections given every item's results or the facts chosen by
    them (gaps, objections, deciding criteria)."""
    keys = []
    for planned in plan_sections(case, case.document_type):
        spec = planned.spec
        own = planned.item is not None and planned.item.id in item_ids
        if (spec.criteria == "item" and own) or spec.criteria == "all" or (
                spec.facts in {"gaps", "objections", "deciding"}) or (
                spec.facts == "item" and own):
            keys.append(planned.key)
    return keys


@dataclass(frozen=True)
class Regenerated:
    key: str
    version: int
    previous_version: int
    previous_author: str
    section: SectionDraft


async def _draft(prepared, backend: Backend, case: Case, excerpts: dict[str, Excerpt],  # type: ignore[no-untyped-def]
                 settings: Settings) -> list[SectionDraft]:
    semaphore = asyncio.Semaphore(settings.concurrency)
    known = set(excerpts)
    try:
        return list(await asyncio.gather(*(
            draft_section(p, backend, case, known, semaphore, settings, lambda k, e: None)
            for p in prepared)))
    finally:
        close = getattr(backend, "aclose", None)
        if close is not None:
            await close()


def regenerate(store: DraftStore, draft_id: str, keys: list[str], backend: Backend,
               settings: Settings, excerpts: dict[str, Excerpt], retrieve: Retriever | None,
               requested_by: str, reason: str) -> list[Regenerated]:
    """Draft the sections ``keys`` again from the case with the draft's current overrides
    applied, and store each as its next version (earlier versions, edits included, stay)."""
    case = stored_case(store, draft_id)
    draft = store.load_draft(draft_id)
    if not draft.criteria:
        raise ValueError(f"draft {draft_id} has not finished (no criteria results); finish or "
                         "resume its run before regenerating sections")
    stored = {s.key: s for s in draft.sections}
    unknown = [k for k in keys if k not in stored]
    if unknown:
        raise ValueError(f"draft {draft_id} has no section {', '.join(map(repr, unknown))}; its "
                         f"sections are: {', '.join(stored)}")
    results = apply_overrides(draft.criteria, store.overrides(draft_id))
    _, prepared = prepare(case, excerpts, retrieve, StageLog(), results)
    chosen = [p for p in prepared if p.planned.key in keys]
    missing = set(keys) - {p.planned.key for p in chosen}
    if missing:
        raise ValueError(f"the outline of a {case.document_type.value} no longer has section(s) "
                         f"{', '.join(sorted(missing))}; they cannot be regenerated")
    sections = asyncio.run(_draft(chosen, backend, case, excerpts, settings))
    done = []
    for section in sections:
        before = store.history(draft_id)
        previous = max((h for h in before if h.key == section.key), key=lambda h: h.version)
        version = store.save_regenerated(draft_id, section, requested_by, reason,
                                         backend=backend.name, model=backend.model)
        done.append(Regenerated(section.key, version, previous.version, previous.author,
                                section))
    return done
