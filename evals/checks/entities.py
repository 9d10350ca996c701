"""Named clinical entities (drugs, tests, procedures, device details, providers, guidance,
regions) in a cited sentence are named in what it cites.

The vocabulary is data (``evals/data/lexicon.yaml``): concepts with their surface forms, a parent
relation ("opioid" covers oxycodone, never the reverse) and what a concept implies (an epidural
steroid injection is epidural and uses a steroid). A sentence's concept is supported when one of
its cited sources (the fact with its values, the title, type and author of the document the fact
was read from, or the excerpt) names that concept or a descendant of it.

Measured on the paraphrase set (``benchmarks/paraphrase_study.py``), not guessed:

- concepts of the disputed services (the subject of the request, with their ancestors and what
  they imply) need no source: without that, 5 of 285 correct sentences were flagged (reasoning
  such as "leaves neuromodulation as the remaining option"), for 3 more errors caught;
- negated and hypothetical mentions ("no CT was obtained", "would require") are checked like
  any other: the correct ones were all named by what they cite, and some errors ("took no
  breakthrough hydromorphone") are caught only there;
- what the case file states (its document list, diagnoses) does not excuse a concept in a cited
  sentence: allowing it cut the errors this check catches from 56 to 37 with no false alarm
  saved; only phrases the case file states verbatim (criterion statements, services, titles,
  decision reasons) are set aside before reading the sentence; the one exception is the spinal
  region the diagnoses name ("low back" in a lumbar case), where the sentence cites a fact and
  its sources name no region of the spine (round 20: 8 of 4,958 correct sentences flagged over
  6 development sets, 1 twin lost that was caught only on that correct region);
- the source document's title, type and author count: without them 9 correct sentences were
  flagged ("the pre-implant psychological evaluation" of a fact read from that report)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from evals.checks.entity_text import words
from evals.context import EvalContext
from evals.findings import Finding

LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicon.yaml"

@dataclass(frozen=True)
class Concept:
    id: str
    kind: str
    label: str
    parents: tuple[str, ...]
    implies: tuple[str, ...]
    checked: bool
    synonyms: bool = True  # its names say the same thing (not "off work" and "full duty")


# What a name stands for: (concepts a sentence naming it must be supported for, concepts a
# source naming it names). They differ only for a combination product.
Meaning = tuple[frozenset[str], frozenset[str]]


class Lexicon:
    def __init__(self, data: dict) -> None:
        self.concepts: dict[str, Concept] = {}
        self.forms: dict[str, tuple[str, ...]] = {}  # each concept's names, as written
        meanings: dict[str, Meaning] = {}

        def add(name: str, said: frozenset[str], gives: frozenset[str]) -> None:
            old = meanings.get(name, (frozenset(), frozenset()))
            meanings[name] = (old[0] | said, old[1] | gives)

        for kind, concepts in data["concepts"].items():
            for cid, spec in concepts.items():
                if cid in self.concepts:
                    raise ValueError(f"concept {cid} is defined twice")
                parents = spec.get("is") or ()
                forms = [str(n) for n in spec.get("names") or ()]
                self.concepts[cid] = Concept(
                    cid, kind, spec.get("label") or (forms[0] if forms else cid),
                    (parents,) if isinstance(parents, str) else tuple(parents),
                    tuple(spec.get("implies") or ()), spec.get("checked", True),
                    spec.get("synonyms", True))
                self.forms[cid] = tuple(forms)
                for form in forms:
                    add(form, frozenset({cid}), frozenset({cid}))
        for c in self.concepts.values():
            for ref in c.parents + c.implies:
                if ref not in self.concepts:
                    raise ValueError(f"concept {c.id} refers to unknown concept {ref}")
        for name, ingredients in (data.get("combinations") or {}).items():
            unknown = [i for i in ingredients if i not in self.concepts]
            if unknown:
                raise ValueError(f"combination {name} names unknown concept(s) {unknown}")
            add(name, frozenset(ingredients[:1]), frozenset(ingredients))
        for phrase in data.get("ignore") or ():
            add(phrase, frozenset(), frozenset())
        # an abbreviation that means something else in a setting ("RFA" in California
        # workers' comp: the request for authorization form), unless the case asks for the
        # concept it otherwise names
        self.in_setting = {str(setting): {str(a): str(m) for a, m in (found or {}).items()}
                           for setting, found in (data.get("setting_abbreviations") or {}).items()}
        # a one-word name that is no concept after certain words ("walk about two blocks")
        self.ignore_after = {str(name).lower(): frozenset(str(w).lower() for w in after)
                             for name, after in (data.get("ignore_after") or {}).items()}
        # Abbreviations (a name in capitals) are looked up as written, other names in lower
        # case; both also with a plural ending.
        self._caps: dict[str, Meaning] = {}
        self._lower: dict[str, Meaning] = {}
        for name, meaning in meanings.items():
            key = " ".join(words(name))
            caps = key == key.upper() and any(ch.isalpha() for ch in key)
            table, key = (self._caps, key) if caps else (self._lower, key.lower())
            table[key] = meaning
        for key, meaning in list(self._caps.items()):
            self._caps.setdefault(key + "s", meaning)
        for key, meaning in list(self._lower.items()):
            plurals = [key + "s", key + "es"] + ([key[:-1] + "ies"] if key.endswith("y") else [])
            for plural in plurals:
                self._lower.setdefault(plural, meaning)
        # The lengths (in words, longest first) of the names starting with each first word.
        lengths: dict[str, set[int]] = {}
        for table in (self._caps, self._lower):
            for key in table:
                first, *rest = key.lower().split(" ")
                lengths.setdefault(first, set()).add(len(rest) + 1)
        self._starts = {w: tuple(sorted(ks, reverse=True)) for w, ks in lengths.items()}
        self._caps_first = frozenset(key.split(" ")[0] for key in self._caps)
        patterns = [(f"p{n}", cid, p) for n, (cid, p) in enumerate(
            (cid, p) for cid, ps in (data.get("patterns") or {}).items() for p in ps)]
        self._pattern_ids = {g: cid for g, cid, _ in patterns}
        self._patterns = re.compile("|".join(_group(g, p) for g, _, p in patterns)) \
            if patterns else None
        self.closure = {cid: self._close(cid, implied=True) for cid in self.concepts}
        self.ancestors = {cid: self._close(cid, implied=False) for cid in self.concepts}
        # who does each concept (an operation: a surgeon), by concept with its ancestors
        performers = {cid: frozenset(spec.get("performed_by") or ())
                      for concepts in data["concepts"].values() for cid, spec in concepts.items()}
        for cid, who in performers.items():
            if not who <= self.concepts.keys():
                raise ValueError(f"concept {cid} is performed by unknown concept(s) "
                                 f"{sorted(who - self.concepts.keys())}")
        self.performers = {cid: frozenset().union(*(performers[a] for a in self.ancestors[cid]))
                           for cid in self.concepts}
        # concepts a text names by naming all their parts (CT guidance: CT and image guidance)
        self.made_of = {cid: frozenset(spec["made_of"]) for concepts in data["concepts"].values()
                        for cid, spec in concepts.items() if spec.get("made_of")}
        for cid, parts in self.made_of.items():
            if not parts <= self.concepts.keys():
                raise ValueError(f"concept {cid} is made of unknown concept(s) "
                                 f"{sorted(parts - self.concepts.keys())}")

    def _close(self, cid: str, implied: bool) -> frozenset[str]:
        """A concept with its ancestors (and, if ``implied``, what it and they imply)."""
        seen, todo = set(), [cid]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo += self.concepts[c].parents
                todo += self.concepts[c].implies if implied else ()
        return frozenset(seen)

    def mentions(self, text: str) -> tuple[Meaning, ...]:
        """What each name in the text stands for (the longest name where names overlap), then
        what each spinal level (or other pattern) stands for."""
        return _text_mentions(self, text)

    def names(self, text: str) -> frozenset[str]:
        """Every concept a source text names, with its ancestors and what it implies."""
        return _text_names(self, text)


# By text (a text is looked up by itself, not by its words, once read).
@lru_cache(maxsize=16384)
def _text_mentions(lex: Lexicon, text: str) -> tuple[Meaning, ...]:
    return _mentions(lex, words(text))


@lru_cache(maxsize=16384)
def _text_names(lex: Lexicon, text: str) -> frozenset[str]:
    return _names(lex, words(text))


_WORD_START = re.compile(r"\(\?<!\\S\)([A-Za-z0-9])(?![*+?{])")


def _alternatives(pattern: str) -> bool:
    """Whether a pattern has an alternation outside its groups ("a|b", not "(?:a|b)")."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if pattern[i + 1:i + 2] == "]" else 3 if pattern[i + 1:i + 3] == "^]" else 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _group(name: str, pattern: str) -> str:
    """A pattern as a named group of the lexicon's pattern. One that begins at a word start with
    a letter or digit ("(?<!\\S)L[1-5]...") is written with that character first and the word
    start checked after it ("L(?<!\\SL)..."): the same matches, and the engine can skip ahead to
    the characters the patterns begin with. (Only the group's name is read from a match.)"""
    start = _WORD_START.match(pattern)
    if start is None or _alternatives(pattern):
        return f"(?P<{name}>{pattern})"
    first = start.group(1)
    return f"{first}(?<!\\S{first})(?P<{name}>{pattern[start.end():]})"


