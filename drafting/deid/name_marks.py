"""More marks of a person's name, and ``find_names``, which joins them to those of ``names.py``.

- A name before an e-mail address in a header or a parenthesis: ``Bao-Ngoc Tran <bt@x.com>``,
  ``(LaTonya Beauchamp, lb@x.com)``.
- A quoted nickname just after a marked name (``Bernadette L. ("Birdie")``, ``Ignacio "Iggy"
  Salas``) or a name the writer says the person prefers (``Birdie (she prefers that name)``):
  learned, so found everywhere after.
- A patient's initials in a subject or "Re:" line (``Subject: RE: BQS / claim ...``): the
  initials of a learned full name, three letters or more, written in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid import names as name_rules
from drafting.deid.name_cues import (
    cued_names,
    double_names,
    owned_possessives,
    paired_names,
    phone_names,
)
from drafting.deid.name_forms import name_forms
from drafting.deid.name_given import given_marks, lower_places
from drafting.deid.name_keys import derived_names, keyed_names
from drafting.deid.name_letters import letter_names
from drafting.deid.name_lists import list_names
from drafting.deid.name_prose import passing_marks, prose_marks
from drafting.deid.names import _CAP, _CREDENTIALS, _PWORD, CREDENTIAL, GENERATION, PARTICLE, trim
from drafting.deid.terms import HYPHEN, U, is_clinical_word, protected_spans
from drafting.deid.words import is_word

_PERSON = rf"{_PWORD}(?:[ ]{_PWORD}){{1,3}}"
EMAIL_HEADER = re.compile(
    rf"(?<![\w'’-])(?P<name>{_PERSON})(?:{_CREDENTIALS})?[ ]?<[^<>\s@]+@[^<>\s]+>")
EMAIL_AFTER = re.compile(rf"\((?P<name>{_PERSON}),[ ]?[^\s@(),]+@[\w.-]+\)")
PREFERRED = re.compile(
    rf"(?<![\w'’-])(?P<name>{_CAP})[ ]\((?:she|he|they|pt|patient)[ ](?:prefers|goes[ ]by|"
    rf"likes[ ]to[ ]be[ ]called)\b")
# A nickname in quotes, in parentheses or not, just after a marked name, and the surname that
# may follow it ('Raymundo ("Ray") Tellez'); in parentheses without quotes only before a surname
# ("Dr. Oluwaseun (Seun) Bakare").
NICKNAME = re.compile(rf"[ ](?:\(?[\"“](?P<nick>{_CAP}|{U}{{2,3}})[\"”](?:\)|(?=,))?"
                      rf"(?:[ ](?P<rest>{_PWORD}))?"
                      rf"|\((?P<bare>{_CAP})\)[ ](?P<surname>{_PWORD}))")
# Another name in parentheses just after a marked name: "Toby (Tobias)", "Wm. Fox (William
# J.)", "Jo Baird, RN (J.B.)".
ALIAS = re.compile(rf"(?:{_CREDENTIALS})?[ ]\((?P<alias>{_CAP}(?:[ ]{_CAP})?(?:[ ]{U}\.)?"
                   rf"|(?:{U}\.){{2,3}})\)")
SUBJECT_LINE = re.compile(r"(?im)^[ \t]*(?:subject|re|fw|fwd)[ \t]*:.*$")


# One name word before a credential ("Tamsin, MA @ the clinic"): a name when it is in no
# dictionary ("Pain, MD" is not).
ONE_CREDENTIAL = re.compile(rf"(?<![\w'’.-])(?P<name>{_CAP}),[ ]{CREDENTIAL}(?![\w])")


def marks(text: str) -> Iterator[tuple[int, int]]:
    """Names before an e-mail address, names the person is said to prefer, and a single name
    word in no dictionary before a credential."""
    for pattern in (EMAIL_HEADER, EMAIL_AFTER, PREFERRED):
        for match in pattern.finditer(text):
            span = trim(match.group("name"), match.start("name"), strict=True)
            if span:
                yield span
    for match in ONE_CREDENTIAL.finditer(text):
        if not is_word(match.group("name")) and not name_rules._is_stop(match.group("name")):
            yield match.span("name")


def nicknames(text: str, marked: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The quoted nickname just after each marked name, quotes and parentheses included."""
    for _, end in marked:
        after = text[end:end + 40]
        # past a middle initial or a closing credential: 'Bernadette L. ("Birdie")'
        skip = re.match(rf"(?:[ ]{U}\.)?", after)
        offset = end + (skip.end() if skip else 0)
        if text[offset:offset + 1] == "." and text[max(0, offset - 2):offset] in ("Jr", "Sr"):
            offset += 1  # 'Kwame Jr. ("KJ")'
        match = NICKNAME.match(text, offset)
        if match and match.group("bare") and trim(match.group("surname"),
                                                  match.start("surname"), strict=True):
            yield match.start() + 1, match.end()
        elif (alias := ALIAS.match(text, offset)) and not any(
                name_rules._is_stop(w) for w in alias.group("alias").split()):
            yield alias.start("alias"), alias.end("alias")
        elif match and not match.group("bare"):
            end = match.end("nick") + 1
            end += 1 if text[end:end + 1] == ")" else 0
            if match.group("rest") and trim(match.group("rest"), match.start("rest"), strict=True):
                end = match.end()
            yield match.start() + 1, end


