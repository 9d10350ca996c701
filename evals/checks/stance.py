"""An advocacy draft (pre-denial dossier, appeal letter, letter of medical necessity) argues for
its requester: it never concludes that a requested item is not medically necessary, nor concedes
a denial's objection. Where the record is weak it says what to add, in a note to the physician
that the letter does not contain ("**Before sending.**", "**To add before submitting.**").

Read where a draft states its own conclusions: an item's section, the conclusion, the answers to
objections, the checklist and the opening. Not read: a criterion's statement in bold (the
guideline's words), a sentence citing a guideline (it states the standard), and quotations (what
the denial or a party said), and the checklist's boxes ("- [ ] <a record's title>": a title such
as "peer review finding the injections not medically necessary" names a record to attach). Any
backend's draft is read the same way; the offline composer's
drafts of the bundled examples give no finding (tests/test_document_types.py)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from drafting.case.vocab import DocumentType
from drafting.draft import Draft
from drafting.outline import load_outline
from evals.checks.outcomes import stated_outcome
from evals.context import MARKER, EvalContext
from evals.findings import Finding

NOTE_LEADS = ("**Before sending.**", "**To add before submitting.**")
CONCLUDING = frozenset({"item_analysis", "conclusion", "objections", "checklist", "opening"})
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9*\[\"“(])")
_CHECKBOX = re.compile(r"\s*- \[[ xX]\] ")
_BOLD_LEAD = re.compile(r"^\*\*[^*]+\*\*")
_CONCEDES = re.compile(r"\b(?:objection|denial) (?:is|was) (?:sound|correct|justified)\b|"
                       r"\bsupports? the (?:objection|denial)\b", re.I)


@cache
def _advocates(document_type: str) -> bool:
    try:
        return load_outline(DocumentType(document_type)).stance == "advocacy"
    except ValueError:
        return False


def _letter_text(paragraph: str) -> str:
    """A paragraph as the letter says it: without the note to the physician, a bold criterion
    statement, sentences that cite a guideline, quotations and citation markers."""
    body = paragraph.lstrip("- ")
    for lead in NOTE_LEADS:
        body = body.split(lead, 1)[0]
    body = _BOLD_LEAD.sub("", body.strip())
    body = " ".join(s for s in _SENTENCE.split(body) if "[G:" not in s)
    return _QUOTED.sub("", MARKER.sub("", body))


def against_requester(draft: Draft) -> list[tuple[str, str, str]]:
    """(section key, the words, what is wrong) for every paragraph of an advocacy draft that
    concludes against the request or concedes an objection."""
    if not _advocates(draft.document_type):
        return []
    found = []
    for section in draft.sections:
        if section.kind not in CONCLUDING or section.status == "failed":
            continue
        for paragraph in section.text.split("\n"):
            if _CHECKBOX.match(paragraph):
                continue
            body, outcome, concedes = _read(paragraph)
            if outcome not in (None, "necessary"):
                found.append((section.key, body, f"concludes {outcome} against its requester"))
            if concedes:
                found.append((section.key, body, "concedes the objection it should answer"))
    return found


@lru_cache(maxsize=4096)
def _read(paragraph: str) -> tuple[str, str | None, bool]:
    """A paragraph as the letter says it, the outcome it states and whether it concedes an
    objection (cached per paragraph: a case's drafts share most of theirs)."""
    body = _letter_text(paragraph)
    return body, stated_outcome(body), _CONCEDES.search(body) is not None


def clear_caches() -> None:
    """Forget every paragraph read (for timing on cold caches)."""
    _read.cache_clear()


def check_stance(ctx: EvalContext) -> list[Finding]:
    kind = ctx.draft.document_type.replace("_", " ")
    return [Finding(check="stance", severity="error", section=key, sentence=None,
                    text=body[:300], message=f"{what}: an advocacy draft ({kind}) argues for "
                    "the request and says what to add where the record is weak")
            for key, body, what in against_requester(ctx.draft)]


def advocacy_sections(ctx: EvalContext) -> int:
    """The units the check reads: concluding sections of an advocacy draft."""
    if not _advocates(ctx.draft.document_type):
        return 0
    return sum(1 for s in ctx.draft.sections if s.kind in CONCLUDING)
