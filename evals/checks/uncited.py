"""Sentences that state patient-specific facts or guideline requirements without a citation.

Details the case file itself states (the disputed items, the record inventory, key dates) may be
restated without a fact citation; anything else specific to the patient needs one."""

from __future__ import annotations

import re

from evals import claims
from evals.checks.support import content_words, word_set
from evals.context import EvalContext
from evals.findings import Finding

RESTATEMENT_FLOOR = 0.5  # share of a sentence's distinctive words taken from one fact
COPY_FLOOR = 0.8  # share of all a sentence's content words taken from one fact (a copied fact)
COPY_MIN_WORDS = 6
SILENT_MIN_SENTENCES = 3  # a section this long that was given facts must cite one
# The opinion's own vocabulary, which says nothing about the patient.
OPINION_WORDS = set(content_words("reasonable degree medical medically probability necessary "
                                  "necessity criterion criteria record records documented "
                                  "opinion outcome denial reversed approved supplied packet"))


def restated_fact(ctx: EvalContext, text: str) -> str | None:
    """The fact an uncited sentence restates: most of its words that the case file does not
    state anyway (item names, inventory titles) come from that fact's statement, or nearly all
    of its words do."""
    known = word_set(ctx.known_text)
    words = [w for w in content_words(text) if w not in known and w not in OPINION_WORDS]
    every = [w for w in content_words(_without_known(ctx, text)) if w not in OPINION_WORDS]
    if len(words) < 4 and len(every) < COPY_MIN_WORDS:
        return None
    for fact_id, have in ctx.fact_words:
        found = have.__contains__
        if len(words) >= 4 and sum(map(found, words)) / len(words) >= RESTATEMENT_FLOOR:
            return fact_id
        # A fact copied nearly whole, even when the request or inventory says the same thing.
        if len(every) >= COPY_MIN_WORDS and \
                sum(map(found, every)) / len(every) >= COPY_FLOOR:
            return fact_id
    return None


def case_statement(ctx: EvalContext) -> str:
    """What the case file itself states about the request, without the criteria engine's
    notes (which restate facts): items, patient, diagnoses, question, documents, criterion
    statements."""
    case = ctx.case.model_dump_json(include={"patient", "diagnoses", "disputed_items",
                                             "documents", "question", "prior_decision"})
    return f"{case} {' '.join(c.statement for r in ctx.draft.criteria for c in r.criteria)}"


def anchored_fact(ctx: EvalContext, text: str, stated: str) -> tuple[str, str] | None:
    """The fact an uncited sentence draws on, found by an anchor that fact holds (a pain
    score, percentage, dose, count or span; a date or month it is dated; a spinal level) and
    words it shares with that fact beyond what the case file ``stated`` anyway: (fact id,
    what)."""
    said = claims.quantities(text) - claims.quantities(stated)
    months = claims.month_years(text) | {(d.year, d.month) for d in claims.dates(text)}
    levels = claims.levels(text) - claims.levels(stated)
    if not (said or months or levels):
        return None
    known = word_set(stated)
    words = {w for w in content_words(text) if w not in known and w not in OPINION_WORDS}
    if not words:
        return None  # every anchor needs a word shared with the fact
    for fact in ctx.case.facts:
        shared = len(words & word_set(fact.statement))
        if not shared:
            continue
        source = ctx.source_text(fact.id) or ""
        values = said & claims.quantities(source)
        if values and shared >= 1:
            kind, value = sorted(values)[0]
            return fact.id, f"{value:g} ({kind})"
        dated = {(d.year, d.month) for d in (fact.date, fact.end_date) if d}
        if months & dated and shared >= 2:
            return fact.id, "its date"
        if levels & claims.levels(source) and shared >= 2:
            return fact.id, "its level"
    return None


REQUIREMENT = re.compile(r"\b(requires?|recommends?|must|is covered only|are covered only|"
                         r"is not recommended|are not recommended)\b", re.I)
CLINICAL = re.compile(r"\b(mg|mcg|MME|percent|%|relief|MRI|EMG|x-?ray|radiculopathy|"
                      r"straight-leg|reflex|opioid|injection|therapy|ODI|Oswestry)\b", re.I)


QUOTED = re.compile(r'"[^"]*(?:"|$)|“[^”]*(?:”|$)')  # a quote may run past the sentence end
HEADING = re.compile(r"^\*\*.*?\*\*")


def _without_known(ctx: EvalContext, text: str) -> str:
    """The sentence minus quotations, bold headings and the phrases the case file states
    (criterion statements, question, services, titles, reasons): the draft's own assertion."""
    text = QUOTED.sub("", HEADING.sub("", text)).lower()
    for phrase in ctx.known_phrases:
        text = text.replace(phrase, "")
    return text


def check_uncited(ctx: EvalContext) -> list[Finding]:
    known = ctx.known_text
    known_numbers, known_dates = claims.numbers(known), claims.dates(known)
    known_levels, known_sides = claims.levels(known), claims.sides(known)
    stated = case_statement(ctx)
    findings = []
    for sentence in ctx.sentences:
        if sentence.markers:
            continue
        plain = sentence.plain
        specific = (claims.numbers(plain) - known_numbers) | {
            d.toordinal() for d in claims.dates(plain) - known_dates}
        specific |= {hash(x) for x in claims.levels(plain) - known_levels}
        specific |= {hash(x) for x in claims.sides(plain) - known_sides}
        source = restated_fact(ctx, plain)
        if source:
            findings.append(Finding(check="uncited_claims", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text,
                                    message=f"restates {source} without citing it"))
        elif claims.dates(plain) - known_dates:
            findings.append(Finding(check="uncited_claims", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text,
                                    message="a date the case file does not state outright, "
                                            "without a citation"))
        elif anchored := anchored_fact(ctx, plain, stated):
            findings.append(Finding(check="uncited_claims", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text,
                                    message=f"states {anchored[1]} of {anchored[0]} without "
                                            f"citing it"))
        elif specific and CLINICAL.search(plain):
            findings.append(Finding(check="uncited_claims", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text,
                                    message="patient-specific claim without a citation"))
        elif REQUIREMENT.search(_without_known(ctx, sentence.text)) and \
                "[G:" not in sentence.text:
            findings.append(Finding(check="uncited_claims", severity="warning",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text,
                                    message="states a guideline requirement without citing it"))
    findings += _silent_sections(ctx)
    return findings


def _silent_sections(ctx: EvalContext) -> list[Finding]:
    """A section given facts that cites none of them, over several sentences, has made claims
    about the patient without grounding any (a model ignoring the citation rule)."""
    found = []
    for section in ctx.draft.sections:
        said = [s for s in ctx.sentences if s.section is section]
        if section.fact_ids and len(said) >= SILENT_MIN_SENTENCES and \
                not any(s.markers for s in said):
            found.append(Finding(
                check="uncited_claims", severity="error", section=section.key, sentence=None,
                text=section.text[:300], message=f"cites nothing in {len(said)} sentences "
                f"though it was given {len(section.fact_ids)} fact(s)"))
    return found
