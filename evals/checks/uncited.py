"""Sentences that state patient-specific facts or guideline requirements without a citation.

Details the case file itself states (the disputed items, the record inventory, key dates) may be
restated without a fact citation; anything else specific to the patient needs one."""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import lru_cache
from itertools import chain

from evals import claims
from evals.checks.support import content_words, word_set
from evals.context import NOT_STATED, EvalContext
from evals.findings import Finding, Severity

RESTATEMENT_FLOOR = 0.5  # share of a sentence's distinctive words taken from one fact
COPY_FLOOR = 0.8  # share of all a sentence's content words taken from one fact (a copied fact)
COPY_MIN_WORDS = 6
MONTH_ANCHOR_WORDS = 5  # words an uncited sentence shares with a fact dated in its month
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
    said = content_words(text)
    words = [w for w in said if w not in known and w not in OPINION_WORDS]
    own = _without_known(ctx, text)  # the same words where nothing was taken out
    every = [w for w in (said if own == text.lower() else content_words(own))
             if w not in OPINION_WORDS]
    restates, copies = len(words) >= 4, len(every) >= COPY_MIN_WORDS
    if not restates and not copies:
        return None
    # How many of each list's words each fact holds (a word counted as often as it comes),
    # from the facts' index: only a fact holding some word can pass a floor.
    index = ctx.fact_index
    from_words = Counter(chain.from_iterable(index.get(w, ()) for w in words)) if restates \
        else Counter()
    from_every = Counter(chain.from_iterable(index.get(w, ()) for w in every)) if copies \
        else Counter()
    for i in sorted(from_words.keys() | from_every.keys()):  # in the facts' order
        if restates and from_words[i] / len(words) >= RESTATEMENT_FLOOR:
            return ctx.fact_words[i][0]
        # A fact copied nearly whole, even when the request or inventory says the same thing.
        if copies and from_every[i] / len(every) >= COPY_FLOOR:
            return ctx.fact_words[i][0]
    return None


def case_statement(ctx: EvalContext) -> str:
    """What the case file itself states about the request, without the criteria engine's
    notes (which restate facts): items, patient, diagnoses, question, documents, criterion
    statements."""
    case = ctx.case.model_dump_json(include={"patient", "diagnoses", "disputed_items",
                                             "documents", "question", "prior_decision"},
                                    exclude=NOT_STATED)
    return f"{case} {' '.join(c.statement for r in ctx.draft.criteria for c in r.criteria)}"


def anchored_fact(ctx: EvalContext, text: str, stated: str) -> tuple[str, str] | None:
    """The fact an uncited sentence draws on, found by an anchor that fact holds (a pain
    score, percentage, dose, count or span; a date or month it is dated, unless it is the date
    of a record or an item the sentence names, which the case file states; a spinal level) and
    words it shares with that fact beyond what the case file ``stated`` anyway: (fact id,
    what)."""
    sentence, case = claims.scan(text), claims.scan(stated)
    said = sentence.quantities - case.quantities if sentence.quantities else frozenset()
    months = sentence.month_years | {(d.year, d.month) for d in sentence.dates}
    if months:  # the date of a record or an item the sentence names is the case file's
        months -= {(d.year, d.month) for d in ctx.document_dates(text) | ctx.item_dates(text)}
    levels = sentence.levels - case.levels if sentence.levels else frozenset()
    if not (said or months or levels):
        return None
    known = word_set(stated)
    words = {w for w in content_words(text) if w not in known and w not in OPINION_WORDS}
    if not words:
        return None  # every anchor needs a word shared with the fact
    index, facts = ctx.fact_index, ctx.case.facts
    # (a decision's or a service's month is no anchor on one word)
    stated_months = {(d.year, d.month) for d in ctx.key_dates}
    shared = Counter(chain.from_iterable(index.get(w, ()) for w in words))
    for i in sorted(shared):  # the facts sharing a word, in their order
        fact = facts[i]
        source = claims.scan(ctx.source_text(fact.id) or "") if said or levels else None
        values = said & source.quantities if source and said else frozenset()
        if values:
            kind, value = sorted(values)[0]
            return fact.id, f"{value:g} ({kind})"
        dated = bool(months) and bool(
            months & {(d.year, d.month) for d in (fact.date, fact.end_date) if d})
        # the month a fact is dated and most of its words, though the case file states those
        # words too ("the February 2012 MRI showed a partial tear" where the diagnosis is the
        # tear): one word beyond the case file is enough
        if dated and shared[i] == 1 and months - stated_months and \
                len(word_set(text) & ctx.fact_words[i][1]) >= MONTH_ANCHOR_WORDS:
            return fact.id, "its date"
        if shared[i] < 2:
            continue
        if dated:
            return fact.id, "its date"
        if source and levels and levels & source.levels:
            return fact.id, "its level"
    return None


