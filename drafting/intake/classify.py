"""What kind of record a document is, its date, title and author's role.

The title lines at the top of a record decide its type (``MRI LUMBAR SPINE``, ``PROCEDURE NOTE``,
``UTILIZATION REVIEW DETERMINATION``); when no title is recognised, words across the document
are counted. The date is the first labelled date of the visit, exam, study, procedure or letter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from drafting.case.vocab import RecordType
from drafting.deid.dates import DATE_PATTERN, find_dates
from drafting.intake.extract.values import ocr_digits

# Title patterns, most specific first (an "electrodiagnostic consultation" is not a consultation).
TITLE_RULES: list[tuple[RecordType, str]] = [
    (RecordType.review_decision, r"independent (?:medical )?review|\bIMR\b|"
                                 r"external (?:appeal|review)|reconsideration|"
                                 r"appeals? council|administrative law judge|redetermination"),
    # a medical-legal evaluator's report (AME, QME, IME) retells the record it reviewed
    (RecordType.legal_correspondence, r"(?:agreed|qualified|independent) medical evaluat|"
                                      r"independent medical exam|medical-legal|"
                                      r"\b[AQI]ME\b.*\breport|supplemental (?:medical )?report"),
    (RecordType.ur_denial, r"utilization review|adverse (?:benefit )?determination|non-?certif|"
                           r"non-?affirm|denial|notice of (?:action|decision)|"
                           r"prior authorization decision|medical review|"
                           # a plan's notice deciding a request ("NOTICE OF PRIOR AUTHORIZATION
                           # DETERMINATION", "COVERAGE DETERMINATION"), whatever it decided
                           r"(?:notice of|authorization|coverage|pre-?service|UR) "
                           r"(?:\w+ )?determination|"
                           r"determination: (?:denied|non-certified)"),
    (RecordType.request_for_authorization, r"request for (?:authorization|prior authorization)|"
                                           r"\bRFA\b|authorization request"),
    (RecordType.peer_to_peer, r"peer[- ]to[- ]peer"),
    (RecordType.appeal, r"\bappeal\b"),
    (RecordType.electrodiagnostic_report, r"electrodiagnostic|\bEMG\b|nerve conduction|\bNCS\b"),
    (RecordType.imaging_report, r"\bMRI\b|\bCT\b|radiograph|x-?rays?|imaging|\bultrasound\b|"
                                r"radiolog(?:y|ic) report|"
                                r"myelogra|discogra|bone scan"),
    (RecordType.psych_evaluation, r"psycholog|psychiatr|behavioral health evaluation|"
                                  r"cognitive[- ]behavio(?:u)?ral|\bCBT\b|psychotherap"),
    (RecordType.operative_report, r"operative report|operative note"),
    (RecordType.procedure_report, r"procedure (?:note|report)|procedure performed"),
    # ("SPINAL CORD STIMULATOR TRIAL - SUMMARY REPORT", "Trial record")
    (RecordType.device_trial_record, r"trial\s*[-\u2013\u2014:]?\s*(?:summary\s+)?"
                                     r"(?:log|record|summary|report)"),
    (RecordType.pt_note, r"physical therapy|physiotherapy|rehab|\bPT (?:initial |daily |progress )?"
                         r"(?:eval|re-?eval|note|visit|discharge)"),
    (RecordType.chiropractic_note, r"chiropract"),
    (RecordType.pharmacy_record, r"pharmacy|dispensing|prescription history|medication history"),
    (RecordType.consultation_note, r"consultation|\bconsult\b|second opinion"),
    (RecordType.office_note, r"progress (?:note|report)|office (?:visit|note)|follow-?up|"
                             r"evaluation|clinic note|visit note|PR-?2|registration|"
                             r"new patient|intake form|medication reconciliation|urgent care|"
                             r"emergency (?:department|room)|\bHPI\b|chief complaint|F/U note"),
    (RecordType.legal_correspondence, r"deposition|law offices?|attorney"),
    (RecordType.other, r"correspondence|\bletter\b|fax cover"),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in TITLE_RULES]
# A provider's appeal names the denial it appeals after the word appeal ("RE: Expedited
# first-level appeal - denial of lumbar medial branch blocks", "Appeal of denial"); a plan's
# decision names the appeal it decided ("Appeal denied", "Denial of your appeal").
# A letter's subject line ("RE: ...", "Subject: ...").
_SUBJECT = re.compile(r"^[ \t]*(?:RE|Re|Subject|SUBJECT)\s*:\s*(.+)$", re.MULTILINE)
_APPEALING = re.compile(r"\bappeal\b(?!\s+(?:is\s+|was\s+)?(?:denied|upheld|decision|"
                        r"determination))[^.]{0,40}?\bdenial\b", re.IGNORECASE)
# Kinds known only by their title: a note that names an MRI or an EMG is not its report, nor is
# a note that mentions a psychological evaluation, therapy or a pharmacy one.
TITLED_ONLY = {RecordType.imaging_report, RecordType.electrodiagnostic_report,
               RecordType.psych_evaluation, RecordType.operative_report,
               RecordType.procedure_report, RecordType.device_trial_record, RecordType.pt_note,
               RecordType.chiropractic_note, RecordType.pharmacy_record}
# The few short lines that open a record name it even in mixed case ("Peer-to-Peer
# Conversation Record", "QuickFake Urgent Care - Elmwood").
_OPENING_LINES = 3
_SHORT_TITLE = 70  # as long as a line may be before the layout wraps it (extract/text.py)

DATE_LABELS = re.compile(
    r"\b(?P<label>date of service|DOS|visit date|date of visit|exam date|"
    r"date of exam(?:ination)?|date of study|"
    r"study date|date of procedure|procedure date|date of (?:re-?)?eval(?:uation)?|"
    r"(?:re-?)?eval(?:uation)? date|"
    r"date of discharge|discharge date|report date|date of report|date of request|"
    r"request date|date of determination|determination date|letter date|date filled|"
    r"date of (?:this )?(?:notice|decision|letter)|(?:notice|decision) date|"
    r"date of (?:the )?last visit|last visit date|arrival(?: date)?|date of arrival|"
    r"date of re-?exam(?:ination)?|re-?exam(?:ination)? date|"
    r"admi(?:ssion|t) date|date of admission|"
    # a request is of the day it was sent ("Date submitted: 02/02/2026")
    r"date submitted|submission date|date of submission|"
    # a specimen's results are of the day it was collected, not reported
    r"collected|collection date|date collected|date(?:/time)?|"
    # a visit's own field opening a line or a column ("Visit: Tuesday, November 4, 2025"),
    # not another visit's ("Date of first visit:", "Last visit:"); without its colon where a
    # date follows at once ("Visit 10/21/2026   Provider: ...", "PART II (visit 11/03/2026)")
    r"(?:(?<![^\n])|(?<=\S\s\s)|(?<=\())visit(?=\s*:|\s+\d))"
    # (its weekday, in full or short: "Date of service: Thu 10/8/26")
    r"\s*[:#]?\s*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    r"(?P<date>" + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") + ")",
    re.IGNORECASE,
)
# A bare "Date:" names the document's day only when no field says what its date is: a header's
# "Rx date: 02/26/2026" (a referral's) comes before "Date of re-evaluation: 04/14/2026".
_BARE_DATE_LABEL = re.compile(r"^date(?:/time)?$", re.IGNORECASE)
# A labelled date preceded by one of these words is not the document's date.
_NOT_DOCUMENT_DATES = re.compile(r"\b(?:anticipated|expected|next|planned)\s*$", re.IGNORECASE)
_ACRONYMS = {"mri", "ct", "emg", "ncs", "pt", "rfa", "ur", "dwc", "pr-2", "scs", "esi", "mbb"}
_ROLES: list[tuple[str, str]] = [
    (r"diagnostic radiology|radiologist", "radiologist"),
    (r"\bDPT\b|\bPT\b(?!-)|physical therapist", "physical therapist"),
    (r"\bPsyD\b|psychologist", "clinical psychologist"),
    (r"occupational medicine", "occupational medicine physician"),
    (r"physical medicine and rehabilitation", "physiatrist"),
    (r"anesthesiology and pain medicine|pain medicine", "pain medicine physician"),
]


@dataclass(frozen=True)
class Classification:
    type: RecordType
    title: str
    date: dt.date | None
    author: str | None


# A letter's identifying fields (its "RE:" block): never a title, though written in capitals.
_ID_FIELD = re.compile(r"^(?:RE|DOI|DOB|D/?O/?I|MRN|SSN|claim|case|member|WCAB|ADJ|EAMS|employer|"
                       r"carrier|applicant|insured|acct|account)\b[^:]{0,25}:", re.IGNORECASE)


# A letter's body has begun: its salutation, or a line of prose longer than any title. The
# headings below it ("HISTORY", "IMAGING") are its sections, not the record's title.
_BODY = re.compile(r"^dear\b", re.IGNORECASE)
_PROSE = 100
_SENTENCE = re.compile(r"[a-z]{2}[.!?](?:\s|$)")  # (an address line's "8 a.m.-8 p.m." is none)
# A letterhead's organisation ("FICTIVE WORK REHAB, INC.", "MOCKWOOD BEHAVIORAL PAIN SERVICES"):
# what it names is the practice, not the record, when a later title line names the record.
_ORGANISATION = re.compile(r"\b(?:inc|llc|ltd|corp|p\.?c|pllc|group|associates|services|benefits|"
                           r"center|"
                           r"centre|clinic|hospital|university|department|laborator(?:y|ies)|"
                           r"institute|partners|practice)\b", re.IGNORECASE)
_RECORD_WORDS = re.compile(r"\b(?:note|report|evaluation|summary|letter|decision|determination|"
                           r"request|form|record|consult\w*|review|notice|questionnaire)\b",
                           re.IGNORECASE)


def _letterhead(line: str) -> bool:
    return bool(_ORGANISATION.search(line)) and not _RECORD_WORDS.search(line)


def _title_lines(text: str) -> list[str]:
    """Capitalised heading lines near the top of the first page (what they say in parentheses
    aside: "ADVERSE DETERMINATION (after peer-to-peer)"), and its first short lines, up to the
    start of a letter's body."""
    out = []
    opening = 0
    for raw in [line for line in text.splitlines() if line.strip()][:15]:
        line = " ".join(raw.split())
        if _BODY.match(line) or (len(line) > _PROSE and _SENTENCE.search(line)):
            break
        if _ID_FIELD.match(line):
            continue  # "DOI: 04/17/2022; CT 01/01/2019 - ..." is a field, whatever its capitals
        opening += 1
        letters = [c for c in re.sub(r"\([^)]*\)", "", line) if c.isalpha()]
        capitals = _capitals(letters) or (":" not in line and any(
            _capitals([c for c in cell if c.isalpha()], 8) and _RECORD_WORDS.search(cell)
            for cell in _CELLS.split(raw)))
        short = (opening <= _OPENING_LINES and len(line) <= _SHORT_TITLE and ":" not in line
                 and not re.search(r"\d", line))
        if capitals or short:
            out.append(line.rstrip(":"))
        elif titled := _title_cell(raw):
            out.append(titled)
        else:
            out += [field.group("study") for cell in _CELLS.split(raw)
                    if (field := _STUDY_FIELD.match(cell.strip()))
                    and _capitals([c for c in field.group("study") if c.isalpha()])]
    return out


