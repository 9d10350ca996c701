"""A cited sentence does not reverse the polarity of what its cited facts say: done / not done,
positive / negative, improved / worsened, stopped / continued, working / off work, smoker /
non-smoker, upheld / reversed, present / absent (issue #19).

No parser or language model (spaCy's models are not installable here, and medspacy's ConText
costs milliseconds a text): the text is normalised into tokens, and the lexicon of
``evals/data/polarity.yaml`` decides, for every content word, whether the text states it,
denies it or leaves it unsure. Negation cues work as in NegEx / ConText, with a narrower reach:

- a nominal cue ("no", "without", "denies", "negative for") denies the head of each noun phrase
  of the list that follows ("no recurrent disc herniation" denies a recurrent disc herniation,
  not every herniation);
- a verbal cue ("not", "never", "failed to") denies the word it governs ("did not reduce pain"
  denies the reduction, not the pain);
- a trailing cue ("SLR negative", "a trial was not documented") denies the phrase before it;
- the rest of a cue's clause, a qualified negation ("no lasting relief", "no other opioid") and
  any clause with a condition, prediction or recommendation ("if", "should", "will") are unsure.

Status pairs (rose / fell, stopped / continued, working / off work...) say one pole or the
other of a concept; they are compared with a mention about the same words (the drug stopped,
the test positive), or, for the patient's own status (work, smoking), with any mention.

A sentence is flagged for a concept it states one way when every mention of that concept in its
cited facts says the other (and none is unsure): "a trial was completed" against "no trial is
documented", "tramadol was continued" against "tramadol was stopped". A stated phrase
contradicts a denied one only when it carries all the denied phrase's modifiers ("home TENS use
was recorded" against "no home TENS use", but not "prescribed for home use"). Hedges and
reasoning add words the facts do not contain, and such words are never compared.

Texts are analysed once each (cached): facts are read for many sentences and many drafts."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from evals.context import EvalContext, Sentence
from evals.findings import Finding

LEXICON = Path(__file__).resolve().parents[1] / "data" / "polarity.yaml"

POSITIVE, NEGATED, UNSURE = 1, -1, 0

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "—": " ; ",
                            "–": "-", "‑": "-", "\u00a0": " "})
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}(?![a-z])")  # b.i.d. -> bid
_TITLES = re.compile(r"\b(dr|vs|approx|mr|mrs|ms|st|fig)\.(?= [a-z0-9])")
_NOT = re.compile(r"\b(?:(can)'?t|(won)'t|(\w+)n't)\b")
_POSSESSIVE = re.compile(r"'s\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[;:,.()?!/%+-]")
_ADVERB = re.compile(r"[a-z]{3,}ly")
_PARTICIPLE = re.compile(r"[a-z]{3,}ed|taken|given|done|seen|shown|made|begun|undergone|written")
HARD = frozenset(";:.?!")
SEPARATORS = frozenset({",", "or", "nor", "and", "/", "(", ")"})
DETERMINERS = frozenset("""a an the any his her their its this that these those prior previous
earlier documented - such as including e g eg ie""".split())
# What a record does with a fact, not the fact ("documents", "records"): never a concept.
REPORTING = frozenset("""document documents documented documenting record records recorded note
notes noted report reports reported show shows showed shown mention mentions mentioned
describe describes described list lists listed state states stated indicate indicates indicated
find finds found appear appears appeared seem seems seemed suggest suggests suggested
reflect reflects reflected confirm confirms confirmed name names named give gives gave given
contain contains contained include includes included""".split())
AUXILIARIES = frozenset("""is are was were be been being has have had do does did will would
shall should can could may might must remain remains remained become became becomes becoming
stay stays stayed""".split())
PREPOSITIONS = frozenset("""of in on at to for from with by during after before over under into
onto about per via since until within across through throughout among between around beyond
despite against toward towards upon like as below above near than""".split())
FUNCTION_WORDS = frozenset("""a an the and or of to in on for with at by from as is was were be
been are this that these those it its their his her they he she which who whom than then there
here into onto about after before during over under not no nor but if so such per each any all
both more most other some only same very can could may might must should would will shall has
have had do does did done also them him you your our my me us what where how why much many
least less own whose none nothing something anything everything someone one ones still every
again now well already ever never just even yet soon later
patient patients case file packet page dated date day days week weeks month months year years
time times visit visits""".split())
# After a denied word, these limit the denial to a degree or a place ("no lifting over 10
# pounds", "no pain below the buttocks"): the word itself is not denied.
LIMITS = frozenset("over above beyond exceeding past below under more longer greater".split())
PRONOUNS = frozenset({"it", "they", "this", "these", "which", "both", "he", "she", "him",
                      "them", "we", "i", "who", "there"})
BASE_NOT_CONCEPT = FUNCTION_WORDS | REPORTING | AUXILIARIES | PREPOSITIONS | DETERMINERS


@dataclass(frozen=True)
class Pair:
    name: str
    patient: bool  # about the patient as a whole: any two mentions compare
    complementary: bool  # denying one pole states the other
    hides: str  # the pole whose subject is not stated to be present ("ibuprofen was stopped")
    phrases: re.Pattern[str] | None  # its phrases of several words, group "a" or "b"


# Cue kinds, in the order they claim words: a status phrase of several words ("non-smoker")
# takes its cue words for itself, and a threshold ("no more than") is not a negation.
CUE_KINDS = ("phrase", "pseudo", "boundary", "transparent", "unsure", "after", "before", "verb",
             "weak")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Lexicon:
    synonyms: re.Pattern[str]  # group sN: the word synonym_words[N]
    synonym_words: tuple[str, ...]
    synonym_names: dict[str, str]  # how a finding quotes a synonym's token
    synonym_starts: tuple[str, ...]  # how every synonym begins (a text without one is skipped)
    cues: re.Pattern[str]  # one group per cue kind
    pair_words: dict[str, tuple[tuple[int, str], ...]]  # a one-word phrase: (pair, pole)
    boundaries: frozenset[str]
    qualifiers: frozenset[str]
    fillers: frozenset[str]
    not_concepts: frozenset[str]
    phrase: int
    pairs: tuple[Pair, ...]


def _tokens_pattern(groups: dict[str, list[str]]) -> re.Pattern[str]:
    """One named group per list of patterns, each matching whole tokens of the space-joined
    text; longer patterns first, so "no more than" is tried before "no"."""
    def alternatives(patterns: list[str]) -> str:
        ordered = sorted(map(str, patterns), key=len, reverse=True) or ["(?!x)x"]
        return "|".join(f"(?:{p})" for p in ordered)
    return re.compile(r"(?<!\S)(?:" + "|".join(
        f"(?P<{name}>{alternatives(patterns)})" for name, patterns in groups.items()) +
        r")(?!\S)")


def _synonym_starts(synonyms: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The letters every synonym pattern begins with ("straight" for "straight(?: - | )leg")."""
    starts = set()
    for pattern in (str(p) for entry in synonyms.values() for p in entry["patterns"]):
        m = _WORD.match(pattern)
        if not m:
            raise ValueError(f"a synonym must begin with letters: {pattern!r}")
        starts.add(m.group(0))
    return tuple(sorted(starts))


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    """The cue lexicon, compiled once: one pattern for the synonyms, one for every cue, a
    table of one-word status phrases and one pattern per pair for its longer phrases."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    neg = data["negation"]
    words = tuple(data["synonyms"])
    bounds = [str(b) for b in data["boundaries"]]
    pairs: list[Pair] = []
    pair_words: dict[str, list[tuple[int, str]]] = {}
    longer: list[str] = []
    for i, p in enumerate(data["pairs"]):
        poles: dict[str, list[str]] = {}
        for pole in "ab":
            for phrase in map(str, p[pole]):
                if _WORD.fullmatch(phrase):
                    pair_words.setdefault(phrase, []).append((i, pole))
                else:
                    poles.setdefault(pole, []).append(phrase)
                    longer.append(phrase)
        pairs.append(Pair(p["name"], p.get("subject") == "patient", bool(p["complementary"]),
                          str(p.get("hides", "")), _tokens_pattern(poles) if poles else None))
    kinds = {"phrase": longer, "pseudo": neg["pseudo"],
             "boundary": [b for b in bounds if " " in b], "transparent": neg["transparent"],
             "unsure": data["unsure"], "after": neg["after"], "before": neg["before"],
             "verb": neg["verb"], "weak": neg["weak"]}
    return Lexicon(
        synonyms=_tokens_pattern({f"s{i}": data["synonyms"][w]["patterns"]
                                  for i, w in enumerate(words)}),
        synonym_words=words, synonym_starts=_synonym_starts(data["synonyms"]),
        synonym_names={w: str(data["synonyms"][w]["name"]) for w in words},
        cues=_tokens_pattern({k: kinds[k] for k in CUE_KINDS}),
        pair_words={k: tuple(v) for k, v in pair_words.items()},
        boundaries=frozenset(b for b in bounds if " " not in b),
        qualifiers=frozenset(neg["qualifiers"]), fillers=frozenset(neg["fillers"]),
        not_concepts=BASE_NOT_CONCEPT | frozenset(map(str, data["not_concepts"])),
        phrase=int(data["phrase"]), pairs=tuple(pairs))


def normalise(text: str) -> list[str]:
    """Lower-case tokens, with straight apostrophes, "not" for "n't", dotted abbreviations closed
    up and the lexicon's synonyms written as one token ("straight-leg raise" -> "slr")."""
    text = (text if text.isascii() else text.translate(_TRANSLATE)).lower()
    if "." in text.rstrip(" ."):  # the patterns below are slow: run them where they can match
        text = _TITLES.sub(r"\1", _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text))
    if "'" in text:
        text = _NOT.sub(lambda m: "can not" if m.group(1) else "will not" if m.group(2) else
                        f"{m.group(3)} not", text)
        text = _POSSESSIVE.sub("", text)
    tokens = _TOKEN.findall(text.replace("cannot", "can not"))
    lex = lexicon()
    if not any(t.startswith(lex.synonym_starts) for t in tokens):
        return tokens
    return lex.synonyms.sub(lambda m: lex.synonym_words[int(m.lastgroup[1:])],  # type: ignore[index]
                            " ".join(tokens)).split()


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light stem: plural and -ed / -ing endings off ("tests", "tested" -> "test";
    "reduce", "reduced" -> "reduc"), but "percent" is not "percentage"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


