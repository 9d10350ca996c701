"""Stage ``check_citations``: every citation marker in a section checked against the facts and
excerpts that section was given; and the sources (footnotes) of a draft's valid citations."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar

from drafting.case import Case
from drafting.citations import check_citations
from drafting.context import fact_label
from drafting.draft import Citation, SectionDraft, Source
from guideline_index.excerpt import Excerpt


class CheckCitations:
    name: ClassVar[str] = "check_citations"

    def __init__(self, case_facts: Collection[str], known_excerpts: Collection[str]):
        self.facts = case_facts
        self.known_excerpts = known_excerpts

    def run(self, section: SectionDraft) -> list[Citation]:
        return check_citations(section.text, case_facts=self.facts,
                               known_excerpts=self.known_excerpts,
                               supplied_facts=section.fact_ids,
                               supplied_excerpts=section.excerpt_ids)


def collect_sources(case: Case, sections: Sequence[SectionDraft],
                    excerpts: Mapping[str, Excerpt]) -> dict[str, Source]:
    """What each valid citation marker's footnote shows, first citation first."""
    facts = {f.id: f for f in case.facts}
    sources: dict[str, Source] = {}
    for citation in (c for s in sections for c in s.citations if c.valid):
        if citation.marker in sources:
            continue
        if citation.kind == "fact":
            fact = facts[citation.target]
            sources[citation.marker] = Source(marker=citation.marker, kind="fact",
                                              label=f"{fact.id}: {fact_label(case, fact)}",
                                              text=fact.statement)
        else:
            excerpt = excerpts[citation.target]
            sources[citation.marker] = Source(marker=citation.marker, kind="excerpt",
                                              label=excerpt.citation, text=excerpt.text)
    return sources