REQUIREMENT = re.compile(r"\b(requires?|recommends?|must|is covered only|are covered only|"
                         r"is not recommended|are not recommended)\b", re.I)
CLINICAL = re.compile(r"\b(mg|mcg|MME|percent|%|relief|MRI|EMG|x-?ray|radiculopathy|"
                      r"straight-leg|reflex|opioid|injection|therapy|ODI|Oswestry)\b", re.I)
# The same patterns for lower-case ASCII text, where they find the same without IGNORECASE;
# REQUIREMENT cannot match a text without one of these.
_REQUIREMENT_LOWER = re.compile(REQUIREMENT.pattern.lower())
_REQUIREMENT_WORDS = ("require", "recommend", "must", "covered only")
_CLINICAL_LOWER = re.compile(CLINICAL.pattern.lower())


QUOTED = re.compile(r'"[^"]*(?:"|$)|“[^”]*(?:”|$)')  # a quote may run past the sentence end
HEADING = re.compile(r"^\*\*.*?\*\*")


def _without_known(ctx: EvalContext, text: str) -> str:
    """The sentence minus quotations, bold headings and the phrases the case file states
    (criterion statements, question, services, titles, reasons): the draft's own assertion."""
    return _strip_known(ctx.known_phrases, text)


@lru_cache(maxsize=16384)
def _strip_known(phrases: tuple[str, ...], text: str) -> str:
    if text.startswith("**"):
        text = HEADING.sub("", text)
    if '"' in text or "“" in text:
        text = QUOTED.sub("", text)
    text = text.lower()
    for phrase in phrases:
        text = text.replace(phrase, "")
    return text


def clear_caches() -> None:
    """Forget every sentence read (for timing on cold caches)."""
    _strip_known.cache_clear()
    _known_counts.cache_clear()
    _FOUND.clear()


def _requirement(text: str) -> bool:
    """Whether a lower-case text states a requirement (REQUIREMENT)."""
    if not text.isascii():
        return REQUIREMENT.search(text) is not None
    return any(w in text for w in _REQUIREMENT_WORDS) and \
        _REQUIREMENT_LOWER.search(text) is not None


def _clinical(text: str) -> bool:
    if not text.isascii():
        return CLINICAL.search(text) is not None
    return _CLINICAL_LOWER.search(text.lower()) is not None


def _named(plain: str) -> bool:
    """Whether a sentence names something of the record's lexicon (a drug, test, scale,
    procedure, device, region...): its numbers are then about the patient."""
    from evals.checks.entities import lexicon

    return bool(lexicon().mentions(plain))


# "Right" as "correct", not a side: "the right next step", "the right choice for him".
_RIGHT_IDIOM = re.compile(r"\b(?:the|a|is|was) right (?=(?:next |first |last )?(?:step|thing|"
                          r"choice|course|approach|answer|decision|time|call|option|way|"
                          r"treatment|care|question)s?\b)", re.IGNORECASE)


