"""What a sentence says the record lacks (the absences check's reading of a sentence): its
clauses with an absence cue of ``evals/data/absence_cues.yaml`` ("no documented", "is not
documented", "was never tried"), each with what it denies as "no <phrase>", less what the sentence
reports another party saying (a quoted denial reason, "the reviewer stated that...").

The support and entities checks read a sentence less these clauses (``claimed_text``), since a
cited fact cannot show an absence; the absences check compares them with every fact of the case
(``absences.py``)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from evals.checks.polarity import Analysis
from evals.checks.polarity.text import normalise, token_start_matches
from evals.checks.polarity.words import AUXILIARIES, HARD
from evals.claim_patterns import words

CUES = Path(__file__).resolve().parents[1] / "data" / "absence_cues.yaml"
REACH = 10  # tokens of a clause read as the thing a cue denies (a noun phrase and its modifiers)


@cache
def _data() -> dict[str, Any]:
    """``absence_cues.yaml``, read once."""
    data: dict[str, Any] = yaml.safe_load(CUES.read_text(encoding="utf-8"))
    return data


@cache
def vocab(name: str) -> frozenset[str]:
    """One word list of ``absence_cues.yaml``."""
    return frozenset(_data()[name])


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The cue lists of ``absence_cues.yaml`` (each entry a regular expression over the
    tokens, matched whole), compiled once."""
    data = _data()

    def pattern(phrases: list[str]) -> re.Pattern[str]:
        alternatives = sorted(map(str, phrases), key=len, reverse=True)
        return re.compile(rf"(?<![\w-])(?:{'|'.join(f'(?:{p})' for p in alternatives)})(?![\w-])")
    return pattern(data["before"]), pattern(data["after"]), pattern(data["confirm"])


@cache
def _at_token_starts() -> bool:
    """Whether every cue begins with a letter (its top-level alternatives too: "(?:does|do)
    not ..."), so that every match of a cue pattern begins where a token does (``_matches``)."""
    data = _data()
    return all(_begins_with_letter(str(p)) for k in ("before", "after", "confirm")
               for p in data[k])


def _begins_with_letter(phrase: str) -> bool:
    """Whether every match of a cue's pattern begins with a letter: each of its alternatives
    begins with a letter, or with a group doing so (an optional group: the rest must too).
    Read conservatively: an escape, a class or anything else first is taken to say no."""
    return all(_alternative_begins_with_letter(a) for a in _top_level(phrase, "|"))


def _alternative_begins_with_letter(alternative: str) -> bool:
    if alternative.startswith("(?:"):
        group, rest = _top_level(alternative, ")")
        if not _begins_with_letter(group[3:]):
            return False
        if rest.startswith(("*", "?")):
            return _alternative_begins_with_letter(rest[1:])
        return not rest.startswith("{")
    return (alternative[:1].isascii() and alternative[:1].isalpha() and
            alternative[1:2] not in ("?", "*", "{"))


