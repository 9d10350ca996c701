"""Names of people: where records mark them, and everywhere else once learned.

*Marked* names (``seeds``) are found by what stands around them: a field label (``Patient:``,
``Claims examiner:``, ``"author": "..."``), a title (``Dr.``, ``Ms.``), a credential after or
before (``, MD``, ``, PT, DPT``, ``Esq.``, ``CRNA``), a relation or role (``her niece, Summer``;
``paralegal, Owen Castellucci``; ``Gloria Menendez, office manager``) or the all-capitals
``LAST, FIRST M`` form of headers, footers and tables. Name words are Unicode-aware: accents,
particles (de la, van der, von, da, di, le), apostrophes (O'Neil, D'Angelo) and hyphens,
including a hyphen that breaks a name across lines.

Every word of a marked name is then *learned* (``name_tokens``) and found wherever it appears
(``known_names``): as written, in capitals, in title case and without its accents (Núñez ↔
NUNEZ), possessive included. Finally each name span *grows* over what belongs to it: a title,
initials, particles, a credential, the first name of ``LAST, FIRST``, a possessive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

import yaml

from drafting.deid.name_labels import _PERSON_KEYS, _PERSON_LABELS
from drafting.deid.name_worded import PERSONAL, worded_surname
from drafting.deid.name_wraps import CUE_GAP, wrapped_name_ok
from drafting.deid.terms import (
    APOSTROPHE,
    HYPHEN,
    LETTER,
    LOWER,
    UPPER,
    U,
    fold,
    is_clinical_word,
    is_never_name,
)
from drafting.deid.words import is_compound_word, is_word, lower_name_ok

L = f"[{LOWER}]"
PARTICLE = (r"(?:de|del|della|der|den|di|da|das|do|dos|du|van|von|ter|ten|le|la|les|los|las|"
            r"y|bin|ibn|al|el|st\.|St\.)")
# Núñez, O'Neil, McDonald, DeShawn, d'Arcy
_CAP = rf"(?:[{UPPER}dl]{APOSTROPHE})?{U}{L}+(?:{U}{L}+)*"
_CAPS = rf"(?:{U}{APOSTROPHE}|Ma?c)?{U}{U}+"  # NGUYEN, D'ANGELO, McNULTY
_PIECE = rf"(?:{_CAP}|{_CAPS})"
# One name word: hyphenated pieces (a hyphen may end a line: "Mehra-\nCoyle"; a given name
# may go on in lower case: "Ji-hoon"), or initials ("R.", "R.T.").
WORD = (rf"(?:{_PIECE}(?:{HYPHEN}(?:\n[ \t]*)?{_PIECE})*(?:{HYPHEN}{L}{{2,}})?(?:{HYPHEN}{U}\.?)?"
        rf"(?![\w{UPPER}{LOWER}])"
        rf"|(?:{U}\.){{1,3}}(?![{UPPER}{LOWER}])|{U}(?![{UPPER}{LOWER}.'’-]))")
_CAPS_PARTICLE = r"(?:DE[ ]LA|DE|DEL|DELLA|DER|DI|DA|DOS|DU|VAN|VON|ST\.)"  # "M. DE ANDA"
_PWORD = rf"(?:(?:{PARTICLE}[ ]|{_CAPS_PARTICLE}[ ](?={U}))*{WORD})"
NAME = rf"{_PWORD}(?:(?:[ ]|,[ ]?){_PWORD}){{0,4}}"
# A labelled name may continue on the next line ("Patient: Wilhelmina\nStrout").
NAME_WRAPPED = rf"{_PWORD}(?:(?:[ ]|,[ ]?|[ \t]*\n[ \t]*){_PWORD}){{0,4}}"

GENERATION = r"(?:Jr|JR|Sr|SR|II|III|IV|V)\.?"  # "Jr." and "III" belong to a name but name no one
ROLES_FILE = Path(__file__).with_name("roles.yaml")


@cache
def _roles() -> dict[str, list[str]]:
    return yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8"))


@cache
def given_months() -> frozenset[str]:
    """Month names that are also given names (April, May, June, August)."""
    return frozenset(w.lower() for w in _roles()["given_months"])


TITLE = (r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Doctor|Aunt|Uncle|Auntie|Hon|Judge|ALJ|Rev|Pastor|Rabbi|"
         r"Imam|"
         r"Sgt|Cpl|Capt|Det|Coach|Atty|ATTY|Ofc|Officer|Lt|Sra|Srta|Señora|Señorita|Señor|Doña|Dra|Dña|"
         # a claim log's "atty" before an initial or two capitalised words, not "atty Fees are"
         r"atty(?=[ ][A-Z](?:\.|\S+[ ][A-Z]))|"
         # a lawyer's title in Puerto Rico and Latin America ("Lcdo. Fernando Acevedo Ruiz")
         r"Lcdo|Lcda|Licdo|Licda|LCDO|LCDA|"
         # military ranks, as TRICARE and VA records write them ("Maj. Corinne Abernathy, MD",
         # "LTC Alyssa R. Dunlap"; not "Col." (a Mexican address's colonia), "Gen." or "Adm."
         # (court rules: "Fla. R. Gen. Prac."), "CPT" (the procedure codes))
         r"Maj|Cmdr|Cdr|Spc|Pfc|Pvt|"
         r"(?:MAJ|COL|LTC|SSG|SFC|MSG|SGM|CDR|LCDR|1LT|2LT)"
         r"(?=[ ][A-Z][a-z]+[ ](?:[A-Z]\.?[ ])?[A-Z][a-z])|"
         r"CPT(?=[ ][A-Z][a-z]+[ ][A-Z]\.[ ][A-Z][a-z])|"  # a captain, not a code
         # a police report's rank before an initial and a surname in capitals ("SGT M. DE ANDA")
         r"(?:SGT|TPR|CPL|DET|OFC|DEP|LT|CPT)(?=[ ][A-Z]\.[ ](?:[A-Z]+\.?[ ])?[A-Z]{2})|"
         # in capitals, as a transcript names its speakers ("MS. DOE:"), with their period
         r"MRS(?=\.)|MR(?=\.)|MS(?=\.)|DR(?=\.)|Fr(?=\.)|"  # and a priest's "Fr."
         # a rank or an office in capitals, as a police or court form writes it ("SGT. DOE")
         r"(?:SGT|CPL|CAPT|DET|OFC|PROF|HON)(?=\.)|"  # not "LT." (left), "REV." (revision)
         r"(?<![\w,][ ])Sr(?=\.[ ])|Sr(?=\.[ ](?:de|del|la|don)[ ]))")  # Señor, not "Ray Diaz Sr."
# An honorific before a name ("Chief Obinna Eze", "Elder Ruth Amadi"): it goes with a name found
# beside it, and a relation may stand before it, but it marks no name alone ("Chief complaint").
HONORIFIC = r"(?:Chief|Sir|Dame|Elder|Deacon|Bishop|Sheikh|Chief[ ]Judge)"
_CREDENTIAL_LIST = [
    "M.D.", "MD", "D.O.", "DO", "D.C.", "DC", "DPT", "D.P.T.", "P.T.", "PT", "PTA", "MPT",
    "OTR/L", "OTR", "OT", "COTA", "Psy.D.", "PsyD", "Ph.D.", "PhD", "Pharm.D.", "PharmD", "R.Ph.",
    "RPh", "R.N.", "RN", "BSN", "MSN", "LVN", "LPN", "CNP", "NP-C", "FNP-C", "FNP-BC", "FNP",
    "APRN", "DNP", "NP", "PA-C", "P.A.", "PA", "CMA", "MA", "LCSW", "LMFT", "MFT", "LPCC", "LPC",
    "CRNA", "FACS", "FAAPMR", "FAAOS", "FIPP", "DABPM", "DABA", "ABPN", "DABR", "MBA", "MPH",
    "MS", "Esq.", "Esq", "J.D.", "JD", "Q.M.E.", "QME", "A.M.E.", "AME", "DDS", "DMD", "DPM",
    "OD", "ATC", "CSCS", "CCC-SLP", "CNA", "EMT", "RDMS", "ESQ.", "ESQ",
    "RVT", "CNMT", "RRT", "CST", "MSW", "CHT", "LAc", "L.Ac.",
    # board certifications and certified roles after a degree ("PhD, ABPP", "RN, CCM")
    "ABPP", "CCM", "CPC", "CRC", "CDMS", "CLCP", "CRRN", "COHN-S", "CPhT", "RHIT", "RHIA",
    "LCPC", "LMHC", "BCBA", "CRNP", "AGNP-C", "ANP-BC", "PMHNP-BC", "FAAN", "FACP", "FACEP",
    "FAAPM", "FASA", "FAANS", "BA", "B.A.",
    "RDH", "RDA", "CDA", "R. NCS.T.", "R.NCS.T.", "CNCT", "RPSGT", "CNIM", "RT(R)", "RT(CT)",
    "RT(MR)", "RDCS", "RCIS", "NREMT", "NRP", "EMT-P", "AEMT", "MOA", "CCMA", "RMA", "MA-C",
    "Esquire", "ESQUIRE",
]
CREDENTIAL = "(?:" + "|".join(re.escape(c) for c in sorted(_CREDENTIAL_LIST, key=len,
                                                             reverse=True)) + ")"
# a technologist's credential may stack its modalities ("RT(R)(CT)", "RT(R)(MR)"): all of them
_CREDENTIALS = rf"(?:,?[ ]{CREDENTIAL}(?:\([A-Z]{{1,3}}\))*(?![{UPPER}{LOWER}(]))+"
_CREDENTIAL_WORDS = frozenset(c.lower().replace(".", "") for c in _CREDENTIAL_LIST)

# Words that end a name captured after a label: the next label, headings, roles.
STOP_WORDS = frozenset("""
dob d.o.b d.0.b mrn date dos doi sex age gender phone ph tel fax cell mobile address addr claim
claims member id ssn insurance insurer employer carrier account acct policy group subscriber
provider physician facility clinic re subject page of report visit exam patient name type number
no case ref reference authorization auth ur wcab adj eams medicare medicaid mbi chart record
procedure diagnosis dx cpt icd history hpi signed electronically dictated reviewed transcribed
the and or with for from to at by on in via per attn cc sent printed generated requested
referred referring ordering consultant prescriber delegate login email e-mail fin accession acc
npi dea lic license licence state bar qme title position supervisor witness vehicle plate vin
same self driver unknown none sec section chapter para
today's today pages coordinator scheduler receptionist secretary paralegal generalist
representative technician technologist director administrator specialist advocate liaison
officer agent clerk analyst desk practitioner team staff unit department dear hi hello thanks
thank sincerely regards respectfully yours cordially hr
""".split())

# A label at the start of a field ("Drug name:" and "Facility name:" are not labels of a person),
# in any case, with an optional parenthesis before its colon; a JSON key ("author": "...") too.
LABELLED = re.compile(
    rf"(?<![A-Za-z][ ])(?<![A-Za-z])(?:(?i:{_PERSON_LABELS})"
    rf"(?:[ \t]*\([^)\n]{{0,60}}\))?[ \t]*[:#][ \t]*|\"(?i:{_PERSON_KEYS})\"[ ]?:[ ]?\")"
    # the name in a lookahead: a name that runs into the next label does not swallow it
    rf"(?=(?:/s/[ \t]*)?(?:(?:{TITLE})\.?[ ])?(?P<name>{NAME_WRAPPED}))"
)
# (a scanned form may put two spaces after a title or a relation: "Mrs.  Rosenthal")
TITLED = re.compile(rf"(?<![\w'’-])(?P<title>{TITLE})\.?[ ]{{1,2}}(?:{TITLE}\.?[ ])*"
                    rf"(?P<name>{NAME})")
SIGNED = re.compile(
    rf"(?<![\w'’-])(?:/s/[ \t]*)?(?P<name>{_PWORD}(?:(?:[ ]|,[ ]?){_PWORD}){{1,4}}"
    rf"(?:,?[ ]{GENERATION})?){_CREDENTIALS}\.?")
# A credential before the name: "CRNA Meredith Sola".
CREDENTIAL_FIRST = re.compile(
    rf"\b(?:CRNA|RN|LVN|NP|FNP|PA-C|PA|PTA|DPT|LCSW|LMFT|MA|CMA|NCM|CCM)[ ]"
    rf"(?P<name>{_PWORD}(?:[ ]{_PWORD}){{1,3}})")
_RELATION = (
    r"husband|wife|spouse|partner|fianc[eé]e?|boyfriend|girlfriend|ex-husband|ex-wife|"
    r"son|sons|daughter|daughters|child|children|stepson|stepdaughter|grandson|granddaughter|"
    r"grandchild|grandchildren|mother|father|parent|parents|stepmother|stepfather|brother|"
    r"brothers|sister|sisters|sibling|siblings|twin|grandmother|grandfather|grandparent|"
    r"great-grandmother|great-grandfather|aunt|uncle|niece|nephew|cousin|mother-in-law|"
    r"father-in-law|sister-in-law|brother-in-law|son-in-law|daughter-in-law|friend|caregiver|"
    r"neighbou?r|roommate|landlord|boss|supervisor|foreman|manager|coworker|co-worker|"
    r"witness|attorney|lawyer|counsel|paralegal|secretary|assistant|adjuster|adj|adjr|examiner|"
    r"claims examiner|case manager|reviewer|pharmacist|therapist|physician|doctor|surgeon|"
    r"radiologist|psychologist|psychiatrist|nurse|scheduler|coordinator|interpreter|"
    r"representative|rep|technician|technologist|married to|widow of|widower of|divorced from|"
    r"named|called|goes[ ]by|known[ ]as|nicknamed|prefers[ ]to[ ]be[ ]called|" + "|".join(
        re.escape(w).replace(r"\ ", "[ ]") for w in _roles()["before"])
)
# The words that end an insurer's name: a run with one is a carrier, not a person ("Called
# Susquehanna Mutual adjuster ...", "Keystone Casualty", "Great Lakes Indemnity").
_INSURER = re.compile(r"\b(?:Mutual|Casualty|Indemnity|Assurance|Insurance|Underwriters)\b")
# A relation or role named just before a name: "her husband, Dale", "our paralegal, Sam Doe",
# "married to Graciela Núñez", "sons Mateo and Diego".
RELATED = re.compile(
    rf"\b(?i:{_RELATION})(?:,|:)?{CUE_GAP}(?:{HONORIFIC}[ ])?"  # on the next line too
    rf"(?P<name>{_PWORD}(?:[ ]{_PWORD}){{0,2}}"
    rf"(?:(?:,[ ]|,?[ ]and{CUE_GAP}){_PWORD}(?:[ ]{_PWORD}){{0,2}}){{0,3}})"
)
_ROLE_AFTER = (
    r"office manager|practice manager|claims examiner|claims adjuster|adjuster|examiner|"
    r"case manager|nurse case manager|paralegal|legal assistant|secretary|receptionist|"
    r"scheduler|coordinator|hr generalist|hr manager|hr representative|human resources|"
    r"supervisor|foreman|manager|medical assistant|interpreter|attorney|counsel|case worker|"
    r"social worker|caseworker|"
    r"representative|pharmacist|technician|technologist|nurse|witness|" + "|".join(
        re.escape(w).replace(r"\ ", "[ ]") for w in _roles()["after"])
)
# A role just after a name: "Gloria Menendez, office manager", "Rosalind Achebe, Claims Examiner".
ROLE_AFTER = re.compile(
    rf"(?<![\w'’-])(?P<name>{_PWORD}(?:[ ]{_PWORD}){{1,3}}),[ ]"
    rf"(?:(?:the|his|her|their|our|my|your)[ ](?:patient'?s[ ]|client'?s[ ])?)?"
    rf"(?:[A-Za-z]+[ ]){{0,2}}?(?i:{_ROLE_AFTER})\b")
# Someone the writer spoke with or who came along: "spoke with Linda Tran", "accompanied by
# Rosa". Replaced where found, but not learned (the phrase also introduces firms and programmes).
MET = re.compile(
    rf"\b(?i:spoke[ ](?:with|to)|talked[ ](?:with|to)|discussed[ ]with|met[ ]with|"
    rf"accompanied[ ]by|escorted[ ]by|brought[ ]in[ ]by|message[ ](?:left[ ])?(?:with|for))"
    rf"{CUE_GAP}"
    rf"(?P<name>{_PWORD}(?:[ ]{_PWORD}){{0,2}})")
# The party before "v." in a case caption: "D. T. Pruitt v. Pacific Crest Fulfillment".
CAPTION = re.compile(rf"(?<![\w'’-])(?P<name>{_PWORD}(?:[ ]{_PWORD}){{1,3}})[ ]vs?\.[ ]{U}")
# "LAST, FIRST M" in capitals alone in a header, footer or table cell (no grade: "Grade III, TMD").
_CAPS_WORD = rf"(?:{_CAPS}(?:{HYPHEN}{_CAPS})*)"
INVERTED = re.compile(
    rf"(?<![\w'’-])(?!(?:I{{1,3}}|IV|VI{{0,3}}|IX|X),)(?P<name>(?:(?:{PARTICLE.upper()})[ ])*"
    rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD})?,[ ]{_CAPS_WORD}(?:[ ]{_CAPS_WORD})?(?:,?[ ]{U}\.?)?)"
    rf"(?=[ \t]{{2,}}|[ \t]*[|(\n]|[ \t]*$|[ ]-{{1,2}}[ ]|[ ]\d)",
    re.MULTILINE,
)


def _is_stop(word: str) -> bool:
    bare = word.strip(".,:;'’\"").lower()
    return (bare in STOP_WORDS or bare.replace(".", "") in _CREDENTIAL_WORDS
            or is_never_name(word) or is_compound_word(word))


def trim(text: str, start: int, strict: bool = False, after: str | None = None,
         titled: bool = False) -> tuple[int, int] | None:
    """The name at the start of ``text`` (offset ``start``), or None if no word of two letters or
    more is left. After a label or a title (``strict`` False) it runs up to the first label
    word, heading, role or credential. Before a credential or a role (``strict``) stop words
    in front are dropped ("Reviewed By Jane Doe, MD") and none may stand inside."""
    words = list(re.finditer(r"[^ ,\n\t]+", text))
    first = 0
    if strict:
        while first < len(words) and _is_stop(words[first].group(0)) and not (
                words[first].group(0).lower() in given_months() and first + 1 < len(words)
                and not _is_stop(words[first + 1].group(0))):
            first += 1
    kept = None
    for i, match in enumerate(words[first:], start=first):
        word = match.group(0)
        particle = (re.fullmatch(PARTICLE, word, re.IGNORECASE) and i + 1 < len(words)
                    and re.match(U, words[i + 1].group(0)))  # "Dos Santos", not "DOS:"
        given = (word.lower() in given_months() and i + 1 < len(words)
                 and re.match(U, words[i + 1].group(0)) and not _is_stop(words[i + 1].group(0)))
        if word.endswith(":") or (_is_stop(word) and not particle and not given and
                                  not worded_surname(words, first, i, after, titled, _is_stop)):
            if strict:
                return None
            break
        kept = match
    if kept is None:
        return None
    a, b = words[first].start(), kept.end()
    if not re.search(rf"{LETTER}{{2}}", text[a:b].replace(".", "")):
        return None
    return start + a, start + b


_STRICT = (SIGNED, CREDENTIAL_FIRST, ROLE_AFTER, CAPTION, INVERTED, MET)


MARKS = (LABELLED, TITLED, SIGNED, CREDENTIAL_FIRST, RELATED, ROLE_AFTER, CAPTION, INVERTED)


def seeds(text: str, patterns: tuple[re.Pattern[str], ...] = MARKS
          ) -> Iterator[tuple[int, int]]:
    """Names marked by a label, a title, a credential, a relation or role, or the LAST, FIRST
    capitals form: (start, end) of the name words (title and credential are added by ``grow``)."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            raw = match.group("name")
            offset = match.start("name")
            if pattern is RELATED:
                cue = text[match.start():offset]
                if cue[:1].isupper() and "," in cue:
                    continue  # "Claims Examiner, Sierra Hartford Indemnity": a title, then a firm
                # each name of a list: "sons Mateo and Diego", "Ana, Luis, and Eva"
                for part in re.finditer(r"[^,]+?(?=,|[ ]and\s|$)", raw):
                    piece = re.sub(r"^(?:and\s+)", "", part.group(0).strip())
                    if not piece or (part.start() and re.fullmatch(r"[A-Z]{2,5}", piece)):
                        continue  # "counselor Tom Wolak, CRC": a credential, not a second name
                    at = offset + raw.index(piece, part.start())
                    span = trim(piece, at, after=text[at + len(piece):at + len(piece) + 8])
                    gap = "" if part.start() else cue  # "mother\nDiabetes": no name
                    if span and _name_like(text[span[0]:span[1]]) and \
                            wrapped_name_ok(gap, text[span[0]:span[1]]) and \
                            not _INSURER.search(text[span[0]:span[1]]):
                        yield span
                continue
            if pattern is INVERTED:  # not "LUMBAR, SPINE" nor "SPURLING, HOFFMANN"
                # a form's label in capitals without its colon before the name: "NAME DOE, JO"
                label = re.match(r"[A-Z]+[ ](?=[^ ,]+,)", raw)
                if label and _is_stop(label.group(0).strip()):
                    raw, offset = raw[label.end():], offset + label.end()
                words = re.findall(r"[^\s,]+", raw)
                if any(_is_stop(w) for w in words) or all(is_clinical_word(w) for w in words):
                    continue
            if pattern is LABELLED and "\n" in raw.rstrip():
                # only a name cut after its first word goes on a line, and not into a label
                first_line = raw.split("\n")[0]
                if len(first_line.split()) != 1 or re.fullmatch(rf"{U}\.?", first_line.strip()) \
                        or re.match(r"[ \t]*:", text[match.end("name"):]):
                    raw = first_line
            if pattern is SIGNED:  # "Jane Doe, PT, DPT": the name part ends before "PT"
                raw = re.sub(rf"{_CREDENTIALS}$", "", raw)
                # "for SCS, NGUYEN Thi Hoa, PsyD": an acronym before the comma is no name part
                if acronym := re.match(r"[A-Z]{2,4},[ ](?=\S+[ ]\S)", raw):
                    raw, offset = raw[acronym.end():], offset + acronym.end()
            span = trim(raw, offset, strict=pattern in _STRICT,
                        after=text[offset + len(raw):offset + len(raw) + 8],
                        titled=pattern is TITLED and bool(PERSONAL.fullmatch(match["title"])))
            if span is None and pattern is SIGNED and ", " in raw:
                # "Kings River Urgent Care, Dwight Fenwick Jr., PA-C": the name after the firm
                cut = raw.rindex(", ") + 2
                span = trim(raw[cut:], offset + cut, strict=True,
                            after=text[offset + len(raw):offset + len(raw) + 8])
            if span and pattern is LABELLED and not _labelled_ok(text, match, span):
                continue
            if span and _name_like(text[span[0]:span[1]]) and (
                    pattern is not MET or wrapped_name_ok(text[match.start():offset],
                                                          text[span[0]:span[1]])):
                yield span


