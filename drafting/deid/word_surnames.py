"""A surname that is also an ordinary word ("Back", "West", "Lane", "North", "Street"): learned
where the record itself says it is a surname, and then replaced wherever it is joined to a name
(issue #22).

The other name rules refuse such a word (a direction, a part of the body, a form's word), so the
patient's own surname leaked in every form. What marks it as a surname here:

- a labelled name field written inverted, "Patient: BACK, DELMER RAY" or "Claimant BACK,
  DELMER R." (in capitals the colon may be missing): every word of the field is the name,
  whatever the word lists say, when the first word after the comma is a given name;
- a labelled field written in order, "Examinee: Delmer Ray Back", the last word a Census surname;
- a personal title, "Mr. Back", "Mrs. West".

A learned surname is then replaced where it is joined to a name: after given names or initials
("Delmer Ray Back", "D. Back", "DELMER R BACK", "Loretta Faye Back"), after a personal title
("Mr. Back"), or inverted before given names ("BACK, OVA MAE"); with a hyphenated second part
("Back-Combs"). Where it stands alone it is the ordinary word ("low back pain", "Back: tender",
"West Virginia", "Lane 2") and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafting.deid.given_names import is_given_name, is_surname
from drafting.deid.name_labels import _PERSON_LABELS
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import drugs, fold, is_never_name

_WORD = r"[A-Z][a-z'’]+|[A-Z]{2,}(?:['’][A-Z]+)?"
_INITIAL = r"[A-Z]\.?"
_LABEL = rf"(?<![\w-])(?i:{_PERSON_LABELS})"
# where a field ends: a line break, a column's gap, a bar or semicolon, the end of the text
_FIELD_END = r"(?=[ \t]*(?:$|\n|[|;]|[ \t]{2,}|\t))"
_INVERTED_FIELD = re.compile(
    rf"{_LABEL}(?P<colon>[ \t]*[:#])?[ \t]+(?P<sur>{_WORD}),[ ]{{0,2}}(?P<given>{_WORD})"
    rf"(?P<more>(?:[ ](?:{_WORD}|{_INITIAL})){{0,2}}){_FIELD_END}", re.MULTILINE)
_ORDERED_FIELD = re.compile(
    rf"{_LABEL}[ \t]*[:#][ \t]*(?P<given>{_WORD})(?P<more>(?:[ ](?:{_WORD}|{_INITIAL})){{0,2}})"
    rf"[ ](?P<sur>{_WORD}){_FIELD_END}", re.MULTILINE)
# A record's header line or a caption: a name in capitals opening a line, then (after a column's
# gap, a bar or a comma) a record's identifier or a party's role ("BACK, DELMER RAY | MRN ...",
# "DELMER BACK   DOB 03221971", "DELMER RAY BACK, PLAINTIFF").
_CAPS = r"[A-Z]{2,}(?:['’-][A-Z]+)?"
_HEADED = (r"(?=(?:[ \t]*[|,]|[ \t]{2,}|\t)[ \t]*(?:DOB|D\.O\.B|MRN|AGE|SSN|ACCT|SEX|PLAINTIFF|"
           r"DEFENDANT|PETITIONER|RESPONDENT|CLAIMANT|APPLICANT|EMPLOYEE)\b)")
_HEADED_INVERTED = re.compile(
    rf"^[ \t]*(?P<sur>{_CAPS}),[ ]?(?P<given>{_CAPS})(?P<more>(?:[ ](?:{_CAPS}|[A-Z]\.?)){{0,2}})"
    rf"{_HEADED}", re.MULTILINE)
_HEADED_ORDERED = re.compile(
    rf"^[ \t]*(?P<given>{_CAPS})(?P<more>(?:[ ](?:{_CAPS}|[A-Z]\.?)){{0,2}})[ ](?P<sur>{_CAPS})"
    rf"{_HEADED}", re.MULTILINE)
# a personal title as prose writes it (in capitals, "MR" is magnetic resonance too)
_TITLE = r"(?<![\w'’-])(?:(?:Mr|Mrs|Ms|Mx)\.?[ ]{1,2}|Miss[ ])"
_TITLED = re.compile(rf"{_TITLE}(?P<sur>{_WORD})(?![\w'’-])")
# what follows a form's word, not a surname: a short number or "of" ("Mrs Page 2 of the form",
# "Lane 2"), not a phone's or a date's digits ("Loretta Faye Back 606.555.0149")
_NOT_AFTER = re.compile(r"[ ]?(?:\d{1,3}(?![\d.,/-]?\d)|of\b)")


@dataclass
class WordSurnames:
    """Surnames (and the given names written with them) learned from a record or a packet, in
    title case."""

    surnames: set[str] = field(default_factory=set)
    given: set[str] = field(default_factory=set)

    def __ior__(self, other: WordSurnames) -> WordSurnames:
        self.surnames |= other.surnames
        self.given |= other.given
        return self

    def __len__(self) -> int:
        return len(self.surnames) + len(self.given)


def _drug(word: str) -> bool:
    return fold(word).lower() in drugs()


def _given(word: str, known: set[str]) -> bool:
    title = word.title()
    return (title in known or is_given_name(title)) and not is_never_name(title)


def taught(text: str) -> WordSurnames:
    """The surnames ``text`` marks as surnames (labelled fields, record headers, captions,
    personal titles)."""
    out = WordSurnames()
    for match in _INVERTED_FIELD.finditer(text):
        if match.group("colon") is not None or match.group(0).split(None, 1)[-1].isupper():
            _inverted(match, out)
    for match in _HEADED_INVERTED.finditer(text):
        _inverted(match, out)
    for match in (*_ORDERED_FIELD.finditer(text), *_HEADED_ORDERED.finditer(text)):
        more = match.group("more").split()
        sur = match.group("sur")
        if is_given_name(match.group("given").title()) and is_surname(sur.title()) \
                and not _drug(sur) and all(
                    re.fullmatch(_INITIAL, w) or is_given_name(w.title()) for w in more):
            out.surnames.add(sur.title())
            out.given |= {w.title() for w in [match.group("given"), *more] if len(w) > 2}
    for match in _TITLED.finditer(text):
        sur = match.group("sur")
        if not _drug(sur) and sur.istitle() and not _NOT_AFTER.match(text, match.end()):
            out.surnames.add(sur.title())
    return out


def _inverted(match: re.Match[str], out: WordSurnames) -> None:
    """Every word of "SURNAME, GIVEN MIDDLE" when the first given name is one."""
    if is_given_name(match.group("given").title()) and not _drug(match.group("sur")):
        out.surnames.add(match.group("sur").title())
        out.given |= {w.title() for w in [match.group("given"), *match.group("more").split()]
                      if len(w.rstrip(".")) > 1}


def _before(text: str, start: int, known: set[str]) -> int:
    """Where the given names, initials or title joined before a surname at ``start`` begin."""
    begin, pos = start, start
    while True:
        head = re.search(rf"(?:^|(?<=[\s(]))(?P<tok>{_WORD}|{_INITIAL})[ ]{{1,2}}$",
                         text[max(0, pos - 40):pos])
        if head is None:
            break
        token = head.group("tok")
        if not (_given(token, known) or re.fullmatch(_INITIAL, token)):
            break
        pos = pos - len(head.group(0))
        if not re.fullmatch(r"[A-Z]", token):  # "DELMER R BACK": an initial only inside
            begin = pos
    title = re.search(rf"{_TITLE}$", text[max(0, begin - 6):begin])
    if title is not None:
        begin -= len(title.group(0))
    return begin


def _after(text: str, end: int, known: set[str]) -> int:
    """Where the given names after an inverted surname at ``end`` end ("BACK, OVA MAE")."""
    given = re.match(rf",[ ]{{0,2}}(?P<first>{_WORD})(?P<more>(?:[ ](?:{_WORD}|{_INITIAL}))*)",
                     text[end:end + 60])
    if given is None or not _given(given.group("first"), known):
        return end
    stop = end + given.end("first")
    offset = end + given.start("more")
    for token in re.finditer(rf"[ ](?:{_WORD}|{_INITIAL})", given.group("more")):
        word = token.group(0).strip()
        if not (_given(word, known) or re.fullmatch(_INITIAL, word)):
            break
        stop = offset + token.end()
    return stop


def surname_spans(text: str, learned: WordSurnames,
                  found: Sequence[Span] = ()) -> list[tuple[int, int]]:
    """Where a learned surname stands joined to a name in ``text``: to given names, initials
    or a title, or to a name already ``found`` just before it or just after its comma."""
    if not learned.surnames:
        return []
    words = "|".join(sorted({re.escape(v) for s in learned.surnames for v in (s, s.upper())},
                            key=len, reverse=True))
    out = []
    for match in re.finditer(rf"(?<![\w'’-])(?:{words})(?:-[A-Z][A-Za-z]+)?(?![\w'’-])", text):
        if _NOT_AFTER.match(text, match.end()):
            continue
        start, end = _before(text, match.start(), learned.given), \
            _after(text, match.end(), learned.given)
        for span in found:
            if span.kind is PhiKind.name and (
                    re.fullmatch(r"[ ]{1,2}", text[span.end:match.start()])
                    or text[match.end():span.start] == ", "):
                start, end = min(start, span.start), max(end, span.end)
        if start < match.start() or end > match.end():
            out.append((start, end))
    return out


def with_word_surnames(text: str, spans: list[Span], learned: WordSurnames) -> list[Span]:
    """``spans`` (resolved, in order) with the learned surnames' names added: a found name they
    overlap is widened to take them; one that overlaps another kind of identifier is left out."""
    out = list(spans)
    for start, end in surname_spans(text, learned, spans):
        touching = [s for s in out if s.start < end and start < s.end]
        if any(s.kind is not PhiKind.name for s in touching):
            continue
        start = min([start, *(s.start for s in touching)])
        end = max([end, *(s.end for s in touching)])
        out = [s for s in out if s not in touching]
        out.append(Span(start, end, PhiKind.name, max([4, *(s.priority for s in touching)])))
    return sorted(out, key=lambda s: (s.start, s.end))
