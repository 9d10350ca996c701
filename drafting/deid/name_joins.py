"""One person's name found in parts is replaced as one: the parts of a name and what stands
between them go under one placeholder, so no quote, bracket or initial of it is left in the text
("[NAME_1] "[NAME_2]" [NAME_3]" gives away a nickname's place; "[NAME_1](R)(MR)" a cut
credential).

- A nickname in quotes or brackets between the given name and the surname (``MARGARET "PEGGY"
  O'SHAUGHNESSY``, ``Tomasz (Tomek) O'Neil``): parts apart by spaces, quotes and brackets only.
- A middle initial between two parts (``Xochitl G. Ibarra``).
- A single initial after a surname in capitals at the end of a column (``ABERNATHY C``).
- A credential's bracketed modalities after a name that took the credential (``J. Pask,
  RT(R)(MR)``).
- A name written "SURNAME, GIVEN MIDDLE I" in capitals (a pharmacy's household list, a
  portal's sender line): the surname found, the given names after its comma go with it when the
  first is a given name of the Census lists or was found too (``STRAND, JOY E``, ``AGUON, ANA
  SAN NICOLAS``, ``FROST, MILES J``), the comma under the same placeholder.
- A given name of the Census lists written just before a surname found alone (``HR Marcus
  Oyelowo`` where only "Oyelowo" was found), and a Census surname just after a given name found
  alone (``Lawyer: Grace Page``), on the same line, neither of them a drug or a word that is
  never a name.
"""

from __future__ import annotations

import re

from drafting.deid.given_names import is_given_name, is_surname
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, UPPER, is_never_name

_BETWEEN = re.compile(r"[ \t]*[\"“”'‘’()\[\]]?[ \t]*[\"“”'‘’()\[\]]?[ \t]*|[ \t]+[A-Z]\.?[ \t]+")
# What parts of one name are never apart by: a line break, or a column's gap (three spaces, a tab).
_COLUMN_GAP = re.compile(r"\n|[ ]{3,}|\t")
_COLUMN_INITIAL = re.compile(r"[ ][A-Z](?=[ \t]{2,}|[ \t]*$)", re.MULTILINE)
_MODALITIES = re.compile(r"(?:\([A-Z]{1,4}\))+")
_CREDENTIAL_END = re.compile(r"\b[A-Z]{2,4}$")
# The given names after an inverted surname in capitals, to the end of the entry.
_INVERTED_GIVEN = re.compile(r",[ ](?P<first>[A-Z][A-Z'’-]+)(?P<more>(?:[ ][A-Z][A-Z'’-]+){0,2})"
                             r"(?:[ ][A-Z]\.?)?(?=[ \t]*(?:[;()\n|]|[ \t]{2,}|$)|[ ]\()")
_WORD_BEFORE = re.compile(rf"(?<![\w'’.-])[{UPPER}][{LOWER}]+[ ]{{1,2}}$")
_WORD_AFTER = re.compile(rf"[ ]{{1,2}}[{UPPER}][{LOWER}]+(?![\w'’-])")


def joined_names(spans: list[Span], text: str) -> list[Span]:
    """``spans`` (resolved, in order) with the parts of one name joined and grown as above."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and last.kind is PhiKind.name and span.kind is PhiKind.name \
                and not _COLUMN_GAP.search(text, last.end, span.start) \
                and (_BETWEEN.fullmatch(text, last.end, span.start) or _inverted(last, span, text)):
            out[-1] = Span(last.start, span.end, PhiKind.name, max(last.priority, span.priority))
            continue
        out.append(span)
    grown = []
    for span in (_with_given_or_surname(s, text, out) for s in out):
        if span.kind is PhiKind.name:
            written = span.text(text)
            end = span.end
            if written.isupper() and len(written) > 3:
                initial = _COLUMN_INITIAL.match(text, end)
                end = initial.end() if initial else _given_after(written, text, end)
            elif _CREDENTIAL_END.search(written):
                modalities = _MODALITIES.match(text, end)
                end = modalities.end() if modalities else end
            if end > span.end and not any(s.start < end and s.start >= span.end for s in out):
                span = Span(span.start, end, span.kind, span.priority)
        grown.append(span)
    return grown


def _inverted(last: Span, span: Span, text: str) -> bool:
    """Two parts of a name in capitals written "SURNAME, GIVEN"."""
    return text[last.end:span.start] == ", " and last.text(text).isupper() \
        and span.text(text).isupper()


def _given_after(written: str, text: str, end: int) -> int:
    """Where the given names of an inverted name in capitals end (``_INVERTED_GIVEN``), or
    ``end`` when what follows the comma is no given name."""
    given = _INVERTED_GIVEN.match(text, end)
    if given is None or "," in written or not is_given_name(given.group("first")):
        return end
    words = [given.group("first"), *given.group("more").split()]
    if any(is_never_name(w.title()) for w in words):
        return end
    return given.end()


def _with_given_or_surname(span: Span, text: str, spans: list[Span]) -> Span:
    if span.kind is not PhiKind.name:
        return span
    written = span.text(text)
    if " " in written.strip() or not written[:1].isupper():
        return span  # a name found in parts already, or in lower case
    start, end = span.start, span.end
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before and is_given_name(before.group(0).strip()) \
            and not is_never_name(before.group(0).strip()):
        start = before.start()
    after = _WORD_AFTER.match(text, end)
    if after and is_given_name(written) and is_surname(after.group(0).strip()) \
            and not is_never_name(after.group(0).strip()):
        end = after.end()
    if any(s is not span and s.start < end and start < s.end for s in spans):
        return span
    return Span(start, end, span.kind, span.priority)
