"""Short findings written one after another on one line of a record ("Str 5/5 LE. Sens intact.
DTR 1+ symm.", "PHQ-9 9. GAD-7 6.", "Sleep: wakes 3x/night. Can sit: abt 20 min."): the
writer's one statement, split by the sentence splitter at each full stop. Facts of the same
kind (an examination, a psychological score, a function) read from consecutive sentences of
one physical line, on the same day, are joined back into one fact, as the line has them.

Sentences of prose (with a verb such as "is", "can", "reports") are never joined: each is a
statement of its own. Only the kinds whose facts carry nothing but their statement, measures
and tags are joined: a drug's dose, a relief's percent or a procedure's family belong to one
sentence each."""

from __future__ import annotations

import re

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.found import Document, Found

JOINED_KINDS = (C.exam, C.psych, C.functional)
_SPACES = re.compile(r"\s+")
_LONGEST_LINE = 200  # a wrapped paragraph is prose, not a line of shorthand
# A sentence of prose ("Gait is antalgic.", "He can sit for about 20 minutes.") is a statement
# of its own, whatever shares its line; shorthand fragments have no such verb.
_PROSE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|can|could|does|did|reports?|"
                         r"states?|says?|denies|notes?)\b", re.IGNORECASE)


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _line_of(text: str, lines: list[str]) -> int | None:
    """The index of the physical line holding ``text`` whole, if exactly one does."""
    said = _flat(text)
    held = [i for i, line in enumerate(lines) if said and said in line]
    return held[0] if len(held) == 1 else None


def joined_on_one_line(found: list[Found], doc: Document) -> list[Found]:
    """``found`` with each run of same-kind facts from one short line joined into one."""
    lines = {page: [_flat(line) for line in text.splitlines()] for page, text in doc.pages}
    out: list[Found] = []
    last_line: tuple[int, int] | None = None
    for fact in found:
        page_lines = lines.get(fact.page, [])
        shorthand = fact.category in JOINED_KINDS and not _PROSE_VERB.search(fact.statement)
        index = _line_of(fact.statement, page_lines) if shorthand else None
        where = (fact.page, index) if index is not None else None
        prev = out[-1] if out else None
        if (where is not None and where == last_line and prev is not None
                and prev.category is fact.category and prev.date == fact.date
                and prev.end_date == fact.end_date and not prev.learned and not fact.learned
                and len(page_lines[where[1]]) <= _LONGEST_LINE
                and fact.statement not in prev.statement
                and (prev.laterality is None or fact.laterality in (None, prev.laterality))):
            prev.statement = f"{prev.statement} {fact.statement}"
            prev.measures = [*prev.measures, *fact.measures]
            prev.tags = list(dict.fromkeys([*prev.tags, *fact.tags]))
            prev.levels = list(dict.fromkeys([*prev.levels, *fact.levels]))
            prev.laterality = prev.laterality or fact.laterality
            continue
        out.append(fact)
        last_line = where
    return out
