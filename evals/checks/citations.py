"""Every citation marker resolves to a fact of the case or an excerpt of the index, and was among
what its section was given."""

from __future__ import annotations

# The grammar check_citations reads markers by (a marker it finds valid is one of these, among
# what the section was given): a section whose markers all are needs no further check.
from drafting.citations import _EXCERPT, _FACT, check_citations
from drafting.draft import SectionDraft
from evals.context import EvalContext
from evals.findings import Finding

# The invalid citations of each section, (sentence index, problem), by its text, what it was
# given and the case's fact and excerpt ids: the drafts of a case share many sections.
Key = tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str], frozenset[str]]
_FOUND: dict[Key, list[tuple[int, str]]] = {}
_MAX_FOUND = 4096


def clear_caches() -> None:
    """Forget every section checked (for timing on cold caches)."""
    _FOUND.clear()


def check_citation_validity(ctx: EvalContext) -> list[Finding]:
    findings = []
    facts = excerpts = None
    for section in ctx.draft.sections:
        if "[" not in section.text or _all_valid(ctx.section_citations[id(section)], section):
            continue  # no marker, or every marker valid: nothing to report
        if facts is None or excerpts is None:
            facts, excerpts = frozenset(ctx.facts), frozenset(ctx.excerpts)
        key = (section.text, tuple(section.fact_ids), tuple(section.excerpt_ids), facts,
               excerpts)
        invalid = _FOUND.get(key)
        if invalid is None:
            if len(_FOUND) >= _MAX_FOUND:
                _FOUND.clear()
            checked = check_citations(section.text, case_facts=facts, known_excerpts=excerpts,
                                      supplied_facts=section.fact_ids,
                                      supplied_excerpts=section.excerpt_ids)
            invalid = _FOUND[key] = [(c.sentence, c.problem or "invalid") for c in checked
                                     if not c.valid]
        for index, problem in invalid:
            sentence = next((s.text for s in ctx.sentences if s.section is section
                             and s.index == index), "")
            findings.append(Finding(check="citation_validity", severity="error",
                                    section=section.key, sentence=index, text=sentence,
                                    message=problem))
    return findings


def _all_valid(markers: list[tuple[str, int]], section: SectionDraft) -> bool:
    """Whether every marker of a section is well formed and was given to it."""
    for marker, _ in markers:
        if _FACT.match(marker):
            if marker not in section.fact_ids:
                return False
        elif (excerpt := _EXCERPT.match(marker)) is None or \
                excerpt.group(1) not in section.excerpt_ids:
            return False
    return True
