"""A chronology's entries, as an attorney's or a case manager's summary of records writes them:
"07/09/2024 — Right L5-S1 TFESI by Dr. Ghost (AI-000170-72). At follow-up ...", "10/2024 —
Second TFESI, same level (AI-000190)." The procedure an entry opens with is what happened on
the entry's date (a day, or the month a "10/2024" entry gives): a procedure fact at that date,
secondhand. An entry that recommends, plans, requests or denies it is none."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.deid.dates import find_dates
from drafting.intake.extract.found import Document, Found, make_fact
from drafting.intake.extract.narrative import NOT_DONE
from drafting.intake.extract.not_patient import NOT_DONE_YET
from drafting.intake.extract.sections import readable
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.vocabulary import procedure_in

# An entry's head: its date, a dash, and what happened ("07/09/2024 — Right L5-S1 TFESI").
_HEAD = re.compile(r"^(?P<date>\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}/\d{4})\s*(?:\([^)]{0,30}\)\s*)?"
                   r"[\u2014\u2013-]{1,2}\s+(?P<what>[^.(]{3,80})")
_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")


def _entry_date(text: str, latest: dt.date) -> tuple[dt.date, str] | None:
    if (month := _MONTH.match(text)) and 1 <= int(month.group(1)) <= 12:
        day = dt.date(int(month.group(2)), int(month.group(1)), 1)
        return (day, "month") if day <= latest else None
    found = next(find_dates(text), None)
    return (found.date, "day") if found and found.date <= latest else None


def entry_procedures(doc: Document, said: list[Sentence]) -> list[Found]:
    """The procedure each dated entry of a chronology opens with, at the entry's date."""
    out: list[Found] = []
    for sentence in said:
        head = _HEAD.match(sentence.text)
        if head is None or not readable(sentence):
            continue
        what = head.group("what")
        family = procedure_in(what)
        when = _entry_date(head.group("date"), doc.date)
        if family is None or when is None or NOT_DONE.search(what) or NOT_DONE_YET.search(what):
            continue
        done = make_fact(C.procedure, sentence, doc, [], procedure=family)
        out.append(replace(done, date=when[0], date_precision=when[1], end_date=None,
                           named_in_passing=True, percent_relief=None, duration=None,
                           measures=[]))
    return out
