"""Chart shorthand (SOAP notes): a sentence may open in lower case ("c/o", "s/p", "h/o") after
a full stop, and is read on its own, on new synthetic sentences (not from any blind set)."""

from __future__ import annotations

from drafting.intake.extract.text import split_sentences


def test_a_sentence_opening_in_shorthand_is_its_own():
    said = split_sentences("S: 71M f/u neck pain. c/o neck pain w/ L arm tingling x ~1 yr. "
                           "s/p L C6-7 ILESI 2/3/24 - 50% relief x 6 wks. h/o CABG 2015.")
    assert said == ["S: 71M f/u neck pain.", "c/o neck pain w/ L arm tingling x ~1 yr.",
                    "s/p L C6-7 ILESI 2/3/24 - 50% relief x 6 wks.", "h/o CABG 2015."]


def test_ordinary_lower_case_after_a_stop_still_joins():
    assert split_sentences("Pain approx. 5/10 at rest.") == ["Pain approx. 5/10 at rest."]
