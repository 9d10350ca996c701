"""More places that make a word a person's name, given or not in the Census list:

- Before a phone number, after "call", "text", "or", "and" or at a line's start (``call ruby
  717-555-0100 or jem 717 555 0101``): a given name of the list or a name learned in the record,
  in any case. Replaced, not learned.
- In quotes after "called her", "named", "nicknamed", "goes by", "known as", "prefers", as
  referrals and face sheets give the name a patient answers to (``she called him "Sid"``,
  ``Goes by "Ginou"``, ``Goes by`` / ``"Bożenka" with family``): learned.
- After a care role written short (``SW Odalys``, ``CNA Brisa``, ``HHA Tove``) or "typed up
  by", "driven by" and the like: a word in no dictionary, or a given name of the list. Learned.
- A given name and a double-barrelled surname in no dictionary (``Tomasina Holyan-Ruiz``;
  ``Marcus Ortega-Baez`` though Marcus is an eponym, but not before a head word). Learned.
- A capitalised word in no dictionary joined by "and" to a learned name (``Faith and Emeka``).
  Replaced and learned.
- After "ask", "tell", "thank", "remind" (``ask Tamsin re: the room``), or opening a clause
  before "at the" or "from the" (``Colm at the appeals office said``): a given name of the list
  or a word in no dictionary. Learned.
- After a relation that closes a line (``my husband`` / ``Dez can``), or greeted at a
  message's start (``Hi Tandi!``): a given name of the list or a word in no dictionary.
- After "a/a/o" or "c/o", a name whose words are in no dictionary. Learned.
- A learned name in lower case with a possessive before a relation (``dawn's daughter``):
  replaced, not learned.
- Mid-sentence, capitalised, with a possessive before a lower-case word (``drove in Meek's
  van``), not an eponym, a drug, a device, a month or a kin word, and not before a head word
  (``Wolff's law``, ``Ménière's disease``). Learned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid import names as name_rules
from drafting.deid.given_names import is_given_name
from drafting.deid.name_given import is_place
from drafting.deid.names import _CAP, _RELATION, _ROLE_AFTER, HYPHEN, NAME
from drafting.deid.terms import U, fold, heads, is_clinical_word, is_never_name, protected_spans
from drafting.deid.words import is_word, unlearned_name_ok

_PHONE = r"(?:\+?1[ .-]?)?\(?\d{3}\)?[ ./-]?\d{3}[ .-]\d{4}(?!\d)"
BEFORE_PHONE = re.compile(
    rf"(?:(?i:\b(?:call|text|or|and|phone|ring|cell)[ ])|(?m:^)[ \t]*-?[ \t]*)"
    rf"(?P<name>[A-Za-z][a-z]{{2,}})[ ](?:(?:cell|mobile|home|work|at)[ ])?(?={_PHONE})")
# A therapist's initial and surname after "PT" (either reading, patient or therapist, is a name):
# "PT K. Ostby"; a full name just before " - fax" and a number: "clinic, Tavita Lolohea - fax".
PT_INITIAL = re.compile(rf"\bPT[ ](?P<name>{U}\.[ ]{_CAP}(?:{HYPHEN}{_CAP})?)(?![\w'’-])")
# (found from the contact back to the name: far fewer contacts than capitalised words)
CONTACT_AFTER = re.compile(r"[ ][-–][ ](?i:fax|phone|ph|tel|cell|mobile|pager)\b[ :]*(?=\(?\d)")
NAME_BEFORE_CONTACT = re.compile(rf"(?<![\w'’-])(?P<name>{_CAP}[ ]{_CAP}(?:{HYPHEN}{_CAP})?)$")
QUOTED = re.compile(
    rf"(?i:\b(?:called|calls|call|named|nicknamed|goes[ ]by|go[ ]by|known[ ]as|prefers)"
    rf"(?:[ ](?:him|her|them|me|us))?):?\s?[\"“](?P<name>{_CAP})[\"”]")
CARE_ROLE = re.compile(
    rf"(?:\b(?:SW|MSW|CNA|HHA|LPN|LVN|CHW|PCA)[ ]|\b(?i:typed(?:[ ]up)?|written|signed|sent|"
    rf"seen|driven|visited|picked[ ]up|dropped[ ]off)[ ]by[ ])(?P<name>{_CAP})(?![\w'’-])")
ASK = re.compile(rf"\b(?i:ask|asked|tell|told|thank|thanked|remind|reminded)[ ](?P<name>{_CAP})"
                 rf"(?![\w'’-])")
OPENS = re.compile(rf"(?:^|(?<=[.!?;:-][ ]))(?P<name>{_CAP})(?=[ ](?:at|from)[ ]"
                   rf"(?:the|my|our|his|her|their)[ ])", re.MULTILINE)
POSSESSIVE = re.compile(rf"(?<=[a-z,][ ])(?P<name>{_CAP})['’]s[ ](?P<next>[a-z]+)")
DOUBLE = re.compile(rf"(?<![\w'’-])(?P<first>{_CAP})[ ](?P<last>{_CAP}{HYPHEN}{_CAP})"
                    rf"(?![\w'’-])(?:[ ](?P<next>[a-z]+))?")
PAIR = re.compile(rf"(?<![\w'’-])(?P<a>{_CAP})(?P<ages>[ ]\(\d{{1,2}}\))?[ ]and[ ](?P<b>{_CAP})"
                  rf"(?(ages)[ ]\(\d{{1,2}}\)|(?![\w'’-]))")
LOWER_KIN = re.compile(rf"(?<![\w'’-])(?P<name>[a-z]{{3,}})['’]s[ ](?:{_RELATION})\b")
_DETERMINER = re.compile(r"the|a|an|this|that|our|your|their|its|his|her|my", re.IGNORECASE)
_KIN = frozenset(fold(w).lower() for w in name_rules._roles()["kin_words"])
# Nouns that follow an eponym's possessive besides ``heads`` ("Wolff's law", "Ménière's disease")
_EPONYM_NOUNS = frozenset("law laws disease syndrome palsy contracture neuroma ulcer tumor tumour "
                          "triad point points operation block lines canal space ligament disc "
                          "tubercle bursa nerve fascia deformity lesion lesions".split())


# What only a person has, after a possessive: "from Marcus's office" names a person even where
# the word is an eponym too (Marcus Gunn).
_OWNED = frozenset("office practice firm staff assistant secretary paralegal husband wife son "
                   "daughter mother father brother sister boyfriend girlfriend cell number house "
                   "apartment truck car".split())
# An office, in a possessive before a noun: "Commissioner's order" (``roles.yaml``: offices).
_OFFICES = frozenset(w.lower() for w in name_rules._roles()["offices"])


def _plain(word: str) -> bool:
    return not name_rules._is_stop(word) and not is_clinical_word(word) \
        and fold(word).lower() not in _KIN and fold(word).lower() not in name_rules.given_months()
# A relation closing a line and the name opening the next ("my husband\nDez can"); a name
# greeted at the start of a message ("Hi Tandi!", "Hello Odalys,").
KIN_WRAPPED = re.compile(rf"\b(?i:my|her|his|our|their)[ ](?i:{_RELATION})[ \t]*\n[ \t]*"
                         rf"(?P<name>{_CAP})(?![\w'’-])")
GREETING = re.compile(rf"(?m)^[ \t]*(?i:hi|hello|hey|dear|good[ ]morning)[ ,]+"
                      rf"(?P<name>{_CAP})(?=[ ]?[!,.:]|[ \t]*$)")

# A person a provider sues for or mail goes in care of ("a/a/o ANA RUIZ-KEMP", "c/o Ana Ruiz"):
# each word in no dictionary.
ASSIGNOR = re.compile(rf"(?<![\w/])(?i:a/a/o|a/o/a|c/o|assignee[ ]of)[ ]+(?P<name>{NAME})")

# A relative written as initials with periods: "and daughter, A.K.B. (a minor)".
KIN_INITIALS = re.compile(rf"\b(?i:{_RELATION}),?[ ](?P<name>(?:[A-Z]\.){{2,4}})(?![\w])")
# A doctor signing a message short ("- Dr. AdlP"); initials with a desk's role ("ARD (billing)").
TITLE_SHORT = re.compile(r"(?<![\w'’-])(?:Dr|Mr|Mrs|Ms)\.?[ ]"
                         r"(?P<name>[A-Z][a-z]{1,3}[A-Z][A-Za-z]{0,3})(?![\w'’-])")
ROLE_INITIALS = re.compile(rf"(?<![\w'’-])(?P<name>[A-Z]{{2,4}})[ ]\((?i:billing|coding|coder|"
                           rf"scheduling|front[ ]desk|intake|records|dispatch|{_ROLE_AFTER})\)")


def cued_names(text: str) -> Iterator[tuple[int, int]]:
    """Names in quotes after "called", after a care role, with a possessive: learned."""
    for match in [*KIN_INITIALS.finditer(text), *TITLE_SHORT.finditer(text),
                  *ROLE_INITIALS.finditer(text)]:
        if is_clinical_word(match.group("name")):
            continue
        yield match.start("name"), match.end("name")
    for match in ASSIGNOR.finditer(text):
        span = name_rules.trim(match.group("name"), match.start("name"), strict=True)
        if span and not any(is_word(w) for w in re.split(rf"[ ,]+|{HYPHEN}",
                                                         text[span[0]:span[1]]) if len(w) > 2):
            yield span
    before_contact = [NAME_BEFORE_CONTACT.search(text, max(0, m.start() - 60), m.start())
                      for m in CONTACT_AFTER.finditer(text)]
    for match in [*PT_INITIAL.finditer(text), *filter(None, before_contact)]:
        words = re.split(rf"[ .]+|{HYPHEN}", match.group("name"))
        if all(_plain(w) for w in words if len(w) > 1) and not all(
                is_word(w) for w in words if len(w) > 1):
            yield match.start("name"), match.end("name")
    for match in QUOTED.finditer(text):
        if _plain(match.group("name")):
            yield match.start("name"), match.end("name")
    for match in CARE_ROLE.finditer(text):
        word = match.group("name")
        if _plain(word) and (is_given_name(word) or not is_word(word)):
            yield match.start("name"), match.end("name")
    for pattern in (ASK, OPENS, KIN_WRAPPED, GREETING):
        for match in pattern.finditer(text):
            word = match.group("name")
            if _plain(word) and not is_place(word) and (
                    is_given_name(word) or (not is_word(word) and unlearned_name_ok(word))):
                yield match.start("name"), match.end("name")
    guarded = [(a, b) for a, b, _ in protected_spans(text)]
    for match in POSSESSIVE.finditer(text):
        word, after = match.group("name"), match.group("next")
        before = re.search(r"(\S+)[ ]$", text[max(0, match.start() - 30):match.start()])
        if before and (not before.group(1)[0].islower() or _DETERMINER.fullmatch(before.group(1))):
            continue  # "the Board's", "Appeals Panel's": an organisation's
        if fold(word).lower() in _OFFICES or is_place(word):
            continue
        if _plain(word) and after not in heads() and after not in _EPONYM_NOUNS and not any(
                match.start() < b and a < match.end() for a, b in guarded):
            yield match.start("name"), match.end("name")


def owned_possessives(text: str) -> Iterator[tuple[int, int]]:
    """An eponym in a possessive before what only a person has ("from Marcus's office"):
    replaced there, not learned (Marcus Gunn stays elsewhere)."""
    for match in POSSESSIVE.finditer(text):
        word, after = match.group("name"), match.group("next")
        if after in _OWNED and is_clinical_word(word) and not is_never_name(word) and \
                not name_rules._is_stop(word) and fold(word).lower() not in _KIN:
            yield match.start("name"), match.end("name")


def _surname_part(word: str) -> bool:
    return not is_word(word) and not is_clinical_word(word) and not name_rules._is_stop(word)


def double_names(text: str) -> Iterator[tuple[int, int]]:
    for match in DOUBLE.finditer(text):
        first, last, after = match.group("first"), match.group("last"), match.group("next")
        parts = re.split(HYPHEN, last)
        if not all(_surname_part(p) for p in parts) or after in heads() \
                or after in _EPONYM_NOUNS:
            continue
        if is_given_name(first) or (_plain(first) and not is_word(first)):
            yield match.start(), match.end("last")


def paired_names(text: str, learned: Iterable[str]) -> Iterator[tuple[int, int]]:
    """A word in no dictionary joined by "and" to a learned name, or any capitalised word when
    both have their age after them ("Mateo (6) and Luz (3)")."""
    known = {t for t in learned if " " not in t}
    for match in PAIR.finditer(text):
        for this, other in (("a", "b"), ("b", "a")):
            word = match.group(this)
            if match.group(other) in known and word not in known and _plain(word) \
                    and (not is_word(word) or match.group("ages")):
                yield match.start(this), match.end(this)


def phone_names(text: str, learned: Iterable[str]) -> Iterator[tuple[int, int]]:
    """A name just before a phone number, a learned name in lower case with a possessive
    before a relation: replaced, not learned."""
    known = {fold(t).lower() for t in learned if " " not in t}
    for match in LOWER_KIN.finditer(text):
        if match.group("name") in known:
            yield match.start("name"), match.end("name")
    for match in BEFORE_PHONE.finditer(text):
        word = match.group("name")
        key = fold(word).lower()
        if (key in known or is_given_name(word)) and _plain(word):
            yield match.start("name"), match.end("name")
