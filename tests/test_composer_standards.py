"""How the offline composer states the standards applied (#20): a citation's abbreviations are
written out, since a period before a space ends a sentence for every reader of the draft (the
citation check, the eval harness, the exporters); and a sentence several items' notes share is
said once for all of them."""

from __future__ import annotations

import pytest

from drafting.backends.composer.common import citation
from drafting.backends.composer.front import _by_items
from drafting.citations import sentences


@pytest.mark.parametrize(("cited", "written"), [
    ("Cal. Labor Code §4600, §4600(a) Medical treatment", "California Labor Code §4600"),
    ("Minn. R. (as in force from 2015-07-16), 5221.6050, Minn. R. 5221.6050, subp. 8",
     "Minnesota Rules 5221.6050, subpart 8"),
    ("85 CSR 20, §85-20-53 Long-term opioid therapy, W. Va. Code R. §85-20-53.4",
     "West Virginia Code of State Rules §85-20-53.4"),
    ("34 Pa. Code §127.401", "34 Pennsylvania Code"),
    ("CACI 3903A, Medical expenses, CACI No. 3903A", "CACI No 3903A"),
    ("ACOEM Ch. 7 (2004), Consultation", "ACOEM chapter 7"),
])
def test_a_citation_is_one_sentence_with_its_abbreviations_written_out(cited, written):
    text = f"For I1, the criteria applied are those of {citation({'citation': cited})} [G:x]."
    assert written in text
    assert len(sentences(text)) == 1


def test_a_citation_without_abbreviations_is_left_as_written():
    cited = "MTUS Chronic Pain Medical Treatment Guidelines (2009), Epidural steroid injections"
    assert citation({"citation": cited}) == cited


def test_a_sentence_several_items_share_is_said_once_after_each_items_own():
    shared = "It is read through the standard in the index, standing in for the state's own."
    notes = {f"No set is specific to the nerve ablation. {shared}": ["I1"],
             f"No set is specific to the PRP injections. {shared}": ["I2"],
             "Judged on the MTUS sets.": ["I3"]}
    assert _by_items(notes) == [
        "For I1: No set is specific to the nerve ablation.",
        "For I2: No set is specific to the PRP injections.",
        "For I3: Judged on the MTUS sets.",
        f"For I1 and I2: {shared}",
    ]
