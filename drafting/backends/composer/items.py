"""The item sections of a draft: each criterion with its status, evidence and standard,
and the item's outcome in the document type's words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from drafting.backends.composer.common import (
    OUTCOME_PHRASES,
    STATUS_WORDS,
    Context,
    deciding,
    denial,
    document_name,
    evidence_of,
    guideline_sentence,
    listed,
    missing_documents,
    note_lead,
    notes_text,
    open_required,
    service,
    stance,
    statements,
    what_to_add,
)
from drafting.backends.composer.text import (
    Writer,
    humanize_note,
    joined,
    longdate,
    lower_first,
    markers,
    strip_end,
    upper_first,
)

# ------------------------------------------------------------------------------ item analysis


def _status(ctx: Context, criterion: Mapping[str, Any], w: Writer, item: Mapping[str, Any],
            given: Sequence[str] = ()) -> str:
    status, gap = criterion["status"], criterion.get("gap")
    secondhand = [n for n in criterion.get("notes", []) if n.startswith("met on secondhand")]
    if status == "met" and secondhand:
        rest = [humanize_note(n) for n in criterion.get("notes", []) if n not in secondhand]
        said = humanize_note(secondhand[0]).removeprefix("met on secondhand evidence: ")
        return (f"Met on secondhand evidence ({said}"
                + (f"; {'; '.join(rest)}" if rest else "") + ").")
    notes = notes_text(ctx, criterion, w, given)
    if status == "met":
        return f"Met{notes}."
    if stance(ctx) == "advocacy":
        return ""  # said as what to add, in the note below
    docs = missing_documents(ctx, criterion.get("missing_documents", []))
    if status == "not_met":
        return f"Not met{notes}."
    if gap == "submission" and docs:
        return (f"Not documented in the packet{notes}: {joined([document_name(d) for d in docs])}"
                f" {'is' if len(docs) == 1 else 'are'} cited in the record but "
                f"{'was' if len(docs) == 1 else 'were'} not supplied.")
    return (f"Not documented{notes}: no record dated on or before "
            f"{longdate(item['date_of_service'])} documents it.")


def item_analysis(ctx: Context) -> str:
    w = Writer(ctx)
    result, item = ctx["results"][0], ctx["item"]
    doc_type, how = ctx["case"]["document_type"], stance(ctx)
    if result["criteria_set"] is None:
        return (f"No criteria set in this system covers the {service(item['service'])} on "
                f"{longdate(item['date_of_service'])}; the reviewer must analyse this item "
                "directly.")
    when = "rendered on" if item["status"] == "rendered" else "requested for"
    # "This item" is the subject: a service named in the plural ("physical therapy treatments")
    # would otherwise disagree with its verb.
    paragraphs = [f"{item['id']}, the {service(item['service'])} ({when} "
                  f"{longdate(item['date_of_service'])}), is judged against the criteria for "
                  f"{lower_first(result['criteria_title'])}."]
    decision = denial(ctx, item)
    if doc_type == "appeal_letter" and decision:
        ids = [f for f in decision.get("facts", []) if w.has(f)]
        w.used.update(ids)
        reason = strip_end(decision["reason"])
        stated = (f"The denial of {item['id']} gave its conclusion without naming a criterion."
                  if re.search(r"(?i)medically necessary", reason) else
                  f"The denial of {item['id']} stated: \"{reason}\".")
        paragraphs.append(stated
                          + (f" The record shows this {markers(ids)}." if ids else "")
                          + " The record answers it criterion by criterion.")
    quoted: set[str] = set()
    to_add: list[str] = []
    repeats: dict[str, list[str]] = {}
    for criterion in result["criteria"]:
        earlier = ctx.get("repeats", {}).get(criterion["criterion_id"])
        if earlier:
            repeats.setdefault(earlier, []).append(criterion["criterion_id"])
            if criterion["status"] != "met" and how == "advocacy" and (
                    criterion["required"] or criterion.get("decides_if_contradicted")):
                to_add.append(what_to_add(ctx, criterion, w))
            continue
        weight = "" if criterion["required"] else " (supporting)"
        head = f"**{strip_end(criterion['statement'])}{weight}.**"
        parts = [head]
        ids = evidence_of(ctx, result["item_id"], criterion["criterion_id"])
        weak = criterion["status"] != "met"
        status = _status(ctx, criterion, w, item, given=ids)
        again = criterion["statement"] in ctx.get("statements_before", [])
        if status and again:  # the same criterion as an earlier item's, on other evidence
            status = f"For {item['id']}, {lower_first(status)}"
        if status:
            parts.append(status)
        if how == "advocacy" and weak:
            if criterion["required"] or criterion.get("decides_if_contradicted"):
                to_add.append(what_to_add(ctx, criterion, w))
            said = ("what to add is set out below." if criterion["required"] else
                    "documenting it would strengthen the request.")
            parts.append(f"For {item['id']}, {said}" if again else upper_first(said))
        else:
            said = w.evidence(ids, mention="The record shows this")
            if said:
                parts.append(said)
        standard = guideline_sentence(ctx, criterion, w, quoted)
        if standard:
            parts.append(standard)
        paragraphs.append(w.unique(" ".join(parts)))
    for earlier, ids in repeats.items():
        # one line per criterion, its statement at its head in bold (the guideline's words,
        # which may say what is not necessary, are never read as this draft's claim) and this
        # item named on each line (a third item judged as the first is not the second's
        # sentences again)
        same = [c for c in result["criteria"] if c["criterion_id"] in ids]
        met = all(c["status"] == "met" for c in same)
        paragraphs.append("\n".join(
            [f"For {item['id']}, as for {earlier} and on the same record, "
             + ("these criteria are met:" if met else "these criteria stand as analysed there:")]
            + [f"**{upper_first(strip_end(c['statement']))}**"
               f"{'' if c['required'] else ' (supporting)'}: "
               f"{STATUS_WORDS[c['status']]} for {item['id']}." for c in same]))
    if not re.search(r"\[F\d+\]", " ".join(paragraphs)):
        # no criterion rests on a fact: cite what the request itself rests on
        own = [f for f in list(item.get("facts", [])) + [f["id"] for f in ctx["facts"]]
               if w.has(f)][:1]
        said = w.evidence(own, lead=f"The request for {item['id']} rests on the record: ",
                          mention="The record shows this")
        if said:
            paragraphs.insert(1, said)
    weak_evidence = [f for c in result["criteria"] if c["status"] == "not_met"
                     and c["criterion_id"] in result["deciding"]
                     for f in evidence_of(ctx, result["item_id"], c["criterion_id"])[:1]]
    paragraphs.append(_item_outcome(ctx, result, item, w, to_add, weak_evidence))
    return "\n\n".join(p for p in paragraphs if p)


def _reason(result: Mapping[str, Any]) -> str:
    """Why the item's outcome is what it is (named by its id, so two items decided alike are
    never explained in the same sentence)."""
    outcome, item = result["outcome"], result["item_id"]
    decisive = deciding(result)
    if outcome == "necessary" and open_required(result):
        return (f"For {item}, not every required criterion is documented; the outcome rests on "
                f"{statements(decisive)}: the decision under review stands, since the party that "
                "appealed it did not overcome it on this record.")
    if outcome == "necessary":
        return (f"For {item}, every required criterion is met"
                + (f", including that {statements(decisive)}" if decisive else "") + ".")
    if outcome == "not_necessary":
        return (f"For {item}, the requirement that {statements(decisive)} is not met on this "
                "record.") if decisive else f"For {item}, a required criterion is not met."
    return (f"For {item}, the requirement that {statements(decisive)} is not established on "
            "the records provided.") if decisive else \
        f"For {item}, a required criterion is not established."


def short_reason(result: Mapping[str, Any]) -> str:
    """The conclusion's short reason (the item section gives the full one)."""
    decisive = deciding(result)
    if result["outcome"] == "necessary" and open_required(result):
        return ", the decision under review standing on the burden of proof"
    if result["outcome"] == "necessary":
        return ", each required criterion being met on the record"
    if not decisive:
        return ""
    return f", because the requirement that {statements(decisive)} is not met"


