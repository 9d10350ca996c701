"""Names as military and claims records write them (#22): a rank before a name ("Maj. Corinne
Abernathy, MD", "LTC Alyssa R. Dunlap") and a given name with a bare middle initial before a
surname in capitals ("TERRENCE L WHITLOCK" over a street address); and the words that look like
ranks but are not ("CPT 63650", "Col. Las Fuentes", "Fla. R. Gen. Prac.")."""

from __future__ import annotations

import pytest

from drafting.deid import Deidentifier
from drafting.deid.phimap import PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


@pytest.mark.parametrize("text, name", [
    ("Maj. Oyelaran reviewed the films.", "Oyelaran"),
    ("Per SSG Brantley Okonkwo the unit was notified.", "Okonkwo"),
    ("Spc. Delacroix-Haynes drove him to the clinic.", "Delacroix"),
    ("LTC Wren Pettibone signed the referral.", "Pettibone"),
    ("Dear Mr. Whitlock:\n\nTERRENCE L WHITLOCK\n612 Brandywine Circle\n", "TERRENCE"),
    ("Seen by Dr. Vega. Marisol T Vega signed the note.", "Marisol"),
])
def test_a_name_after_a_rank_or_before_a_bare_initial_is_removed(text, name):
    assert name not in _out(text)


@pytest.mark.parametrize("text", [
    "CPT 63650 was billed. CPT Codes Reviewed.",
    "Her cousins live at Morelos 15, Col. Las Fuentes.",
    "Filed under Fla. R. Gen. Prac. & Jud. Admin. 2.425.",
    "Grade A Spurling positive; Patrick test B negative.",
])
def test_what_only_looks_like_a_rank_or_a_name_stays(text):
    assert "[NAME" not in _out(text)


def test_an_insurer_called_in_a_log_is_no_person_but_its_adjuster_is():
    out = _out("Called Susquehanna Mutual adjuster Crystal Yoder at the claims office.")
    assert "Susquehanna Mutual" in out and "Yoder" not in out
    assert "Ngozi" not in _out("Called Ngozi at Dr. A.'s office about the stimulator.")
