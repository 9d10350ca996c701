"""Names marked by the form a record writes them in, where no label, title or relation stands
before them:

- a full name in capitals with a middle initial, as a caption, a form's printed-name box or an
  address block writes it (``TYLER J. BRANDVOLD,``, ``CLOVIS  J  TRAHAN``): a given name first,
  or a first and a last word in no dictionary;
- ``Surname, Given`` in title case opening a header line, a record number or a date of birth
  after it (``Quist, Marit   MRN 0012345``);
- ``LAST,FIRST M`` in capitals without a space after the comma, as a pharmacy or VA table cell
  writes a prescriber (``ODEGAARD,SIGRID M``), a gap or the line's end after it;
- a credential before an initial and a surname, or before a surname in capitals in no
  dictionary (``PharmD J. Okafor``, ``by RN VANTERPOOL``);
- an initial and a surname in no dictionary after a verb of review or care and "by"
  (``checked 04/07/25 by O. Varga-Nilsen``);
- the ``display`` of a person in a FHIR resource (``"requestor": {"display": "Imre Vos"}``,
  ``"author": [{"display": "Vos, Imre"}]``);
- the surnames of a law firm named after its partners (``Tollund & Varga Law Offices``,
  ``Brask & Oyelaran, LLP``).

Each is a marked name: its words are learned and found again across the packet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.names import _CAP, _CAPS, _CREDENTIAL_WORDS, PARTICLE, _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import HYPHEN, is_clinical_word
from drafting.deid.words import is_word

_CAPS_NAME = rf"{_CAPS}(?:{HYPHEN}{_CAPS})*"
_CAP_NAME = rf"{_CAP}(?:{HYPHEN}{_CAP})*"
CAPS_FULL = re.compile(rf"(?<![\w'’-])(?P<first>{_CAPS_NAME})[ ]{{1,2}}[A-Z]\.?[ ]{{1,2}}"
                       rf"(?P<last>{_CAPS_NAME})(?![\w'’-])")
INVERTED_HEADER = re.compile(
    rf"(?m)^[ \t]*(?P<name>(?P<last>{_CAP_NAME}),[ ](?P<first>{_CAP_NAME})(?:[ ][A-Z]\.?)?)"
    r"(?=[ \t]{2,}(?:MRN|DOB|D\.O\.B|DOS|Acct|Account|Chart|SSN|Member|ID\b|MR#|Age\b))")
INVERTED_TIGHT = re.compile(
    rf"(?<![\w'’,-])(?P<name>(?P<last>{_CAPS_NAME}),(?P<first>{_CAPS_NAME})(?:[ ][A-Z])?)"
    r"(?=[ \t]{2,}|[ \t]*$|[ \t]*\|)", re.MULTILINE)
# A credential or licence before an initial and a surname, or a surname in capitals: "PharmD
# J. Okafor", "PT N. Brightwater", "documented by RN VANTERPOOL".
CREDENTIAL_BEFORE = re.compile(
    r"(?<![\w'’/-])(?:RN|LPN|LVN|NP|FNP|PharmD|RPh|PA-C|PT|DPT|OT|PTA|MD|DO|CRNA|CCM|LCSW)[ ]"
    rf"(?:(?P<initial>[A-Z]\.[ ]?{_CAP_NAME})|(?P<caps>{_CAPS_NAME}))(?![\w'’-])")
# Who did it, by an initial and a surname: "checked 04/07/2025 by O. Varga-Nilsen: none".
BY_INITIAL = re.compile(r"(?i:\b(?:checked|reviewed|signed|co-?signed|verified|documented|"
                        r"completed|performed|seen|examined|written|entered|queried|approved|"
                        r"dictated|prepared|interpreted|read|evaluated|treated|called)\b)"
                        rf"[^\n.;]{{0,40}}?\bby:?[ ]"
                        rf"(?P<name>(?:[A-Z]\.[ ]?){{1,2}}(?P<last>{_CAP_NAME}))(?![\w'’-])")
_PERSON_PARENTS = (r"provider|requestor|requester|author|performer|practitioner|patient|subject|"
                   r"recorder|asserter|enterer|attester|signer|beneficiary|subscriber|"
                   r"policyHolder|contact|participant|actor|individual|agent|informant|sender")
FHIR_DISPLAY = re.compile(rf"\"(?:{_PERSON_PARENTS})\"[ ]?:[ ]?\[?\{{[ ]?\"display\"[ ]?:[ ]?"
                          r"\"(?P<name>[^\"\n]{3,60})\"")
LAW_FIRM = re.compile(
    rf"(?<![\w'’-])(?P<a>{_CAP_NAME}|{_CAPS_NAME})[ ]&[ ](?P<b>{_CAP_NAME}|{_CAPS_NAME}),?[ ]"
    r"(?=(?i:law[ ]offices?|law[ ]firm|law[ ]group|attorneys|LLP|PLLC|L\.?L\.?C\.?|P\.?C\.?|"
    r"S\.?C\.?|P\.?A\.?)(?![\w]))")


def _plain(word: str) -> bool:
    """A word that may be a name here: no heading or label word, no clinical term."""
    return not _is_stop(word) and not is_clinical_word(word)


def name_forms(text: str) -> Iterator[Span]:
    for match in CAPS_FULL.finditer(text):
        first, last = match.group("first"), match.group("last")
        if not (_plain(first) and _plain(last)):
            continue
        if (is_given_name(first) and not is_word(last.split("-")[0])) or (
                is_given_name(first) and not is_word(first)) or (
                not is_word(first) and not is_word(last)):
            yield Span(match.start(), match.end(), PhiKind.name, 4)
    for pattern in (INVERTED_HEADER, INVERTED_TIGHT):
        for match in pattern.finditer(text):
            first, last = match.group("first"), match.group("last")
            if _plain(first) and _plain(last) and not is_word(last) and (
                    is_given_name(first) or not is_word(first)):
                yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in CREDENTIAL_BEFORE.finditer(text):
        name = match.group("initial") or match.group("caps")
        surname = name.split(" ")[-1]
        if _plain(surname) and surname.lower() not in _CREDENTIAL_WORDS and (
                match.group("initial") or (len(surname) >= 4 and not is_word(surname))):
            yield Span(match.start(), match.end(), PhiKind.name, 4)  # the credential with it
    for match in BY_INITIAL.finditer(text):
        last = match.group("last")
        if _plain(last) and last.lower() not in _CREDENTIAL_WORDS and (
                "-" in last or not is_word(last)):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in FHIR_DISPLAY.finditer(text):
        words = re.findall(r"[^\W\d_]+", match.group("name"))
        if words and all(w[0].isupper() or re.fullmatch(PARTICLE, w) for w in words) \
                and not any(is_clinical_word(w) for w in words):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in LAW_FIRM.finditer(text):
        for part in ("a", "b"):
            word = match.group(part)
            if _plain(word) and not is_word(word):
                yield Span(match.start(part), match.end(part), PhiKind.name, 4)