# A study report's header field naming the study ("Exam: MRI THORACIC SPINE WITHOUT CONTRAST",
# "Study: EMG/NCS BILATERAL LOWER EXTREMITIES"): the study it names, in capitals, is the record's
# title, though the line holds other fields (the exam's date, an accession number).
_STUDY_FIELD = re.compile(r"^(?:exam(?:ination)?|study|test|procedure)\s*:\s*(?P<study>[^:]+)$",
                          re.IGNORECASE)


# A title set beside the facility's name on one line, after a wide gap or a dash
# ("Northgate Surgery Center        OPERATIVE / PROCEDURE REPORT", "Brightwater Physical Therapy -
# PROGRESS REPORT / RE-CERTIFICATION REQUEST", "DICTATED PROGRESS NOTE - dictated 09/25/2026"):
# the line names the record, the facility's words with it, when that cell names a kind of record
# (a note, report, request ...), not a list it prints ("CLAIMANT PRESCRIPTION HISTORY").
_CELLS = re.compile(r"\s{3,}|\s+[-\u2013\u2014|]+\s+")


def _title_cell(raw: str) -> str | None:
    """A title in capitals set beside a header's fields on one line, after a wide gap
    ("UTILIZATION REVIEW DETERMINATION            Date of Notice: 09/29/2026", "OFFICE VISIT   DOS:
    11/03/2026"): the cell that names a kind of record, not a field's label or value."""
    return next((" ".join(cell.split()) for cell in _CELLS.split(raw.strip())
                 if ":" not in cell and _RECORD_WORDS.search(cell)
                 and _capitals([c for c in cell if c.isalpha()], 8)), None)


