"""Diagnoses written with their ICD-10-CM code, in the ways records write them: the code first
(``M54.16 Radiculopathy, lumbar region``, ``M47.816 (spondylosis, lumbosacral)``), the words
first with the code after them (``lumbar radiculopathy (M54.16)``, ``lumbar strain (S39.012A,
M54.16)``, ``1. Lumbar radiculopathy, right L5. M54.16``), or a table row whose last column is
the code (``Lumbar radiculopathy, L    06/2024    Active    M54.16``). A code with no words of
its own gives no diagnosis (a billing line's ``ICD-10: M54.17, R20.2``, the second code of a
list): the words are what a reader needs."""

from __future__ import annotations

import re

from drafting.case import Diagnosis
from drafting.intake.extract.anatomy import laterality, levels

_CODE = r"[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}"
ICD_CODE = re.compile(rf"(?<![\w.-]){_CODE}(?![\w.-])")
# A bracket holding only codes: "(M54.16)", "[M54.16]", "(ICD-10 M54.16)", "(S39.012A, M54.16)".
_BRACKETED = re.compile(rf"[(\[](?:ICD-?1[0O](?:-CM)?:?\s*)?{_CODE}(?:\s*,\s*{_CODE})*[)\]]")
# What splits a line into its fields: a column gap, a tab, a label's colon, a semicolon, a
# table's bar, a sentence's end.
_FIELD = re.compile(r"\s{2,}|\t|:\s*|;\s*|\s\|\s|\.\s+")
# A field that is a label or a billing field, not a diagnosis: "ICD-10", "Dx", "Active",
# "Primary", a CPT line ("CPT 64483, 64484", "64635 x1").
_NOT_WORDS = re.compile(
    r"^(?:icd-?1[0o](?:-cm)?|icd|dx|diagnos[ie]s(?:\(es\))?|codes?|primary|secondary|active|"
    r"inactive|resolved|chronic|acute|status|onset)\b\W*$|\bcpt\b|\bhcpcs\b|\bmodifiers?\b|"
    r"\bunits?\b|(?<!\d)\d{5}(?!\d)",
    re.IGNORECASE)
_LEAD = re.compile(r"^(?:\d{1,2}[.)]\s*|[-*\u2022]\s*|(?:and|or|with|of|dx)\b\s*)+",
                   re.IGNORECASE)
_MOST_WORDS = 16


def _usable(words: str) -> str:
    words = _LEAD.sub("", words.strip(" \t,-")).strip().rstrip(".;,").strip()
    if (_NOT_WORDS.search(words) or ICD_CODE.search(words)
            or not re.search(r"[A-Za-z]{4}", words) or len(words.split()) > _MOST_WORDS):
        return ""
    return words


def _words_before(line: str, at: int) -> str:
    """The diagnosis written before position ``at``: the nearest field that reads as one,
    past labels and a table's date and status columns; none after another code (a list)."""
    before = line[:at].rstrip(" ,")
    # ("include(s)": "Diagnoses include lumbar radiculopathy (M54.16) and ...")
    before = re.split(rf"\binclud(?:e[sd]?|ing)\s|{_CODE}[)\]]\s*,?\s*(?:and\s+)?", before)[-1]
    for field in reversed(_FIELD.split(before)):
        if words := _usable(field):
            return words
        if re.search(r"[A-Za-z]{4}", field) and not _NOT_WORDS.search(field.strip()):
            return ""  # words that are not a diagnosis: stop, never reach further back
    return ""


def _words_after(line: str, end: int) -> str:
    """The diagnosis written after a code ending at ``end``: up to the next code or field."""
    after = line[end:]
    if bracket := re.match(r"\s*[(\[]([^)\]\n]{3,150})[)\]]", after):
        return _usable(bracket.group(1))
    after = re.sub(r"^[\s:,-]*", "", after)
    if not re.match(r"[A-Za-z]", after):
        return ""
    return _usable(re.split(rf"\s{{2,}}|\t|;|\s\|\s|(?<![\w.-]){_CODE}", after, maxsplit=1)[0]
                   .removesuffix(" ,"))


def _code_leads_its_field(line: str, start: int) -> bool:
    field = _FIELD.split(line[:start])[-1]
    return not field.strip() or bool(_NOT_WORDS.search(field.strip()))


def diagnoses_in(text: str) -> list[Diagnosis]:
    found: dict[str, Diagnosis] = {}
    for line in text.splitlines():
        groups = [(m.start(), m.end()) for m in _BRACKETED.finditer(line)]
        for match in ICD_CODE.finditer(line):
            # (an OCR'd letter O after the first two characters is a zero: no ICD-10-CM code
            # uses the letter O there)
            code = match.group(0)[:2] + match.group(0)[2:].replace("O", "0")
            group = next((g for g in groups if g[0] <= match.start() < g[1]), None)
            if re.search(rf"{_CODE}\)?\s*,\s*$", line[:match.start()]):
                words = ""  # the second code of a list ("M54.81, G44.209 (for billing)")
            elif group is not None:
                first = ICD_CODE.search(line, group[0])
                words = _words_before(line, group[0]) if first and first.start() == \
                    match.start() else ""
            elif line[:match.start()].count("(") > line[:match.start()].count(")"):
                words = ""  # inside brackets that hold more than codes ("(S32.010A vs old)")
            elif _code_leads_its_field(line, match.start()):
                words = _words_after(line, match.end()) or _words_before(line, match.start())
            else:
                words = _words_before(line, match.start()) or _words_after(line, match.end())
            if code not in found and words:
                found[code] = Diagnosis(code=code, text=words, laterality=laterality(words),
                                        levels=levels(words))
    return list(found.values())
