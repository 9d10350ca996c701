"""Every citation marker resolves to a fact of the case or an excerpt of the index, and was among
what its section was given."""

from __future__ import annotations

from drafting.citations import check_citations
from evals.context import EvalContext
from evals.findings import Finding


def check_citation_validity(ctx: EvalContext) -> list[Finding]:
    findings = []
    for section in ctx.draft.sections:
        checked = check_citations(section.text, case_facts=ctx.facts,
                                  known_excerpts=ctx.excerpts, supplied_facts=section.fact_ids,
                                  supplied_excerpts=section.excerpt_ids)
        for citation in checked:
            if not citation.valid:
                sentence = next((s.text for s in ctx.sentences if s.section is section
                                 and s.index == citation.sentence), "")
                findings.append(Finding(check="citation_validity", severity="error",
                                        section=section.key, sentence=citation.sentence,
                                        text=sentence, message=citation.problem or "invalid"))
    return findings
