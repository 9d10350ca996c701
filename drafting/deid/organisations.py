"""Employers and other organisations: labelled, in prose ("works as a driver at ..."), and the
forms a learned one takes again."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from drafting.deid import names as name_rules
from drafting.deid.numbers import _ENDS_FIELD
from drafting.deid.phimap import PhiKind
from drafting.deid.places import _STATE_NAMES
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, UPPER, U, is_clinical_word, is_never_name
from drafting.deid.words import is_word

_STATE = re.compile(_STATE_NAMES)

# ----------------------------------------------------------------------------- employers

# (a professional association too: "Family Dentistry, P.A.", "Dentistry PA"; not a state: "Erie,
# PA", "Erie PA 16501")
_LEGAL = (r"(?:Inc|INC|LLC|L\.L\.C|LLP|Ltd|Co|Corp|CORP|Corporation|Company|PC|P\.C|PLLC|LP|P\.A|"
          r"(?<!,[ ])PA(?![ ]+\d))\.?")
# Legal suffixes that end a firm's name even without a comma (not "PC", "LP", "Co": "Diagnostic
# LP" is a lumbar puncture)
_LEGAL_BARE = r"(?:Inc|INC|LLC|L\.L\.C|LLP|Ltd|Corp|CORP|Corporation|PLLC)\.?"
# (a plural possessive ends one: "Corrales Growers' Market Co-op")
# (a saint's abbreviation inside a name: "Mercy Health St. Vincent")
_ORG_WORD = (rf"(?:(?:St|Ste|Mt|Ft)\.(?=[ ]{U}[{LOWER}])"
             rf"|{U}[{UPPER}{LOWER}'’.-]*[{UPPER}{LOWER}](?:(?<=s)['’](?=[ ]{U}))?|{U}"
             r"|\d+(?:st|nd|rd|th)?)")
ORG = (rf"{_ORG_WORD}(?:[ ](?:(?:&|and|of|the|de|la|del|for)[ ])?{_ORG_WORD}){{0,7}}"
       rf"(?:,?[ ]{_LEGAL}(?![\w]))?")
# The value ends the field (a sentence after "Employer:" is an instruction, not an employer), or
# stands before a parenthesis ("Empl: Tri-Valley Cold Storage (loader / forklift)").
# In lower case too, as a hand fills a form ("Last employer: brazos cold storage").
_LOWER_ORG = r"[a-z][a-z0-9'’.&-]*(?:[ ](?:&[ ])?[a-z][a-z0-9'’.&-]*){0,5}"
EMPLOYER_FIELD = re.compile(
    r"(?<![A-Za-z][ ])(?<![A-Za-z])(?i:(?:(?:last|previous|prior|former|current|past|"
    r"subscriber|insured|spouse|spouse's|patient's|employee's)[ ])?"
    r"employer(?:[ ]name|[ ]on[ ]file|[ ]of[ ]record)?|name[ ]of[ ]employer|empl\.?|"
    r"company(?:[ ]name)?|place[ ]of[ ]employment|employed[ ]by|works?[ ]at|workplace|"
    r"plan[ ]sponsor|employer[ ]group|group[ ]name)"
    # a compound label: "Employer / job: ...", "Employer/Occupation: ..."
    r"(?i:[ ]?/[ ]?(?:job|occupation|position|job[ ]title|title))?"
    # a form's field number between the label and its colon: "Employer (FL 65): ..."
    r"(?:[ ]\((?:FL|box|item|field)[ ]?\d{1,3}\))?"
    rf"[ \t]*:[ \t]*(?P<value>{ORG}|{_LOWER_ORG})\.?(?={_ENDS_FIELD}|[ \t]*[;,(])",
    re.MULTILINE,
)
# (an injury or a claim at a firm: "back strain at Libbey Glass Plant", "a prior claim ... at
# Libbey Glass")
_WORK = (r"works?|worked|working|injury|injured|strain|sprain|hurt|claims?|employed|"
         r"employment|employee|hired|retired|job|position|"
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
         r"shift|shifts|duty|duties|return[ ]to[ ]work|rtw|summers|summer[ ]job|part-time|"
         r"seasonal|weekends")
EMPLOYER_PROSE = re.compile(
    rf"(?i:\b(?:{_WORK})\b)[^.\n;:]{{0,60}}?\b(?i:at|for|by|with)(?:[ ]|[ \t]*\n[ \t]*)"
    rf"(?:the[ ])?(?P<value>{ORG})")
# Work left or ended, or an employer named in prose: "Off work from X", "(retired, X;", "laid
# off from X", "her husband's employer, X".
EMPLOYER_LEFT = re.compile(
    r"(?i:\b(?:off[ ]work[ ]from|out[ ]of[ ]work[ ]from|retired[ ]from|laid[ ]off[ ](?:from|by)|"
    r"let[ ]go[ ](?:from|by)|fired[ ]from|terminated[ ](?:from|by)|resigned[ ]from)[ ]|"
    r"\((?:retired|ret\.|former(?:ly)?(?:[ ]with)?)(?:,[ ]|[ ]from[ ]|[ ])|"
    r"\bemployer(?:,|[ ]is|[ ]was|[ ]being)[ ])"
    rf"(?:the[ ])?(?P<value>{ORG})")
# An employer named just after the word, in prose or in brackets ("Employer Maumee Freightways
# HR contact ...", "employer Libbey Glass, 2011", "spouse's employer (Mercy Health St.
# Vincent)"): a bracket closes it, or its first word is in no dictionary.
EMPLOYER_NEXT = re.compile(rf"(?<![\w-])(?i:employer)(?P<open>[ ]\(|[ ])(?P<value>{ORG})")
# The answer to a question of where one worked, in a transcript: "Q. Who did you work for
# before that?\n A. Delmar Tank Services, six years", "PQ: Prior employers?\nLO: Brandt Mills".
EMPLOYER_ANSWER = re.compile(
    r"(?i:\b(?:(?:who|where)\b[^?\n]{0,40}\bwork(?:ed)?\b[^?\n]{0,20}|(?:prior|previous|past|"
    r"other|former)[ ]employers?|(?:employment|work)[ ]history)\?)[ \t]*\n?[ \t]*\d{0,2}[ \t]*"
    rf"(?:A\.|[A-Z]{{1,3}}:)[ \t]+(?P<value>{ORG})")
# The party after "v." in a case caption ("RE: Ana Ruiz v. Delta Packing, Inc.").
CAPTION = re.compile(
    rf"(?im:^[ \t]*(?:re|in[ ]re|case|caption|matter)[ \t]*:.*?\bvs?\.[ ](?P<value>{ORG}))")
# Cover had through an employer, in brackets or after "her employer": "group 0058114 (through
# Harbor Marine Supply)", "dental plan through her job, Coastline Family Dental" (not "insured
# through Anthem Blue Cross": a payer).
EMPLOYER_THROUGH = re.compile(
    rf"(?i:\b(?:insurance|insured|coverage|covered|plan|benefits|group|member[ ]id|policy)\b)"
    rf"[^.\n]{{0,60}}?(?:\((?i:through|via)[ ]|\b(?i:through|via)\s(?i:her|his|my|their|your)"
    rf"\s(?i:employer|job|work|company),?\s)(?P<value>{ORG})")
# A firm in parentheses after a credential: "Marisol Ruiz, RN (Mineral King Dialysis)".
AFTER_CREDENTIAL = re.compile(rf"\b{name_rules.CREDENTIAL}[ ]\((?P<value>{ORG})\)")



VOCABULARY = Path(__file__).with_name("organisations.yaml")


@cache
def _vocabulary() -> dict[str, list[str]]:
    return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


@cache
def _keep() -> re.Pattern[str]:
    names = "|".join(re.escape(w) for w in _vocabulary()["keep"])
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.IGNORECASE)


@cache
def by_suffix() -> re.Pattern[str]:
    """A run of capitalised words ending in an organisation word or a legal suffix."""
    words = _vocabulary()["suffixes"]  # as written or in capitals ("GULF PETROCHEM")
    suffix = "|".join(re.escape(w) for w in sorted({*words, *(w.upper() for w in words)},
                                                     key=len, reverse=True))
    join = r"[ ](?:(?:&|and|of)[ ])?"
    return re.compile(
        rf"(?<![\w'’.-])(?P<value>(?:{_ORG_WORD}{join}){{1,5}}(?:{suffix})\b"
        rf"(?:,?[ ]{_LEGAL}(?![\w]))?"
        rf"|{_ORG_WORD}(?:{join}{_ORG_WORD}){{0,5}}(?:[ ]{_LEGAL_BARE}|,[ ]{_LEGAL})(?![\w])"
        # "Santa Fe Southern Signal Co.": "Co." with its full stop after two words or more
        rf"|{_ORG_WORD}(?:{join}{_ORG_WORD}){{1,5}}[ ]Co\.(?![\w])"
        # "Zia Fuel & Propane Co.": a "Co." after an ampersand names a firm
        rf"|(?:{_ORG_WORD}[ ]){{1,3}}&[ ](?:{_ORG_WORD}[ ]){{0,3}}(?:Co\.|Company)(?![\w])"
        # "Kessler & Daughters", "Rourke & Sons": a family firm
        rf"|{_ORG_WORD}[ ]&[ ](?:Sons|Daughters|Brothers|Bros\.|Sisters)(?![\w]))")


@cache
def by_department() -> re.Pattern[str]:
    """An acronym before an employer's department: "TVCS HR"."""
    words = "|".join(re.escape(w) for w in _vocabulary()["departments"])
    return re.compile(rf"(?<![\w-])(?P<value>[A-Z]{{3,6}})[ ](?:{words})\b")


