"""How far an identifier number found reaches (round E of #22): what a record writes as part of
the number is replaced with it.

- A prefix of capitals just before a record number, a policy, an account, a licence or a
  serial, which the issuer prints as part of it (``LOT 8841-72C``, ``BWC-POL 1004417-0``,
  ``EFT 8830041127``, ``OH TZ449107``, ``ACCT 10-22874``); not a label that only names the
  kind of number (``MRN``, ``NPI``, ``DEA``, ``SSN``, ``ID``).
- Masked digits before an account number and a check digit after it (``xxxxxx4471-2``,
  ``****8830``).
- A code of capitals and digit groups that carries its issuer's letters (``NWP 201-8847``,
  ``IW 8830-2219``, ``LRH25-3310``): six digits or more in two hyphenated groups; not a rule's
  citation (``OAC 4731-11-13``), a form, a spinal level or a standard's year.
- A code whose letter prefix another code of the same record has (``unit MF-212`` where
  ``Employee no. MF-004418`` was found): the record's issuer numbers both.
- A licence number written with a dot after its label (``Ohio license 35.099214``, ``HME license
  HME.0300118``); an SSN whose digits a scan read as letters (``9OO-22-5180``); a claim or a
  policy number in brackets after its word (``prior lumbar claim (11-804417)``); a year of
  birth after its label (``DOB 1933``).
- An age over 89 just after a name in brackets (``(Bùi Thị Hoa, 92)``). (A phone's relay
  number after it, "TTY 711", is the national relay service's and stays.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits

_CODE_KINDS = frozenset({PhiKind.id, PhiKind.mrn, PhiKind.member_id, PhiKind.license,
                         PhiKind.device})
# labels that name the kind of number, not its issuer: they stay
_LABELS = frozenset("""
MRN MR SSN SS DOB NPI DEA TIN EIN FEIN ID DL CDL NO NUM ZIP DOS DOI FAX TEL PH PTAN NDC UPIN CPT
ICD HCPCS CLAIM POLICY ACCT# RX# VIN VIN# TAX REF
""".split())
PREFIX = re.compile(r"(?<![\w/-])(?P<prefix>[A-Z]{2,6}(?:-[A-Z]{2,6})?)[ ]$")
MASK_BEFORE = re.compile(r"(?<![\w])[xX*•]{3,}$")
CHECK_AFTER = re.compile(r"-\d{1,2}(?![\w-])")
# a rule's citation, a form, a standard: no record number
_NOT_ISSUER = re.compile(r"(?:OAC|ORC|WAC|RCW|CCR|CFR|USC|ARS|NRS|ORS|RSA|MCL|ICD|CPT|DSM|ISO|"
                         r"ASTM|ANSI|AMA|CMS|HCFA|OWCP|DWC|FORM|UB|SF|IRS|OSHA|DOL|C|T|L|S)")
ISSUER_CODE = re.compile(r"(?<![\w/.-])(?P<prefix>[A-Z]{2,5})(?P<gap>[ ]|(?=\d))"
                         r"(?P<number>\d{2,6}-\d{3,7})(?![\w-]|\.\d)")
PREFIXED = re.compile(r"(?<![\w/.-])(?P<prefix>[A-Z]{2,5}-)(?P<number>\d{2,8})(?![\w-]|\.\d)")


LICENCE_DOTTED = re.compile(
    r"(?i:\blicen[cs]e)(?:[ ](?i:no\.?|number|#))?[ ]?[:#]?[ ]?"
    r"(?P<value>(?:[A-Z]{1,5}\.)?\d{1,5}\.\d{4,9}|[A-Z]{2,5}\.\d{5,9})(?![\w]|\.\d)")
SSN_MISREAD = re.compile(r"(?<![\w-])(?=[\dOolI-]*[OolI])[\dOolI]{3}-[\dOolI]{2}-[\dOolI]{4}"
                         r"(?![\w-])")
NUMBER_IN_BRACKETS = re.compile(
    r"(?i:\b(?:claim|policy|case|account|acct|file|ref(?:erence)?|member|subscriber)\b)"
    r"[ ]\((?P<value>\d{2,}-\d{3,}(?:-\d+)?)\)")
DOB_YEAR = re.compile(r"(?i:\bDOB|\bD\.O\.B\.|\bbirth[ ]year|\byear[ ]of[ ]birth)[ ]?:?[ ]"
                      r"(?P<value>(?:18|19|20)\d\d)(?![\w/-])")
AGE_AFTER_NAME = re.compile(r",[ ](?P<value>9\d|1[01]\d)(?=\))")


def more_codes(text: str) -> Iterator[Span]:
    for match in LICENCE_DOTTED.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.license, 5)
    for match in SSN_MISREAD.finditer(text):
        if digits(match.group(0)) >= 6:
            yield Span(match.start(), match.end(), PhiKind.ssn, 5)
    for match in NUMBER_IN_BRACKETS.finditer(text):
        if digits(match.group("value")) >= 6:
            yield Span(match.start("value"), match.end("value"), PhiKind.member_id, 4)
    for match in DOB_YEAR.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.dob, 5)


def beside(text: str, spans: list[Span]) -> Iterator[Span]:
    """An age after a name in brackets."""
    for span in spans:
        if span.kind is PhiKind.name and (age := AGE_AFTER_NAME.match(text, span.end)) \
                and text[:span.start].rstrip().endswith("("):
            yield Span(age.start("value"), age.end("value"), PhiKind.age, 5)


def issuer_codes(text: str, spans: list[Span]) -> Iterator[Span]:
    for match in ISSUER_CODE.finditer(text):
        head, tail = match.group("number").split("-")
        if _NOT_ISSUER.fullmatch(match.group("prefix")) or digits(match.group("number")) < 6 \
                or (re.fullmatch(r"(?:19|20)\d\d", tail) and len(head) <= 3):
            continue  # a citation, a form; a month and year ("JUN 14-2025")
        yield Span(match.start(), match.end(), PhiKind.id, 3)
    prefixes = {found.group(1) for s in spans if s.kind in _CODE_KINDS
                and (found := re.match(r"([A-Z]{2,5}-)\d{4,}", s.text(text)))}
    for match in PREFIXED.finditer(text):
        if match.group("prefix") in prefixes:
            yield Span(match.start(), match.end(), PhiKind.id, 3)


def widen_codes(spans: list[Span], text: str) -> list[Span]:
    """Each code span widened over its issuer's prefix, a mask before and a check digit after."""
    out = []
    for span in spans:
        if span.kind in _CODE_KINDS and any(c.isdigit() for c in span.text(text)):
            start, end = span.start, span.end
            before = text[max(0, start - 12):start]
            if text[start].isalnum() and (prefix := PREFIX.search(before)) and \
                    prefix.group("prefix").rstrip("#") not in _LABELS:
                start -= len(prefix.group(0))
            elif mask := MASK_BEFORE.search(before):
                start -= len(mask.group(0))
                if check := CHECK_AFTER.match(text, end):
                    end = check.end()
            span = Span(start, end, span.kind, span.priority)
        out.append(span)
    return out
