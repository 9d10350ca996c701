"""Words that must stay (issue #22 item 3, set-4 false redactions): device makers and products
in parentheses after a name, claim adjustment codes after a capitalised decision, a programme
written as two words joined. Synthetic sentences, no set's text."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_device_maker_after_a_rep_name_stays():
    text = ("Industry rep present: Colby Varga (Medtronic), rep ID 44120.\n"
            "Pump: Medtronic SynchroMed II; IPG Medtronic Intellis, SN NKA7713302H.")
    out = _out(text)
    assert "Colby Varga" not in out
    assert "Medtronic SynchroMed II" in out and "Medtronic Intellis" in out


def test_claim_adjustment_codes_stay():
    text = "Line 2 - DENIED, CARC 50: not medically necessary. Line 3 - DENIED, RARC N115."
    out = _out(text)
    assert "CARC 50" in out and "RARC N115" in out


def test_programme_written_as_joined_words_stays():
    text = "Discussed Medicaid waiver (PA Community HealthChoices) and CareLink enrolment."
    out = _out(text)
    assert "HealthChoices" in out
