"""An employer named by the first two words of its name (issue #22 item 3, 2026-12-07): "Smoky
Ridge" of "Smoky Ridge Aluminum Products", "Marmot Bay" of "Marmot Bay Fisheries, LLC" is
learned with the full name and replaced where it is said alone; a head of words that open many
firms' names ("United States Steel", "First National Bank") is not. Synthetic sentences."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_the_first_two_words_of_an_employer_said_alone():
    out = _out("Employer: Copper Ridge Aluminum Products, Inc.\n"
               "He was at Copper Ridge for almost 19 years; a letter to Copper Ridge "
               "asked for a sit/stand desk.")
    assert "Copper" not in out


def test_a_generic_head_is_not_learned():
    out = _out("Employer: United States Steel Corporation.\nHe served in the United States "
               "Navy before that.")
    assert "United States Navy" in out
