"""A page of record text as sentences, each with the section it sits in.

Records are laid out as headings (``PHYSICAL EXAMINATION``), labelled fields (``DOB: ...``,
``Procedure: ...``), numbered or listed lines, and wrapped prose. Headings set the section;
fields become labelled lines; prose lines are joined back into paragraphs (PDF text and OCR
break lines mid-sentence) and split into sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from drafting.deid.dates import find_dates
from drafting.intake.extract.checkboxes import ticked_only
from drafting.intake.extract.table_columns import (
    deficit_column,
    excluded_columns,
    no_deficit,
    without_columns,
)
from drafting.intake.extract.transcript import testimony

_HEADING = re.compile(r"^[A-Z][A-Z0-9 &'/,()\-]{2,70}:?$")
# (a label of words may say where its value comes from: "Prior treatment (per referral letter
# 03/2026 and patient):", "HOME MEDICATIONS (per fill list, not verified):")
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9 '/()#.&-]{0,45}?|"
                    r"[A-Z][A-Za-z '&-]{2,30}?\s*\([^()]{8,60}\))\s*:\s+(?P<value>\S.*)$")
_LEVEL_LABEL = re.compile(r"^[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?$")
# A heading in capitals with a caption after a dash ("OBJECTIVE - initial eval vs discharge").
_CAPTIONED_HEADING = re.compile(r"^([A-Z][A-Z &/]{3,40}?)\s+[-\u2013\u2014]\s+[a-z0-9].*$")
# A field label alone on its line, in any case ("Subjective complaints:", "Objective findings:"):
# a heading for the lines below it (a list's introduction with a date or a number is not one).
_BARE_LABEL = re.compile(r"^[A-Z][A-Za-z '/&()-]{1,40}:$")
_BARE_LABEL_WORDS = 4
# A section heading's caption in parentheses, in any case ("IMAGING (my review of the disc)");
# a longer line so captioned is a record's title ("ADVERSE DETERMINATION (after peer-to-peer)").
_CAPTION = re.compile(r"\s*\([^)]*\)\s*$")
_SECTION_WORDS = 3
# A letter's salutation ("Dear Dr. Lee:", "To the Appeals Reviewer:", "To Whom It May Concern:")
# opens its body: not a heading (as a line ending in a colon would be) whose words ("appeals")
# would name the section below it.
_SALUTATION = re.compile(r"^(?:dear\b|to whom it may concern\b|to the\s+\w+(?:\s+\w+)?\s*"
                         r"(?:reviewer|committee|department|physician|adjuster|judge)s?\b)"
                         r"[^:]{0,50}:$", re.IGNORECASE)


def _captioned_section(text: str) -> bool:
    text = text.removesuffix(":")  # ("CLINICAL SUMMARY (from the records received):")
    bare = _CAPTION.sub("", text).strip()
    return bare != text and len(bare.split()) <= _SECTION_WORDS and bool(_HEADING.match(bare))


# A numbered section of a report, whatever caption follows its name ("SECTION 3 - SUMMARY OF
# MEDICAL RECORDS REVIEWED (chronological, condensed)", "PART II - HISTORY"): a heading, read
# without its caption.
_NUMBERED_SECTION = re.compile(r"^(?:SECTION|PART)\s+(?:\d{1,2}|[IVX]{1,4}|[A-Z])\s*"
                               r"[-\u2013\u2014:.]\s*[A-Z][A-Z0-9 &'/,-]{2,70}?\s*"
                               r"(?:\([^)]*\)?)?:?$")


# A dose is no field's name: "Gabapentin 300 mg TID   d/c 10/2024   reason: dizziness" is a
# medication list's line whose note has a label of its own, not a field named by the drug.
_DOSE_IN_LABEL = re.compile(r"\d\s?(?:mg|mcg|g|ml|units?|%)\b", re.IGNORECASE)


_ITEM_HEADING = re.compile(r"^(?:issue|item|disputed item)\s*#?\d{1,2}$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-*\u2022])\s+")
_LEADERS = re.compile(r"\s*\.{4,}\s*")
_FOOTER = re.compile(r"^page \d+(?: of \d+)?$", re.IGNORECASE)
# A SOAP note's bare section letters on a line of their own ("P:" opens the plan).
# An assessment and plan's letters ("A/P:", "A&P:") alone on their line open that section too.
SOAP_SECTIONS = {"s": "subjective", "o": "objective", "a": "assessment", "p": "plan",
                 "a/p": "a/p", "a&p": "a/p"}
_SOAP = re.compile(r"^([SOAP]|A\s?[/&]\s?P)\s*:$", re.IGNORECASE)
_ABBREVIATIONS = ("dr.", "mr.", "ms.", "mrs.", "e.g.", "i.e.", "vs.", "approx.", "no.", "st.",
                  "jr.", "sr.", "p.o.", "a.m.", "p.m.", "incl.")
# A sentence may open in chart shorthand, lower case ("... 6 wks. c/o LBP ...", ". s/p TFESI").
# A form's question keeps the answer written after it ("how many visits? 6, didn't help").
_SENTENCE_END = re.compile(r"(?<=[.!])[\"')\]]?\s+(?=[A-Z0-9(\"']|[a-z]/[a-z]\b)|"
                           r"(?<=\?)[\"')\]]?\s+(?=[A-Z(\"']|[a-z]/[a-z]\b)")


@dataclass(frozen=True)
class Sentence:
    text: str
    page: int
    section: str  # the heading above it, or the label it was written after, in lower case
    label: str | None = None  # set when the sentence is the value of a "Label: value" line
    lead: str = ""  # the label as written, before the first sentence of a labelled value
    paragraph: int = 0  # sentences of one paragraph share it (a letter's summary runs in order)
    heading: str = ""  # the heading (or SOAP section) above a labelled value, in lower case
    listed: bool = False  # an item of a list ("2. Lumbar stenosis - stable"), not prose

    @property
    def labelled(self) -> bool:
        return self.label is not None


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    section: str
    kind: str  # "heading", "label", "item", "prose", "blank"
    label: str | None = None
    value: str | None = None


def lines(page_text: str, page: int, section: str = "") -> list[Line]:
    out = []
    spans: list[tuple[int, int]] | None = None  # a table's columns that hold no finding
    deficit: tuple[int, int] | None = None  # and its deficit column
    # A narrative field whose paragraph the layout wrapped ("HISTORY: 54 y/o with pain since a")
    # holds the lines that follow it until a blank line: they are its section, not the heading's
    # above it.
    carried: str | None = None
    for raw in testimony(page_text).splitlines():
        if not _COLUMNS.search(raw.strip()):
            spans = deficit = None
        elif spans is None and deficit is None:
            spans, deficit = excluded_columns(raw), deficit_column(raw)
        elif not raw.lstrip().startswith("|"):
            if deficit and no_deficit(raw, deficit):
                out.append(Line("", page, section, "blank"))  # no limitation: no finding
                continue
            raw = without_columns(raw, spans) if spans else raw
        row = _table_row(raw)
        # Dot leaders of a table row ("Oswestry ....... 48% -> 30%") are layout, not text: they
        # set a name beside its value, a row of its own ("PHQ-9 ...... 11 (moderate)"), never a
        # heading however its name and value are written.
        if row is None and _LEADER_ROW.match(raw):
            row = raw
        text = " ".join(_LEADERS.sub(" ", ticked_only(row if row is not None else raw)).split())
        if not text or _FOOTER.match(text):
            out.append(Line("", page, section, "blank"))
            carried = None
            continue
        if soap := _SOAP.match(text):
            section = SOAP_SECTIONS[re.sub(r"\s", "", soap.group(1).lower())]
            out.append(Line(text, page, section, "heading"))
            carried = None
            continue
        if captioned := _CAPTIONED_HEADING.match(text):  # "OBJECTIVE - initial eval vs d/c"
            section = captioned.group(1).strip().lower()
            out.append(Line(text, page, section, "heading"))
            carried = None
            continue
        if _NUMBERED_SECTION.match(text):
            section = _CAPTION.sub("", text.rstrip(":")).strip().lower()
            out.append(Line(text, page, section, "heading"))
            carried = None
            continue
        if _SALUTATION.match(text):  # a letter's body follows, in no section of its own
            section, carried = "", None
            out.append(Line(text, page, section, "heading"))
            continue
        if (_HEADING.match(text) or _captioned_section(text) or (
                _BARE_LABEL.match(text) and len(text.split())
                <= _BARE_LABEL_WORDS)) and sum(c.isalpha() for c in text) >= 3 and not (
                row is not None and (_VALUE_CELL.search(row) or _LEADER_ROW.match(row))):
            # ("PHQ-9    16    9", "GAD-7 ...... 7 (mild)": a row)
            section = text.rstrip(":").strip().lower()
            out.append(Line(text, page, section, "heading"))
            carried = None
            continue
        label = _LABEL.match(text)
        if label and not _LEVEL_LABEL.match(label.group("label").strip()) and \
                not _DOSE_IN_LABEL.search(label.group("label")):
            name = label.group("label").strip().lower()
            # "O: BP 132/84" opens the objective section for the labelled lines below it, and
            # "ISSUE 2: Lidocaine patch" a letter's discussion of its second item
            section = SOAP_SECTIONS.get(name, name if _ITEM_HEADING.match(name) else section)
            out.append(Line(text, page, section, "label", name, label.group("value").strip()))
            carried = name if len(text) >= WRAPPED and not re.search(r"[.!?:]$", text) and \
                _narrative(name) else None  # (a field wrapped by the layout, mid-sentence)
            continue
        kind = "item" if _LIST_ITEM.match(text) or row is not None else "prose"
        out.append(Line(_LIST_ITEM.sub("", text), page,
                        carried if carried and kind == "prose" else section, kind))
    return out


_LEADER_ROW = re.compile(r"^\s*[A-Za-z][^.:]{0,44}?\s*\.{4,}\s*\S")


def _narrative(label: str) -> bool:
    """A field whose value is narrative (history, findings), not a header's or vital signs'."""
    from drafting.intake.extract.sections import NARRATIVE_LABELS, label_core

    return bool(NARRATIVE_LABELS.match(label_core(label)))


_PIPE_RULE = re.compile(r"^[\s|:+-]+$")
_COLUMNS = re.compile(r"\S {3,}\S")
_VALUE_CELL = re.compile(r"(?:^|\s{3})[\d.,/%-]*\d[\d.,/%-]*(?=\s{3}|\s*$)")  # a cell of a number


def _table_row(raw: str) -> str | None:
    """A row of a table (a pipe table's "| Pregabalin 75 mg | 1 cap twice daily | 10/2023 |", or
    columns set apart by runs of spaces) as its cells: its own line, never joined to the row
    above; a pipe table's rule line ("|----|----|") is blank. None for any other line."""
    stripped = raw.strip()
    if stripped.startswith("|"):
        if _PIPE_RULE.match(stripped):
            return ""
        return "   ".join(cell.strip() for cell in stripped.strip("|").split("|"))
    return raw if _COLUMNS.search(stripped) else None