@lru_cache(maxsize=16384)
def _mentions(lex: Lexicon, toks: tuple[str, ...]) -> tuple[Meaning, ...]:
    found = []
    lower = " ".join(toks).lower().split(" ") if toks else []
    starts, caps, low, caps_first = lex._starts, lex._caps, lex._lower, lex._caps_first
    n, taken = len(toks), 0
    for i in [i for i, w in enumerate(lower) if w in starts]:  # where a name may start
        if i < taken:
            continue  # inside a longer name found before
        in_caps = toks[i] in caps_first  # some abbreviation begins with this word as written
        for k in starts[lower[i]]:  # the longest name first
            if i + k > n:
                continue
            if k == 1:
                meaning = (caps.get(toks[i]) if in_caps else None) or low.get(lower[i])
            else:
                meaning = (caps.get(" ".join(toks[i:i + k])) if in_caps else None) or \
                    low.get(" ".join(lower[i:i + k]))
            if meaning is not None:
                after = lex.ignore_after.get(lower[i]) if k == 1 else None
                if after is None or after.isdisjoint(lower[max(0, i - 8):i]):
                    found.append(meaning)
                taken = i + k
                break
    if lex._patterns is not None:
        for match in lex._patterns.finditer(" ".join(toks)):
            cid = frozenset({lex._pattern_ids[match.lastgroup or ""]})
            found.append((cid, cid))
    return tuple(found)


