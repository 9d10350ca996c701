"""A clinical rule, score or neuralgia named after a place or a person stays clinical, even where
the packet names the town or a person of the same name (blind sets 24 and 25: "Ottawa knee rules"
and "Arnold's neuralgia" were replaced as an address and a name)."""

from __future__ import annotations

from drafting.deid import Deidentifier


def test_a_rule_named_after_a_town_the_record_also_names_keeps_the_rule():
    out = Deidentifier().deidentify(
        "Patient lives in Ottawa, IL 61350. Ottawa knee rules applied; she drove home to Ottawa.")
    assert "Ottawa knee rules applied" in out
    assert "Ottawa, IL" not in out and "home to Ottawa" not in out  # the town itself still goes


def test_a_place_named_rule_with_its_body_part_is_no_town():
    from drafting.deid.gazetteer import names_a_rule

    text = "Ottawa ankle rules negative; Canadian C-spine rule negative; Ottawa rules"
    assert names_a_rule(text, text.index(" ankle"))
    assert names_a_rule(text, text.index(" C-spine"))
    assert names_a_rule(text, len(text) - len(" rules"))
    assert not names_a_rule("moved to Ottawa last year", len("moved to Ottawa"))


def test_an_eponymous_neuralgia_is_kept_while_a_person_of_that_name_is_not():
    out = Deidentifier().deidentify(
        "Occipital headache consistent with Arnold's neuralgia. Seen by Dr. Arnold Becker. "
        "Tender over Morton's neuroma.")
    assert "Arnold's neuralgia" in out and "Morton's neuroma" in out
    assert "Arnold Becker" not in out and "Becker" not in out