@dataclass(frozen=True)
class Mention:
    key: str  # a content word's stem ("trial"), a compound ("confirmatory+block"), or a pair
    literals: frozenset[tuple[str, bool]]  # what it asserts; empty when unsure
    mods: frozenset[str] | None  # a word's modifiers; None for a status pair
    about: frozenset[str]  # a status pair: the words it is about ("*": the patient)
    span: tuple[int, int]  # the tokens to quote
    near: str = ""  # a word's first six letters ("percent", "percentages")


def _conflict(x: Mention, y: Mention) -> bool:
    """x and y say opposite things. A denied phrase is contradicted only by a stated phrase
    with all its modifiers: "no home TENS use" by "home TENS use", not by "home use"."""
    if not any((name, not value) in y.literals for name, value in x.literals):
        return False
    if x.mods is None or y.mods is None:
        return True
    stated, denied = (x.mods, y.mods) if (x.key, True) in x.literals else (y.mods, x.mods)
    return denied <= stated


def _comparable(x: Mention, y: Mention) -> bool:
    """Words compare whenever they are the same; a status word with one about the same thing
    (at least half the words of the shorter phrase: "left knee reflex normal" and "left knee
    reflex diminished", not "reduced peroneal amplitude" and "normal deep peroneal studies")."""
    if x.mods is not None:
        return True
    shared = len(x.about & y.about)
    return shared > 0 and 2 * shared >= min(len(x.about), len(y.about))


