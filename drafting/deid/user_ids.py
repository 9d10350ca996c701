"""User names, handles and initials of people, of any shape, where a cue marks them:

- after a verb of a stamp and "by" (``Received 04/02 10:15 by tkowal3``, ``printed ... by
  rmendes``), or just after a verb of review or signature, a date or a time after it
  (``QA reviewed bnakamura 02/11/25``);
- after a date or a time and "by", whatever verb the stamp has (``Issued 09/03/25 at 3:26 p.m.
  by cmanglona``, ``Account opened 06-16-2025 by jlg``, ``printed 10/21/2025 16:03 by MVELEZ``:
  in capitals too when no word or abbreviation);
- after "user", "portal user", "logged in as", "operator" (``Portal user jdoe_1981``), or a
  role a log names its staff by (``Handler: gpruitt``, ``NCM: rvail``, ``delegate jlg``);
- after the time of a log entry, before a colon (``11:02 qvarnerk: claim resent``), or in the
  author column of a log whose entries start with a date and a time (``2025-06-24 13:05  jlg
  Pt returned call``: two entries or more, the user name set off by two spaces or a bracket);
- a handle after ``@`` that no word stands before (``Zelle @mara-quintero``), not an e-mail;
- after "initials" in lower case (``initials qvh``);
- in brackets just after a person's name, or just before a bracket that opens with one
  (``Oren Falk (ofalk)``, ``rvq (Rosa Vela-Quist, MA)``): the name too, when the user name
  is made of it;
- in a user directory, before "=" or ":" and a name it is made of (``kmrivera = Keila M.
  Rivera``), or any such entry with a digit or an underscore (``yc_ma = Yaritza Colón``);
- initials in brackets after a name (``Lena Ortiz-Bram, RT (LOB)``), and a transcript's
  speaker written as initials that a name in the text spells (``LO:`` for Lena Ortiz).

A user name counts when it is no dictionary word, has a digit or a dot, underscore or hyphen,
or is made of a name the text gives (first initial and surname, surname and initial, the
name's letters in order): "by phone" and "reviewed meds" name no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _CAP, _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.staff_initials import ABBREVIATIONS
from drafting.deid.terms import HYPHEN, fold, is_clinical_word
from drafting.deid.words import is_word

_ID = r"[a-z][a-z0-9._-]{1,22}[a-z0-9]"
_STAMP_VERBS = (r"received|collected|printed|reviewed|verified|approved|signed|cosigned|"
                r"completed|updated|modified|created|entered|accessed|viewed|posted|logged|"
                r"checked|audited|exported|released|scanned|faxed|keyed|filed|indexed|"
                r"processed|edited|amended|documented|charted|submitted|uploaded|notified|"
                r"accessioned|transcribed|typed|dictated|prepared|generated|run|"
                # a work queue's verbs ("reject cleared 2/13/25 8:14a by tdsouza")
                r"cleared|resolved|closed|corrected|fixed|rejected|resent|routed|assigned|"
                r"reassigned|worked|queued|paid|billed")
BY_ID = re.compile(rf"(?i:\b(?:{_STAMP_VERBS})\b)(?:[ ][^\n|]{{0,30}}?)?[ ]by:?[ ]"
                   rf"(?P<id>{_ID})(?![\w@])")
VERB_ID = re.compile(r"(?i:\b(?:reviewed|verified|approved|audited|cosigned|signed|completed|"
                     rf"initialed|initialled)\b)[ ](?P<id>{_ID})(?=[ ]\d)")
USER_ID = re.compile(r"(?i:\b(?:user|logged[ ]in[ ]as|operator|op[ ]id|tech[ ]id)\b)[ ]?[:#]?[ ]"
                     rf"(?P<id>{_ID})(?![\w@])")
HANDLE = re.compile(r"(?<![\w.@])@(?P<id>[A-Za-z0-9_][A-Za-z0-9_.-]{2,29}[A-Za-z0-9_])(?![\w@])")
# the author of a log entry, after its time: "03/04/2025 11:02 qvarnerk: 835 received"
LOG_ID = re.compile(r"(?m)\b\d{1,2}:\d{2}(?:[ ]?[AaPp][Mm]?)?[ ]+(?P<id>[a-z][a-z0-9._-]{3,22}"
                    r"[a-z0-9]):[ ]")
# "by" just after a date or a time: the stamp's verb may be any ("issued", "opened", "sent")
_STAMP_END = (r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp]\.?[Mm]?\.?)?(?:[ ][A-Z]{2,4})?"
              r"|\d{1,4}[/-]\d{1,2}[/-]\d{2,4})")
STAMP_BY = re.compile(rf"{_STAMP_END}[ ]by:?[ ](?P<id>{_ID}|[A-Z][A-Z0-9ÀÁÉÍÓÚÑÜ._-]{{3,22}})"
                      r"(?![\w@])")
ROLE_ID = re.compile(r"\b(?i:handler|adjuster|examiner|delegate|ncm|rncm|case[ ]manager|agent|"
                     rf"clerk|assigned[ ]to|owner|csr|tech)\b:?[ ](?P<id>{_ID})(?![\w@])")
# a log's author column: "2025-06-24 13:05  jlg         Pt returned call", after an ISO stamp
# with its zone too ("2025-07-02T08:20:02-06:00  jlg  PMP checked")
LOG_COLUMN = re.compile(r"(?m)^[ \t]*(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)[ T]"
                        r"\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp][Mm]?|Z|[+-]\d{2}:?\d{2})?[ \t]+"
                        rf"(?P<id>{_ID}|[a-z]{{2}})(?=[ \t]{{2,}}|[ ]\(|\t)")
INITIALS = re.compile(r"\b(?i:initials)[ ]?:?[ ](?P<id>[a-z]{2,4})(?![\w])")
# A given name may go on in lower case after a hyphen ("Soo-ah Lim").
_NAME = rf"{_CAP}(?:{HYPHEN}[a-z]{{2,}})?(?:[ ][A-Z]\.)?[ ]{_CAP}(?:{HYPHEN}{_CAP})*"
ID_AFTER_NAME = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME}),?[ ]\((?P<id>{_ID})\)")
ID_BEFORE_NAME = re.compile(rf"(?<![\w@.-])(?P<id>{_ID})[ ]\((?P<name>{_NAME})")
# A system's user directory: "kmrivera = Keila M. Rivera", "gpadilla: G. Padilla, MD".
DIRECTORY = re.compile(rf"(?<![\w@.-])(?P<id>{_ID})[ ]?[=:][ ]?"
                       rf"(?P<name>{_NAME}|[A-Z]\.[ ]{_CAP})(?![\w'’-])")
PAREN_INITIALS = re.compile(r"\((?P<id>[A-Z]{2,3})\)")
SPEAKER = re.compile(r"(?m)(?:^[ \t]*|[ \t]{2,})(?P<id>[A-Z]{2,3}):[ ]")
FIRST_LAST = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})(?![\w'’-])")


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name).lower())


def _spells(user: str, name: str) -> bool:
    """``user`` is made of ``name``: its letters in order, the first letter first, the
    surname's letters in it ("trucker" of Tami Rucker, "mhdz" of Maribel Hernandez-Diaz)."""
    letters, key = _letters(name), re.sub(r"[^a-z]", "", user.lower())
    if len(key) < 2 or not letters.startswith(key[0]):
        return False
    at = 0
    for char in key:
        at = letters.find(char, at) + 1
        if not at:
            return False
    surname = _letters(name.split()[-1])
    return any(c in key[1:] for c in surname[:1])


