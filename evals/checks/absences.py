"""No sentence says the record lacks what a fact of the case records (issue #19 item 4).

The outcomes check compares a draft with the criteria engine; this one compares it with the
record. A draft that faithfully writes a wrong engine result ("no home trial is documented",
"conservative care was never tried") is flagged where a fact of the case, cited or not, states
that very thing ("a one-month home TENS trial was logged").

Only claims about the record are compared: a denial next to a phrase of
``evals/data/absence_cues.yaml`` ("no documented", "is not documented", "was never tried").
A clinical finding denied at one time and place ("no stenosis at L3-L4", "he denies
sedation") says nothing about the rest of the record and is left to the polarity check, which
reads the facts a sentence cites. The comparison is the polarity check's (``reversals``): a
denied phrase is contradicted only by a stated phrase carrying all its modifiers ("no home
TENS trial" by "home TENS trial", not by "TENS in the clinic"), and nothing unsure counts. It
runs against every fact of the case the sentence does not cite (cited ones are the polarity
check's). A criterion's statement said to be undocumented ("**The prior injection was followed
by reduced medication use.** This criterion is not documented") is not read: a criterion is a
condition, not a phrase the record lacks, and read as one it names the wrong thing (the
injection). What a sentence reports another party saying (a quoted denial reason, "the reviewer
stated that...") is not the draft's claim and is not compared."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from drafting.case.vocab import FactCategory
from evals.checks.absence_acts import act_or_count
from evals.checks.absence_claims import (
    COPULAS,
    DETERMINERS,
    absence_clauses,
    absent_text,
    claimed_absent,
    claimed_text,
    own_words,
    vocab,
)
from evals.checks.absence_kinds import (
    LIST_BREAK,
    MEASURE_WORDS,
    names_a_measure,
    planned_at,
    recorded_words,
    spelled_out,
)
from evals.checks.entities import Lexicon, lexicon, words
from evals.checks.polarity import analyse, quotes_its_sources, reversals
from evals.context import EvalContext, Sentence
from evals.findings import Finding

# (what a sentence says is missing is read in absence_claims.py; these names are also used
# from here)
__all__ = ["absence_clauses", "absent_text", "check_absences", "claimed_absent", "claimed_text",
           "clear_caches", "own_words"]

HEAD_WORDS = 3  # a kind named later in a claim is not what it says is missing

# (claim, fact id, statement) -> the message, or "" for no contradiction: the drafts of a
# case share most of their sentences, and the mutation and paraphrase studies re-check them.
FOUND: dict[tuple[str, str, str, bool, str], str] = {}
MAX_FOUND = 65536


def clear_caches() -> None:
    FOUND.clear()
    absence_clauses.cache_clear()
    recorded_words.cache_clear()
    _done.cache_clear()
    _kinds_named.cache_clear()


# "Apart from the clinic session, no use is documented": the denial excepts what it names.
_EXCEPTING = re.compile(r"\s*(?:apart from|aside from|except(?: for)?|besides|other than)\b",
                        re.IGNORECASE)


@cache
def _scope_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(vocab('scoped'))})\b", re.IGNORECASE)


def _scoped(clause: str) -> bool:
    """The clause says one note or visit lacks something ("no QuickDASH was recorded on the
    latest note"), not the record: another note holding it does not contradict it."""
    return bool(_scope_pattern().search(clause))


def check_absences(ctx: EvalContext) -> list[Finding]:
    findings = []
    # a reviewer's decision is not a record that what it names was done: compared word for
    # word only ("the cream was non-certified" does not record a topical agent tried)
    facts = [(f.id, f.statement, f.category is not FactCategory.utilization_review)
             for f in ctx.case.facts if f.statement]
    reports = _test_reports(ctx)
    for sentence in ctx.sentences:
        claims = _claims(sentence.plain)
        if claims:
            # a criterion quoted in the guideline's words ("the compound contains no
            # ingredient the guideline does not recommend") is not the draft's claim
            own = _without(sentence.plain, ctx.criterion_statements)
            claims = _claims(own) if own != sentence.plain else claims
        if not claims:
            continue
        cited = set(sentence.markers)
        if cited and quotes_its_sources(sentence.plain, [ctx.facts[m].statement for m in cited
                                                         if m in ctx.facts]):
            continue  # a fact quoted under its date ("- 30 April 2024: no prior facet block")
        for claim in claims:
            message = next((m for fact_id, statement, kinds in facts if fact_id not in cited
                            for m in [_contradiction(claim, fact_id, statement, kinds,
                                                     reports.get(fact_id, ""))] if m), "")
            if message:  # one fact that records it is enough to show the claim wrong
                findings.append(_finding(sentence, message))
                break
    return findings


def _claims(text: str) -> list[str]:
    return [c for clause, found in absence_clauses(text) for c in found
            if not _EXCEPTING.match(clause) and not _scoped(clause)]


def _without(text: str, phrases: tuple[str, ...]) -> str:
    """``text`` with every occurrence of these (lower-case) phrases blanked."""
    lower = text.lower()
    for phrase in phrases:
        at = lower.find(phrase)
        while at >= 0:
            text = text[:at] + " " * len(phrase) + text[at + len(phrase):]
            lower = lower[:at] + " " * len(phrase) + lower[at + len(phrase):]
            at = lower.find(phrase, at + len(phrase))
    return text


# Records that are the result of a test: a fact read from one records that test, though its
# statement gives only the findings ("the sensory response is 40 percent of the left" from an
# EMG and nerve conduction report).
_TEST_REPORTS = frozenset({"imaging_report", "electrodiagnostic_report", "psych_evaluation"})


def _test_reports(ctx: EvalContext) -> dict[str, str]:
    """The title of the test report each fact was read from, by fact id."""
    documents = {d.id: d for d in ctx.case.documents}
    return {f.id: documents[f.source.document].title for f in ctx.case.facts
            if f.source.document in documents and
            documents[f.source.document].type.value in _TEST_REPORTS}


def _contradiction(claim: str, fact_id: str, statement: str, kinds: bool = True,
                   report: str = "") -> str:
    key = (claim, fact_id, statement, kinds, report)
    found = FOUND.get(key)
    if found is None:
        found = _contradicted(claim, fact_id, statement, kinds, report)
        if len(FOUND) >= MAX_FOUND:
            FOUND.clear()
        FOUND[key] = found
    return found


def _contradicted(claim: str, fact_id: str, statement: str, by_kind: bool = True,
                  report: str = "") -> str:
    """The claim ("no <phrase>") against one fact: a message if the fact states the phrase,
    word for word (with all its modifiers) or, if ``by_kind``, as a kind of what the claim
    names ("no anti-inflammatory" against "ibuprofen 600 mg"; "no electrodiagnostic testing"
    against any finding of the EMG ``report`` the fact was read from)."""
    said_words = words(claim.lower())
    if set(said_words) & vocab("effects"):
        return ""  # "no the patch allowed her to sleep": an effect is missing, not the patch
    if len(said_words) > 2 and said_words[1] in DETERMINERS and set(said_words) & COPULAS:
        by_kind = False  # "no the injection was unsafe": a statement about it is missing
    shaped = act_or_count(claim, fact_id, statement)
    if shaped is not None:
        return shaped
    said, theirs = analyse(claim), analyse(statement)
    if said.polar & theirs.keys:
        for mine, _, stated in reversals(claim, [(fact_id, statement)]):
            if mine.mods is not None and (mine.key, False) in mine.literals and \
                    not planned_at(theirs.tokens, stated.span[0], vocab("not_done")):
                return (f"says the record has {said.quote(mine.span)}, but {fact_id} records "
                        f"{theirs.quote(stated.span)}")
    kinds, qualifiers = _kinds_named(claim) if by_kind else (frozenset(), frozenset())
    places = set(words(claim.lower())) & vocab("places")  # "no home TENS trial": not clinic
    if kinds and places <= recorded_words(f"{statement}; {report}"):
        lex = lexicon()
        done = _done(statement) | (_done(report) if report else frozenset())
        found = sorted(kinds & done) if qualifiers <= done else []
        if found:
            return (f"says the record has no {lex.concepts[found[0]].label}, but {fact_id} "
                    f"records one: {_short(statement)}")
    return ""


_PART = re.compile(r"[,;:.]\s+|\s+(?:but|and then|although|though)\s+")


@lru_cache(maxsize=4096)
def _done(statement: str) -> frozenset[str]:
    """The lexicon's concepts a fact records as done or present: those named in its parts
    (between commas, semicolons and "but") that neither deny, plan nor request anything ("no
    loosening" in one part of an imaging report does not unsay the radiographs of another)."""
    lex, not_done = lexicon(), vocab("not_done")
    found: set[str] = set()
    for part in _PART.split(statement):
        if part and not set(words(part.lower())) & not_done:
            # (not what a name that says a status either way stands for: "at work" is no
            # outcome measure)
            found |= {c for said, _ in lex.mentions(part) for cid in said
                      if lex.concepts[cid].synonyms for c in _recorded_with(lex, cid)}
    # what a fact names by naming all its parts ("lidocaine ... patches": a lidocaine patch)
    found |= {c for cid, parts in lex.made_of.items() if parts <= found
              for c in lex.closure[cid]}
    return frozenset(found)


def _recorded_with(lex: Lexicon, cid: str) -> frozenset[str]:
    """What a fact records by naming a concept: its ancestors and what it implies, less the
    drugs a procedure implies (an epidural steroid injection records no medication the patient
    takes: "her current medications are not recorded" stands beside it)."""
    if lex.concepts[cid].kind == "drug":
        return lex.closure[cid]
    return frozenset(c for c in lex.closure[cid]
                     if c in lex.ancestors[cid] or lex.concepts[c].kind != "drug")


@lru_cache(maxsize=4096)
def _kinds_named(claim: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's concepts a claim says are missing ("no tricyclic antidepressant"), with
    the regions and routes that qualify them ("no lumbar imaging": a fact must name imaging of
    the lumbar spine); none when a concept only qualifies the missing thing ("no opioid
    agreement") or the claim leaves some out ("no other analgesic", "no new medication")."""
    claim = spelled_out(claim)
    lex, kinds, classes = lexicon(), vocab("kinds"), vocab("classes")
    heads = set(words(_unnamed(lex, claim))[:HEAD_WORDS + 3]) & vocab("modifier_heads")
    if heads and names_a_measure(lex, claim):
        heads -= MEASURE_WORDS  # "no Oswestry score" is no Oswestry index
    # "no other analgesic" leaves some out; "no Oswestry score or other measure" denies one
    first_item = LIST_BREAK.split(claim, maxsplit=1)[0]
    if set(words(first_item.lower())) & vocab("leaves_some") or heads:
        return frozenset(), frozenset()
    qualifying = vocab("qualifying_kinds")
    # "no" and the first words after it (hyphens are not words): what the denial is about
    head = " ".join([w for w in claim.split() if w != "-"][:HEAD_WORDS + 1])
    qualifiers: set[str] = set()
    for said_concepts, _ in lex.mentions(head):  # the first thing named: "no PT | preceded..."
        named = frozenset(cid for cid in said_concepts if lex.concepts[cid].kind in kinds
                          and (lex.concepts[cid].checked or cid in classes)
                          and cid not in vocab("either_way"))
        if named:
            return named, frozenset(qualifiers)
        qualifiers |= {cid for cid in said_concepts if lex.concepts[cid].kind in qualifying}
        if not said_concepts <= qualifiers:
            break  # a concept of another kind came first: the claim is not about a kind
    return frozenset(), frozenset()


def _unnamed(lex: Lexicon, claim: str) -> str:
    """The claim in lower case less the names of what it first names: a word of a concept's
    own name ("electrodiagnostic testing") is no modifier head ("opioid | agreement")."""
    lower = claim.lower()
    first = next((said for said, _ in lex.mentions(claim)), frozenset())
    for name in sorted((n.lower() for cid in first for n in lex.forms.get(cid, ())),
                       key=len, reverse=True):
        lower = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", lower)
    return lower


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def _finding(sentence: Sentence, message: str) -> Finding:
    return Finding(check="absences", severity="error", section=sentence.section.key,
                   sentence=sentence.index, text=sentence.text, message=message)
