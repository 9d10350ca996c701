"""The outcome each item section (and the conclusion) states agrees with the criteria result,
or with a reviewer's recorded override, which the draft's criteria results then carry.

An outcome is the last one stated about an item in its section (or its paragraph of the
conclusion, "I2. ..."). A sentence there that names another item's service and not its own
("the consultation is medically necessary" in the cream's paragraph) states that item's
outcome: an item is named by what sets its service apart from the others (its words and the
lexicon's concepts no other disputed service shares)."""

from __future__ import annotations

import re
from functools import lru_cache

from drafting.citations import sentences
from drafting.draft import SectionDraft
from evals.checks.outcome_record import NEITHER_NOR, agrees, cited_record_states
from evals.checks.support import content_words
from evals.context import MARKER, EvalContext
from evals.findings import Finding

# The outcome phrases: "medically necessary" and the words workers' compensation and no-fault
# law use for the same finding ("reasonable and necessary", "reasonably required"); "not <it>"
# finds it unnecessary, "not shown to be <it>" finds it undocumented.
_CORE = re.compile(r"medically necessary|reasonable and necessary|reasonably required", re.I)
_CORE_WORDS = ("medically necessary", "reasonable and necessary", "reasonably required")
_UNSHOWN = re.compile(r"\bnot shown to be $", re.I)
_NOT = re.compile(r"\bnot $", re.I)


_NEGATED = re.compile(r"not (shown to be )?$", re.I)
# The draft's own disbelief governs the finding it goes on to name.
_DISBELIEF = re.compile(r"\b(?:(?:do|does|did) not|(?:don|doesn|didn)[’']t) (?:think|believe|"
                        r"expect|consider)\b", re.I)
# A negation a few words before "medically necessary" in other words than "not": a contraction
# ("isn't", "wasn’t"), "neither ... nor", "never", "no longer", and over the auxiliaries of a
# passive ("hasn't been shown to be", "was never considered").
_NEGATION_WORDS = re.compile(r"(?:\b(?:not|never|neither)|n[’']t)\s+(?:(?:been|be|is|was|"
                             r"shown|established|demonstrated|considered|found|proven|proved|"
                             r"felt|deemed|to|truly|strictly|really|yet|longer|"
                             # "don't look reasonable and necessary", "doesn't seem ..."
                             r"look|looks|seem|seems|appear|appears|sound|sounds)\s+){0,5}$|"
                             r"\bno longer\s+(?:\w+\s+){0,2}$", re.I)
# A holding reported, not made: "the court of appeal (has already) held it medically
# necessary", "the IRO found the injection not medically necessary". The verb's subject is
# read back from the verb over auxiliaries and adverbs; the draft's own voice ("I", "we",
# "this reviewer") and a passive ("it is found") are the draft's own outcome.
# A party's position is reported the same way: "the employer argued the referral was not
# medically necessary", "the carrier contends ...".
_REPORTING = re.compile(r"\b(?:held|holds|hold|found|finds|ruled|rules|determined|determines|"
                        r"concluded|concludes|decided|decides|deemed|deems|agreed|agrees|"
                        r"argued|argues|contended|contends|asserted|asserts|alleged|alleges|"
                        r"maintained|maintains|claimed|claims|insisted|insists|"
                        # what a party's letter or witness said ("the denial said only that",
                        # "calling the quantity not medically necessary")
                        r"said|says|stated|states|called|calls|calling|wrote|writes|"
                        r"testified|testifies|opined|opines|"
                        # what a decision does with an item ("the IRO's decision treats both
                        # items as not medically necessary")
                        r"treats|treated|regards|regarded)\b",
                        re.I)
_SUBJECT = re.compile(r"([\w'’]+)((?:\s+(?:has|have|had|already|also|now|previously|"
                      r"expressly|properly|correctly|therefore|then|itself|specifically|"
                      r"ultimately|\w+ly))*)\s+$", re.I)