def _specific(plain: str, known: claims.Claims, counts: frozenset[float] = frozenset()
              ) -> bool:
    """Whether a sentence states a number, date, month ("in July 2014"), level or side the case
    file does not (nor a count of what it lists: ``counts``, the number of items in dispute)."""
    if "right " in plain.lower() and _RIGHT_IDIOM.search(plain):
        plain = _RIGHT_IDIOM.sub(lambda m: m.group(0).replace("right", "proper")
                                 .replace("Right", "Proper"), plain)
    said = claims.scan(plain)  # (the case file's claims are read only where the sentence has some)
    return bool((said.levels and said.levels - known.levels) or
                (said.sides and said.sides - known.sides) or
                (said.dates and said.dates - known.dates) or
                (said.month_years and said.month_years - known.month_years -
                 {(d.year, d.month) for d in known.dates}) or
                (said.numbers and said.numbers - known.numbers - counts))


# A count of things done to or for the patient ("three lumbar epidurals", "two early refill
# requests", "14 separate fills", "two separate physicians"): a number and, within two words, a
# noun of the patient's history ("one" is left out: "one injection now", "one supervised
# session" weigh a single thing rather than count the history; so are the requests, which the
# case file counts as its items). A count the case file states of the same noun (an item, a
# criterion: "two diagnostic blocks") may be restated; the same number of another noun (a page
# count, a quantity) is no source for it.
_COUNT = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
    r"(?:[\s-]+[a-z]+){0,2}?[\s-]+(injections?|epidurals?|blocks?|fills?|refills?|sessions?|"
    r"visits?|treatments?|procedures?|operations?|surger(?:y|ies)|physicians?|doctors?|"
    r"providers?|surgeons?|denials?|appeals?|trials?|courses?|admissions?|infusions?|"
    r"prescriptions?)\b", re.IGNORECASE)
# A bound just before a count makes it a requirement, not the history ("fewer than two
# qualifying blocks", "at least two diagnostic blocks").
_BOUND = re.compile(r"\b(?:fewer|less|more|no more|no fewer|at least|at most|up to|minimum of|"
                    r"maximum of|than)\s+$", re.IGNORECASE)
# A year a guideline, statute or policy is named by ("the 2016 CDC guideline", "MTUS 2009").
_PUBLISHED = re.compile(r"\b(?:guidelines?|CDC|MTUS|ODG|ACOEM|LCD|NCD|ASIPP|NANS|PACC|AMA|"
                        r"polic(?:y|ies)|rules?|statutes?|code|edition|version|update|"
                        r"regulations?|act|law)\b", re.IGNORECASE)


def _count_key(number: str, noun: str) -> tuple[float | None, str]:
    word = number.lower()
    value = float(word) if word.isdigit() else claims.word_number(word)
    return value, noun.lower().rstrip("s")[:6]


@lru_cache(maxsize=256)
def _known_counts(known_text: str) -> frozenset[tuple[float | None, str]]:
    return frozenset(_count_key(m.group(1), m.group(2)) for m in _COUNT.finditer(known_text))


def _history(plain: str, known: claims.Claims, known_text: str) -> bool:
    """Whether an uncited sentence counts things of the patient's history the case file does
    not count ("three lumbar epidurals in 2013"), or dates them by a year it does not give
    (not a guideline's year)."""
    counts = {_count_key(m.group(1), m.group(2)) for m in _COUNT.finditer(plain)
              if not _BOUND.search(plain, 0, m.start())} if _may_count(plain) else set()
    if counts - _known_counts(known_text):
        return True
    # (a year of its own first: the guideline test is the dearer one, and only matters then)
    return bool(claims.scan(plain).bare_years - known.years) and not _PUBLISHED.search(plain)


# A noun every match of _COUNT ends with (in lower case, as an ASCII text is read).
_COUNT_NOUNS = ("injection", "epidural", "block", "fill", "session", "visit", "treatment",
                "procedure", "operation", "surger", "physician", "doctor", "provider", "surgeon",
                "denial", "appeal", "trial", "course", "admission", "infusion", "prescription")


