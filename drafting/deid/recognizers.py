"""Rule-based recognisers for identifiers in clinical records.

Each recogniser returns spans of text with a kind. Names are found where records label them
(``Patient:``, ``Name:``, ``Electronically signed by:``, signature lines with credentials,
honorifics, relatives named in the history); every name found anywhere in a packet is then
looked for everywhere else (``name_tokens`` feeds ``known_names``), so a surname written alone
in a narrative is caught too. The rest are patterns: labelled dates of birth and numbers, street
addresses, phone numbers, e-mail addresses and social security numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from drafting.deid.dates import DATE_PATTERN
from drafting.deid.phimap import PhiKind


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: PhiKind
    priority: int = 0  # higher wins an overlap; then the longer span

    def text(self, source: str) -> str:
        return source[self.start:self.end]


_WORD = (r"(?:[A-Z][a-z]+(?:[-'][A-Za-z]+)*|Ma?c[A-Z][a-z]+|O'[A-Z][a-z]+|"
         r"[A-Z]{2,}(?:[-'][A-Z]+)*|[A-Z]\.)")
_NAME = rf"{_WORD}(?:(?:[ ]|,[ ]?){_WORD}){{0,3}}"

# Words that end a name captured after a label: the next label, credentials, headings.
STOP_WORDS = frozenset("""
dob d.o.b mrn date dos doi sex age gender phone tel fax cell address addr claim claims member
id ssn insurance insurer employer carrier account acct policy group subscriber provider
physician facility clinic re subject page of report md m.d. do d.o. pt dpt mpt psyd phd ph.d.
rn np fnp pa pa-c dc lcsw mft facs ms mba mph the and visit exam patient name type number no
case ref reference authorization auth ur wcab adj eams medicare medicaid mbi chart record
procedure diagnosis cpt icd history hpi signed electronically dictated reviewed
""".split())
CREDENTIALS = (r"(?:M\.?D|D\.?O|D\.?C|P\.?T|DPT|MPT|OTR|Psy\.?D|Ph\.?D|R\.?N|N\.?P|FNP|PA-C|PA|"
               r"LCSW|MFT|CRNA|FACS|FAAPMR|ABPN|DABR|MS|MBA|MPH)")

_PERSON_LABELS = (
    r"patient(?: name)?|pt(?: name)?|name|injured worker|employee|applicant|claimant|"
    r"employer contact|member(?: name)?|insured|subscriber|guarantor|beneficiary|"
    r"emergency contact|spouse|"
    r"contact|attorney|adjuster|claims adjuster|case manager|nurse case manager|"
    r"(?:primary )?treating physician|ptp|physician|provider|rendering provider|"
    r"referring (?:physician|provider)|ordering (?:physician|provider)|requesting (?:physician|"
    r"provider)|physician reviewer|reviewer|peer reviewer|therapist|radiologist|surgeon|"
    r"psychologist|evaluator|attending|interpreted by|dictated by|transcribed by|signed by|"
    r"electronically signed by|reviewed by|performed by|to|attn|attention|cc|dear"
)
# A label at the start of a field (not "Drug name:" or "Facility name:").
# The label is matched in any case, the name only when capitalised.
LABELLED_NAME = re.compile(
    rf"(?<![A-Za-z] )(?<![A-Za-z])(?i:{_PERSON_LABELS})[ \t]*[:#][ \t]*"
    rf"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx)\.?[ ])?(?P<name>{_NAME})"
)
HONORIFIC = re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx)\.?[ ](?P<name>{_WORD}(?:[ ]{_WORD})?)")
# A relative or a role named just before a name: "her husband, Dale", "our reviewer, Sam Doe".
RELATIVE = re.compile(
    r"\b(?:husband|wife|spouse|son|daughter|mother|father|brother|sister|partner|fianc[eé]e?|"
    r"friend|caregiver|neighbou?r|grandmother|grandfather|aunt|uncle|cousin|roommate|boss|"
    r"supervisor|coworker|co-worker|attorney|lawyer|counsel|adjuster|reviewer|pharmacist|"
    r"therapist|case manager|physician|doctor|surgeon|radiologist|psychologist|nurse)"
    rf"(?:,)?[ ](?:named[ ])?(?P<name>{_WORD}(?:[ ]{_WORD})?)"
)
# A name followed by a credential: signature lines, "notes from Jane Doe, DPT".
SIGNATURE = re.compile(
    rf"(?:^|(?<=[ \t(]))(?:/s/[ \t]*)?(?P<name>{_WORD}(?:[ ]{_WORD}){{1,3}}),?[ ]{CREDENTIALS}\b",
    re.MULTILINE,
)

DOB = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date of birth|birth ?date|born(?: on)?)\s*[:#,-]?\s*"
    r"(?P<value>" + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") + ")",
    re.IGNORECASE,
)
_ID_VALUE = r"(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}[A-Z0-9])"
MRN = re.compile(
    r"\b(?:MRN|medical record (?:number|no\.?|#)|med(?:ical)? rec(?:ord)? #|chart (?:number|no\.?"
    r"|#)|patient id|pt id|account (?:number|no\.?|#)|acct(?:\.| no\.?| #)?)\s*[:#]?\s*#?\s*"
    + _ID_VALUE,
    re.IGNORECASE,
)
MEMBER_ID = re.compile(
    r"\b(?:member (?:id|number|no\.?|#)|subscriber (?:id|number|#)|insurance id|"
    r"policy (?:number|no\.?|#|id)|group (?:number|no\.?|#)|claim (?:number|no\.?|#|id)|"
    r"claim|medicare (?:id|number|beneficiary identifier)|mbi|medicaid (?:id|number)|"
    r"wcab (?:case )?(?:number|no\.?|#)|eams (?:number|no\.?|#)|adj|case (?:number|no\.?|#)|"
    r"reference (?:number|no\.?|#)|ref(?:\.|erence)? #|authorization (?:number|no\.?|#)|"
    r"auth(?:orization)? #|ur #|id #)\s*[:#]?\s*#?\s*" + _ID_VALUE,
    re.IGNORECASE,
)
SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])"
    r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?",
    re.IGNORECASE,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_SUFFIX = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|"
           r"Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Loop|Row|Square|Sq)")
# Words of an address may wrap onto the next line (\s, not a space).
_CITY_STATE_ZIP = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s?[A-Z]{2}\s+\d{5}(?:-\d{4})?"
STREET = re.compile(
    rf"\b\d{{1,6}}(?:\s[NSEW]\.?)?(?:\s[A-Z][a-z]+){{1,4}}\s{_SUFFIX}\b\.?"
    rf"(?:,?\s(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s?#?[\w-]+)?"
    rf"(?:,?\s{{1,2}}{_CITY_STATE_ZIP})?"
)
PO_BOX = re.compile(rf"\bP\.?\s?O\.?\sBox\s\d+(?:,?\s{{1,2}}{_CITY_STATE_ZIP})?", re.IGNORECASE)
CITY_STATE_ZIP = re.compile(rf"\b{_CITY_STATE_ZIP}\b")
# The rest of the field: up to a wide gap, the next "Label:" or the end of the line.
LABELLED_ADDRESS = re.compile(
    r"\b(?i:(?:home |mailing |street |patient )?address)[ \t]*:[ \t]*"
    r"(?P<value>[^\n]+?)(?=[ \t]{2,}|[ \t]+[A-Za-z]+(?:[ ][A-Za-z]+)?[ \t]*[:#][ \t]|[ \t]*$)",
    re.MULTILINE,
)


def _trim_name(text: str, start: int) -> tuple[int, int] | None:
    """The span of the name at the start of ``text`` (offset ``start``), stopping at a label,
    a credential or a heading word; None if nothing name-like is left."""
    kept_end = 0
    for match in re.finditer(r"[^ ,]+", text):
        word = match.group(0)
        if word.lower().rstrip(".:") in STOP_WORDS or word.endswith(":"):
            break
        kept_end = match.end()
    name = text[:kept_end].rstrip(" ,")
    return (start, start + len(name)) if name else None


def labelled_names(text: str) -> Iterator[Span]:
    for pattern in (LABELLED_NAME, SIGNATURE, HONORIFIC, RELATIVE):
        for match in pattern.finditer(text):
            span = _trim_name(match.group("name"), match.start("name"))
            if span is not None:
                yield Span(*span, PhiKind.name, priority=3)


def name_tokens(name: str) -> set[str]:
    """The full name and each of its words long enough to stand alone (initials are dropped)."""
    words = [w for w in re.split(r"[ ,]+", name) if w]
    tokens = {" ".join(words)}
    tokens |= {w for w in words if len(w.rstrip(".")) >= 3 and w.lower() not in STOP_WORDS}
    return tokens


def known_names(text: str, names: Iterable[str]) -> Iterator[Span]:
    """Every occurrence of a name (or name word) found elsewhere, as written, in title case or
    in capitals."""
    variants = set()
    for name in names:
        variants |= {name, name.upper(), name.title()}
    for variant in sorted(variants, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text):
            yield Span(match.start(), match.end(), PhiKind.name, priority=2)


def patterned(text: str) -> Iterator[Span]:
    for pattern, kind, priority in (
        (DOB, PhiKind.dob, 5), (MRN, PhiKind.mrn, 5), (MEMBER_ID, PhiKind.member_id, 4),
        (LABELLED_ADDRESS, PhiKind.address, 4),
    ):
        for match in pattern.finditer(text):
            value = match.group("value").rstrip(" \t.,;")
            start = match.start("value")
            yield Span(start, start + len(value), kind, priority)
    for pattern, kind in ((SSN, PhiKind.ssn), (EMAIL, PhiKind.email), (PHONE, PhiKind.phone),
                          (STREET, PhiKind.address), (PO_BOX, PhiKind.address),
                          (CITY_STATE_ZIP, PhiKind.address)):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), kind, priority=1)


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: a higher priority wins, then the longer span, then the earlier."""
    ranked = sorted(spans, key=lambda s: (-s.priority, -(s.end - s.start), s.start))
    taken: list[Span] = []
    for span in ranked:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def find_identifiers(text: str, names: Iterable[str] = ()) -> list[Span]:
    return resolve([*labelled_names(text), *known_names(text, names), *patterned(text)])