_OWN_VOICE = re.compile(r"(?:\b(?:this|the) reviewer|\bthe undersigned|(?<![\w'’])(?:I|we))$",
                        re.I)
_PASSIVE = frozenset({"is", "was", "are", "were", "be", "been", "being", "it", "i", "we"})


# In every reporting verb (a clause without one is read no further).
_REPORTING_STEMS = ("held", "hold", "found", "find", "rule", "determin", "conclud", "decid",
                    "deem", "agree", "argu", "contend", "assert", "alleg", "maintain", "claim",
                    "insist", "said", "says", "stated", "states", "call", "wrote", "writes",
                    "testif", "opine", "treat", "regard")
_CLAUSE_ENDS = (". ", "; ", ": ", "! ", "? ", "\n")


def _clause_before(text: str, start: int) -> str:
    """The text of a clause before ``start``: from the last sentence or clause end."""
    cut = max(text.rfind(end, 0, start) for end in _CLAUSE_ENDS)
    return text[cut + 1 if cut >= 0 else 0:start]


def _reported(text: str, start: int) -> bool:
    """Whether the outcome phrase at ``start`` reports another's holding (its sentence has a
    reporting verb before it whose subject is a third party: a court, a reviewer of the plan)."""
    head = _clause_before(text, start)
    lower = head.lower()
    if not any(stem in lower for stem in _REPORTING_STEMS):
        return False
    verbs = list(_REPORTING.finditer(head))
    if not verbs:
        return False
    verb = verbs[-1]
    before = head[:verb.start()]
    subject = _SUBJECT.search(before)
    if subject is None:
        return False
    if subject.group(1).lower() in _PASSIVE:
        return False
    return _OWN_VOICE.search(before[:subject.end(1)]) is None


# An outcome phrase asked about, supposed or defined rather than found (read for the words of
# workers' compensation law everywhere, and for every phrase in a whole-case section; the
# offline drafts' item sections say "medically necessary if ..." of a criterion): "the question is
# whether the unit was reasonable and necessary", "care that could be reasonably required",
# "hard to defend as reasonably required", "care is medically necessary when a prudent
# physician would give it".
_OPEN_BEFORE = re.compile(r"\b(?:whether|if|when|unless|could|might|may|question|asks?|asked|"
                          r"defend|covers?|requires?|requiring|define[sd]?|means?|other|"
                          r"every|all|any)\b[^.;:]*$", re.I)
_OPEN_AFTER = re.compile(r"\s*(?:\[[^\]]*\]\s*)*(?:,\s*)?(?:only )?(?:when|if|unless|where|"
                         r"under|as long as|provided)\b", re.I)


def _open(text: str, start: int, end: int) -> bool:
    """Whether the outcome phrase at ``start``-``end`` is asked about, supposed or defined."""
    return bool(text[start - 1:start] in _QUOTES or
                _OPEN_BEFORE.search(_clause_before(text, start)) or
                _OPEN_AFTER.match(text, end))


_SHOWN = re.compile(r"\bshown to be\s+$", re.I)
# A rule for all care ("requires that all treatment be medically necessary", "every service
# must be reasonable and necessary") and a definition ("medically necessary care must be
# clinically appropriate ..."): what the phrase means, not what the item is.
_GENERIC = re.compile(r"\b(?:all|every|any)\s+(?:[\w-]+\s+)?(?:treatment|care|services?)\s+"
                      r"(?:(?:must|should|shall|to)\s+)?be\s+$", re.I)
_DEFINED = re.compile(r"\s+(?:care|treatment|services?)\s+(?:must|means|is defined|includes|"
                      r"has to|is care)\b", re.I)
_QUOTES = frozenset('"“‘\'')  # the term quoted: named, not found ("“medically necessary” is ...")