def kept(org: str) -> bool:
    """A name of the ``keep`` vocabulary (a guideline body, a payer's programme, an agency)."""
    return _keep().search(org) is not None


def _acronyms(bare: str) -> set[str]:
    """The acronyms of the first three words or more of a name, hyphen parts counted: "TVCS"
    and "TVCSL" of "Tri-Valley Cold Storage Logistics"; four letters at least."""
    parts = [w for w in re.split(r"[ -]+", bare) if w and w.lower() not in ("&", "and", "of",
                                                                           "the")]
    if not all(re.match(U, w) for w in parts):
        return set()
    letters = "".join(w[0] for w in parts)
    return {letters[:n] for n in range(4, len(letters) + 1)}


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
    before = bare.split(" & ")[0]
    if before != bare and len(before.split()) >= 2:
        out.add(before)  # "Zia Propane" of "Zia Propane & Fuel Co."
    first = bare.split()[0]
    if len(bare.split()) >= 2 and re.fullmatch(rf"{U}[{LOWER}]+(?:-{U}[{LOWER}]+)+", first):
        out.add(first)  # the distinctive head of "Tri-Valley Cold Storage Logistics"
    if len(bare.split()) >= 2 and len(first) >= 5 and re.fullmatch(rf"{U}[{LOWER}]+", first) \
            and not is_word(first) and not is_clinical_word(first):
        out.add(first)  # a head in no dictionary, said alone ("Kessler" of "Kessler Dairy")
    words = bare.split()
    if len(words) >= 3 and all(re.fullmatch(rf"{U}[{LOWER}]+", w) for w in words[:2]) and not any(
            is_never_name(w) or is_clinical_word(w) or w in _GENERIC for w in words[:2]):
        out.add(" ".join(words[:2]))  # its first two words, said alone: "Smoky Ridge" of "Smoky
        # Ridge Aluminum Products", "Marmot Bay" of "Marmot Bay Fisheries, LLC"
    out |= _acronyms(bare)
    # a VA medical centre short and long ("Rio Puerco VAMC", "Rio Puerco VA Medical Center")
    out |= {re.sub(r"\bVAMC\b", "VA Medical Center", bare), re.sub(
        r"\bVA Medical Center\b", "VAMC", bare)}
    # (never a state's name alone: "Minnesota" of "Minnesota Freightways" is no identifier, and
    # learned it would take "the Minnesota PMP" and the state's agencies with it)
    return {v for v in out if len(v) >= 4 and not all(is_never_name(w) for w in v.split())
            and not kept(v) and not _STATE.fullmatch(v)}


