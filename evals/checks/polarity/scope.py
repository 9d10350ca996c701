"""Negation scope, as in NegEx / ConText with a narrower reach: what the cues of a text say of
each of its tokens (stated, denied or unsure). ``Scope`` reads a text's tokens and cues and
resolves their scope; the mentions of its concepts are made from it (``mentions.py``).

- a nominal cue ("no", "without", "denies", "negative for") denies the head of each noun phrase
  of the list that follows;
- a verbal cue ("not", "never", "failed to") denies the word it governs;
- a trailing cue ("SLR negative", "a trial was not documented") denies the phrase before it;
- the rest of a cue's clause, a qualified negation and any clause with a condition, prediction
  or recommendation are unsure."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from evals.checks.polarity.lexicon import CUE_KINDS, Pair, lexicon
from evals.checks.polarity.text import is_concept, normalise, stem, token_start_matches
from evals.checks.polarity.words import (
    AUXILIARIES,
    DATE_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    HARD,
    LIMITS,
    NEGATED,
    PARTICIPLE,
    PERSONS,
    POSITIVE,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING,
    SAYING,
    SEPARATORS,
    UNSURE,
)

# What a study or an exam gives of something ("no electrodiagnostic evidence of ...").
_EVIDENCE = frozenset({"evidence", "sign", "signs"})
# The details a record gives of a thing: denied alone ("no quantity stated", "the file doesn't
# have the dates"), the record leaves them out; nothing is said of the thing itself.
_DETAILS = frozenset({"date", "dates", "dose", "doses", "dosage", "dosing", "quantity",
                      "quantities", "strength", "strengths"})


class Scope:
    """One text's tokens and what the cues say about each (``resolve`` marks them)."""

    def __init__(self, text: str) -> None:
        self.lex = lex = lexicon()
        self.tokens = tokens = tuple(normalise(text))
        self.n = n = len(tokens)
        self.joined = " ".join(tokens)
        self.starts: list[int] = []
        at = 0
        for t in tokens:
            self.starts.append(at)
            at += len(t) + 1
        self.stops = [t in HARD or t in lex.boundaries for t in tokens]
        self.pairs: list[tuple[Pair, str, int, int]] = []
        self.in_pair = [False] * n
        for k, t in enumerate(tokens):
            for i, pole in lex.pair_words.get(t, ()):
                self.pairs.append((lex.pairs[i], pole, k, k + 1))
                self.in_pair[k] = True
        self.taken = [False] * n  # part of a negation cue
        found: dict[str, list[tuple[int, int]]] = {k: [] for k in CUE_KINDS}
        for m in self.matches(lex.cues):
            found[m.lastgroup or ""].append(self.token_range(m.start(), m.end()))
        for pair in lex.pairs if found["phrase"] else ():  # which pairs, and which poles
            if pair.phrases is not None:
                for m in self.matches(pair.phrases):
                    a, b = self.token_range(m.start(), m.end())
                    self.pairs.append((pair, m.lastgroup or "a", a, b))
                    self.in_pair[a:b] = [True] * (b - a)
        for a, b in found["boundary"]:
            self.stops[a:b] = [True] * (b - a)
        self.claim(found["pseudo"])  # the cues inside them are not cues
        self.after = self.claim(self.outside_pairs(found["after"]))
        self.before = self.claim(self.outside_pairs(found["before"]))
        self.verb = self.claim(self.outside_pairs(found["verb"]))
        self.weak = self.claim(self.outside_pairs(found["weak"]))
        self.transparent = dict(found["transparent"])
        self.unsure = found["unsure"]
        in_unsure = {k for a, b in self.unsure for k in range(a, b)}
        self.concept = [is_concept(t) and not self.taken[k] and not self.stops[k] and
                        k not in in_unsure and not self.in_pair[k] for k, t in enumerate(tokens)]
        self.target = [self.concept[k] or (self.in_pair[k] and not self.taken[k])
                       for k in range(n)]
        self.state = [POSITIVE] * n
        self.cue_of: dict[int, tuple[int, int]] = {}
        self.denied_mods: dict[int, frozenset[str]] = {}
        self.compound_state: dict[int, int] = {}

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(self.joined)`` for a pattern of whole tokens (``lexicon``'s
        ``_tokens_pattern``: every match begins where no character but a space comes before),
        tried only where a token begins (``text.token_start_matches``)."""
        return token_start_matches(pattern, self.joined, self.starts)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def outside_pairs(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Cues, less those inside a longer status phrase ("non-smoker")."""
        return [(a, b) for a, b in spans
                if not any(x <= a and b <= y and y - x > b - a for _, _, x, y in self.pairs)]

    def claim(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        free = [(a, b) for a, b in spans if not any(self.taken[a:b])]
        for a, b in free:
            self.taken[a:b] = [True] * (b - a)
        return free

    def mark(self, k: int, value: int, cue: tuple[int, int]) -> None:
        if not self.target[k]:
            return
        old = self.state[k]
        self.state[k] = UNSURE if UNSURE in (old, value) else min(old, value)
        self.cue_of.setdefault(k, cue)

    def deny(self, phrase: list[int], cue: tuple[int, int]) -> None:
        """Deny a noun phrase: its head (last word) is denied, with the others as its
        modifiers, which are themselves unsure."""
        for k in phrase[:-1]:
            self.mark(k, UNSURE, cue)
        # "no physician says ...": what the person does is denied, not the person
        person = self.tokens[phrase[-1]] in PERSONS and self.tokens[cue[0]] == "no"
        detail = self.tokens[phrase[-1]] in _DETAILS
        self.mark(phrase[-1], UNSURE if person or detail else NEGATED, cue)
        self.denied_mods[phrase[-1]] = frozenset(stem(self.tokens[k]) for k in phrase[:-1])

    def end_of_scope(self, b: int) -> int:
        k = b
        while k < self.n and not self.stops[k] and not self.taken[k]:
            k += 1
        return k

    # -- the three kinds of cue ----------------------------------------------------------------

    def deny_list(self, b: int, cue: tuple[int, int]) -> None:
        """A nominal cue: deny the head of each noun phrase of the list that follows ("no X,
        Y or Z"; in a list joined by commas and "and", only the first); the rest of the
        clause is unsure, and so is a verb whose object is denied ("enrolled in no study"
        says what "not enrolled in a study" says)."""
        k = cue[0] - 1 - (cue[0] > 1 and self.tokens[cue[0] - 1] in {"in", "to", "into", "on"})
        if k >= 0 and self.target[k] and self.tokens[cue[0]] in {"no", "none", "nothing"}:
            self.mark(k, UNSURE, cue)  # not "walked without pain", "X rather than Y"
        end = self.end_of_scope(b)
        items, seps, start = [], [], b
        for k in range(b, end):
            if self.tokens[k] in SEPARATORS:
                items.append((start, k))
                seps.append(self.tokens[k])
                start = k + 1
        items.append((start, end))
        or_list = any(s in ("or", "nor") for s in seps)
        clause_end = end >= self.n or self.tokens[end] in HARD
        in_pp = False  # "no measure of function or activity": the "or" is inside the "of"
        for i, (a, z) in enumerate(items):
            words = self.tokens[a:z]
            joined_to_pp = in_pp and i > 0 and seps[i - 1] in ("or", "nor", "and", "/")
            narrow = not joined_to_pp and (i == 0 or (or_list and "and" not in seps[:i]) or (
                i == len(items) - 1 and clause_end and set(seps) <= {","} and
                not any(t in PREPOSITIONS or t in AUXILIARIES or t in REPORTING
                        for t in words)))
            qualified, in_pp = self.deny_phrase(a, z, narrow, cue)
            if i == 0 and qualified:  # "no other pain condition (such as ...)"
                for k in range(z, end):
                    self.mark(k, UNSURE, cue)
                return

    def deny_phrase(self, a: int, z: int, narrow: bool, cue: tuple[int, int]
                    ) -> tuple[bool, bool]:
        """One item of a denied list; says whether a qualifier took the negation and whether
        the item ended in a prepositional phrase."""
        head: list[int] = []
        stopped, qualified, in_pp = not narrow, False, False
        k = a
        while k < z:
            t = self.tokens[k]
            if not head and k in self.transparent:  # "no evidence of", "no history of"
                for j in range(k, self.transparent[k]):
                    self.mark(j, UNSURE, cue)
                k = self.transparent[k]
                continue
            if head and t in _EVIDENCE and k + 1 < z and self.tokens[k + 1] == "of":
                # "no electrodiagnostic evidence of radiculopathy": the study found none (its
                # name is no denial of the study); what it found none of is denied
                for j in [*head, k, k + 1]:
                    self.mark(j, UNSURE, cue)
                head, k = [], k + 2
                continue
            if not head and k == a and t in PREPOSITIONS:
                k += 1  # "rather than on restricted duty"
                continue
            if stopped or t in DETERMINERS:
                self.mark(k, UNSURE, cue)
                in_pp = in_pp or (stopped and t in PREPOSITIONS)
            elif head and k == head[-1] + 1 and t in self.lex.record_heads:
                qualified = stopped = True  # "the missing MRI report": the report is missing,
                self.mark(k, UNSURE, cue)  # not the MRI
            elif t in self.lex.qualifiers and not head and self.at_all(k, z):
                self.mark(k, UNSURE, cue)  # emphasis, not a modifier the record must carry
            elif t in self.lex.qualifiers and not head:
                qualified = stopped = True
                self.mark(k, UNSURE, cue)
                nxt = k + 1 + (k + 1 < z and self.tokens[k + 1] == "-")
                if nxt < z and self.target[nxt] and self.concept[k]:
                    self.compound_state[nxt] = NEGATED  # "no further injections" denies those
            elif t in PREPOSITIONS or t in AUXILIARIES or t in REPORTING or \
                    (t in FUNCTION_WORDS and not self.target[k]) or \
                    (head and PARTICIPLE.fullmatch(t)):  # "no opioids taken"
                stopped = True
                in_pp = t in PREPOSITIONS
                self.mark(k, UNSURE, cue)
                if head and k == head[-1] + 1 and t in {"date", "dates"}:
                    qualified = True  # "no implant date": the date is missing, not the implant
                if head and t in LIMITS:  # "no lifting over 10 pounds" allows some lifting
                    qualified = True
            elif self.target[k]:
                head.append(k)
            k += 1
        if head and narrow and not qualified and len(head) <= self.lex.phrase:
            self.deny(head, cue)
        else:
            for j in head:
                self.mark(j, UNSURE, cue)
        return qualified, in_pp

    def at_all(self, k: int, z: int) -> bool:
        """"no meaningful relief at all": the qualifier does not take the negation."""
        rest = self.tokens[k + 1:min(z + 3, self.n, k + 6)]
        return any(rest[i:i + 2] == ("at", "all") for i in range(len(rest) - 1))

    def deny_predicate(self, a: int, b: int) -> None:
        """A verbal cue: deny the word it governs ("did not reduce"), or, after a reporting
        verb ("does not document"), the noun phrases that follow. The subject of "X were not
        advised" is unsure, as in "no X were advised"."""
        k, auxiliary = a - 1, False
        while k >= 0 and self.tokens[k] in AUXILIARIES | {"yet", "also", "still"}:
            auxiliary, k = True, k - 1
        if auxiliary:
            while k >= 0 and (self.target[k] or self.tokens[k] in {"-"} | DETERMINERS):
                self.mark(k, UNSURE, (a, b))
                k -= 1
        found = False
        for k in range(b, self.end_of_scope(b)):
            t = self.tokens[k]
            if found:
                self.mark(k, UNSURE, (a, b))
            elif t in REPORTING and k + 1 < self.n and self.tokens[k + 1] == "that":
                found = True  # "does not show that the surgery is unnecessary": a claim not
                # made out is not denied, and what it says is unsure
            elif t in REPORTING:
                self.deny_list(k + 1, (a, k + 1))
                return
            elif t in self.lex.fillers or t in DETERMINERS or t.endswith("ly") or \
                    not self.target[k]:
                continue
            else:
                # "doesn't have a Robaxin dose": the record lacks the dose, not the drug
                detail = self.tokens[k] in _DETAILS or (
                    k + 1 < self.n and self.tokens[k + 1] in self.lex.record_heads)
                self.mark(k, UNSURE if detail else NEGATED, (a, b))
                found = True

    def deny_before(self, a: int, b: int) -> None:
        """A cue after what it denies ("SLR negative", "a trial was not documented"); used
        forward when a noun follows it instead ("negative sacroiliac tests")."""
        k = b
        while k < self.n and self.tokens[k] in DETERMINERS:
            k += 1
        if k < self.n and self.target[k] and not self.stops[k]:
            self.deny_list(b, (a, b))
            return
        # a plural verb after a coordinated subject denies each conjunct ("imaging correlation
        # and four weeks of care were not documented"); an adjective only the nearest ("reflexes
        # symmetric and SLR negative")
        plural = {self.tokens[a], self.tokens[a - 1] if a else ""} & {"are", "were", "have"}
        end, joined = self.before_date(a), False
        for _ in range(4 if plural else 1):
            phrase: list[int] = []
            crossed, stop = False, -1
            for k in range(end - 1, max(-1, end - 11), -1):
                t = self.tokens[k]
                if t in AUXILIARIES and not phrase and end == a:
                    continue  # "SLR was negative"
                if self.ends_phrase_before(k):
                    stop = k  # a verb, pronoun, punctuation or another cue ends the phrase
                    break
                if t in PREPOSITIONS:
                    crossed = True  # "relief from the first block was not documented": unsure
                elif self.target[k]:
                    phrase.insert(0, k)
            # "the drugs he takes are not named": a verb after its subject pronoun is a
            # relative clause's, not what the cue denies
            relative = stop >= 0 and self.tokens[stop] in {"he", "she", "they", "we", "i"}
            if phrase and not crossed and not relative and len(phrase) <= self.lex.phrase:
                self.deny(phrase, (a, b))
            else:
                for k in phrase:
                    self.mark(k, UNSURE, (a, b))
            # on to the conjunct before: after "and" or "or", then over the list's commas
            link = self.tokens[stop] if stop >= 0 else ""
            if not phrase or not (link in {"and", "or"} or (link == "," and joined)):
                break
            joined, end = True, stop

    def before_date(self, a: int) -> int:
        """Where the subject of a trailing cue ends when a date comes between ("the review on
        February 18, 2025 was negative"): before the date's preposition; else at the cue."""
        k = a - 1
        while k >= 0 and self.tokens[k] in AUXILIARIES:
            k -= 1
        j = k
        while j >= 0 and (self.tokens[j].isdigit() or self.tokens[j] in DATE_WORDS):
            j -= 1
        if j < k and j > 0 and self.tokens[j] in {"on", "in", "dated", "of"} and \
                any(self.tokens[i].isdigit() for i in range(j + 1, k + 1)):
            return j
        return a

    def ends_phrase_before(self, k: int) -> bool:
        """Walking back from a trailing word, token k is not part of the phrase before it."""
        t = self.tokens[k]
        return t in HARD or t in {",", "and", "or", "that"} or self.stops[k] or \
            self.taken[k] or t in REPORTING or t in AUXILIARIES or t in PRONOUNS

    def resolve(self) -> None:
        for a, b in self.before:
            if b < self.n and (self.tokens[b] in {",", "or", "and"} or self.stops[b]):
                continue  # "negative, reflexes normal": nothing follows this cue
            self.deny_list(b, (a, b))
        for a, b in self.verb:
            self.deny_predicate(a, b)
        for a, b in self.after:
            self.deny_before(a, b)
        for a, b in self.weak:
            for k in range(b, self.end_of_scope(b)):
                self.mark(k, UNSURE, (a, b))
        # Conditions, predictions, recommendations: nothing in their clause is certain.
        for a, _ in self.unsure:
            lo = a
            # (a cue right after "and"/"but" begins its own predicate: "he was not working
            # and could walk" leaves the first unsure of nothing)
            # (and so does a verb after "and": "advised against X and suggested waiting to
            # see whether" leaves the advice certain)
            while lo > 0 and not self.stops[lo - 1] and self.tokens[lo - 1] != "," and \
                    not ((lo == a or self.tokens[lo].endswith("ed")) and
                         self.tokens[lo - 1] in {"and", "but"}):
                lo -= 1
            hi = a  # on to the clause's end, "that" ("stating that ...") or ", and"
            while hi < self.n and not self.stops[hi] and (
                    self.tokens[hi] != "that" or SAYING & set(self.tokens[a:hi])) and not (
                    self.tokens[hi] == "," and hi + 1 < self.n and
                    self.tokens[hi + 1] in {"and", "but", "or"}):
                hi += 1  # what someone "will argue that ..." is as unsure as the arguing
            for k in range(lo, hi):
                if self.target[k]:
                    self.state[k] = UNSURE
        if "without" in self.tokens and "with" in self.tokens:
            self.compared()

    def compared(self) -> None:
        """A comparison of having a thing and not ("pain 8/10 without medication and 4/10 with
        it", "with and without the brace"): the thing is said both ways, so it is unsure."""
        withs = [k for k, t in enumerate(self.tokens) if t == "with"]
        for k, (a, _) in list(self.cue_of.items()):
            if self.state[k] != NEGATED or self.tokens[a] != "without":
                continue
            head = self.tokens[k]
            if any(w + 1 < self.n and (self.tokens[w + 1] in {"it", "them", "that", "one",
                                                                "and", "or", head} or
                                       head in self.tokens[w + 1:w + 4])
                   for w in withs):
                self.state[k] = UNSURE