@lru_cache(maxsize=16384)
def _names(lex: Lexicon, toks: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for _, gives in _mentions(lex, toks):
        for cid in gives:
            found |= lex.closure[cid]
    for cid, parts in lex.made_of.items():
        if parts <= found:
            found |= lex.closure[cid]
    return frozenset(found)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(yaml.safe_load(LEXICON.read_text(encoding="utf-8")))


# --- the check ----------------------------------------------------------------------------


def _source_text(ctx: EvalContext, marker: str) -> str | None:
    """What a citation names: a fact with its values and its document's title, type and author,
    or an excerpt; None when the marker does not resolve."""
    text = ctx.source_text(marker)
    if text is None or marker.startswith("G:"):
        return text
    return f"{text} {ctx.fact_documents.get(marker, '')}"


@lru_cache(maxsize=256)
def _request_concepts(lex: Lexicon, services: str) -> frozenset[str]:
    return lex.names(services)


def unsupported(lex: Lexicon, sentence: str, sources: list[tuple[str, str]],
                exempt: frozenset[str] = frozenset(),
                named: frozenset[str] | None = None) -> list[str]:
    """A message for each concept the sentence names that none of its sources ((marker, text)
    pairs) names, nor a descendant of it; ``exempt`` concepts need no source, ``named`` is what
    the sources name when already known."""
    if named is None:
        named = frozenset().union(*(lex.names(t) for _, t in sources))
    problems: list[str] = []
    seen: set[str] = set()
    for said, _ in lex.mentions(sentence):
        for cid in sorted(said - named - exempt - seen):
            seen.add(cid)
            concept = lex.concepts[cid]
            if concept.checked:
                problems.append(_message(lex, concept, sources))
    return problems


def _message(lex: Lexicon, concept: Concept, sources: list[tuple[str, str]]) -> str:
    """Names the concept and, where a cited source names a sibling of it (a concept of the same
    kind sharing an ancestor, such as gabapentin beside pregabalin, or MRI beside CT), the
    closest such sibling and that source."""
    mine = lex.ancestors[concept.id]
    best: tuple[tuple[int, int], str, str] | None = None
    for marker, text in sources:
        for _, gives in lex.mentions(text):
            for other in sorted(gives):
                theirs = lex.ancestors[other]
                shared_classes = [a for a in mine & theirs if lex.concepts[a].parents]
                if lex.concepts[other].kind != concept.kind or other in mine or \
                        concept.id in theirs or not shared_classes:
                    continue  # not a sibling: another kind, an ancestor, or only a root shared
                shared = (max(len(lex.ancestors[a]) for a in shared_classes),
                          len(shared_classes))
                if best is None or shared > best[0]:
                    best = (shared, marker, lex.concepts[other].label)
    if best:
        return f"names {concept.label}; the cited {best[1]} names {best[2]}"
    markers = ", ".join(m for m, _ in sources)
    return f"names {concept.label}, which the cited {markers} " \
           f"{'does' if len(sources) == 1 else 'do'} not name"


@lru_cache(maxsize=16384)
def _without_known(phrases: tuple[str, ...], text: str) -> str:
    """The sentence without the phrases the case file states (criterion statements, the
    question, services, document titles, decision reasons): naming them needs no fact."""
    lower = text.lower()
    found = [p for p in phrases if p in lower]
    if not found:
        return text
    return re.sub("|".join(re.escape(p) for p in found), " ; ", text, flags=re.I)


# The problems of each cited sentence, by the sentence, its sources (marker, text) and what the
# case file states (``EvalContext.case_key``: the services, the known phrases): the drafts of a
# case share most of their sentences.
Sources = tuple[tuple[str, str], ...]  # (marker, text) of each source a sentence cites
_FOUND: dict[tuple[str, Sources, str, tuple[tuple[re.Pattern[str], str], ...]], list[str]] = {}
_MAX_FOUND = 16384


def clear_caches() -> None:
    """Forget every text read (for timing on cold caches); the lexicon stays loaded."""
    for cached in (words, _mentions, _names, _text_mentions, _text_names, _request_concepts,
                   _without_known):
        cached.cache_clear()
    _FOUND.clear()


def _spinal(lex: Lexicon, concept: str) -> bool:
    """Whether a concept is a region of the spine ("lumbar", "cervical"), not the spine."""
    return concept != "spine" and "spine" in lex.ancestors[concept]


def check_entities(ctx: EvalContext) -> list[Finding]:
    from evals.checks.absence_claims import claimed_text
    from evals.checks.entity_text import (
        without_contrasts,
        without_pending,
        without_questions,
        without_requirements,
        without_voice,
    )
    from evals.checks.setting_words import setting_meanings

    lex = lexicon()
    # What the request is for (the disputed services) may be named in reasoning on any cited
    # sentence ("the SCS trial is supported by...").
    # So may the patient's occupation and diagnoses, which the case file states outside any
    # fact ("a 44-year-old forklift operator" in a sentence citing the injury; "her
    # post-laminectomy syndrome" in one citing the operation).
    patient = ctx.case.patient
    exempt = _request_concepts(lex, " ".join([*(i.service for i in ctx.case.disputed_items),
                                              getattr(patient, "occupation", None) or ""]))
    # and who would do what is requested ("the surgeon's request" for a fusion)
    exempt |= frozenset().union(*(lex.closure[p] for c in exempt for p in lex.performers[c]))
    # (of a diagnosis, its conditions only: "lumbar" or "fusion" in its name still need a source)
    exempt |= {c for c in _request_concepts(lex, " ".join(d.text for d in ctx.case.diagnoses))
               if lex.concepts[c].kind == "condition"}
    # and the spinal region the diagnoses name ("low back pain" in a case diagnosed with lumbar
    # disc disease), for a sentence citing a fact whose sources name no spinal region of their
    # own (a guideline's region alone is the guideline's to give)
    spinal = frozenset(c for c in _request_concepts(lex, " ".join(d.text for d in
                                                                  ctx.case.diagnoses))
                       if _spinal(lex, c))
    known = tuple(p for p in ctx.known_phrases if " " in p)  # phrases, not a lone "MRI"
    local = setting_meanings(lex, str(ctx.case.setting), exempt)
    cited: dict[str, tuple[str, frozenset[str]] | None] = {}
    # per set of markers: its sources (marker, text) and all they name; None if none resolves
    by_markers: dict[tuple[str, ...], tuple[Sources, frozenset[str]] | None] = {}
    findings = []
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        if sentence.markers not in by_markers:
            for marker in sentence.markers:
                if marker not in cited:
                    text = _source_text(ctx, marker)
                    cited[marker] = (text, lex.names(text)) if text is not None else None
            resolved = [(m, cited[m]) for m in sentence.markers if cited[m] is not None]
            by_markers[sentence.markers] = (
                tuple((m, s[0]) for m, s in resolved if s),
                frozenset().union(*(s[1] for _, s in resolved if s))) if resolved else None
        given = by_markers[sentence.markers]
        if given is None:
            continue  # unresolved citations are the validity check's finding
        sources, named = given
        key = (sentence.plain, sources, ctx.case_key, local)
        problems = _FOUND.get(key)
        if problems is None:
            if len(_FOUND) >= _MAX_FOUND:
                _FOUND.clear()
            # a clause saying the record lacks something names what no cited fact could
            # hold: the absences check reads it against every fact of the case
            text = _without_known(known, without_pending(without_contrasts(without_requirements(
                without_questions(without_voice(claimed_text(sentence.plain)))))))
            for pattern, meaning in local:
                text = pattern.sub(meaning, text)
            free = exempt | spinal if any(m.startswith("F") for m, _ in sources) and \
                not any(_spinal(lex, c) for c in named) else exempt
            problems = _FOUND[key] = unsupported(lex, text, list(sources), free, named)
        for problem in problems:
            findings.append(Finding(check="entities", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text, message=problem))
    return findings