def _capitals(letters: list[str], least: int = 4) -> bool:
    return len(letters) >= least and sum(c.isupper() for c in letters) / len(letters) > 0.8


def sentence_case(title: str) -> str:
    words = title.lower().split()
    out = []
    for index, word in enumerate(words):
        core = word.strip("(),")
        if core in _ACRONYMS:
            word = word.replace(core, core.upper())
        elif index == 0:
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out).replace("'S ", "'s ")


def classify(first_page: str, full_text: str) -> Classification:
    titles = _title_lines(first_page)
    kind, title = None, None
    # the first title line that names a kind of record decides, a letterhead's last
    named_lines = [t for t in titles if not _letterhead(t)] + [t for t in titles if _letterhead(t)]
    for line in named_lines:
        named = next(((k, p) for k, p in _COMPILED if p.search(line)), None)
        if named is not None:
            kind, pattern = named
            # its title: the last top line naming that kind (a facility name comes first)
            title = next(t for t in reversed(titles[:titles.index(line) + 3])
                         if pattern.search(t))
            break
    if kind is None:
        scores = {k: len(p.findall(full_text)) for k, p in _COMPILED if k not in TITLED_ONLY}
        best = max(scores, key=lambda k: scores[k])
        kind = best if scores[best] else RecordType.other
        if kind is RecordType.ur_denial and (subject := _SUBJECT.search(first_page)) and \
                _APPEALING.search(subject.group(1)):
            kind = RecordType.appeal  # "RE: First-level appeal - denial of ...": appealed
    # The document's own title: the recognised line, else the last title line (the first is
    # usually the facility).
    title = title or (titles[-1] if titles else kind.value.replace("_", " "))
    return Classification(kind, sentence_case(title), document_date(full_text),
                          author_role(full_text))


