"""Days named like a holiday and days said by their place in a month (issue #22, round 2 of
the de-identification session): a day a territory, a nation or a family keeps is written as
capitalised words before "Day", and no list holds them all; "the first Saturday of October"
and "the second week of August" cannot be shifted. Each is replaced as a date; a count or a
unit of care written with "Day" stays. Synthetic sentences."""

from __future__ import annotations

from tests.test_deid_classes import _leaks, _out


def test_a_day_a_place_or_a_people_keeps_is_replaced_with_the_day_said_beside_it():
    text = ("Office closed Territory Founders Day? No, open.\n"
            "Pain flared the day after Tribal Council Recognition Day and again on Smigus "
            "Day; she tried full duty the Friday after Harbor Liberation Day.\n")
    out = _out(text)
    assert _leaks(out, "Founders Day", "Recognition Day", "Smigus Day",
                  "Harbor Liberation Day", "the day after", "the Friday after") == []
    assert "Office closed" in out and "Pain flared" in out and "full duty" in out


def test_the_week_about_a_holiday_goes_with_it():
    out = _out("Off work Thanksgiving week and over the Fourth of July weekend.")
    assert _leaks(out, "Thanksgiving", "week", "Fourth of July") == []
    assert "Off work" in out


def test_a_day_or_a_week_said_by_its_place_in_a_month_is_replaced():
    text = ("Hearing set for the 2nd Tues of August; peer call 2nd Wed per adjuster.\n"
            "Powwow is the first Saturday of October. Billing held the second week of "
            "March 2025.\n")
    out = _out(text)
    assert _leaks(out, "2nd Tues", "2nd Wed", "first Saturday", "October",
                  "second week", "March 2025") == []
    assert "Hearing set for" in out and "per adjuster" in out


def test_counts_and_units_of_care_written_with_day_stay():
    text = ("Hours Per Day: 4. Post-Op Day 3 without fever. Same Day Surgery unit. "
            "Day 1 of the trial; the first week of therapy; first sun exposure.\n")
    assert _out(text) == text


def test_a_logs_author_column_after_an_iso_stamp_with_its_zone_is_a_user_name():
    text = ("2025-07-01T13:58:40-06:00  vkelsey  Faxed PA request 64624 to the plan.\n"
            "2025-07-02T08:20:02-06:00  tnavarrete  PMP checked, report attached.\n"
            "2025-07-03T09:00:00Z  mbrightwater  Called pt, no answer.\n")
    out = _out(text)
    assert _leaks(out, "vkelsey", "tnavarrete", "mbrightwater") == []
    assert "Faxed PA request 64624" in out and "PMP checked" in out


def test_a_persons_name_after_a_proxy_or_delegate_label_goes_whole_with_its_nickname():
    text = ("Patient: Halina Wrzesniak-Kowal   Proxy: Grazyna (Grazka) Nowacka, daughter\n"
            "Delegate: Tomasz Okonski (PA)   Login: jdoe_1981\n")
    out = _out(text)
    assert _leaks(out, "Grazyna", "Grazka", "Nowacka", "Tomasz", "Okonski", "jdoe_1981") == []
    assert "daughter" in out and "(PA)" in out and "Login:" in out
