"""Assemble a draft case from a read packet: inventory, facts with ids and sources, diagnoses,
disputed items proposed from requests and denials, key dates, de-identified patient, setting."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from drafting.case import Case, Fact, Problem, SourceRef
from drafting.case.checks import check_case
from drafting.case.vocab import (
    Decision,
    DocumentType,
    FactCategory,
    Perspective,
    RecordType,
    Setting,
    Sex,
)
from drafting.deid.dates import find_dates
from drafting.deid.recognizers import DOB
from drafting.intake.extract.decisions import ServiceRequest, requests_in
from drafting.intake.extract.diagnoses import diagnoses_in
from drafting.intake.extract.facts import document_facts
from drafting.intake.extract.found import Found
from drafting.intake.extract.uncoded_diagnoses import uncoded_diagnoses
from drafting.intake.learned.model import sentence_model
from drafting.intake.learned.reader import second_reading
from drafting.intake.packet import Packet

JURISDICTION = {
    Setting.ca_workers_comp: "California (workers' compensation)",
    Setting.medicare: "US (Medicare)",
    Setting.commercial: "US (commercial health plan)",
    Setting.personal_injury: "US (personal injury)",
    Setting.state_external_review: "US (state external review)",
    Setting.other_workers_comp: "US (workers' compensation, state not recorded)",
}
SETTING_CUES = {
    Setting.ca_workers_comp: r"workers'? comp|\bDWC\b|\bMTUS\b|\bWCAB\b|injured worker|"
                             r"primary treating physician|utilization review determination",
    Setting.medicare: r"\bMedicare\b|\bLCD\b|\bNCD\b|beneficiary|administrative contractor",
    Setting.personal_injury: r"personal injury|motor vehicle (?:accident|collision)|\bMVA\b|"
                             r"\blien\b|plaintiff|defendant",
    Setting.state_external_review: r"external (?:appeal|review)\b|Department of Financial "
                                   r"Services|\bDFS\b",
    Setting.other_workers_comp: r"\bODG\b|Official Disability Guidelines|Texas Department of "
                                r"Insurance|treatment parameters",
}
STUDY_REPORTS = {FactCategory.imaging: RecordType.imaging_report,
                 FactCategory.electrodiagnostic: RecordType.electrodiagnostic_report}
_INJURY = re.compile(r"\b(?:date of injury|DOI|injury date|date of loss|date of accident)\s*[:#]?"
                     r"\s*(?P<date>[^\s].{5,18})",
                     re.IGNORECASE)
_AGE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b", re.IGNORECASE)
_FEMALE = re.compile(r"\b(?:female|woman|Ms\.|Mrs\.|she|her)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:male|man|Mr\.|he|his|him)\b", re.IGNORECASE)


@dataclass
class Drafted:
    """A drafted case (as data, ready to write) and what a reviewer must know about it."""

    data: dict[str, Any]
    found: list[Found]
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def deterministic_facts(packet: Packet, failures: list[str] | None = None
                        ) -> dict[str, list[Found]]:
    """Each record's facts. With ``failures``, a record the extractors fail on (a fault of
    ours, never of the record) drafts no facts and is named there with the error, so the rest
    of the packet is still read; without it, the error is raised."""
    found: dict[str, list[Found]] = {}
    model = sentence_model()  # (a bad NECESSITY_SENTENCE_MODEL fails here, before any record)
    for doc in packet.documents:
        try:
            rules = document_facts(doc.doc)
            reading = second_reading(doc.doc, rules, model) if model else rules
        except Exception as exc:
            if failures is None:
                raise
            found[doc.id] = []
            first = (str(exc).splitlines() or [""])[0][:200]
            failures.append(f"{doc.id} {doc.path.name}: the extractors failed on this record "
                            f"({type(exc).__name__}: {first}); none of its facts are drafted, "
                            "read it by hand")
            continue
        found[doc.id] = reading
    return found


def assemble(packet: Packet, *, case_id: str, document_type: DocumentType | None = None,
             perspective: Perspective | None = None, setting: Setting | None = None,
             found: dict[str, list[Found]] | None = None,
             proposed: list[tuple[Any, Found]] = (), today: dt.date | None = None) -> Drafted:
    """The case as data. ``found``: facts per document id (default: the deterministic
    extractors'); ``proposed``: (document, fact) pairs from a language model, marked proposed."""
    today = today or dt.date.today()
    found = found if found is not None else deterministic_facts(packet)
    notes: list[str] = []
    documents, facts, found_all = [], [], []
    ur_facts: dict[str, list[str]] = {}
    # A procedure or study a note names in passing is left out when the packet has its own
    # report (a procedure's of the same day; a study's of that kind).
    reported = {d.doc.date for d in packet.documents
                if d.doc.type in (RecordType.procedure_report, RecordType.operative_report)}
    kinds = {d.doc.type for d in packet.documents}
    for doc in packet.documents:
        documents.append({"id": doc.id, "type": doc.doc.type.value, "date": doc.doc.date,
                          "title": doc.title, **({"author": doc.author} if doc.author else {}),
                          "pages": len(doc.record.pages)})
        if doc.dated_by_guess:
            notes.append(f"{doc.id} ({doc.path.name}): no labelled date found; dated "
                         f"{doc.doc.date} from the text, check it")
        extra = [(f, True) for d, f in proposed if d.id == doc.id]
        # the sentence classifier's facts are pending as well
        ordered = sorted([(f, f.learned) for f in found.get(doc.id, [])] + extra,
                         key=lambda pair: pair[0].page)
        for fact, is_proposed in ordered:
            if fact.named_in_passing and (STUDY_REPORTS[fact.category] in kinds
                                          if fact.category in STUDY_REPORTS
                                          else fact.date in reported):
                continue
            fact_id = f"F{len(facts) + 1}"
            facts.append(_fact_data(fact_id, doc.id, fact, is_proposed))
            found_all.append(fact)
            if fact.category.value == "utilization_review" and not is_proposed:
                ur_facts.setdefault(doc.id, []).append(fact_id)
    text = "\n".join(d.text for d in packet.documents)
    chosen_setting = setting or detect_setting(text)
    items = _items(packet, facts, ur_facts, chosen_setting, notes)
    data: dict[str, Any] = {
        "id": case_id,
        "title": items[0]["service"] if items else f"Record intake of {len(documents)} documents",
        "document_type": (document_type or DocumentType.review_determination).value,
        "perspective": (perspective or Perspective.neutral).value,
        "setting": chosen_setting.value,
        "jurisdiction": JURISDICTION[chosen_setting],
        "dates": _key_dates(packet, items),
        "patient": _patient(packet),
        "diagnoses": _diagnoses(packet),
        "documents": documents,
        "facts": facts,
        "disputed_items": items,
    }
    return Drafted(data, found_all, validate(data, today), notes)


def validate(data: dict[str, Any], today: dt.date) -> list[Problem]:
    from pydantic import ValidationError

    from drafting.case.loader import _from_pydantic

    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        return _from_pydantic(exc)
    return check_case(case, today)


def _fact_data(fact_id: str, document: str, found: Found, proposed: bool = False
               ) -> dict[str, Any]:
    fact = Fact(id=fact_id, category=found.category, date=found.date,
                date_precision=found.date_precision, end_date=found.end_date,
                statement=found.statement, procedure=found.procedure,
                laterality=found.laterality, levels=found.levels, measures=found.measures,
                percent_relief=found.percent_relief, duration=found.duration, dose=found.dose,
                mme=found.mme, tags=found.tags,
                source=SourceRef(document=document, page=found.page), proposed=proposed)
    return fact.model_dump(mode="python", exclude_defaults=True)


def _diagnoses(packet: Packet) -> list[dict[str, Any]]:
    """Each ICD-10 code once, as first written; then each diagnosis a record lists without a
    code, once, unless a coded one already says it."""
    seen: dict[str, dict[str, Any]] = {}
    for doc in packet.documents:
        for diagnosis in diagnoses_in(doc.text):
            seen.setdefault(str(diagnosis.code), diagnosis.model_dump(mode="python",
                                                                      exclude_defaults=True))
    coded = [d["text"].lower() for d in seen.values()]
    for doc in packet.documents:
        for diagnosis in uncoded_diagnoses(doc.doc):
            said = diagnosis.text.lower()
            if said not in seen and not any(said in c or c in said for c in coded):
                seen[said] = diagnosis.model_dump(mode="python", exclude_defaults=True)
    return list(seen.values())


def detect_setting(text: str) -> Setting:
    counts = {s: len(re.findall(p, text, re.IGNORECASE)) for s, p in SETTING_CUES.items()}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else Setting.commercial


def _first_date(text: str | None) -> dt.date | None:
    found = next(find_dates(text), None) if text else None
    return found.date if found else None


def _items(packet: Packet, facts: list[dict[str, Any]], ur_facts: dict[str, list[str]],
           setting: Setting, notes: list[str]) -> list[dict[str, Any]]:
    merged: dict[tuple, list[tuple[Any, ServiceRequest]]] = {}
    for doc in packet.documents:
        if doc.doc.type not in (RecordType.request_for_authorization, RecordType.ur_denial,
                                RecordType.appeal, RecordType.peer_to_peer,
                                RecordType.review_decision):
            continue
        for request in requests_in(0, doc.doc.lines):
            key = (request.procedure, request.codes[0] if request.codes else request.service)
            merged.setdefault(key, []).append((doc, request))
    items = []
    for index, entries in enumerate(merged.values(), start=1):
        entries.sort(key=lambda pair: pair[0].doc.type is not RecordType.request_for_authorization)
        first_doc, first = entries[0]
        stated = [_first_date(r.date_of_service) for _, r in entries if r.date_of_service]
        requested = [d.doc.date for d, _ in entries
                     if d.doc.type is RecordType.request_for_authorization]
        requested += [_first_date(r.request_date) for _, r in entries if r.request_date]
        requested = [d for d in requested if d]
        date_of_service = next((d for d in stated if d), None) or (
            min(requested) if requested else first_doc.doc.date)
        details: dict[str, Any] = {}
        if first.levels:
            details["levels"] = first.levels
        if first.laterality:
            details["laterality"] = first.laterality.value
        if first.quantity:
            details["quantity"] = first.quantity
        if len(first.codes) > 1:
            details["notes"] = f"Also requested under {', '.join(first.codes[1:])}."
        item: dict[str, Any] = {
            "id": f"I{index}", "service": first.service, "procedure": first.procedure.value,
            **({"code": first.codes[0]} if first.codes else {}),
            **({"details": details} if details else {}),
            "date_of_service": date_of_service, "status": "requested",
        }
        decided = [(d, r) for d, r in entries if r.decision is not None]
        if decided:
            doc, request = decided[-1]
            reasons = [f["statement"] for f in facts if f["id"] in ur_facts.get(doc.id, [])]
            reason = request.reason or " ".join(reasons)
            if not reason:
                notes.append(f"{doc.id}: the decision's reason was not found; write it under "
                             f"disputed_items[{index - 1}].prior_decision.reason")
            item["prior_decision"] = {
                "decision": request.decision.value,
                "date": doc.doc.date,
                "decided_by": "independent reviewer"
                if doc.doc.type is RecordType.review_decision
                else "UR physician reviewer" if setting is Setting.ca_workers_comp
                else "payer reviewer",
                "reason": reason or "Not stated in the records read.",
                "document": doc.id,
                "facts": ur_facts.get(doc.id, []),
            }
        items.append(item)
    return items


def _key_dates(packet: Packet, items: list[dict[str, Any]]) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    for doc in packet.documents:
        match = _INJURY.search(doc.text)
        if match and (day := _first_date(match.group("date"))):
            dates["injury"] = day
            break
    requests = [d.doc.date for d in packet.documents
                if d.doc.type is RecordType.request_for_authorization]
    for doc in packet.documents:
        for request in requests_in(0, doc.doc.lines):
            if request.request_date and (day := _first_date(request.request_date)):
                requests.append(day)
    if requests:
        dates["request"] = min(requests)
    denials = [item["prior_decision"]["date"] for item in items
               if item.get("prior_decision", {}).get("decision") == Decision.denied.value]
    if denials:
        dates["denial"] = min(denials)
    return dates


def _patient(packet: Packet) -> dict[str, Any]:
    """Age and sex only: the case file never holds a name or date of birth."""
    text = "\n".join(d.text for d in packet.documents)
    latest = max((d.doc.date for d in packet.documents), default=dt.date.today())
    age = None
    match = DOB.search(text)
    if match and (born := _first_date(match.group("value"))):
        age = latest.year - born.year - ((latest.month, latest.day) < (born.month, born.day))
    if age is None:
        ages = [int(a) for a in _AGE.findall(text) if int(a) <= 120]
        age = max(ages) if ages else 0
    female, male = len(_FEMALE.findall(text)), len(_MALE.findall(text))
    sex = Sex.female if female > male else Sex.male if male > female else Sex.unknown
    return {"age": age, "sex": sex.value}
