"""A draft agrees with itself: no sentence said twice, no two sections giving one item different
outcomes, no "nothing is missing" beside a list of missing records, no placeholder left in a
signed draft (but the reviewer's name and credentials, which exports fill from the sign-off),
and no internal text (template fragments, field names, fact ids outside their citation markers)
for a physician to sign. Each is an error."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from drafting.citations import sentences
from evals.checks.outcomes import stated_outcome
from evals.context import MARKER, EvalContext, Sentence
from evals.findings import Finding, Severity

MIN_REPEATED_WORDS = 8  # a shorter line ("No other records were supplied.") may recur
_WORDS = re.compile(r"[a-z0-9]+")
# Each pattern starts with a literal, so the regex engine skips ahead instead of trying every
# position (the lookbehind comes after the literal it guards).
_BARE_ID = re.compile(r"F(?<![\[\w:-]F)[1-9]\d*(?![\w\]-])")
# Fragments of a template or of the case model, never of prose; with a test of what every match
# of the pattern holds (a section without it is not searched).
_LEAKS = [
    (re.compile(r"\(es\)(?<=[a-zA-Z]\(es\))|\(s\)(?<=[a-zA-Z]\(s\))|"
                r"\(ies\)(?<=[a-zA-Z]\(ies\))"), "a template fragment", lambda t: "s)" in t),
    (re.compile(r"\b(?:fact_ids|excerpt_ids|item_id|percent_relief|date_of_service|"
                r"end_date|prior_decision|disputed_items|case_id|document_type|laterality:|"
                r"statement:|source\.page|source\.document)\b"), "a field name of the case file",
     lambda t: "_" in t or "laterality:" in t or "statement:" in t or "source." in t),
    (_BARE_ID, "a fact id outside a citation marker", lambda t: "F" in t),
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "template syntax", lambda t: "{" in t or "}" in t),
    (re.compile(r"null(?<!\wnull)\b|undefined(?<!\wundefined)\b|NaN(?<!\wNaN)\b|"
                r"None(?<=[:=(] None)\b|None(?<!\wNone)(?=[,;)])"),
     "a missing value printed as code",
     lambda t: "null" in t or "undefined" in t or "NaN" in t or "None" in t),
]
PLACEHOLDER = re.compile(r"\[(?:Reviewer name|Credentials|Date|Signature|Name|Title|"
                         r"Physician name|Address|NAME_\d+|[A-Z][A-Za-z ]{2,30} name)\]")
_NOTHING_MISSING = re.compile(
    r"\b(?:no (?:documentation|submission|records?) gaps?|nothing (?:is |was )?missing|"
    r"no (?:records?|documents?|documentation) (?:is |are |was |were )?missing|"
    r"the record is complete|all (?:required |necessary )?records (?:are|were) (?:enclosed|"
    r"supplied|included))\b", re.I)
_MISSING = re.compile(r"\b(?:missing|not (?:in|included in|part of) the (?:packet|submission)|"
                      r"not (?:supplied|enclosed|provided)|absent from the packet|to follow)\b",
                      re.I)
# _NOTHING_MISSING in lower case, for lower-case ASCII text (the same matches without
# IGNORECASE).
_NOTHING_MISSING_LOWER = re.compile(_NOTHING_MISSING.pattern)


def _says_nothing_missing(text: str) -> bool:
    if not text.isascii():
        return _NOTHING_MISSING.search(text) is not None
    lower = text.lower()  # every match holds one of these:
    return ("gap" in lower or "missing" in lower or "the record is complete" in lower or
            "records are" in lower or "records were" in lower) and \
        _NOTHING_MISSING_LOWER.search(lower) is not None


# Bytes other than a lower-case letter or a digit, as spaces: an ASCII text's words, quickly.
_NOT_ALNUM = bytes(b if chr(b).isdigit() or "a" <= chr(b) <= "z" else ord(" ")
                   for b in range(256))


@lru_cache(maxsize=16384)
def _key(text: str) -> tuple[bytes, int]:
    """A sentence's words without its citation markers, in lower case, and how many."""
    text = MARKER.sub("", text) if "[" in text else text
    text = text.lower()
    if text.isascii():
        words = text.encode().translate(_NOT_ALNUM).split()
    else:
        words = [w.encode() for w in _WORDS.findall(text)]
    return b" ".join(words), len(words)


def _finding(sentence: Sentence, message: str, severity: Severity = "error") -> Finding:
    return Finding(check="coherence", severity=severity, section=sentence.section.key,
                   sentence=sentence.index, text=sentence.text, message=message)


def _repeats(ctx: EvalContext) -> list[Finding]:
    """A sentence said twice: an error, since a physician would not sign a letter that repeats
    itself (the offline composer quotes a fact in full once, then refers to it briefly)."""
    seen: dict[bytes, Sentence] = {}
    found = []
    for sentence in ctx.sentences:
        key, count = _key(sentence.text)
        if count < MIN_REPEATED_WORDS:
            continue
        first = seen.setdefault(key, sentence)
        if first is not sentence:
            where = "earlier in this section" if first.section is sentence.section else \
                f"in section {first.section.key}"
            found.append(_finding(sentence, f"repeats a sentence already written {where}"))
    return found