# "Dates of evaluation: 09/18/2024 and 09/19/2024", "Dates of treatment: 09/03/2025 -
# 11/19/2025", a weekly report's "Report period: 11/09/2026 - 11/13/2026" (dated 11/16/2026):
# a record of several days is complete on its last one, what it measured of that day.
_DAYS = re.compile(r"\b(?:dates of (?:evaluation|testing|treatment|care)|report(?:ing)? period|"
                   r"period covered)\s*:?(?P<days>[^\n]*)", re.IGNORECASE)


_ADMITTED = re.compile(r"\b(?:admi(?:t|ssion) date|date of admission|admitted)\s*:", re.IGNORECASE)
_DISCHARGED = re.compile(r"\b(?:discharge date|date of discharge|discharged)\s*:\s*(?P<date>"
                         + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") + ")", re.IGNORECASE)


# A letter about a visit is of the visit's day, not of the day it was typed ("I saw her on
# 01/20/2026", "we examined Mr. Doe on ...").
_SEEN_ON = re.compile(
    r"\b(?:I|we)\s+(?:saw|examined|evaluated|met with)\s+(?:him|her|them|the patient|the "
    r"(?:injured worker|applicant|claimant)|(?:Mr|Ms|Mrs|Mx|Dr)\.?\s+[A-Z][\w'-]+)"
    r"(?:\s+(?:in (?:the )?(?:clinic|office)))?\s+on\s+(?P<date>"
    + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") + ")")


# A letter's field naming the visit it reports ("Date seen: 11/16/2026", "Date of consultation:
# ...") dates it, not the line of the day it was typed or sent.
_VISIT_FIELD = re.compile(
    r"\b(?:date seen|seen on|date of (?:consultation|consult|visit)|"
    r"(?:consultation|consult) date)\s*:\s*(?P<date>"
    + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") + ")", re.IGNORECASE)


def document_date(text: str) -> dt.date | None:
    text = ocr_digits(text)  # (a faxed page's "Exam date: O3/l4/2O24")
    if (seen := _SEEN_ON.search(text)) and (day := next(find_dates(seen.group("date")), None)):
        return day.date
    if (field := _VISIT_FIELD.search(text)) and (day := next(find_dates(field.group("date")),
                                                            None)):
        return day.date  # a letter's "Date seen: 11/16/2026" under the day it was typed
    for line in text.splitlines()[:8]:  # a letter's date line ("August 28, 2023")
        on_line = list(find_dates(line))
        if on_line and len(line.strip()) == len(on_line[0].text):
            return on_line[0].date
    if (days := _DAYS.search(text)) and (stated := list(find_dates(days.group("days")))):
        return stated[-1].date
    if _ADMITTED.search(text) and (left := _DISCHARGED.search(text)) and (
            day := next(find_dates(left.group("date")), None)):
        return day.date  # a stay's record (a discharge summary) is complete at its discharge
    bare: dt.date | None = None
    for match in DATE_LABELS.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _NOT_DOCUMENT_DATES.search(text[max(line_start, match.start() - 15):match.start()]):
            continue
        found = next(find_dates(match.group("date")), None)
        if found and not _BARE_DATE_LABEL.match(match.group("label")):
            return found.date
        bare = bare or (found.date if found else None)
    return bare or _title_date(text)


# A record's title line that gives its day ("ADJUSTER FILE NOTE 10/19/2026", "Attached: LAST
# OFFICE VISIT 10/06/2026 (excerpt, printed 11/03/2026)"): its first date, when no field does.
_TITLE_WORD = re.compile(r"\b(?:note|report|visit|letter|addendum|summary|evaluation|"
                         r"consult(?:ation)?)\b", re.IGNORECASE)


def _title_date(text: str) -> dt.date | None:
    first = next((line for line in text.splitlines() if line.strip()), "")
    on_line = next(find_dates(first), None)
    return on_line.date if on_line and _TITLE_WORD.search(first[:on_line.start]) else None


def author_role(text: str) -> str | None:
    signature = "\n".join(line for line in text.splitlines()
                          if re.search(r"signed|/s/|interpreted by|evaluator|reviewed by|"
                                       r"therapist", line, re.IGNORECASE))
    for pattern, role in _ROLES:
        if re.search(pattern, signature):
            return role
    return None
