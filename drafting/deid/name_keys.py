"""Names a record writes as a key to another form of the same name:

- a legend of initials: a line that opens with a person's initials and goes on with the name
  they stand for (``H.O.  HALVARD OSTREM``, ``T.E.-L.  TOBIAS EKWUEME-LARKIN``): the initials
  prove the name (marked, so learned);
- a name in capitals just after a valid NPI, as a claim form's provider boxes print it
  (``1689034452 MARCHETTI-OYELARAN``);
- a name written just before an e-mail address that spells it (``Priya Holt-Ramos
  priya.holt-ramos@x.org``), and the given name an address spells (``rainie.abtso@...``: Rainie);
- the user name a system made of a learned name: its first initial and surname, in lower case,
  a role after an underscore (``mdubois``, ``rgarza_ma``), or its surname and initial (``garzar``);
- a learned name's initials as a table or a key writes them: dotted with a hyphenated surname
  (``T.E.-L.``), a lower-case particle (``Y.R.d.C.``), or without accents (``TLD`` for T. L. Đoàn);
- another name for the same person: after ``pref.`` or ``AKA``, in brackets after a relation
  (``Husband (Iggy)``), quoted inside a name (``Ignatius ("Iggy") Tso``);
- ``LAST PARTICLE LAST, F`` in capitals, a table's prescriber (``RUIZ DE CASTILLA, Y``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid.checksums import npi_ok
from drafting.deid.given_names import is_given_name
from drafting.deid.names import _CAP, _CAPS, _CREDENTIAL_WORDS, _RELATION, PARTICLE, _is_stop
from drafting.deid.terms import HYPHEN, LOWER, UPPER, fold, is_clinical_word, is_never_name
from drafting.deid.words import is_word

_NAME_WORD = rf"[{UPPER}][{UPPER}{LOWER}'’]*(?:{HYPHEN}[{UPPER}][{UPPER}{LOWER}'’]*)*"
_LEGEND_NAME = rf"{_NAME_WORD}(?:[ ](?:(?i:{PARTICLE})[ ])?{_NAME_WORD}){{1,3}}"
LEGEND = re.compile(
    r"(?m)^[ \t]*(?P<ini>(?:[A-Z]\.(?:-[A-Z]\.)?|[a-z]\.){2,5}|[A-Z]{2,4})[ \t]+"
    rf"(?P<name>{_LEGEND_NAME})(?=[ \t]{{2,}}|,|[ ]-[ ]|[ \t]*$)")
AFTER_NPI = re.compile(
    rf"(?<![\w-])(?P<npi>[12]\d{{9}})[ ]+(?P<name>[{UPPER}]{{2,}}(?:{HYPHEN}[{UPPER}]{{2,}})*"
    rf"(?:[ ][{UPPER}]{{2,}}(?:{HYPHEN}[{UPPER}]{{2,}})*){{0,2}})(?=[ \t]{{2,}}|[ \t]*$)",
    re.MULTILINE)
# Letters with a stroke, which have no accent to drop: "Đoàn" is "Doan" in a user name.
_STROKES = str.maketrans("ĐđØøŁłĦħ", "DdOoLlHh")
EMAIL = re.compile(r"(?<![\w.+-])(?P<local>[a-z]+(?:[._][a-z]+(?:-[a-z]+)?)+)@[\w-]+(?:\.[\w-]+)+")


ALIAS_CUE = re.compile(
    r"(?:\((?i:pref\.?|preferred(?:[ ]name)?:?|goes[ ]by|nickname:?)[ ]"
    rf"|(?<![\w.])(?i:aka|a\.k\.a\.)(?::[ ]?|[ ]))[\"“]?(?P<name>{_CAP})(?![\w'’-])")
# A junior's initials in brackets after his name: "Clement Jr.\n(CJ, died 2007)".
JUNIOR_NICK = re.compile(
    rf"(?<![\w'’-]){_CAP}[ ](?:Jr|Sr)\.?,?\s+\((?P<name>[A-Z]{{1,2}}J)(?=[,)])")
# (found from the brackets back: far fewer of them than places a relation could start)
NICK_IN_BRACKETS = re.compile(rf"[ ]\((?P<name>{_CAP})\)")
RELATION_BEFORE = re.compile(rf"\b(?i:{_RELATION})$")
QUOTED_INSIDE = re.compile(
    rf"(?<![\w'’-])(?P<first>{_CAP})[ ]\(?[\"“](?P<nick>{_CAP})[\"”]\)?[ ]"
    rf"(?P<last>{_CAP}(?:{HYPHEN}{_CAP})*)(?![\w'’-])")
INVERTED_PARTICLE = re.compile(
    rf"(?<![\w'’-])(?P<name>{_CAPS}(?:[ ](?:DE|DEL|LA|VAN|VON|DA|DI|DOS|DER|DEN|LE))+[ ]{_CAPS},"
    rf"[ ](?:{_CAPS}|[A-Z]\.?))(?=[ \t]{{2,}}|[ \t]*$|[ \t]*[|(])", re.MULTILINE)


def aliases(text: str) -> Iterator[tuple[int, int]]:
    """Other names of a person: after a cue, in brackets after a relation, quoted inside."""
    cued = [m for m in NICK_IN_BRACKETS.finditer(text)
            if RELATION_BEFORE.search(text, max(0, m.start() - 40), m.start())]
    for match in [*ALIAS_CUE.finditer(text), *cued]:
        word = match.group("name")
        if not _is_stop(word) and not is_clinical_word(word) and (
                not is_word(word) or is_given_name(word)):  # not "(pref. Spanish)"
            yield match.span("name")
    for junior in {m.group("name") for m in JUNIOR_NICK.finditer(text)}:  # there and after
        yield from (m.span() for m in re.finditer(rf"(?<![\w-]){junior}(?![\w-])", text))
    for match in QUOTED_INSIDE.finditer(text):
        words = [match.group(g) for g in ("first", "nick", "last")]
        if not any(_is_stop(w) for w in words) and not (
                is_word(words[0]) and is_word(words[2])):
            yield match.span()
    for match in INVERTED_PARTICLE.finditer(text):
        if _plausible(match.group("name").replace(",", " ").split()):
            yield match.span("name")


def _is_particle(word: str) -> bool:
    return re.fullmatch(PARTICLE, word, re.IGNORECASE) is not None


def _letters(words: list[str]) -> str:
    """The initials of ``words``, hyphen parts each, particles included, in upper case."""
    return "".join(p[0] for w in words for p in re.split(HYPHEN, w) if p).upper()


def _plausible(words: list[str]) -> bool:
    """Some word in no dictionary, none a clinical or heading word: not "MAGNETIC RESONANCE"."""
    plain = [w for w in words if not _is_particle(w)]
    return any(not is_word(p) for w in plain for p in re.split(HYPHEN, w)) and not any(
        is_never_name(w) or is_clinical_word(w) for w in plain)


def keyed_names(text: str) -> Iterator[tuple[int, int]]:
    """Names a legend of initials or an NPI before them marks, and names an e-mail spells."""
    for match in LEGEND.finditer(text):
        words = match.group("name").split()
        if _letters(words) == re.sub(r"[.-]", "", match.group("ini")).upper() and \
                _plausible(words):
            yield match.span("ini")
            yield match.span("name")
    for match in AFTER_NPI.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        name = match.group("name").split()
        if (npi_ok(match.group("npi")) or "NPI" in line) and _plausible(name):
            yield match.span("name")
    yield from aliases(text)
    for match in EMAIL.finditer(text):
        pieces = re.split(r"[._]", match.group("local"))
        if len(pieces) < 2 or any(len(p) < 2 for p in pieces) or not _plausible(pieces):
            continue  # not a desk's address: "cardio.rehab@", "billing.office@"
        spelled = r"[ ](?:[A-Z]\.[ ])?".join(re.escape(p) for p in pieces)
        for name in re.finditer(rf"(?<![\w'’-])(?i:{spelled})(?![\w'’-])", text):
            if name.group(0)[0].isupper():
                yield name.span()
        given = pieces[0]
        if len(given) >= 4 and not is_word(given) and not is_clinical_word(given):
            for name in re.finditer(rf"(?<![\w'’.-]){given.capitalize()}(?![\w'’-])", text):
                yield name.span()


def _full_names(tokens: Iterable[str]) -> Iterator[list[str]]:
    """Each learned full name as its words, given name first, without credentials."""
    for token in tokens:
        if " " not in token.strip():
            continue
        parts = [p.strip() for p in token.split(",")]
        while len(parts) > 1 and parts[-1].replace(".", "").lower() in _CREDENTIAL_WORDS:
            parts.pop()
        name = f"{parts[1]} {parts[0]}" if len(parts) == 2 else parts[0]  # "LAST, FIRST"
        words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.?", w)]
        if len(words) >= 2:
            yield words


def derived_names(text: str, tokens: Iterable[str]) -> Iterator[tuple[int, int]]:
    """User names and initials made of learned full names."""
    users: set[str] = set()
    dotted: set[str] = set()
    plain: set[str] = set()
    for words in _full_names(tokens):
        given, surname = words[0], words[-1]
        for last in {surname, re.split(HYPHEN, surname)[0], re.sub(HYPHEN, "", surname)}:
            for key in (given[0] + last, last + given[0]):  # "mdubois", "duboism"
                key = fold(key).translate(_STROKES).lower()
                if len(key) >= 5 and not is_word(key):
                    users.add(re.escape(key))
        dotted.add("".join(
            w[0].lower() + "." if _is_particle(w) else
            "-".join(p[0].upper() + "." for p in re.split(HYPHEN, w) if p) for w in words))
        letters = fold(_letters([w for w in words if not _is_particle(w)])).translate(_STROKES)
        if len(letters) >= 3 and not is_word(letters) and not is_clinical_word(letters):
            plain.add(letters)
    if users:
        pattern = (rf"(?<![\w.@/-])(?i:{'|'.join(sorted(users))})(?:_[a-z]{{1,6}}|\d{{1,3}})?"
                   r"(?![\w@-])")
        yield from (m.span() for m in re.finditer(pattern, text))
    if dotted:
        forms = "|".join(re.escape(f) for f in sorted(dotted, key=len, reverse=True))
        yield from (m.span() for m in re.finditer(rf"(?<![\w.])(?:{forms})(?![\w])", text))
    if plain:
        forms = "|".join(sorted(plain, key=len, reverse=True))
        yield from (m.span() for m in re.finditer(rf"(?<![\w-])(?:{forms})(?![\w-])", text))
