"""The framing sections of a draft: the letter block, opening, qualifications, records,
chronology, scope and signature."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drafting.backends.composer.common import (
    SIDES,
    Context,
    citation,
    denial,
    record_pointer,
    required,
    role,
    service,
    stance,
)
from drafting.backends.composer.text import (
    Writer,
    date_label,
    doc_title,
    joined,
    longdate,
    lower_first,
    markers,
    on_date,
    patient,
    plural,
    sentences_of,
    strip_end,
    upper_first,
)
from drafting.prompting import setting_label

# ------------------------------------------------------------------------------ letter


def letter(ctx: Context) -> str:
    case, document = ctx["case"], ctx["document"]
    doc_type = case["document_type"]
    services = [f"{i['id']}, {service(i['service'])}"
                + (f" (code {i['code']})" if i.get("code") else "") for i in ctx["items"]]
    names = "; ".join(service(i["service"]) for i in ctx["items"])
    decision = denial(ctx, None) or next(
        (i["prior_decision"] for i in ctx["items"] if denial(ctx, i)), None)
    lines = []
    if document.get("addressee"):
        lines.append(f"To: {document['addressee']}")
    denied_on = decision["date"] if decision else case["dates"].get("denial")
    if doc_type == "appeal_letter":
        if denied_on:  # a decision, or only the date the case gives for the denial
            re_line = f"Appeal of the denial of {names}, dated {longdate(denied_on)}"
        else:
            re_line = f"Appeal concerning {names} (no denial is recorded in the packet)"
    elif doc_type == "review_determination":
        re_line = f"Independent review of {names}"
    elif doc_type == "predenial_dossier":
        re_line = f"Request for authorization of {names}"
    elif doc_type == "medical_necessity_letter":
        re_line = f"Medical necessity of {names}"
    else:
        re_line = f"Medical necessity of {names}"
    lines.append(f"Re: {re_line}")
    who = upper_first(patient(case))
    occupation = (case.get("patient") or {}).get("occupation")
    lines.append(f"Patient: {who[2:] if who.startswith('A ') else who}"
                 f"{', ' + occupation if occupation else ''}; identifying "
                 "details as in the enclosed records")
    if case["setting"] in ("ca_workers_comp", "other_workers_comp", "personal_injury") or \
            case["dates"].get("injury"):
        injury = case["dates"].get("injury")
        shown = longdate(injury) if injury else "not stated in the record"
        lines.append(f"Date of injury: {shown}")
    if decision and doc_type in ("appeal_letter", "review_determination"):
        lines.append(f"Decision under {'appeal' if doc_type == 'appeal_letter' else 'review'}: "
                     f"{decision['decision']} by the {role(decision['decided_by'])} on "
                     f"{longdate(decision['date'])}")
    lines.append(f"{plural(len(services), 'Service')}: {'; '.join(services)}")
    if document.get("salutation"):
        lines += ["", document["salutation"]]
    return "\n".join(lines)


# ------------------------------------------------------------------------------ opening


def _items_list(ctx: Context, w: Writer, with_decision: bool = True) -> list[str]:
    """One line per disputed item; the decision on it after it, or once after the list when
    one decision covers several items."""
    decisions: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = {}
    for item in ctx["items"]:
        decision = item.get("prior_decision")
        if decision and with_decision:
            key = (decision["decided_by"], decision["decision"], decision["date"],
                   decision["reason"])
            decisions.setdefault(key, []).append(item)
    lines = []
    for item in ctx["items"]:
        line = (f"- {item['id']}: {item['service']}"
                + (f" (code {item['code']})" if item.get("code") else "")
                + f", {'rendered on' if item['status'] == 'rendered' else 'requested for'} "
                + f"{longdate(item['date_of_service'])}.")
        decision = item.get("prior_decision")
        if decision and with_decision and len(decisions[(
                decision["decided_by"], decision["decision"], decision["date"],
                decision["reason"])]) == 1:
            line += " " + _decision_sentence(decision, "it", w)
        lines.append(line)
    for (_, _, _, _), items in decisions.items():
        if len(items) > 1:
            names = joined([i["id"] for i in items])
            lines.append(_decision_sentence(items[0]["prior_decision"], names, w))
    case = ctx["case"]
    if with_decision and not decisions:  # a decision on the whole case, or only its date
        whole = case.get("prior_decision")
        what = "it" if len(ctx["items"]) == 1 else "them"
        if whole:
            lines.append(_decision_sentence(whole, what, w))
        elif case["dates"].get("denial"):
            lines.append(f"The request was denied {on_date(case['dates']['denial'])}.")
    return lines


def _decision_sentence(decision: Mapping[str, Any], what: str, w: Writer) -> str:
    ids = [f for f in decision.get("facts", []) if w.has(f)]
    w.used.update(ids)
    return (f"The {role(decision['decided_by'])} {decision['decision']} {what} "
            f"{on_date(decision['date'])}, stating: \"{strip_end(decision['reason'])}\"."
            + (f" The record shows this {markers(ids)}." if ids else ""))


def _standards(ctx: Context, w: Writer) -> list[str]:
    lines = []
    stand_ins: dict[str, list[str]] = {}
    for result in ctx["results"]:
        first = next(iter(required(result)), None)
        excerpt_id = next((e for e in (first or {}).get("basis", []) if e in w.excerpts), None)
        stand_in = result.get("judged_on")
        if stand_in:
            # another setting's criteria stand in for the governing one (a Texas or Minnesota
            # workers' compensation item judged on the MTUS sets): said once for the items it
            # covers, never passed off as the governing standard
            stand_ins.setdefault(stand_in, []).append(result["item_id"])
            if excerpt_id:
                lines.append(f"For {result['item_id']}, the criteria applied are those of "
                             f"{citation(w.excerpts[excerpt_id])} [G:{excerpt_id}].")
        elif excerpt_id:
            lines.append(f"For {result['item_id']}, the governing standard is "
                         f"{citation(w.excerpts[excerpt_id])} [G:{excerpt_id}].")
    return _by_items(stand_ins) + lines


def _by_items(notes: dict[str, list[str]]) -> list[str]:
    """Each note once for the items it covers, a sentence that several items' notes share said
    once for all of them ("It is read through ..." after each item's own first sentence)."""
    said: dict[str, list[str]] = {}  # each sentence, in order, with the items saying it
    for text, items in notes.items():
        for sentence in sentences_of(text):
            for item in items:
                if item not in said.setdefault(sentence, []):
                    said[sentence].append(item)
    groups: list[tuple[list[str], list[str]]] = []  # consecutive sentences of the same items
    for sentence, items in said.items():
        if groups and groups[-1][0] == items:
            groups[-1][1].append(sentence)
        else:
            groups.append((items, [sentence]))
    groups.sort(key=lambda group: len(group[0]))  # each item's own first, then what they share
    return [f"For {joined(items)}: {' '.join(text)}" for items, text in groups]


def opening(ctx: Context) -> str:
    w = Writer(ctx)
    case = ctx["case"]
    doc_type, many = case["document_type"], len(ctx["items"]) > 1
    diagnoses = joined([lower_first(d["text"]) for d in case["diagnoses"]], "and")
    who = patient(case)
    occupation = (case.get("patient") or {}).get("occupation")
    parts: list[str] = []
    if doc_type == "litigation_opinion":
        parts.append(f"I have been asked by {SIDES[case['perspective']]} to give an opinion on "
                     f"medical necessity in this {setting_label(case['setting'])} matter."
                     + (f" The question presented is: {case['question'].strip()}"
                        if case.get("question") else ""))
        parts.append(f"The patient is {who}{' (' + occupation + ')' if occupation else ''} with "
                     f"{diagnoses}. This opinion applies the clinical guidelines and coverage "
                     f"standards in force on each date of service to {record_pointer(ctx)}. "
                     f"The disputed {plural(len(ctx['items']), 'item is', 'items are')}:")
        parts.append("\n".join(_items_list(ctx, w)))
    elif doc_type == "review_determination":
        injury = case["dates"].get("injury")
        parts.append(f"The patient is {who}{' (' + occupation + ')' if occupation else ''} with "
                     f"{diagnoses}. The date of injury is "
                     f"{longdate(injury) if injury else 'not stated in the record'}.")
        parts.append(f"The disputed {plural(len(ctx['items']), 'item is', 'items are')}:")
        parts.append("\n".join(_items_list(ctx, w)))
        if not ctx["document"]["denial"]:
            parts.append("No denial of these services is recorded in the packet; each item is "
                         "decided on its merits.")
    elif doc_type == "predenial_dossier":
        parts.append(f"The patient is {who}{' (' + occupation + ')' if occupation else ''} with "
                     f"{diagnoses}. This dossier sets out, criterion by criterion, the evidence "
                     f"for the following {plural(len(ctx['items']), 'request')} under "
                     f"{setting_label(case['setting'])} criteria:")
        parts.append("\n".join(_items_list(ctx, w)))
    elif doc_type == "appeal_letter":
        voice = "I am writing to appeal" if case["perspective"] == "patient" else \
            "On behalf of our patient, we appeal"
        if ctx["document"]["denial"]:
            parts.append(f"{voice} the denial of the following "
                         f"{plural(len(ctx['items']), 'service')}:")
            parts.append("\n".join(_items_list(ctx, w)))
            strong = all(r["outcome"] == "necessary" for r in ctx["results"])
            parts.append(f"The patient is {who} with {diagnoses}. " + (
                "The record meets the governing criteria, as set out below, and we ask that the "
                "denial be reversed." if strong else "The record is set out below, criterion by "
                "criterion."))
        else:
            parts.append(f"The following {plural(len(ctx['items']), 'service is', 'services are')}"
                         f" the subject of this letter, for {who} with {diagnoses}:")
            parts.append("\n".join(_items_list(ctx, w)))
            parts.append("**Before sending.** No denial of these services is recorded in the "
                         "packet, and an appeal needs the denial notice it answers. Add the "
                         "denial (its date, the reviewer and the stated reason) to the case, or "
                         "send a pre-authorization dossier instead.")
    else:
        parts.append(f"I am writing to request coverage of the following "
                     f"{plural(len(ctx['items']), 'service')} for my patient, {who}"
                     f"{' (' + occupation + ')' if occupation else ''} with {diagnoses}:")
        parts.append("\n".join(_items_list(ctx, w)))
    standards = _standards(ctx, w)
    if standards:
        parts.append("\n".join(standards))
    del many
    return "\n\n".join(parts)


# ------------------------------------------------------------------------------ qualifications


def qualifications(ctx: Context) -> str:
    case = ctx["case"]
    lines = ["The reviewer is [Reviewer name], [Reviewer credentials]."]
    if case["document_type"] == "review_determination":
        lines.append("The reviewer has no material professional, familial or financial "
                     "affiliation with any party to this review and no role in the patient's "
                     "care.")
    elif case["perspective"] in ("plaintiff", "defense"):
        lines.append(f"The reviewer was retained by {SIDES[case['perspective']]}; the fee does "
                     "not depend on the opinions expressed, and the reviewer has no role in the "
                     "patient's care.")
    else:
        lines.append("The reviewer has no financial or personal relationship with any party to "
                     "this matter and no role in the patient's care.")
    return " ".join(lines)


# ------------------------------------------------------------------------------ records


def records(ctx: Context) -> str:
    w = Writer(ctx)
    documents = ctx["case"]["documents"]
    included = [d for d in documents if d["included"]]
    lines = ["The following record was reviewed:" if len(included) == 1 else
             f"The following {len(included)} records were reviewed:"]
    for d in included:
        lines.append(f"- {doc_title(d['title'])}, dated {longdate(d['date'])}, {d['pages']} "
                     f"{plural(d['pages'], 'page')}.")
    missing = [d for d in documents if not d["included"]]
    if missing:
        lines += ["", "The following records are cited in the reviewed records but were not "
                      "included in the packet:"]
        for d in missing:
            citing = [f["id"] for f in ctx["facts"] if d["id"] in f.get("references", [])]
            cite = markers(citing, w.facts)
            lines.append(f"- {doc_title(d['title'])}, dated {longdate(d['date'])}."
                         + (f" The record shows this {cite}." if cite else ""))
    return "\n".join(lines)


# ------------------------------------------------------------------------------ chronology


def chronology(ctx: Context) -> str:
    w = Writer(ctx)
    lines = []
    for fact in ctx["facts"]:
        said = w.fact(fact["id"]) if w.level(fact["id"]) != "mention" else ""
        if said:
            lines.append(f"- {date_label(fact['date'])}: {said}")
    if ctx["omitted"]["facts"]:
        count = ctx["omitted"]["facts"]
        lines += ["", f"{count} further {plural(count, 'entry is', 'entries are')} omitted here "
                      "for length; they appear in the analysis where relevant."]
    return "\n".join(lines)



# ------------------------------------------------------------------------------ scope, signature


def scope(ctx: Context) -> str:
    return ("This opinion addresses medical necessity only: whether each disputed service was "
            "clinically indicated for the documented condition under the guidelines governing the "
            "setting on its date of service. It does not address whether the services were "
            "performed to the standard of care, and it takes the diagnosed condition as documented "
            "without addressing causation. Future care is addressed only where a disputed item is "
            "itself a proposed future service. A utilization-review or payer decision is an "
            "administrative coverage decision; this opinion applies the clinical criteria to the "
            "full record provided.")


def signature(ctx: Context) -> str:
    how, doc_type = stance(ctx), ctx["case"]["document_type"]
    if how == "opinion":
        return (f"These opinions are based on {record_pointer(ctx)} and are held to a reasonable "
                "degree of medical probability; they may be revised if further records are "
                "provided.")
    if how == "neutral":
        return (f"This determination is based on {record_pointer(ctx)} and the guidelines cited "
                "for each item.")
    if doc_type == "appeal_letter":
        return ("Thank you for reconsidering this request. Please contact the office with any "
                "question about the enclosed records.")
    return "Thank you for reviewing this request. Please contact the office with any question."