@lru_cache(maxsize=4096)
def stated_outcome(text: str) -> str | None:
    """The outcome the last outcome statement in a text asserts (not one it reports another
    body to have held)."""
    if text.isascii() and not any(w in text.lower() for w in _CORE_WORDS):
        return None  # no outcome phrase (each holds a core)
    last: tuple[int, str] | None = None
    for core in _CORE.finditer(text):
        before = text[max(0, core.start() - 16):core.start()]
        negation = _UNSHOWN.search(before) or _NOT.search(before)
        if negation:
            outcome = "insufficient_documentation" if "shown" in negation.group(0) else \
                "not_necessary"
            start = core.start() - len(negation.group(0))
        else:
            outcome, start = "necessary", core.start()
            if _NEGATED.search(text[max(0, start - 20):start]):
                continue
            if _NEGATION_WORDS.search(text[max(0, start - 60):start]) or \
                    _DISBELIEF.search(_clause_before(text, start)):
                outcome = "not_necessary"  # "isn't medically necessary", "neither ... nor",
                # "I do not think the officer will find it reasonably required"
            elif NEITHER_NOR.search(_clause_before(text, start)):
                # "neither the film nor the patch is shown to be reasonably required"
                outcome = "insufficient_documentation" if _SHOWN.search(
                    text[max(0, start - 20):start]) else "not_necessary"
            if _GENERIC.search(_clause_before(text, start)) or \
                    _DEFINED.match(text, core.end()):
                continue  # a rule for all care, or a definition, not a finding on the item
        synonym = core.group(0).lower() != "medically necessary"
        if _reported(text, start) or text[start - 1:start] in _QUOTES or \
                (synonym and _open(text, start, core.end())):
            continue
        if last is None or start > last[0]:
            last = (start, outcome)
    return last[1] if last else None


# What a sentence does with the decision under review, in the draft's own voice: overturning
# a denial (or a modification) finds the item necessary, upholding it finds it not necessary.
# Reported ("the IRO upheld the denial", "both upheld by the IRO") and hoped-for ("the denial
# will be overturned") decisions are not the draft's.
_DECIDED_OBJECT = r"(?:denials?|non-?certifications?|modifications?|adverse determinations?)"
_REVERSE_WORDS = frozenset({"overturn", "overturns", "overturned", "reverse", "reverses",
                            "reversed", "set"})
_DECISION_ACTIVE = re.compile(
    r"\b(overturns?|overturned|reverses?|upholds?|affirms?|sustains?)\s+(?:[^.;]{0,80}?\s)?"
    + _DECIDED_OBJECT + r"\b", re.I)
_DECISION_PASSIVE = re.compile(
    r"\b" + _DECIDED_OBJECT + r"\b[^.;]{0,80}?(?<!not )\b(?:is|are|should|must|shall)"
    r"(?:\s+(?:hereby|therefore|accordingly|also))?(?:\s+be)?(?:\s+(?:hereby|therefore|"
    r"accordingly))?\s+(overturned|reversed|set aside|upheld|affirmed|sustained)\b"
    r"(?!\s+by\b)", re.I)
_DECISION_HINT = re.compile(r"overturn|reverse|set aside|uphold|upheld|affirm|sustain", re.I)
_DECISION_WORDS = ("overturn", "reverse", "set aside", "uphold", "upheld", "affirm",
                   "sustain")


