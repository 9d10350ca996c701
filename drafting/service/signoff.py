"""The pre-sign checklist: what a physician must see and acknowledge before signing a draft
off. Each group is a kind of thing the signature vouches for despite it (eval findings,
placeholders left in the text, reviewer overrides of the criteria engine, required elements the
document type needs and the draft lacks); failed sections are blocking: the store refuses to
sign a draft whose section failed, so they cannot be acknowledged away.

Required elements per document type: ``drafting.elements.missing_elements`` (another session's
work) is used when it is installed, or any checker registered with ``use_required_elements``;
without one the group says that it was not checked. The draft is checked as it will be signed
(the signer's name and credentials on it), so the signature element is missing only if the
signer's profile lacks them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from drafting.case import Case
from drafting.draft import Draft
from drafting.store import OverrideRecord
from evals.checks.coherence import PLACEHOLDER
from evals.report import Report

# (draft, case) -> one line per required element the draft lacks
RequiredElements = Callable[[Draft, Case], list[str]]
_REQUIRED: list[RequiredElements] = []


def use_required_elements(checker: RequiredElements) -> None:
    """Register the checker of required elements per document type (the hook)."""
    _REQUIRED[:] = [checker]


def _required_checkers() -> list[RequiredElements]:
    if _REQUIRED:
        return list(_REQUIRED)
    try:  # the checker per document type, when that module is part of this installation
        from drafting.elements import missing_elements  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    return [missing_elements]


@dataclass(frozen=True)
class ChecklistGroup:
    """One kind of thing to acknowledge, with one line per instance."""

    kind: str  # findings, placeholders, overrides, required, failed
    title: str
    lines: list[str] = field(default_factory=list)
    blocking: bool = False  # cannot be acknowledged: fix it first
    note: str = ""
    checked: bool = True  # False: nothing could check this group

    @property
    def needs_acknowledging(self) -> bool:
        return bool(self.lines) and not self.blocking


@dataclass(frozen=True)
class Checklist:
    groups: list[ChecklistGroup]

    @property
    def blocked(self) -> bool:
        return any(g.blocking and g.lines for g in self.groups)

    def to_acknowledge(self) -> list[ChecklistGroup]:
        return [g for g in self.groups if g.needs_acknowledging]


def checklist(draft: Draft, case: Case, report: Report, overrides: list[OverrideRecord],
              signer: str | None = None, credentials: str | None = None) -> Checklist:
    """The checklist of ``draft`` (as a reviewer sees it) and its eval ``report``, to be
    signed by ``signer`` with ``credentials``."""
    titles = {s.key: s.title for s in draft.sections}
    failed = [f"{s.title} ({s.key}): {s.error or 'failed'}" for s in draft.sections
              if s.status == "failed"]
    found = Counter(f"{f.severity}: {titles.get(f.section, f.section)} — {f.check}: {f.message}"
                    for f in report.findings)  # the same finding on several sentences: once
    findings = [line + (f" (×{n})" if n > 1 else "") for line, n in found.items()]
    placeholders = [f"{s.title} ({s.key}): {', '.join(sorted(set(PLACEHOLDER.findall(s.text))))}"
                    + (" (the signature block is filled from your profile on export)"
                       if s.kind == "signature" else "")
                    for s in draft.sections if PLACEHOLDER.search(s.text)]
    overridden = [f"{o.item_id}" + (f" {o.criterion_id}" if o.criterion_id else " outcome")
                  + f" set to {o.value} by {o.author}: {o.reason}" for o in overrides]
    groups = [
        ChecklistGroup("failed", "Failed sections", failed, blocking=True,
                       note="Edit or regenerate them first: a draft with a failed section "
                            "cannot be signed."),
        ChecklistGroup("findings", "Eval findings", findings),
        ChecklistGroup("placeholders", "Placeholders left in the text", placeholders),
        ChecklistGroup("overrides", "Your overrides of the criteria engine", overridden),
    ]
    checkers = _required_checkers()
    if checkers:
        signed = draft.model_copy(update={"signed_off_by": signer or draft.signed_off_by,
                                          "signer_credentials": credentials or None})
        groups.append(ChecklistGroup("required", "Required elements missing",
                                     [line for check in checkers for line in check(signed, case)]))
    else:
        groups.append(ChecklistGroup("required", "Required elements missing", [], checked=False,
                                     note="Not checked: no checker of required elements per "
                                          "document type is installed yet."))
    return Checklist(groups)