def _item_outcome(ctx: Context, result: Mapping[str, Any], item: Mapping[str, Any], w: Writer,
                  to_add: list[str], weak_evidence: Sequence[str] = ()) -> str:
    outcome = result["outcome"]
    if outcome is None:
        return ""
    name = service(item["service"])
    doc_type, how = ctx["case"]["document_type"], stance(ctx)
    phrase = OUTCOME_PHRASES[outcome]
    if how == "neutral":
        words = ctx["document"]["words"] or {}
        form = words.get(f"{outcome}_denied") if denial(ctx, item) else None
        stated = (form or words.get(outcome) or f"The {{service}} is {phrase}.").format(
            service=name)
        return f"**Decision.** {stated} {_reason(result)}"
    if how == "opinion":
        tense = "was" if item["status"] == "rendered" else "is"
        return (f"**Opinion.** To a reasonable degree of medical probability, the {name} {tense} "
                f"{phrase}. {_reason(result)}")
    # advocacy
    if outcome == "necessary":
        lead = {"appeal_letter": "**Response to the denial.**",
                "predenial_dossier": "**Summary.**"}.get(doc_type, "**Summary.**")
        decision = denial(ctx, item)
        said = (f"The decision under review stands on the burden of proof, and the {name} is "
                "medically necessary for this patient." if open_required(result) else
                f"The stated reason is answered by the record: every required criterion is met, "
                f"and the {name} is medically necessary for this patient."
                if doc_type == "appeal_letter" and decision else
                f"Every required criterion is met, and the {name} is medically necessary for this "
                "patient.")
        if to_add:
            said += f" To make the request for {item['id']} stronger still, {listed(to_add)}."
        return f"{lead} {said}"
    ask = listed(to_add) or f"document what the criteria for the {name} require"
    forecast = "not medically necessary" if outcome == "not_necessary" else \
        "not shown to be medically necessary"
    weak_evidence = [f for f in weak_evidence if f not in w.used]
    shown = w.evidence(weak_evidence, lead="The record now states: ",
                       mention="The record shows this") if weak_evidence else ""
    return (f"{note_lead(ctx)} On the records now on file, a reviewer applying these criteria "
            f"would likely find the {name} {forecast}. To support the request for {item['id']}, "
            f"{ask}. "
            f"{shown}").strip()
