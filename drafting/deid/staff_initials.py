"""Staff initials where only a person's mark stands, whether or not the record names the person
(``initial_marks.py`` takes initials anywhere a signer's may stand, but only when they spell a
name of the same record):

- a letter's reference line: the author's and the typist's initials alone at the head of a
  line (``MDH/zsm``, ``BNW / gp   Dictated 12/09/2024``, ``RKA / NEW   e-signed``: a typist's
  capitals may spell a word), or in a signature's brackets or after "signed" (``MD  (KN/amc)``,
  ``Signed MSD / TW  08/12/2025``);
- the same reference at the end of a signature's line, or with a colon, the author's initials
  keeping a particle's small letter (``Esq., Vermont bar VT-5127  JDP:mrl``, ``MdHC/kmj   State
  Bar``): the business letter's reference-initials convention wherever the line puts it;
- a dash closing a note's entry at the end of its line (``... single prescriber. -MH``,
  ``Reminded to keep the diary. - kst``, ``Return 3 months.  -- ZVH``), a staff role between
  them (``10 tabs left. - tech JRR``);
- the last column of a listing headed "RPh", "Tech", "Init" or "User" (a pharmacy's fills);
- a dated entry's author before its colon or a dash (``04/24/2025 JL: WC claim rejected``,
  ``07/17/25 GM - CARC 16``), and a role's
  initials in a record's routing line (``Dispatch: KLM / Billed: MQB``);
- a typist's initials in lower case closing a line after a word of dictation or a stop
  (``dictation tms``, ``dictated 08/12/25 at 4:05 PM HST; lkk.``, ``LTD resumes. tb``);
- "by" and initials closing a clause (``verified 03/02/2011 by KVH``, ``vm left by WF"``);
- a title before initials alone (``Notified Dr K office``, ``Told Dr. D.V.``), the title
  with them, as a name with its title is replaced.

Initials that spell a clinical or office abbreviation (``by CT.``, ``-OK``, ``by VA``), a
credential, an English word or an abbreviation the text defines ("key: QT = quick test") are
left alone: ``ABBREVIATIONS`` below, the credential list of ``names.py`` and the dictionary of
``words.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _CREDENTIAL_WORDS
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.words import english

# Abbreviations records write in those places that are no one's initials: tests, services,
# agencies, units and answers.
ABBREVIATIONS = frozenset("""
ap lat pa ct mri mr emg ncs eeg ekg ecg us xr cxr dx tx rx hx sx fx pt ot st slp er ed or icu
pacu ur ume ime qme mmi va vha dod dhs ssa cms ems fd pd dmv hr it ups fedex usps dhl fax mail
ok na nka nkda npo prn bid tid qid qd hs am pm est pst cst mst edt pdt cdt mdt utc gmt
dme hme snf ltc alf asc pcp ob gyn ent gi neuro psych ama acoem odg mtus cdc fda dea npi
hipaa phi roi ssn mrn dob doi dos pdmp cpt icd hcpcs ndc lcd ncd moc ppo hmo epo pos tpa
me mco ncm rn lpn np md do dc dpt pta cna ma cma ota atc rt rph pharmd phd psyd lcsw
us usa nys ny ca tx fl wc ltd std adl adls iadl rom slr tens hep
qhs qam qpm qod tiw biw po iv sq sc sl pr gtt mg mcg wks yrs neg pos wnl rtc loc
""".split())
_INITIALS = r"[A-Z]{2,3}"
REFERENCE_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<author>{_INITIALS})[ ]?/[ ]?(?P<typist>[a-z]{{2,3}}|{_INITIALS})"
    r"(?=[ \t]*$|[ \t]{2,}|[ \t]+(?i:dictated|transcribed|e-?signed|d:|t:|cc|encl))")
# The reference after a gap of two spaces or more, or with a colon (a letter's closing line).
REFERENCE_ANYWHERE = re.compile(
    r"(?m)(?:^[ \t]*|[ \t]{2,})(?P<author>[A-Z](?:[a-z]?[A-Z]){1,3})[ ]?[/:][ ]?"
    r"(?P<typist>[a-z]{2,3})(?=[ \t]*$|[ \t]{2,})")
# The same pair in a signature's brackets or after "signed" ("K. Naone, MD  (KN/amc)", "Signed
# MSD / TW  08/12/2025").
# In brackets only the convention's small letters mark a typist: "(ACL/PCL)", "(RLE/LLE)" name
# no one.
REFERENCE_MARKED = re.compile(
    rf"(?:\((?P<author>{_INITIALS})/(?P<typist>[a-z]{{2,3}})\)|\b(?i:signed|initials):?[ ]"
    rf"(?P<signer>{_INITIALS})[ ]?/[ ]?(?P<typed>[a-z]{{2,3}}|{_INITIALS})"
    rf"(?=[ \t]{{2,}}|[ \t]*$|[ ]\d))", re.MULTILINE)
CLOSING_DASH = re.compile(
    r"(?m)(?<=[.!?)\]\"”])[ ]{1,2}(?:-{1,2}|[–—])[ ]?(?:(?i:tech|rph|rn|lpn|ma|cma|pta|csr)[ ])?"
    r"(?P<initials>[A-Z]{2,3}|[a-z]{2,3})[ \t]*$")
# A typist's initials in lower case closing a line: after a word of dictation ("dictation tms",
# "transcribed kmy") or after a sentence's stop ("Report dictated 08/12/25 at 4:05 PM; lkk.",
# "will pay when LTD resumes. tb").
TYPIST_CLOSING = re.compile(r"(?m)(?:\b(?i:dictation|dictated|transcribed|transcription|typed)"
                            r"(?:[ ]by)?:?[ ]|(?<=[.;])[ ]{1,2})(?P<initials>[a-z]{2,3})\.?[ \t]*$")
ENTRY_AUTHOR = re.compile(r"(?m)^[ \t]*\d{1,2}/\d{1,2}(?:/\d{2,4})?(?:[ ]\d{1,2}:\d{2})?[ ]"
                          r"(?P<initials>[A-Z]{2,3})(?::|[ ][-–—])[ ]")
ROUTING = re.compile(r"\b(?i:dispatch(?:ed)?|billed|delivered|packed|checked|entered|keyed|"
                     r"scanned|verified|filled)(?:[ ]by)?:[ ](?P<initials>[A-Z]{2,3})"
                     r"(?=[ ]/|[ ]\d{1,2}/|[ \t]*$|[ ]{2,})", re.MULTILINE)
# A listing whose last column is headed by a staff mark ("... Prescriber    RPh"): the initials
# ending each of its rows, to the first blank line.
STAFF_COLUMN = re.compile(r"(?m)^[^\n]*\S[ \t]{2,}(?i:rph|tech|init|initials|user|by|clerk)"
                          r"[ \t]*\n(?P<rows>(?:[^\n]*\S[^\n]*\n?)+)")
ROW_END = re.compile(r"(?m)[ \t]{2,}(?P<initials>[A-Z]{2,3})[ \t]*$")
TITLED = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx)\.?[ ](?P<initials>[A-Z](?:\.?[A-Z]){0,2}\.?)"
                    r"(?![\w'’-]|\.\w)")
CLOSING_BY = re.compile(
    rf"\bby[ ](?P<initials>{_INITIALS})(?=[ \t]*(?:$|[.,;)\"'\]}}]))", re.MULTILINE)


def _initials(value: str, text: str) -> bool:
    """Letters that may be someone's initials, not an abbreviation, a credential or a word, nor
    an abbreviation the text defines ("key: QT = quick test", "quick test (QT)")."""
    key = value.lower()
    words = english()
    defined = re.search(rf"\b{re.escape(value)}[ ]?[=:][ ]?[a-z]|(?<![\w'’-])[a-z]+[ ]"
                        rf"\({re.escape(value)}\)", text)
    return key not in ABBREVIATIONS and key not in _CREDENTIAL_WORDS and \
        (words is None or key not in words) and defined is None


def staff_initials(text: str) -> Iterator[Span]:
    for match in (*REFERENCE_LINE.finditer(text), *REFERENCE_MARKED.finditer(text)):
        groups = ("author", "typist") if match.group("author") else ("signer", "typed")
        author, typist = match.group(groups[0]), match.group(groups[1])
        # the typist's capitals may spell a word ("RKA / NEW"), never an abbreviation
        if _initials(author, text) and (_initials(typist, text) or (
                typist.isupper() and typist.lower() not in ABBREVIATIONS
                and typist.lower() not in _CREDENTIAL_WORDS)):
            for group in groups:
                yield Span(match.start(group), match.end(group), PhiKind.name, 3)
    for match in REFERENCE_ANYWHERE.finditer(text):
        author, typist = match.group("author"), match.group("typist")
        rest = text[:match.start()] + text[match.end():]  # ("JDP:mrl" defines nothing)
        if _initials(author.upper(), rest) and _initials(typist, rest):
            for group in ("author", "typist"):
                yield Span(match.start(group), match.end(group), PhiKind.name, 3)
    for match in TITLED.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.name, 3)
    for listing in STAFF_COLUMN.finditer(text):
        for match in ROW_END.finditer(text, listing.start("rows"), listing.end("rows")):
            if _initials(match.group("initials"), text):
                yield Span(match.start("initials"), match.end("initials"), PhiKind.name, 3)
    for pattern in (CLOSING_DASH, CLOSING_BY, ENTRY_AUTHOR, ROUTING, TYPIST_CLOSING):
        for match in pattern.finditer(text):
            if _initials(match.group("initials"), text):
                yield Span(match.start("initials"), match.end("initials"), PhiKind.name, 3)


def learned_initials(text: str, spans: list[Span]) -> set[str]:
    """Lower-case initials a rule marked as someone's (a typist's reference, a legend's "(dpl)",
    a closing dash), to find again where nothing marks them ("EOB reprint requested by dpl",
    "by kmj.")."""
    out = set()
    for span in spans:
        value = span.text(text)
        if span.kind in (PhiKind.name, PhiKind.id) and re.fullmatch(r"[a-z]{2,3}", value) \
                and _initials(value, text):
            out.add(value)
    return out