@lru_cache(maxsize=4096)
def decided_outcome(text: str) -> str | None:
    """The outcome the last decision on the denial under review, in the draft's own voice or
    the passive, asserts ("this reviewer overturns the denial", "the denial is upheld")."""
    if text.isascii():
        lower = text.lower()
        if not any(w in lower for w in _DECISION_WORDS):
            return None
    elif not _DECISION_HINT.search(text):
        return None
    last: tuple[int, str] | None = None
    own = False  # the last active decision was the draft's ("... overturns A and upholds B")
    for match in _DECISION_ACTIVE.finditer(text):
        head = _clause_before(text, match.start())
        subject = _SUBJECT.search(head)
        if subject is not None and subject.group(1).lower() in ("and", "but") and own:
            pass  # a second verb of the same subject
        elif subject is None or _OWN_VOICE.search(head[:subject.end(1)]) is None:
            own = False
            continue
        own = True
        outcome = "necessary" if match.group(1).lower() in _REVERSE_WORDS else "not_necessary"
        if last is None or match.start() > last[0]:
            last = (match.start(), outcome)
    for match in _DECISION_PASSIVE.finditer(text):
        verb = match.group(1).split()[0].lower()
        outcome = "necessary" if verb in _REVERSE_WORDS else "not_necessary"
        if last is None or match.start() > last[0]:
            last = (match.start(), outcome)
    return last[1] if last else None


Marks = dict[str, tuple[frozenset[str], frozenset[str]]]


def _concepts(text: str) -> frozenset[str]:
    """The lexicon's concepts a text names, with their classes, but not what they imply nor a
    class too generic to tell items apart ("route", "body region")."""
    from evals.checks.entities import lexicon

    lex = lexicon()
    return frozenset(c for said, _ in lex.mentions(text) for cid in said
                     for c in lex.ancestors[cid]
                     if lex.concepts[c].checked and lex.concepts[c].parents)


@lru_cache(maxsize=256)
def _marks(services: tuple[tuple[str, str], ...]) -> Marks:
    """What names each item apart from the others: (words, lexicon concepts) of its service
    that no other disputed service has."""
    words = {i: frozenset(w for w in content_words(s) if not w[0].isdigit()) for i, s in services}
    concepts = {i: _concepts(s) for i, s in services}
    marks = {}
    for item, _ in services:
        other_words = frozenset().union(*(w for i, w in words.items() if i != item))
        other_concepts = frozenset().union(*(c for i, c in concepts.items() if i != item))
        marks[item] = (words[item] - other_words, concepts[item] - other_concepts)
    return marks


def named_items(ctx: EvalContext, text: str) -> frozenset[str]:
    """The disputed items a sentence names: by what sets each apart, or by its whole service."""
    if len(ctx.case.disputed_items) < 2:
        return frozenset()
    marks = _marks(tuple((i.id, i.service) for i in ctx.case.disputed_items))
    text = MARKER.sub(" ", text) if "[" in text else text
    said_words = frozenset(content_words(text))
    said_concepts = _concepts(text)
    # (or by its whole service, "oxycodone ER 40 mg, 90 tablets", though only its numbers set
    # it apart from another's)
    return frozenset(item for item, (words, concepts) in marks.items()
                     if said_words & words or said_concepts & concepts) | frozenset(
        ctx.items_named(text))


def _statements(ctx: EvalContext, text: str, item: str, decided: dict[str, str]
                ) -> dict[str, str]:
    """The last outcome stated about each item in a text written about ``item``, where it
    disagrees with that item's result. A sentence naming several items ("unlike the patch, the
    cream is not medically necessary") states an outcome of one of them: it disagrees only if
    it agrees with none."""
    if stated_outcome(text) is None and decided_outcome(text) is None:
        return {}
    last: dict[str, tuple[frozenset[str], str]] = {}
    for start, end in sentences(text):
        sentence = text[start:end]
        stated = stated_outcome(sentence) or decided_outcome(sentence)
        if stated is None:
            continue
        named = named_items(ctx, sentence)
        about = named if named and (item not in named or len(named) > 1) else frozenset({item})
        if cited_record_states(ctx, sentence, stated):
            stated = _RECORDED  # what the cited record decided, whatever the engine's result
        for each in about:
            last[each] = (about, stated)
    return {each: stated for each, (about, stated) in last.items()
            if each in decided and stated != _RECORDED
            and not any(agrees(ctx, stated, decided.get(other)) for other in about)}


_RECORDED = "recorded"