_PERSON_FIELD = re.compile(
    r"(?i)[\"']?(?:patient|pt|last|first|middle|full|legal|given|surname|employee|applicant|"
    r"claimant|injured|member|insured|subscriber|name[ _]of[ _]employee)")
_DOSE = re.compile(r"[ ]\d+(?:\.\d+)?[ ]?(?:%|mg|mcg|µg|g|mL|ml|cc|units?|IU|mEq)(?![A-Za-z])")
_ACRONYM = re.compile(r"[A-Z0-9-]{1,4}(?:[ ][A-Z0-9-]{1,4})*")


def _labelled_ok(text: str, match: re.Match[str], span: tuple[int, int]) -> bool:
    """A labelled name, unless the label is a key of a data block whose value is no name: a
    JSON string that is more than the name ("author": "DME MAC claims processing"), a value
    followed by the next key ({name: NRS, value: 6}), or an acronym under a label that is not
    one of a person's name fields."""
    after = text[span[1]:span[1] + 40]
    if match.group(0).startswith('"'):
        return bool(re.match(rf"{_CREDENTIALS}?\.?\"", after))
    if re.match(r"\s*(?:,\s*[\w\"]+\s*:|[}\]])", after) or _DOSE.match(after):
        return False  # the next key follows; a dose follows: a drug ("Anesthesia: Xylo 2%")
    name = text[span[0]:span[1]]
    return not (_ACRONYM.fullmatch(name) and not _PERSON_FIELD.match(match.group(0)))


