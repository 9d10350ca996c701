"""Employers and other organisations: labelled, in prose ("works as a driver at ..."), and the
forms a learned one takes again."""

from __future__ import annotations

import re

from drafting.deid import names as name_rules
from drafting.deid.numbers import _ENDS_FIELD
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, UPPER, U, is_never_name

# ----------------------------------------------------------------------------- employers

_LEGAL = r"(?:Inc|LLC|L\.L\.C|LLP|Ltd|Co|Corp|Corporation|Company|PC|P\.C|PLLC|LP)\.?"
_ORG_WORD = rf"(?:{U}[{UPPER}{LOWER}'’.-]*[{UPPER}{LOWER}]|{U}|\d+(?:st|nd|rd|th)?)"
ORG = (rf"{_ORG_WORD}(?:[ ](?:(?:&|and|of|the|de|la|del|for)[ ])?{_ORG_WORD}){{0,7}}"
       rf"(?:,?[ ]{_LEGAL})?")
# The value ends the field (a sentence after "Employer:" is an instruction, not an employer).
EMPLOYER_FIELD = re.compile(
    r"(?<![A-Za-z][ ])(?<![A-Za-z])(?i:employer(?:[ ]name)?|name[ ]of[ ]employer|"
    r"company(?:[ ]name)?|place[ ]of[ ]employment|employed[ ]by|works?[ ]at|workplace)"
    rf"[ \t]*:[ \t]*(?P<value>{ORG})\.?(?={_ENDS_FIELD}|[ \t]*[;,])",
    re.MULTILINE,
)
_WORK = (r"works?|worked|working|employed|employment|employee|hired|retired|job|position|"
         r"career|occupation|driver|aide|custodian|associate|technician|operator|worker|laborer|"
         r"labourer|foreman|clerk|assistant|nurse|teacher|cashier|mechanic|roofer|carpenter|"
         r"electrician|plumber|welder|machinist|janitor|housekeeper|caregiver|loader|picker|"
         r"packer|stocker|cook|server|manager|supervisor|agent|officer|guard|farmworker|"
         r"landscaper|painter|installer|secretary|receptionist|analyst|engineer|salesman|"
         r"saleswoman|representative|attendant|dispatcher|courier|handler|selector|sorter|"
         r"harvester|irrigator|trucker|firefighter|paramedic|aid|drove|drives|drive|driving|"
         r"delivered|delivers|delivering|cleaned|cleans|cleaning|loaded|loads|loading|"
         r"hauled|hauls|hauling|built|builds|building|served|serves|serving|taught|teaches|"
         r"teaching|contracted|contracts|contracting|volunteered|volunteers|volunteering|"
         r"shift|shifts")
EMPLOYER_PROSE = re.compile(
    rf"(?i:\b(?:{_WORK})\b)[^.\n;:]{{0,60}}?\b(?i:at|for|by|with)[ ](?:the[ ])?(?P<value>{ORG})")



def _org_variants(org: str) -> set[str]:
    """An employer as written, without its legal suffix ("Inc.", "Co."), and its "X & Y" head
    ("Castellano & Sons" of "Castellano & Sons Roofing, Inc.")."""
    org = org.strip(" ,.")
    out = {org}
    bare = re.sub(rf",?[ ]{_LEGAL}$", "", org).strip(" ,")
    if len(bare.split()) >= 2 or bare != org:
        out.add(bare)
    head = re.match(rf"{_ORG_WORD}[ ](?:&|and)[ ]{_ORG_WORD}", bare)
    if head and head.group(0) != bare:
        out.add(head.group(0))
    return {v for v in out if len(v) >= 4 and not all(is_never_name(w) for w in v.split())}


def employers(text: str) -> tuple[list[Span], set[str]]:
    spans, learned = [], set()
    for pattern, priority in ((EMPLOYER_FIELD, 5), (EMPLOYER_PROSE, 4)):
        for match in pattern.finditer(text):
            org = match.group("value").rstrip(" ,")
            end = match.start("value") + len(org)
            if re.search(rf"\b{_LEGAL}$", org) and text[end:end + 1] == "." and \
                    not org.endswith("."):
                org += "."  # "Co." whose full stop the last word did not take
            words = org.split()
            if pattern is EMPLOYER_PROSE and ((len(words) < 2 and not re.search(_LEGAL, org))
                                              or is_never_name(words[0])
                                              or re.match(name_rules.TITLE + r"\b", org)):
                continue
            start = match.start("value")
            spans.append(Span(start, start + len(org), PhiKind.employer, priority))
            learned |= _org_variants(org)
    return spans, learned
