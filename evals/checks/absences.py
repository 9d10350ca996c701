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

import bisect
import re
from functools import cache, lru_cache
from pathlib import Path

import yaml

from drafting.case.vocab import FactCategory
from evals.checks.absence_acts import act_or_count
from evals.checks.absence_kinds import (
    LIST_BREAK,
    MEASURE_WORDS,
    names_a_measure,
    planned_at,
    recorded_words,
    spelled_out,
)
from evals.checks.entities import Lexicon, lexicon, words
from evals.checks.polarity import Analysis, analyse, quotes_its_sources, reversals
from evals.checks.polarity.words import AUXILIARIES, HARD
from evals.context import EvalContext, Sentence
from evals.findings import Finding

CUES = Path(__file__).resolve().parents[1] / "data" / "absence_cues.yaml"
HEAD_WORDS = 3  # a kind named later in a claim is not what it says is missing
REACH = 10  # tokens of a clause read as the thing a cue denies (a noun phrase and its modifiers)

# (claim, fact id, statement) -> the message, or "" for no contradiction: the drafts of a
# case share most of their sentences, and the mutation and paraphrase studies re-check them.
FOUND: dict[tuple[str, str, str, bool, str], str] = {}
MAX_FOUND = 65536


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The cue lists of ``absence_cues.yaml`` (each entry a regular expression over the
    tokens, matched whole), compiled once."""
    data = yaml.safe_load(CUES.read_text(encoding="utf-8"))

    def pattern(phrases: list[str]) -> re.Pattern[str]:
        alternatives = sorted(map(str, phrases), key=len, reverse=True)
        return re.compile(rf"(?<![\w-])(?:{'|'.join(f'(?:{p})' for p in alternatives)})(?![\w-])")
    return pattern(data["before"]), pattern(data["after"]), pattern(data["confirm"])


def clear_caches() -> None:
    FOUND.clear()
    absence_clauses.cache_clear()
    recorded_words.cache_clear()


# Where a sentence's clauses part: a semicolon or colon, a dash, or a comma before a word that
# begins another clause ("..., so", "..., although", "..., and the ...").
_CLAUSE = re.compile(
    r"\s*[;:]\s+|\s+[—–]\s+|,\s+(?=(?:so|but|yet|although|though|while|whereas|because|since|"
    r"leaving|and (?:the|a|an|his|her|their|its|it|i|he|she|they|this|that|these|those|so|"
    r"no|nothing|none|my|our))\b)", re.IGNORECASE)
# A word every absence cue holds (a sentence without one claims no absence).
_ABSENCE_HINT = re.compile(r"\b(?:no|not|never|none|nothing|neither|nowhere|without|silent|"
                           r"cannot|lacks?|lacking|missing|absent|undocumented|unrecorded)\b|n[’']t\b",
                           re.IGNORECASE)
# "Apart from the clinic session, no use is documented": the denial excepts what it names.
_EXCEPTING = re.compile(r"\s*(?:apart from|aside from|except(?: for)?|besides|other than)\b",
                        re.IGNORECASE)
_NEGATORS = {"no": "no", "nothing": "no", "none": "no", "neither": "no"}
# "does not state whether ...", "nothing shows that ...", "does not say which drug he took"
_OPENERS = {"whether", "if", "that", "which", "what"}
_LEADING = {"by", "with", "on"}  # "never confirmed by EMG": the test is what is missing
_SUBJECTS = {"she", "he", "they", "i", "we", "anyone", "anybody", "someone", "somebody"}
_BETWEEN = {"ever", "had", "has", "have", "was", "were", "actually", "really"}
_RECORD_NOUNS = {"reference", "record", "records", "mention", "evidence", "documentation",
                 "sign", "trace", "note"}


@lru_cache(maxsize=16384)
def absence_clauses(plain: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The clauses of a sentence that say the record lacks something, each with what it says
    is missing (``claimed_absent``): a sentence's other clauses are read as usual ("no SNRI is
    recorded; the anticonvulsant trial is documented"). What the sentence reports another
    party saying is not its claim (``own_words``)."""
    if not _ABSENCE_HINT.search(plain):
        return ()
    found = []
    for clause in _CLAUSE.split(plain):
        if clause and _ABSENCE_HINT.search(clause):
            claims = claimed_absent(analyse(own_words(clause)))
            if claims:
                found.append((clause, tuple(claims)))
    return tuple(found)


def absent_text(plain: str) -> str:
    """A sentence's clauses that say the record lacks something, joined ("" if none)."""
    return " ".join(clause for clause, _ in absence_clauses(plain))


def claimed_text(plain: str) -> str:
    """The part of a sentence its citations must support: less its clauses that say the
    record lacks something (the absences check reads those against every fact of the case,
    and a cited fact cannot show an absence: "no SNRI is recorded [F8]")."""
    absent = absence_clauses(plain)
    if not absent:
        return plain
    for clause, _ in absent:
        plain = plain.replace(clause, " ")
    return plain


