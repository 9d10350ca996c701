"""Diagnoses written with their ICD-10-CM code (``M54.16 Radiculopathy, lumbar region``)."""

from __future__ import annotations

import re

from drafting.case import Diagnosis
from drafting.intake.extract.anatomy import laterality, levels

ICD_CODE = re.compile(r"(?<![\w.-])[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}(?![\w.-])")
_ICD = re.compile(r"(?<![\w.-])(?P<code>[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})(?![\w.-])"
                  r"[\s:,-]*(?P<text>[A-Za-z][^\n]{2,150})?")


def diagnoses_in(text: str) -> list[Diagnosis]:
    found: dict[str, Diagnosis] = {}
    for match in _ICD.finditer(text):
        code, words = match.group("code"), (match.group("text") or "").strip().rstrip(".;")
        if code in found or not words:
            continue
        found[code] = Diagnosis(code=code, text=words, laterality=laterality(words),
                                levels=levels(words))
    return list(found.values())
