"""Numbers, dates, sides and spinal levels in a cited sentence agree with what it cites.

What a sentence's citations give (the joined text of its sources and that text's claims, the
dates and spans of its cited facts, the months, years and days those allow) is worked out once
per set of citations in a draft: many sentences cite the same facts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from drafting.case import Document
from drafting.case.vocab import FactCategory, normalize_level
from evals import claims
from evals.checks import grades, positions
from evals.checks.arithmetic import exemplary, worked_out
from evals.checks.consistency_counts import derived, reversed_changes
from evals.checks.consistency_dates import (
    between_problems,
    date_problems,
    preceding_event,
    span_problems,
    unshown_spans,
)
from evals.checks.consistency_sides import side_problems, sides_known, sides_said
from evals.checks.grades import grade_problems
from evals.checks.item_terms import item_terms
from evals.checks.pairing import pairing_problems
from evals.checks.positions import (
    comparison_problems,
    landmark_problems,
    qualifier_problems,
    root_problems,
)
from evals.claims import Claims
from evals.context import EvalContext
from evals.findings import Finding


@dataclass
class _Cited:
    """What one set of citation markers gives a sentence."""

    markers: tuple[str, ...]
    text: str  # the sources' texts, joined
    claims: Claims
    fact_dates: frozenset[dt.date]  # the cited facts' dates and end dates
    counted_dates: frozenset[dt.date]  # the same, of the facts cited by a fact marker
    spans: list[tuple[dt.date, dt.date]]  # the cited facts' spans (date to end date)
    counted: int  # how many distinct facts are cited
    excerpts: str | None  # the cited excerpts' texts, joined (None: no excerpt cited)
    # the cited facts' source documents in words (a title may count: "five views")
    documents: str = ""
    decided: frozenset[dt.date] = frozenset()  # the cited decisions' dates (a denial's)
    _partial: tuple[set[tuple[int, int]], set[int], set[tuple[int, int]]] | None = \
        field(default=None, repr=False)

    @cached_property
    def key(self) -> tuple[object, ...]:
        """All a sentence is checked against here (two equal keys cite the same)."""
        return (self.markers, self.text, self.fact_dates, self.counted_dates,
                tuple(self.spans), self.counted, self.excerpts, self.documents, self.decided)


def _cited(ctx: EvalContext, markers: tuple[str, ...]) -> _Cited | None:
    texts = [ctx.source_text(m) for m in markers]
    joined = " ".join(t for t in texts if t)
    if not joined:
        return None  # unresolved citations are the validity check's finding
    facts = [f for m in markers if (f := ctx.facts.get(m))]
    counted = {m for m in markers if m.startswith("F")}
    excerpts = [t for m in markers if m.startswith("G:") and (t := ctx.source_text(m))]
    return _Cited(markers, joined, claims.scan(joined),
                  frozenset(d for f in facts for d in (f.date, f.end_date) if d),
                  frozenset(d for m in counted if (f := ctx.facts.get(m))
                            for d in (f.date, f.end_date) if d),
                  [(f.date, f.end_date) for f in facts if f.end_date], len(counted),
                  " ".join(excerpts) if excerpts else None,
                  " ".join(ctx.fact_documents.get(f.id, "") for f in facts).strip(),
                  frozenset(f.date for f in facts if f.category is FactCategory.utilization_review))


def _levels_agree(said: frozenset[str], known: frozenset[str]) -> set[str]:
    """Levels said that the source does not give. A segment (L4-L5) must be a segment the
    source names; where the source names no segment, it may join two vertebrae it names. A
    single vertebra (the L5 root) must be named alone or within a segment."""
    segments = {k for k in known if "-" in k}
    vertebrae = {v for k in known for v in k.split("-")}

    def inside(level: str) -> bool:
        if level in known:
            return True
        if "-" in level:
            return not segments and all(v in vertebrae for v in level.split("-"))
        return level in vertebrae
    return {level for level in said if not inside(level)}


# Kinds of value a record states plainly and a sentence restates rather than works out (a
# percentage or a daily total may be computed; a pain score or a tablet count is copied).
COPIED_KINDS = frozenset({"score", "tablet", "minute", "hour", "visit", "session", "injection",
                          "infusion", "ml", "unit"})


def _kind_problems(said: Claims, cited: Claims) -> list[str]:
    """A pain score, count or time the sentence gives must be one its sources give of that
    kind, where they give any of that kind ("30 tablets" where the source says 45 tablets)."""
    copied = {(k, v) for k, v in said.quantities if k in COPIED_KINDS}
    if not copied:
        return []
    stated = cited.quantities
    kinds = {k for k, _ in stated}
    wrong = sorted((k, v) for k, v in copied if k in kinds and (k, v) not in stated)
    if not wrong:
        return []
    return [f"{v:g} ({k}) not in the cited source, which gives "
            f"{', '.join(f'{x:g}' for kk, x in sorted(stated) if kk == k)}" for k, v in wrong]


# A vertebra's own injury at a level ("an L1 compression fracture", "a fracture of T12"): the
# level must be the one the source gives the fracture at, not a disc level it names for
# something else (an L2 fracture where the source has L1 and discs at L1-L2).
_LEVEL_TEXT = r"[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?"
_FRACTURE = re.compile(
    rf"\b({_LEVEL_TEXT})\s+(?:(?:vertebral|compression|burst|wedge|body|endplate|chance)\s+){{0,2}}"
    rf"fractures?\b|\bfractures?\s+(?:of|at|in)\s+(?:the\s+)?({_LEVEL_TEXT})\b")


def _fracture_levels(text: str) -> set[str]:
    found = set()
    for m in _FRACTURE.finditer(text):
        try:
            found.add(normalize_level(m.group(1) or m.group(2)))
        except ValueError:
            continue
    return found


def _fracture_problems(said: str, cited: str) -> list[str]:
    mine, theirs = _fracture_levels(said), _fracture_levels(cited)
    wrong = sorted(mine - theirs) if theirs else []
    return [f"fracture at {', '.join(wrong)} but the source gives it at "
            f"{', '.join(sorted(theirs))}"] if wrong else []


def _threshold_problems(said: Claims, cited: _Cited) -> list[str]:
    """A bound stated beside a guideline citation must be the guideline's: each number a
    sentence gives as a threshold is in the excerpts it cites, not only in the facts."""
    if cited.excerpts is None:
        return []
    bounds = said.thresholds
    if not bounds:
        return []
    text = claims.scan(cited.excerpts)
    wrong = sorted(bounds - text.numbers - {v for v, _ in text.durations} -
                   _spans_of_the_case(said, cited, text))
    if not wrong:
        return []
    markers = ", ".join(m for m in cited.markers if m.startswith("G:"))
    return [f"threshold(s) {', '.join(f'{n:g}' for n in wrong)} not in the cited guideline "
            f"excerpt ({markers})"]


def _spans_of_the_case(said: Claims, cited: _Cited, excerpts: Claims) -> set[float]:
    """Bounds on a span the cited facts' dates reach ("on it for at least six months
    [F2][F5][G:...]"): the case's time, not the guideline's, where the excerpts give no span
    in that unit (else it may be theirs misquoted)."""
    if not said.durations or len(cited.counted_dates) < 2 or not _HELD_FOR.search(said.text):
        return set()
    days = claims.DAYS_PER
    units = {u for _, u in excerpts.durations}
    dates = sorted(cited.counted_dates)
    longest = (dates[-1] - dates[0]).days
    held = {d for m in _HELD_FOR.finditer(said.text) for d in claims.durations(m.group(0))}
    return {v for v, u in held if u not in units and longest >= (v - 0.5) * days[u]}


# How long a state has lasted ("has been on it for at least six months"), not a rule's
# condition ("covered once at least four weeks of therapy have failed").
_HELD_FOR = re.compile(r"\bfor (?:at least|more than|over|well over|longer than|upwards of) "
                       r"\S+(?:[\s-]\S+)?", re.IGNORECASE)


# How often a guideline asks for something: "at least once a year", "no more than twice a month".
_FREQUENCY = re.compile(r"\b(?:at least|no more than|at most)\s+(once|twice|\w+ times)\s+"
                        r"(?:a|per|every|each)\s+(day|week|month|quarter|year)\b", re.IGNORECASE)


def _frequency_problems(said: str, excerpts: str) -> list[str]:
    """A frequency bound the sentence gives beside a guideline citation is the excerpt's, where
    the excerpt gives one for the same count ("at least once a month" for its "at least once a
    year")."""
    theirs = {(n.lower(), u.lower()) for n, u in _FREQUENCY.findall(excerpts)}
    if not theirs:
        return []
    found = []
    for n, unit in _FREQUENCY.findall(said):
        mine = (n.lower(), unit.lower())
        if mine not in theirs and any(t[0] == mine[0] for t in theirs):
            given = ", ".join(f"{a} a {b}" for a, b in sorted(theirs))
            found.append(f"{mine[0]} a {mine[1]} but the cited guideline says {given}")
    return found


def _speaks_of_case(ctx: EvalContext, plain: str) -> bool:
    """Whether a sentence talks about the request or the criteria (an item, a code, a request,
    a criterion statement): only then may it carry their numbers beside its sources'."""
    lower = plain.lower()
    return bool(_CASE_TERMS.search(plain)) or any(p in lower for p in ctx.known_phrases)


_CASE_TERMS = re.compile(r"\b(I\d+|request(?:ed|s)?|CPT|HCPCS|(?:billing )?codes?|billed|"
                         r"criteri(?:on|a)|threshold|reasonably required|"
                         r"at least|no more than|aged?|years? old|appeal(?:ed|s)?|"
                         r"authori[sz](?:e|ed|ation)|sought|non-?certified|denied|denial|"
                         # a value compared with a bound ("exceeds 80 percent", "short of 50")
                         r"exceed(?:s|ed|ing)?|more than|less than|fewer than|"
                         r"short of|"
                         # the decision on the item ("the five additional visits are not
                         # medically necessary", "the five visits at issue")
                         r"(?:medically )?(?:un)?necessary|necessity|at issue|in dispute|"
                         # the request's code ("the procedure is coded 64635")
                         r"coded|"
                         r"under review)\b",
                         re.I)
# A person's age: "a 68-year-old man", "52 years old", "40 years of age", "aged 61", "41 y/o";
# and without "years old" where the sentence says whose it is ("She is 39,", "At 63, three
# decades after the injury", "Claimant, 55 when ...").
_AGE = re.compile(r"\b([\w-]+?)[\s-]+years?[\s-]+old\b|\b(\S+) years? of age\b|"
                  r"\baged? (\d{1,3})\b|\b(\d{1,3})[\s-]?(?:y/?o|y\.o\.|yrs? old)(?!\w)|"
                  r"\b(?:she|he|they|the (?:patient|claimant|member|applicant|worker|employee)|"
                  r"claimant|member|applicant|pt)\s+(?:is|was|was then|is now|turned|turns)\s+"
                  r"(\d{2,3})(?=\s*[,;.]|\s*$|\s+(?:and|when|at the time)\b)|"
                  r"(?:^|[.;]\s+)at (?:age )?(\d{2,3}),|,\s+(\d{2,3}),?\s+when\b|"
                  # "She's 41, and ...", "my mother, who is 50, ..."
                  r"\b(?:she|he)['’]s\s+(\d{2,3})(?=\s*[,;.]|\s+(?:and|when)\b)|"
                  # the patient writing: "I'm 49 and I've been dealing with this back"
                  r"\bI['’]m\s+(\d{2,3})(?=\s*[,;.]|\s+(?:and|when|now)\b)|"
                  r",\s+who\s+(?:is|was)\s+(?:now\s+)?(\d{2,3}),|"
                  # "my patient, now 47, ..."; "Male, 52, hurt at work"
                  # (or named by her work: "The nurse, now 61, injured her lower back")
                  r"\b[A-Za-z]+,\s+now\s+(\d{2,3}),|\b(?:male|female|man|woman),\s+(\d{2,3}),|"
                  # "At 44 she has many working years ahead", "I know at 52 it's frustrating"
                  r"\bat (?:age )?(\d{2,3})\s+(?=(?:she|he|they|I|you|it|it['’]s|we)\b)|"
                  # "Employee (47) was hurt", "My patient, 38 at the time of trial, ..."
                  r"\b[A-Za-z]+\s+\((\d{2,3})\)|,\s+(\d{2,3})\s+at the time\b",
                  re.IGNORECASE)


def _ages(text: str) -> set[float]:
    """The ages a sentence gives (the patient's may be stated without a citation; another age
    is a number like any other, which the sources must give)."""
    return {n for m in _AGE.finditer(text) for n in claims.numbers(next(g for g in m.groups()
                                                                        if g))}


# A record's length: "the two-page office note", "nine pages long", "six pages of records".
_PAGES = re.compile(r"\b([\w-]+?)[\s-]+pages?\b", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[a-z]{4,}")


def _pages(text: str, documents: list[Document]) -> set[float]:
    """The page counts a sentence gives that the case's inventory gives the record it names
    there ("the two-page office note" of a 2-page "Pain management office note"; not "the
    nine-page review decision" when only the court's opinion has nine pages)."""
    found = set()
    for m in _PAGES.finditer(text):
        near = {w[:5] for w in _TITLE_WORD.findall(
            text[max(0, m.start() - 40):m.end() + 40].lower())}
        for n in claims.numbers(m.group(1)):
            if any(d.pages == n and near & {w[:5] for w in _TITLE_WORD.findall(
                    f"{d.title} {d.type.value.replace('_', ' ')}".lower())}
                   for d in documents):
                found.add(n)
    return found


_PRODUCT_NUMBER = re.compile(r"#\s?(\d+)\b")
_ITEM_NUMBER = re.compile(r"\bitems? (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|"
                          r"ten)\b", re.IGNORECASE)


def _problems(ctx: EvalContext, said: Claims, cited: _Cited) -> list[str]:
    """What is wrong with one sentence against what it cites."""
    source = cited.claims
    problems = []
    extra = set(said.numbers - source.numbers)
    if extra and "#" in said.text and "#" not in cited.text:
        # a product's number, not a quantity ("Tylenol #3"), where the sources name no product
        # by its number (else it must be theirs: not "Tylenol #4" for their "Tylenol #3")
        extra -= {float(n) for n in _PRODUCT_NUMBER.findall(said.text)}
    if extra:  # offered as an example ("e.g. 50%"), not as what the record says
        extra = exemplary(said.text, extra)
    if extra:  # the patient's age, which the case file states
        extra -= _ages(said.text) & {float(ctx.case.patient.age)}
    if extra and "page" in said.text.lower():  # a record's length, which the inventory states
        extra -= _pages(said.text, ctx.case.documents)
    if extra and "item" in said.text.lower():  # a disputed item by its number ("item 2")
        extra -= {n for n in claims.numbers(" ".join(_ITEM_NUMBER.findall(said.text)))
                  if 1 <= n <= len(ctx.case.disputed_items)}
    if extra and _speaks_of_case(ctx, said.text):
        extra -= claims.numbers(ctx.stated_values)
    if extra and cited.documents:  # the record a cited fact was read from ("five views")
        extra -= claims.numbers(cited.documents)
    extra = derived(ctx, said, cited, extra)
    if extra:  # worked out by arithmetic the sentence shows ("120 a month is four a day")
        extra = worked_out(said.text, said.numbers, source.numbers, extra, cited.text)
    if extra:
        problems.append(f"number(s) {', '.join(f'{n:g}' for n in sorted(extra))} not in "
                        f"the cited source")
    problems += span_problems(said, cited, unshown_spans(said.text, ctx.stated_values),
                              _named_key_dates(ctx, said.text) |
                              ctx.records_named(said.text, cited.markers) |
                              preceding_event(ctx, said.text, cited)
                              if said.durations or " and " in said.text else frozenset())
    problems += between_problems(said) if said.durations else []
    problems += reversed_changes(said.text, cited.text)
    problems += landmark_problems(said.text, cited.text)
    problems += root_problems(said.text, cited.text)
    problems += comparison_problems(said.text, cited.text)
    problems += qualifier_problems(said.text, cited.text)
    problems += _threshold_problems(said, cited)
    if cited.excerpts is not None and "at least" in said.text.lower():
        problems += _frequency_problems(said.text, cited.excerpts)
    if cited.excerpts is not None:
        problems += grade_problems(said.text, cited.excerpts)
    problems += pairing_problems(said.text, cited.text)
    if not extra:
        problems += _kind_problems(said, source)
    problems += date_problems(ctx, said, cited)
    problems += side_problems(sides_said(said), sides_known(ctx, said, source))
    if said.levels and "fracture" in said.text.lower():
        problems += _fracture_problems(said.text, cited.text)
    wrong_levels = _levels_agree(said.levels, source.levels) if said.levels else set()
    if wrong_levels:  # the requested item's, named with the item
        wrong_levels -= item_terms(ctx, said.text)[1]
    if wrong_levels:
        problems.append(f"level(s) {', '.join(sorted(wrong_levels))} not in the cited source")
    return problems


# The case's key dates by the words that name their event ("after the injury").
_KEY_EVENTS = (("injury", re.compile(r"\b(?:injur(?:y|ies|ed)|accident)\b", re.I)),
               ("request", re.compile(r"\brequest(?:ed)?\b", re.I)),
               ("denial", re.compile(r"\b(?:denial|denied|non-?certifi\w+)\b", re.I)))


def _named_key_dates(ctx: EvalContext, text: str) -> frozenset[dt.date]:
    """The key dates of the case (injury, request, denial) whose event a sentence names."""
    found = set()
    for name, pattern in _KEY_EVENTS:
        when = getattr(ctx.case.dates, name, None)
        if when is not None and pattern.search(text):
            found.add(when)
    return frozenset(found)


# The problems of each sentence, by the sentence, all it cites (``_Cited.key``) and what the case
# file states (``EvalContext.case_key``): the drafts of a case share most of their sentences.
_FOUND: dict[tuple[str, tuple[object, ...], str], list[str]] = {}
_MAX_FOUND = 16384


def clear_caches() -> None:
    """Forget every sentence checked (for timing on cold caches)."""
    _FOUND.clear()
    pairing_problems.cache_clear()
    grades.clear_caches()
    positions.clear_caches()


def check_consistency(ctx: EvalContext) -> list[Finding]:
    findings = []
    by_markers: dict[tuple[str, ...], _Cited | None] = {}
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        if sentence.markers in by_markers:
            cited = by_markers[sentence.markers]
        else:
            cited = by_markers[sentence.markers] = _cited(ctx, sentence.markers)
        if cited is None:
            continue  # unresolved citations are the validity check's finding
        key = (sentence.plain, cited.key, ctx.case_key)
        problems = _FOUND.get(key)
        if problems is None:
            if len(_FOUND) >= _MAX_FOUND:
                _FOUND.clear()
            problems = _FOUND[key] = _problems(ctx, claims.scan(sentence.plain), cited)
        for problem in problems:
            findings.append(Finding(check="consistency", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text, message=problem))
    return findings
