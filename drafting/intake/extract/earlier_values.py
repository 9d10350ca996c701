"""Scores told beside others. An earlier score a sentence compares its finding with, in
parentheses with a date of its own ("ODI today 44% (was 22% on 3/7/22)", "LBP 4/10 (initial
12/28/2023: 7/10)", "PEG score 5.3 (was 6.7 in 08/2026)"): a fact of that date, with that score.
Only a score the parentheses state in figures, and only a date before the record's; never a
score read out of the date. And a function score a procedure's record takes before the procedure
("NDI 42% pre-procedure.", "KOOS JR today: 42."): the patient's function that day, not a
response."""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.found import Document, Found, make_fact, stated_date
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import FUNCTION_SCALES, measures

_EARLIER = re.compile(r"\((?:was|initial(?:ly)?|baseline|intake|previously)\b([^)]*)\)",
                      re.IGNORECASE)
_SCORED = (C.functional, C.history, C.exam, C.psych, C.response)


def earlier_value(found: Found, sentence: Sentence, doc: Document) -> Found | None:
    """The earlier score ``found``'s sentence gives in parentheses with its own date."""
    if found.category not in _SCORED or not found.measures:
        return None
    told = _EARLIER.search(sentence.text)
    if told is None or (when := stated_date(told.group(1), doc)) is None or when[0] >= doc.date:
        return None
    scale = found.measures[0].name
    values = [m for m in measures(f"{scale} was {told.group(1)}") if m.name == scale][:1]
    if not values:
        return None
    return replace(found, date=when[0], date_precision=when[1], end_date=None, measures=values,
                   percent_relief=None, duration=None, tags=[t for t in found.tags
                                                             if t in ("odi",)])


_FUNCTION = {"ODI", "NDI", *FUNCTION_SCALES}


def function_scored(sentence: Sentence, doc: Document) -> Found | None:
    """A function scale's score in a procedure's record, as a functional fact of its day."""
    scores = [m for m in measures(sentence.text) if m.name in _FUNCTION]
    if not scores:
        return None
    return make_fact(C.functional, sentence, doc, ["odi"] if scores[0].name == "ODI" else [])