def _top_level(text: str, at: str) -> list[str]:
    """``text`` cut at each ``at`` outside groups and classes (for ")": cut once, where the
    group the text opens closes)."""
    depth, start, parts, i, n = 0, 0, [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 1  # an escaped character
        elif c == "[":  # a class, to its closing bracket
            i = text.find("]", i + 2)
            if i < 0:
                return [text]
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if at == ")" and depth == 0:
                return [text[:i], text[i + 1:]]
        elif c == at and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    return [*parts, text[start:]] if at != ")" else [text, ""]


def _matches(pattern: re.Pattern[str], joined: str, starts: list[int]
             ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(joined)`` for a cue pattern over the space-joined tokens (``starts``:
    where each token begins). A token holding a letter is letters and digits only
    (``normalise``), so where every cue begins with a letter every match begins where a token
    does, and the pattern is tried only there (``text.token_start_matches``)."""
    if not _at_token_starts():
        return pattern.finditer(joined)
    return token_start_matches(pattern, joined, starts)


# Where a sentence's clauses part: a semicolon or colon, a dash, or a comma before a word that
# begins another clause ("..., so", "..., although", "..., and the ...").
_CLAUSE = re.compile(  # (each part begins with one of the first four characters: said first,
    # the engine tries the rest only where one of them is)
    r"(?=[\s;:,])(?:\s*[;:]\s+|\s+[—–]\s+|,\s+(?=(?:so|but|yet|although|though|while|whereas|because|since|"
    r"leaving|and (?:the|a|an|his|her|their|its|it|i|he|she|they|this|that|these|those|so|"
    r"no|nothing|none|my|our))\b))", re.IGNORECASE)
# A word every absence cue holds (a sentence without one claims no absence).
_ABSENCE_HINT = re.compile(r"\b(?:no|not|never|none|nothing|neither|nowhere|without|silent|"
                           r"cannot|lacks?|lacking|missing|absent|undocumented|unrecorded)\b|n[’']t\b",
                           re.IGNORECASE)
# The same test on ASCII text by its words (runs of \w, lower case): "no" matches the pattern's
# "\bno\b" just where it is a whole run of word characters.
_HINT_WORDS = frozenset(w.encode() for w in (
    "no not never none nothing neither nowhere without silent cannot lack lacks lacking missing "
    "absent undocumented unrecorded").split())
_NOT_SHORT = re.compile(r"n't\b")
_NEGATORS = {"no": "no", "nothing": "no", "none": "no", "neither": "no"}
# "does not state whether ...", "nothing shows that ...", "does not say which drug he took"
_OPENERS = {"whether", "if", "that", "which", "what"}
_LEADING = {"by", "with", "on"}  # "never confirmed by EMG": the test is what is missing
_SUBJECTS = {"she", "he", "they", "i", "we", "anyone", "anybody", "someone", "somebody"}
_BETWEEN = {"ever", "had", "has", "have", "was", "were", "actually", "really"}
DETERMINERS = {"the", "his", "her", "their", "this", "that", "my", "our"}
_CLAUSE_STARTS = DETERMINERS | _OPENERS | _SUBJECTS
# A claim whose thing missing is a clause with a verb of being ("did not say | the injection
# was unsafe"): what is missing is a statement about the thing, not the thing.
COPULAS = frozenset({"was", "were", "is", "are", "be", "been", "being"})
_RECORD_NOUNS = {"reference", "record", "records", "mention", "evidence", "documentation",
                 "sign", "trace", "note"}


@lru_cache(maxsize=16384)
def absence_clauses(plain: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The clauses of a sentence that say the record lacks something, each with what it says
    is missing (``claimed_absent``): a sentence's other clauses are read as usual ("no SNRI is
    recorded; the anticonvulsant trial is documented"). What the sentence reports another
    party saying is not its claim (``own_words``)."""
    if not _hints_absence(plain):
        return ()
    found = []
    # (a text with no mark _CLAUSE begins with is one clause)
    parts = _CLAUSE.split(plain) if any(c in plain for c in ";:,—–") else [plain]
    for clause in parts:
        if clause and _hints_absence(clause):
            claims = absent_phrases(tuple(normalise(own_words(clause))))
            if claims:
                found.append((clause, tuple(claims)))
    return tuple(found)


def _hints_absence(text: str) -> bool:
    """Whether a text holds a word every absence cue holds (``_ABSENCE_HINT``; an ASCII text is
    tested by its lower-case words, which is what the case-insensitive pattern finds there)."""
    if not text.isascii():
        return _ABSENCE_HINT.search(text) is not None
    lower = text.lower()
    return not _HINT_WORDS.isdisjoint(words(lower)) or (
        "n't" in lower and _NOT_SHORT.search(lower) is not None)


def absent_text(plain: str) -> str:
    """A sentence's clauses that say the record lacks something, joined ("" if none)."""
    return " ".join(clause for clause, _ in absence_clauses(plain))


def claimed_text(plain: str) -> str:
    """The part of a sentence its citations must support: less its clauses that say the
    record lacks something (the absences check reads those against every fact of the case,
    and a cited fact cannot show an absence: "no SNRI is recorded [F8]")."""
    absent = absence_clauses(plain)
    if not absent:
        return plain
    for clause, _ in absent:
        plain = plain.replace(clause, " ")
    return plain


def _phrase(tokens: tuple[str, ...], start: int, stop: int, breaks: frozenset[str],
            commas: bool = False) -> list[str]:
    """The words from ``start`` up to a clause break, a comma (unless ``commas``), a break
    word, "such as" or ``stop``."""
    words: list[str] = []
    for token in tokens[start:min(stop, start + REACH)]:
        if token in HARD or (token == "," and not commas) or token in breaks or token == "such":
            break
        words.append(token)
    while words and words[-1] == ",":
        words.pop()
    return words


def _lead_in(tokens: tuple[str, ...], b: int) -> int:
    """Past the words that only lead to what is missing: "(no) reference to any", "(no)
    record of whether", "(never confirmed) by"."""
    n = len(tokens)
    if b + 1 < n and tokens[b] in _RECORD_NOUNS and tokens[b + 1] in {"of", "to"}:
        b += 2
    if b < n and tokens[b] == "any":
        b += 1
    if b < n and tokens[b] in _OPENERS:
        b += 1
    # "no evidence that | she ever completed | a course of therapy": what is missing is the
    # object of the clause, past its subject and verb
    # (a subject with its determiner: "whether | the applicant had tried | a lower dose")
    start = b
    if b < n and tokens[b] in DETERMINERS:
        start = next((k for k in range(b + 1, min(n, b + 4)) if tokens[k] in _BETWEEN), b)
    if b < n and (tokens[b] in _SUBJECTS or start > b):
        k = (start if start > b else b) + 1
        while k < n and tokens[k] in _BETWEEN:
            k += 1
        if k < n and tokens[k].endswith("ed"):
            b = k + 1
    if b < n and tokens[b] in _LEADING:
        b += 1
    return b


def claimed_absent(said: Analysis) -> list[str]:
    """What an analysed sentence says the record lacks (``absent_phrases`` of its tokens)."""
    return absent_phrases(said.tokens)


def absent_phrases(tokens: tuple[str, ...]) -> list[str]:
    """What a sentence's tokens (the polarity check's, ``normalise``: only the tokens are read,
    so a clause is not analysed for its cues) say the record lacks, each as a denial "no
    <phrase>": the words after a "before" cue up to the end of its clause ("never tried | oral
    gabapentin"), or the words of the clause before an "after" cue ("a one-month home trial |
    is not documented"), or the phrase a denial opens before a "confirm" cue ("no topical
    agent, such as a patch, | has been tried"). Written as a nominal denial, each is compared
    as "no home trial" would be, whatever verb the sentence used."""
    before, after, confirm = _cues()
    joined = " ".join(tokens)
    starts, at = [], 0
    for token in tokens:
        starts.append(at)
        at += len(token) + 1
    phrases = []
    breaks = vocab("phrase_breaks")
    # a denial's phrase ends where a record verb after it begins ("no trial of X | appears in
    # the records")
    ends = [bisect.bisect_left(starts, m.start()) for m in _matches(confirm, joined, starts)]
    for m in _matches(before, joined, starts):
        b = _lead_in(tokens, bisect.bisect_left(starts, m.end()))
        stop = min([e for e in ends if e > b], default=len(tokens))
        phrases.append(_phrase(tokens, b, stop, breaks))
    for m in _matches(after, joined, starts):
        a = bisect.bisect_left(starts, m.start())
        words = []
        for token in reversed(tokens[max(0, a - REACH):a]):
            if token in HARD or token == "," or token in breaks:
                break
            words.insert(0, token)
        # "(whether) the patient had tried | a lower dose | is not recorded": past the subject
        lead = _lead_in(tuple(words), 0) if words and words[0] in _CLAUSE_STARTS else 0
        phrases.append(words[lead:] if lead < len(words) else words)
    claims = [f"no {' '.join(words)}" for words in phrases if words]
    for m in _matches(confirm, joined, starts):  # "no topical agent | has been tried"
        a = bisect.bisect_left(starts, m.start())
        # the nearest denial before the cue in its clause, with no verb between them
        for k in range(a - 1, max(-1, a - 2 * REACH), -1):
            token = tokens[k]
            if token in HARD or token in AUXILIARIES:
                break
            if token in _NEGATORS:  # a list may run over commas: "no X, Y or Z is on file"
                words = _phrase(tokens, _lead_in(tokens, k + 1), a, breaks, commas=True)
                if words:
                    claims.append(" ".join(["no", *words]))
                break
    return claims


# What another party says is theirs, not the draft's: a quoted passage, a criterion in the
# guideline's words, and a clause after a verb of assertion ("the denial stated that four
# weeks of care were not documented").
_REPORTED = re.compile(
    r"[\"“][^\"”]*(?:[\"”]|$)"  # a quote, to its end or the sentence's
    r"|\*\*[^*]+\*\*"  # a criterion as the guideline states it, in bold
    # a verb of assertion (not "is not stated", which says what the record lacks)
    r"|(?<!not )(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )(?<!be )"
    r"\b(?:stat(?:ed|es|ing)|assert(?:ed|s|ing)|claim(?:ed|s|ing)|argu(?:ed|es|ing)|"
    r"contend(?:ed|s|ing)|alleg(?:ed|es|ing)|maintain(?:ed|s|ing)|according to|"
    r"on the grounds? that|reasoning that|citing|"
    # another party's point named as such: "the objection that conservative care is
    # undocumented has partial force"
    r"(?:objection|argument|contention|assertion|allegation|position) that|"
    r"(?:held|found|concluded|determined|ruled|decided|reasoned|said|wrote) that)\b[^.;]*",
    re.IGNORECASE)


# What every match of _REPORTED holds, in lower case: a quote, a bold criterion, a verb of
# assertion's stem, "according to", "citing", or " that" (every other alternative ends so).
_REPORTED_NEEDS = ('"', "**", "stat", "assert", "claim", "argu", "contend", "alleg", "maintain",
                   "according to", "citing", " that")


def own_words(text: str) -> str:
    """The sentence less what it reports of another party (an ASCII text holding nothing every
    match of ``_REPORTED`` needs is returned as it is: the pattern cannot match it)."""
    if text.isascii():
        lower = text.lower()
        if not any(need in lower for need in _REPORTED_NEEDS):
            return text
    return _REPORTED.sub(" ", text)
