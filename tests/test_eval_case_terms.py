"""What the case file states beside what a sentence cites (#19), and spans and months worked
out from dates:

- the patient's age is no span and may be given with any citation (another age is a number
  the sources must give);
- the requested item's side and level, named with the item, may be given with a citation of a
  fact that does not repeat them (a side or level elsewhere is still read against the source);
  so may the item's levels anywhere in a sentence about the request that names its procedure;
- a span the criteria require, in a clause saying the record cannot show it, is not the case's;
- a count of agents by a route ("two oral agents") counts the cited facts of that route;
- the month a cited span begins or ends in, or a cited decision was made in, is the fact's own
  whatever months its record names (not the month a note was written in);
- a span the sentence puts between two days it gives is their distance;
- a side goes with a named nerve ("a left superficial peroneal neuropathy"); "the right
  standard" gives no side.

Each rule checked both ways."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals import claims
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

ROOT = EXAMPLES.parents[1]

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft(name: str) -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / f"{name}.yaml" if "/" not in name else ROOT / name)
    return asyncio.run(draft_case(case, "consistency", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def consistency(name: str, sentence: str) -> list[str]:
    """The consistency errors of a sentence added to the case's first item section."""
    draft, case = _draft(name)
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, case, EXCERPTS).errors
            if f.check == "consistency" and f.text.strip() == sentence]


# medicare-lumbar-esi-appeal: the patient is 69; the item is a left L4-L5 transforaminal
# epidural steroid injection; F6 (left leg pain 7/10, a cane) and F7 (the contractor's denial)
# give no level, F7 no side; F2 naproxen, no side; F5 therapy without dates; the denial's
# reason asks for four weeks of conservative care.
@pytest.mark.parametrize(("sentence", "wrong"), [
    # the patient's age is no span, and the case file states it
    ("She is a 69-year-old woman who now walks with a cane [F6].", None),
    ("At 69 years of age she still needs a cane beyond one block [F6].", None),
    ("She is a 59-year-old woman who now walks with a cane [F6].", "number(s) 59"),
    # an injury's age in months is a span (F1: three weeks of pain before the May visit)
    ("Her leg pain was about three weeks old at the first visit [F1].", None),
    ("Her leg pain was about nine weeks old at the first visit [F1].", "span(s) 9 weeks"),
    # a span beside an age is still a span
    ("The 69-year-old patient took naproxen for seven years [F2].", "span(s) 7 years"),
    # a required span (the denial's four weeks) the sentence says the record cannot show
    ("The outside note cannot show four weeks of therapy by its dates [F5].", None),
    ("Whether her therapy lasted four weeks cannot be told from the note [F5].", None),
    ("Whether her therapy lasted seven weeks cannot be told from the note [F5].",
     "span(s) 7 weeks"),
    ("She had four weeks of therapy, though whether it helped cannot be told [F5].",
     "span(s) 4 weeks"),
    # the item's side and level, named with the item
    ("The contractor refused the left L4-L5 transforaminal injection in June [F7].", None),
    ("The denied injection is a left transforaminal one, at the level of the MRI finding [F7].",
     None),
    # the item's level anywhere in a sentence about the request that names its procedure
    ("What the contractor denied was a transforaminal injection, on the left, at L4-L5 [F7].",
     None),
    ("What the contractor denied was a transforaminal injection, on the left, at L5-S1 [F7].",
     "level(s) L5-S1"),
    ("What the contractor denied was a transforaminal injection, on the right, at L4-L5 [F7].",
     "side right"),
    # (a sentence giving only some of the request's levels is read against the source: see
    # test_only_some_of_the_requested_levels_are_read_against_the_source)
    ("Her transforaminal pain pattern fits L4-L5 better than any other level [F6].",
     "level(s) L4-L5"),
    # not the item's side or level, or a side not named with the item
    ("The contractor refused the right L4-L5 transforaminal injection in June [F7].",
     "side right"),
    ("The contractor refused the left L3-L4 transforaminal injection in June [F7].",
     "level(s) L3-L4"),
    ("Naproxen eased the left knee pain before the denial [F2].", "side left"),
    ("Her pain is worst at L4-L5 when she walks [F6].", "level(s) L4-L5"),
])
def test_what_the_case_file_states(sentence, wrong):
    found = consistency("medicare-lumbar-esi-appeal", sentence)
    if wrong is None:
        assert found == []
    else:
        assert any(wrong in f for f in found), found


@pytest.mark.parametrize(("text", "sides"), [
    ("The policy on epidurals is the right standard to apply here.", set()),
    ("Image guidance was the right call for a foraminal approach.", set()),
    ("Pain radiates on the right, worse on sitting.", {"right"}),
    ("Her pain is on the right side only.", {"right"}),
    ("Asked which knee, she pointed to the right one.", {"right"}),
])
def test_right_as_correct_is_no_side(text, sides):
    assert claims.sides(text) == sides


