"""The polarity check: a cited sentence is flagged for a concept it states one way when every
mention of that concept in its cited facts says the other (and none is unsure)."""

from __future__ import annotations

import re

from evals.checks.polarity.mentions import Analysis, Mention, analyse
from evals.checks.polarity.words import NEGATED, POSITIVE, UNSURE
from evals.context import EvalContext, Sentence
from evals.findings import Finding


def _conflict(x: Mention, y: Mention) -> bool:
    """x and y say opposite things. A denied phrase is contradicted only by a stated phrase
    with all its modifiers: "no home TENS use" by "home TENS use", not by "home use"."""
    if not any((name, not value) in y.literals for name, value in x.literals):
        return False
    if x.mods is None or y.mods is None:
        return True
    stated, denied = (x.mods, y.mods) if (x.key, True) in x.literals else (y.mods, x.mods)
    return denied <= stated


def _comparable(x: Mention, y: Mention) -> bool:
    """Words compare whenever they are the same; a status word with one about the same thing
    (at least half the words of the shorter phrase: "left knee reflex normal" and "left knee
    reflex diminished", not "reduced peroneal amplitude" and "normal deep peroneal studies")."""
    if x.mods is not None:
        return True
    if not x.about or not y.about:
        return True  # what one is about is not found ("the claim was accepted": a reasoning
        # word): it compares with every mention of the pair
    shared = len(x.about & y.about)
    return shared > 0 and 2 * shared >= min(len(x.about), len(y.about))


def reversals(sentence: str, sources: list[tuple[str, str]]
              ) -> list[tuple[Mention, str, Mention]]:
    """(sentence mention, marker, source mention) for each concept the sentence states one way
    and every comparable mention in its sources states the other way (none unsure)."""
    said = analyse(sentence)
    cited = [(marker, analyse(text)) for marker, text in sources]
    candidates: set[str] = set()
    for _, a in cited:  # a concept denied or unsure on one side at least, or a status pair
        candidates |= (said.polar & a.keys) | (said.keys & a.polar) | \
            (said.pair_names & a.pair_names)
    found = []
    for key in sorted(candidates):
        mentions = said.mentions(key)
        theirs = [(marker, m) for marker, a in cited for m in a.mentions(key)]
        # a word is judged on all its mentions; a status word on each (each is about its own
        # noun phrase: "reflex normal" and "light touch reduced" are two statements)
        groups = [mentions] if mentions[0].mods is not None else [(m,) for m in mentions]
        for mine in groups:
            pairs = [(s, marker, c) for s in mine for marker, c in theirs if _comparable(s, c)]
            if not pairs or any(not s.literals or not c.literals for s, _, c in pairs):
                continue
            if all(_conflict(s, c) for s, _, c in pairs) and not _near_agreement(mine, cited):
                found.append(pairs[0])
    return found


def _near_agreement(mine: tuple[Mention, ...], cited: list[tuple[str, Analysis]]) -> bool:
    """A cited source states a near form of the word the same way, or leaves it unsure
    ("diary percentages" against "without a percentage" and "85 percent"): no finding."""
    near = {m.near for m in mine if m.near}
    if not near:
        return False
    said = {POSITIVE if v else NEGATED for m in mine for _, v in m.literals}
    return any(s == UNSURE or s in said for _, a in cited for s in a.near_states(near))


# What a sentence may add around a verbatim quote of its sources without changing its sense.
_FRAMING = frozenset("""january february march april may june july august september october
november december on in at of by to a an the and as from for with was were is are that this
these those which""".split())
_LETTERS = re.compile(r"[a-z]+")


def quotes_its_sources(sentence: str, statements: list[str]) -> bool:
    """The sentence is its sources' statements word for word, with at most dates and framing
    words around them ("- 9 May 2016: <fact>."): nothing in it can reverse them."""
    rest = sentence
    for statement in statements:
        rest = rest.replace(statement.rstrip(" ."), " ")
    return len(rest) < len(sentence) and all(
        w in _FRAMING for w in _LETTERS.findall(rest.lower()))


