"""False-alarm round 13 (#19): classes of false alarm read across the development paraphrase
sets 1-19, each written here in new synthetic words, with the error each rule must still
catch beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafting.draft import Draft
from evals.checks.entities import check_entities, lexicon, unsupported
from evals.checks.entity_text import without_voice
from evals.checks.outcomes import stated_outcome
from evals.context import EvalContext
from tests.conftest import DATA
from tests.offline_drafts import EXCERPTS, offline_draft, with_sentence

FACT = [("F2", "Lumbar MRI: left paracentral disc protrusion at L4-L5 contacting the "
               "traversing L5 root.")]


def _case_requesting(tmp_path: Path, service: str) -> Path:
    data = yaml.safe_load((DATA / "minimal_case.yaml").read_text(encoding="utf-8"))
    data["disputed_items"][0]["service"] = service
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _entity_messages(draft: Draft, case: object, sentence: str) -> list[str]:
    return [f.message for f in check_entities(EvalContext(with_sentence(draft, sentence), case,
                                                          EXCERPTS))]


# --- who would do the requested service -------------------------------------------------------


def test_the_surgeon_of_a_requested_operation_needs_no_source(tmp_path):
    # "the surgeon's request", "the surgeon may reply": where the request is for an operation,
    # its surgeon is the requesting physician, named in reasoning beside any citation
    draft, case = offline_draft(_case_requesting(tmp_path, "Left L4-L5 laminectomy and discectomy"))
    assert _entity_messages(draft, case, "The surgeon may reply that the protrusion at L4-L5 "
                                         "explains her pain [F2].") == []


def test_the_surgeon_still_needs_a_source_where_no_operation_is_requested(tmp_path):
    # an injection is not an operation: a surgeon named beside an MRI fact is a claim about a
    # provider the record must name
    draft, case = offline_draft(DATA / "minimal_case.yaml")
    assert _entity_messages(draft, case, "A spine surgeon read the MRI protrusion at L4-L5 as "
                                         "compressive [F2].") == [
        "names surgeon, which the cited F2 does not name"]


def test_another_provider_still_needs_a_source_where_an_operation_is_requested(tmp_path):
    draft, case = offline_draft(_case_requesting(tmp_path, "Left L4-L5 laminectomy and discectomy"))
    assert _entity_messages(draft, case, "A neurologist read the protrusion at L4-L5 as "
                                         "compressive [F2].") == [
        "names neurologist, which the cited F2 does not name"]


# --- the writer's own role --------------------------------------------------------------------


def test_the_writer_naming_their_own_role_is_no_provider_claim():
    for said in (
        "Without a dose, this pharmacist cannot judge the protrusion-related pain regimen.",
        "This nurse case manager reviewed the MRI protrusion at L4-L5.",
        "RN reviewer comment: the L4-L5 protrusion is documented on MRI.",
        "The undersigned physician has read the MRI protrusion at L4-L5.",
    ):
        assert not unsupported(lexicon(), without_voice(said), FACT), said


def test_a_third_partys_role_still_needs_a_source():
    # "the nurse reviewer's findings" names someone in the record, not the writer
    for said in (
        "The nurse reviewer's findings rested on the MRI protrusion at L4-L5.",
        "A pharmacist noted the MRI protrusion at L4-L5.",
        "The MRI protrusion at L4-L5 was read by this surgeon's partner, a radiologist.",
    ):
        assert unsupported(lexicon(), without_voice(said), FACT), said


# --- a count that refers to a list the sentence gives -----------------------------------------


@pytest.mark.parametrize(("sentence", "wrong"), [
    # a count referring back to the list before it
    ("The therapy notes list sitting, standing or lifting, and he managed none of the three "
     "[F4].", None),
    ("The therapy notes list sitting, standing or lifting, and he managed none of the five "
     "[F4].", "number(s) 5 not in the cited source"),
    # "all N of" and the list after it
    ("His pain limited all three of sitting, standing and lifting [F4].", None),
    ("His pain limited all four of sitting, standing and lifting [F4].",
     "number(s) 4 not in the cited source"),
])
def test_a_count_of_the_list_the_sentence_gives(sentence, wrong):
    from tests.test_eval_consistency import consistency

    found = consistency("wc-lumbar-esi-plaintiff", sentence)
    assert found == ([wrong] if wrong else []), found


# --- the outcome a sentence states, negated or reported ---------------------------------------


@pytest.mark.parametrize(("text", "outcome"), [
    ("On the record as it stands, the trial isn’t medically necessary.", "not_necessary"),
    ("The compound hasn't been shown to be medically necessary.", "not_necessary"),
    ("The device is neither medically necessary nor cost-effective.", "not_necessary"),
    ("The block was never medically necessary for this neck.", "not_necessary"),
    ("The injection is medically necessary.", "necessary"),
    ("It is not disputed that the injection is medically necessary.", "necessary"),
    # what another party's letter or witness said is reported, not the draft's own outcome
    ("The plan's denial said only that the service was not medically necessary.", None),
    ("The reviewer's letter gives no reason beyond calling the refill not medically "
     "necessary.", None),
    ("Their expert testified that the therapy was medically necessary.", None),
    # the writer's own saying is the draft's outcome
    ("I said at the outset that the injection is medically necessary.", "necessary"),
])
def test_an_outcome_negated_in_other_words_or_reported(text, outcome):
    assert stated_outcome(text) == outcome


# --- an absence of a narrower class, or of a list ---------------------------------------------

OXYCODONE = "Maintained on extended-release oxycodone 40 mg twice daily for the arm."


def _absence_contradicted(sentence: str, statement: str) -> bool:
    from evals.checks.absences import _contradicted, absence_clauses

    return any(_contradicted(claim, "F1", statement)
               for _, claims in absence_clauses(sentence) for claim in claims)


def test_an_absence_of_a_narrower_class_or_of_a_list_is_not_contradicted_by_the_wider_class():
    # "non-opioid", "commercially available", "simpler" leave the recorded drug out; a
    # "medication list" is a document, not the drugs it would list
    for sentence in (
        "The records do not document any non-opioid agent tried for the arm.",
        "No commercially available agent is documented before the compound.",
        "The file documents no trial of simpler agents.",
        "No medication list is documented with the order.",
    ):
        assert not _absence_contradicted(sentence, OXYCODONE), sentence


def test_an_absence_of_the_class_itself_is_still_contradicted():
    for sentence in (
        "The records do not document any medication tried for the arm.",
        "No opioid is documented.",
    ):
        assert _absence_contradicted(sentence, OXYCODONE), sentence


# --- numbers the case file states: the patient's age, the items by number, the request's code --


@pytest.mark.parametrize(("sentence", "wrong"), [
    # wc-lumbar-esi-plaintiff: the patient is 44; two disputed items; I1 is coded 64483
    ("My patient, now 44, hurt his back lifting a case at work [F1].", None),
    ("My patient, now 47, hurt his back lifting a case at work [F1].",
     "number(s) 47 not in the cited source"),
    ("Male, 44, hurt lifting a case at work [F1].", None),
    ("Male, 52, hurt lifting a case at work [F1].", "number(s) 52 not in the cited source"),
    ("The injection of item 1 follows twelve supervised therapy visits [F4].", None),
    ("The injection of item 3 follows twelve supervised therapy visits [F4].",
     "number(s) 3 not in the cited source"),
    ("The injection is coded 64483 and follows twelve therapy visits [F4].", None),
    ("The injection is coded 64484 and follows twelve therapy visits [F4].",
     "number(s) 64484 not in the cited source"),
])
def test_numbers_the_case_file_states(sentence, wrong):
    from tests.test_eval_consistency import consistency

    found = consistency("wc-lumbar-esi-plaintiff", sentence)
    assert found == ([wrong] if wrong else []), found


def test_a_count_of_the_members_a_cited_source_lists():
    # "the six ingredients" of a cream whose cited fact lists six; a count of another size
    # is still not in the source
    from evals.checks.consistency_counts import _MEMBERS, _list_lengths

    fact = ("Compounded cream dispensed containing gabapentin, cyclobenzaprine, baclofen, "
            "diclofenac, lidocaine and prilocaine.")
    assert _MEMBERS.match(" ingredients on the claim") and _MEMBERS.match("-drug compound")
    assert not _MEMBERS.match(" weeks of therapy")
    assert 6 in _list_lengths(fact) and 5 not in _list_lengths(fact)


def test_a_hand_idiom_names_no_hand_but_a_hand_in_a_note_does():
    from evals.checks.entity_text import words

    assert "hand" not in words("The decision was in hand by December 1; the question at hand.")
    assert "hand" in words("Numbness in hand and fingers after lifting by hand.")