def _phrase(tokens: tuple[str, ...], start: int, stop: int, breaks: frozenset[str],
            commas: bool = False) -> list[str]:
    """The words from ``start`` up to a clause break, a comma (unless ``commas``), a break
    word, "such as" or ``stop``."""
    words: list[str] = []
    for token in tokens[start:min(stop, start + REACH)]:
        if token in HARD or (token == "," and not commas) or token in breaks or token == "such":
            break
        words.append(token)
    while words and words[-1] == ",":
        words.pop()
    return words


def _lead_in(tokens: tuple[str, ...], b: int) -> int:
    """Past the words that only lead to what is missing: "(no) reference to any", "(no)
    record of whether", "(never confirmed) by"."""
    n = len(tokens)
    if b + 1 < n and tokens[b] in _RECORD_NOUNS and tokens[b + 1] in {"of", "to"}:
        b += 2
    if b < n and tokens[b] == "any":
        b += 1
    if b < n and tokens[b] in _OPENERS:
        b += 1
    # "no evidence that | she ever completed | a course of therapy": what is missing is the
    # object of the clause, past its subject and verb
    if b < n and tokens[b] in _SUBJECTS:
        k = b + 1
        while k < n and tokens[k] in _BETWEEN:
            k += 1
        if k < n and tokens[k].endswith("ed"):
            b = k + 1
    if b < n and tokens[b] in _LEADING:
        b += 1
    return b


def claimed_absent(said: Analysis) -> list[str]:
    """What a sentence says the record lacks, each as a denial "no <phrase>": the words after
    a "before" cue up to the end of its clause ("never tried | oral gabapentin"), or the words
    of the clause before an "after" cue ("a one-month home trial | is not documented"), or the
    phrase a denial opens before a "confirm" cue ("no topical agent, such as a patch, | has been
    tried"). Written as a nominal denial, each is compared as "no home trial" would be, whatever
    verb the sentence used."""
    before, after, confirm = _cues()
    tokens = said.tokens
    joined = " ".join(tokens)
    starts, at = [], 0
    for token in tokens:
        starts.append(at)
        at += len(token) + 1
    phrases = []
    breaks = _vocab("phrase_breaks")
    # a denial's phrase ends where a record verb after it begins ("no trial of X | appears in
    # the records")
    ends = [bisect.bisect_left(starts, m.start()) for m in confirm.finditer(joined)]
    for m in before.finditer(joined):
        b = _lead_in(tokens, bisect.bisect_left(starts, m.end()))
        stop = min([e for e in ends if e > b], default=len(tokens))
        phrases.append(_phrase(tokens, b, stop, breaks))
    for m in after.finditer(joined):
        a = bisect.bisect_left(starts, m.start())
        words = []
        for token in reversed(tokens[max(0, a - REACH):a]):
            if token in HARD or token == "," or token in breaks:
                break
            words.insert(0, token)
        phrases.append(words)
    claims = [f"no {' '.join(words)}" for words in phrases if words]
    for m in confirm.finditer(joined):  # "no topical agent | has been tried"
        a = bisect.bisect_left(starts, m.start())
        # the nearest denial before the cue in its clause, with no verb between them
        for k in range(a - 1, max(-1, a - 2 * REACH), -1):
            token = tokens[k]
            if token in HARD or token in AUXILIARIES:
                break
            if token in _NEGATORS:  # a list may run over commas: "no X, Y or Z is on file"
                words = _phrase(tokens, _lead_in(tokens, k + 1), a, breaks, commas=True)
                if words:
                    claims.append(" ".join(["no", *words]))
                break
    return claims


# What another party says is theirs, not the draft's: a quoted passage, a criterion in the
# guideline's words, and a clause after a verb of assertion ("the denial stated that four
# weeks of care were not documented").
_REPORTED = re.compile(
    r"[\"“][^\"”]*(?:[\"”]|$)"  # a quote, to its end or the sentence's
    r"|\*\*[^*]+\*\*"  # a criterion as the guideline states it, in bold
    # a verb of assertion (not "is not stated", which says what the record lacks)
    r"|(?<!not )(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )(?<!be )"
    r"\b(?:stat(?:ed|es|ing)|assert(?:ed|s|ing)|claim(?:ed|s|ing)|argu(?:ed|es|ing)|"
    r"contend(?:ed|s|ing)|alleg(?:ed|es|ing)|maintain(?:ed|s|ing)|according to|"
    r"on the grounds? that|reasoning that|citing|"
    # another party's point named as such: "the objection that conservative care is
    # undocumented has partial force"
    r"(?:objection|argument|contention|assertion|allegation|position) that|"
    r"(?:held|found|concluded|determined|ruled|decided|reasoned|said|wrote) that)\b[^.;]*",
    re.IGNORECASE)


@cache
def _scope_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(_vocab('scoped'))})\b", re.IGNORECASE)