# Words that open many firms' names and name none of them alone ("United States Steel", "First
# National Bank", "North Pacific Spine"): no head of two words is learned with one of them.
_GENERIC = frozenset("United States National American General First Second Third New North "
                     "South East West Central Great Western Eastern Northern Southern Mid Pacific "
                     "Atlantic Global International Federal State County City Community Family "
                     "Home Total Advanced Premier Allied Associated Consolidated Standard "
                     "Universal Golden Green Blue Red Royal Union".split())
_NO_EMPLOYER = frozenset("none self self-employed unemployed retired disabled n/a na unknown same "
                         "not applicable student homemaker".split())
_LEADING = frozenset("The Then A An And Her His Their Per From At For With In On By To Of Also "
                     "Both Former Current Previous Prior Patient Employer Company Before After "
                     "Since Until".split())


def _trimmed(org: str) -> tuple[int, str]:
    """``org`` without leading words that are no part of a name ("Then", "Medical"): the
    number of characters dropped and what is left."""
    words = org.split(" ")
    drop = 0
    while len(words) > 2 and words[0] in _LEADING:
        drop += len(words.pop(0)) + 1
    return drop, " ".join(words)


# an employer's department or contact after its name: "Maumee Freightways HR contact"
_DEPARTMENT_AFTER = re.compile(r"(?:[ ](?:HR|Payroll|Safety|Human[ ]Resources|Benefits|Risk"
                               r"(?:[ ]Management)?|Dispatch|Contact|Rep|Office))+$")
