"""A sentence listing things apart (with semicolons, or ", and" between dated parts) split
into one sentence per part, so each is dated and classed by its own words."""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.deid.dates import find_partial_date
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import dates_in

_DOSED = re.compile(r"\d\s?(?:mg|mcg|g|mL)\b", re.IGNORECASE)


def _states_something(part: str) -> bool:
    return bool(_DOSED.search(part) or tags_in(part))


def clauses_of(said: list[Sentence]) -> list[Sentence]:
    """A sentence listing things apart with semicolons ("Ibuprofen 600 mg TID; Tizanidine 4 mg
    qhs", "PT x 12 visits 9/2021-11/2021 - min relief; HEP daily") split into one sentence per
    part that states a dose or a finding, so each is dated and classed by its own words."""
    out = []
    for sentence in said:
        parts = [p.strip() for p in sentence.text.split(";")]
        if len(parts) < 2 or sum(_states_something(p) for p in parts) < 2:
            parts = _dated_parts(sentence.text)
        if len(parts) > 1:
            out += [replace(sentence, text=part, lead=sentence.lead if i == 0 else "")
                    for i, part in enumerate(parts) if part]
        else:
            out.append(sentence)
    return out


def _dated_parts(text: str) -> list[str]:
    """Parts of a sentence joined by ", and" that each state a finding with a date of its own
    ("24 sessions of physical therapy in 2016, and 8 sessions of acupuncture in 2019")."""
    parts = [p.strip() for p in re.split(r",\s+and\s+", text)]
    if len(parts) > 1 and all(_states_something(p) and (find_partial_date(p) or dates_in(p))
                              for p in parts):
        return parts
    return [text]