def _may_count(text: str) -> bool:
    """Whether _COUNT may match: a text not in ASCII may (IGNORECASE matches more than lower
    case there); an ASCII one only where it holds one of its nouns."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(noun in lower for noun in _COUNT_NOUNS)


def _judge(ctx: EvalContext, text: str, plain: str, stated: str, known: claims.Claims
           ) -> tuple[Severity, str] | None:
    """What an uncited sentence states without its citation, if anything: (severity, message)."""
    source = restated_fact(ctx, plain)
    if source:
        return "error", f"restates {source} without citing it"
    said = claims.dates(plain)
    if said and said - known.dates:
        return "error", "a date the case file does not state outright, without a citation"
    if anchored := anchored_fact(ctx, plain, stated):
        return "error", f"states {anchored[1]} of {anchored[0]} without citing it"
    # how many items are in dispute is the case file's ("two questions are addressed")
    if (_specific(plain, known, frozenset({float(len(ctx.case.disputed_items))})) or
            _history(plain, known, ctx.known_text)) and (_clinical(plain) or _named(plain)):
        return "error", "patient-specific claim without a citation"
    if (ruling := _RULING.search(plain)) and not _OPEN_CLAUSE.search(plain[:ruling.end()]):
        return "error", f"a decision of the record ({ruling.group(1)}) without a citation"
    if "[G:" not in text and _requirement(_without_known(ctx, text)):
        return "warning", "states a guideline requirement without citing it"
    return None


# What a body that decides on the record did, in the past tense: "the IRO agreed with that
# denial", "the hearing officer found against the IRO", "Review Office confirmed that refusal",
# "the Board and the Court both affirmed". The case's own history (who decided what, and when)
# is patient-specific: a fact records it, and the sentence must cite that fact. Not the denial
# under review (the carrier's, the plan's, utilization review's: the case file states it), nor
# the draft's own decision, nor a decision asked about, hoped for or supposed.
_DECIDERS = (r"IRO|independent review(?:\s+organi[sz]ation)?|ALJ|administrative law judge|"
             r"hearing officer|(?:appeals?\s+)?board(?![\w-])|WCB|review office|commission|"
             r"court(?:\s+of\s+appeals?)?|WCJ|(?:compensation\s+)?judge|appeals? panel|"
             r"arbitrator|tribunal")
_RULING = re.compile(rf"\b({_DECIDERS})\b(?:[^.;:]{{0,60}}?)\b(?:upheld|confirmed|agreed|"
                     r"found|ruled|held|overturned|reversed|affirmed|remanded|vacated|sided|"
                     r"approved|concluded|credited|refused|denied)\b", re.I)
_OPEN_CLAUSE = re.compile(r"\b(?:if|whether|unless|will|would|may|might|could|should|"
                          r"expects?|hope|asked)\b", re.I)


# What each uncited sentence was found to state, by the sentence, what the case file states
# (``EvalContext.case_key``, ``case_statement``) and the facts: the drafts of a case share most
# of their sentences.
_FOUND: dict[tuple[str, str, str, int], tuple[Severity, str] | None] = {}
_MAX_FOUND = 16384


def check_uncited(ctx: EvalContext) -> list[Finding]:
    known = claims.scan(ctx.known_text)
    stated = sys.intern(case_statement(ctx))
    findings = []
    for sentence in ctx.sentences:
        if sentence.markers:
            continue
        key = (sentence.text, ctx.case_key, stated, ctx.facts_key)
        if key in _FOUND:
            found = _FOUND[key]
        else:
            if len(_FOUND) >= _MAX_FOUND:
                _FOUND.clear()
            found = _FOUND[key] = _judge(ctx, sentence.text, sentence.plain, stated, known)
        if found is not None:
            findings.append(Finding(check="uncited_claims", severity=found[0],
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text, message=found[1]))
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
