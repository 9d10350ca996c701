"""Every disputed item has its section and a conclusion; every failed or undocumented required
criterion is addressed; the outline's sections are all there."""

from __future__ import annotations

from drafting.case.vocab import DocumentType
from drafting.criteria.results import Status
from drafting.outline import plan_sections
from evals.checks.outcomes import stated_outcome
from evals.context import EvalContext
from evals.findings import Finding


def coverage_units(ctx: EvalContext) -> int:
    """Planned sections, item conclusions, and required criteria that are not met."""
    planned = len(plan_sections(ctx.case, DocumentType(ctx.draft.document_type)))
    unmet = sum(1 for r in ctx.draft.criteria for c in r.criteria
                if c.required and c.status is not Status.met)
    return planned + len(ctx.draft.criteria) + unmet


def check_coverage(ctx: EvalContext) -> list[Finding]:
    findings = []
    present = {s.key: s for s in ctx.draft.sections}
    for planned in plan_sections(ctx.case, DocumentType(ctx.draft.document_type)):
        section = present.get(planned.key)
        if section is None or (not section.text.strip() and section.status != "failed"):
            findings.append(Finding(check="coverage", severity="error", section=planned.key,
                                    sentence=None, text="", message="required section missing"))
    for result in ctx.draft.criteria:
        sections = [s for s in ctx.draft.sections if s.item_id == result.item_id]
        text = " ".join(s.text for s in sections)
        if not sections or stated_outcome(text) is None:
            findings.append(Finding(check="coverage", severity="error",
                                    section=sections[0].key if sections else result.item_id,
                                    sentence=None, text="", message=f"no conclusion for "
                                    f"{result.item_id} ({result.service})"))
        for criterion in result.criteria:
            if criterion.required and criterion.status is not Status.met and \
                    criterion.statement[:40].lower() not in text.lower():
                findings.append(Finding(
                    check="coverage", severity="error",
                    section=sections[0].key if sections else result.item_id, sentence=None,
                    text="", message=f"{criterion.status.value} criterion not addressed: "
                    f"{criterion.statement}"))
    return findings
