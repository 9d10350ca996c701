"""Identifier numbers written in groups, which the one-token values of ``numbers.py`` cut short
or miss: a member, claim or card number printed as on the card, its digits in groups of two to
eight with spaces or hyphens between, a short prefix of capitals before them (spelled out letter
by letter too) and a check letter or digit after them ("member FRS 8841 2207 A", "EDIPI 1402 886
315", "DoD ID is 1428 5530 67", "AHCCCS ID: A 8812 0457 3", "clm 0447 81 2290 A", "Patient no.:
DLT 55021 7").

A JSON record's own identifiers too: the value of an "id" or "...Id" key or of a "reference"
(its part after the resource type), five digits in a row at least ("id": "pt-44718206",
"reference": "Patient/pt-44718206"): a FHIR resource's logical id is made from the record's.

Two forms: after a label (a word of identity or number: member, claim, policy, ID, No., #, an
acronym and "ID"), six digits at least; and without a label, a prefix of two to four capitals
and three groups or more, eight digits at least ("Great Lakes Health Plan GLH 884 120 337"),
never after the name of a code set (CPT, ICD, NDC: codes listed in a row are public)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import find_dates
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits
from drafting.deid.words import is_word

# a prefix of capitals, or of capitals spelled with hyphens ("F-R-S"), then the digit groups and
# a check character after them
_PREFIX = r"(?:[A-Z](?:-[A-Z]){1,3}|[A-Z]{1,4})"
# (after a label a slash joins groups too: a court's index number and year, "718244/2025")
_GROUPS = r"\d{1,8}(?:(?:[ -]|/(?=\d{4}\b))\d{1,8}){1,4}"
_CHECK = r"(?:[ -][A-Z](?![\w'’-]))?"
_VALUE = rf"(?:{_PREFIX}[ -]?)?{_GROUPS}{_CHECK}"
# Words that say what a number is: an identity, a member, a claim, a card, a policy; "No.",
# "Number", "#"; an acronym before "ID" ("EDIPI", "DoD ID", "AHCCCS ID").
_LABEL = (r"(?i:member|subscriber|beneficiary|enrollee|policy|pol\.|claim|clm|"
          r"account|acct\.?|case|card|plan|patient|edipi|index|pol|summons|citation|ticket|"
          r"docket|file|report|certificate|registration|voucher|receipt|confirmation|invoice|"
          r"(?:[A-Za-z]{2,8}[ ])?(?:id|no\.|number)|(?:[A-Za-z]{2,8}[ ]?)?#)")
LABELLED_GROUPS = re.compile(
    rf"(?<![\w-])(?P<label>{_LABEL})(?:[ ](?:is|was|of|number)){{0,2}}[ \t]*[:#]?[ \t]*#?"
    r"(?:[ \t]*\n)?[ \t]*"
    rf"(?P<value>{_VALUE})(?![\w-])")
BARE_GROUPS = re.compile(
    rf"(?<![\w-])(?P<value>(?P<prefix>{_PREFIX})[ -]\d{{2,8}}(?:[ -]\d{{1,8}}){{1,4}}{_CHECK})"
    r"(?![\w-])")
# Code sets and measures whose numbers stand in rows: no one's identifier.
_CODE_SET = re.compile(r"(?i)^(?:cpt|icd|hcpcs|ndc|drg|lcd|ncd|rev|rvu|zip|dsm|loinc|snomed|"
                       r"bp|hr|rr|rom|mmt|vas|nrs|odi|ndi|fev|fvc|page|pg|room|rm|suite|ste|apt|"
                       r"unit|phone|fax|tel|lot|model|part|cat|omb|form|version|ver|vol)$")
# A phone number is a contact (``contacts.py``), not a card's number.
_PHONE = re.compile(r"(?:1[ -])?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}|\d{3}[ -]\d{4}")


def _grouped(value: str) -> bool:
    return bool(re.search(r"\d[ /-]+\d", value))


# A docket's or a hearing office's code after "No." or "#": letters and digits in three hyphened
# parts or more, four digits at least ("No. 25A-AHC-0417-SSH").
NUMBERED_CODE = re.compile(r"(?<![\w-])(?:No\.|NO\.|Number|#)[ \t]*:?[ \t]*"
                           r"(?P<value>(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+){2,})(?![\w-])")


def _plain_number(text: str, start: int, value: str) -> bool:
    """Not a phone number, nor a date or a time in it ("signed: ... MD 2024-03-13 14:20")."""
    bare = re.sub(r"^[A-Z-]+[ -]?", "", value)
    return not (_PHONE.fullmatch(bare) or any(True for _ in find_dates(value))
                or text[start + len(value):start + len(value) + 1] == ":")


# A last group of one character ends the number only where the field or the sentence ends
# ("A 8812 0457 3" closing its line, not "ID 44718206 2 visits").
_CLOSES = re.compile(r"[ \t]*(?:$|[\n.,;:)|]|[ ]{2})")


def _value(text: str, start: int, value: str) -> tuple[int, str]:
    """Where the number starts and what it is: without a form's name before it ("no. UD-10
    25-004871": the report "UD-10"), and without a last character the field does not close."""
    if form := re.match(r"[A-Z]{1,4}-\d{1,4}[ ](?=\d)", value):
        start, value = start + form.end(), value[form.end():]
    if re.search(r"[ -][A-Z0-9]$", value) and not _CLOSES.match(text, start + len(value)):
        value = value[:-2]
    return start, value


JSON_ID = re.compile(r'"(?:id|[A-Za-z]+Id|reference)"[ \t]*:[ \t]*"(?:[A-Z][A-Za-z]+/)?'
                     r'(?P<value>[^"\n/]*\d{5}[^"\n/]*)"')


def grouped_ids(text: str) -> Iterator[Span]:
    if '":' in text or '" :' in text:
        for match in JSON_ID.finditer(text):
            yield Span(match.start("value"), match.end("value"), PhiKind.id, 4)
    for match in LABELLED_GROUPS.finditer(text):
        start, value = _value(text, match.start("value"), match.group("value"))
        label = match.group("label").split()
        if digits(value) < 6 or not _grouped(value) or not _plain_number(text, start, value) \
                or _CODE_SET.match(label[0].rstrip(".#")):
            continue
        yield Span(start, start + len(value), PhiKind.member_id, 5)
    for match in NUMBERED_CODE.finditer(text):
        if digits(match.group("value")) >= 4 and not any(True for _ in find_dates(
                match.group("value"))):
            yield Span(match.start("value"), match.end("value"), PhiKind.id, 4)
    for match in BARE_GROUPS.finditer(text):
        start, value = _value(text, match.start("value"), match.group("value"))
        # (three groups joined by hyphens after capitals cite a rule: "WAC 296-20-01002"; two
        # are an agency's case: "OWCP 08-291447")
        if digits(value) < 8 or not (re.search(r"\d[ ]\d", value) or value.count("-") == 1) \
                or not _plain_number(text, start, value) \
                or _CODE_SET.match(prefix := match.group("prefix").replace("-", "")) \
                or (len(prefix) >= 3 and is_word(prefix)):  # "CERTIFIED MAIL 9589 0710 ..."
            continue
        yield Span(start, start + len(value), PhiKind.member_id, 4)
