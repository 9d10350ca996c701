"""Dates and spans written in the forms drafts use besides the case file's (#19): a numeric US
date ("2/14/2016"), a day before its month without a year ("the 12 April MRI"), a span in two
parts ("eight and a half weeks", "five months and two weeks") and a span from a year the source
gives alone ("as early as 2001"). Each is read, so it passes where right and is an error where
wrong."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from evals import claims
from evals.checks.consistency_dates import compound_spans, span_problems
from tests.test_eval_consistency import consistency

CASE = "wc-lumbar-esi-plaintiff"  # F1 2016-02-14 injury, F3 2016-02-20 to 2016-08-03, F5 MRI
# 2016-04-12


def test_a_numeric_us_date_is_a_date_not_two_numbers():
    assert claims.dates("Seen on 2/14/2016 with pain 6/10.") == {dt.date(2016, 2, 14)}
    assert claims.numbers("Seen on 2/14/2016 with pain 6/10.") == {6.0, 10.0}
    assert not consistency(CASE, "On 2/14/2016 he hurt his back lifting a case at work [F1].")
    assert any("2016-02-24" in p for p in consistency(
        CASE, "On 2/24/2016 he hurt his back lifting a case at work [F1]."))


def test_a_day_before_its_month_without_a_year_is_no_number():
    assert claims.numbers("the 12 April scan and the 3 visits") == {3.0}
    assert not consistency(CASE, "The 12 April scan found a disc extrusion at L5-S1 [F5].")


def test_a_span_in_two_parts_is_one_span():
    assert compound_spans("some three and a half weeks later") == {(3.5, "week"): (set(), {3.0})}
    assert (24.0, "week") in compound_spans("five months and two weeks of it")
    # 58 days from the injury to the MRI
    assert not consistency(CASE, "The MRI came eight and a half weeks after the injury "
                                 "[F1][F5].")
    assert any("span" in p for p in consistency(
        CASE, "The MRI came fourteen and a half weeks after the injury [F1][F5]."))
    # 171 days of ibuprofen
    assert not consistency(CASE, "Ibuprofen was taken for five months and two weeks [F3].")
    assert any("span" in p for p in consistency(
        CASE, "Ibuprofen was taken for nine months and two weeks [F3]."))


def _cited(text: str, *dates: dt.date) -> Any:
    return SimpleNamespace(claims=claims.scan(text), counted_dates=frozenset(dates))


def test_a_year_given_alone_dates_a_span_to_within_its_year():
    cited = _cited("Knee pain was treated as early as 2001. She fell at work.",
                   dt.date(2012, 5, 3))
    assert not span_problems(claims.scan("Her knee was treated some eleven years before the "
                                         "fall."), cited)
    assert span_problems(claims.scan("Her knee was treated some four years before the fall."),
                         cited)


def test_a_bound_on_the_span_the_cited_facts_reach_is_no_guideline_threshold():
    from evals.checks.consistency import _threshold_problems

    excerpt = "Continue opioids when pain and function improve; reassess at every visit."
    cited = SimpleNamespace(excerpts=excerpt, markers=("F1", "F2", "G:x"),
                            counted_dates=frozenset({dt.date(2020, 1, 6),
                                                     dt.date(2020, 8, 20)}))
    said = "She has taken it for at least seven months, so the ongoing-use criteria apply."
    assert not _threshold_problems(claims.scan(said), cited)
    # longer than the facts reach: a bound from nowhere
    assert _threshold_problems(claims.scan(said.replace("seven", "twelve")), cited)
    # where the excerpt gives a span in that unit, the bound may be its own misquoted
    months = SimpleNamespace(**{**vars(cited), "excerpts": excerpt + " Review at 3 months."})
    assert _threshold_problems(claims.scan(said), months)
    # a rule's condition, not how long a state has lasted, is still the guideline's to give
    rule = "The policy covers it once at least seven months of therapy have failed."
    assert _threshold_problems(claims.scan(rule), cited)


def test_a_hyphenated_range_of_scores_or_percentages_gives_both_ends():
    assert claims.numbers("pain 6-7/10, relief of 35-45%, 20 - 25 percent") == \
        {6.0, 7.0, 10.0, 35.0, 45.0, 20.0, 25.0}
    assert claims.numbers("at L4-5 and C5-6 on 2016-02-14") == set()  # levels and dates
    # F7 gives an Oswestry of 44 percent
    assert any("40" in p for p in consistency(CASE, "The disability index was 40-44 percent "
                                                    "before the injection [F7]."))
