"""Identifiers in tables whose header row says what each column holds.

Two forms: a delimited export (CSV, tab-, pipe- or semicolon-separated; a header row of short
headings, then at least two rows of as many cells, quoted cells allowed), and a fixed-width
listing (a header of capitalised headings apart by two spaces or more, each row's cell starting
under its heading, as a log or a report prints them). A cell is redacted for what its column's
heading says: a name, a payee or an agent; an SSN or TIN; an address; a phone (an ANI: the
calling number), an e-mail; an account, check or EFT number; a date or a time stamp. A cell the
prose recognisers read anyway is read again here; a date a column holds is left to the date
shift where the shift finds it whole, and what follows it (the time of a stamp) is replaced.
Headings like "type", "code", "amount" or "notes" redact nothing (notes are prose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import find_dates, find_partial_dates, month_years
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

_NOT = {"type", "code", "codes", "count", "qty", "amount", "amt", "status", "role", "class",
        "category", "specialty", "dx", "desc", "description", "notes", "note", "memo", "comment",
        "comments", "dir", "direction", "seq", "queue", "units", "billed", "allowed", "paid",
        "rate", "total", "kind", "method", "mode", "reason", "result", "sex", "gender",
        # a thing's name, not a person's: "Drug Name", "Facility Name", "Test Name"
        "drug", "drugs", "medication", "medications", "med", "meds", "product", "test", "tests",
        "procedure", "facility", "plan", "payer", "insurance", "carrier", "device", "item",
        "service", "lab", "study", "exam", "diagnosis", "file", "document", "form", "program",
        "location", "site", "department", "clinic", "hospital", "pharmacy", "vendor"}
_SSN = {"ssn", "tin", "ein", "taxid", "social"}
_EMAIL = {"email", "mail"}
_PHONE = {"phone", "tel", "telephone", "fax", "mobile", "cell", "ani", "callback", "dnis"}
_ADDRESS = {"addr", "address", "street", "residence", "city", "town", "zip", "zipcode",
            "postal", "postcode", "county"}
_EMPLOYER = {"employer", "company"}
_BIRTH = {"dob", "birth", "birthdate", "born"}
# (not "time" alone: a vitals table's times are times of care, which stay)
_DATE = {"date", "dates", "dt", "dos", "timestamp", "from", "thru", "through", "issued",
         "created", "modified", "updated", "received", "sent", "datetime"}
_ACCOUNT = {"acct", "account", "chk", "check", "cheque", "eft", "iban", "routing", "mrn",
            "policy", "claim", "license", "licence", "npi", "dea", "serial", "ticket"}
_NUMBER = {"id", "no", "number", "num", "nbr"}
_PERSON = {"name", "patient", "claimant", "payee", "employee", "member", "subscriber", "insured",
           "guarantor", "agent", "user", "username", "login", "operator", "clinician",
           "physician", "provider", "doctor", "nurse", "author", "signer", "clerk", "adjuster",
           "examiner", "contact", "spouse", "party", "caller", "staff", "rep", "recipient",
           "prescriber", "surgeon", "therapist", "attending", "pharmacist", "interpreter",
           "witness", "guardian", "caregiver", "relative", "kin", "rph", "tech", "initials"}


def heading_words(heading: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", heading)
    return set(re.findall(r"[a-z]+", spaced.lower()))


def column_kinds(heading: str) -> list[PhiKind]:
    """What a column's cells are, by its heading; several when the heading names several
    (``ANI / PARTY``: a number or a party), the cell's shape chooses."""
    words = heading_words(heading)
    if not words or words & _NOT:
        return []
    kinds = []
    if words & _SSN:
        kinds.append(PhiKind.ssn)
    if words & _EMAIL:
        kinds.append(PhiKind.email)
    if words & _PHONE:
        kinds.append(PhiKind.phone)
    if words & _ADDRESS:
        kinds.append(PhiKind.address)
    if words & _BIRTH:
        kinds.append(PhiKind.dob)
    elif words & _DATE:
        kinds.append(PhiKind.date)
    if words & _EMPLOYER:
        kinds.append(PhiKind.employer)
    if words & _ACCOUNT or (words & _NUMBER and words & _PERSON):
        kinds.append(PhiKind.id)
    elif words & _PERSON:
        kinds.append(PhiKind.name)
    return kinds


