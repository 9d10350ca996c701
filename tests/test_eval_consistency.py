"""The consistency check on what a sentence works out rather than copies (#19): a count of the
items it lists, of the segments or the cited facts of a kind; a change worked out from two
values it gives; a span stated as a bound or counted from month to month; a number joined to
its unit ("a 60-pound case"); and "left" as a verb, which is no side. Each worked-out value is
checked both ways: right, it passes; wrong, it is an error."""

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

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft(name: str) -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / f"{name}.yaml")
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


# wc-lumbar-esi-plaintiff: F1 injury lifting a 60-pound case on 2016-02-14, F3 ibuprofen
# 2016-02-20 to 2016-08-03 "through August 2016", F4 twelve PT visits, F5 MRI on 2016-04-12,
# F7 Oswestry 44 percent, F10 Oswestry 26 percent.
@pytest.mark.parametrize(("sentence", "wrong"), [
    # a list's length
    ("Before the first block he had two kinds of conservative care, supervised therapy and "
     "ibuprofen [F4][F3].", None),
    ("Before the first block he had four kinds of conservative care, supervised therapy and "
     "ibuprofen [F4][F3].", "number(s) 4 not in the cited source"),
    # a change worked out from the two values given
    ("The disability score dropped 18 points between the two visits (44 to 26 percent) "
     "[F7][F10].", None),
    ("The disability score dropped 16 points between the two visits (44 to 26 percent) "
     "[F7][F10].", "number(s) 16 not in the cited source"),
    # a span as a bound: eight weeks from the injury to the MRI
    ("Leg pain had persisted for more than six weeks when the MRI was done [F1][F5].", None),
    ("Leg pain had persisted for more than ten weeks when the MRI was done [F1][F5].",
     "span(s) 10 weeks not in the cited source (it gives no span)"),
    # a span counted from one month to the end of another
    ("Ibuprofen was continued for seven months, February through August 2016 [F3].", None),
    ("Ibuprofen was continued for ten months, February through August 2016 [F3].",
     "span(s) 10 months not in the cited source (it gives no span)"),
    # a number joined to its unit
    ("The injury came from lifting a 60-pound case at work [F1].", None),
    ("The injury came from lifting a 45-pound case at work [F1].",
     "number(s) 45 not in the cited source"),
    # "left" as a verb is no side
    ("The twelve supervised visits left him with right leg pain at 6/10 [F4].", None),
    ("The twelve supervised visits ended with left leg pain at 6/10 [F4].",
     "side left but the source says right"),
])
def test_what_a_sentence_works_out(sentence, wrong):
    found = consistency("wc-lumbar-esi-plaintiff", sentence)
    assert found == ([wrong] if wrong else []), found


@pytest.mark.parametrize(("sentence", "wrong"), [
    # the segments the cited fact names: C4-C5 and C5-C6
    ("The blocks reached two facet levels on each side [F16].", None),
    ("The blocks reached three facet levels on each side [F16].",
     "number(s) 3 not in the cited source"),
])
def test_a_count_of_levels_is_the_segments_cited(sentence, wrong):
    assert consistency("pi-mvc-multi-item", sentence) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("sentence", "wrong"), [
    # F12: a left paramedian C6-C7 interlaminar injection; F8 names both foramina
    ("The left C6-C7 interlaminar injection followed the MRI [F12][F8].", None),
    ("The right C6-C7 interlaminar injection followed the MRI [F12][F8].",
     "right c6... but the source says left c6..."),
])
def test_a_side_goes_with_the_level_past_a_modifier(sentence, wrong):
    assert consistency("pi-mvc-multi-item", sentence) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("sentence", "wrong"), [
    # wc-itp-letter: F2 a laminectomy and discectomy, F3 a fusion; F9 gabapentin, pregabalin
    # and duloxetine
    ("Two spine operations preceded the pump request [F2][F3].", None),
    ("Three spine operations preceded the pump request [F2][F3].",
     "number(s) 3 not in the cited source"),
    ("He had tried three neuropathic agents without lasting benefit [F9].", None),
    ("He had tried four neuropathic agents without lasting benefit [F9].",
     "number(s) 4 not in the cited source"),
])
def test_a_count_of_a_kind_is_the_facts_or_things_cited(sentence, wrong):
    assert consistency("wc-itp-letter", sentence) == ([wrong] if wrong else [])


