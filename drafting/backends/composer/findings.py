"""The closing sections of a draft: objections and their answers, gaps, the dossier's
checklist and the conclusion."""

from __future__ import annotations

import re

from drafting.backends.composer.common import (
    OPPOSING,
    OUTCOME_PHRASES,
    Context,
    advice_grounds,
    citing,
    deciding,
    denial,
    document_name,
    evidence_of,
    item_of,
    listed,
    missing_documents,
    note_lead,
    open_required,
    record_basis,
    required,
    service,
    stance,
    statements,
    what_to_add,
)
from drafting.backends.composer.items import short_reason
from drafting.backends.composer.text import (
    Writer,
    doc_title,
    humanize_note,
    joined,
    longdate,
    lower_first,
    markers,
    strip_end,
    upper_first,
)

# ------------------------------------------------------------------------------ objections

_OBJECTION_LEAD = "What the record says now: "


def objections(ctx: Context) -> str:
    w = Writer(ctx)
    how, perspective = stance(ctx), ctx["case"]["perspective"]
    lines = []
    described: set[tuple[str, ...]] = set()
    for result in ctx["results"]:
        for objection in result.get("objections", []):
            criterion = next((c for c in result["criteria"]
                              if c["criterion_id"] == objection["criterion_id"]), None)
            label = f"- For {result['item_id']} ({service(result['service'])}),"
            argument = strip_end(humanize_note(re.sub(r"\s*\((?:F\d+(?:, )?)+\)", "",
                                                      objection["argument"])))
            ids = evidence_of(ctx, result["item_id"], objection["criterion_id"] or "")
            if objection["raised_by"] == "for necessity":
                if how == "advocacy":
                    # the engine's finding is against the request: say what would answer it
                    weak = [c for c in deciding(result) if c["status"] != "met"] or (
                        [criterion] if criterion else [])
                    adds = [what_to_add(ctx, c, w) for c in weak]
                    grounds = advice_grounds(ctx, weak, w, lead=_OBJECTION_LEAD)
                    # the requirement, in the guideline's words, is told to the physician in
                    # the note: its words may say what is not necessary, which the letter never
                    # concludes
                    lines.append(f"{label} a reviewer is likely to deny the request. "
                                 f"{note_lead(ctx)} The denial would rest on the requirement "
                                 f"that {statements(weak)}. To answer that, {listed(adds)}. "
                                 f"{grounds}".rstrip())
                    continue
                said = w.evidence(ids, lead="The record shows that ",
                                  mention="The record shows this")
                lines.append(f"{label} the requesting side is expected to argue: \"{argument}.\" "
                             f"That point does not decide {result['item_id']}; the deciding "
                             "criteria are "
                             f"that {statements(deciding(result))}. {said}".rstrip())
                continue
            who = lower_first(OPPOSING[perspective]) if how != "advocacy" else "a reviewer"
            head = f"{label} {who} {'may' if how == 'advocacy' else 'is expected to'} argue: " \
                f"\"{argument}.\""
            if criterion is None or criterion["status"] == "met":
                said = w.evidence(ids, lead="The record answers it: ",
                                  mention="The record answers it")
                lines.append(f"{head} {said or 'The record answers it.'}")
                continue
            if how == "advocacy":
                grounds = advice_grounds(ctx, [criterion], w, lead=_OBJECTION_LEAD)
                lines.append(f"{head} {note_lead(ctx)} To answer it, "
                             f"{what_to_add(ctx, criterion, w)}. {grounds}".rstrip())
                continue
            docs = missing_documents(ctx, criterion.get("missing_documents", []))
            if criterion.get("gap") == "submission" and docs:
                cite = markers(criterion["supporting_facts"], w.facts)
                one = len(docs) == 1
                key = tuple(sorted(d["id"] for d in docs))
                if key in described:  # the same missing records answer another objection
                    lines.append(f"{head} The same missing record bears on it."
                                 + (f" The record shows this {cite}." if cite else ""))
                    continue
                described.add(key)
                # the facts bearing on it (else those naming the missing records) in a short
                # sentence of their own: a fact may name only one of the records, and beside
                # every title its marker would stand for the others' dates, sides and levels
                named = cite or markers(citing(ctx, [d["id"] for d in docs]), w.facts)
                lines.append(f"{head} {upper_first(joined([document_name(d) for d in docs]))} "
                             f"{'is' if one else 'are'} cited in the record but missing from the "
                             f"packet; the answer depends on supplying {'it' if one else 'them'}."
                             + (f" The record shows this {named}." if named else ""))
            elif criterion["status"] == "undocumented":
                lines.append(f"{head} No record answers this objection.")
            else:
                said = w.evidence(ids, lead="The record supports the objection: ",
                                  mention="The record supports the objection")
                lines.append(f"{head} {said or 'The record supports the objection.'}")
    basis = record_basis(ctx, lines, w, lead="The record on these points: ")
    if lines and basis:
        lines.append(basis)
    if not lines:
        return ("No objection to the requested services is expected on this record."
                if how == "advocacy" else "The criteria engine raises no objection to these "
                "items on this record.")
    return "\n\n".join(lines)