class Analysis:
    """One text's tokens, what the cues say about each, and its mentions (built once per
    text by ``analyse``; a concept's mentions are made when first asked for)."""

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
        for m in lex.cues.finditer(self.joined):
            found[m.lastgroup or ""].append(self.token_range(m.start(), m.end()))
        for pair in lex.pairs if found["phrase"] else ():  # which pairs, and which poles
            if pair.phrases is not None:
                for m in pair.phrases.finditer(self.joined):
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
        self.concept = [_is_concept(t) and not self.taken[k] and not self.stops[k] and
                        k not in in_unsure and not self.in_pair[k] for k, t in enumerate(tokens)]
        self.target = [self.concept[k] or (self.in_pair[k] and not self.taken[k])
                       for k in range(n)]
        self.state = [POSITIVE] * n
        self.cue_of: dict[int, tuple[int, int]] = {}
        self.denied_mods: dict[int, frozenset[str]] = {}
        self.compound_state: dict[int, int] = {}

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
        self.mark(phrase[-1], NEGATED, cue)
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
            if not head and k == a and t in PREPOSITIONS:
                k += 1  # "rather than on restricted duty"
                continue
            if stopped or t in DETERMINERS:
                self.mark(k, UNSURE, cue)
                in_pp = in_pp or (stopped and t in PREPOSITIONS)
            elif t in self.lex.qualifiers and not head:
                qualified = stopped = True
                self.mark(k, UNSURE, cue)
                nxt = k + 1 + (k + 1 < z and self.tokens[k + 1] == "-")
                if nxt < z and self.target[nxt] and self.concept[k]:
                    self.compound_state[nxt] = NEGATED  # "no further injections" denies those
            elif t in PREPOSITIONS or t in AUXILIARIES or t in REPORTING or \
                    (t in FUNCTION_WORDS and not self.target[k]) or \
                    (head and _PARTICIPLE.fullmatch(t)):  # "no opioids taken"
                stopped = True
                in_pp = t in PREPOSITIONS
                self.mark(k, UNSURE, cue)
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
            elif t in REPORTING:
                self.deny_list(k + 1, (a, k + 1))
                return
            elif t in self.lex.fillers or t in DETERMINERS or t.endswith("ly") or \
                    not self.target[k]:
                continue
            else:
                self.mark(k, NEGATED, (a, b))
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
        phrase: list[int] = []
        crossed = False
        for k in range(a - 1, max(-1, a - 11), -1):
            t = self.tokens[k]
            if t in AUXILIARIES and not phrase:
                continue  # "SLR was negative"
            if self.ends_phrase_before(k):
                break  # a verb, pronoun, punctuation or another cue ends the phrase
            if t in PREPOSITIONS:
                crossed = True  # "relief from the first block was not documented": unsure
            elif self.target[k]:
                phrase.insert(0, k)
        if phrase and not crossed and len(phrase) <= self.lex.phrase:
            self.deny(phrase, (a, b))
        else:
            for k in phrase:
                self.mark(k, UNSURE, (a, b))

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
            while lo > 0 and not self.stops[lo - 1] and self.tokens[lo - 1] != ",":
                lo -= 1
            hi = a  # on to the clause's end, "that" ("stating that ...") or ", and"
            while hi < self.n and not self.stops[hi] and self.tokens[hi] != "that" and not (
                    self.tokens[hi] == "," and hi + 1 < self.n and
                    self.tokens[hi + 1] in {"and", "but", "or"}):
                hi += 1
            for k in range(lo, hi):
                if self.target[k]:
                    self.state[k] = UNSURE

    # -- mentions --------------------------------------------------------------------------

    def run_before(self, k: int) -> list[int]:
        """The modifiers written just before word k ("small recurrent disc" herniation),
        adverbs included ("primarily" psychological)."""
        out: list[int] = []
        j = k - 1
        while j >= 0 and len(out) < self.lex.phrase:
            t = self.tokens[j]
            if t == "-":
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
            _ADVERB.fullmatch(t) is not None and t not in self.lex.fillers)

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
            else:
                about, lo, hi = self.attachment(a, b)
                if pair.hides == pole:  # "ibuprofen was stopped": she may not take it now
                    for k in range(lo, hi):
                        if self.concept[k] and not a <= k < b:
                            self.state[k] = UNSURE
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
            if count == 0 and (t in AUXILIARIES or _PARTICIPLE.fullmatch(t)):
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


