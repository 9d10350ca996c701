"""Stage ``context``: for each planned section, only the facts, criteria results and excerpts it
needs, within its token budget (``drafting.context.build_context``); then what the whole draft
needs each section to know (``enrich``):

- **the evidence of each criterion**, chosen by relevance to that criterion: the facts the
  engine read, best first, and for a criterion that is not met or not documented any other fact
  of the record that bears on it (a note that "no first-line agent was tried" is the evidence
  that none was, even when the engine read the prescription instead). Every fact a criterion's
  result rests on is in the section's facts, whatever the budget trims;
- **how to refer to each fact**: a fact is quoted in full once in the draft (in the chronology,
  or where it is first used), given as a short gist the next time, and after that only
  mentioned with its citation, so no sentence is repeated;
- **the document**: its stance, addressee, salutation and outcome words for the setting, and
  whether the case records a denial; and the numbered sections, for cross-references.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from drafting.case import Case, Fact
from drafting.context import build_context, fact_data
from drafting.criteria.facts import evidence_cutoff
from drafting.criteria.results import CriterionResult, ItemResult, Status
from drafting.outline import PlannedSection, denial_of, load_outline
from drafting.stages.retrieve import Grounding
from guideline_index.tokens import count_tokens

EVIDENCE_SHOWN = 2  # facts shown per criterion (the deciding one first)
# A fact outside the engine's evidence joins a criterion that is not met or not documented when
# it shares this many content words with the criterion's statement, and this share of them.
RELEVANT_WORDS, RELEVANT_SHARE = 3, 0.3
_WORD = re.compile(r"[a-z][a-z0-9-]+")
_NEGATION = re.compile(r"\b(?:no|not|never|none|without|denies|denied|declined|absent)\b", re.I)
_STOP = frozenset("""a an the and or of to in on for with at by from as is was were be been are
this that these those it its their his her they he she which who than then there into about
after before during over under not no nor but if so such per each any all both more most other
some only same very can could may might must should would will has have had do does did also
least required requires record records documented patient request requested""".split())
# Section kinds that quote facts in full (the record summary first); the others refer back.
QUOTING_KINDS = {"chronology", "item_analysis"}


@dataclass(frozen=True)
class SectionContext:
    planned: PlannedSection
    data: dict[str, Any]


class BuildContexts:
    name: ClassVar[str] = "context"

    def __init__(self, case: Case, results: list[ItemResult], grounding: Grounding):
        self.case = case
        self.results = results
        self.grounding = grounding

    def run(self, sections: list[PlannedSection]) -> list[SectionContext]:
        built = [SectionContext(planned, build_context(
            planned, self.case, self.results, self.grounding.excerpts,
            self.grounding.found.get(planned.key, []))) for planned in sections]
        enrich(built, self.case, self.results)
        return built


# ---------------------------------------------------------------------------- relevance


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    return word[:7]


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    """Content words of a text, crudely stemmed (plural and tense endings, seven letters)."""
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP)


def fact_words(fact: Fact) -> frozenset[str]:
    tags = " ".join(t.replace("_", " ") for t in fact.tags)
    return words_of(f"{fact.statement} {tags}")


def relevance(criterion: CriterionResult, fact: Fact) -> int:
    """How many content words the criterion's statement shares with the fact (and its tags)."""
    return len(words_of(criterion.statement) & fact_words(fact))


def criterion_evidence(criterion: CriterionResult, case: Case,
                       cutoff: dt.date | None = None) -> list[str]:
    """The facts that bear on one criterion, the deciding one first: for a met criterion the
    supporting facts; otherwise the contradicting facts (or, for a gap, those the engine read),
    with any other fact of the record that bears on the criterion, ranked by relevance."""
    facts = {f.id: f for f in case.facts}
    if criterion.status is Status.met:
        engine = list(criterion.supporting_facts)
    else:
        engine = list(dict.fromkeys(criterion.contradicting_facts + criterion.supporting_facts))
    engine = [f for f in engine if f in facts]
    ranked = sorted(engine, key=lambda i: -relevance(criterion, facts[i]))
    if criterion.status is Status.met:
        return ranked
    wanted = words_of(criterion.statement)
    extras = []
    for fact in case.facts:
        if fact.id in engine or fact.proposed or (cutoff is not None and fact.date > cutoff) \
                or fact.category.value == "utilization_review":
            continue  # a reviewer's decision is not evidence on the criterion
        shared = relevance(criterion, fact)
        if shared < RELEVANT_WORDS or shared < RELEVANT_SHARE * len(wanted):
            continue
        if criterion.status is Status.undocumented and not _NEGATION.search(fact.statement):
            continue  # a gap is shown only by a fact that records the absence
        extras.append((shared, fact.id))
    extras.sort(key=lambda pair: -pair[0])
    best_engine = relevance(criterion, facts[ranked[0]]) if ranked else -1
    if extras and extras[0][0] > best_engine:  # the fact that decides it comes first
        return [extras[0][1], *ranked, *(i for _, i in extras[1:])]
    return [*ranked, *(i for _, i in extras)]


# ---------------------------------------------------------------------------- enrichment


