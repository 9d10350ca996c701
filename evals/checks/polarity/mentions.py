"""A text's mentions of its concepts: each content word (and compound with the word before it)
and each status pair (rose / fell, stopped / continued...) with what the text says of it, the
modifiers it carries and, for a status word, the words it is about. ``analyse`` reads a text
once (cached): facts are read for many sentences and many drafts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evals.checks.polarity.scope import Scope
from evals.checks.polarity.text import stem
from evals.checks.polarity.words import (
    ADVERB,
    AUXILIARIES,
    DETERMINERS,
    HARD,
    NEGATED,
    PARTICIPLE,
    POSITIVE,
    PREPOSITIONS,
    UNSURE,
)

_LEVEL = re.compile(r"[ctls]\d{1,2}")  # a spinal level's token, inside a noun phrase


@dataclass(frozen=True)
class Mention:
    key: str  # a content word's stem ("trial"), a compound ("confirmatory+block"), or a pair
    literals: frozenset[tuple[str, bool]]  # what it asserts; empty when unsure
    mods: frozenset[str] | None  # a word's modifiers; None for a status pair
    about: frozenset[str]  # a status pair: the words it is about ("*": the patient)
    span: tuple[int, int]  # the tokens to quote
    near: str = ""  # a word's first six letters ("percent", "percentages")


class Analysis(Scope):
    """One text's tokens, what the cues say about each, and its mentions (built once per
    text by ``analyse``; a concept's mentions are made when first asked for)."""

    def run_before(self, k: int) -> list[int]:
        """The modifiers written just before word k ("small recurrent disc" herniation),
        adverbs included ("primarily" psychological)."""
        out: list[int] = []
        j = k - 1
        while j >= 0 and len(out) < self.lex.phrase:
            t = self.tokens[j]
            if t == "-" or _LEVEL.fullmatch(t):  # "diagnostic bilateral L4-L5 facet" block
                j -= 1
                continue
            if not self.is_modifier(j):
                break
            out.insert(0, j)
            j -= 1
        return out

    def is_modifier(self, j: int) -> bool:
        """Word j may qualify the word after it: a content word, a status word ("abnormal"
        motion) or an adverb ("primarily" psychological)."""
        t = self.tokens[j]
        return self.concept[j] or self.target[j] or (
            ADVERB.fullmatch(t) is not None and t not in self.lex.fillers)

    def object_of(self, k: int) -> frozenset[str]:
        out: set[str] = set()
        for j in range(k + 1, min(self.n, k + 2 + self.lex.phrase)):
            t = self.tokens[j]
            if t in DETERMINERS:
                continue
            if not self.concept[j]:
                break
            out.add(stem(t))
        return frozenset(out)

    def literals(self, key: str, state: int) -> frozenset[tuple[str, bool]]:
        return frozenset() if state == UNSURE else frozenset({(key, state == POSITIVE)})

    def index(self) -> None:
        """Where each concept is (a word, or a compound with the word before it), which are
        denied or unsure somewhere (only those can be reversed), and the status pairs."""
        self.made: dict[str, tuple[Mention, ...]] = self.pair_mentions()
        self.pair_names = frozenset(self.made)
        self.at: dict[str, list[int]] = {}
        self.polar: set[str] = set()
        self.compound_of: dict[int, int] = {}
        for k, t in enumerate(self.tokens):
            if not self.concept[k]:
                continue
            key = stem(t)
            self.at.setdefault(key, []).append(k)
            if self.state[k] != POSITIVE:
                self.polar.add(key)
            j = k - 1 - (k > 1 and self.tokens[k - 1] == "-")
            if j >= 0 and self.is_modifier(j):
                self.compound_of[k] = j
                compound = f"{stem(self.tokens[j])}+{key}"
                self.at.setdefault(compound, []).append(k)
                if self.compound_state_at(k) != POSITIVE:
                    self.polar.add(compound)
        self.keys = frozenset(self.at)

    def compound_state_at(self, k: int) -> int:
        state, j = self.state[k], self.compound_of[k]
        if self.state[j] == NEGATED and state == POSITIVE:
            state = UNSURE
        return self.compound_state.get(k, state)

    def mentions(self, key: str) -> tuple[Mention, ...]:
        if key not in self.made:
            self.made[key] = tuple(self.mention(key, k) for k in self.at.get(key, ()))
        return self.made[key]

    def mention(self, key: str, k: int) -> Mention:
        t = self.tokens[k]
        lo, hi = self.cue_of.get(k, (k, k + 1))
        before = self.run_before(k)
        mods = self.denied_mods.get(k, frozenset(stem(self.tokens[j]) for j in before))
        if t.endswith("ing"):  # "bulges contacting the nerve roots" ~ "nerve root contact"
            mods |= self.object_of(k)
        span = (min(lo, before[0] if before else k), max(hi, k + 1))
        if "+" not in key:
            return Mention(key, self.literals(key, self.state[k]), mods, frozenset(), span,
                           t[:6])
        first = stem(self.tokens[self.compound_of[k]])
        return Mention(key, self.literals(key, self.compound_state_at(k)), mods - {first},
                       frozenset(), span)

    def near_states(self, near: set[str]) -> set[int]:
        """What the text says of every word beginning like one of these ("percent")."""
        return {self.state[k] for k, t in enumerate(self.tokens)
                if self.concept[k] and t[:6] in near}

    def pair_mentions(self) -> dict[str, tuple[Mention, ...]]:
        found: dict[str, list[Mention]] = {}
        attached: dict[tuple[int, int], frozenset[str]] = {}
        for pair, pole, a, b in sorted(self.pairs, key=lambda p: p[2]):
            states = {self.state[k] for k in range(a, b) if self.target[k]} or {POSITIVE}
            s = NEGATED if NEGATED in states else UNSURE if UNSURE in states else POSITIVE
            other = "b" if pole == "a" else "a"
            literals: frozenset[tuple[str, bool]] = frozenset()
            if s == POSITIVE:
                literals = frozenset({(pole, True), (other, False)})
            elif s == NEGATED:
                literals = frozenset({(pole, False)} | (
                    {(other, True)} if pair.complementary else set()))
            if pair.patient:
                about, lo, hi = frozenset({"*"}), a, b
            elif pair.actor and (actor := self.actor(a, b)):
                about, lo, hi = actor, a, b
            else:
                about, lo, hi = self.attachment(a, b)
                if pair.hides == pole:  # "ibuprofen was stopped": she may not take it now
                    for k in range(lo, hi):
                        if self.concept[k] and not a <= k < b:
                            self.state[k] = UNSURE
                if b - a == 1 and self.tokens[a].endswith("ness"):  # "numbness", "weakness":
                    about |= {stem(self.tokens[a])}  # a finding named by its noun is about it
                about = about or self.coordinated(a, attached) or self.clause(a) or \
                    self.antecedent(a)
                attached[(a, b)] = about
            if a in self.cue_of:
                lo, hi = min(lo, self.cue_of[a][0]), max(hi, self.cue_of[a][1])
            found.setdefault(pair.name, []).append(
                Mention(pair.name, literals, None, about, (lo, hi)))
        return {k: tuple(v) for k, v in found.items()}

    def quote(self, span: tuple[int, int]) -> str:
        """The words of a span, with synonyms spelled out and "of" phrases completed ("a prior
        trial of oral gabapentin")."""
        start, end = span
        while end + 1 < self.n and self.tokens[end] == "of" and end - start < 12:
            k = end + 1
            while k < self.n and self.tokens[k] in DETERMINERS:
                k += 1
            if k >= self.n or not self.concept[k]:
                break  # "current smoking of about one pack": no "of" to end on
            while k < self.n and self.concept[k]:
                k += 1
            end = k
        names = self.lex.synonym_names
        text = " ".join(names.get(t, t) for t in self.tokens[start:end])
        text = re.sub(r" ?- ?", "-", text).replace(" / ", "/")
        return re.sub(r" ([,;:.)%])", r"\1", text).replace("( ", "(")

    def attachment(self, a: int, b: int) -> tuple[frozenset[str], int, int]:
        """The content words a status word is about: the noun phrase before it ("tramadol was
        stopped", "SLR negative") and the one after it ("stopped tramadol", "reduced
        sensation")."""
        found: set[str] = set()
        lo, hi, count = a, b, 0
        # before its noun: "an abnormal EMG", "tenderness with reduced sensation"
        prenominal = a > 0 and self.tokens[a - 1] in {"a", "an", "the"} | PREPOSITIONS
        for k in range(a - 1, a - 1 if prenominal else max(-1, a - 9), -1):
            t = self.tokens[k]
            if count == 0 and (t in AUXILIARIES or PARTICIPLE.fullmatch(t)):
                continue  # "tramadol was stopped", "ibuprofen was prescribed and continued"
            if (self.ends_phrase_before(k) and t not in {"and", "or"}) or self.in_pair[k]:
                break  # "strength, sensation and reflexes ... are normal" reaches all three
            if self.concept[k] and count < self.lex.phrase:
                found.add(stem(t))
                lo, count = k, count + 1
        count = 0
        for k in range(b, min(self.n, b + 6)):
            t = self.tokens[k]
            if t in HARD or t in {",", "and"} or self.stops[k] or self.taken[k] or \
                    self.in_pair[k] or t in PREPOSITIONS or t in AUXILIARIES:
                break
            if self.concept[k] and count < self.lex.phrase:
                found.add(stem(t))
                hi, count = k + 1, count + 1
        return frozenset(found), lo, hi

    def actor(self, a: int, b: int) -> frozenset[str]:
        """Who does what a status word says: the noun phrase after "by" ("affirmed by the
        Board"), else its subject, back past a relative pronoun, an auxiliary or another verb of
        the clause ("the Appeals Office, which reversed", "the Board agreed, reversing")."""
        found: set[str] = set()
        k = b + 1 if b < self.n and self.tokens[b] == "by" else -1
        while 0 <= k < self.n and (self.concept[k] or self.tokens[k] in DETERMINERS or
                                   self.tokens[k] in self.lex.not_concepts or
                                   self.tokens[k] == "and") and len(found) < self.lex.phrase:
            if self.concept[k]:
                found.add(stem(self.tokens[k]))
            k += 1
        if found:
            return frozenset(found)
        k, skipped = a - 1, 0
        while k >= 0 and not self.concept[k] and skipped < 4:
            t = self.tokens[k]
            if t in HARD or t in {"but", "while", "whereas", "although"}:
                return frozenset()
            k, skipped = k - 1, skipped + 1
        while k >= 0 and (self.concept[k] or self.tokens[k] in DETERMINERS or
                          self.tokens[k] == "and") and len(found) < self.lex.phrase:
            if self.concept[k]:
                found.add(stem(self.tokens[k]))
            k -= 1
        return frozenset(found)

    def coordinated(self, a: int, attached: dict[tuple[int, int], frozenset[str]]
                    ) -> frozenset[str]:
        """"tolerated and maintained": the second status word is about what the first is."""
        k = a - 1
        while k >= 0 and self.tokens[k] in {"and", "or", ",", "then", "was", "were", "is"}:
            k -= 1
        if k == a - 1:
            return frozenset()
        return next((about for (_, y), about in attached.items() if y == k + 1), frozenset())

    def antecedent(self, a: int) -> frozenset[str]:
        """"...; it was stopped": a pronoun's status word is about what came before."""
        if not any(self.tokens[k] in {"it", "they", "this", "these", "both"}
                   for k in range(max(0, a - 3), a)):
            return frozenset()
        return frozenset(stem(self.tokens[k]) for k in range(a) if self.concept[k])

    def clause(self, a: int) -> frozenset[str]:
        """Failing all else, a status word is about the content words of its clause."""
        lo = a
        while lo > 0 and self.tokens[lo - 1] not in HARD:
            lo -= 1
        hi = a
        while hi < self.n and self.tokens[hi] not in HARD:
            hi += 1
        return frozenset(stem(self.tokens[k]) for k in range(lo, hi) if self.concept[k])


@lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Every concept of a text with what the text says of it (cached per text)."""
    t = Analysis(text)
    t.resolve()
    t.index()
    for scratch in ("joined", "starts", "stops", "taken", "in_pair", "pairs", "transparent",
                    "unsure", "after", "before", "verb", "weak"):
        delattr(t, scratch)  # kept in the cache: only what the mentions are made from
    return t