def sentences(page_lines: list[Line]) -> list[Sentence]:
    """Sentences of prose, list items and labelled values (each labelled value on its own)."""
    out: list[Sentence] = []
    paragraph: list[str] = []
    where = {"page": 1, "section": "", "paragraph": 0, "listed": False}  # of the paragraph

    def flush() -> None:
        if paragraph:
            where["paragraph"] += 1
            out.extend(Sentence(s, where["page"], where["section"], paragraph=where["paragraph"],
                                listed=bool(where["listed"]))
                       for s in split_sentences(" ".join(paragraph)))
            paragraph.clear()

    for line in joined_labels(page_lines):
        if line.kind in ("blank", "heading"):
            flush()
            continue
        if line.kind == "label":
            flush()
            written = line.text[:len(line.text) - len(line.value or "")].strip()
            for index, text in enumerate(split_sentences(line.value or "")):
                out.append(Sentence(text, line.page, line.label or line.section, line.label,
                                    written if index == 0 else "", heading=line.section))
            continue
        joins = paragraph and not entry_date(line.text) and (line.text[:1].islower() or (
            len(paragraph[-1]) >= WRAPPED and not re.search(r"[.!?:]$", paragraph[-1])))
        if line.kind == "item" or not joins:
            flush()
        if not paragraph:
            where.update(page=line.page, section=line.section, listed=line.kind == "item")
        paragraph.append(line.text)
    flush()
    return out