def _leaks(ctx: EvalContext) -> list[Finding]:
    found = []
    by_section: dict[int, dict[int, Sentence]] = {}  # made at the first leak
    for section in ctx.draft.sections:
        if section.kind in ("signature", "qualifications"):
            continue  # placeholders belong in a signature block until sign-off (below)
        starts: list[int] = []
        flagged: set[int] = set()
        for pattern, what, holds in _LEAKS:  # each over the section: one pass, not per sentence
            if not holds(section.text):
                continue
            for match in pattern.finditer(section.text):
                if not by_section:
                    for sentence in ctx.sentences:
                        by_section.setdefault(id(sentence.section), {})[sentence.index] = sentence
                starts = starts or [a for a, _ in sentences(section.text)]
                index = max(0, bisect.bisect_right(starts, match.start()) - 1)
                sentence = by_section.get(id(section), {}).get(index)
                if sentence is None or index in flagged:
                    continue
                flagged.add(index)
                severity: Severity = "error"
                start = match.start()  # shown with the word it is part of: "do(es)"
                while start > 0 and section.text[start - 1].isalpha():
                    start -= 1
                shown = section.text[start:match.end()]
                found.append(_finding(sentence, f"contains {what}: {shown!r}", severity))
    return found


# Filled from the sign-off on export (drafting/export/layout.py, ``as_signed``): never shown in
# an export of a signed draft, so not left in it.
FILLED_ON_SIGNING = ("[Reviewer name]", "[Reviewer credentials]")


def _unfilled(text: str) -> re.Match[str] | None:
    for match in PLACEHOLDER.finditer(text):
        if match.group(0) not in FILLED_ON_SIGNING:
            return match
    return None


def _placeholders(ctx: EvalContext) -> list[Finding]:
    if not ctx.draft.signed_off_by or \
            not any(_unfilled(section.text) for section in ctx.draft.sections):
        return []
    return [_finding(s, f"signed draft still holds the placeholder "
                        f"{_unfilled(s.text).group(0)!r}")  # type: ignore[union-attr]
            for s in ctx.sentences if _unfilled(s.text)]


_ITEM = re.compile(r"\s*(I\d+)\.")  # a conclusion's line about one item: "I2. ..."
# A criterion's statement set in bold at the head of its paragraph states the guideline's rule
# ("... maintenance care is not medically necessary"), not the draft's outcome for the item.
_CRITERION_HEAD = re.compile(r"^\s*\*\*[^*\n]+\*\*")


def _outcomes(ctx: EvalContext) -> list[Finding]:
    """One item, two outcomes: its own section says one thing and the conclusion another."""
    said: dict[str, tuple[str, Sentence]] = {}
    found = []
    for sentence in ctx.sentences:
        item = sentence.section.item_id
        if item is None and sentence.section.kind == "conclusion":
            named = _ITEM.match(sentence.text)
            item = named.group(1) if named else None
        if sentence.markers and all(m.startswith("G:") for m in sentence.markers):
            continue  # the guideline's rule, cited to it alone ("... is medically necessary
            # only while ..."), not the draft's outcome for the item
        said_text = _CRITERION_HEAD.sub("", sentence.text, count=1)
        outcome = stated_outcome(said_text) if item and said_text.strip() else None
        if item is None or outcome is None:
            continue
        first = said.setdefault(item, (outcome, sentence))
        if first[0] != outcome:
            found.append(_finding(sentence, f"states {outcome} for {item}, but "
                                            f"{first[1].section.key} states {first[0]}"))
    return found


def _missing_and_complete(ctx: EvalContext) -> list[Finding]:
    if not any(_says_nothing_missing(section.text) for section in ctx.draft.sections):
        return []
    complete = [s for s in ctx.sentences if _says_nothing_missing(s.text)]
    if not complete:
        return []
    missing = [s for s in ctx.sentences if s not in complete and _MISSING.search(s.text)]
    if not missing:
        return []
    return [_finding(s, f"says nothing is missing, but {missing[0].section.key} lists missing "
                        f"records") for s in complete]


# What a sentence does with the decision under review: reverses it, or lets it stand.
_REVERSED = re.compile(r"\b(?:denial|non-?certification|modification|determination|decision)"
                       r"\b[^.;]{0,40}?(?<!not )\b(?:is|be|was|are|were) "
                       r"(?:overturned|reversed|set aside|vacated)\b", re.I)
_STANDS = re.compile(r"\b(?:denial|non-?certification)\b[^.;]{0,40}?(?<!not )\b(?:is|be|was) "
                     r"(?:upheld|affirmed|sustained)\b", re.I)


def _reverses_itself(ctx: EvalContext) -> list[Finding]:
    """A sentence that finds an item not medically necessary and overturns the decision that
    cut it back, or finds it necessary and upholds its denial: it disagrees with itself."""
    found = []
    for sentence in ctx.sentences:
        text = sentence.text
        if "medically necessary" not in text.lower():
            continue
        outcome = stated_outcome(text)
        if outcome == "not_necessary" and _REVERSED.search(text):
            found.append(_finding(sentence, "finds the item not medically necessary but "
                                            "overturns the decision under review"))
        elif outcome == "necessary" and _STANDS.search(text):
            found.append(_finding(sentence, "finds the item medically necessary but upholds "
                                            "its denial"))
    return found


def clear_caches() -> None:
    """Forget every sentence read (for timing on cold caches)."""
    _key.cache_clear()


def check_coherence(ctx: EvalContext) -> list[Finding]:
    return (_repeats(ctx) + _leaks(ctx) + _placeholders(ctx) + _outcomes(ctx) +
            _missing_and_complete(ctx) + _reverses_itself(ctx))
