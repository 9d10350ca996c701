"""Identifiers that a record's sign-off lines carry beside a name:

- A typist's reference initials: a dictating doctor's and a typist's initials at the start of a
  line (``KvdM:tls``, ``RBH/ak``) where the first are those of a name of the record ("Karel van
  der Meer"; not "CV:rrr"), a typist's after a name and a slash (``N. Hope/tls``), and after
  "transcribed by" or "typed by" (``transcribed 3/4/25 by tls``). Lower-case initials of two to
  four letters in no dictionary ("tls", not "cc" or "enc").
- A badge or employee number written with "#" just after a person's name (``Ofc. L. Haddad
  #20418``, ``Reviewed by: P. Mwangi #31177``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.initial_marks import initial_marks, name_initials
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.words import is_word

_TYPIST = r"(?P<typist>[a-z]{2,4})(?![\w@/-]|\.\w)"
# "KvdM:tls" or "RBH/ak" alone at the start of a line (before a gap, "cc:" or the line's end)
REFERENCE_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<author>(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])[A-Za-z]{{2,5}})[ ]?[:/][ ]?{_TYPIST}"
    r"(?=[ \t]{2,}|[ \t]*$)")
AFTER_NAME = re.compile(rf"(?<=[A-Za-z.])[ ]?/[ ]?{_TYPIST}(?=[ \t]*$)", re.MULTILINE)
# a transcriptionist's or scribe's label: "Transcription: abc/xyz", "Scribe: jdoe4"
TRANSCRIBER = re.compile(r"(?i:\b(?:transcription(?:ist)?|transcriber|typist|scribe)\b)[ ]?:[ ]?"
                         r"(?P<typist>[a-z][a-z0-9._]{1,20}[a-z0-9])(?:/(?P<second>[a-z]{2,4}))?"
                         r"(?![\w@/-])")
TYPED_BY = re.compile(rf"(?i:\b(?:transcribed|typed|dictated)\b)[^\n]{{0,40}}?\bby[ ]{_TYPIST}")
BADGE = re.compile(r"[ ]\(?#[ ]?(?P<number>\d{4,7})(?![\w-])")


def sign_offs(text: str, found: list[Span]) -> Iterator[Span]:
    names = [span for span in found if span.kind is PhiKind.name]
    authors = {_initials(span.text(text)) for span in names}
    authors |= {i for span in names for i in name_initials(span.text(text))}
    name_ends = {span.end for span in names}
    for pattern in (REFERENCE_LINE, AFTER_NAME, TYPED_BY):
        for match in pattern.finditer(text):
            if is_word(match.group("typist")):
                continue  # "w/o", "RN/cc", "typed by the nurse"
            if pattern is REFERENCE_LINE:
                if match.group("author").lower() not in authors:
                    continue  # "CV:rrr", "ROM:wnl": no one of the record has these initials
                yield Span(match.start("author"), match.end("author"), PhiKind.name, 4)
            elif pattern is AFTER_NAME and match.start() not in name_ends:
                continue  # "neck/lbp"
            yield Span(match.start("typist"), match.end("typist"), PhiKind.name, 4)
    yield from initial_marks(text, names)
    for match in TRANSCRIBER.finditer(text):
        for group in ("typist", "second"):
            if match.group(group) and not is_word(match.group(group)):
                yield Span(match.start(group), match.end(group), PhiKind.name, 4)
    for span in names:
        if badge := BADGE.match(text, span.end):
            yield Span(badge.start("number"), badge.end("number"), PhiKind.id, 5)


_TITLE = re.compile(r"(?i)(?:dr|mr|mrs|ms|mx|prof|doctor)\.?$")


def _initials(name: str) -> str:
    """"pvdb" of "Dr. Pieter van der Berg, MD": the first letters of a name's words."""
    words = re.findall(r"[^\W\d_][\w'’.]*", name.split(",")[0].replace("-", " "))
    return "".join(w[0] for w in words if not _TITLE.fullmatch(w)).lower()
