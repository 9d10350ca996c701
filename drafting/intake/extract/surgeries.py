"""Spine surgeries a record tells with the date they were done ("after an L4-5 laminectomy in
2019 and an L4-S1 fusion in August 2021", "She had an L5-S1 discectomy in 09/2020", "s/p
right L5-S1 microdiscectomy 03/05/2024", "L4-5 laminectomy and fusion 2017"): each is a
procedure of the patient's history at its own date (a day, a month or a year, as written),
secondhand, with the improvement the sentence attributes to it ("which helped her leg for
about a year") as its response. A surgery recommended, planned, denied or asked for is none,
nor one without a date of its own, nor a relative's (those sentences are not readable)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import ProcedureFamily
from drafting.intake.extract.found import Document, Found, make_fact, stated_date
from drafting.intake.extract.narrative import NOT_DONE, improvement_told
from drafting.intake.extract.negation import negated
from drafting.intake.extract.not_patient import NOT_DONE_YET
from drafting.intake.extract.sections import readable
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import durations

SURGERY = re.compile(r"\b(?:(?:micro)?discectomy|laminectomy|laminotomy|hemilaminotomy|"
                     r"foraminotomy|(?:spinal |lumbar |cervical )?(?:fusion|decompression)|"
                     r"arthrodesis|TLIF|PLIF|"
                     r"ALIF|ACDF)\b", re.IGNORECASE)
_FUSION = re.compile(r"fusion|arthrodesis|[TPA]LIF|ACDF", re.IGNORECASE)
# The date right after the surgery's name: "in 2019", "in 09/2020", "03/05/2024", "2017",
# "(left) in 2015", "in August 2021"; never past another surgery's name.
_WINDOW = 30
# A history sentence telling the surgery as an event ("She had an L4-L5 laminectomy in 2021")
# records the procedure too; pain told "after" or "since" a surgery is the history alone.
_HAD = re.compile(r"\b(?:had|underwent|undergone|s/p|status post)\b", re.IGNORECASE)
_BARE_YEAR = re.compile(r"^[^\d]{0,12}?\b((?:19|20)\d{2})\b(?![/\d-])")


def _date_after(tail: str, doc: Document) -> tuple[dt.date, str] | None:
    window = tail[:_WINDOW]
    if (other := SURGERY.search(window)) is not None:
        window = window[:other.start()]
    if (stated := stated_date(window, doc)) is not None:
        return stated
    if (year := _BARE_YEAR.match(window)) and int(year.group(1)) <= doc.date.year:
        return dt.date(int(year.group(1)), 1, 1), "year"
    return None


def surgeries_told(doc: Document, said: list[Sentence], found: list[Found]) -> list[Found]:
    """Each dated spine surgery the readable sentences tell, unless a fact already records
    the same procedure at that date."""
    have = {(f.statement, f.date) for f in found if f.category is C.procedure}
    told = {(f.statement, f.date) for f in found  # pain told "after"/"since" a surgery
            if f.category is C.history and "surgery" in f.tags}
    out: list[Found] = []
    for sentence in said:
        text = sentence.text
        if not readable(sentence) or NOT_DONE.search(text) or NOT_DONE_YET.search(text):
            continue
        for match in SURGERY.finditer(text):
            when = _date_after(text[match.end():], doc)
            if when is None or negated(text, match.start(), match.end()):
                continue
            family = ProcedureFamily.lumbar_fusion if _FUSION.search(match.group()) else None
            done = replace(make_fact(C.procedure, sentence, doc, ["surgery"], procedure=family),
                           date=when[0], date_precision=when[1], named_in_passing=True,
                           end_date=None, percent_relief=None, duration=None, measures=[])
            as_event = _HAD.search(text[:match.start()]) is not None  # "She had an L4-5 ..."
            if (done.statement, done.date) not in have and (
                    as_event or (done.statement, done.date) not in told):
                have.add((done.statement, done.date))
                out.append(done)
                if (improved := improvement_told(text)) >= match.end():  # "which helped"
                    lasting = durations(text[improved:])
                    out.append(replace(done, category=C.response, tags=[], procedure=family,
                                       duration=lasting[0] if lasting else None))
    return out