def entry_date(text: str) -> dt.date | None:
    """The date a line opens with: a log entry or a table row of that day ("08/15/24 10:02 RP
    First report received", "11/03/2023  reviewed  consistent  6/10"), never joined to the line
    above; its sentences happened that day."""
    found = next(find_dates(text[:12]), None)
    return found.date if found and found.start == 0 else None


def entry_dates(said: list[Sentence]) -> dict[int, dt.date]:
    """The date each log entry (a paragraph opening with a date) was written, by paragraph."""
    out: dict[int, dt.date] = {}
    for sentence in said:
        if sentence.paragraph and sentence.paragraph not in out:
            day = entry_date(sentence.text)
            out[sentence.paragraph] = day if day else dt.date.min
    return {k: v for k, v in out.items() if v != dt.date.min}


WRAPPED = 70  # a line at least this long that ends mid-sentence was wrapped by the layout


def joined_labels(page_lines: list[Line]) -> list[Line]:
    """Labelled values with their wrapped continuation lines joined on."""
    out: list[Line] = []
    for line in page_lines:
        previous = out[-1] if out else None
        if previous is not None and previous.kind == "label" and line.kind == "prose" and \
                line.page == previous.page and not re.search(r"[.!?:]$", previous.value or "") \
                and (len(previous.text) >= WRAPPED or line.text[:1].islower()):
            out[-1] = Line(f"{previous.text} {line.text}", previous.page, previous.section,
                           "label", previous.label, f"{previous.value} {line.text}")
            continue
        out.append(line)
    return out


def split_sentences(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()].lower()
        # an abbreviation is a whole word ("Dr.", "e.g."), not the end of one ("symptoms.")
        last = before.rsplit(None, 1)[-1].lstrip("(\"'") if before.strip() else ""
        if last in _ABBREVIATIONS or re.search(r"\b[A-Z]\.$", text[start:match.start()]):
            continue
        parts.append(text[start:match.start()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]
