"""Review use cases on a stored draft: the draft as a reviewer sees it (overrides applied,
sign-off shown), the case it was drafted from, edits, overrides, sign-off, and regenerating
sections from the current overrides. Every change is a new version or record, never an
overwrite, and is audited; regeneration always makes a new version, so an edit is never lost."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from drafting.case import Case, case_file_hash, case_from_text, recast
from drafting.case.vocab import DocumentType, Perspective
from drafting.draft import Citation, Draft, SectionDraft
from drafting.outline import plan_sections
from drafting.overrides import apply_overrides, as_reviewer_overrides
from drafting.service.drafting import Drafting
from drafting.stages import CheckCitations, StageRunner, generate, prepare
from drafting.store import DraftStore, OverrideRecord, UnknownSectionError
from drafting.store.review import edit_in

# The most a section's text may hold: a generous page count for one section (the longest
# outline budget is a few hundred words); 1 MB pasted by mistake became a 269-page PDF.
SECTION_TEXT_LIMIT = 20_000  # characters, about 3,000 words or six pages


class SectionTooLongError(ValueError):
    """A section's text is over ``SECTION_TEXT_LIMIT``; nothing is stored."""

    def __init__(self, key: str, length: int, limit: int = SECTION_TEXT_LIMIT):
        super().__init__(
            f"section {key!r}: the text has {length:,} characters; a section holds at most "
            f"{limit:,} (about {limit // 7:,} words). Nothing was saved: shorten it (or move "
            "material to another section) and save again")
        self.key, self.length, self.limit = key, length, limit


def check_length(key: str, text: str) -> None:
    if len(text.strip()) > SECTION_TEXT_LIMIT:
        raise SectionTooLongError(key, len(text.strip()))


class StoredCaseError(ValueError):
    """The case a draft was made from cannot be recovered."""


@dataclass(frozen=True)
class Regenerated:
    key: str
    version: int
    previous_version: int
    previous_author: str
    section: SectionDraft


@dataclass(frozen=True)
class Edited:
    key: str
    version: int
    invalid_citations: list[Citation]


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