# commercial-pns-appeal: F8 gabapentin 2023-06-20 to 2023-11-14, read with the pharmacy history
# "June 2023 to April 2024" (D7), which names other months.
@pytest.mark.parametrize(("sentence", "wrong"), [
    ("Gabapentin, which caused dizziness, was stopped in November 2023 [F8].", None),
    ("Gabapentin was started in June 2023 and later stopped for dizziness [F8].", None),
    ("Gabapentin, which caused dizziness, was stopped in September 2023 [F8].", "2023-09"),
    ("Gabapentin, which caused dizziness, was stopped in January 2024 [F8].", "2024-01"),
])
def test_the_month_a_fact_ends_in_is_its_own(sentence, wrong):
    found = consistency("commercial-pns-appeal", sentence)
    if wrong is None:
        assert found == []
    else:
        assert any(wrong in f for f in found), found


# commercial-pns-appeal: F8 gabapentin and F12 nortriptyline by mouth, F13 a lidocaine patch.
@pytest.mark.parametrize(("sentence", "wrong"), [
    ("Before the trial she tried two oral agents and a lidocaine patch [F8][F12][F13].", None),
    ("Before the trial she tried two oral medications and a lidocaine patch [F8][F12][F13].",
     None),
    ("Before the trial she tried four oral agents and a lidocaine patch [F8][F12][F13].",
     "number(s) 4"),
])
def test_a_count_of_agents_by_a_route_counts_the_facts_of_that_route(sentence, wrong):
    found = consistency("commercial-pns-appeal", sentence)
    if wrong is None:
        assert found == []
    else:
        assert any(wrong in f for f in found), found


@pytest.mark.parametrize(("sentence", "wrong"), [
    # F7 (the denial, 24 June 2025, which names four weeks) and F3 (the visit of 27 May 2025):
    # four weeks apart
    ("The contractor denied the injection on 24 June 2025, four weeks after my visit of "
     "May 27 [F7][F3].", None),
    ("The contractor denied the injection on 24 June 2025, a little under a month after my "
     "visit of May 27 [F7][F3].", None),
    ("The contractor denied the injection on 24 June 2025, two weeks after my visit of "
     "May 27 [F7][F3].", "span 2 weeks between 2025-05-27 and 2025-06-24"),
    ("The contractor denied the injection on 24 June 2025, two months after my visit of "
     "May 27 [F7][F3].", "span 2 months between"),
])
def test_a_span_between_two_days_the_sentence_gives_is_their_distance(sentence, wrong):
    found = consistency("medicare-lumbar-esi-appeal", sentence)
    if wrong is None:
        assert found == []
    else:
        assert any(wrong in f for f in found), found


# commercial-pns-appeal: F7 "the right superficial peroneal sensory response is about half the
# amplitude of the left, with normal sural ... studies"; F6 therapy for the right foot.
@pytest.mark.parametrize(("sentence", "wrong"), [
    ("Her right superficial peroneal neuropathy has resisted therapy [F6][F7].", None),
    ("Her left superficial peroneal neuropathy has resisted therapy [F6][F7].",
     "left peroneal... but the source says right peroneal"),
    ("The right sural study was normal, unlike the peroneal one [F7].", None),
])
def test_a_side_goes_with_the_named_nerve(sentence, wrong):
    found = consistency("commercial-pns-appeal", sentence)
    if wrong is None:
        assert found == []
    else:
        assert any(wrong in f for f in found), found


def test_the_month_a_one_day_fact_was_recorded_in_is_not_the_events():
    # wc-itp-letter: F10 NSAIDs from 2016-06-01 to 2022-03-15, "stopped in March 2022";
    # F13, recorded 2024-12-10, retells a fall at home in October 2024
    assert consistency("wc-itp-letter", "He took NSAIDs from June 2016 until the bleed [F10].") \
        == []
    found = consistency("wc-itp-letter", "He fell at home in December 2024 while sedated [F13].")
    assert any("2024-12" in f for f in found), found


def test_the_month_a_cited_decision_was_made_in_is_its_own():
    # a realistic case: F7, the employer's decision of 2005-03-10, "stopped paying medical
    # expenses from February 2005"
    name = "benchmarks/realistic_cases_2/mn-port-pump-opioids.yaml"
    assert consistency(name, "Its decision, made in March 2005, cut off the pump [F7].") == []
    found = consistency(name, "Its decision, made in May 2005, cut off the pump [F7].")
    assert any("2005-05" in f for f in found), found


def test_only_some_of_the_requested_levels_are_read_against_the_source():
    # medicare-lumbar-facet-rfa: I1 is a second medial branch block at L4-L5 and L5-S1; F19, the
    # plan's denial, names no level. A sentence about the request that gives every level of it
    # needs no source for them; one giving only some may misstate it and is read as usual.
    case = "medicare-lumbar-facet-rfa"
    every = ("The plan denied the second medial branch block, requested at L4-L5 and L5-S1 "
             "[F19].")
    some = "The plan denied the second medial branch block, requested at L5-S1 only [F19]."
    assert not [f for f in consistency(case, every) if f.startswith("level")]
    assert [f for f in consistency(case, some) if f.startswith("level")]
