"""Facts from a letter deciding a request (a UR or payer denial, an independent review): each
item's decision, the request's history and the decision's reasons as utilization-review facts,
and the patient facts of its case summary (read as any note's sentences are, by ``general``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.decision_lists import listed_lines
from drafting.intake.extract.found import Document, Found, make_fact, stated_date
from drafting.intake.extract.letters import (
    VERDICT,
    carry_dates,
    latest_note_reviewed,
    letter_parts,
)
from drafting.intake.extract.sections import NOT_ABOUT_THE_PATIENT, SKIPPED_SECTIONS, readable
from drafting.intake.extract.text import Sentence

# How the rest of a record's sentences are read (facts._general).
Reader = Callable[[Document, list[Sentence]], list[Found]]


def letter_facts(doc: Document, said: list[Sentence], general: Reader) -> list[Found]:
    """A letter deciding a request: its reasons and the steps of the request's history as
    utilization-review facts (each dated by its own sentence), and the patient facts of its
    case summary."""
    items = listed_lines(doc.lines)  # "1. Lumbar RFA (CPT 64635), requested ...": an item
    said = [s for s in said if not NOT_ABOUT_THE_PATIENT.search(s.text)
            and not s.text.endswith(":")  # (a line introducing a list)
            and not any(s.text in item for item in items)]
    dated = {i for i, s in enumerate(said) if stated_date(f"{s.lead} {s.text}", doc)}
    parts = letter_parts(said, dated)
    steps = [make_fact(C.utilization_review, s, doc, tags=[]) for s in parts.steps]
    # an item's verdict alone ("1. Certified.", "Item 2: UPHELD.") is the review's record of
    # its decision, on the letter's date; one record of it: not when the letter's reasoning
    # states the verdict in a sentence of its own ("The denial is upheld.")
    stated = any(VERDICT.search(s.text) for s in parts.reasons)
    decisions = [] if stated else [
        replace(make_fact(C.utilization_review, _numbered(s, doc), doc, tags=[]),
                date=doc.date, end_date=None, date_precision="day") for s in parts.decisions]
    # a reason is the decision's (the letter's date), whatever date it quotes from the record
    reasons = [replace(make_fact(C.utilization_review, s, doc, tags=[]), date=doc.date,
                       end_date=None, date_precision="day") for s in parts.reasons
               if not SKIPPED_SECTIONS.search(s.section)]  # a reason may sit under any label
    summary = [s for s in parts.summary if readable(s)]
    return decisions + steps + reasons + carry_dates(general(doc, summary), summary, doc,
                                         latest_note_reviewed(said, doc.date))


# A provider's appeal answers the review in the second person ("Your letter states that ...",
# "The 'radicular' wording in your letter appears to come from ..."): what the review said and
# the appeal's argument with it, not a fact of the patient's care (the facts it cites are told
# in sentences of their own).
_ANSWERS_THE_REVIEW = re.compile(r"\byour (?:letter|denial|reviewer|review|determination|"
                                 r"decision|notice|rationale)\b", re.IGNORECASE)


def appeal_sentences(said: list[Sentence]) -> list[Sentence]:
    """The sentences of a provider's appeal that tell the patient's care: not its answers to
    the review."""
    return [s for s in said if not _ANSWERS_THE_REVIEW.search(s.text)]


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2}[.)])\s+(\S.*)$")


def _numbered(sentence: Sentence, doc: Document) -> Sentence:
    """A list item's decision with the item's number as the letter writes it ("1. Certified."):
    the list's layout drops the number, which alone tells which item the verdict decides."""
    if not sentence.listed or sentence.lead:
        return sentence
    start = " ".join(sentence.text.split())[:30]
    for page, text in doc.pages:
        if page != sentence.page:
            continue
        for raw in text.splitlines():
            if (item := _ITEM_NUMBER.match(raw)) and " ".join(item.group(2).split()).startswith(
                    start):
                return replace(sentence, lead=item.group(1))
    return sentence
