"""Recognisers for identifiers in clinical records, combined.

Each recogniser returns spans of text with a kind; ``scan`` combines them, given what was learned
from the rest of the packet, and ``resolve`` (``spans.py``) joins overlapping spans. By kind:
names (``names.py`` marks, ``name_marks.py`` more marks and ``find_names``, ``name_prose.py``
names in prose and message threads, in lower case too, told from words by ``words.py`` and
``given_names.py``; ``name_letters.py`` names written as letters: spelled out, initials in stamp
lines, surnames cut to initials; ``name_lists.py`` names heading the items of a list of people;
``name_grow.py`` how far a name reaches; ``name_keys.py`` names a record writes as keys to
another form of the same name: legends of initials, user names, aliases), numbers
(``numbers.py``: by label, check digit and shape; ``number_cues.py``: by a cue in prose), contacts
(``contacts.py``: phones, e-mail, web and IP addresses), places (``places.py``: streets, boxes,
rural routes, addresses abroad, city/state/ZIP, counties; ``residence_towns.py`` towns after a
phrase of residence), ages over 89 and birth dates
(``ages.py``), employers and other organisations (``organisations.py``; ``employer_lists.py``
employers a record lists: agency fields, employment tables, work histories). Clinical words that
look like identifiers (``eponyms.yaml``: Spurling, Patrick's test, Norco) are protected from
guessed names. An optional NER model (``ner.py``) adds the names that no rule marks. Dates are
shifted, not replaced (``dates.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from drafting.deid import names as name_rules
from drafting.deid.ages import DOB, ages_and_dates
from drafting.deid.citations import citations, uncited
from drafting.deid.code_edges import beside, issuer_codes, more_codes, widen_codes
from drafting.deid.column_names import column_names
from drafting.deid.contacts import contacts
from drafting.deid.date_masks import date_spans
from drafting.deid.dates import find_dates
from drafting.deid.day_words import day_words
from drafting.deid.dicom import dicom_names, dicom_spans
from drafting.deid.employer_forms import employer_forms
from drafting.deid.employer_lists import listed_employers
from drafting.deid.entry_stamps import entry_stamps
from drafting.deid.firm_names import firm_partners
from drafting.deid.gazetteer import names_a_rule
from drafting.deid.grouped_ids import grouped_ids
from drafting.deid.hispanic_places import hispanic_place_names
from drafting.deid.hl7 import hl7_names, hl7_spans
from drafting.deid.id_codes import id_codes
from drafting.deid.id_forms import id_forms, vessel_names
from drafting.deid.id_shapes import shaped_ids
from drafting.deid.kin_names import kin_names
from drafting.deid.lower_given import lower_given_names
from drafting.deid.markup import markup_spans
from drafting.deid.name_context import context_names, users_near_names
from drafting.deid.name_grow import grow
from drafting.deid.name_joins import joined_names
from drafting.deid.name_marks import find_names
from drafting.deid.name_roles import role_names
from drafting.deid.number_cues import cued_numbers
from drafting.deid.numbers import numbers
from drafting.deid.organisations import employers
from drafting.deid.phimap import PhiKind
from drafting.deid.place_forms import learned_places, place_forms
from drafting.deid.places import cities, named_addresses, places, streets
from drafting.deid.residence_towns import learned_towns, residence_towns
from drafting.deid.residences import residences
from drafting.deid.role_capitals import role_capitals
from drafting.deid.sign_offs import sign_offs
from drafting.deid.spans import Span, digits, join_addresses, resolve, unmisread
from drafting.deid.spoken import spoken
from drafting.deid.ssn_parts import INITIAL_AND_FOUR, ssn_parts
from drafting.deid.staff_initials import learned_initials, staff_initials
from drafting.deid.tables import table_spans, table_values
from drafting.deid.terms import protected_spans
from drafting.deid.user_ids import user_ids, user_names
from drafting.deid.word_surnames import WordSurnames
from drafting.deid.x12 import x12_names, x12_spans

__all__ = ["DOB", "Found", "Span", "find_identifiers", "labelled_names", "name_tokens", "scan"]


@dataclass
class Found:
    """What the recognisers found in one text, by strength."""

    spans: list[Span] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # name words learned here
    employers: set[str] = field(default_factory=set)
    values: dict[str, PhiKind] = field(default_factory=dict)  # labelled numbers, to find again
    surnames: WordSurnames = field(default_factory=WordSurnames)  # word surnames taught here


def known_values(text: str, values: dict[str, PhiKind]) -> Iterator[Span]:
    """Labelled numbers and employers found anywhere in the packet, wherever they appear again
    (a record number in a footer or a URL, an employer in a fax banner)."""
    births = {v for v, k in values.items() if k is PhiKind.dob}
    if births:  # a birth date written another way ("September 3, 1966" and "09/03/1966")
        for found in find_dates(text):
            if found.date.isoformat() in births:
                yield Span(found.start, found.end, PhiKind.dob, 5)
    for value, kind in sorted(values.items(), key=lambda kv: -len(kv[0])):
        if kind is PhiKind.dob:
            continue
        variants = {unmisread(value), unmisread(value.upper())} if kind is PhiKind.employer \
            else {unmisread(value)}
        for variant in variants:
            for match in re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w])", text):
                if kind is PhiKind.address and names_a_rule(text, match.end()):
                    continue  # the town of an address, but here its clinical rule
                yield Span(match.start(), match.end(), kind, 5)


def scan(text: str, learned_names: Iterable[str] = (),
         learned_values: dict[str, PhiKind] | None = None, ner: bool = False) -> Found:
    """Every identifier in ``text``, given what was learned from the rest of the packet."""
    found, raw, text = Found(), text, unmisread(text)
    marked, known = find_names(text, learned_names)
    marked += list(firm_partners(text))  # ("Halvorsen & Teig, P.A.": two surnames)
    context = [*context_names(text), *kin_names(text), *lower_given_names(text),
               *role_capitals(text)]
    marked += [(s.start, s.end) for s in context if s.kind is PhiKind.name and s.priority >= 4]
    for start, end in marked:
        found.names |= name_rules.name_tokens(re.sub(r"[()\"“”]", " ", text[start:end]))
    grown = grow(text, marked + known)
    found.spans += [Span(a, b, PhiKind.name, 4) for a, b in grown]
    # a given name a marked name grew over ("Lan" of "Nguyễn Thị Lan"): learned, and found again
    # in this text at once (what a scan learns it finds in the same scan)
    extra: set[str] = set()
    for a, b in grown:
        if any(a <= x and y < b and re.fullmatch(r"[ ]\w+", text[y:b]) for x, y in marked):
            extra |= name_rules.name_tokens(text[a:b]) - found.names - set(learned_names)
    if extra:
        found.names |= extra
        found.spans += [Span(a, b, PhiKind.name, 4)
                        for a, b in grow(text, list(name_rules.known_names(text, extra)))]
    found.spans += [Span(a, b, PhiKind.name, 3) for a, b in grow(
        text, [(s.start, s.end) for s in context if s.kind is PhiKind.name and s.priority < 4])]
    found.spans += [s for s in context if s.kind is not PhiKind.name]
    if ner:
        from drafting.deid.ner import person_spans

        level = [(a, b) for a, b, n in protected_spans(text) if n >= 1]
        guessed = [(a, b) for a, b in person_spans(text)
                   if not any(a < y and x < b for x, y in level)]
        # not learned, and below the rules: a guessed name never displaces an address or a
        # number, nor spreads to other documents
        found.spans += [Span(a, b, PhiKind.name, 1) for a, b in grow(text, guessed)]
    employer_spans, found.employers = employers(text)
    listed, more = listed_employers(text, employer_spans)
    employer_spans += listed
    found.employers |= more
    formed, more = employer_forms(text)
    employer_spans += formed
    found.employers |= more
    home_spans, homes = residences(text)
    users = list(user_ids(text))
    found.spans += home_spans
    found.spans += employer_spans
    found.spans += [*numbers(text), *cued_numbers(text), *contacts(text), *places(text),
                    *ages_and_dates(text), *date_spans(text), *shaped_ids(text), *id_codes(text),
                    *grouped_ids(text), *place_forms(text), *id_forms(text),
                    *day_words(text), *entry_stamps(text), *spoken(text), *users,
                    *column_names(text), *ssn_parts(text), *staff_initials(text),
                    *role_names(text), *residence_towns(text),
                    *sign_offs(text, found.spans)]
    # structured forms: HL7 v2 segments, X12 transactions, DICOM dumps, tables with a header row
    found.spans += [*hl7_spans(text), *x12_spans(text), *dicom_spans(text), *table_spans(text),
                    *markup_spans(text)]
    for name in (*hl7_names(text), *x12_names(text), *dicom_names(text)):
        found.names |= name_rules.name_tokens(name.title())
    found.values.update(table_values(text))
    found.spans += list(users_near_names(
        text, [s for s in found.spans if s.kind is PhiKind.name and s.priority >= 4]))
    if raw != text:  # a scan's misreads: what the OCR-aware rules find as it was read ("775O3")
        found.spans += [*places(raw), *ages_and_dates(raw), *contacts(raw)]
    cited = citations(text)
    found.spans = uncited(found.spans, cited)  # a statute's or a manual's number is no record's
    for span in found.spans:
        if span.kind is PhiKind.dob:
            for day in find_dates(span.text(text)):
                found.values[day.date.isoformat()] = PhiKind.dob
        if span.kind in (PhiKind.mrn, PhiKind.member_id, PhiKind.license, PhiKind.device,
                         PhiKind.ssn, PhiKind.id) and span.priority >= 5 \
                and (digits(span.text(text)) >= 5 or (span.kind is PhiKind.ssn
                     and INITIAL_AND_FOUR.fullmatch(span.text(text)))):
            found.values[span.text(text)] = span.kind
    found.values.update({street: PhiKind.address
                         for street in streets(text) | cities(text) | homes | learned_places(text)
                         | hispanic_place_names(text) | learned_towns(text)})
    # a user name found beside its cue, wherever the record writes it again (a log's column)
    found.values.update({user: PhiKind.id for user in user_names(text, users)})
    found.values.update({vessel: PhiKind.device for vessel in vessel_names(text)})
    found.values.update({mark: PhiKind.name for mark in learned_initials(text, found.spans)})
    values = dict(learned_values or {})
    values.update(found.values)
    values.update({e: PhiKind.employer for e in found.employers})
    found.spans += list(known_values(text, values))
    found.spans += [*more_codes(text), *issuer_codes(text, found.spans)]
    found.spans += list(beside(text, found.spans))
    found.spans = joined_names(named_addresses(
        join_addresses(resolve(uncited(widen_codes(found.spans, text), cited)), text), text), text)
    return found


def find_identifiers(text: str, names: Iterable[str] = (),
                     values: dict[str, PhiKind] | None = None, ner: bool = False) -> list[Span]:
    return scan(text, names, values, ner).spans


def labelled_names(text: str) -> Iterator[Span]:
    """Names marked in ``text`` (label, title, credential, relation, role, LAST, FIRST)."""
    for start, end in grow(text, list(name_rules.seeds(text))):
        yield Span(start, end, PhiKind.name, 4)


name_tokens = name_rules.name_tokens
