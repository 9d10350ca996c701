"""The parts every export format shares: the letter's head (letterhead, date, addressee and
re-line), the numbering of sections, the signature block (filled from the signer's profile once
the draft is signed), the draft's information page (the offline notice, the metadata and the
required elements), note and problem wording, and the split of section text into paragraphs and
list items."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from drafting.case.partial_dates import long_day
from drafting.draft import Draft, ReviewerOverride, SectionDraft
from drafting.elements import check_elements
from drafting.export.citations import Note, Piece, Problem, Ref
from drafting.prompting import setting_label

SIGNATURE_LINES = (
    "Name: ______________________________",
    "Credentials: ______________________________",
    "Date: ______________________________",
    "Signature: ______________________________",
)
INFO_TITLE = "Draft information"
ELEMENTS_TITLE = "Required elements"
LETTERHEAD_FILE = "letterhead.yaml"  # in the data directory (or NECESSITY_LETTERHEAD=PATH)
PROBLEMS_TITLE = "Citation problems"
OVERRIDES_TITLE = "Reviewer overrides"
NOTES_TITLE = "Notes"
SIGNATURE_TITLE = "Signature"
_BULLETS = ("- ", "* ", "• ")


@dataclass(frozen=True)
class Strong:
    """Text the draft marked ``**bold**`` (the offline composer bolds criterion statements)."""

    text: str


Span = Piece | Strong


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "bullet"]
    pieces: list[Span]


@dataclass(frozen=True)
class Letterhead:
    """The practice's letterhead: a few lines (name, address, telephone) printed at the top."""

    lines: tuple[str, ...]
    source: str = ""


def load_letterhead(path: Path | None = None) -> Letterhead | None:
    """The letterhead from ``path``, else ``NECESSITY_LETTERHEAD``, else ``letterhead.yaml`` in
    the data directory (``Settings.data_dir``): a YAML list of lines, or ``lines: [...]``, or
    plain text, one line each. None when there is none (the information page says where to put
    it)."""
    if path is None:
        named = os.environ.get("NECESSITY_LETTERHEAD")
        if named:
            path = Path(named)
        else:
            from drafting.settings import Settings

            path = Settings().data_dir / LETTERHEAD_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = text
    if isinstance(data, dict):
        data = data.get("lines", [])
    if isinstance(data, str):
        data = data.splitlines()
    lines = tuple(str(line).strip() for line in data or [] if str(line).strip())
    return Letterhead(lines, str(path)) if lines else None


def letter_date(draft: Draft) -> str:
    """The letter's date: the day it was signed, else the day it was drafted."""
    return long_day((draft.signed_off_at or draft.created_at).date())


def is_head(section: SectionDraft) -> bool:
    """The addressee and re-line block: printed under the letterhead, without a number."""
    return section.kind == "letter"


def numbered(draft: Draft) -> list[int | None]:
    """Each section's number in the document (None for the letter's head)."""
    numbers: list[int | None] = []
    count = 0
    for section in draft.sections:
        if is_head(section):
            numbers.append(None)
        else:
            count += 1
            numbers.append(count)
    return numbers


_NAME = re.compile(r"\[Reviewer name\]")
_CREDENTIALS = re.compile(r",? ?\[Reviewer credentials\]")


def as_signed(draft: Draft) -> Draft:
    """The draft as exported: once signed, the reviewer's name and credentials placeholders
    are filled from the sign-off (a credentials placeholder with no credentials on record is
    dropped, and the information page lists the qualifications as missing), so a signed draft's
    export never shows a placeholder there."""
    if not draft.signed_off_by:
        return draft
    name = draft.signed_off_by
    credentials = draft.signer_credentials

    def fill(text: str) -> str:
        text = _NAME.sub(name, text)
        return _CREDENTIALS.sub(lambda m: (", " if m.group(0).startswith(",") else "")
                                + credentials if credentials else "", text)

    sections = [s.model_copy(update={"text": fill(s.text)}) for s in draft.sections]
    return draft.model_copy(update={"sections": sections})


def signature_lines(draft: Draft) -> tuple[str, ...]:
    """The signature block: blank lines to sign on, or the signer, credentials and date."""
    if not draft.signed_off_by:
        return SIGNATURE_LINES
    at = draft.signed_off_at
    return tuple(line for line in (
        f"Signed: {draft.signed_off_by}",
        draft.signer_credentials or "",
        f"Date: {long_day(at)}" if at else "",
    ) if line)


def signature_after(draft: Draft) -> int:
    """The index of the section the signature block follows: the outline's signature section,
    else the last section."""
    return next((n for n, s in enumerate(draft.sections) if s.kind == "signature"),
                len(draft.sections) - 1)


def information(draft: Draft, letterhead: Letterhead | None) -> list[tuple[str, str]]:
    """The information page's rows: the metadata, and where the letterhead comes from."""
    rows = metadata(draft)
    rows.append(("Letterhead", letterhead.source if letterhead else
                 f"none; put the practice's lines in {LETTERHEAD_FILE} in the data directory "
                 "or name a file in NECESSITY_LETTERHEAD"))
    return rows


