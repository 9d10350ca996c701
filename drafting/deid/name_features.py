"""What the learned name finder (``learned_names.py``) reads of a word the rules left in a text.

A candidate is a capitalised word no rule span covers and that is not a clinical word
(``terms.py``: an eponym, a drug, a word never a name, a word of an eponym phrase or of a
"<Word> test/sign/reflex" phrase). Its features are general, not a list of any record's words:
the word's shape and ending; whether it is a given name, a surname, an English word or a town
of the gazetteer; where it stands (start of a line or sentence, after a field label, on a line
in capitals) and the label before it; the two words either side, whether they are capitalised,
covered by a rule span, a title or a credential; how long the run of capitalised words it is
part of is; whether the same word is covered by a rule span elsewhere in the text (the rules
learned it there) and how often it comes back uncovered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from drafting.deid.gazetteer import towns
from drafting.deid.given_names import is_given_name, is_surname
from drafting.deid.name_context import _KIN
from drafting.deid.name_given import _NOT_AFTER, _NOT_BEFORE
from drafting.deid.places import _STATE_NAMES, _STATES
from drafting.deid.terms import heads, is_clinical_word, is_never_name, protected_spans
from drafting.deid.words import is_word

TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w/-]*|[^\w\s]")
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sr", "sra", "srta"})
CREDENTIALS = frozenset({"md", "do", "pt", "dpt", "np", "rn", "pa", "pa-c", "phd", "psyd", "lpn",
                         "dc", "lcsw", "fnp", "aprn", "crna", "esq", "jr", "sr", "ot", "otr",
                         "slp", "lmt", "atc", "ccc", "mbbs", "dds", "dmd", "od", "cnp"})
_STATE = re.compile(_STATE_NAMES, re.IGNORECASE)
_STATE_CODE = re.compile(_STATES)
_KIN_WORD = re.compile(rf"{_KIN}(?:['’]s)?", re.IGNORECASE)
_LABEL = re.compile(r"([A-Za-z][A-Za-z /&'-]{0,40}):[ \t]*$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def capitalised(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isupper()


def _core(word: str) -> str:
    return word.rstrip(".’'").lower()


def shape(word: str) -> str:
    out = re.sub(r"[^\W\d_]", lambda m: "X" if m.group().isupper() else "x", word)
    out = re.sub(r"\d", "d", out)
    return re.sub(r"(.)\1+", r"\1\1", out)


def covered_flags(toks: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token: whether a rule span overlaps it (spans sorted or not)."""
    ordered = sorted(spans)
    out, at = [], 0
    for tok in toks:
        while at < len(ordered) and ordered[at][1] <= tok.start:
            at += 1
        out.append(any(a < tok.end and tok.start < b for a, b in ordered[at:at + 4]))
    return out


def is_state(toks: Sequence[Token], i: int) -> bool:
    """A state, written out ("Ohio", "New York", either word of it) or as its postal code."""
    word = toks[i].text
    pair = [f"{toks[j].text} {word}" for j in (i - 1,) if j >= 0] + \
        [f"{word} {toks[j].text}" for j in (i + 1,) if j < len(toks)]
    return any(_STATE.fullmatch(w.rstrip(".,")) for w in (word, *pair)) or \
        bool(_STATE_CODE.fullmatch(word))


def _short_capitals(text: str, tok: Token) -> bool:
    """Two or three capitals on a line not written in capitals: an abbreviation ("RT", "BH",
    "ADA") far more often than a name (initials are the rules' business: name_letters.py)."""
    if not re.fullmatch(r"[A-Z]{2,3}\.?", tok.text):
        return False
    start = text.rfind("\n", 0, tok.start) + 1
    end = text.find("\n", tok.end)
    line = text[start:len(text) if end < 0 else end]
    return line.upper() != line


_BEFORE_PLACE = re.compile(_NOT_BEFORE.pattern.replace(r"[ ]\d|", "", 1))


def in_phrase(text: str, toks: Sequence[Token], i: int) -> bool:
    """A word of a clinical phrase or of a facility's or place's name, as the rules for given
    names read them (``name_given.py``): before Hospital, Clinic, Test and the like, after St.
    or Mount; or after a capitalised word never a name ("Lumbar Radiculopathy")."""
    tok = toks[i]
    if _BEFORE_PLACE.match(text, tok.end) or _NOT_AFTER.search(text[max(0, tok.start - 12):
                                                                     tok.start]):
        return True
    if i == 0 or text[toks[i - 1].end:tok.start] != " ":
        return False
    other = toks[i - 1].text
    return capitalised(other) and len(other) > 3 and is_never_name(other)


