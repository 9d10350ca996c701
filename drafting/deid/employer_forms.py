"""Employers in forms the patterns of ``organisations.py`` leave, each told by a cue and a shape:

- a form's label that lists several fields before its colon, the employer first ("Employer
  Name, Address, I.D. No.:  BAYOU MARINE FAB");
- the firm beside an employer's contact person: in brackets after the name, a role before it or
  a phone after it ("employer contact Dee Finn (kitchen manager, Amphi Nutrition Services)",
  "employer HR, Bo Ames (Queens Home Care, 718-555-0124)", "employer contact Deb Scholt,
  office mgr, Lakeshore Family Dental (616-555-0160)");
- a firm in lower case after a word of work, its last word one that ends a firm's name ("the
  2 shifts at frontier bagel");
- a job held at a firm, told with a copula and an article ("she was a dental hygienist at
  Lakeshore Family Dental", "he is an apprentice with Brandt Mechanical"), not a patient, a
  resident or a visitor of the place.

The short form of an employer found anywhere (its first word, in no dictionary: "Kessler" of
"Kessler Dairy Cooperative") is learned in ``organisations._org_variants``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _is_stop
from drafting.deid.organisations import _WORK, ORG, _org_variants, _vocabulary, kept
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import is_clinical_word, is_never_name

FIELD_LIST = re.compile(
    r"(?<![A-Za-z])(?i:employer(?:[ ]name)?)(?:,[ ][A-Za-z][A-Za-z. /]{0,20}){1,3}[ \t]*:[ \t]*"
    rf"(?P<value>{ORG})(?=[ \t]*(?:[/;,(|]|$)|[ ]{{2}})", re.MULTILINE)
_PERSON = r"[A-Z][a-z'’-]+(?:[ ][A-Z]\.)?(?:[ ][A-Z][a-z'’-]+){0,2}"
CONTACT = re.compile(
    r"\b(?i:employer)(?:['’]s)?(?:[ ](?:contact|HR|rep|representative|supervisor|manager))?,?"
    rf"\s{_PERSON}(?:[ ]\(|,[ ])(?:[a-z][a-z. ]{{2,30}},[ ])?(?P<value>{ORG})"
    r"(?=[ ]?\(|,\s|\))")
# (not a patient of the place, nor a clinician of the practice that writes: "Dr. Lund is an
# orthopaedic surgeon at Lakeview Orthopedics" names the writer's practice, not an employer)
_NOT_JOB = frozenset("patient patients resident residents visitor visitors guest inpatient "
                     "outpatient member client customer student physician surgeon doctor "
                     "radiologist anesthesiologist physiatrist therapist chiropractor "
                     "psychologist psychiatrist practitioner provider fellow attending "
                     "specialist consultant neurologist neurosurgeon orthopedist".split())
JOB_AT = re.compile(
    r"\b(?i:is|was|has[ ]been|had[ ]been|works[ ]as|worked[ ]as|working[ ]as|employed[ ]as)"
    r"[ ]an?[ ](?P<job>(?:[a-z-]+[ ]){0,2}[a-z-]{3,})[ ](?:at|for|with)[ ](?:the[ ])?"
    rf"(?P<value>{ORG})")


# A firm in lower case, as a message writes it, after a word of work: its last word one that ends
# a firm's name (``organisations.yaml``: "the 2 shifts at frontier bagel", "drives for
# brazos trucking").
LOWER_FIRM = re.compile(
    rf"\b(?i:{_WORK})\b[^.\n;:]{{0,40}}?\b(?:at|for|with)[ ]"
    r"(?P<value>[a-z][a-z'’&-]+(?:[ ][a-z][a-z'’&-]+){1,3})")


def _lower_firm(org: str) -> str | None:
    """The firm of a lower-case run: up to its last word that ends a firm's name."""
    ends = {w.lower() for w in _vocabulary()["suffixes"] if " " not in w}
    words = org.split()
    last = max((i for i, w in enumerate(words) if w in ends), default=0)
    if last == 0 or _is_stop(words[0]) or words[0] in ("a", "an", "my", "his", "her", "their"):
        return None
    return " ".join(words[:last + 1])


def _firm(org: str) -> bool:
    words = org.split()
    return bool(words) and not kept(org) and not is_never_name(words[0]) and not all(
        is_never_name(w) or is_clinical_word(w) for w in words) and not re.search(r"\d", org)


def employer_forms(text: str) -> tuple[list[Span], set[str]]:
    """(spans, employers to find again)."""
    spans = list(_forms(text))
    return spans, {v for span in spans for v in _org_variants(span.text(text))}


def _forms(text: str) -> Iterator[Span]:
    for match in LOWER_FIRM.finditer(text):
        if firm := _lower_firm(match.group("value")):
            yield Span(match.start("value"), match.start("value") + len(firm), PhiKind.employer, 3)
    for pattern in (FIELD_LIST, CONTACT, JOB_AT):
        for match in pattern.finditer(text):
            org = match.group("value").rstrip(" ,.")
            if pattern is JOB_AT and (set(match.group("job").split()) & _NOT_JOB
                                      or len(org.split()) < 2):
                continue
            if _firm(org):
                start = match.start("value")
                yield Span(start, start + len(org), PhiKind.employer, 4)