def element_lines(draft: Draft) -> list[str]:
    """The required elements of the document type: missing ones first, with what to add."""
    checks = check_elements(draft)
    return [c.line for c in checks if not c.present] + [c.line for c in checks if c.present]


def metadata(draft: Draft) -> list[tuple[str, str]]:
    provenance = draft.provenance
    return [
        ("Document type", draft.document_type.replace("_", " ").capitalize()),
        ("Perspective", draft.perspective.replace("_", " ")),
        ("Setting", setting_label(draft.setting)),
        ("Date", draft.created_at.date().isoformat()),
        ("Backend", f"{provenance.backend} ({provenance.model})"),
    ] + ([("Signed off", f"{draft.signed_off_by}, {draft.signed_off_at:%Y-%m-%d %H:%M} UTC"
           if draft.signed_off_at else draft.signed_off_by)] if draft.signed_off_by else []) + (
        [("Signer's credentials", draft.signer_credentials)] if draft.signer_credentials else [])


def override_text(override: ReviewerOverride) -> str:
    """``I1 criterion esi-2: met (engine: undocumented), by Dr. Kim on 2026-11-23: reason``."""
    what = (f"criterion {override.criterion_id}" if override.criterion_id else "outcome")
    engine = (override.engine_value or "none").replace("_", " ")
    return (f"{override.item_id} {what}: {override.value.replace('_', ' ')} (engine: {engine}), "
            f"by {override.author} on {override.at:%Y-%m-%d}: {override.reason}")


def metadata_line(draft: Draft, separator: str = " · ") -> str:
    return separator.join(f"{name}: {value}" for name, value in metadata(draft))


def section_heading(number: int, title: str) -> str:
    return f"{number}. {title}"


def ref_text(ref: Ref, previous: Span | None) -> str:
    """A superscript endnote number; adjacent ones are comma-separated so 4 and 2 never read 42."""
    return f",{ref.number}" if isinstance(previous, Ref) else str(ref.number)


def note_text(note: Note) -> str:
    """``MRI lumbar spine without contrast, 12 April 2016, p. 1: statement`` (a fact: its
    document, date and page, without the case file's ids) or ``Guideline, p. 46: text``."""
    source = note.source
    label = source.label.strip()
    if source.kind == "fact":
        for prefix in (f"{note.marker}: ", f"{note.marker} — ", f"{note.marker} "):
            label = label.removeprefix(prefix)
        label = re.sub(r" \(D\d+\)", "", label)
        label = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", _long, label)
    return f"{label}: {source.text.strip()}"


def _long(match: re.Match[str]) -> str:
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    return long_day(day)


def problem_text(problem: Problem) -> str:
    return (f"[{problem.marker}] in section {problem.section} ({problem.title}): "
            f"{problem.reason}")


def blocks(pieces: list[Piece]) -> list[Block]:
    """One block per non-empty line; lines starting with a bullet become list items."""
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        if not isinstance(piece, str):
            lines[-1].append(piece)
            continue
        first, *rest = piece.split("\n")
        lines[-1].append(first)
        lines.extend([part] for part in rest)
    result = []
    for line in map(_trim, lines):
        if not line:
            continue
        head = line[0]
        if isinstance(head, str) and head.startswith(_BULLETS):
            result.append(Block("bullet", _strong(_trim([head[2:], *line[1:]]))))
        else:
            result.append(Block("paragraph", _strong(line)))
    return [block for block in result if block.pieces]


NOTE_LEADS = ("Before sending.", "To add before submitting.")


def is_note(block: Block) -> bool:
    """A note to the physician (what to add before sending): printed in the notes' colour."""
    return any(isinstance(p, Strong) and p.text.strip() in NOTE_LEADS for p in block.pieces)


def _strong(line: list[Piece]) -> list[Span]:
    """Turn balanced ``**`` pairs into Strong spans; an unbalanced line is left as written."""
    count = sum(p.count("**") for p in line if isinstance(p, str))
    if count == 0 or count % 2:
        return list(line)
    spans: list[Span] = []
    bold = False
    for piece in line:
        if not isinstance(piece, str):
            spans.append(piece)
            continue
        for index, part in enumerate(piece.split("**")):
            bold = bold if index == 0 else not bold
            if part:
                spans.append(Strong(part) if bold else part)
    return spans


def _trim(line: list[Piece]) -> list[Piece]:
    """Strip outer whitespace and drop empty strings."""
    line = [p for p in line if not isinstance(p, str) or p]
    if line and isinstance(line[0], str):
        line[0] = line[0].lstrip()
    if line and isinstance(line[-1], str):
        line[-1] = line[-1].rstrip()
    return [p for p in line if not isinstance(p, str) or p]
