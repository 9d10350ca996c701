"""How far a name found reaches: ``grow`` widens each name span over its title (in lower case
too: "dr. kapoor") or honorific, initials, particles, credentials, generational suffix,
possessive, a maiden name in parentheses, a surname cut to its initials ("Dana O-L"), the first
name of ``LAST, FIRST`` and a first name written just before it, and merges spans that touch."""

from __future__ import annotations

import re

from drafting.deid.given_names import is_given_name
from drafting.deid.names import (
    _CAP,
    _CAPS,
    _CAPS_WORD,
    _CREDENTIAL_WORDS,
    _CREDENTIALS,
    _INSURER,
    CREDENTIAL,
    GENERATION,
    HONORIFIC,
    PARTICLE,
    TITLE,
    _is_stop,
    given_months,
)
from drafting.deid.terms import APOSTROPHE, U, is_clinical_word
from drafting.deid.words import is_word

_LEFT = re.compile(
    rf"(?:(?<![\w'’-])(?:{TITLE}|{HONORIFIC}|(?i:dr|mr|mrs|ms|mx|prof)|Sr(?=\.))\.?[ ]"
    rf"|(?<![\w'’-])(?:{U}\.[ ]?){{1,3}}|"
    rf"(?<![\w'’-])(?:(?i:{PARTICLE})[ ]){{1,3}}|/s/[ ]?|(?<![\w'’-])(?i:dr)\.)$")
_RIGHT = re.compile(
    rf"^(?:{APOSTROPHE}s(?![\w])|,?[ ]{GENERATION}(?![\w])|"
    # a maiden name ("Ana Ruiz (née de Vries)"); a hyphenated surname cut to its initials ("O-L")
    rf"[ ]\((?i:née|nee|born)[ ](?:(?i:{PARTICLE})[ ])*{_CAP}(?:[ ]{_CAP})?\)|"
    rf"[ ]{U}-{U}(?![\w'’-])|[ ]\(PGY-?\d\)|"  # a resident's year after the credential
    rf"{_CREDENTIALS}\.?(?:,?[ ]{CREDENTIAL}\.?)*|"
    rf",?[ ]{U}\.?(?=[ \t]{{2,}}|[ \t]*[|\n]|[ \t]*$|[ ]-)|"
    rf"[ ]{U}\.(?=[ ][a-z]|[,;:)])|"
    rf",[ ](?:{_CAPS_WORD}(?:[ ]{_CAPS_WORD})?(?:[ ]{U}\.?)?|{_CAP}(?:[ ]{_CAP})?(?:[ ]{U}\.)?)"
    rf"(?=[ \t]{{2,}}|[ \t]*[|\n]|[ \t]+\(|[ \t]*$|[ ]-{{1,2}}[ ]|[ ]\d"
    rf"|,[ ](?:P\.?[ ]?O\.?[ ]Box|\d)))")  # an address after it: "DALE, RUTH, PO Box 12"
# A given name in lower case after "LAST, " as a hand writes a form ("OKAFOR, reginald t."), the
# field ending after it.
_LOWER_FIRST = re.compile(r"^,[ ](?P<word>[a-z]{2,})(?:[ ][a-z]\.?)?"
                          r"(?=[ \t]{2,}|[ \t]*[|\n]|[ \t]*$)")
# A surname in no dictionary just after a name: "Bree Castañeda" where Bree was learned.
_SURNAME_AFTER = re.compile(rf"^[ ](?P<word>{_CAP}(?:-{_CAP})?)(?![\w'’-])")
# A surname after a particle, as French, Spanish, Dutch and Italian names are written after a
# given name ("Anne de la Rivière", "Thomas A. De Vries", "Ana Lucía de la Rosa").
_PARTICLE_SURNAME_AFTER = re.compile(
    rf"^[ ](?:(?i:{PARTICLE})[ ]){{1,3}}(?P<word>{_CAP}(?:-{_CAP})?)(?![\w'’-])")
# The same in capitals after a name in capitals: a second surname ("F. ACEVEDO RUIZ").
_CAPS_SURNAME_AFTER = re.compile(rf"^[ ](?P<word>{_CAPS})(?![\w'’-])")
_SAINT_AFTER = re.compile(rf"^\.?[ ]{_CAP}(?![\w'’-])")
_GIVEN_BEFORE = re.compile(rf"(?<![\w'’-])(?P<word>{_CAP}(?:-{_CAP})?)[ ]$")
# In capitals before a name in capitals, past its middle initial: "IGNATIUS P. TSO".
_GIVEN_CAPS_BEFORE = re.compile(rf"(?<![\w'’-])(?P<word>{_CAPS})[ ]$")
# A given name and a middle initial without its period before a surname, as a letter's address
# block or a claim form writes them: "TERRENCE L WHITLOCK", "Marisol T Vega".
_GIVEN_INITIAL_BEFORE = re.compile(rf"(?<![\w'’-])(?P<word>{_CAPS}|{_CAP})[ ]{U}[ ]$")