def check_polarity(ctx: EvalContext) -> list[Finding]:
    findings = []
    cited: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}  # (fact, statement) per markers
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        sources = cited.get(sentence.markers)
        if sources is None:
            sources = cited[sentence.markers] = tuple(
                (m, text) for m in dict.fromkeys(sentence.markers)
                if (text := _statement(ctx, m)))
        if not sources:
            continue
        key = (sentence.plain, sources)
        problems = FOUND.get(key)
        if problems is None:
            if len(FOUND) >= MAX_FOUND:
                FOUND.clear()
            problems = FOUND[key] = _problems(sentence.plain, sources)
        findings += [_finding(sentence, problem) for problem in problems]
    return findings


def _statement(ctx: EvalContext, marker: str) -> str | None:
    """What a marker's source states: a fact's statement, or a guideline excerpt's text (a
    recommendation said the other way round is as wrong as a reversed fact)."""
    if marker.startswith("G:"):
        excerpt = ctx.excerpts.get(marker[2:])
        return excerpt.text if excerpt else None
    fact = ctx.facts.get(marker)
    return fact.statement if fact else None


# A sentence ending in an elliptical denial: "none", "never early", "not once".
_ELLIPSIS = re.compile(r"(?:\bnone|\bnever \w+|\bnot once)\W*$", re.IGNORECASE)
_WEAK = re.compile(r"\b(?:neither|nor)\b", re.IGNORECASE)


def _guideline_reversals(plain: str, excerpts: list[tuple[str, str]]
                         ) -> list[tuple[Mention, str, Mention]]:
    """What a sentence states that its cited excerpts deny ("recommends topical NSAIDs for
    neuropathic pain" against "not recommended for neuropathic pain"). Only what it states: a
    sentence denying something of the patient ("no benzodiazepine fills") does not contradict
    a guideline that speaks of it."""
    if not excerpts or _WEAK.search(plain):  # "recommends neither X nor Y": reach unsure
        return []
    return [(s, marker, c) for s, marker, c in reversals(plain, excerpts)
            if any(value for _, value in s.literals)]


_CLAUSE_ENDS = frozenset({".", ";", ":", "?", "!"})
_NOT_A_CONTRAST = frozenset({"only", "just", "merely", "yet", "until", "once"})
_OTHER_CUES = frozenset({"no", "without", "never", "none", "nothing", "neither", "nor"})


def _contrasted(tokens: list[str], span: tuple[int, int]) -> bool:
    """Whether a phrase of a sentence follows a contrasting "not" in its clause ("A, not B"):
    the sentence sets B aside in A's role ("compensable for a sprain only, not for the
    degenerative findings", "a temporary trial, not a permanent implant", "some, not all, of
    his pain"), which says nothing of whether B is there. (Read in the sentence only: in a
    source, "reviews necessity, not causation" still limits what the source allows.)"""
    k = span[0]  # (a phrase's span may begin with its cue)
    while k > 0 and span[0] - k <= 8 and tokens[k] not in _CLAUSE_ENDS:
        if tokens[k] == "not" and tokens[k - 1] == ",":
            return k + 1 < len(tokens) and tokens[k + 1] not in _NOT_A_CONTRAST
        if tokens[k] in _OTHER_CUES or tokens[k] == "not":
            return False  # the phrase's own denial ("not surprisingly, showed no stenosis")
        k -= 1
    return False


def _problems(plain: str, sources: tuple[tuple[str, str], ...]) -> list[str]:
    """What a sentence reverses of its cited facts ((marker, statement) pairs), as messages."""
    if quotes_its_sources(plain, [t for _, t in sources]):
        return []
    said = analyse(plain)
    # the facts, then the excerpts, each read on their own: a guideline's wording does not
    # unsay a fact, nor a fact a guideline
    facts = [s for s in sources if not s[0].startswith("G:")]
    excerpts = [s for s in sources if s[0].startswith("G:")]
    mine = [r for r in reversals(plain, facts) if not _contrasted(said.tokens, r[0].span)]
    if _ELLIPSIS.search(plain):  # "... and never early", "... shows none": what it denies is
        # left unsaid, so nothing it states can be told from what it takes back
        mine = [r for r in mine if not any(value for _, value in r[0].literals)]
    found = [f"says {said.quote((start, end))}; the cited {marker} says "
             f"{analyse(dict(sources)[marker]).quote(theirs)}"
             for (start, end), marker, theirs in _phrases(
                 mine + _guideline_reversals(plain, excerpts))]
    return found or class_denials(plain, tuple(facts))


