"""Names of people known by what stands beside them, in any layout (round E of #22):

- a name followed by a bracket that gives a person's particulars: a relation, an ID, a birth date
  or an age (``Jaylen Afolabi (grandchild, ward)``, ``LAN NGUYEN (ID OH TZ449107)``,
  ``Caller: Kim-Ly Afolabi (daughter, ...)``), in title case or in capitals;
- a given name in the possessive before a relation (``Lan's mother``, ``Hope's husband``),
  whatever the word, not a heading, clinical or kin word;
- a name of two or three words none of which is in a dictionary after "by" anywhere (``conflict
  check CC-25-1181 by Haruto Ishikawa-Brown``, ``Pick-up ... by DESMOND AFOLABI``), not only
  after a stamp verb;
- two capitalised words side by side, neither in a dictionary nor a clinical or heading word,
  at least one of them with a letter no English word has or a given name of the list
  (``Tomasz Zieliński covers``, ``Tadeusz Szczepański 0069902``);
- a user name near a name it is made of, on the same line, in brackets or after a comma
  (``Jasmine Tollefsrud, LPN (jtollef)``, ``Dr. Priyanka Subramaniam, PGY-1, psubram2``), and
  the name before a user name that is made of it (``CSS Anjali Raghunathan (user araghuna)``);
- a letter's reference line in lower case, the author's user name and the typist's initials
  (``ihteague/bor 09/03/25``), when the first is made of a name of the letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.names import _CAP, _CAPS, _is_stop, given_months
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import HYPHEN, is_clinical_word
from drafting.deid.user_ids import _spells
from drafting.deid.words import is_word

_TITLE_WORD = rf"{_CAP}(?:{HYPHEN}{_CAP})*"
_CAPS_WORD = rf"{_CAPS}(?:{HYPHEN}{_CAPS})*"
# two to four words, all in title case or all in capitals (a middle initial allowed)
_NAME = (rf"(?:{_TITLE_WORD}(?:[ ](?:[A-Z]\.?[ ])?{_TITLE_WORD}){{1,3}}"
         rf"|{_CAPS_WORD}(?:[ ](?:[A-Z]\.?[ ])?{_CAPS_WORD}){{1,3}})")
_KIN = (r"(?:wife|husband|spouse|partner|fianc[ée]e?|mother|father|mom|dad|son|daughter|"
        r"child|grandchild|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|"
        r"sister|brother|sibling|niece|nephew|aunt|uncle|cousin|stepson|stepdaughter|"
        r"stepmother|stepfather|(?:mother|father|son|daughter|brother|sister)-in-law|ward|"
        r"guardian|caregiver|friend|neighbou?r|roommate|girlfriend|boyfriend)")
# what a bracket after a person's name gives: a relation, an ID, a birth date, an age
_PARTICULARS = (rf"(?i:(?:(?:his|her|their|the[ ]patient's|pt's|patient's)[ ])?{_KIN}\b"
                r"|ID[ ]|DOB\b|D\.O\.B\.|age[ ]\d|\d{1,3}[ ]?(?:yo|y/o|years?)\b|MRN\b)")
NAME_PARTICULARS = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})[ ]\((?={_PARTICULARS})")
KIN_OF = re.compile(rf"(?<![\w'’-])(?P<name>{_TITLE_WORD})['’]s[ ](?={_KIN}\b)")
BY_NAME = re.compile(rf"(?<![\w'’-])by[ ](?P<name>{_NAME})(?![\w'’-])")
PAIR = re.compile(rf"(?<![\w'’.-])(?P<name>{_TITLE_WORD}[ ]{_TITLE_WORD})(?![\w'’-])")
_NOT_ENGLISH = re.compile("[ñÑøØđĐłŁßőŐűŰșȘțȚğĞıăĂńŃśŚźŹżŻąĄęĘčČřŘšŠžŽ]")
_USER = r"[a-z][a-z0-9._]{2,14}[a-z0-9]"
# a user name after a name on its line: in brackets or after a comma (a credential, a year of
# training between)
USER_AFTER = re.compile(rf"^[^\n()]{{0,30}}?(?:[ ]\(|,[ ])(?P<id>{_USER})(?=[),;:]|$)",
                        re.MULTILINE)
USER_THEN_NAME = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})[ ]\((?i:user|user[ ]id|login)[ :]"
                            rf"[ ]?(?P<id>{_USER})\)")
# "Cavanaugh, Renee <rcavanaugh@...>" in an address list: LAST, FIRST before an e-mail made of it
LAST_FIRST_EMAIL = re.compile(rf"(?<![\w'’-])(?P<last>{_TITLE_WORD}),[ ](?P<first>{_TITLE_WORD})"
                              r"[ ]<(?P<local>[a-z][a-z0-9._-]+)@")
REFERENCE_LINE = re.compile(r"(?m)^[ \t]*(?P<author>[a-z]{4,12})/(?P<typist>[a-z]{2,4})"
                            r"(?=[ \t]+\d|[ \t]*$)")


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[ ]+", name) if not re.fullmatch(r"[A-Z]\.?", w)]


def _plain(word: str) -> bool:
    """No stop word, clinical word or heading word."""
    return not (_is_stop(word) or is_clinical_word(word)
                or any(_is_stop(p) or is_clinical_word(p) for p in re.split(HYPHEN, word)))


def context_names(text: str) -> Iterator[Span]:
    for match in NAME_PARTICULARS.finditer(text):
        words = _words(match.group("name"))
        # the last word a surname ("Lake Conway Regional (MRN ...)" is a hospital)
        if all(_plain(w) for w in words) and (not is_word(words[-1]) or is_given_name(words[-1])):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in KIN_OF.finditer(text):
        word = match.group("name")
        if _plain(word) and not re.fullmatch(_KIN, word, re.IGNORECASE) and \
                word.lower() not in given_months() and len(word) >= 3:
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in BY_NAME.finditer(text):
        words = _words(match.group("name"))
        if all(_plain(w) and not is_word(w) for w in words):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in PAIR.finditer(text):
        words = _words(match.group("name"))
        if all(_plain(w) and not is_word(w) and len(w) >= 4 for w in words) and any(
                _NOT_ENGLISH.search(w) or is_given_name(w) for w in words):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 3)
    for match in LAST_FIRST_EMAIL.finditer(text):
        first, last = match.group("first"), match.group("last")
        if _spells(match.group("local"), f"{first} {last}") and _plain(first) and _plain(last):
            yield Span(match.start(), match.end("first"), PhiKind.name, 4)
    for match in USER_THEN_NAME.finditer(text):
        if _spells(match.group("id"), match.group("name")) and all(
                _plain(w) for w in _words(match.group("name"))):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
            yield Span(match.start("id"), match.end("id"), PhiKind.id, 4)


_UNTITLED = re.compile(r"^(?i:dr|mr|mrs|ms|mx|prof)\.?[ ]+")


def users_near_names(text: str, names: list[Span]) -> Iterator[Span]:
    """User names made of a name found just before them on its line; reference lines."""
    for span in names:
        line_end = text.find("\n", span.end)
        rest = text[span.end:line_end if line_end >= 0 else len(text)][:60]
        name = _UNTITLED.sub("", span.text(text).split(",")[0])
        if (match := USER_AFTER.match(rest)) and _spells(match.group("id"), name) \
                and not is_word(match.group("id")):
            yield Span(span.end + match.start("id"), span.end + match.end("id"), PhiKind.id, 4)
    if not names:
        return
    for match in REFERENCE_LINE.finditer(text):
        if is_word(match.group("author")) or is_word(match.group("typist")):
            continue
        if any(_spells(match.group("author"), span.text(text).split(",")[0]) for span in names):
            yield Span(match.start("author"), match.end("author"), PhiKind.id, 4)
            yield Span(match.start("typist"), match.end("typist"), PhiKind.name, 4)
