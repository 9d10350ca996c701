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
from functools import cache
from pathlib import Path

import yaml

from evals.checks.entities import lexicon, words
from evals.checks.polarity import Analysis, analyse, quotes_its_sources, reversals
from evals.checks.polarity.words import HARD
from evals.context import EvalContext, Sentence
from evals.findings import Finding

CUES = Path(__file__).resolve().parents[1] / "data" / "absence_cues.yaml"
HEAD_WORDS = 3  # a kind named later in a claim is not what it says is missing
REACH = 10  # tokens of a clause read as the thing a cue denies (a noun phrase and its modifiers)

# (claim, fact id, statement) -> the message, or "" for no contradiction: the drafts of a
# case share most of their sentences, and the mutation and paraphrase studies re-check them.
FOUND: dict[tuple[str, str, str], str] = {}
MAX_FOUND = 65536


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = yaml.safe_load(CUES.read_text(encoding="utf-8"))

    def pattern(phrases: list[str]) -> re.Pattern[str]:
        alternatives = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
        return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")
    return pattern(data["before"]), pattern(data["after"]), pattern(data["confirm"])


def clear_caches() -> None:
    FOUND.clear()


def claimed_absent(said: Analysis) -> list[str]:
    """What a sentence says the record lacks, each as a denial "no <phrase>": the words after
    a "before" cue up to the end of its clause ("never tried | oral gabapentin"), or the words
    of the clause before an "after" cue ("a one-month home trial | is not documented"). Written
    as a nominal denial, each is compared as "no home trial" would be, whatever verb the
    sentence used."""
    before, after, confirm = _cues()
    tokens = said.tokens
    joined = " ".join(tokens)
    starts, at = [], 0
    for token in tokens:
        starts.append(at)
        at += len(token) + 1
    phrases = []
    breaks = _vocab("phrase_breaks")
    for m in before.finditer(joined):
        b = bisect.bisect_left(starts, m.end())
        words = []
        for token in tokens[b:b + REACH]:
            if token in HARD or token == "," or token in breaks:
                break
            words.append(token)
        phrases.append(words)
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
        words = []
        for token in reversed(tokens[max(0, a - REACH):a]):
            if token in HARD or token == "," or token in breaks:
                break
            words.insert(0, token)
        if "no" in words:
            claims.append(" ".join(words[words.index("no"):]))
    return claims


# What another party says is theirs, not the draft's: a quoted passage, a criterion in the
# guideline's words, and a clause after a verb of assertion ("the denial stated that four
# weeks of care were not documented").
_REPORTED = re.compile(
    r"[\"“][^\"”]*(?:[\"”]|$)"  # a quote, to its end or the sentence's
    r"|\*\*[^*]+\*\*"  # a criterion as the guideline states it, in bold
    r"|\b(?:stat(?:ed|es|ing)|assert(?:ed|s|ing)|claim(?:ed|s|ing)|argu(?:ed|es|ing)|"
    r"contend(?:ed|s|ing)|alleg(?:ed|es|ing)|maintain(?:ed|s|ing)|according to|"
    r"on the grounds? that|reasoning that|citing)\b[^.;]*", re.IGNORECASE)


def own_words(text: str) -> str:
    """The sentence less what it reports of another party."""
    return _REPORTED.sub(" ", text)


def check_absences(ctx: EvalContext) -> list[Finding]:
    findings = []
    facts = [(f.id, f.statement) for f in ctx.case.facts if f.statement]
    for sentence in ctx.sentences:
        claims = claimed_absent(analyse(own_words(sentence.plain)))
        if not claims:
            continue
        cited = set(sentence.markers)
        if cited and quotes_its_sources(sentence.plain, [ctx.facts[m].statement for m in cited
                                                         if m in ctx.facts]):
            continue  # a fact quoted under its date ("- 30 April 2024: no prior facet block")
        for claim in claims:
            message = next((m for fact_id, statement in facts if fact_id not in cited
                            for m in [_contradiction(claim, fact_id, statement)] if m), "")
            if message:  # one fact that records it is enough to show the claim wrong
                findings.append(_finding(sentence, message))
                break
    return findings


def _contradiction(claim: str, fact_id: str, statement: str) -> str:
    key = (claim, fact_id, statement)
    found = FOUND.get(key)
    if found is None:
        found = _contradicted(claim, fact_id, statement)
        if len(FOUND) >= MAX_FOUND:
            FOUND.clear()
        FOUND[key] = found
    return found


def _contradicted(claim: str, fact_id: str, statement: str) -> str:
    """The claim ("no <phrase>") against one fact: a message if the fact states the phrase,
    word for word (with all its modifiers) or as a kind of what the claim names ("no
    anti-inflammatory" against "ibuprofen 600 mg")."""
    said, theirs = analyse(claim), analyse(statement)
    if said.polar & theirs.keys:
        for mine, _, stated in reversals(claim, [(fact_id, statement)]):
            if mine.mods is not None and (mine.key, False) in mine.literals:
                return (f"says the record has {said.quote(mine.span)}, but {fact_id} records "
                        f"{theirs.quote(stated.span)}")
    kinds = _kinds_named(claim)
    if kinds and not set(words(statement.lower())) & _vocab("not_done"):
        lex = lexicon()
        found = sorted(kinds & lex.names(statement))
        if found:
            return (f"says the record has no {lex.concepts[found[0]].label}, but {fact_id} "
                    f"records one: {_short(statement)}")
    return ""


@cache
def _vocab(name: str) -> frozenset[str]:
    return frozenset(yaml.safe_load(CUES.read_text(encoding="utf-8"))[name])


def _kinds_named(claim: str) -> frozenset[str]:
    """The lexicon's concepts a claim says are missing ("no tricyclic antidepressant"), unless
    a concept only qualifies the missing thing ("no opioid agreement")."""
    if set(words(claim.lower())) & _vocab("modifier_heads"):
        return frozenset()
    lex, kinds, classes = lexicon(), _vocab("kinds"), _vocab("classes")
    # "no" and the first words after it (hyphens are not words): what the denial is about
    head = " ".join([w for w in claim.split() if w != "-"][:HEAD_WORDS + 1])
    for said, _ in lex.mentions(head)[:1]:  # the first thing named: "no PT | preceded the ESI"
        return frozenset(cid for cid in said if lex.concepts[cid].kind in kinds
                         and (lex.concepts[cid].checked or cid in classes))
    return frozenset()


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def _finding(sentence: Sentence, message: str) -> Finding:
    return Finding(check="absences", severity="error", section=sentence.section.key,
                   sentence=sentence.index, text=sentence.text, message=message)