def grow(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each name span widened over its title, initials, particles, credentials, possessive, the
    first name of ``LAST, FIRST`` and a first name written just before it; touching or
    overlapping spans, or spans apart by a space or an initial, merged."""
    out = []
    for start, end in spans:
        for _ in range(6):
            before = text[max(0, start - 40):start]
            after = text[end:end + 60]
            moved = False
            if left := _LEFT.search(before):
                start -= len(left.group(0))
                moved = True
            elif _given_before(text, start, end, before):
                given = _GIVEN_BEFORE.search(before)
                assert given is not None
                start -= len(given.group(0))
                moved = True
            elif (caps := _GIVEN_CAPS_BEFORE.search(before)) and text[start:end].isupper() and \
                    not _is_stop(caps.group("word")) and (
                        (is_given_name(caps.group("word")) and not is_clinical_word(
                            caps.group("word"))) or (re.match(rf"{U}\.[ ]", text[start:end])
                        and not is_word(caps.group("word")))):  # "RUTH E. DALE", "IGNATIUS P."
                start -= len(caps.group(0))
                moved = True
            elif (bare := _GIVEN_INITIAL_BEFORE.search(before)) and \
                    is_given_name(bare.group("word")) and not is_clinical_word(bare.group("word")):
                start -= len(bare.group(0))
                moved = True
            if re.search(r"(?:^|[-‐ ])St$", text[max(0, end - 3):end]) and (
                    saint := _SAINT_AFTER.match(after)):  # "Abernathy-St. Clair"
                end += len(saint.group(0))
                continue
            surname = _SURNAME_AFTER.match(after)
            # a surname in no dictionary, or any that ends a clause after a given name alone
            # ("Notary: Renata Vigil, commission ...")
            if surname and not _is_stop(surname.group("word")) and (
                    not is_word(surname.group("word")) or (
                        (is_given_name(text[start:end]) or _foreign(text[start:end]))
                        and re.match(r"[,;)]|[ \t]*$", after[surname.end():], re.MULTILINE)
                        and not is_clinical_word(surname.group("word")))) and \
                    not re.fullmatch(GENERATION, surname.group("word")):
                end += len(surname.group(0))
                continue  # what follows the surname is read on the next round
            particle = _PARTICLE_SURNAME_AFTER.match(after)
            if particle and not _is_stop(particle.group("word")) and \
                    not is_clinical_word(particle.group("word")):
                end += len(particle.group(0))
                continue
            caps = _CAPS_SURNAME_AFTER.match(after)
            if caps and text[start:end].isupper() and re.search(r"[A-Z]{2}", text[start:end]) \
                    and _caps_surname(caps.group("word")):
                end += len(caps.group(0))
                continue
            if (lower := _LOWER_FIRST.match(after)) and is_given_name(lower.group("word")) \
                    and text[start:end].isupper():
                end += len(lower.group(0))
                moved = True
            elif right := _RIGHT.match(after):
                words = re.findall(r"[^\s,]+", right.group(0))
                if not any(is_clinical_word(w) for w in words
                           if w.lower().replace(".", "") not in _CREDENTIAL_WORDS):
                    end += len(right.group(0))
                    moved = True
            if not moved:
                break
        if re.search(r"(?<![\w'’-])(?:Jr|Sr)$", text[max(0, end - 3):end]) and \
                text[end:end + 1] == ".":
            end += 1  # "Kwame Jr." ends with its period, whatever follows it
        out.append((start, end))
    out.sort()
    merged: list[tuple[int, int]] = []
    for start, end in out:
        if merged and (start < merged[-1][1] or _JOINS.fullmatch(text[merged[-1][1]:start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# What may stand between two parts of one name: a space, a comma, a slash between spaces (a
# form's "Last / First": "Ortiz Maldonado / Rafael Alberto"), a middle initial, a hyphen
# ("OKAFOR" and "STRAND" of "OKAFOR-STRAND"), a hyphen that ends a line ("faith okafor-" /
# "lindqvist").
_JOINS = re.compile(rf"[ ]/[ ]|(?:,[ ]?|[ ])?(?:{U}\.?[ ]?){{0,2}}|[ ](?i:{PARTICLE}|st)[ ]"
                    r"|-\n[ \t]*|[-‐]")


def _foreign(name: str) -> bool:
    """Two words or more and the last two in no dictionary ("Nguyễn Thị" before "Lan", "Bà Bùi
    Thị" before "Hoa"): a name that goes on with a given name that is also a word."""
    words = re.findall(r"[^\W\d_]+", name)
    return len(words) >= 2 and not any(is_word(w) or _is_stop(w) for w in words[-2:])


def _given_before(text: str, start: int, end: int, before: str) -> bool:
    """A capitalised word just before an untitled name that is no heading word and does not
    open a sentence: a first name ("Ingrid Strout-Halvorsen")."""
    given = _GIVEN_BEFORE.search(before)
    return (given is not None and not re.match(rf"{TITLE}\b", text[start:end])
            and (not _is_stop(given.group("word"))
                 or given.group("word").lower() in given_months())
            and (not re.search(r"[.:;!?]\s*$", before[:given.start()])
                 # after a stop, only a word in no dictionary ("Objections: Annelise")
                 or (not is_word(given.group("word")) and not _is_stop(given.group("word"))
                     and not is_clinical_word(given.group("word"))
                     and not _INSURER.search(text[start:end]))))


def _caps_surname(word: str) -> bool:
    """A word in capitals that can only be a surname: in no dictionary, no clinical, heading or
    given word of a form ("RUIZ", not "MD", "DOB", "LEFT")."""
    return len(word) >= 3 and not (is_word(word.lower()) or is_word(word.title())
                                   or is_clinical_word(word) or is_clinical_word(word.title())
                                   or _is_stop(word.title()) or _is_stop(word))
