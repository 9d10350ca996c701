"""Towns named in prose after a word of place (#22): "a dental hygienist from Kentwood", "her
cousin near Spring Lake" (GeoNames' US places of 5,000 people or more, drafting/deid/
us_places.txt). A town that is also a word, a clinical word or a state, or that is part of a
longer name ("Miami J collar", a facility before its street address), is left to other rules."""

from __future__ import annotations

import pytest

from drafting.deid import Deidentifier
from drafting.deid.gazetteer import towns
from drafting.deid.phimap import PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_the_list_is_read_from_its_data_file():
    assert {"Kentwood", "Spring Lake", "Hope Mills", "Lumberton"} <= towns()
    assert len(towns()) > 5000


@pytest.mark.parametrize("text, town", [
    ("She is a dental hygienist from Kentwood and drives to work.", "Kentwood"),
    ("Her cousin lives near Spring Lake, where she stays in summer.", "Spring Lake"),
    ("He moved back to Hope Mills after the discharge.", "Hope Mills"),
    ("In Lumberton he was seen at urgent care the next day.", "Lumberton"),
])
def test_a_town_after_a_word_of_place_is_removed(text, town):
    assert town not in _out(text)


def test_a_town_named_after_its_first_mention_is_removed_there_too():
    out = _out("She lives in Kentwood. The Kentwood office called her back.")
    assert "Kentwood" not in out


@pytest.mark.parametrize("text", [
    "She was fitted in a Miami J collar after the fall.",
    "Gait in Normal limits; the guideline from Washington applies.",
    "He was referred to Mission Hospital for imaging.",
])
def test_a_word_a_state_or_a_longer_name_stays(text):
    assert "[ADDRESS" not in _out(text)
