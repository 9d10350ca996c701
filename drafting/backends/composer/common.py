"""What every section of the offline composer shares: how each document type argues, and the
small helpers that say a criterion, an item, a record or a standard in words.

How a section argues depends on the document type's stance (``drafting/outlines``):

- **advocacy** (pre-denial dossier, appeal letter, letter of medical necessity): the requester's
  strongest record-based case. Where the criteria engine finds the request weak, the draft never
  argues against it and never concludes that it is not necessary: it says, in a note to the
  physician that begins "**Before sending.**" (a dossier: "**To add before submitting.**"),
  what the criteria need and what to add (the record to enclose, the finding to document).
- **neutral** (review determination): each item decided in the setting's words (upheld or
  overturned, favorable or unfavorable).
- **opinion** (litigation opinion): the expert's opinion for the side that retained them (or
  neutral), stated to a reasonable degree of medical probability and never against the record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from drafting.backends.composer.text import (
    Writer,
    doc_title,
    gist,
    humanize_note,
    joined,
    longdate,
    lower_first,
    reads_record,
    relevant_sentences,
    strip_end,
)

Context = Mapping[str, Any]
DOSSIER_NOTE = "**To add before submitting.**"
SIDES = {"plaintiff": "counsel for the plaintiff", "defense": "counsel for the defense",
         "neutral": "the parties, as a neutral reviewer", "provider": "the treating provider",
         "patient": "the patient", "payer": "the payer"}
OPPOSING = {"plaintiff": "The defense", "defense": "The plaintiff", "neutral": "The payer",
            "provider": "The payer", "patient": "The payer", "payer": "The requesting provider"}
STATUS_WORDS = {"met": "met", "not_met": "not met", "undocumented": "not documented"}
OUTCOME_PHRASES = {
    "necessary": "medically necessary",
    "not_necessary": "not medically necessary",
    "insufficient_documentation": "not shown to be medically necessary on the records provided",
}


# ------------------------------------------------------------------------------ helpers


def stance(ctx: Context) -> str:
    return str(ctx["document"]["stance"])


def note_lead(ctx: Context) -> str:
    return DOSSIER_NOTE if ctx["case"]["document_type"] == "predenial_dossier" else \
        "**Before sending.**"


_COMMON = {"utilization", "health", "plan", "physician", "claims", "medical", "peer", "nurse",
           "independent", "reviewer", "review", "insurer", "carrier", "the", "a", "an", "pharmacy",
           "payer", "external", "internal", "second", "first"}


def role(text: str) -> str:
    """A reviewer's role in running text: 'UR physician reviewer', 'Medicare contractor',
    'utilization review nurse' (a common first word lower-cased, a name kept)."""
    first = text.split(" ", 1)[0]
    return lower_first(text) if first.lower() in _COMMON else text


# Abbreviations of legal and guideline citations written out in running text: a period before a
# space would end the sentence there ("Cal. Labor Code", "Minn. R. 5221.6050, subp. 8" were each
# read as two or three sentences, the tail a sentence of its own repeated in every section).
# The longer form first; a form a period does not end is left alone.
_CITATION_WORDS = [(re.compile(rf"\b{re.escape(short)} "), f"{long} ") for short, long in [
    ("W. Va. Code R.", "West Virginia Code of State Rules"), ("W. Va.", "West Virginia"),
    ("Minn. R.", "Minnesota Rules"), ("Minn.", "Minnesota"), ("Cal.", "California"),
    ("Pa.", "Pennsylvania"), ("Stats.", "Statutes"), ("Pub.", "Publication"),
    ("Rev.", "Revision"), ("No.", "No"), ("subp.", "subpart"), ("Ch.", "chapter"),
    ("ch.", "chapter")]]


def citation(excerpt: Mapping[str, Any]) -> str:
    """An excerpt's citation as prose, its abbreviations written out (``_CITATION_WORDS``)."""
    text = str(excerpt["citation"])
    if ". " in text:
        for short, long in _CITATION_WORDS:
            text = short.sub(long, text)
    return text


def service(name: str) -> str:
    return lower_first(name)


def item_of(ctx: Context, item_id: str) -> Mapping[str, Any]:
    return next(i for i in ctx["items"] if i["id"] == item_id)


def section_number(ctx: Context, kind: str) -> int | None:
    return next((s["number"] for s in ctx["sections"] if s["kind"] == kind), None)


def record_pointer(ctx: Context) -> str:
    number = section_number(ctx, "records")
    return f"the records listed in section {number}" if number else "the records provided"


def required(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in result["criteria"] if c["required"]]


def open_required(result: Mapping[str, Any]) -> bool:
    """Whether a required criterion is not met on the record: a necessary item then rests on
    the burden of proof (the decision under review stands), never on every criterion met."""
    return any(c["status"] != "met" for c in required(result))


def deciding(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in result["criteria"] if c["criterion_id"] in result["deciding"]]


def statements(criteria: Sequence[Mapping[str, Any]]) -> str:
    return joined([lower_first(strip_end(c["statement"])) for c in criteria])


def missing_documents(ctx: Context, ids: Sequence[str]) -> list[Mapping[str, Any]]:
    return [d for d in ctx["case"]["documents"] if d["id"] in ids]