def test_verbal_left_and_joined_units_as_claims_read_them():
    assert claims.sides("The visits left him with right leg pain") == {"right"}
    assert claims.sides("Symptoms on the left, left-sided weakness") == {"left"}
    assert claims.numbers("a 60-pound case over a 12-month period") == {60.0, 12.0}
    # a side goes with its anatomy past one modifier
    assert claims.side_pairs("Left paramedian C6-C7 interlaminar injection") == {("left", "c6")}
    assert claims.side_pairs("the left and right knee") == {("right", "knee")}
    assert claims.numbers("L4-5, PHQ-9 and 2024-05-01") == frozenset()
    assert claims.durations("in a rolling 12-month period") == {(12.0, "month")}


# What a sentence may say of its source in other words (paraphrase set 3's false alarms, #19):
# an amount in another unit of mass, the number a source document's title gives, how often a
# thing was done counted from the months the source names, a span stated as a lower bound
# after "lasted over", and a value compared with the criteria's bound. Each both ways: right, it
# passes; wrong, it is an error.
@pytest.mark.parametrize(("name", "sentence", "wrong"), [
    # medicare-tens-review F4: acetaminophen 1000 mg twice daily
    ("medicare-tens-review", "Two daily doses of acetaminophen 1 g helped only in part [F4].",
     None),
    ("medicare-tens-review", "Two daily doses of acetaminophen 3 g helped only in part [F4].",
     "number(s) 3 not in the cited source"),
    # medicare-tens-review F6 was read from D2, "Lumbar spine radiographs, three views"
    ("medicare-tens-review", "A three-view lumbar series found narrowing from L3-L4 down to "
     "L5-S1 [F6].", None),
    ("medicare-tens-review", "A four-view lumbar series found narrowing from L3-L4 down to "
     "L5-S1 [F6].", "number(s) 4 not in the cited source"),
    # wc-opioids-appeal F16: naloxone dispensed in May 2023 and again in April 2025
    ("wc-opioids-appeal", "The pharmacy has dispensed him a naloxone spray twice [F16].", None),
    ("wc-opioids-appeal", "The pharmacy has dispensed him a naloxone spray three times [F16].",
     "number(s) 3 not in the cited source"),
    # wc-opioids-appeal F5: duloxetine for five months
    ("wc-opioids-appeal", "His duloxetine trial lasted over four months before nausea ended "
     "it [F5].", None),
    ("wc-opioids-appeal", "His duloxetine trial lasted over seven months before nausea ended "
     "it [F5].", "span(s) 7 months not in the cited source (it gives 5 months)"),
    # medicare-lumbar-facet-rfa F13: 85 percent relief; the criteria ask at least 80 percent
    ("medicare-lumbar-facet-rfa", "The first diary's 85 percent relief exceeds 80 percent "
     "[F13].", None),
    ("medicare-lumbar-facet-rfa", "The first diary's 85 percent relief exceeds 75 percent "
     "[F13].", "number(s) 75 not in the cited source"),
])
def test_what_a_sentence_says_in_other_words(name, sentence, wrong):
    assert consistency(name, sentence) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("sentence", "wrong"), [
    # wc-lumbar-esi-plaintiff F10: "Oswestry index improved from 44 to 26 percent"
    ("His disability score went from 44 to 26 percent after the injection [F10].", None),
    ("His disability score went from 26 to 44 percent after the injection [F10].",
     "from 26 to 44, but the source says from 44 to 26"),
])
def test_a_change_the_wrong_way_round(sentence, wrong):
    assert consistency("wc-lumbar-esi-plaintiff", sentence) == ([wrong] if wrong else [])


def test_a_change_written_from_its_end():
    from evals.checks.consistency_counts import reversed_changes

    source = "Oswestry index is 30 percent, down from 48 percent a year ago."
    assert reversed_changes("The index rose from 30 to 48 percent.", source) == \
        ["from 30 to 48, but the source says from 48 to 30"]
    assert reversed_changes("The index fell from 48 to 30 percent.", source) == []


def test_a_month_the_fact_gives_is_not_retold_as_another_within_its_span():
    # F3: ibuprofen 2016-02-20 to 2016-08-03, "through August 2016"
    assert any("2016-06" in p for p in consistency(
        "wc-lumbar-esi-plaintiff", "Ibuprofen was taken through June 2016 [F3]."))
    assert not consistency("wc-lumbar-esi-plaintiff",
                           "Ibuprofen was taken through August 2016 [F3].")
    # two months named: a range the fact's span holds
    assert not consistency("wc-lumbar-esi-plaintiff",
                           "Ibuprofen was taken from March to June 2016 [F3].")


def test_a_whole_date_is_the_date_checks_not_a_retold_month():
    # F3 is dated 2016-02-20 and its text says "through August 2016"
    assert not consistency("wc-lumbar-esi-plaintiff",
                           "On 20 February 2016 ibuprofen 800 mg was prescribed [F3].")
