"""A date shift moves dates, never scores (#22): "pain went from 7/10 to 3/10" read after a cue
word ("from", "to", "on") was moved like "October 7 to March 10", so a model saw "from 8/16 to
4/16". A fraction of a scale's total with a score word before it in its sentence, or another
fraction of the same total beside it, is a score; and whatever a date is moved to, shifting back
finds it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from drafting.deid.dates import shift_text


@pytest.mark.parametrize("text", [
    "Back pain reduced from 7/10 to 3/10 after the block.",
    "Per PT, pain 5/10 from 7/10, lifting 25 lb.",
    "Leg pain returned to 7/10 with increased tramadol use.",
    "Avg pain went from 7/10 at baseline to 3/10 by week 6.",
    "Frequent = 1/3 to 2/3 of the day.",
    "Strength improved to 4/5 in the right EHL.",
])
def test_a_score_after_a_cue_word_is_not_shifted(text):
    assert shift_text(text, 37) == text


@pytest.mark.parametrize("text, shifted", [
    ("Seen on 3/10 for back pain.", "Seen on 4/16 for back pain."),
    ("PT from 3/10 to 3/28.", "PT from 4/16 to 5/04."),
    ("Discharge (3/15).", "Discharge (4/21)."),
    ("Back pain flare on 9/12.", "Back pain flare on 10/19."),
])
def test_a_date_after_a_cue_word_is_still_shifted(text, shifted):
    assert shift_text(text, 37) == shifted


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(),
                                     start=1)}


def _as_numbers(text: str) -> str:
    """The text with "Oct 10" and "03/10" written as "10/10" and "3/10" (styles differ)."""
    text = re.sub(r"\b([A-Z][a-z]{2}) (\d{1,2})\b",
                  lambda m: f"{_MONTHS[m.group(1).lower()]}/{m.group(2)}", text)
    return re.sub(r"\b0(\d)", r"\1", text)


@pytest.mark.parametrize("context", ["Back pain flare on {}.", "Pain went from {} to 3/28.",
                                     "Rated pain since {}.", "Pain letter of {}."])
def test_every_date_shifted_into_a_score_shape_is_found_again(context):
    # a date moved to "3/10" or "10/10" beside a score word is written "03/10" or "Oct 10"
    for day_of_year in range(365):
        day = dt.date(2001, 1, 1) + dt.timedelta(days=day_of_year)
        text = context.format(f"{day.month}/{day.day}")
        for days in (37, -37, 100):
            back = shift_text(shift_text(text, days), -days)
            assert _as_numbers(back) == _as_numbers(text), (text, days)