class Review:
    def __init__(self, drafting: Drafting):
        self.drafting = drafting

    @property
    def store(self) -> DraftStore:
        return self.drafting.store

    def case(self, draft_id: str) -> Case:
        """The case of a stored draft, from the text stored with it (or, for a draft stored
        before the store kept case files, from its path if the file is unchanged), with the
        draft's document type and perspective."""
        store = self.store
        stored = store.stored_case(draft_id)
        text = stored.content
        if text is None and stored.path and Path(stored.path).is_file():
            data = Path(stored.path).read_bytes()
            if case_file_hash(data) == stored.case_hash:
                text = data.decode("utf-8")
        if text is None:
            raise StoredCaseError(
                f"draft {draft_id}: the case file it was drafted from ({stored.path or 'no path'}"
                f", sha256 {stored.case_hash[:12]}) is not stored and not on disk unchanged")
        case = case_from_text(text, stored.validated, stored.path or f"{stored.case_id}.yaml")
        summary = store.summary(draft_id)
        return recast(case, DocumentType(summary.document_type),
                      Perspective(summary.perspective))

    def reviewed(self, draft_id: str) -> Draft:
        """The draft at its latest section versions, with the physician's overrides applied to
        its criteria results and listed, and its sign-off (if any): what an export shows."""
        store = self.store
        draft = store.load_draft(draft_id)
        records = store.review.overrides(draft_id)
        summary = store.summary(draft_id)
        return draft.model_copy(update={
            "criteria": apply_overrides(draft.criteria, records),
            "overrides": as_reviewer_overrides(records, draft.criteria),
            "signed_off_by": summary.signed_off_by, "signed_off_at": summary.signed_off_at,
            "signer_credentials": summary.signer_credentials})

    def edit(self, draft_id: str, key: str, text: str, author: str, reason: str, *,
             conn: sqlite3.Connection | None = None,
             citations: list[Citation] | None = None,
             base_version: int | None = None) -> Edited:
        """Store a reviewer's text as the section's next version, its citation markers checked
        (invalid ones are returned, and kept: a reviewer may still be working on them). Inside
        the transaction ``conn`` if given (the API's idempotency record commits with it); the
        citations must then be checked first (``check``), since checking reads the store.
        ``base_version``: the version the text was started from; a save made after someone
        else's is refused (StaleSectionError), nothing stored."""
        text = text.strip()
        if not text:
            raise ValueError(f"section {key!r}: the text is empty; a section cannot be edited "
                             "to nothing")
        check_length(key, text)
        if citations is None:
            if conn is not None:
                raise ValueError("check the citations (review.check) before the transaction")
            citations = self.check(draft_id, key, text)
        if conn is None:
            version = self.store.review.edit_section(draft_id, key, text, author, reason,
                                                     citations=citations,
                                                     base_version=base_version)
        else:
            version = edit_in(conn, draft_id, key, text, author, reason, citations,
                              base_version=base_version)
        return Edited(key, version, [c for c in citations if not c.valid])

    def check(self, draft_id: str, key: str, text: str) -> list[Citation]:
        """A reviewer's text's citations, checked exactly as the pipeline checks a section's:
        against the case's facts and the facts and excerpts given to that section."""
        text = text.strip()
        draft = self.store.load_draft(draft_id)
        section = next((s for s in draft.sections if s.key == key), None)
        if section is None:
            raise UnknownSectionError(draft_id, key)
        known = {*self.drafting.sources.bundled(), *(e for s in draft.sections
                                                      for e in s.excerpt_ids)}
        try:
            facts = {f.id for f in self.case(draft_id).facts}
        except StoredCaseError:  # a draft stored without its case: the facts its sections had
            facts = {f for s in draft.sections for f in s.fact_ids}
        return CheckCitations(facts, known).run(section.model_copy(update={"text": text}))

    def override(self, draft_id: str, item_id: str, criterion_id: str | None, value: str,
                 reason: str, author: str) -> tuple[OverrideRecord, list[str]]:
        """Record an override (reason required); returns it and the keys of the sections that
        rest on the item (their stored text is unchanged until they are regenerated)."""
        record = self.store.review.override(draft_id, item_id, criterion_id, value, reason, author)
        return record, affected_sections(self.case(draft_id), {item_id})

    def sign_off(self, draft_id: str, author: str, credentials: str | None = None) -> None:
        self.store.review.sign_off(draft_id, author, credentials)

    def sections_for(self, draft_id: str, keys: list[str], affected: set[str]) -> list[str]:
        """``keys`` and the sections resting on the ``affected`` disputed items."""
        chosen = list(keys)
        if affected:
            case = self.case(draft_id)
            unknown = affected - {i.id for i in case.disputed_items}
            if unknown:
                raise ValueError(f"the case has no disputed item {', '.join(sorted(unknown))}")
            chosen += [k for k in affected_sections(case, affected) if k not in chosen]
        if not chosen:
            raise ValueError("name the sections to regenerate, or the disputed items whose "
                             "sections to regenerate")
        return chosen

    def regenerate(self, draft_id: str, keys: list[str], requested_by: str, reason: str, *,
                   backend: str | None = None, retrieval: bool | None = None
                   ) -> list[Regenerated]:
        """Draft the sections ``keys`` again from the case with the draft's current overrides
        applied, and store each as its next version (earlier versions, edits included, stay).
        Retrieval: as the draft was made unless ``retrieval`` says otherwise."""
        store = self.store
        sections, name, model = self.propose(draft_id, keys, backend=backend,
                                             retrieval=retrieval)
        done = []
        for section in sections:
            before = store.history(draft_id)
            previous = max((h for h in before if h.key == section.key), key=lambda h: h.version)
            version = store.review.save_regenerated(draft_id, section, requested_by, reason,
                                                    backend=name, model=model)
            done.append(Regenerated(section.key, version, previous.version, previous.author,
                                    section))
        return done

    def propose(self, draft_id: str, keys: list[str], *, backend: str | None = None,
                retrieval: bool | None = None) -> tuple[list[SectionDraft], str, str]:
        """The sections ``keys`` drafted again (as ``regenerate``) without storing them: a
        proposal to show beside the current text; returns them and the backend's name and
        model. ``accept`` stores one."""
        store, drafting = self.store, self.drafting
        engine = drafting.backend(backend)
        case = self.case(draft_id)
        draft = store.load_draft(draft_id)
        if not draft.criteria:
            raise ValueError(f"draft {draft_id} has not finished (no criteria results); finish "
                             "or resume its run before regenerating sections")
        stored = {s.key: s for s in draft.sections}
        unknown = [k for k in keys if k not in stored]
        if unknown:
            raise ValueError(f"draft {draft_id} has no section {', '.join(map(repr, unknown))};"
                             f" its sections are: {', '.join(stored)}")
        if retrieval is None:
            retrieval = bool(store.draft_options(draft_id).get(
                "retrieval", drafting.defaults.retrieval_if_unrecorded))
        runner = StageRunner()
        results = apply_overrides(draft.criteria, store.review.overrides(draft_id))
        prepared = prepare(case, drafting.ground(case, retrieval, runner), runner, results)
        missing = set(keys) - {p.planned.key for p in prepared.sections}
        if missing:
            raise ValueError(f"the outline of a {case.document_type.value} no longer has "
                             f"section(s) {', '.join(sorted(missing))}; they cannot be "
                             "regenerated")

        async def run() -> list[SectionDraft]:
            try:
                return await generate(prepared, case, engine, drafting.prices, runner,
                                      asyncio.Semaphore(drafting.settings.concurrency),
                                      keys=set(keys))
            finally:
                close = getattr(engine, "aclose", None)
                if close is not None:
                    await close()

        return asyncio.run(run()), engine.name, engine.model

    def accept(self, draft_id: str, section: SectionDraft, requested_by: str, reason: str, *,
               backend: str, model: str, base_version: int) -> int:
        """Store a proposed section as the section's next version, if the section is still at
        ``base_version`` (else StaleSectionError); a failed proposal is refused: it would
        replace text with nothing usable. Returns the new version."""
        if section.status == "failed":
            raise ValueError(f"section {section.key}: the regeneration failed ({section.error});"
                             " the current text is kept")
        return self.store.review.save_regenerated(draft_id, section, requested_by, reason,
                                                  backend=backend, model=model,
                                                  base_version=base_version)