# ------------------------------------------------------------------------------ gaps


def gaps(ctx: Context) -> str:
    w = Writer(ctx)
    how = stance(ctx)
    lines = []
    for result in ctx["results"]:
        named: set[str] = set()
        for criterion in result["criteria"]:
            if not criterion.get("gap"):
                continue
            what = lower_first(strip_end(criterion["statement"]))
            docs = missing_documents(ctx, criterion.get("missing_documents", []))
            named |= {d["id"] for d in docs}
            # the facts bearing on the criterion, else those that name the missing records
            cite = markers(criterion["supporting_facts"] + criterion["contradicting_facts"],
                           w.facts) or markers(citing(ctx, [d["id"] for d in docs]), w.facts)
            shows = f" The record shows this {cite}." if cite else ""
            names = joined([document_name(d) for d in docs])
            if criterion["status"] != "undocumented":
                text = (f"{'met' if criterion['status'] == 'met' else 'not met'} on secondhand "
                        f"evidence only: {names} {'is' if len(docs) == 1 else 'are'} described in "
                        "the record but not in the packet"
                        + ("; enclose it." if how == "advocacy" else " and should be supplied.")
                        + shows)
            elif criterion["gap"] == "submission":
                text = (f"submission gap: {names} {'is' if len(docs) == 1 else 'are'} cited in "
                        "the record but not in the packet"
                        + ("; enclose it." if how == "advocacy" else ".") + shows)
            else:
                text = ("clinical gap: no record dated on or before the date of service "
                        "documents it" + ("; document it in the next note." if how == "advocacy"
                                          else "."))
            lines.append(f"- {result['item_id']}, {what}: {text}")
        for doc in missing_documents(ctx, result.get("missing_documents", [])):
            if doc["id"] in named:
                continue
            cite = markers(citing(ctx, [doc["id"]]), w.facts)
            lines.append(f"- {result['item_id']}: cited in the record but not in the packet: "
                         f"{document_name(doc)}{'; enclose it.' if how == 'advocacy' else '.'}"
                         + (f" The record shows this {cite}." if cite else ""))
            named.add(doc["id"])
    basis = record_basis(ctx, lines, w, lead="The record these gaps are read from: ")
    if lines and basis:
        lines.append(basis)
    if not lines:
        return ("No required evidence is missing, and each record the notes cite is in the "
                "packet.")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ checklist


