"""Towns and ZIPs written beside an address in forms the street rules (``places.py``) leave:
a town of the gazetteer (``gazetteer.towns``) after a street's comma with no state or ZIP after
it ("2900 Ridge Lane NE, Grand Rapids, commencing at"), a town of the gazetteer and a state's
postal code with no ZIP ("OSTRANDER, GAIL NP   PUEBLO WEST CO"), a ZIP read out digit by
digit in a transcript ("Kentwood, 4-9-5-0-8"), a Canadian postal code with its town and
province before it ("Québec, QC G1R 3X5"), a house number said in words ("Twelve forty North
Quarry Road") and a street with a diagonal compass point but no suffix ("160 Monroe Center NW,
Suite 900")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.gazetteer import towns
from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, U, is_clinical_word

_WORD = r"[A-Z][A-Za-z'’-]+"
_AFTER = re.compile(rf",[ ](?P<run>{_WORD}(?:[ ]{_WORD}){{0,2}})")
# A state's postal code that is no credential or word ("MD", "PA", "MS", "OR", "OK", "IN" are
# left to the rules that read a ZIP after them).
_STATE = (r"(?:A[LKZR]|C[AOT]|FL|GA|I[DLA]|K[SY]|LA|M[EINOT]|N[EVHJMYCD]|O[H]|RI|S[CD]|T[NX]|UT|"
          r"V[TA]|W[AVIY])")
TOWN_STATE = re.compile(rf"(?<![\w,.-])(?P<run>{_WORD}(?:[ ]{_WORD}){{0,2}}),?[ ](?:{_STATE})"
                        r"(?![\w-])(?![ ]{0,3}\d)")
# (after a town of the gazetteer and its comma, or a ZIP's label: "strength 5-5-5-5-5" and
# "Reflexes, 2-2-2-2-1" are no ZIP)
SPELLED_ZIP = re.compile(r"(?<![\w-])\d(?:-\d){4}(?:(?:-\d){4})?(?![\w-])")
_BEFORE_ZIP = re.compile(rf"(?:(?P<town>{_WORD}(?:[ ]{_WORD}){{0,2}}),|(?i:zip(?:[ ]code)?:?))[ ]$")


# A Canadian postal code (letter, digit, letter, digit, letter, digit; the letters Canada Post
# uses), with the town and the province before it when they are there.
_TOWN_WORD = rf"{U}[{LOWER}]+(?:-{U}[{LOWER}]+)*"
POSTAL_CA = re.compile(
    rf"(?:{_TOWN_WORD}(?:[ ]{_TOWN_WORD}){{0,2}},?[ ](?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT),?"
    r"[ ]{1,3})?(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d"
    r"(?![\w-])")


# A house number said in words, a street's words and its suffix (a transcript's "Eleven
# eighty-seven South Sioux Drive").
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
                r"sixty|seventy|eighty|ninety|hundred|thousand|oh|zero)")
SPOKEN_STREET = re.compile(
    rf"(?<![\w'’-])(?i:{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD}){{1,5}})[ ]"
    r"(?:(?:North|South|East|West)[ ])?(?:[A-Z][a-z]+[ ]){1,3}"
    r"(?:Street|Avenue|Road|Drive|Lane|Boulevard|Court|Way|Place|Circle|Trail|Parkway|Terrace)"
    r"\b")
# A house number, a street's words and a diagonal compass point, no suffix, a unit or a comma
# after it.
DIAGONAL_STREET = re.compile(
    rf"(?<![\w.,/-])\d{{1,6}}(?:[ ]{_TOWN_WORD}){{1,3}}[ ](?:NE|NW|SE|SW)\b"
    r"(?:,?[ ](?:Suite|Ste|Apt|Unit|#)\.?[ ]?#?\w+)?(?=,|\s*$|[ ]{2})", re.MULTILINE)


def _town(words: list[str]) -> bool:
    name = " ".join(w if not w.isupper() else w.title() for w in words)
    return name in towns() and not _is_stop(words[0]) and not is_clinical_word(words[0])


def town_words(words: list[str]) -> int:
    """How many of ``words``, from the first, name a town of the gazetteer (the longest)."""
    return next((n for n in range(len(words), 0, -1) if _town(words[:n])), 0)


def town_after(text: str, end: int) -> int:
    """The end of a town of the gazetteer named after the comma that ends a street address at
    ``end`` (the longest run of capitalised words that is a town), or ``end``."""
    match = _AFTER.match(text, end)
    if match is None:
        return end
    words = match.group("run").split(" ")
    n = town_words(words)
    return match.start("run") + len(" ".join(words[:n])) if n else end


def town_places(text: str) -> Iterator[Span]:
    """Towns of the gazetteer before a state's postal code, and ZIPs spelled digit by digit."""
    for match in TOWN_STATE.finditer(text):
        words = match.group("run").split(" ")
        for n in range(len(words), 0, -1):  # the town ends the run: "GAIL NP  PUEBLO WEST"
            if _town(words[-n:]):
                start = match.end("run") - len(" ".join(words[-n:]))
                yield Span(start, match.end(), PhiKind.address, 2)
                break
    for pattern in (SPOKEN_STREET, DIAGONAL_STREET):
        for match in pattern.finditer(text):
            yield Span(match.start(), town_after(text, match.end()), PhiKind.address, 2)
    for match in POSTAL_CA.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.address, 2)
    for match in SPELLED_ZIP.finditer(text):
        before = _BEFORE_ZIP.search(text, max(0, match.start() - 40), match.start())
        if before and (not before.group("town") or any(
                town_words(before.group("town").split(" ")[-n:]) == n for n in (1, 2, 3))):
            yield Span(match.start(), match.end(), PhiKind.address, 2)
