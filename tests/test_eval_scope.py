"""A cited excerpt applies to the case (#19 wrong_guideline, paraphrase set 4 as development
set): written for the case's setting, unless the sentence names the other setting it compares
with, and for one of the case's procedures or a related one (a block before an ablation)."""

from __future__ import annotations

import pytest

from drafting.case import load_case
from evals.checks.scope import out_of_scope
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

EXCERPTS = excerpts_by_id()


@pytest.mark.parametrize(("case", "sentence", "excerpt", "why"), [
    # a commercial plan's rule in a Medicare review, not named as such
    ("medicare-tens-review", "Plan rules want a month of rented use before a purchase.",
     "comm-tens-home-rental-trial", "setting"),
    # MTUS in a commercial dossier
    ("commercial-pns-appeal", "The chronic pain guideline wants relief from a trial first.",
     "mtus-cp-scs-failed-back-criteria", "setting"),
    # the injection criteria for a stimulator or a fusion
    ("commercial-scs-dossier", "A second procedure needs half the pain gone for six weeks.",
     "comm-esi-repeat-frequency", "procedure"),
    ("commercial-lumbar-fusion-dossier", "Fusion first needs an injection that failed.",
     "comm-esi-initial-criteria", "procedure"),
])
def test_an_excerpt_for_another_setting_or_procedure_is_flagged(case, sentence, excerpt, why):
    found = out_of_scope(sentence, EXCERPTS[excerpt], load_case(EXAMPLES / f"{case}.yaml"))
    assert why in found


@pytest.mark.parametrize(("case", "sentence", "excerpt"), [
    # the other setting named: a comparison
    ("medicare-tens-review", "Commercial plans, by contrast, ask for a month of rented use.",
     "comm-tens-home-rental-trial"),
    ("commercial-scs-dossier", "The CMS rule, which most insurers follow, wants a trial first.",
     "ncd-160-7-conditions"),
    # a block qualifies for the ablation; medication guidance applies to any procedure
    ("medicare-lumbar-facet-rfa", "Two blocks must each give 80 percent relief.",
     "lcd-facet-diagnostic-blocks-80"),
    ("wc-itp-letter", "Tapering should be slow when opioids are reduced.",
     "cdc22-rec-05-existing-therapy-tapering"),
])
def test_an_excerpt_that_applies_is_not_flagged(case, sentence, excerpt):
    assert out_of_scope(sentence, EXCERPTS[excerpt], load_case(EXAMPLES / f"{case}.yaml")) == ""


# California's MTUS is the reference setting only for states without an adopted standard of
# their own (guideline_index/jurisdictions.yaml): in Texas (ODG by 28 TAC §137.100) a
# California excerpt cited as the rule is out of scope; in Arkansas (no adopted standard in the
# index) it stands in.
def _in(jurisdiction: str):
    from drafting.case.vocab import Setting

    case = load_case(EXAMPLES / "wc-lumbar-esi-defense.yaml")
    return case.model_copy(update={"setting": Setting.other_workers_comp,
                                   "jurisdiction": f"{jurisdiction} (workers' compensation)"})


ESI = "mtus-cp-esi-radiculopathy-corroboration"


@pytest.mark.parametrize("sentence", [
    "Radiculopathy must be shown on examination and confirmed by imaging.",
    "The governing criteria require radiculopathy on examination and imaging.",
])
def test_a_california_excerpt_as_the_rule_of_a_state_with_its_own_standard(sentence):
    assert "Texas" in out_of_scope(sentence, EXCERPTS[ESI], _in("Texas"))


def test_a_california_excerpt_stands_in_where_the_state_has_no_adopted_standard():
    sentence = "The governing criteria require radiculopathy on examination and imaging."
    assert out_of_scope(sentence, EXCERPTS[ESI], _in("Arkansas")) == ""


@pytest.mark.parametrize("sentence", [
    "California's MTUS, by comparison, asks for radiculopathy confirmed by imaging.",
    "The MTUS criteria, standing in for ODG here, ask for radiculopathy on examination.",
])
def test_a_california_excerpt_named_as_a_comparison_is_not_flagged(sentence):
    assert out_of_scope(sentence, EXCERPTS[ESI], _in("Texas")) == ""


def test_a_document_that_declares_the_stand_in_is_read_under_it():
    """The engine's drafts say "Judged on the California MTUS criteria ..., standing in for
    the Official Disability Guidelines": their MTUS citations are read as that stand-in, but a
    sentence saying the California text governs the case is still out of scope."""
    texas = _in("Texas")
    states = "Radiculopathy must be shown on examination and confirmed by imaging."
    governs = "That is the test the Texas hearing had to apply here."
    assert out_of_scope(states, EXCERPTS[ESI], texas, declared=True) == ""
    assert "Texas" in out_of_scope(governs, EXCERPTS[ESI], texas, declared=True)
