"""The polarity check: a cited sentence that reverses its cited fact (done / not done, positive /
negative, improved / worsened, stopped / continued, working / off work, smoker / non-smoker,
declined / underwent, tolerated / not, met / not met, with / without) is an error; a faithful
paraphrase, a hedge, reasoning or a condition is not."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks import CHECKS
from evals.checks.polarity import analyse, check_polarity, normalise, quotes_its_sources, reversals
from evals.checks.polarity.check import _problems, class_denials
from evals.context import EvalContext
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


def flagged(sentence: str, *facts: str) -> bool:
    return bool(reversals(sentence, [(f"F{i}", f) for i, f in enumerate(facts, start=1)]))


def both_ways(one: str, other: str) -> None:
    """Each statement reverses the other."""
    assert flagged(one, other), f"{one!r} against {other!r}"
    assert flagged(other, one), f"{other!r} against {one!r}"


# --- each pair, both ways -----------------------------------------------------------------


@pytest.mark.parametrize(("one", "other"), [
    ("A one-month home rental trial was completed.", "No home rental trial is documented."),
    ("An epidural injection was performed at L4-5.", "No epidural injection was performed."),
    ("Decompression alone was considered and rejected.",
     "Decompression alone was not considered."),
    ("A lumbar MRI was obtained.", "No lumbar MRI was obtained."),
])
def test_done_and_not_done(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("Leg pain improved after the block.", "Leg pain worsened after the block."),
    ("Walking tolerance was better at follow-up.", "Walking tolerance was worse at follow-up."),
    ("The oxycodone dose was increased in May.", "The oxycodone dose was decreased in May."),
    ("Oxycodone use rose from one tablet to three.",
     "Oxycodone use fell from three tablets to one."),
    ("Gabapentin was reduced to 300 mg.", "Gabapentin was raised to 300 mg."),
    ("The block gave relief of leg pain.", "The block gave no relief of leg pain."),
])
def test_improved_and_worsened(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("He returned to work in March.", "He remains off work."),
    ("He is working modified duty.", "He is temporarily totally disabled."),
    ("He was placed on TTD.", "He returned to light duty in June."),
    ("She resumed full-duty work.", "She was on modified duty with no lifting."),
])
def test_working_and_off_work(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("After the injection tramadol was continued.", "After the injection tramadol was stopped."),
    ("Duloxetine was discontinued because of nausea.", "Duloxetine is ongoing despite nausea."),
    ("She remains on oxycodone.", "Oxycodone was tapered off."),
])
def test_stopped_and_continued(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("Straight-leg raise was positive on the right.", "SLR negative on the right."),
    ("Spurling test positive to the left.", "Negative Spurling test to the left."),
    ("Sacroiliac provocation tests were positive.", "Sacroiliac provocation tests negative."),
])
def test_positive_and_negative(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("Sensation in the legs was intact.", "Reduced sensation in the legs."),
    ("The left knee reflex was normal.", "Left knee reflex diminished."),
    ("The MRI showed a recurrent disc herniation.", "The MRI showed no recurrent disc herniation."),
    ("He reports constipation at most visits.", "He denies constipation at most visits."),
])
def test_present_and_absent(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("She had quit smoking before the visit.", "She is a current smoker."),
    ("He is a non-smoker with a BMI of 29.", "He smokes a pack a day, BMI 29."),
])
def test_quit_and_current_smoker(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("She declined surgery.", "She underwent surgery."),
    ("He refused the injection.", "He agreed to the injection."),
])
def test_declined_and_agreed_or_underwent(one, other):
    both_ways(one, other)


@pytest.mark.parametrize(("one", "other"), [
    ("Gabapentin was tolerated at 900 mg.", "Gabapentin was not tolerated at 900 mg."),
    ("Nortriptyline was well tolerated.", "He was intolerant of nortriptyline."),
])
def test_tolerated_and_not(one, other):
    both_ways(one, other)


def test_met_and_not_met():
    both_ways("The conservative care requirement was met.",
              "The conservative care requirement was unmet.")
    both_ways("The conservative care requirement was met.",
              "The conservative care requirement was not met.")


def test_with_and_without():
    both_ways("The block used bupivacaine with steroid.",
              "The block used bupivacaine without steroid.")


def test_upheld_and_reversed():
    both_ways("The redetermination reversed the denial.", "The redetermination upheld the denial.")


# --- how far a negation reaches -----------------------------------------------------------


def test_a_list_joined_by_or_is_denied_item_by_item():
    fact = "No fever, weight loss, cancer history or bowel change."
    assert flagged("She reported weight loss.", fact)
    assert flagged("There was a bowel change.", fact)


def test_a_negation_ends_at_its_clause():
    fact = "No leg pain, but the straight-leg raise was positive."
    assert not flagged("The straight-leg raise was positive.", fact)
    assert flagged("The straight-leg raise was negative.", fact)
    fact = "No fever; pain radiates to the knee."
    assert not flagged("Pain radiates to the knee.", fact)


def test_a_verb_negation_denies_the_verb_not_its_object():
    fact = "Duloxetine did not reduce pain."
    assert not flagged("Pain persisted on duloxetine.", fact)
    assert flagged("Duloxetine reduced pain.", fact)


def test_a_qualified_or_limited_negation_does_not_deny_the_thing():
    assert not flagged("Clinic TENS gave no lasting relief.",
                       "TENS gave relief lasting less than an hour.")
    assert not flagged("He fills oxycodone monthly.", "No other opioid fills.")
    assert not flagged("He works with a 10-pound lifting limit.", "No lifting over 10 pounds.")
    assert not flagged("The note gives good relief.", "At least 80 percent relief from the first "
                       "block was not documented.")


def test_a_denied_phrase_is_contradicted_only_with_all_its_modifiers():
    fact = "Clinic TENS was applied in ten sessions, with no home TENS use."
    assert flagged("Home TENS use was recorded.", fact)
    assert not flagged("A TENS unit was prescribed for home use.", fact)


def test_thresholds_are_not_negations():
    assert not flagged("Two injections were given.", "No more than two injections a year.")


def test_the_same_fact_said_with_the_negation_elsewhere_is_not_a_reversal():
    assert not flagged("Further injections were not advised.", "No further injections were "
                       "advised.")
    assert not flagged("He is enrolled in no approved study.",
                       "He is not enrolled in an approved study.")


# --- what is not a reversal -------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "fact"), [
    ("He appears to have returned to modified work as a dispatcher.",
     "He returned to modified work as a dispatcher."),
    ("The record suggests gabapentin was likely not tolerated.", "Gabapentin was not tolerated."),
    ("Pain did not respond to conservative care.",
     "Pain persisted at 6/10 after twelve physical therapy visits."),
    ("The denial should be reversed.", "The redetermination upheld the denial."),
    ("If a home trial had been documented, the purchase would be covered.",
     "No home trial is documented."),
    ("TENS is covered only for beneficiaries enrolled in an approved study.",
     "The beneficiary is not enrolled in an approved study."),
    ("Twelve PT visits did not resolve leg pain, which persisted at 6/10.",
     "Twelve physical therapy visits; leg pain persisted at 6/10 at discharge."),
])
def test_hedges_reasoning_and_conditions_are_not_flagged(sentence, fact):
    assert not flagged(sentence, fact)


def test_a_word_the_source_states_both_ways_is_not_flagged():
    facts = ("No pain diary was in the plan's records.", "The pain diary records 85 percent "
             "relief.")
    assert not flagged("The pain diary was reviewed.", *facts)
    assert not flagged("The diary percentages were reviewed.",
                       "The note describes good relief, without a percentage.",
                       "The diary records 85 percent relief.")


# --- text as drafts write it ---------------------------------------------------------------


def test_curly_apostrophes_and_quotes():
    assert normalise("He didn’t return") == ["he", "did", "not", "return"]
    assert flagged("He didn’t return to work.", "He returned to modified work.")
    assert not flagged("He didn’t tolerate gabapentin.", "Gabapentin was not tolerated.")
    assert not flagged("The surgeon’s note says “no recurrent herniation.”",
                       "No recurrent herniation.")
    assert flagged("The surgeon’s note describes a recurrent herniation.",
                   "No recurrent herniation.")


def test_abbreviations_are_words():
    assert normalise("b.i.d. at L4-5, SLR neg") == ["bid", "at", "l4", "-", "5", ",", "slr",
                                                   "neg"]
    assert normalise("Straight leg raising test") == ["slr"]
    assert flagged("Ibuprofen 800 mg b.i.d. was continued.",
                   "Ibuprofen 800 mg twice daily was stopped.")
    assert not flagged("She takes no ibuprofen t.i.d. now.", "Ibuprofen was stopped.")
    assert flagged("There is stenosis at L4-5.", "No stenosis at L4-5.")
    assert flagged("SLR was negative.", "Straight-leg raise positive at 40 degrees.")


def test_the_quote_spells_out_synonyms_and_names_both_sides():
    said = analyse("The SLR was positive.")
    found = reversals("The SLR was positive.", [("F2", "Straight-leg raise is negative.")])
    assert found
    mine, marker, theirs = found[0]
    assert marker == "F2"
    assert "straight-leg raise" in said.quote(mine.span)
    assert "negative" in analyse("Straight-leg raise is negative.").quote(theirs.span)


def test_a_verbatim_quote_of_the_fact_is_not_read_again():
    fact = "No recurrent disc herniation."
    assert quotes_its_sources("- 4 May 2023: No recurrent disc herniation .", [fact])
    assert not quotes_its_sources("It is not true that: No recurrent disc herniation.", [fact])


# --- coordination, coverage decisions, conditions, class denials (#19, paraphrase set 2) ------


def test_a_plural_verb_after_a_coordinated_subject_denies_each_conjunct():
    fact = "Utilization review found that the MRI report and the therapy notes were not submitted."
    assert flagged("The MRI report was submitted with the request.", fact)
    assert not flagged("The therapy notes were missing from the packet.", fact)
    # an adjective denies only the phrase next to it
    assert not flagged("Reflexes were symmetric.", "Reflexes symmetric and SLR negative.")


def test_denying_a_request_is_a_coverage_decision_not_a_negation():
    fact = "The carrier denied the request for radiofrequency ablation."
    assert not flagged("The carrier's reason for denying the ablation was the short relief.",
                       "Radiofrequency ablation at L4-L5 was requested.")
    assert not flagged("The insurer denies coverage of the radiofrequency ablation.", fact)
    assert flagged("She denies numbness in the foot.", "Numbness over the dorsum of the foot.")


def test_a_condition_opened_by_once_is_unsure():
    fact = "The operative report is not attached."
    assert not flagged("Once the operative report is attached, the request is complete.", fact)
    assert flagged("The operative report is attached.", fact)


def test_fewer_work_restrictions_are_not_restricted_duty():
    assert not flagged("The return to regular duty meant reduced work restrictions.",
                       "He returned to regular duty in March.")
    assert flagged("He remained on reduced work hours.", "He returned to regular duty in March.")


@pytest.mark.parametrize(("sentence", "fact", "found"), [
    ("She no longer takes any anti-inflammatory.", "Meloxicam 15 mg daily is continued.", True),
    ("She takes no opioid of any kind.", "Hydrocodone 5 mg at night, renewed monthly.", True),
    ("She no longer takes any anti-inflammatory.", "Meloxicam was stopped in March.", False),
    ("She takes no other anti-inflammatory.", "Meloxicam 15 mg daily is continued.", False),
    ("She takes no opioid.", "No opioid has been prescribed.", False),
])
def test_a_class_denied_outright_is_contradicted_by_a_member_stated(sentence, fact, found):
    assert bool(class_denials(sentence, (("F1", fact),))) is found


# --- in the harness --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def esi_draft():
    case = load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")
    draft = asyncio.run(draft_case(case, "x", create("offline", SETTINGS), SETTINGS, EXCERPTS))
    return case, draft


def _with_sentence(draft: Draft, text: str, fact: str) -> tuple[Draft, str]:
    section = next(s for s in draft.sections if fact in s.fact_ids)
    changed = section.model_copy(update={"text": f"{section.text.rstrip()}\n\n{text}"})
    sections = [changed if s is section else s for s in draft.sections]
    return draft.model_copy(update={"sections": sections}), section.key


def test_the_check_is_registered_and_the_clean_draft_passes(esi_draft):
    case, draft = esi_draft
    assert "polarity" in CHECKS
    assert check_polarity(EvalContext(draft, case, EXCERPTS)) == []


def test_a_reversed_sentence_is_a_polarity_error_naming_both_sides(esi_draft):
    case, draft = esi_draft
    changed, key = _with_sentence(draft, "After the June injection tramadol was continued and "
                                  "the Oswestry index improved [F10].", "F10")
    found = [f for f in evaluate_draft(changed, case, EXCERPTS).errors if f.check == "polarity"]
    assert [f.section for f in found] == [key]
    said, cited = found[0].message.split("; the cited F10 says ")
    assert said.startswith("says ") and said.endswith("tramadol was continued")
    assert cited.endswith("tramadol was stopped")
    faithful, _ = _with_sentence(draft, "After the June injection he came off tramadol and the "
                                 "Oswestry index improved from 44 to 26 percent [F10].", "F10")
    assert not [f for f in evaluate_draft(faithful, case, EXCERPTS).errors
                if f.check == "polarity"]


# Reversals a modal, a month or a verb's base form hid (#19, paraphrase sets 2-3 as development
# sets): a cue right after "and"/"but" ("... and could walk") begins its own predicate and leaves
# what went before certain; "late May" is a month, not the modal; "did not reproduce" is the
# negative of a test that "reproduces" pain; "not working" is off work.
@pytest.mark.parametrize(("sentence", "fact"), [
    ("She was working full time at her desk job.",
     "She was not working and could only sit for twenty minutes."),
    ("The Spurling test did not provoke arm pain in early May.",
     "In early May the Spurling test provoked arm pain on the left."),
    ("Straight-leg raise did not reproduce leg pain at the visit.",
     "Straight-leg raise reproduces leg pain at 45 degrees and he can walk one block."),
])
def test_a_reversal_past_a_modal_a_month_or_a_base_form(sentence, fact):
    assert flagged(sentence, fact)


@pytest.mark.parametrize(("sentence", "fact"), [
    # the modal's own clause is still unsure, and agreeing statements stay agreed
    ("She could return to work once the pain settles.", "She was not working in March."),
    ("He was not working and could not drive.", "He was not working at the time."),
    ("In late May the straight-leg raise reproduced leg pain.",
     "Straight-leg raise reproduces leg pain at 45 degrees."),
])
def test_no_reversal_where_the_modal_governs_or_both_agree(sentence, fact):
    assert not flagged(sentence, fact)


@pytest.mark.parametrize(("sentence", "fact", "found"), [
    # an elliptical denial at the end leaves what it denies unsaid: no reversal of what is stated
    ("He collected his tramadol every month from one pharmacy, and never late.",
     "Tramadol collected monthly; no late collections.", False),
    ("The guideline warns about gabapentinoids with opioids, and his pharmacy list holds none.",
     "The pharmacy list shows no gabapentinoid.", False),
    # without the ellipsis, the same statement against the denial is a reversal
    ("He had late collections of tramadol every month.", "No late collections of tramadol.", True),
])
def test_an_elliptical_denial_at_the_end_is_not_read_as_a_statement(sentence, fact, found):
    from evals.checks.polarity.check import _problems

    assert bool(_problems(sentence, (("F1", fact),))) is found


# --- what a trailing cue or "with and without" says (paraphrase set 4 false alarms) ---------


@pytest.mark.parametrize(("sentence", "fact"), [
    # a date between the subject and its trailing cue
    ("The sacroiliac provocation testing on March 3, 2024 was negative.",
     "Sacroiliac provocation testing was negative."),
    ("His Spurling test in June 2023 was negative, and he had full neck motion.",
     "Negative Spurling test."),
    # each subject of a plural verb before the cue
    ("Her sacroiliac provocation tests and straight-leg raise were negative on that visit.",
     "Straight-leg raise negative; sacroiliac provocation tests negative."),
    # a study done both ways states neither
    ("The thoracic CT with and without contrast showed a healed fracture.",
     "Contrast CT shows a healed T12 fracture."),
])
def test_a_status_stated_as_the_fact_states_it_is_not_reversed(sentence, fact):
    assert not flagged(sentence, fact)


def test_a_date_does_not_shield_a_reversal():
    assert flagged("The sacroiliac provocation testing on March 3, 2024 was positive.",
                   "Sacroiliac provocation testing was negative.")


@pytest.mark.parametrize(("sentence", "fact"), [
    # "quit" naming a plan, not a stop
    ("The clinic urged him to stop vaping, but it set no quit date.",
     "Advised to stop vaping; no quit date or cessation aid recorded."),
    # what a payer "may argue that ..." is a prediction, not a status
    ("The insurer may well argue that the home exercise program is undocumented.",
     "Home exercise program reviewed and documented at each visit."),
])
def test_a_plan_or_a_prediction_is_not_a_status(sentence, fact):
    assert not flagged(sentence, fact)


def test_what_criteria_exclude_is_what_the_excerpt_denies():
    excerpt = ("The criteria (pain of six months or more, a successful trial, no untreated "
               "alcohol dependence) apply to a first implant.")
    assert not _problems("The plan's criteria exclude untreated alcohol dependence, and he "
                         "drinks rarely.", (("G:x", excerpt),))


def test_quit_is_still_a_stop():
    assert flagged("He quit the duloxetine in March.", "Duloxetine was continued through May.")


def test_without_change_is_not_improved():
    fact = "Duloxetine was taken for ten weeks without change in sitting tolerance."
    assert flagged("Duloxetine improved his sitting tolerance over ten weeks.", fact)
    assert not flagged("Duloxetine left his sitting tolerance unchanged after ten weeks.", fact)


def test_clearance_deferred_is_not_clearance_given():
    both_ways("The cardiologist deferred surgical clearance until a stress test was done.",
              "Cardiology note: cleared for surgery from a cardiac standpoint.")
    assert not flagged("Cardiology cleared him for the operation.",
                       "Cardiology note: cleared for surgery from a cardiac standpoint.")


@pytest.mark.parametrize("source", [
    "Her knee pain is 7/10 without the brace and 3/10 with it.",
    "Walking tolerance was measured with and without the brace.",
    "She walks a block without the brace and a mile with the brace on.",
])
def test_a_comparison_with_and_without_a_thing_states_it_both_ways(source):
    # a sentence naming the thing is no reversal of a source comparing having it and not
    assert not reversals("Her pain falls to 3/10 with the brace.", [("F2", source)])


def test_without_a_thing_alone_still_denies_it():
    assert reversals("She walks with the brace.", [("F2", "She walks without the brace.")])
    # "with" elsewhere, about another thing, is no comparison
    assert reversals("She walks with the brace.",
                     [("F2", "She walks without the brace, with a steady gait.")])


def test_no_person_denies_their_act_not_the_person():
    source = [("F4", "Two surgeons agreed that the fusion was solid.")]
    assert not reversals("No surgeon in the file questions the fusion.", source)
    assert not reversals("No surgeon is recorded as doubting that the fusion was solid.", source)
    # a thing, not a person, is still denied
    assert reversals("No fusion was done.", [("F4", "A fusion was done in 2019.")])


def test_with_and_without_a_class_is_no_denial_of_the_class():
    facts = (("F2", "He takes oxycodone 10 mg twice daily."),)
    assert not class_denials("His function is recorded with and without medication.", facts)
    assert class_denials("He manages his pain without medication.", facts)


def test_a_verb_of_a_relative_clause_is_not_what_a_trailing_cue_denies():
    source = [("F3", "She uses a knee brace at work.")]
    assert not reversals("The brace she uses is not described in any detail.", source)
    assert reversals("The knee brace is not documented.", source)


def test_a_missing_date_is_no_denial_of_what_it_dates():
    source = [("F3", "A spinal cord stimulator was implanted.")]
    assert not reversals("No implant date is given.", source)
    assert reversals("No implant was placed.", [("F3", "The implant was placed in May.")])