# a date or a date-time written with numbers ("2025-03-17 08:40", "01 12 26", "3/4 9:02a")
_DATE_CELL = re.compile(r"\d[\d /.:,@T+-]*(?:[ ]?[AaPp]\.?[Mm]?\.?)?(?:[ ]?[A-Z]{3})?")


# a person in a name column: two words or more, one with a capital ("Doe, Jane", "JANE Q DOE"),
# or a user name ("jdoe", "k.smith04"); not one word ("Cash", "Self", "N/A")
_NAME_CELL = re.compile(r"[a-z][a-z0-9._-]{3,}|(?=.*[A-Z])\S+(?:,?[ ]+\S+)+")


def _cell_kind(kinds: list[PhiKind], cell: str) -> PhiKind | None:
    digits = sum(c.isdigit() for c in cell)
    for kind in kinds:
        if (kind is PhiKind.phone and digits >= 7) or (kind is PhiKind.email and "@" in cell):
            return kind
        if kind in (PhiKind.ssn, PhiKind.id) and digits >= 4:
            return kind
        if kind in (PhiKind.date, PhiKind.dob) and _DATE_CELL.fullmatch(cell) and (
                re.search(r"\d[/.:-]\d", cell) or digits >= 6):
            return kind
        if kind is PhiKind.address and (re.search(r"[A-Za-z]{2}", cell) or digits >= 5):
            return kind
        if kind is PhiKind.employer and re.search(r"[A-Za-z]{2}", cell) and digits <= 4:
            return kind
        if kind is PhiKind.name and _NAME_CELL.fullmatch(cell) and digits <= 4:
            return kind
    return None


def _outside(cell: str, found: list[tuple[int, int]]) -> str:
    return "".join(c for i, c in enumerate(cell) if not any(a <= i < b for a, b in found))


def _cell_spans(text: str, start: int, end: int, kinds: list[PhiKind]) -> Iterator[Span]:
    cell = text[start:end]
    kind = _cell_kind(kinds, cell)
    if kind is None:
        return
    if kind in (PhiKind.date, PhiKind.dob):
        found = [(f.start, f.end) for f in find_dates(cell)]
        found += [(p.start, p.end) for p in find_partial_dates(cell)]
        found += [(a, b) for a, b, _ in month_years(cell, 30)]
        if found and all(c in " -–" for c in _outside(cell, found)):
            return  # dates the shift moves, and a dash between ("06/1985-03/1993")
        first = min(found, default=None)
        if first is not None and first[0] == 0:  # the shift moves the date: the rest goes
            rest = cell[max(b for _, b in found):]
            if rest.strip(" ,@T"):
                lead = len(rest) - len(rest.lstrip(" ,@"))
                yield Span(end - len(rest) + lead, end, PhiKind.date, 4)
            return
    yield Span(start, end, kind, 4)


# ---- delimited exports ----

# a heading: up to four short words, no number in it (a value is not a heading)
_HEADING = re.compile(r"(?=.{1,32}$)[A-Za-z][A-Za-z_./#()&-]*\d?"
                      r"(?:[ ][A-Za-z(][A-Za-z_./#()&-]*\d?){0,3}")


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def _cells(line: str, sep: str) -> list[tuple[int, int]]:
    """Where each cell's content stands in ``line`` (quotes and padding left out; a Markdown
    table's outer pipes open and close the row, no cell)."""
    cells = _split(line, sep)
    if sep == "|" and len(cells) > 2 and line.strip().startswith("|") \
            and line.strip().endswith("|"):
        cells = cells[1:-1]
    return cells


def _split(line: str, sep: str) -> list[tuple[int, int]]:
    out, start, quoted = [], 0, False
    for i, char in enumerate(line + sep):
        if char == '"':
            quoted = not quoted
        elif (char == sep and not quoted) or i == len(line):
            a, b = start, i
            while a < b and line[a] in ' \t"':
                a += 1
            while b > a and line[b - 1] in ' \t"\r':
                b -= 1
            out.append((a, b))
            start = i + 1
            if i == len(line):
                break
    return out