def enrich(contexts: list[SectionContext], case: Case, results: list[ItemResult]) -> None:
    outline = load_outline(case.document_type)
    setting = case.setting.value
    words = outline.words(setting)
    document = {
        "title": outline.title, "stance": outline.stance,
        "addressee": outline.for_setting(outline.addressee, setting),
        "salutation": outline.for_setting(outline.salutation, setting),
        "closing": outline.for_setting(outline.closing, setting),
        "words": words.model_dump() if words else None,
        "denial": denial_of(case),
        "requires_denial": outline.requires_denial,
    }
    numbered = []
    number = 0
    for context in contexts:
        kind = context.planned.spec.kind
        if kind != "letter":
            number += 1
        numbered.append({"key": context.planned.key, "kind": kind, "title": context.planned.title,
                         "number": number if kind != "letter" else None,
                         "item": context.planned.item.id if context.planned.item else None})
    items = {i.id: i for i in case.disputed_items}
    evidence: dict[str, dict[str, list[str]]] = {}
    for result in results:
        cutoff = evidence_cutoff(items[result.item_id], case) if result.item_id in items else None
        evidence[result.item_id] = {
            c.criterion_id: criterion_evidence(c, case, cutoff)[:EVIDENCE_SHOWN]
            for c in result.criteria}
    facts = {f.id: f for f in case.facts}
    quoted: set[str] = set()
    used_by_kind: dict[str, set[str]] = {}
    excerpts_quoted: set[str] = set()
    analysed: dict[tuple[str, str, tuple[str, ...]], str] = {}
    for context in contexts:
        data = context.data
        data["document"] = document
        data["sections"] = numbered
        shown = {r["item_id"]: evidence.get(r["item_id"], {}) for r in data["results"]}
        data["evidence"] = shown
        needed = _needed(context, shown)
        _include(data, [facts[i] for i in needed if i in facts], case,
                 context.planned.spec.budget)
        # How this section refers to each fact: in full (its first quotation in the draft),
        # as a gist (a short form, once per kind of section: each kind frames it in its own
        # words) or by a mention (a short sentence and the citation), after that.
        refs: dict[str, str] = {}
        kind = context.planned.spec.kind
        used = used_by_kind.setdefault(kind, set())
        # the order a section uses its facts in: the chronology's own; otherwise the evidence
        # of the criteria it states (a conclusion: the deciding ones; objections: those
        # objected to), which is what it must have
        order = [f["id"] for f in data["facts"]] if kind == "chronology" else needed
        for fact_id in order:
            if fact_id in refs:
                continue
            if fact_id not in quoted and kind in QUOTING_KINDS:
                refs[fact_id] = "full"
                quoted.add(fact_id)
            elif fact_id not in used:
                refs[fact_id] = "gist"
            else:
                refs[fact_id] = "mention"
            used.add(fact_id)
        data["refs"] = refs
        # A criterion an earlier item section already analysed with the same result on the same
        # evidence is referred to that section; an excerpt already quoted is only cited.
        data["excerpts_quoted"] = sorted(excerpts_quoted)
        data["repeats"] = {}
        data["statements_before"] = sorted({k[0] for k in analysed})
        if kind == "item_analysis":
            given = [e["id"] for e in data["excerpts"]]
            for result in data["results"]:
                for criterion in result["criteria"]:
                    key = (criterion["statement"], criterion["status"],
                           tuple(shown.get(result["item_id"], {}).get(
                               criterion["criterion_id"], [])))
                    if key in analysed:
                        data["repeats"][criterion["criterion_id"]] = analysed[key]
                        continue
                    analysed[key] = result["item_id"]
                    basis = next((e for e in criterion["basis"] if e in given), None)
                    if basis is not None:
                        excerpts_quoted.add(basis)


def _needed(context: SectionContext, shown: Mapping[str, Mapping[str, list[str]]]
            ) -> list[str]:
    """Facts the section must have, whatever its budget: the evidence of every criterion whose
    result it states (item sections, conclusions, objections)."""
    kind = context.planned.spec.kind
    if kind not in ("item_analysis", "conclusion", "objections"):
        return []
    ids: list[str] = []
    for result in context.data["results"]:
        for criterion in result["criteria"]:
            if kind == "conclusion" and criterion["criterion_id"] not in result["deciding"]:
                continue
            if kind == "objections" and criterion["criterion_id"] not in {
                    o["criterion_id"] for o in result.get("objections", [])}:
                continue
            ids += shown.get(result["item_id"], {}).get(criterion["criterion_id"], [])
    return list(dict.fromkeys(ids))


def _tokens(entry: dict[str, Any]) -> int:
    return count_tokens(json.dumps(entry, ensure_ascii=False))


def _include(data: dict[str, Any], needed: Iterable[Fact], case: Case, budget: int) -> None:
    """Put every needed fact in the section's facts; to stay within the budget, drop first the
    facts nothing needs (last first), then excerpts (last first)."""
    have = {f["id"] for f in data["facts"]}
    missing = [fact_data(case, f) for f in needed if f.id not in have]
    if not missing:
        return
    need_ids = {f.id for f in needed}
    facts = list(data["facts"]) + missing
    excerpts = list(data["excerpts"])

    used = sum(_tokens(e) for e in facts + excerpts)  # each entry counted once
    while used > budget:
        spare = [i for i, f in enumerate(facts) if f["id"] not in need_ids]
        if spare:
            used -= _tokens(facts.pop(spare[-1]))
            data["omitted"]["facts"] += 1
        elif excerpts:
            used -= _tokens(excerpts.pop())
            data["omitted"]["excerpts"] += 1
        else:
            break
    data["facts"], data["excerpts"] = facts, excerpts