def check_outcomes(ctx: EvalContext) -> list[Finding]:
    findings = []
    decided = {r.item_id: r.outcome.value for r in ctx.draft.criteria if r.outcome}
    # The criteria results of a reviewed draft already carry a physician's override; say so.
    overridden = {o.item_id for o in ctx.draft.overrides}
    basis = {i: "the criteria result (with the reviewer's override)" if i in overridden else
             "the criteria result" for i in decided}
    for section in ctx.draft.sections:
        if section.item_id and section.item_id in decided:
            for item, stated in _statements(ctx, section.text, section.item_id,
                                            decided).items():
                findings.append(Finding(
                    check="outcomes", severity="error", section=section.key, sentence=None,
                    text=section.text[-300:], message=f"states {stated} but "
                    f"{basis[item]} for {item} is {decided[item]}"))
        if not section.item_id and decided:
            findings += _summary_findings(ctx, section, decided, basis)
        if section.kind == "conclusion":
            for item_id in decided:
                paragraph = re.search(rf"(?ms)^{item_id}\. (.*?)(?=^I\d+\. |\Z)", section.text)
                if not paragraph:
                    continue
                for item, stated in _statements(ctx, paragraph.group(1), item_id,
                                                decided).items():
                    findings.append(Finding(
                        check="outcomes", severity="error", section=section.key,
                        sentence=None, text=paragraph.group(0)[:300],
                        message=f"conclusion states {stated} for {item} but "
                        f"{basis[item]} is {decided[item]}"))
    return findings


def _summary_findings(ctx: EvalContext, section: SectionDraft, decided: dict[str, str],
                      basis: dict[str, str]) -> list[Finding]:
    """A section about the whole case (the opening, the summary, the conclusion) concludes as
    the criteria do: a sentence stating an outcome in the draft's own voice ("the denial should
    be overturned", "the refills were reasonably required") is about the items it names, or,
    naming none, about every item, when all share one result (a draft whose summary concludes
    the opposite of its own checklist contradicts itself, #19). The conclusion's "I1. ..."
    paragraphs are read per item below."""
    text = section.text
    if stated_outcome(text) is None and decided_outcome(text) is None:
        return []
    findings = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if section.kind == "conclusion" and _ITEM_PARAGRAPH.search(text[:end]):
            break  # from here on, the conclusion's item paragraphs
        if not _OWN_FINDING.search(sentence) or _ASKED.search(sentence) or \
                any(_open(sentence, c.start(), c.end()) for c in _CORE.finditer(sentence)):
            continue  # the decision under review reported ("the plan denied it as not
            # medically necessary"), or the question put ("whether the denial should stand")
        stated = stated_outcome(sentence) or decided_outcome(sentence)
        if stated is None:
            continue
        about = named_items(ctx, sentence) & decided.keys()
        if not about:
            if len(set(decided.values())) != 1:
                continue  # a general outcome where the items differ names none of them
            about = frozenset(decided)
        if any(agrees(ctx, stated, decided[i]) for i in about) or \
                cited_record_states(ctx, sentence, stated):
            continue  # the criteria's outcome, or the one the record it cites decided
        item = min(about)
        findings.append(Finding(
            check="outcomes", severity="error", section=section.key, sentence=None,
            text=sentence[:300], message=f"states {stated} but {basis[item]} for {item} is "
            f"{decided[item]}"))
    return findings


_ITEM_PARAGRAPH = re.compile(r"(?m)^I\d+\. ")
# A whole-case section mostly reports (the request, the decision under review, the question put):
# an outcome there is the draft's own finding only in its own voice ("I find", "in my opinion",
# "this reviewer", "we") or as its recommendation ("should be overturned").
_OWN_FINDING = re.compile(r"(?<![\w'’])(?:I|we|my|our)(?![\w'’])|\b(?:this reviewer|the "
                          r"undersigned|should|must)\b", re.I)
_ASKED = re.compile(r"\bwhether\b", re.I)
