"""Courses of conservative care listed in one sentence, each with its own year ("PT 2024 (18
visits), aquatic therapy 2025 (8 visits)", "PT 12 visits 2O24, chiropractic 10 visits 2O25",
"Tx to date: PT x2 courses (2023, 2024), chiro ~20 visits, FRP - declined by pt 2025"): each
course is a conservative-care fact of its own on its own date, the item's words as its
statement. The sentence's own fact keeps its first date; an item that states no date of its own,
or the same date as the sentence's fact, adds nothing (it is told there already)."""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import (
    CONSERVATIVE_TAGS,
    Document,
    Found,
    bare_year,
    stated_date,
)
from drafting.intake.extract.not_patient import NOT_DONE_YET
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import ocr_digits

# Where a list's item ends: a comma or a semicolon outside parentheses, not a date's comma
# ("May 9, 2025").
_ITEM_END = re.compile(r"[,;](?!\d)(?!\s*\d{4}\b)(?![^()]*\))")  # (nor "1,000 mg"'s)
_LEAST_ITEMS = 2


def _items(text: str) -> list[str]:
    """The sentence's items; an item that names no care and states no date goes on the one
    before it ("PT 8 sessions summer 2026, stopped, "made the leg worse."")."""
    items: list[str] = []
    for part in (p.strip() for p in _ITEM_END.split(text)):
        if not part:
            continue
        if items and not _CARE_OR_DATE.search(part) and not set(tags_in(part)) & CONSERVATIVE_TAGS:
            items[-1] = f"{items[-1]}, {part}"
        else:
            items.append(part)
    return items


_CARE_OR_DATE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}/\d{1,4}\b")


def care_items(found: Found, sentence: Sentence, doc: Document) -> list[Found]:
    """The courses of care listed in ``sentence`` beside ``found`` (its own fact), each dated
    by its own item, where the item's date differs from ``found``'s; a course told alone in a
    sentence read as another category ("PT 6 weeks (02/2026-03/2026) ..., no real change")
    is one too."""
    items = _items(ocr_digits(sentence.text))
    if len(items) < _LEAST_ITEMS and found.category is C.conservative_care:
        return []  # (one course, told by the sentence's own fact)
    out: list[Found] = []
    for item in items:
        care = [t for t in tags_in(item) if t in CONSERVATIVE_TAGS]
        if not care or NOT_DONE_YET.search(item):
            continue
        own = stated_date(item, doc) or bare_year(item, doc.date)
        if own is None:
            continue
        when, precision = own
        if found.category is C.conservative_care and when == found.date:
            continue  # (the sentence's own fact tells it, on its date)
        out.append(replace(found, category=C.conservative_care, statement=item, tags=care,
                           date=when, date_precision=precision, end_date=None, duration=None,
                           dose=None, mme=None, procedure=None, percent_relief=None,
                           measures=[]))
    return out
