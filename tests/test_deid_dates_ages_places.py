"""Dates, ages and places in forms set 4 showed (issue #22 item 3): a weekday beside a date, a
day named only by its ordinal, a log line opened by a month and day, an ISO date with its time,
ages in shorthand ("93F", "her 95th birthday", "93 going on 94", "Ruth is 96"), a care home's
name, rooms and beds, a ZIP+4 without its hyphen, a resident ID. Synthetic sentences."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap
from drafting.deid.dates import find_dates, find_partial_dates, shift_text


def _out(text: str, shift: int | None = None) -> str:
    deid = Deidentifier(PhiMap(shift))
    deid.learn([text])
    return deid.deidentify(text)


def test_weekday_beside_a_date_is_replaced_and_the_date_shifted():
    out = _out("Seen Tue 3/4 and again Friday, 14 Mar 2025; next Wed Apr 9.", shift=10)
    assert "Tue" not in out and "Friday" not in out and "Wed" not in out
    assert "3/4" not in out and "14 Mar 2025" not in out and "Apr 9" not in out
    assert "Fri 3/14" in out and "Sat Apr 19" in out  # the weekday moved with its date


def test_a_moved_weekday_moves_back():
    text = "wed 10/16 - home. Mon Oct 21 - nurse. SUNDAY (12/29) call."
    assert shift_text(shift_text(text, 37), -37) == text
    assert "wed" not in shift_text(text, 37).split("-")[0]


def test_a_weekday_without_a_date_stays():
    text = "Comes in on Tuesdays; Wed is clinic day."
    assert _out(text, shift=10) == text


def test_day_named_by_its_ordinal_after_a_cue():
    out = _out("Fell at 06:30 the 5th; filed on the 22nd; seen Sunday the 3rd.", shift=10)
    assert "the 5th" not in out and "the 22nd" not in out and "Sunday" not in out


def test_ordinals_that_are_no_day_stay():
    text = "Lives on the 2nd floor; this is the 3rd time; injection on the 4th of July."
    out = _out(text)
    assert "the 2nd floor" in out and "the 3rd time" in out


def test_log_line_opened_by_month_and_day_shifts_and_shifts_back():
    text = "notes:\n11/4 - aide came\n3/15 - refill done\nscore 4/5 today"
    assert [p.start for p in find_partial_dates(text)] == [7, 24]
    assert shift_text(shift_text(text, 30), -30) == text


def test_iso_date_with_its_time_is_found():
    assert [f.text for f in find_dates("e-signed 2025-03-14T10:22 by RN")] == ["2025-03-14"]


def test_ages_over_89_in_shorthand():
    text = ("HPI: 93F with falls. Her 95th birthday is in May. She's 93 going on 94. "
            "Ruth is 96 and drives. She'll be 91 next week.")
    out = _out(text)
    for age in ("93F", "95th", "93 going on 94", "96", "91"):
        assert age not in out


def test_temperatures_and_young_ages_stay():
    text = "Temp 98F, HR is 92; 45F with low back pain; the patient is 54."
    assert _out(text) == text


def test_care_home_rooms_beds_zip_and_resident_id():
    text = ("Lives at Juniper Court Assisted Living, Apt 9, Tulsa OK 741053318. In 4E rm 402 "
            "bed 2; Unit/Bed: 4E-402-2. Location: Juniper Court ALF, Rm 9-B (resident ID "
            "JC-0009-0417).")
    out = _out(text)
    for value in ("Juniper Court", "Apt 9", "741053318", "rm 402", "4E-402-2", "Rm 9-B",
                  "JC-0009-0417"):
        assert value not in out


def test_month_and_two_digit_year_shifts_and_shifts_back():
    text = "Contact open since Mar '23; lead revised Nov ’21."
    out = shift_text(text, 37)
    assert "Mar '23" not in out and "Apr '23" in out and "Dec ’21" in out
    assert shift_text(out, -37) == text


def test_month_and_day_after_an_event_word():
    text = "Last refill 9/14 at clinic; interrogation 10/2. Her surgery is 11/6, so no driving."
    assert [text[p.start:p.end] for p in find_partial_dates(text)] == ["9/14", "10/2", "11/6"]
    out = shift_text(text, 37)
    assert "9/14" not in out and "10/2." not in out and "11/6" not in out


def test_a_phone_number_after_room_stays_a_phone():
    out = _out("Call the reading room 555-022-4500 for the report.")
    assert "reading room [PHONE_1] for" in out


def test_a_date_with_its_day_spelled_out():
    out = _out("Form signed June the ninth, 2023; renewed the first of May.", shift=10)
    assert "ninth" not in out and "first of May" not in out