def document_name(doc: Mapping[str, Any]) -> str:
    return f"the {lower_first(doc_title(doc['title']))} (dated {longdate(doc['date'])})"


def denial(ctx: Context, item: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The decision on the item, else on the case, if it denied or modified the request."""
    for decision in ((item or {}).get("prior_decision"), ctx["case"].get("prior_decision")):
        if decision and decision["decision"] in ("denied", "modified"):
            return decision
    return None


def evidence_of(ctx: Context, item_id: str, criterion_id: str) -> list[str]:
    return list(ctx["evidence"].get(item_id, {}).get(criterion_id, []))


def what_to_add(ctx: Context, criterion: Mapping[str, Any], w: Writer) -> str:
    """What the physician should add so the criterion is met: the record to enclose, the
    finding to document, or (where the record contradicts it) a revised request or the reason
    this patient is an exception; never an argument against the request."""
    statement = lower_first(strip_end(criterion["statement"]))
    docs = missing_documents(ctx, criterion.get("missing_documents", []))
    if docs:
        return f"enclose {joined([document_name(d) for d in docs])}, which the record cites"
    if criterion["status"] == "not_met":
        return (f"meet the requirement that {statement}, which the record now contradicts: "
                "revise the request, or document why this patient is an exception")
    return f"document that {statement}"


def advice_grounds(ctx: Context, criteria: Sequence[Mapping[str, Any]], w: Writer,
                   lead: str) -> str:
    """The record that advice on ``criteria`` (``what_to_add``) points to, in a sentence of its
    own after the advice: the facts that cite a record to enclose, and those that contradict
    a criterion. Advice about the record grounds what it says of the record, and the marker
    stands apart from the requirement it names (a requirement stated beside the fact that
    contradicts it would read as that fact's claim). ``lead`` frames a gist in the section's
    own words (another kind of section may give the same gist)."""
    ids: list[str] = []
    for criterion in criteria:
        if criterion.get("missing_documents"):
            ids += citing(ctx, criterion["missing_documents"])
        elif criterion["status"] == "not_met":
            ids += list(criterion.get("contradicting_facts", []))
    ids = [i for i in dict.fromkeys(ids) if w.has(i)]
    return w.evidence(ids, lead=lead, mention="The record shows this")


def citing(ctx: Context, document_ids: Sequence[str]) -> list[str]:
    """The facts that cite any of the documents (a record the packet lacks)."""
    wanted = set(document_ids)
    return [f["id"] for f in ctx["facts"] if wanted & set(f.get("references", []))]


def record_basis(ctx: Context, paragraphs: Sequence[str], w: Writer, lead: str) -> str:
    """For a section given facts whose paragraphs cite none (advice to document what no
    record shows, a record named as missing): a sentence citing what the first request rests
    on, so the section's claims about the record are grounded in it. Empty otherwise."""
    if re.search(r"\[F\d+\]", " ".join(paragraphs)):
        return ""
    own = [f for i in ctx["items"] for f in i.get("facts", [])] + [f["id"] for f in ctx["facts"]]
    first = next((f for f in own if w.has(f)), None)
    if first is None:
        return ""
    # its gist, never a bare mention: "The record shows this" after advice to document
    # something would read as if the record showed it
    w.used.add(first)
    return f"{lead}{lower_first(gist(w.facts[first]['statement']))} [{first}]."


def listed(parts: Sequence[str]) -> str:
    """Things to do, separated by semicolons, the last after 'and'."""
    parts = list(dict.fromkeys(p for p in parts if p))
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + "; and " + parts[-1]


def guideline_sentence(ctx: Context, criterion: Mapping[str, Any], w: Writer,
                       quoted: set[str]) -> str:
    """The standard a criterion rests on: its provision cited, and quoted (the sentence that
    bears on the criterion) the first time this section cites it."""
    for excerpt_id in criterion["basis"]:
        excerpt = w.excerpts.get(excerpt_id)
        if excerpt is None:
            continue
        marker = f"[G:{excerpt_id}]"
        if excerpt_id in quoted or excerpt_id in ctx.get("excerpts_quoted", []):
            return f"Standard: {excerpt['guideline']} {marker}."
        quoted.add(excerpt_id)
        said = relevant_sentences(excerpt["text"], criterion["statement"], 1)
        return (f"The standard is {citation(excerpt)} {marker}. "
                + " ".join(f"{strip_end(s)} {marker}." for s in said))
    return ""


def notes_text(ctx: Context, criterion: Mapping[str, Any], w: Writer,
               given: Sequence[str] = ()) -> str:
    """The criteria engine's notes on a criterion, in words, without what restates the facts
    ``given`` (quoted and cited next, in the same paragraph): a status line ('Met (12 weeks
    documented).') states no value of the record without its citation."""
    sources = [w.facts[i]["statement"] for i in given if w.has(i)]
    parts = []
    for note in criterion.get("notes", []):
        kept = [c for c in humanize_note(note).split("; ") if not reads_record(c, sources)]
        if kept:
            parts.append("; ".join(kept))
    return f" ({'; '.join(parts)})" if parts else ""
