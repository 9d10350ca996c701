"""A table of procedures, one dated row each, with the relief each gave ("Date  Procedure
Level/Side  Relief (%)  Duration  Notes", then "03/02/2021  Lumbar TFESI  L5-S1 L  60%  ~3 mo
...") as in a pain clinic's procedure log or a request's procedure history: each row done is a
procedure fact at its date (a day, or the month a "05/2021" row gives), and its relief cell a
response at the same date.

A row is no fact when it was not done (cancelled, declined, postponed, planned, "TBD") or names
no procedure; a relief cell without a percentage ("--", "n/a") gives no response. A row not done
is not read again as a sentence."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise

from drafting.case import Duration
from drafting.case.vocab import DurationUnit
from drafting.case.vocab import FactCategory as C
from drafting.deid.dates import find_dates, find_partial_date
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import Document, Found, group_of, make_fact
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import durations
from drafting.intake.extract.vocabulary import procedure_in

_CELL_GAP = re.compile(r"\s{2,}|\t")
_RULE = re.compile(r"^[\s|:+=-]+$")
_DATE_HEAD = re.compile(r"^(?:date|dos|date of (?:service|procedure))\b", re.IGNORECASE)
_PROCEDURE_HEAD = re.compile(r"\b(?:procedures?|injections?|interventions?)\b", re.IGNORECASE)
_RELIEF_HEAD = re.compile(r"\b(?:relief|response|improvement|outcome|result)\b|%", re.IGNORECASE)
_DURATION_HEAD = re.compile(r"\b(?:duration|lasted|how long)\b", re.IGNORECASE)
# A row of something not done: cancelled, declined, postponed, only planned or asked for.
_NOT_DONE = re.compile(r"\b(?:cancel\w*|not (?:done|performed|given)|declined|refused|no[- ]show|"
                       r"resched\w*|postponed|pending|planned|scheduled|TBD|to be (?:scheduled|"
                       r"determined)|denied|aborted)\b", re.IGNORECASE)
# A procedure a cell names without a family of the vocabulary ("Sacroiliac jt inj", "SNRB").
_PROCEDURE_WORD = re.compile(r"\b(?:inj(?:ection)?|block|ablation|blockade|SNRB|epidural|"
                             r"neurotomy|rhizotomy)\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3})\s?%")
_SPAN = re.compile(r"^~?\s*(?:about |approx\.? )?(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|days?|d|"
                   r"weeks?|wks?|wk|w|months?|mos?|mo|years?|yrs?|y)\b", re.IGNORECASE)
_UNITS = {"h": DurationUnit.hours, "d": DurationUnit.days, "w": DurationUnit.weeks,
          "m": DurationUnit.months, "y": DurationUnit.years}


@dataclass(frozen=True)
class _Columns:
    starts: list[int]  # where each header cell begins on its line
    date: int
    procedure: int
    relief: int | None
    duration: int | None


def _header(raw: str) -> _Columns | None:
    """A header row naming a date column and a procedure column (and a relief column)."""
    cells = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", raw)]
    if len(cells) < 3:
        return None
    names = [name for _, name in cells]

    def where(pattern: re.Pattern[str]) -> int | None:
        return next((i for i, name in enumerate(names) if pattern.search(name)), None)

    date, procedure = where(_DATE_HEAD), where(_PROCEDURE_HEAD)
    relief = where(_RELIEF_HEAD)
    if date is None or procedure is None or relief is None or procedure == date:
        return None
    return _Columns([start for start, _ in cells], date, procedure, relief,
                    where(_DURATION_HEAD))


def _cells(raw: str, columns: _Columns) -> list[str]:
    """A row's cells: split at runs of spaces when it has as many as the header, else cut at
    the header's column starts."""
    split = [c for c in _CELL_GAP.split(raw.strip()) if c]
    if len(split) == len(columns.starts):
        return split
    bounds = [*columns.starts, len(raw)]
    return [raw[a:b].strip() for a, b in pairwise(bounds)]


def _row_date(cell: str, latest: dt.date) -> tuple[dt.date, str] | None:
    day = next(find_dates(cell), None)
    if day is not None and day.start == 0:
        return (day.date, "day") if day.date <= latest else None
    partial = find_partial_date(cell)
    return partial if partial and partial[0] <= latest else None


def _span(cell: str) -> Duration | None:
    if match := _SPAN.match(cell.strip()):
        return Duration(value=float(match.group(1)), unit=_UNITS[match.group(2)[0].lower()])
    found = durations(cell)  # "90% x 1 day"
    return found[0] if found else None


def _row_facts(raw: str, columns: _Columns, page: int, doc: Document) -> list[Found] | None:
    """The facts of one row (none for a row not done); None when the line is no row."""
    cells = _cells(raw, columns)
    if len(cells) <= max(columns.date, columns.procedure):
        return None
    when = _row_date(cells[columns.date], doc.date)
    text = " ".join(raw.split())
    if when is None and not _NOT_DONE.search(cells[columns.date]):
        return None  # no row's date: the table has ended ("Totals: ESI 2, MBB 2")
    if when is None or _NOT_DONE.search(text):
        return []
    named = cells[columns.procedure]
    family = procedure_in(named)
    if family is None and not _PROCEDURE_WORD.search(named):
        return []
    row = Sentence(text, page, "procedure table")
    tags = [t for t in tags_in(text, {"procedure"}) if group_of(t) == "procedure"]
    done = make_fact(C.procedure, row, doc, tags, procedure=family)
    done.date, done.date_precision, done.end_date = when[0], when[1], None
    out = [done]
    relief_cell = cells[columns.relief] if columns.relief is not None and \
        columns.relief < len(cells) else ""
    if percent := _PERCENT.search(relief_cell):
        lasted = cells[columns.duration] if columns.duration is not None and \
            columns.duration < len(cells) else ""
        response = make_fact(C.response, row, doc, [], procedure=family,
                             percent_relief=float(percent.group(1)),
                             duration=_span(relief_cell[percent.end():]) or _span(lasted))
        response.date, response.date_precision, response.end_date = when[0], when[1], None
        out.append(response)
    return out


def procedure_table(doc: Document) -> tuple[list[Found], set[str]]:
    """The facts of every procedure table in the record, and the text of its rows not done
    (each as the sentence reader joins it), which no other reader may take for care given; a
    row done is read again as a sentence for what its notes tell ("walked 1 mile after")."""
    found: list[Found] = []
    rows: set[str] = set()
    for page, text in doc.pages:
        columns: _Columns | None = None
        for raw in text.splitlines():
            if columns is None:
                columns = _header(raw)
                continue
            if _RULE.match(raw) and raw.strip():
                continue
            facts = _row_facts(raw, columns, page, doc) if raw.strip() else None
            if facts is None:
                columns = _header(raw)  # the table has ended (another may begin)
                continue
            found += facts
            if not facts:
                rows.add(" ".join(raw.split()))
    return found, rows