# A sentence that denies every member of a class: "takes no opioid", "no longer takes any
# analgesic", "without any anticonvulsant" (not "no other analgesic", which excepts some).
_CLASS_DENIAL = re.compile(
    # (not "with and without the medication": a comparison of having it and not)
    r"(?<!\bwith and )(?<!\bwith or )"
    r"\b(?:no|without(?: any)?|not (?:\w+ ){0,2}any|no longer (?:\w+ ){0,2}any|"
    r"never (?:\w+ ){0,2}any)"
    r" (?!(?:other|further|additional|new|more|prior|previous|earlier|longer|later|such|"
    r"single|one|two|three|change|increase|dose|doses|doubt)\b)"
    r"((?:(?!(?:and|or|but|nor)\b)[\w-]+ ){0,2}(?!(?:and|or|but|nor)\b)[\w-]+)",
    re.IGNORECASE)
_CLASS_KINDS = frozenset({"drug"})


def class_denials(plain: str, sources: tuple[tuple[str, str], ...]) -> list[str]:
    """A class the sentence denies outright ("no longer takes any analgesic") while a cited
    fact states one of its members, not denied, stopped or planned ("ibuprofen use fell to once
    daily"): the member the sentence says is not there."""
    if not _CLASS_DENIAL.search(plain):
        return []
    from evals.checks.entities import lexicon

    lex = lexicon()
    found = []
    for m in _CLASS_DENIAL.finditer(plain):
        named = next((said for said, _ in lex.mentions(m.group(1))), frozenset())
        classes = {c for c in named if lex.concepts[c].kind in _CLASS_KINDS and
                   any(c in lex.ancestors[o] and o != c for o in lex.concepts)}
        if not classes:
            continue
        for marker, statement in sources:
            member = _stated_member(statement, frozenset(classes))
            if member:
                found.append(f"says no {lex.concepts[min(classes)].label} "
                             f"({m.group(0).strip()}); the cited {marker} says {member}")
                break
    return found


def _stated_member(statement: str, classes: frozenset[str]) -> str:
    """A word of the statement naming a member of one of the classes, stated (not denied,
    stopped or left unsure)."""
    from evals.checks.entities import lexicon

    lex, facts = lexicon(), analyse(statement)
    for k, token in enumerate(facts.tokens):
        if not facts.concept[k] or facts.state[k] != POSITIVE:
            continue
        for said, _ in lex.mentions(token):
            if any(c in lex.ancestors[cid] and c != cid for cid in said for c in classes):
                return token
    return ""


# The problems of each sentence, by the sentence and its cited facts' statements: the drafts of
# a case share most of their sentences.
FOUND: dict[tuple[str, tuple[tuple[str, str], ...]], list[str]] = {}
MAX_FOUND = 16384


Span = tuple[int, int]


def _phrases(found: list[tuple[Mention, str, Mention]]) -> list[tuple[Span, str, Span]]:
    """One finding per phrase ("home rental trial", not three): reversals of one cited phrase
    are joined when close ("sacroiliac provocation tests ... were positive"), and a sentence
    phrase is reported once."""
    out: list[tuple[Span, str, Span]] = []
    for mine, marker, theirs in sorted(found, key=lambda r: (r[0].span[0], -r[0].span[1])):
        a, b = mine.span
        same = [i for i, (_, m, t) in enumerate(out) if (m, t) == (marker, theirs.span)]
        if same:
            (lo, hi), _, _ = out[same[0]]
            if max(hi, b) - min(lo, a) <= 12:
                out[same[0]] = ((min(lo, a), max(hi, b)), marker, theirs.span)
        elif not any(x < b and a < y for (x, y), _, _ in out):
            out.append(((a, b), marker, theirs.span))
    return out


def _finding(sentence: Sentence, message: str) -> Finding:
    return Finding(check="polarity", severity="error", section=sentence.section.key,
                   sentence=sentence.index, text=sentence.text, message=message)