GREETING_INITIALS = re.compile(r"(?m)^(?P<ini>[A-Z]{2})(?=[ ]?[-–,:][ ])")


def _initials(name: str) -> str:
    if name.count(",") == 1:  # "Wendt, Travis": his initials are TW
        last, first = name.split(",")
        name = f"{first} {last}"
    words = [w for w in re.split(rf"[ ,]+|{HYPHEN}", name) if w]
    words = [w for w in words if not re.fullmatch(PARTICLE, w, re.IGNORECASE)
             and not re.fullmatch(GENERATION, w)]
    return "".join(w[0] for w in words if re.match(U, w)).upper()


# A key of staff initials: "BC = Bree Comeaux, MA", "key: TW: Travis Wendt"
KEY_INITIALS = re.compile(rf"(?<![\w-])(?P<ini>[A-Z]{{2,3}})[ ]?[=:][ ]?(?P<name>{U}[\w'’-]+"
                          rf"(?:[ ]{U}[\w'’-]+){{1,2}})")


def keyed_initials(text: str) -> Iterator[tuple[int, int]]:
    """Initials a key proves (they are the initials of the name after "=" or ":"), there and
    where they sign a message after a dash ("... today. -BC")."""
    proven = {m.group("ini") for m in KEY_INITIALS.finditer(text)
              if _initials(m.group("name")) == m.group("ini")}
    if not proven:
        return
    pattern = "|".join(sorted(proven))
    for match in re.finditer(rf"(?<![\w-])(?P<ini>{pattern})(?=[ ]?[=:][ ]?{U})"
                             rf"|(?<=[ \t]-)(?P<sig>{pattern})(?![\w-])", text):
        group = "ini" if match.group("ini") else "sig"
        yield match.start(group), match.end(group)


def initials(text: str, tokens: Iterable[str]) -> Iterator[tuple[int, int]]:
    """A learned full name's initials (three letters or more) in subject and "Re:" lines, and
    elsewhere when they are no word; written with periods ("G.O."), two letters are enough."""
    yield from keyed_initials(text)
    found = {_initials(t) for t in tokens if " " in t.strip()}
    dotted = {"".join(f"{c}." for c in i) for i in found if len(i) >= 2}
    for match in re.finditer(r"(?<![\w.])(?:[A-Z]\.){2,4}(?![\w])", text):
        if match.group(0) in dotted:  # "G.O." signing for Gwen Ortiz
            yield match.start(), match.end()
    # two letters where they open a line as its greeting: "TW - before the hearing ..."
    pairs = {i for i in found if len(i) == 2}
    for match in GREETING_INITIALS.finditer(text):
        if match.group("ini") in pairs and not is_clinical_word(match.group("ini")):
            yield match.start("ini"), match.end("ini")
    found = {i for i in found if len(i) >= 3}
    if not found:
        return
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(found))})(?![\w-])")
    for line in SUBJECT_LINE.finditer(text):
        for match in pattern.finditer(line.group(0)):
            yield line.start() + match.start(), line.start() + match.end()
    # elsewhere (a sign-off "TJW / e-signed", a table's column), unless they spell a word or
    # a clinical abbreviation ("MRI" for Mary R. Ingram stays MRI)
    for match in pattern.finditer(text):
        if not is_word(match.group(0)) and not is_clinical_word(match.group(0)):
            yield match.start(), match.end()


def find_names(text: str, learned: Iterable[str] = ()) -> tuple[list[tuple[int, int]],
                                                                 list[tuple[int, int]]]:
    """(marked names, other name occurrences) in ``text``. Names marked here are learned too,
    nicknames after them included; the others are learned names found again (not inside an
    eponym phrase: "Thomas test"), a patient's initials in a subject line, names met in
    passing ("spoke with ...") and names heading the items of a list of people, which are not
    learned."""
    marked = list(name_rules.seeds(text)) + list(marks(text)) + list(prose_marks(text))
    marked += list(given_marks(text)) + list(cued_names(text)) + list(double_names(text))
    marked += list(keyed_names(text))
    marked += [(span.start, span.end) for span in name_forms(text)]
    marked += list(nicknames(text, marked))
    tokens = set(learned)
    for start, end in marked:
        tokens |= name_rules.name_tokens(re.sub(r"[()\"“”]", " ", text[start:end]))
    paired = list(paired_names(text, tokens))  # "Faith and Emeka": Emeka learned too
    marked += paired
    for start, end in paired:
        tokens |= name_rules.name_tokens(text[start:end])
    guarded = [(a, b) for a, b, level in protected_spans(text) if level == 2]
    found = [(a, b) for a, b in name_rules.known_names(text, tokens)
             if not any(a < y and x < b for x, y in guarded)]
    # a nickname in quotes just after a name learned elsewhere ('Thandiwe ("Tandi")'): learned
    nicks = [span for span in nicknames(text, found) if span not in marked]
    marked += nicks
    for start, end in nicks:
        tokens |= name_rules.name_tokens(re.sub(r"[()\"“”]", " ", text[start:end]))
    found += list(initials(text, tokens)) + list(letter_names(text, tokens))
    found += list(derived_names(text, tokens))
    found += list(name_rules.seeds(text, (name_rules.MET,))) + list(
        passing_marks(text, tokens)) + list(lower_places(text)) + list(phone_names(text, tokens))
    found += list(owned_possessives(text))
    return marked, found + list(list_names(text, marked + found))
