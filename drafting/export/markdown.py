"""The draft as Markdown: the title, the letter's head, numbered sections with footnote references
``[^n]``, the signature block, a Notes list of endnotes, and the draft's information page (the
offline notice, metadata and required elements) after a rule at the end."""

from __future__ import annotations

from pathlib import Path

from drafting.atomic_files import write_text_atomic
from drafting.draft import Draft
from drafting.export.citations import as_text, resolve_citations
from drafting.export.layout import (
    ELEMENTS_TITLE,
    INFO_TITLE,
    NOTES_TITLE,
    OVERRIDES_TITLE,
    PROBLEMS_TITLE,
    SIGNATURE_TITLE,
    Letterhead,
    as_signed,
    element_lines,
    information,
    letter_date,
    load_letterhead,
    note_text,
    numbered,
    override_text,
    problem_text,
    section_heading,
    signature_after,
    signature_lines,
)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _lines(text: str) -> str:
    """Lines kept as lines (a Markdown hard break at each)."""
    return "  \n".join(line for line in text.strip().splitlines())


def to_markdown(draft: Draft, letterhead: Letterhead | None = None, *,
                find_letterhead: bool = True) -> str:
    if letterhead is None and find_letterhead:
        letterhead = load_letterhead()
    shown = as_signed(draft)
    footnoted = resolve_citations(shown)
    link = lambda ref: f"[^{ref.number}]"  # noqa: E731
    parts = [f"# {shown.title}"]
    if letterhead:
        parts.append(_lines("\n".join(f"**{line}**" if n == 0 else line
                                      for n, line in enumerate(letterhead.lines))))
    parts.append(letter_date(shown))
    numbers = numbered(shown)
    head = [n for n, number in enumerate(numbers) if number is None]
    for index in head:
        parts.append(_lines(as_text(footnoted.sections[index], link)))
    sign_after = signature_after(shown)
    for index, (section, pieces) in enumerate(zip(shown.sections, footnoted.sections,
                                                  strict=True)):
        number = numbers[index]
        if number is not None:
            parts.append(f"## {section_heading(number, section.title)}")
            parts.append(as_text(pieces, link).strip())
        if index == sign_after:
            if section.kind != "signature":
                parts.append(f"## {SIGNATURE_TITLE}")
            parts.extend(signature_lines(shown))
    if shown.overrides:
        parts.append(f"## {OVERRIDES_TITLE}")
        parts.append("\n".join(f"- {override_text(o)}" for o in shown.overrides))
    if footnoted.problems:
        parts.append(f"## {PROBLEMS_TITLE}")
        parts.append("\n".join(f"- {problem_text(p)}" for p in footnoted.problems))
    if footnoted.notes:
        parts.append(f"## {NOTES_TITLE}")
        parts.append("\n".join(f"[^{n.number}]: {note_text(n)}" for n in footnoted.notes))
    parts.append("---")
    parts.append(f"## {INFO_TITLE}")
    if shown.label:
        parts.append(_quote(shown.label))
    parts.append("\n".join(f"- **{name}:** {value}"
                           for name, value in information(shown, letterhead)))
    parts.append(f"### {ELEMENTS_TITLE}")
    parts.append("\n".join(f"- {line}" for line in element_lines(shown)))
    return "\n\n".join(parts) + "\n"


def write_markdown(draft: Draft, path: Path) -> Path:
    return write_text_atomic(path, to_markdown(draft))
