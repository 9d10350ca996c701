"""Names of people in prose, known by the part they play in the sentence:

- the names in brackets after children or siblings, ages between them (``three children
  (Ada, 9, and Bruno, 6)``);
- a given name from a department or a desk (``Hortensia from payroll called``);
- a given name of the list just after a verb done to a person (``so it would not hit Rollo``,
  ``I told Mireille``), capitalised inside a sentence;
- a name after a verb of a record's stamp and "by" (``notified by Soo-ah Lim at 10:05``,
  ``transported by Oriel Vance``), a word of it in no dictionary and none an organisation's;
- a name just before an e-mail address whose user part is made of it (``Ravi Anand,
  ranand@example.org``).

A given name is one of ``given_names.py``'s list, or a word in no dictionary; not a clinical
word, a month or a heading word (``names._is_stop``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.names import _CAP, _is_stop, given_months
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import HYPHEN, is_clinical_word
from drafting.deid.user_ids import _NAME, _STAMP_VERBS, _spells
from drafting.deid.words import is_word

KIN_LIST = re.compile(r"(?i:\b(?:children|kids|sons|daughters|grandchildren|grandkids|"
                      r"stepchildren|siblings|brothers|sisters))[ ]\((?P<list>[^)\n]{3,80})\)")
_UNITS = (r"safety|hr|human[ ]resources|billing|dispatch|security|payroll|accounting|"
          r"maintenance|shipping|receiving|management|risk|claims|scheduling|admissions|"
          r"pharmacy|records|medical[ ]records|legal|compliance|quality|housekeeping|transport|"
          r"(?:the[ ])?front[ ]desk|(?:the[ ])?(?:office|lab|warehouse|union|agency|school)")
FROM_UNIT = re.compile(rf"(?<![\w'’-])(?P<name>{_CAP})[ ]from[ ](?:the[ ])?(?i:{_UNITS})\b")
_DONE_TO = (r"hit|hitting|told|tell|asked|ask|called|saw|helped|texted|paged|warned|thanked|met|"
            r"pushed|struck|bumped|caught|paid|emailed|phoned|informed|blamed|trusted|visited|"
            r"hugged|drove|grabbed|pulled|lifted|carried")
DONE_TO = re.compile(rf"(?<=[a-z,][ ])(?:{_DONE_TO})[ ](?P<name>{_CAP})(?![\w'’-])")
BY_NAME = re.compile(rf"(?i:\b(?:{_STAMP_VERBS}|witnessed|transported|accompanied|assisted|"
                     rf"interviewed|examined|treated|driven)\b)[ ]by[ ](?P<name>{_NAME})"
                     r"(?![\w'’-])")
EMAIL_AFTER = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME}),?[ ]\(?(?P<local>[a-z][a-z0-9._-]+)@")


def _given(word: str) -> bool:
    return not _is_stop(word) and not is_clinical_word(word) and \
        word.lower() not in given_months() and (is_given_name(word) or not is_word(word))


def role_names(text: str) -> Iterator[Span]:
    for match in KIN_LIST.finditer(text):
        for word in re.finditer(rf"(?<![\w'’-]){_CAP}(?:{HYPHEN}{_CAP})*(?![\w'’-])",
                                match.group("list")):
            if _given(word.group(0)):
                start = match.start("list") + word.start()
                yield Span(start, start + len(word.group(0)), PhiKind.name, 4)
    for pattern in (FROM_UNIT, DONE_TO):
        for match in pattern.finditer(text):
            name = match.group("name")
            # after a verb, a name of the list only: "prepped with ChloraPrep" names no one
            if _given(name) and (pattern is FROM_UNIT or is_given_name(name)):
                yield Span(match.start("name"), match.end("name"), PhiKind.name, 3)
    for match in BY_NAME.finditer(text):
        words = re.split(r"[ ]+", match.group("name"))
        if not any(_is_stop(w) or is_clinical_word(w) for w in words) and any(
                not is_word(w) for w in words):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in EMAIL_AFTER.finditer(text):
        if _spells(match.group("local"), match.group("name")) and not any(
                _is_stop(w) for w in match.group("name").split()):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