def _name_like(name: str) -> bool:
    """At least one word of two letters or more that starts with a capital."""
    return bool(re.search(rf"(?<![\w'’-]){U}(?:{APOSTROPHE}{U})?[{UPPER}{LOWER}]", name))


def name_tokens(name: str) -> set[str]:
    """The full name and each of its words (and hyphen parts) long enough to stand alone;
    initials, titles, credentials, particles and clinical words are dropped."""
    name = re.sub(r"[ \t]*\n[ \t]*", " ", name).replace("-\n", "-").strip(" ,")
    words = [w.strip(".,") for w in re.split(r"[ ,]+", name) if w.strip(".,")]
    tokens = {" ".join(re.split(r"[ ]+", name))} if len(words) > 1 else set()
    if len(words) > 1 and words[0].lower() in given_months() and not _is_stop(words[1]):
        tokens.add(words[0])  # "April" of "April Dunmore"; found again where no date follows
    for word in words:
        parts = [word, *re.split(HYPHEN, word)] if re.search(HYPHEN, word) else [word]
        for part in parts:
            bare = part.strip("'’")
            if (len(fold(bare)) >= 3 and not _is_stop(bare)
                    and not re.fullmatch(GENERATION, bare)
                    and not re.fullmatch(PARTICLE, bare, re.IGNORECASE)
                    and re.match(U, bare)):
                tokens.add(bare)
    return tokens