def _scoped(clause: str) -> bool:
    """The clause says one note or visit lacks something ("no QuickDASH was recorded on the
    latest note"), not the record: another note holding it does not contradict it."""
    return bool(_scope_pattern().search(clause))


def own_words(text: str) -> str:
    """The sentence less what it reports of another party."""
    return _REPORTED.sub(" ", text)


def check_absences(ctx: EvalContext) -> list[Finding]:
    findings = []
    # a reviewer's decision is not a record that what it names was done: compared word for
    # word only ("the cream was non-certified" does not record a topical agent tried)
    facts = [(f.id, f.statement, f.category is not FactCategory.utilization_review)
             for f in ctx.case.facts if f.statement]
    reports = _test_reports(ctx)
    for sentence in ctx.sentences:
        claims = [c for clause, found in absence_clauses(sentence.plain) for c in found
                  if not _EXCEPTING.match(clause) and not _scoped(clause)]
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
    if set(words(claim.lower())) & _vocab("effects"):
        return ""  # "no the patch allowed her to sleep": an effect is missing, not the patch
    shaped = act_or_count(claim, fact_id, statement)
    if shaped is not None:
        return shaped
    said, theirs = analyse(claim), analyse(statement)
    if said.polar & theirs.keys:
        for mine, _, stated in reversals(claim, [(fact_id, statement)]):
            if mine.mods is not None and (mine.key, False) in mine.literals and \
                    not planned_at(theirs.tokens, stated.span[0], _vocab("not_done")):
                return (f"says the record has {said.quote(mine.span)}, but {fact_id} records "
                        f"{theirs.quote(stated.span)}")
    kinds, qualifiers = _kinds_named(claim) if by_kind else (frozenset(), frozenset())
    places = set(words(claim.lower())) & _vocab("places")  # "no home TENS trial": not clinic
    if kinds and places <= recorded_words(f"{statement}; {report}"):
        lex = lexicon()
        done = _done(statement) | (_done(report) if report else frozenset())
        found = sorted(kinds & done) if qualifiers <= done else []
        if found:
            return (f"says the record has no {lex.concepts[found[0]].label}, but {fact_id} "
                    f"records one: {_short(statement)}")
    return ""


@cache
def _vocab(name: str) -> frozenset[str]:
    return frozenset(yaml.safe_load(CUES.read_text(encoding="utf-8"))[name])


_PART = re.compile(r"[,;:.]\s+|\s+(?:but|and then|although|though)\s+")


@lru_cache(maxsize=4096)
def _done(statement: str) -> frozenset[str]:
    """The lexicon's concepts a fact records as done or present: those named in its parts
    (between commas, semicolons and "but") that neither deny, plan nor request anything ("no
    loosening" in one part of an imaging report does not unsay the radiographs of another)."""
    lex, not_done = lexicon(), _vocab("not_done")
    found: set[str] = set()
    for part in _PART.split(statement):
        if part and not set(words(part.lower())) & not_done:
            # (not what a name that says a status either way stands for: "at work" is no
            # outcome measure)
            found |= {c for said, _ in lex.mentions(part) for cid in said
                      if lex.concepts[cid].synonyms for c in lex.closure[cid]}
    # what a fact names by naming all its parts ("lidocaine ... patches": a lidocaine patch)
    found |= {c for cid, parts in lex.made_of.items() if parts <= found
              for c in lex.closure[cid]}
    return frozenset(found)


@lru_cache(maxsize=4096)
def _kinds_named(claim: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's concepts a claim says are missing ("no tricyclic antidepressant"), with
    the regions and routes that qualify them ("no lumbar imaging": a fact must name imaging of
    the lumbar spine); none when a concept only qualifies the missing thing ("no opioid
    agreement") or the claim leaves some out ("no other analgesic", "no new medication")."""
    claim = spelled_out(claim)
    lex, kinds, classes = lexicon(), _vocab("kinds"), _vocab("classes")
    heads = set(words(_unnamed(lex, claim))[:HEAD_WORDS + 3]) & _vocab("modifier_heads")
    if heads and names_a_measure(lex, claim):
        heads -= MEASURE_WORDS  # "no Oswestry score" is no Oswestry index
    # "no other analgesic" leaves some out; "no Oswestry score or other measure" denies one
    first_item = LIST_BREAK.split(claim, maxsplit=1)[0]
    if set(words(first_item.lower())) & _vocab("leaves_some") or heads:
        return frozenset(), frozenset()
    qualifying = _vocab("qualifying_kinds")
    # "no" and the first words after it (hyphens are not words): what the denial is about
    head = " ".join([w for w in claim.split() if w != "-"][:HEAD_WORDS + 1])
    qualifiers: set[str] = set()
    for said_concepts, _ in lex.mentions(head):  # the first thing named: "no PT | preceded..."
        named = frozenset(cid for cid in said_concepts if lex.concepts[cid].kind in kinds
                          and (lex.concepts[cid].checked or cid in classes)
                          and cid not in _vocab("either_way"))
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