def delimited_spans(text: str) -> Iterator[Span]:
    lines = _lines(text)
    i = 0
    while i < len(lines):
        line = lines[i][1]
        sep = next((s for s in (",", "\t", "|", ";") if line.count(s) >= 2), None)
        if sep is None:
            i += 1
            continue
        head = _cells(line, sep)
        if sep in ",;" and sep + " " in line:  # an export's header is written "a,b,c"
            i += 1
            continue
        if not all(_HEADING.fullmatch(line[a:b]) for a, b in head):
            i += 1
            continue
        rows = []
        j = i + 1
        while j < len(lines) and len(_cells(lines[j][1], sep)) == len(head) \
                and lines[j][1].strip():
            rows.append(lines[j])
            j += 1
        if len(rows) < 2:
            i += 1
            continue
        kinds = [column_kinds(line[a:b]) for a, b in head]
        for row_at, row in rows:
            for (a, b), column in zip(_cells(row, sep), kinds, strict=True):
                if column and b > a:
                    yield from _cell_spans(text, row_at + a, row_at + b, column)
        i = j


# ---- fixed-width listings ----

# a capitalised heading, no number in it (a form's "POLICY NUMBER GPA 44-118" is a label and
# its value, not a heading)
_CAPS_HEADING = re.compile(r"[A-Z][A-Z/#&().-]*\d?(?:[ ](?:[A-Z(/#&][A-Z/#&().-]*\d?))*")


# or a heading in title case, up to three words ("Date/Time", "Caller ID")
_TITLE_HEADING = re.compile(r"[A-Z][A-Za-z/#&()-]*(?:[ ][A-Z(/#&][A-Za-z/#&()-]*){0,2}")


def _fixed_header(line: str) -> list[tuple[int, str]] | None:
    heading = _TITLE_HEADING if re.search(r"[a-z]", line) else _CAPS_HEADING
    heads = [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?:[ ]\S+)*", line)]
    if len(heads) < 3 or not all(heading.fullmatch(h) for _, h in heads):
        return None
    if not any(column_kinds(h) for _, h in heads):
        return None
    return heads


def _aligned(heads: list[tuple[int, str]], row: str) -> bool:
    """Whether most runs of the first row start under a heading (a table, not a form's line)."""
    runs = [m.start() for m in re.finditer(r"\S+(?:[ ]\S+)*", row)]
    under = sum(any(abs(run - col) <= 2 for col, _ in heads) for run in runs)
    return len(runs) >= 2 and 2 * under >= len(runs)


def fixed_width_spans(text: str) -> Iterator[Span]:
    """Cells of a listing under a header of capitalised headings: a row's runs of text apart by
    two spaces or more, each under the heading that starts nearest to it (a value wider than
    its column pushes the rest of the row right)."""
    lines = _lines(text)
    for i, (_, line) in enumerate(lines):
        heads = _fixed_header(line)
        if heads is None:
            continue
        kinds = [column_kinds(h) for _, h in heads]
        if not _aligned(heads, lines[i + 1][1] if i + 1 < len(lines) else ""):
            continue
        for row_at, row in lines[i + 1:]:
            if not row.strip():
                break
            for chunk in re.finditer(r"\S+(?:[ ]\S+)*", row):
                column = min(range(len(heads)), key=lambda c: abs(heads[c][0] - chunk.start()))
                if kinds[column]:
                    yield from _cell_spans(text, row_at + chunk.start(), row_at + chunk.end(),
                                           kinds[column])


# a key=value pair of an export's comment or a query ("claimant=DOE JOHN Q; ssn=...")
_KEYED = re.compile(r"(?<![\w.&?/=])(?P<k>[A-Za-z][A-Za-z_]{1,30})=(?P<v>[^;&=<>\"\n]*?)"
                    r"[ \t]*(?=[;\n]|$)", re.MULTILINE)


def keyed_spans(text: str) -> Iterator[Span]:
    """Values of key=value pairs (apart by semicolons or lines) by what their key says."""
    for pair in _KEYED.finditer(text):
        kinds = column_kinds(pair.group("k"))
        if kinds and pair.group("v").strip():
            yield from _cell_spans(text, pair.start("v"), pair.end("v"), kinds)


def table_spans(text: str) -> Iterator[Span]:
    yield from delimited_spans(text)
    yield from fixed_width_spans(text)
    if "=" in text:
        yield from keyed_spans(text)


def table_values(text: str) -> dict[str, PhiKind]:
    """User names a table's name column holds (``rsavoie``): found again wherever they stand."""
    out = {}
    for span in fixed_width_spans(text):
        value = span.text(text)
        if span.kind is PhiKind.name and re.fullmatch(r"[a-z][a-z0-9._-]{3,}", value):
            out[value] = PhiKind.name
    return out
