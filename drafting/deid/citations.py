"""Citations: where a record cites a statute, a regulation, a rule, a manual, a form or a journal
article. The numbers of a citation ("NY Ins. Law § 4904", "A.A.C. R9-34-114", "38 C.F.R.
§ 20.104(b)", "TRICARE Policy Manual 6010.60-M, Chapter 4", "Pain Physician 2020;23(3S):S1-S127")
name public texts, never a person, so no record-number rule may replace them.

A citation is read by its form: a section sign and the code before it; a title number before
C.F.R. or U.S.C.; a code's dotted initials (A.A.C., N.J.A.C.) or a state code's short name (WAC,
TAC, NYCRR) before a rule number; a statute, law, code or regulation word before a number; a
manual, directive, handbook, bulletin, transmittal, chapter or section word before a number; a
journal reference after "et al." with its year, volume and pages. A name inside a citation (a
case caption: "Smith v. Jones") is still a name: only number-like kinds are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

# the number of a section or rule: "4904", "36-2903.01", "20.104(b)", "R9-34-114", "9792.24.1"
_NUMBER = r"[A-Z]?\d[\w.:-]*(?:\([\w.]{1,4}\))*"
_SECTION = rf"§§?[ ]?{_NUMBER}(?:[ ]?(?:,|and|to|-|–)[ ]?(?:§§?[ ]?)?{_NUMBER})*"
_STATE_CODES = ("WAC|RCW|TAC|NYCRR|OAC|ORS|ARS|MCL|KRS|IAC|NAC|NRS|CFR|USC|AAC|NJAC|NJSA|"
                "ILCS|Pa\\.C\\.S|P\\.S")
# a code named by its subject ("Labor Code", "Ins. Code"); "Zip Code" and "Access Code" are not
_CODE_SUBJECTS = (r"(?:Labor|Lab\.|Insurance|Ins\.|Government|Gov(?:'t|t)?\.|"
                  r"Admin(?:istrative)?\.?|Civil|Civ\.|Penal|Pen\.|Business|Bus\.|Health|Revised|Rev\.|Family|Fam\.|"
                  r"Vehicle|Veh\.|Welfare|Evidence|Evid\.|Procedure|Proc\.|Unemployment|Tax|"
                  r"Education|Educ\.|Probate|Prob\.|Corporations|Corp\.|Workers'?)")
_LAW_WORDS = (rf"(?:Stat(?:utes?)?\.?|Laws?|Rules?|R\.|Regulations?|Const\.|St\.[ ]Reg\.|"
              rf"Fed\.[ ]Reg\.|{_CODE_SUBJECTS}[ ]Code)")
_DOC_WORDS = (r"(?:(?:Policy|Procedures?|Benefit|Claims|Program|Operations|Provider|Reference)[ ]"
              r"Manual|Manual|Directive|Handbook|Bulletin|Transmittal|Instruction|Memorandum|"
              r"Chapter|Ch\.|Section|Sec\.|Subsection|Article|Art\.|Title|Subpart|Pub\.|"
              r"Publication|Rule|CACI[ ]No\.|Form)")

_CITATION = re.compile(
    "|".join((
        # a section sign with the code's words before it: "NY Ins. Law § 4904", "§16-54-4"
        rf"(?:(?:[A-Z][\w.'&]*|\d{{1,3}})[ ]){{0,4}}{_SECTION}",
        # a title of the federal codes: "45 C.F.R. 164.508", "42 U.S.C. 2651", "29 CFR Part 1910"
        rf"\b\d{{1,3}}[ ](?:C\.?F\.?R\.?|U\.?S\.?C\.?A?\.?)(?:[ ](?:Part|pt\.|§§?))?[ ]?{_NUMBER}",
        # a code's dotted initials or a state code's short name before a rule number
        r"\b(?:[A-Z]\.){3,5}[ ]R?\d[\w.:-]*(?:\([\w.]{1,4}\))*",
        rf"\b(?:{_STATE_CODES})[ ](?:Part[ ])?\d[\w.:-]*(?:\([\w.]{{1,4}}\))*",
        # "Minn. Stat. 176.135", "Labor Code 4610.5", "N.Y. St. Reg. WCB-31-19-00018-A"
        rf"\b[A-Z][a-z]*\.?[ ](?:[A-Z][a-z]*\.?[ ])?{_LAW_WORDS}[ ](?:No\.[ ]?)?[A-Z]{{0,4}}-?"
        rf"\d[\w.:-]*(?:\([\w.]{{1,4}}\))*",
        # a public document's number: "Policy Manual 6010.60-M", "VHA Directive 1041",
        # "Chapter 4", "Section 20.1", "VA Form 10-10172", "CACI No. 3903A"
        rf"\b{_DOC_WORDS}[ ](?:No\.?[ ]?)?\d[\w.-]*(?:[ ]?\([\w.]{{1,4}}\))*",
        # a journal reference: "et al. Pain Physician 2020;23(3S):S1-S127"
        r"\bet[ ]al\.,?[ ][^\n;]{0,60}?\b(?:19|20)\d\d\b(?:[;:,][ ]?\d+(?:[ ]?\([\w ]{1,6}\))?"
        r"(?::[ ]?[eES]?\d+(?:[-–][eES]?\d+)?)?)?",
        # an article's number in a literature database: "PubMed 11118965", "PMID: 35925934"
        r"\b(?:PMID|PubMed|PMCID)[: ]{1,2}(?:PMC)?\d{5,9}\b|\bdoi:?[ ]?10\.\d{4,9}/\S+",
        # volume, issue and pages on their own: "23(3S):S1-S127", "71(3):1-95"
        r"\b\d{1,4}\([\w ]{1,6}\):[ ]?[eES]?\d+[-–][eES]?\d+\b",
    )))

# kinds a citation's number can be mistaken for; a name, a date or a contact is never dropped
# (an SSN never is: a citation holding an SSN's shape, or a post office box, is no citation)
NUMBER_KINDS = frozenset({PhiKind.member_id, PhiKind.id, PhiKind.mrn, PhiKind.license,
                          PhiKind.device, PhiKind.address})
_NOT_CITED = re.compile(r"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b|\bP\.?[ ]?O\.?\b|\bS\.?S\.?\b")


def citations(text: str) -> list[tuple[int, int]]:
    """Where ``text`` cites a public text by its number."""
    return [(m.start(), m.end()) for m in _CITATION.finditer(text)
            if not _NOT_CITED.search(m.group(0))]


def uncited(spans: Iterable[Span], cited: list[tuple[int, int]]) -> list[Span]:
    """``spans`` without the number-like ones that stand on a citation (``cited``: where the
    text cites, from ``citations``)."""
    if not cited:
        return list(spans)
    return [s for s in spans if s.kind not in NUMBER_KINDS
            or not any(a < s.end and s.start < b for a, b in cited)]
