"""The outcome the cited record gives an item (#19 item 4: outcomes against the record, not only
against the engine).

The outcome check compares what a draft concludes with the criteria result the engine reached.
Where the engine's result and the record's own decision differ (a judge, a hearing officer or
an IRO found the item reasonable and necessary; the engine's criteria found it not), a sentence
that states the record's outcome and cites the fact recording it is supported by what it cites:
it is not an error of the draft. A sentence citing nothing, or citing facts that record no such
decision, is still compared with the engine.

A fact records an outcome when its statement says the item is (or is not) "medically
necessary", "reasonable and necessary" or "reasonably required", in anyone's words (a holding
reported is what a record is), or that the denial was overturned or upheld. A fact stating both
outcomes (one item necessary, another not) records neither for certain: it supports no
sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from evals.context import EvalContext

_CORE = re.compile(r"medically necessary|reasonable (?:and|or) necessary|reasonably required",
                   re.I)
# "not", "never", "neither ... nor", "n't", "no longer", over a few auxiliaries and adverbs
# ("was not shown to be", "has never been found").
_NEGATED = re.compile(r"(?:\b(?:not|never|neither|nor)|n[’']t)\s+(?:[\w-]+\s+){0,5}$|"
                      r"\bno longer\s+(?:\w+\s+){0,2}$|\bneither\b[^.;:]{0,120}\bnor\b[^.;:]*$",
                      re.I)
# Both items of a "neither ... nor" list denied: the phrase may come long after "neither".
NEITHER_NOR = re.compile(r"\bneither\b[^.;:]*\bnor\b[^.;:]*$", re.I)
_UNSHOWN = re.compile(r"\b(?:not|never)\s+(?:been\s+)?(?:shown|established|demonstrated|"
                      r"documented)\s+(?:to\s+be\s+)?(?:\w+\s+){0,2}$", re.I)
# A workers' compensation ruling on a treatment: "finding only OxyContin at its lowest dose
# compensable", "found the implantation non-compensable".
_COMPENSABLE = re.compile(r"(?<![\w-])(non-?\s?|not\s+|in)?compensable\b", re.I)
# (not a ruling on the claim or the injury: "the claim was held compensable for a sprain")
_OF_THE_CLAIM = re.compile(r"\b(?:claims?|injur(?:y|ies)|accidents?|conditions?|diagnos[ie]s|"
                           r"sprains?|strains?)\b", re.I)
_ONLY = re.compile(r"\bonly\b[^.;]*$", re.I)
_EXCEPTED = re.compile(r"[^.;]{0,40}?\b(?:but not|except|other than|apart from)\b", re.I)
_OVERTURNED = re.compile(r"\b(?:denials?|non-?certifications?)\b[^.;]{0,60}?\b(?:overturned|"
                         r"reversed|set aside)\b|\b(?:overturned|reversed|set aside)\b[^.;]{0,40}?"
                         r"\b(?:denials?|non-?certifications?)\b", re.I)
_UPHELD = re.compile(r"\b(?:denials?|non-?certifications?)\b[^.;]{0,60}?\b(?:upheld|affirmed|"
                     r"sustained)\b|\b(?:upheld|affirmed|sustained)\b[^.;]{0,40}?\b(?:denials?|"
                     r"non-?certifications?)\b", re.I)


@lru_cache(maxsize=4096)
def recorded_outcomes(statement: str) -> frozenset[str]:
    """The outcomes a record's statement gives, in anyone's words ("the ALJ found OxyContin at
    its lowest dose reasonable and necessary"; "the IRO upheld the denial")."""
    found = set()
    for core in _CORE.finditer(statement):
        before = statement[max(0, core.start() - 160):core.start()]
        if _UNSHOWN.search(before[-80:]):
            found.add("insufficient_documentation")
        elif _NEGATED.search(before[-60:]) or NEITHER_NOR.search(before):
            found.add("not_necessary")
        else:
            found.add("necessary")
        if _EXCEPTED.match(statement, core.end()):
            found |= {"necessary", "not_necessary"}  # "some of her treatment reasonable and
            # necessary but not the lozenges": said of other care, not the item
    for ruling in _COMPENSABLE.finditer(statement):
        before = statement[max(0, ruling.start() - 50):ruling.start()]
        if _OF_THE_CLAIM.search(before):
            continue
        found.add("not_necessary" if ruling.group(1) else "necessary")
        if _ONLY.search(before):  # "only OxyContin at its lowest dose compensable": the rest not
            found.add("not_necessary")
    if _OVERTURNED.search(statement):
        found.add("necessary")
    if _UPHELD.search(statement):
        found.add("not_necessary")
    return frozenset(found)


_BRACKET = re.compile(r"\[([^\]]*)\]")
_FACT_ID = re.compile(r"\bF\d+\b")


def cited_record_states(ctx: EvalContext, sentence: str, stated: str) -> bool:
    """Whether a fact the sentence cites records the outcome it states, and no other."""
    cited = [f for inside in _BRACKET.findall(sentence) for f in _FACT_ID.findall(inside)]
    for marker in dict.fromkeys(cited):
        fact = ctx.facts.get(marker)
        recorded = recorded_outcomes(fact.statement) if fact is not None else frozenset()
        if len(recorded) == 1 and agrees(ctx, stated, next(iter(recorded))):
            return True
    return False


def agrees(ctx: EvalContext, stated: str, decided: str | None) -> bool:
    """Whether a stated outcome is the decided one: "not shown to be medically necessary" is
    the outcome of a setting whose reviewers find an item not shown to be necessary not
    necessary (every setting but personal injury: ``review_standards.yaml``)."""
    if stated == decided:
        return True
    return stated == "insufficient_documentation" and decided == "not_necessary" and \
        _not_established(str(ctx.case.setting)) == "not_necessary"


@lru_cache(maxsize=16)
def _not_established(setting: str) -> str | None:
    from drafting.case.vocab import Setting
    from drafting.criteria.standards import review_standards

    standard = review_standards().get(Setting(setting))
    return str(standard.not_established.value) if standard else None