@lru_cache(maxsize=16384)
def _is_concept(token: str) -> bool:
    return len(token) > 2 and token[0].isalpha() and not token.endswith("ly") and \
        token not in lexicon().not_concepts


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


def reversals(sentence: str, sources: list[tuple[str, str]]
              ) -> list[tuple[Mention, str, Mention]]:
    """(sentence mention, marker, source mention) for each concept the sentence states one way
    and every comparable mention in its sources states the other way (none unsure)."""
    said = analyse(sentence)
    cited = [(marker, analyse(text)) for marker, text in sources]
    candidates: set[str] = set()
    for _, a in cited:  # a concept denied or unsure on one side at least, or a status pair
        candidates |= (said.polar & a.keys) | (said.keys & a.polar) | \
            (said.pair_names & a.pair_names)
    found = []
    for key in sorted(candidates):
        mentions = said.mentions(key)
        theirs = [(marker, m) for marker, a in cited for m in a.mentions(key)]
        # a word is judged on all its mentions; a status word on each (each is about its own
        # noun phrase: "reflex normal" and "light touch reduced" are two statements)
        groups = [mentions] if mentions[0].mods is not None else [(m,) for m in mentions]
        for mine in groups:
            pairs = [(s, marker, c) for s in mine for marker, c in theirs if _comparable(s, c)]
            if not pairs or any(not s.literals or not c.literals for s, _, c in pairs):
                continue
            if all(_conflict(s, c) for s, _, c in pairs) and not _near_agreement(mine, cited):
                found.append(pairs[0])
    return found


