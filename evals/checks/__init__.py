"""The checks: each turns an evaluation context into findings, and says what its score counts
(sentences, citations, items...) so a score is the share of those units without an error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from drafting.citations import citation_places
from drafting.citations import sentences as section_sentences
from evals import claims
from evals.checks import (
    absences,
    citations,
    coherence,
    consistency,
    entities,
    item_terms,
    learned,
    outcome_record,
    outcomes,
    polarity,
    reach,
    stance,
    support,
    uncited,
)
from evals.checks.absences import check_absences
from evals.checks.citations import check_citation_validity
from evals.checks.coherence import check_coherence
from evals.checks.consistency import check_consistency
from evals.checks.coverage import check_coverage, coverage_units
from evals.checks.currency import check_currency
from evals.checks.entities import check_entities
from evals.checks.learned import check_learned
from evals.checks.outcomes import check_outcomes
from evals.checks.polarity import check_polarity
from evals.checks.prose import check_prose
from evals.checks.stance import advocacy_sections, check_stance
from evals.checks.support import check_support
from evals.checks.uncited import check_uncited
from evals.context import FACT_INDEXES, FACT_KEYS, EvalContext, record_words
from evals.findings import Finding


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[EvalContext], list[Finding]]
    units: Callable[[EvalContext], int]
    unit: str
    description: str


def _citations(ctx: EvalContext) -> int:
    return ctx.citation_count


def _cited(ctx: EvalContext) -> int:
    return ctx.cited_count


def _guideline_citations(ctx: EvalContext) -> int:
    return sum(m.startswith("G:") for s in ctx.sentences for m in s.markers)


def _items(ctx: EvalContext) -> int:
    return sum(1 for r in ctx.draft.criteria if r.outcome)


CHECKS: dict[str, Check] = {c.name: c for c in (
    Check("citation_validity", check_citation_validity, _citations, "citations",
          "every marker resolves to a fact or excerpt the section was given"),
    Check("citation_support", check_support, _cited, "cited sentences",
          "the cited fact or excerpt supports the sentence"),
    Check("uncited_claims", check_uncited, lambda ctx: len(ctx.sentences), "sentences",
          "no patient-specific fact or guideline requirement stated without a citation"),
    Check("consistency", check_consistency, _cited, "cited sentences",
          "numbers, dates, sides and levels agree with the cited source"),
    Check("entities", check_entities, _cited, "cited sentences",
          "drugs, tests, procedures, devices, providers and regions are named in the source"),
    Check("polarity", check_polarity, _cited, "cited sentences",
          "no status reversed against the cited fact (done, positive, improved, stopped...)"),
    Check("absences", check_absences, lambda ctx: len(ctx.sentences), "sentences",
          "no sentence says the record lacks what a fact of the case records (the record, "
          "not the engine, is the reference)"),
    Check("outcomes", check_outcomes, _items, "items",
          "stated outcomes agree with the criteria result or a recorded override"),
    Check("stance", check_stance, advocacy_sections, "concluding sections",
          "an advocacy draft never concludes against its requester nor concedes an objection"),
    Check("coverage", check_coverage, coverage_units, "required parts",
          "every section, item conclusion and unmet criterion is there"),
    Check("currency", check_currency, _guideline_citations, "guideline citations",
          "cited excerpts apply: in force on the date of service, written for the case's setting "
          "and one of its procedures"),
    Check("coherence", check_coherence, lambda ctx: len(ctx.sentences), "sentences",
          "the draft agrees with itself: no repeated sentence, one outcome per item, no leaked "
          "internal text, no placeholder left once signed"),
    Check("learned_support", check_learned, lambda ctx: len(ctx.sentences), "sentences",
          "the sentence classifier (not a language model) doubts no sentence: a doubt is a "
          "warning, never an error"),
    Check("prose", check_prose, lambda ctx: len(ctx.draft.sections), "sections",
          "sections are prose: no markup, code, data or echoed prompt"),
)}


def clear_caches() -> None:
    """Forget every text, sentence and section the checks have read, and what they found in it
    (for timing on cold caches: a new draft of a new case). Lexicons and compiled patterns stay
    loaded; so do embedding vectors (``support.clear_vectors``)."""
    claims.clear_caches()
    section_sentences.cache_clear()
    citation_places.cache_clear()
    for check in (absences, citations, coherence, consistency, entities, learned, polarity,
                  reach, stance, support, uncited):
        check.clear_caches()
    record_words.cache_clear()
    outcomes.stated_outcome.cache_clear()
    outcomes.decided_outcome.cache_clear()
    outcome_record.recorded_outcomes.cache_clear()
    # what was read of a case's items and its sentences' outcome marks
    # (tests/test_eval_cold_start.py names the caches kept for the process)
    item_terms._item.cache_clear()
    outcomes._marks.cache_clear()
    FACT_INDEXES.clear()
    FACT_KEYS.clear()
