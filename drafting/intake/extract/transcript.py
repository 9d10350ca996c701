"""A transcript of testimony (a deposition, a hearing) laid out on numbered lines: the line
numbers and page headers are layout, and the witness's answers are what the record states.

A page is a transcript when most of its lines open with a line number (1-25, as court
reporters number them). The numbers and the "Page 14" headers between pages are taken out, so
that an answer wrapped over lines (and over a page break) reads as one paragraph. Where the
transcript marks questions and answers ("Q.", "A."), each answer is a paragraph of its own
without its mark, and what others say is left out: counsel's questions (a hypothetical is
not the patient's history), objections and the reporter's notes."""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"^\s{0,6}(\d{1,2})(?:\s{2,}|\s*$)(.*)$")
_PAGE_HEADER = re.compile(r"^\s*page\s+\d+\s*$", re.IGNORECASE)
_QUESTION = re.compile(r"^Q[.:]\s+")
_ANSWER = re.compile(r"^A[.:]\s+")
# Another speaker ("MS. PRADHAN-WOLFE: Objection, form.", "THE WITNESS: ...", "BY MR. X:") or a
# reporter's note in parentheses ("(Exhibit 3 marked.)").
_SPEAKER = re.compile(r"^(?:(?:BY\s+)?(?:MR|MS|MRS|DR)\.\s+[A-Z][A-Z'-]+|THE [A-Z]+):|^\(.*\)?$")
_SHARE = 0.7
_LEAST = 10


def is_transcript(page_text: str) -> bool:
    shown = [line for line in page_text.splitlines() if line.strip()
             and not _PAGE_HEADER.match(line)]
    numbered = [m for line in shown if (m := _NUMBERED.match(line)) and 1 <= int(m.group(1)) <= 28]
    return len(numbered) >= _LEAST and len(numbered) >= _SHARE * len(shown)


def testimony(page_text: str) -> str:
    """The page as its witness's answers, when it is a transcript; else the page as written."""
    if not is_transcript(page_text):
        return page_text
    body = []
    for line in page_text.splitlines():
        if _PAGE_HEADER.match(line):
            continue
        numbered = _NUMBERED.match(line)
        body.append((numbered.group(2) if numbered else line).strip())
    if not any(_ANSWER.match(line) for line in body):
        return "\n".join(body)
    out: list[str] = []
    speaking = True  # (the caption above the first question is kept)
    for line in body:
        if _QUESTION.match(line) or _SPEAKER.match(line):
            speaking = False
            out.append("")
        elif answer := _ANSWER.match(line):
            speaking = True
            out += ["", line[answer.end():]]
        elif speaking or not line:
            out.append(line)
    return "\n".join(out)