_PATTERNS = ((EMPLOYER_FIELD, 5), (CAPTION, 5), (EMPLOYER_LEFT, 4), (AFTER_CREDENTIAL, 4),
             (EMPLOYER_NEXT, 4),
             (EMPLOYER_PROSE, 4), (EMPLOYER_THROUGH, 4), (EMPLOYER_ANSWER, 4))


def employers(text: str) -> tuple[list[Span], set[str]]:
    spans, learned = [], set()
    found = [(m, pattern, p) for pattern, p in _PATTERNS for m in pattern.finditer(text)]
    found += [(m, by_suffix(), 3) for m in by_suffix().finditer(text)]
    found += [(m, by_department(), 3) for m in by_department().finditer(text)]
    for match, pattern, priority in found:
        org = match.group("value").rstrip(" ,")
        start = match.start("value")
        if pattern is EMPLOYER_NEXT:
            org = _DEPARTMENT_AFTER.sub("", org)
            words = org.split()
            closed = match.group("open") == " (" and text[start + len(org):].startswith(")")
            if re.search(r"\d", org) or (not closed and (len(words) < 2 or is_word(words[0]))):
                continue  # "Employer (FL 65): ...": a form's field
        if pattern is by_suffix():
            if re.search(r"\bvs?\.[ ]$", text[max(0, start - 4):start]):
                continue  # a party of a cited case ("Guzman v. Milpitas Unified School District")
            drop, org = _trimmed(org)
            start += drop
            if org.isupper() and not re.search(rf"\b{_LEGAL}$", org) and not any(
                    len(w) >= 4 and re.search("[AEIOUY]", w[1:]) and not is_word(w)
                    for w in re.split(r"[ &]+", org)):
                continue  # a heading in capitals ("ESRD ON PERITONEAL DIALYSIS"): a name in
                # capitals needs a word in no dictionary that is no acronym ("BRAZOS")
        end = start + len(org)
        if re.search(rf"\b{_LEGAL}$", org) and text[end:end + 1] == "." and \
                not org.endswith("."):
            org += "."  # "Co." whose full stop the last word did not take
        words = org.split()
        lower = pattern is EMPLOYER_FIELD and org.islower()
        if lower and (len(words := org.split()) < 2 or any(w in _NO_EMPLOYER for w in words)):
            continue  # "employer: none", "employer: self employed"
        if (not re.match(U, org) and not lower) or (pattern is AFTER_CREDENTIAL and (
                len(words) < 2 or re.search(r"\d", org)
                or any(is_never_name(w) for w in words))):
            continue  # "(Hospitalist)", "(Pain Medicine)", "(RPh 80412)": not a firm
        if pattern is not EMPLOYER_FIELD and (
                (is_never_name(words[0]) and pattern is not by_suffix()) or kept(org)
                or all(is_never_name(w) for w in words) or re.match(name_rules.TITLE + r"\b", org)
                or (pattern is EMPLOYER_PROSE and len(words) < 2 and not re.search(_LEGAL, org)
                    and (len(org) < 4 or "-" not in org))):
            continue
        spans.append(Span(start, start + len(org), PhiKind.employer, priority))
        learned |= _org_variants(org)
    return spans, learned