@lru_cache(maxsize=32)
def _variants_pattern(tokens: frozenset[str]) -> re.Pattern[str] | None:
    variants: set[str] = set()
    for token in tokens:
        plain = fold(token)
        variants |= {plain, plain.title()}
        if not (len(plain) <= 4 and is_word(plain)):  # not "PEG" (a tube) for Peg
            variants.add(plain.upper())
        words = [w for w in plain.split() if not re.fullmatch(PARTICLE, w, re.IGNORECASE)]
        if words and all(lower_name_ok(w) for w in words):  # "lola", "trujillo", not "hope"
            variants.add(plain.lower())
    if not variants:
        return None
    alternation = "|".join(re.escape(v).replace(r"\ ", r"\s+")
                           for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternation})(?:{APOSTROPHE}s)?(?![\w])")


_FAMILY_PLURAL = re.compile(r"(?<=[Tt]he[ ])(?P<word>[A-Z][\w'’-]+s)['’]?(?![\w])")


def known_names(text: str, tokens: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Every occurrence of a learned name or name word, matched on the text without accents, as
    written, in capitals or in title case, with a possessive."""
    pattern = _variants_pattern(frozenset(tokens))
    if pattern is None:
        return
    folded = fold(text)
    for match in pattern.finditer(folded):
        if match.group(0).lower() in given_months() and (
                _DATE_AFTER.match(folded, match.end())
                or _DATE_BEFORE.search(folded[max(0, match.start() - 12):match.start()])):
            continue  # "April 3", "in April": a month, not the learned given name
        yield match.start(), match.end()
    # a family named in the plural: "from the Zelayas", "the Garcias'"
    for match in _FAMILY_PLURAL.finditer(folded):
        word = match.group("word")
        if any(pattern.fullmatch(word[:-cut]) for cut in (1, 2) if word.endswith("es"[2 - cut:])):
            yield match.start(), match.end()


_DATE_AFTER = re.compile(r",?[ ]?\d")
_DATE_BEFORE = re.compile(r"(?i)\b(?:in|since|until|till|by|of|early|late|mid|last|next|during|"
                          r"before|after|through|thru|between|each|every|this|that)[ -]$|\d[ ]$")
