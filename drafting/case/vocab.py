"""Controlled vocabularies of the case file: the words a case may use and nothing else."""

from __future__ import annotations

import re
from enum import StrEnum


class _Vocab(StrEnum):
    """A string enum whose values are the spelling used in case files."""


class DocumentType(_Vocab):
    litigation_opinion = "litigation_opinion"
    review_determination = "review_determination"
    predenial_dossier = "predenial_dossier"
    appeal_letter = "appeal_letter"
    medical_necessity_letter = "medical_necessity_letter"


class Perspective(_Vocab):
    neutral = "neutral"
    plaintiff = "plaintiff"
    defense = "defense"
    provider = "provider"
    patient = "patient"
    payer = "payer"


class Setting(_Vocab):
    ca_workers_comp = "ca_workers_comp"
    medicare = "medicare"
    commercial = "commercial"
    personal_injury = "personal_injury"
    # A state's external review of a health-plan denial (e.g. New York DFS external appeals).
    state_external_review = "state_external_review"
    # Workers' compensation outside California, under the state's own guideline (ODG in Texas,
    # treatment parameters in Minnesota).
    other_workers_comp = "other_workers_comp"


class FactCategory(_Vocab):
    history = "history"
    exam = "exam"
    imaging = "imaging"
    electrodiagnostic = "electrodiagnostic"
    conservative_care = "conservative_care"
    medication = "medication"
    procedure = "procedure"
    response = "response"
    functional = "functional"
    psych = "psych"
    utilization_review = "utilization_review"
    other = "other"


class ProcedureFamily(_Vocab):
    esi = "esi"
    mbb = "mbb"
    rfa = "rfa"
    scs_trial = "scs_trial"
    scs_implant = "scs_implant"
    itp = "itp"
    pns = "pns"
    opioids = "opioids"
    tens = "tens"
    topical = "topical"
    lumbar_fusion = "lumbar_fusion"
    consultation = "consultation"
    other = "other"


class Laterality(_Vocab):
    left = "left"
    right = "right"
    bilateral = "bilateral"
    midline = "midline"


class Sex(_Vocab):
    female = "female"
    male = "male"
    other = "other"
    unknown = "unknown"


class RecordType(_Vocab):
    office_note = "office_note"
    consultation_note = "consultation_note"
    imaging_report = "imaging_report"
    electrodiagnostic_report = "electrodiagnostic_report"
    procedure_report = "procedure_report"
    operative_report = "operative_report"
    pt_note = "pt_note"
    pt_discharge_summary = "pt_discharge_summary"
    chiropractic_note = "chiropractic_note"
    pharmacy_record = "pharmacy_record"
    medication_history = "medication_history"
    score_sheet = "score_sheet"
    psych_evaluation = "psych_evaluation"
    device_trial_record = "device_trial_record"
    request_for_authorization = "request_for_authorization"
    ur_denial = "ur_denial"
    review_decision = "review_decision"  # an IMR, IRO or external-review determination
    imr_application = "imr_application"
    peer_to_peer = "peer_to_peer"
    appeal = "appeal"
    legal_correspondence = "legal_correspondence"
    other = "other"


class ItemStatus(_Vocab):
    """Whether the disputed service was already rendered or is being requested."""

    rendered = "rendered"
    requested = "requested"


class RequestType(_Vocab):
    """What kind of request an item is: reviewers judge a repeat, a continuation or a device
    revision on different criteria than a first request."""

    initial = "initial"  # first time for this patient (a first injection, starting a drug)
    repeat = "repeat"  # the same procedure again after an earlier one
    continuation = "continuation"  # continuing an ongoing treatment (a current prescription)
    replacement = "replacement"  # replacing an implanted device or its part (battery, pump)
    revision = "revision"  # revising an implanted device, its pocket or leads
    retrial = "retrial"  # a second trial after an earlier trial of the same kind


class Decision(_Vocab):
    denied = "denied"
    approved = "approved"
    modified = "modified"
    pending = "pending"


class Outcome(_Vocab):
    necessary = "necessary"
    not_necessary = "not_necessary"
    insufficient_documentation = "insufficient_documentation"


class DurationUnit(_Vocab):
    hours = "hours"
    days = "days"
    weeks = "weeks"
    months = "months"
    years = "years"


# Which perspectives each document type can be written from (domain brief, section 1).
PERSPECTIVES_BY_TYPE: dict[DocumentType, frozenset[Perspective]] = {
    DocumentType.litigation_opinion: frozenset(
        {Perspective.plaintiff, Perspective.defense, Perspective.neutral}
    ),
    DocumentType.review_determination: frozenset({Perspective.neutral}),
    DocumentType.predenial_dossier: frozenset({Perspective.provider}),
    DocumentType.appeal_letter: frozenset({Perspective.patient, Perspective.provider}),
    DocumentType.medical_necessity_letter: frozenset({Perspective.provider}),
}


# ---------------------------------------------------------------- spinal levels

_REGIONS: dict[str, int] = {"C": 7, "T": 12, "L": 5, "S": 5}
_ORDER = [f"{region}{n}" for region, count in _REGIONS.items() for n in range(1, count + 1)]
_SEGMENT = re.compile(r"^([CTLS])(\d{1,2})(?:\s*[-/]\s*([CTLS])?(\d{1,2}))?$")

LEVEL_HELP = (
    "a vertebra or root such as L5 or S1, or a motion segment of two adjacent "
    "vertebrae such as L4-L5, L5-S1 or C5-C6"
)


def normalize_level(raw: str) -> str:
    """Return the canonical spelling of a spinal level (``L4-5`` -> ``L4-L5``).

    Raises ``ValueError`` with a message a case author can act on.
    """
    text = raw.strip().upper()
    match = _SEGMENT.match(text)
    if not match:
        raise ValueError(f"'{raw}' is not a spinal level; write {LEVEL_HELP}")
    region, first, second_region, second = match.groups()
    upper = f"{region}{int(first)}"
    if upper not in _ORDER:
        raise ValueError(f"'{raw}' names {upper}, which does not exist; write {LEVEL_HELP}")
    if second is None:
        return upper
    lower = f"{second_region or region}{int(second)}"
    if lower not in _ORDER:
        raise ValueError(f"'{raw}' names {lower}, which does not exist; write {LEVEL_HELP}")
    if _ORDER.index(lower) != _ORDER.index(upper) + 1:
        raise ValueError(
            f"'{raw}' joins {upper} and {lower}, which are not adjacent; "
            f"list each segment separately (e.g. [L4-L5, L5-S1])"
        )
    return f"{upper}-{lower}"