def _near_agreement(mine: tuple[Mention, ...], cited: list[tuple[str, Analysis]]) -> bool:
    """A cited source states a near form of the word the same way, or leaves it unsure
    ("diary percentages" against "without a percentage" and "85 percent"): no finding."""
    near = {m.near for m in mine if m.near}
    if not near:
        return False
    said = {POSITIVE if v else NEGATED for m in mine for _, v in m.literals}
    return any(s == UNSURE or s in said for _, a in cited for s in a.near_states(near))


# What a sentence may add around a verbatim quote of its sources without changing its sense.
_FRAMING = frozenset("""january february march april may june july august september october
november december on in at of by to a an the and as from for with was were is are that this
these those which""".split())
_LETTERS = re.compile(r"[a-z]+")


def quotes_its_sources(sentence: str, statements: list[str]) -> bool:
    """The sentence is its sources' statements word for word, with at most dates and framing
    words around them ("- 9 May 2016: <fact>."): nothing in it can reverse them."""
    rest = sentence
    for statement in statements:
        rest = rest.replace(statement.rstrip(" ."), " ")
    return len(rest) < len(sentence) and all(
        w in _FRAMING for w in _LETTERS.findall(rest.lower()))


def check_polarity(ctx: EvalContext) -> list[Finding]:
    findings = []
    for sentence in ctx.sentences:
        sources = [(m, ctx.facts[m].statement) for m in dict.fromkeys(sentence.markers)
                   if m in ctx.facts]
        if not sources or quotes_its_sources(sentence.plain, [t for _, t in sources]):
            continue
        said = analyse(sentence.plain)
        for (start, end), marker, theirs in _phrases(reversals(sentence.plain, sources)):
            findings.append(_finding(sentence, f"says {said.quote((start, end))}; the cited "
                                               f"{marker} says "
                                               f"{analyse(dict(sources)[marker]).quote(theirs)}"))
    return findings


Span = tuple[int, int]


def _phrases(found: list[tuple[Mention, str, Mention]]) -> list[tuple[Span, str, Span]]:
    """One finding per phrase ("home rental trial", not three): reversals of one cited phrase
    are joined when close ("sacroiliac provocation tests ... were positive"), and a sentence
    phrase is reported once."""
    out: list[tuple[Span, str, Span]] = []
    for mine, marker, theirs in sorted(found, key=lambda r: (r[0].span[0], -r[0].span[1])):
        a, b = mine.span
        same = [i for i, (_, m, t) in enumerate(out) if (m, t) == (marker, theirs.span)]
        if same:
            (lo, hi), _, _ = out[same[0]]
            if max(hi, b) - min(lo, a) <= 12:
                out[same[0]] = ((min(lo, a), max(hi, b)), marker, theirs.span)
        elif not any(x < b and a < y for (x, y), _, _ in out):
            out.append(((a, b), marker, theirs.span))
    return out


def _finding(sentence: Sentence, message: str) -> Finding:
    return Finding(check="polarity", severity="error", section=sentence.section.key,
                   sentence=sentence.index, text=sentence.text, message=message)


def clear_caches() -> None:
    """Forget every text read (for timing on cold caches); the cue lexicon stays loaded."""
    for cached in (stem, _is_concept, analyse):
        cached.cache_clear()
