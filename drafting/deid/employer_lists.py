"""Employers a record lists rather than labels one by one, beside ``organisations.py``:

- the employing agency of a federal form after its department ("Employing agency: Department
  of Veterans Affairs, Rio Puerco VA Medical Center"): the department is public (``keep``),
  the facility after it is the employer;
- the first cell of each row of a table whose first column is headed "Employer" (an
  employment history: "Duke City Linen Supply    06/1985-03/1993    Laundry checker");
- the next employers of a work history told in prose, each after the years of the one before
  ("worked at A (1985-1993), B (1993-2004, tech), then the C since 2004"; "at A from 1990 to
  1998, then at B").
"""

from __future__ import annotations

import re

from drafting.deid.organisations import ORG, _org_variants, kept
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import U, is_never_name

AGENCY_FIELD = re.compile(
    r"(?i:\bemploying[ ](?:agency|establishment|office|facility))[ \t]*:[ \t]*"
    rf"(?:(?P<parent>{ORG}),[ ])?(?P<value>{ORG})")
# A header line whose first column is the employer, another column after a wide gap.
TABLE_HEAD = re.compile(r"(?im)^[ \t]*(?:employer|company|employer[ ]name)[ \t]{2,}\S.*$")
# A row's first cell: the employer, perhaps after a note in parentheses, up to a wide gap or a
# comma ("Rio Puerco VAMC, SPS", "(Part-time 2006-2010) Corrales Growers' Market Co-op, ...").
TABLE_ROW = re.compile(rf"[ \t]*(?:\([^()\n]{{0,30}}\)[ \t]*)?(?P<value>{ORG})(?=[ \t]{{2}}|,|$)",
                       re.MULTILINE)
# After an employer: its years in parentheses, a comma, perhaps "then" or "and", the next one;
# or its years in words and "then at" the next ("at A from 1990 to 1998, then at B").
NEXT_IN_LIST = re.compile(
    r"(?:\s*\([^()\n]{0,40}\b(?:19|20)\d{2}\b[^()\n]{0,40}\),\s+(?:(?:then|and|later)\s+)?"
    r"|[ ](?:from|in|since|until)[ ][^,;.\n()]{0,30}\b(?:19|20)\d{2}\b[^,;.\n()]{0,20},?\s+"
    r"(?:and\s+)?(?:then|later)\s+(?:at|for|with)\s+)"
    rf"(?:the\s+)?(?P<value>{ORG})")


def _ok(org: str) -> bool:
    words = org.split()
    return bool(re.match(U, org)) and not kept(org) and not all(is_never_name(w) for w in words)


def listed_employers(text: str, found: list[Span]) -> tuple[list[Span], set[str]]:
    """Employers of agency fields, employment tables and work histories in prose; ``found`` are
    the employers found already, whose lists are followed."""
    spans: list[Span] = []
    for match in AGENCY_FIELD.finditer(text):
        group = "value" if match.group("parent") and kept(match.group("parent")) else (
            "parent" if match.group("parent") else "value")
        if _ok(match.group(group)):
            spans.append(Span(match.start(group), match.end(group), PhiKind.employer, 5))
    for head in TABLE_HEAD.finditer(text):
        at = head.end() + 1
        while at < len(text):
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            line = text[at:line_end]
            if not line.strip() or not line[:1].isspace():
                break  # a blank line or a heading ends the table
            row = TABLE_ROW.match(text, at, line_end)
            if row and _ok(row.group("value")):
                spans.append(Span(row.start("value"), row.end("value"), PhiKind.employer, 4))
            at = line_end + 1
    queue = [s for s in found + spans if s.kind is PhiKind.employer]
    while queue:
        span = queue.pop()
        nxt = NEXT_IN_LIST.match(text, span.end)
        if nxt and _ok(nxt.group("value")):
            new = Span(nxt.start("value"), nxt.end("value"), PhiKind.employer, 4)
            spans.append(new)
            queue.append(new)
    learned: set[str] = set()
    for span in spans:
        learned |= _org_variants(span.text(text))
    return spans, learned