def _initials(name: str) -> set[str]:
    words = [w for w in re.split(r"[ ]+", fold(name)) if not re.fullmatch(r"[A-Z]\.", w)]
    parts = [p for w in words for p in re.split(HYPHEN, w) if p]
    return {"".join(w[0] for w in words).upper(), "".join(p[0] for p in parts).upper()}


def _names(text: str) -> list[str]:
    return [m.group("name") for m in FIRST_LAST.finditer(text)
            if not any(_is_stop(w) for w in re.split(r"[ ]", m.group("name")))]


def _user_like(user: str, names: list[str]) -> bool:
    plural = user.endswith("s") and is_word(user[:-1])  # "meds", "vitals"
    if re.search(r"[\d._-]", user) or not (is_word(user) or is_clinical_word(user) or plural):
        return True
    return any(_spells(user, name) for name in names)


def _no_abbreviation(user: str) -> bool:
    """A user name in capitals that no word, abbreviation or clinical word spells ("by FAX")."""
    key = fold(user).lower()
    return key not in ABBREVIATIONS and not is_word(key) and not is_clinical_word(key)


def user_ids(text: str) -> Iterator[Span]:
    names: list[str] = []
    if any(p.search(text) for p in (BY_ID, VERB_ID, USER_ID, STAMP_BY, ROLE_ID, LOG_COLUMN)) or \
            SPEAKER.search(text):  # the names of the text, only where a cue may need them
        names = _names(text)
    logged = list(LOG_COLUMN.finditer(text))
    for pattern in (BY_ID, VERB_ID, USER_ID, INITIALS, LOG_ID, STAMP_BY, ROLE_ID):
        for match in pattern.finditer(text):
            user = match.group("id").rstrip("._-")
            if len(user) >= 3 and _user_like(user.lower(), names) and \
                    (user.islower() or _no_abbreviation(user)):
                yield Span(match.start("id"), match.start("id") + len(user), PhiKind.id, 4)
    for match in logged if len(logged) >= 2 else ():
        user = match.group("id").rstrip("._-")
        if _user_like(user, names) and user not in ABBREVIATIONS:
            yield Span(match.start("id"), match.start("id") + len(user), PhiKind.id, 4)
    for match in HANDLE.finditer(text):
        yield Span(match.start("id"), match.end("id"), PhiKind.id, 4)
    for pattern in (ID_AFTER_NAME, ID_BEFORE_NAME):
        for match in pattern.finditer(text):
            user = match.group("id")
            spelled = _spells(user, match.group("name"))
            if spelled or not is_word(user):
                yield Span(match.start("id"), match.end("id"), PhiKind.id, 4)
            if spelled and not any(_is_stop(w) for w in match.group("name").split()):
                # the user name made of it proves the name ("Oren Falk (ofalk)")
                yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in DIRECTORY.finditer(text):
        user = match.group("id")
        if re.search(r"[\d_]", user) or _spells(user, match.group("name")):
            yield Span(match.start("id"), match.end("id"), PhiKind.id, 4)
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in PAREN_INITIALS.finditer(text):
        before = text[max(0, match.start() - 60):match.start()]
        if any(match.group("id") in _initials(name) for name in _names(before)):
            yield Span(match.start("id"), match.end("id"), PhiKind.name, 4)
    spoken_by = {m for m in SPEAKER.finditer(text) if not is_clinical_word(m.group("id"))}
    if spoken_by:
        known = {ini for name in names for ini in _initials(name)}
        for match in spoken_by:
            if match.group("id") in known:
                yield Span(match.start("id"), match.end("id"), PhiKind.name, 4)


_USER_SHAPE = re.compile(r"[a-z][a-z0-9._-]{2,22}[a-z0-9]")


def user_names(text: str, spans: list[Span]) -> set[str]:
    """The user names found in ``text`` (``user_ids``), to find again wherever the record writes
    them without a cue (a log's author column, "| kmrivera |"): four characters or more, no
    dictionary or clinical word."""
    out = set()
    for span in spans:
        user = span.text(text)
        if span.kind is PhiKind.id and _USER_SHAPE.fullmatch(user) and \
                not is_word(user) and not is_clinical_word(user):
            out.add(user)
    return out
