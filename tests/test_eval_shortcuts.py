"""The eval checks' shortcuts find what their patterns find: an absence cue tried only where a
token begins, a count of the patient's history looked for only in a text naming what it counts,
a clause break tried only at a space or a mark. Each is a speed-up with no effect on findings,
so each is held to the plain pattern on texts of the kinds the checks read."""

from __future__ import annotations

import pytest

from evals.checks import absence_claims, uncited
from evals.checks.absence_claims import (
    _CLAUSE,
    _at_token_starts,
    _begins_with_letter,
    _cues,
    _matches,
    absent_phrases,
)
from evals.checks.polarity.text import normalise

SENTENCES = [
    "No home TENS trial is documented; the clinic session is.",
    "The record does not document a trial of gabapentin, and the MRI was never performed.",
    "Physical therapy was not attempted before the request [F3].",
    "There is no evidence that she ever completed a course of therapy.",
    "Nothing in the notes shows a lower dose was tried \u2014 the denial said so.",
    "Neither the chart nor the referral mentions a psychological evaluation.",
    "He didn't return to work; 3.5 mg b.i.d. was continued (per Dr. Lee).",
    "Whether the patient had tried a lower dose is not recorded, and no topical agent, such as a "
    "patch, has been tried.",
    "Three lumbar epidurals in 2013 and two early refill requests are noted.",
    "The 2016 CDC guideline recommends no more than 90 MME; the policy was updated in 2019.",
    "Two separate physicians, 14 fills.",
    "She is 39, and the L4-5 injection gave 60% relief for six weeks.",
    "",
]


def _tokens_of(text: str) -> tuple[tuple[str, ...], str, list[int]]:
    tokens = tuple(normalise(text))
    joined = " ".join(tokens)
    starts, at = [], 0
    for token in tokens:
        starts.append(at)
        at += len(token) + 1
    return tokens, joined, starts


@pytest.mark.parametrize("text", SENTENCES)
def test_absence_cues_tried_at_token_starts_find_every_match(text: str) -> None:
    _, joined, starts = _tokens_of(text)
    for pattern in _cues():
        assert [m.span() for m in _matches(pattern, joined, starts)] == \
            [m.span() for m in pattern.finditer(joined)]


def test_every_shipped_absence_cue_begins_with_a_letter() -> None:
    assert _at_token_starts()


@pytest.mark.parametrize("cue, begins", [
    ("no documented", True), ("(?:does|do|did) not show", True),
    ("(?:anywhere )?in the record", True), ("(?:no)?1 record", False), ("no|1 record", False),
    ("\\d+ visits", False), ("[a-z]+ is silent", False), ("a?b", False), ("(?:a|[(])", False),
    ("(?:on|at){1,2} file", False),
])
def test_a_cue_that_may_begin_otherwise_is_read_as_such(cue: str, begins: bool) -> None:
    assert _begins_with_letter(cue) is begins


def test_a_cue_that_may_begin_otherwise_turns_the_shortcut_off(monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    _at_token_starts.cache_clear()
    monkeypatch.setattr(absence_claims, "_data", lambda: {"before": ["\\d+ visits"],
                                                          "after": [], "confirm": []})
    try:
        assert not _at_token_starts()
    finally:
        _at_token_starts.cache_clear()


def test_what_a_sentence_says_is_missing_is_read_as_with_the_plain_patterns(
        monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = [_tokens_of(text)[0] for text in SENTENCES]
    fast = [absent_phrases(t) for t in tokens]
    monkeypatch.setattr(absence_claims, "_at_token_starts", lambda: False)
    assert fast == [absent_phrases(t) for t in tokens]
    assert fast[0] == ["no home tens trial"] and "no topical agent" in fast[7]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_count_is_looked_for_wherever_the_pattern_finds_one(text: str) -> None:
    if uncited._COUNT.search(text):
        assert uncited._may_count(text)
    assert uncited._may_count("Trois injections \u00e0 L4") is True  # not ASCII: always looked for


@pytest.mark.parametrize("text", SENTENCES)
def test_clause_breaks_are_those_of_the_plain_pattern(text: str) -> None:
    import re

    plain = re.compile(_CLAUSE.pattern[len("(?=[\\s;:,])(?:"):-1], re.IGNORECASE)
    assert _CLAUSE.split(text) == plain.split(text)


@pytest.mark.parametrize("text", [*SENTENCES, "She returned to full duty and is a non-smoker.",
                                  "Gabapentin was stopped, not continued; pain was worse."])
def test_polarity_cues_and_status_phrases_tried_at_token_starts_find_every_match(text: str
                                                                                  ) -> None:
    from evals.checks.polarity.lexicon import lexicon
    from evals.checks.polarity.scope import Scope

    scope, lex = Scope(text), lexicon()
    for pattern in [lex.cues, *(p.phrases for p in lex.pairs if p.phrases is not None)]:
        assert [(m.span(), m.lastgroup) for m in scope.matches(pattern)] == \
            [(m.span(), m.lastgroup) for m in pattern.finditer(scope.joined)]