def candidates(text: str, toks: Sequence[Token], covered: Sequence[bool]) -> list[int]:
    """Indices of the tokens the finder scores: not a clinical word or head word, a word of a
    clinical phrase or a facility's name (``in_phrase``), a state (a place larger than a town
    is no identifier), a word of kinship ("Mom", "Grandpa's") or an abbreviation in
    capitals."""
    guarded = [(a, b) for a, b, _ in protected_spans(text)]
    out = []
    for i, tok in enumerate(toks):
        if covered[i] or not capitalised(tok.text) or len(tok.text.strip(".’'")) < 2:
            continue
        if is_clinical_word(tok.text) or is_never_name(tok.text) or _core(tok.text) in heads() \
                or in_phrase(text, toks, i) or \
                _KIN_WORD.fullmatch(tok.text) or is_state(toks, i) or \
                _short_capitals(text, tok):
            continue
        if any(a < tok.end and tok.start < b for a, b in guarded):
            continue
        out.append(i)
    return out


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3+"


class Record:
    """A text, its tokens and what the rules covered, read once for all its candidates."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.toks = tokens(text)
        self.covered = covered_flags(self.toks, spans)
        self.learned = {_core(t.text) for t, c in zip(self.toks, self.covered, strict=True)
                        if c and capitalised(t.text)}
        self.left = Counter(_core(t.text) for t, c in zip(self.toks, self.covered, strict=True)
                            if not c and capitalised(t.text))

    def candidates(self) -> list[int]:
        return candidates(self.text, self.toks, self.covered)

    def features(self, i: int) -> dict[str, float]:
        text, toks, tok = self.text, self.toks, self.toks[i]
        word, core = tok.text, _core(tok.text)
        f: dict[str, float] = {"bias": 1.0, "sh:" + shape(word): 1.0, "w:" + core: 1.0,
                               "suf:" + core[-3:]: 1.0, "len:" + _bucket(len(core) // 3): 1.0}
        for name, test in (("given", is_given_name), ("surname", is_surname),
                           ("dict", is_word)):
            if test(core):
                f[name] = 1.0
        if core in heads():
            f["head"] = 1.0
        if word.rstrip(".") in towns():
            f["town"] = 1.0
        if core in self.learned:
            f["learned_elsewhere"] = 1.0
        f["again:" + _bucket(self.left[core] - 1)] = 1.0
        line_start = text.rfind("\n", 0, tok.start) + 1
        line_end = text.find("\n", tok.end)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        before = text[line_start:tok.start]
        if not before.strip():
            f["linestart"] = 1.0
        elif re.search(r"[.!?]\s+$", before):
            f["sentstart"] = 1.0
        if sum(c.isalpha() for c in line) > 3 and line.upper() == line:
            f["lineupper"] = 1.0
        label = _LABEL.search(before)
        if label:
            f["label:" + label.group(1).split()[-1].lower()] = 1.0
            f["afterlabel"] = 1.0
        elif ":" in before:
            f["afterlabel_far"] = 1.0
        run = 1
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(toks) and capitalised(toks[j].text) and not self.covered[j] \
                    and "\n" not in text[min(toks[j].end, toks[j - step].end):
                                         max(toks[j].start, toks[j - step].start)]:
                run += 1
                j += step
        f["run:" + _bucket(run)] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if not 0 <= j < len(toks):
                f[f"c{d}:<none>"] = 1.0
                continue
            other = toks[j].text
            low = other.lower().rstrip(".")
            f[f"c{d}:{low}"] = 1.0
            if capitalised(other):
                f[f"cap{d}"] = 1.0
            if self.covered[j]:
                f[f"cov{d}"] = 1.0
            if d == -1 and low in TITLES:
                f["title-1"] = 1.0
            if d > 0 and low in CREDENTIALS:
                f[f"cred{d}"] = 1.0
            if abs(d) == 1 and capitalised(other) and is_given_name(low):
                f[f"given{d}"] = 1.0
            if abs(d) == 1 and capitalised(other) and is_surname(low):
                f[f"surname{d}"] = 1.0
        return f
