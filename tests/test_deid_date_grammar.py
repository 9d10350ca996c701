"""Date grammar (issue #22 item 3, dates round of 2026-12-07): a month and year after "mid-",
a month and day after a verb of an event done on a day, a month and day that could be a score
standing in a list of dates or opening a range that ends in a date. Each is shifted like every
other date; a score stays. Synthetic sentences."""

from __future__ import annotations

from drafting.deid.dates import shift_text


def test_a_month_and_year_after_mid_is_shifted():
    out = shift_text("Worse since mid-March 2024; recovery expected by mid-February 2026.", 37)
    assert "March 2024" not in out and "February 2026" not in out
    assert "mid-April 2024" in out and "mid-March 2026" in out


def test_a_month_and_day_after_a_verb_of_an_event_is_a_date():
    out = shift_text("Duloxetine started 2/10, claim form given 3/5, she underwent the "
                     "injection 2/10 through the plan.", 37)
    assert "2/10" not in out and "3/5" not in out


def test_a_score_after_such_a_verb_stays_a_score():
    text = "Pain was given 4/10 at rest; reported 6/10 pain after walking."
    assert shift_text(text, 37) == text


def test_a_member_of_a_list_of_dates_is_a_date_though_it_could_be_a_score():
    out = shift_text("Encl: clinic notes 2/13, 2/27, 3/20, 4/10; PT summary.", 37)
    assert "4/10" not in out and "3/20" not in out


def test_the_start_of_a_range_ending_in_a_date():
    out = shift_text("Camera footage for 2/10-2/12/2025 was requested.", 37)
    assert "2/10" not in out and "2/12/2025" not in out


def test_scores_in_a_list_stay_scores():
    for text in ("Pain 7/10, 6/10 today.", "Seen 3/20, 4/10 pain reported.",
                 "Pain went 7/10-3/10 over the week."):
        moved = shift_text(text, 37)
        assert all(score in moved for score in ("7/10", "6/10", "4/10", "3/10")
                   if score in text), moved


def test_a_month_after_a_time_word_that_ends_the_line():
    out = shift_text("Outside radiographs were taken in\nFebruary; not submitted.", 37)
    assert "February" not in out


def test_two_months_joined_in_lower_case_march_and_may_too():
    out = shift_text("he slept in the recliner most of march and april, then april or may.", 37)
    assert "march" not in out and "april or may" not in out


def test_may_and_march_in_lower_case_alone_stay_words():
    text = "we may or may not march on; he may march in the parade."
    assert shift_text(text, 37) == text


def test_a_holiday_in_lower_case_and_a_date_with_spaced_hyphens_are_replaced():
    from drafting.deid import Deidentifier, PhiMap

    deid = Deidentifier(PhiMap(37))
    out = deid.deidentify("he was fine until right around halloween.\nDate: 3 - 9 - 2026 Witness")
    assert "halloween" not in out and "3 - 9 - 2026" not in out
    assert deid.deidentify("strength 5 - 5 - 5 today") == "strength 5 - 5 - 5 today"