def checklist(ctx: Context) -> str:
    w = Writer(ctx)
    lines = ["Attach before submission:"]
    for d in ctx["case"]["documents"]:
        if d["included"]:
            continue
        citing = [f["id"] for f in ctx["facts"] if d["id"] in f.get("references", [])]
        cite = markers(citing, w.facts)
        lines.append(f"- [ ] {doc_title(d['title'])} (dated {longdate(d['date'])}): cited in "
                     "the record but not yet in the packet."
                     + (f" The record shows this {cite}." if cite else ""))
    for d in ctx["case"]["documents"]:
        if d["included"]:
            lines.append(f"- [x] {doc_title(d['title'])} (dated {longdate(d['date'])}).")
    lines += ["", "Overall strength:"]
    for result in ctx["results"]:
        need = required(result)
        met = [c for c in need if c["status"] == "met"]
        label = f"- {result['item_id']} ({service(result['service'])}):"
        if result["outcome"] == "necessary" and open_required(result):
            lines.append(f"{label} resting on the burden of proof; {len(need) - len(met)} "
                         "required criteria are not documented.")
        elif result["outcome"] == "necessary":
            lines.append(f"{label} strong; every required criterion is met.")
        elif result["outcome"] is None:
            lines.append(f"{label} not assessed; no criteria set covers this service.")
        else:
            weak = [c for c in deciding(result)] or [c for c in need if c["status"] != "met"]
            word = "weak" if result["outcome"] == "not_necessary" else "incomplete"
            # what to add is advice to the physician, after the note's lead: the criteria it
            # names may say what is not necessary ("maintenance care is not medically
            # necessary"), which the dossier itself never concludes
            lines.append(f"{label} {word} as it stands, "
                         f"{'with some' if met else 'with no'} required criteria met. "
                         f"{note_lead(ctx)} To strengthen {result['item_id']}, "
                         f"{listed([what_to_add(ctx, c, w) for c in weak])}.")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ conclusion


def conclusion(ctx: Context) -> str:
    w = Writer(ctx)
    case = ctx["case"]
    doc_type, how = case["document_type"], stance(ctx)
    paragraphs = []
    for result in ctx["results"]:
        if result["outcome"] is None:
            paragraphs.append(f"{result['item_id']}. The {service(result['service'])} is not "
                              "decided by the criteria; the reviewer must analyse it directly.")
            continue
        item = item_of(ctx, result["item_id"])
        name = service(result["service"])
        phrase = OUTCOME_PHRASES[result["outcome"]]
        ids = [i for c in deciding(result) for i in evidence_of(ctx, result["item_id"],
                                                                c["criterion_id"])]
        evidence = w.evidence(ids, lead="The deciding evidence: ",
                              mention="The record shows this", together=True)
        if how == "opinion":
            tense = "was" if item["status"] == "rendered" else "is"
            text = (f"{result['item_id']}. To a reasonable degree of medical probability, the "
                    f"{name} {tense} {phrase}{short_reason(result)}. {evidence}")
        elif how == "neutral":
            words = ctx["document"]["words"] or {}
            form = words.get(f"{result['outcome']}_denied") if denial(ctx, item) else None
            stated = (form or words.get(result["outcome"]) or
                      f"The {{service}} is {phrase}.").format(service=name)
            text = f"{result['item_id']}. {stated} {evidence}"
        elif result["outcome"] == "necessary":
            if doc_type == "appeal_letter" and denial(ctx, item):
                text = (f"{result['item_id']}. We ask that the denial of the {name} be reversed: "
                        f"the service is {phrase} for this patient. {evidence}")
            else:
                text = (f"{result['item_id']}. For these reasons, the {name} is {phrase} for this "
                        f"patient, and I ask that it be approved. {evidence}")
        else:
            weak = [c for c in deciding(result) if c["status"] != "met"]
            adds = listed([what_to_add(ctx, c, w) for c in weak]) or \
                "document what the criteria require"
            grounds = advice_grounds(ctx, weak, w, lead="On file now: ")
            text = (f"{result['item_id']}. {note_lead(ctx)} The request for the {name} needs more "
                    f"before it is sent: {adds}. {grounds}")
        paragraphs.append(text.strip())
    basis = record_basis(ctx, paragraphs, w, lead="On file now: ")
    if paragraphs and basis:
        paragraphs[0] += f" {basis}"
    closing = ctx["document"].get("closing")
    if closing:
        paragraphs.append(closing)
    return "\n\n".join(paragraphs)
