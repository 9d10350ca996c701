"""Classes of false alarm and miss found on sparse, secondhand records (#19, paraphrase set 5),
each tested on new synthetic text both ways where it has two: the right sentence passes, the
wrong one is an error. Numbers a sentence rounds, ranges, gaps and level counts; a product's
number; a diagnosis's side; record cues ("the file has no", "does not include", "no longer
recorded"); the reviewer's "treat as"; status pairs of benefit, risk judgement, amount of use
and a judge crediting an opinion; a state's own rule cited in another state's case."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.case.vocab import Laterality, Setting
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.absences import absence_clauses, claimed_text
from evals.checks.entities import lexicon, unsupported
from evals.checks.polarity.check import _problems
from evals.checks.scope import out_of_scope
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()

# Facts added to a copy of an example case (synthetic statements written for these tests).
ADDED = {
    "F16": "The Neck Disability Index was 27.36 percent at intake.",
    "F17": "Grip pain was 4-5/10 at the last hand clinic visit.",
    "F18": "The second block gave 72 percent relief; the reviewer applied an 80 percent "
           "threshold.",
    "F19": "Anterior discectomy and fusion were performed at C4-C5, C5-C6 and C6-C7.",
    "F20": "Tylenol #4 one tablet at night was prescribed for neck pain.",
    # (dated as the fact it copies, 24 May 2016; the case's diagnoses name the tear)
    "F21": "A sonogram of the right shoulder showed a partial tear of the supraspinatus tendon.",
}


@cache
def _draft() -> tuple[Draft, Case]:
    base = load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")
    template = base.facts[6]
    facts = [*base.facts, *(template.model_copy(update={"id": fid, "statement": text})
                            for fid, text in ADDED.items())]
    diagnoses = [*base.diagnoses, base.diagnoses[0].model_copy(update={
        "code": "G56.03", "text": "Carpal tunnel syndrome of both upper limbs",
        "laterality": Laterality.bilateral}), base.diagnoses[0].model_copy(update={
        "code": "M75.111", "text": "Partial tear of the right supraspinatus tendon of the shoulder",
        "laterality": Laterality.right})]
    case = base.model_copy(update={"facts": facts, "diagnoses": diagnoses})
    draft = asyncio.run(draft_case(case, "sparse", create("offline", SETTINGS), SETTINGS,
                                   EXCERPTS))
    return draft, case


def consistency(sentence: str) -> list[str]:
    """The consistency errors of a sentence added to the case's first item section."""
    draft, case = _draft()
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    section.fact_ids = [*section.fact_ids, *ADDED]
    return [f.message for f in evaluate_draft(changed, case, EXCERPTS).errors
            if f.check == "consistency" and f.text.strip() == sentence]


@pytest.mark.parametrize(("sentence", "wrong"), [
    # a hedged value is the source's rounded to the places written
    ("Her neck disability score was about 27.4 percent at intake [F16].", None),
    ("Her neck disability score was nearly 27 percent at intake [F16].", None),
    ("Her neck disability score was 27.4 percent at intake [F16].", "27.4"),
    ("Her neck disability score was about 29 percent at intake [F16].", "29"),
    # each end of a range the source gives
    ("Grip pain stood at four to five out of ten at the last visit [F17].", None),
    ("Grip pain stood at three to five out of ten at the last visit [F17].", "3"),
    # a gap worked out from a value given and one cited
    ("Seventy-two percent is eight points below the threshold the reviewer applied [F18].",
     None),
    ("Seventy-two percent is six points below the threshold the reviewer applied [F18].", "6"),
    # the number of segments named, past several modifiers
    ("The fusion spanned three adjacent cervical spinal levels [F19].", None),
    ("The fusion spanned four adjacent cervical spinal levels [F19].", "4"),
    # a count in apposition to the things just listed
    ("The block needs a positive first response and a stable exam, the two conditions the "
     "reviewer named [F18].", None),
    ("The block needs a positive first response and a stable exam, the three conditions the "
     "reviewer named [F18].", "3"),
    # the number of facts cited excuses a count, not a score
    ("Grip pain and the fusion levels are the three findings at issue [F17][F19][F16].", None),
    ("Grip strength stayed at 3/5 throughout [F17][F19][F16].", "3"),
    # a product's number is no quantity, unless the sources name the product by another
    ("The request concerns Tylenol #4 for the neck after the lifting injury [F1].", None),
    ("Tylenol #3 one tablet at night was prescribed for neck pain [F20].", "3"),
])
def test_worked_out_numbers(sentence, wrong):
    found = consistency(sentence)
    if wrong is None:
        assert not any("number" in m for m in found), found
    else:
        assert any(m.startswith("number(s)") and wrong in m for m in found), found


def test_a_side_the_case_diagnosis_gives():
    assert not consistency("Her carpal tunnel syndrome affects both sides, and the disc "
                           "extrusion is on the right at L5-S1 [F5].")
    found = consistency("The disc extrusion at L5-S1 is present on both sides [F5].")
    assert any("bilateral" in m for m in found), found


def test_a_side_said_to_be_missing_is_not_compared():
    assert not consistency("There is no imaging of the left side in this record, and the "
                           "extrusion is on the right [F5].")
    found = consistency("The imaging of the left side showed the extrusion, and it is "
                        "missing from the record [F5].")
    assert any("left" in m for m in found), found


@pytest.mark.parametrize(("sentence", "missing"), [
    ("The chart has no electrodiagnostic study, so the level rests on imaging.",
     "electrodiagnostic study"),
    ("The referral packet does not include the pain diary for the first block.", "pain diary"),
    ("No opioid agreement appears in the facts I was given.", "opioid agreement"),
    ("The discharge summary is referred to but was not in the packet, so I rely on the note.",
     "discharge summary"),
])
def test_record_cues(sentence, missing):
    said = " ".join(c for _, found in absence_clauses(sentence) for c in found)
    assert missing in said.lower(), said
    assert missing not in claimed_text(sentence).lower()


@pytest.mark.parametrize(("sentence", "fact", "flagged"), [
    # a pair whose subject is a reasoning word ("the appeal") compares
    ("The worker's appeal has never been accepted by the tribunal [F1].",
     "The appeal was accepted in March.", True),
    ("The worker's appeal was accepted by the tribunal [F1].",
     "The appeal was accepted in March.", False),
    # what a drug did for the patient
    ("She said the lidocaine patch was relieving her knee pain [F1].",
     "She reported the lidocaine patch was not helping her knee pain.", True),
    ("She said the lidocaine patch was not helping her knee pain [F1].",
     "She reported the lidocaine patch was not helping her knee pain.", False),
    # a judgement of risk and benefit
    ("The reviewer found the balance of risk and benefit favourable for opioids [F1].",
     "The reviewer noted an unfavorable risk and benefit balance for opioids.", True),
    # how much of a drug is used
    ("The pharmacist described heavy use of the hydromorphone [F1].",
     "The pharmacist described minimal use of the hydromorphone.", True),
    ("The pharmacist described minimal use of the hydromorphone [F1].",
     "The pharmacist described minimal use of the hydromorphone.", False),
    # a judge crediting an opinion
    ("The hearing officer declined the surgeon's opinions on the pump [F1].",
     "The hearing officer credited the surgeon's opinions on the pump.", True),
    # a recommendation against, followed by a wait-and-see: the advice is certain
    ("The surgeon advised against a repeat diagnostic block and suggested waiting to see "
     "whether the pain settled [F1].",
     "The surgeon recommended a repeat diagnostic bilateral L3-L4 facet block.", True),
    # the record stopped holding a score: a sentence saying it is not recorded agrees
    ("No Oswestry score was recorded at the last visit [F1].",
     "At the last visit pain was unchanged and the Oswestry score was no longer recorded.",
     False),
    # a decision on a request, denied or granted (not what a sentence asks to be authorized)
    ("The insurer granted the request for the stimulator trial [F1].",
     "The insurer denied the request for the stimulator trial.", True),
    ("The insurer denied the request for the stimulator trial [F1].",
     "The insurer denied the request for the stimulator trial.", False),
    ("This letter asks that the trial be authorized after the denial [F1].",
     "The insurer denied the request for the stimulator trial.", False),
    # "at all" makes a qualified denial certain
    ("The first block gave her no significant relief at all [F1].",
     "She reported 55 percent relief from the first block.", True),
    ("The first block gave her no lasting relief [F1].",
     "She reported 55 percent relief from the first block.", False),
    # declining to do a thing denies it
    ("The hearing officer declined to order reimbursement for the brace [F1].",
     "The hearing officer ordered reimbursement for the brace.", True),
    ("The hearing officer declined to credit the surgeon's opinion [F1].",
     "The hearing officer credited the surgeon's opinion.", True),
    ("The hearing officer ordered the insurer to pay for the brace [F1].",
     "The insurer refused to pay for the brace; the hearing officer ordered payment.", False),
    # two single words denied together
    ("The panel found the pool therapy neither helpful nor necessary [F1].",
     "The panel found the pool therapy helpful and necessary.", True),
    ("The panel found the pool therapy helpful and necessary [F1].",
     "The panel found the pool therapy helpful and necessary.", False),
    # whether an implanted device works
    ("The stimulator was found to be working properly in June [F1].",
     "In June the stimulator failed and had to be explanted.", True),
    ("The stimulator had failed by June [F1].",
     "In June the stimulator failed and had to be explanted.", False),
    # the reviewer's judgement is no treatment
    ("I do not treat the missing diary as decisive [F1].",
     "The treating surgeon asked for a pain diary.", False),
    # "unrelated to work" is "non-work"
    ("The insurer said a fall unrelated to work broke the lead [F1].",
     "The insurer argued a non-work fall broke the lead.", False),
])
def test_polarity_classes(sentence, fact, flagged):
    assert bool(_problems(sentence, (("F1", fact),))) is flagged


@pytest.mark.parametrize(("sentence", "named"), [
    ("No morphine-equivalent total can be worked out from the note [F1].", False),
    ("He was hurt at work lifting a crate in 2015 [F1].", False),
    ("He was back at work on full duty by June [F1].", True),
])
def test_names_that_name_no_concept(sentence, named):
    found = unsupported(lexicon(), sentence, [("F1", "A crate fell on his foot in 2015.")])
    assert bool(found) is named, found


def test_a_state_rule_in_another_states_case():
    _, case = _draft()  # a California case
    rule = EXCERPTS["wv-85csr20-53-long-term-opioids"]
    manitoba = case.model_copy(update={"setting": Setting.other_workers_comp,
                                       "jurisdiction": "Manitoba, Canada"})
    assert "West Virginia" in out_of_scope("The state rule applies here.", rule, manitoba)
    virginia = manitoba.model_copy(update={"jurisdiction": "West Virginia"})
    assert not out_of_scope("The state rule applies here.", rule, virginia)
    # a sentence naming the state compares, and is not judged on it
    assert not out_of_scope("West Virginia's rule differs here.", rule, manitoba)


def test_an_absence_said_of_one_note_is_not_the_records():
    from evals.checks.absences import _scoped

    assert _scoped("no Oswestry score was recorded on the last follow-up note")
    assert _scoped("the most recent visit note has no reflex examination")
    assert not _scoped("no Oswestry score was recorded anywhere in the file")


def test_what_a_sentence_sets_against_what_it_says_is_not_claimed():
    from evals.checks.entity_text import without_contrasts

    source = [("F1", "The surgeon requested a diagnostic medial branch block.")]
    said = "The surgeon asked for a diagnostic block, not a fusion or an ablation, this time."
    assert not unsupported(lexicon(), without_contrasts(said), source)
    wrong = "The surgeon asked for an ablation, not a diagnostic block, this time."
    assert unsupported(lexicon(), without_contrasts(wrong), source)


@pytest.mark.parametrize(("claim_sentence", "fact", "contradicted"), [
    # "the record documents no ...": a record cue
    ("The chart documents no conservative treatment before the block.",
     "She had eight weeks of physical therapy and a home exercise program.", True),
    # "does not say which ...": what is missing is the thing, past the opener
    ("The record does not say which anticonvulsant, if any, she tried.",
     "Pregabalin 75 mg twice daily was tried for two months.", True),
    ("The record does not say which anticonvulsant, if any, she tried.",
     "Ibuprofen 600 mg was taken for a month.", False),
    # another party's point named as such is not the draft's claim
    ("The insurer's contention that conservative treatment is undocumented is weak.",
     "She had eight weeks of physical therapy and a home exercise program.", False),
    # a device prescribed for purchase is not a device used
    ("The notes record no home TENS use.",
     "A TENS unit was prescribed for purchase for home use on the back.", False),
])
def test_absence_classes(claim_sentence, fact, contradicted):
    from evals.checks.absences import _contradicted, own_words

    claims = [c for clause, found in absence_clauses(own_words(claim_sentence))
              for c in found]
    found = any(_contradicted(c, "F9", fact) for c in claims)
    assert found is contradicted, claims


@pytest.mark.parametrize(("sentence", "fact", "named"), [
    # the short and the full form of one questionnaire are different instruments
    ("Her QuickDASH was 41 at discharge [F1].", "The QuickDASH score was 41 at discharge.",
     False),
    ("Her full-length DASH was 41 at discharge [F1].",
     "The QuickDASH score was 41 at discharge.", True),
    # how far a tendon is torn
    ("The ultrasound showed a partial-thickness tear of the biceps tendon [F1].",
     "Ultrasound showed a partial tear of the distal biceps tendon.", False),
    ("The ultrasound showed a complete tear of the biceps tendon [F1].",
     "Ultrasound showed a partial tear of the distal biceps tendon.", True),
    # which nerve was released
    ("She had an ulnar nerve release at the elbow in 2019 [F1].",
     "She underwent a carpal tunnel release in 2019.", True),
    # a test the source does not name, and a monitoring step it does not name
    ("Grip dynamometry was unchanged at the last visit [F1].",
     "Wrist flexion and strength were unchanged at the last visit.", True),
    ("The insurer wanted monthly pill counts [F1].",
     "The insurer required toxicology screening.", True),
    # who gave an opinion
    ("The independent medical examiner supported the stimulator [F1].",
     "Two treating physicians supported the stimulator.", True),
    # how the injury happened
    ("She fell from a ladder while stocking shelves [F1].",
     "She slipped on a wet floor while stocking shelves.", True),
    # the worker's job
    ("He was a forklift operator when he fell [F1].",
     "He was a long haul driver when he fell from the cab.", True),
    ("He was a truck driver when he fell [F1].",
     "He was a long haul driver when he fell from the cab.", False),
])
def test_entity_classes(sentence, fact, named):
    found = unsupported(lexicon(), sentence, [("F1", fact)])
    assert bool(found) is named, found


def test_what_the_facts_give_no_count_of_is_not_claimed():
    said = "The facts give no tablet count for the hydrocodone after March [F2]."
    assert "tablet count" not in claimed_text(said).lower()


@pytest.mark.parametrize(("text", "sides"), [
    ("She had a left carpal tunnel release in May.", {"left"}),
    ("A right cubital tunnel release was planned.", {"right"}),
    ("The injuries involve both shoulders.", {"bilateral"}),
    ("Both reviewers agreed on the plan.", set()),
])
def test_sides_of_the_upper_limb_and_paired_parts(text, sides):
    from evals import claims

    assert claims.scan(text).sides == sides


@pytest.mark.parametrize(("sentence", "fact", "wrong"), [
    ("He has a T11 compression fracture with disc bulges at T11-T12 [F1].",
     "A T11 compression fracture with disc bulges at T10-T11 and T11-T12.", False),
    ("He has a T12 compression fracture with disc bulges at T11-T12 [F1].",
     "A T11 compression fracture with disc bulges at T10-T11 and T11-T12.", True),
    ("The fracture of T11 healed with disc bulges at T11-T12 [F1].",
     "A T11 compression fracture with disc bulges at T10-T11 and T11-T12.", False),
    ("He has a T10-T11 burst fracture [F1].",
     "A T11 compression fracture with disc bulges at T10-T11 and T11-T12.", True),
])
def test_the_level_of_a_fracture(sentence, fact, wrong):
    from evals.checks.consistency import _fracture_problems

    assert bool(_fracture_problems(sentence, fact)) is wrong


def uncited(sentence: str) -> list[str]:
    """The uncited-claims errors of a sentence added to the case's first item section."""
    draft, case = _draft()
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, case, EXCERPTS).errors
            if f.check == "uncited_claims" and f.text.strip() == sentence]


def test_the_month_a_fact_is_dated_with_most_of_its_words():
    # the tear is the case's diagnosis; the month and one word ("showed") are the fact's
    said = ("The right shoulder ultrasound from May 2016 showed a partial tear of the "
            "supraspinatus tendon, which is the structural finding his whole argument leans "
            "upon.")
    assert any("F21" in m for m in uncited(said)), uncited(said)
    # a month the fact is not dated in is no anchor (since paraphrase round 12 the sentence is
    # still an uncited patient-specific claim: a test dated in a month no record gives)
    other = uncited(said.replace("May 2016", "March 2016"))
    assert not any("F21" in m for m in other), other
    assert other == ["patient-specific claim without a citation"]


def test_a_sentence_saying_another_settings_rule_governs():
    _, case = _draft()  # California workers' compensation
    lcd = next(e for e in EXCERPTS.values() if [str(s) for s in e.settings] == ["medicare"])
    compares = "Medicare's coverage determination, which many payers mirror, asks the same."
    governs = "This request is governed by the Medicare coverage determination."
    assert not out_of_scope(compares, lcd, case)
    assert "medicare" in out_of_scope(governs, lcd, case)


@pytest.mark.parametrize(("said", "wrong"), [
    ("The guideline asks for a pill count at least twice a month.", False),
    ("The guideline asks for a pill count at least twice a year.", True),
    ("The guideline asks for a urine test at least once a quarter.", False),
])
def test_a_frequency_bound_beside_a_guideline(said, wrong):
    from evals.checks.consistency import _frequency_problems

    excerpt = "Pill counts should be done at least twice a month during the first year."
    assert bool(_frequency_problems(said, excerpt)) is wrong


def test_an_effect_said_to_be_missing_is_not_the_thing():
    from evals.checks.absences import _contradicted

    fact = "Duloxetine 60 mg daily was started in March."
    effect = "Nothing in the record suggests any duloxetine allowed her to sleep at night."
    thing = "Nothing in the record suggests any duloxetine."
    assert not any(_contradicted(c, "F4", fact)
                   for _, found in absence_clauses(effect) for c in found)
    assert any(_contradicted(c, "F4", fact)
               for _, found in absence_clauses(thing) for c in found)


def test_a_decision_month_given_to_the_cited_event():
    # F18 is dated May 2016; September 2016 is the month of the case's request and denial
    assert not consistency("The May 2016 block gave 72 percent relief [F18].")
    found = consistency("The September 2016 block gave 72 percent relief [F18].")
    assert any("dated 2016-09" in m for m in found), found
    # a decision month naming what the fact does not (the denial) is the case file's
    assert not consistency("After the September 2016 denial, the block's 72 percent relief "
                           "was the question [F18].")


def test_a_canadian_combination_brand():
    found = unsupported(lexicon(), "He was given Tramacet for the shoulder [F1].",
                        [("F1", "He was given Tylenol #3 for the shoulder.")])
    assert found and "tramadol" in found[0]


@pytest.mark.parametrize("name", ["absence_cues.yaml", "polarity.yaml", "lexicon.yaml"])
def test_lexicon_words_are_words(name):
    """A bare YAML no, on, yes or off is a boolean, not the word: every entry must be text."""
    from pathlib import Path

    import yaml

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "evals" / "data" / name)
                          .read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{where}/{key}")
        elif isinstance(value, list):
            found.extend(where for item in value if isinstance(item, bool))
            for item in value:
                walk(item, where)
    walk(data, "")
    assert not found, found


@pytest.mark.parametrize(("sentence", "fact", "contradicted"), [
    ("The number of injections she received is not documented anywhere.",
     "She received three lumbar epidural injections in 2019.", True),
    ("The record does not state how many visits she attended.",
     "She attended 14 chiropractic visits.", True),
    ("The number of injections she received is not documented anywhere.",
     "She received lumbar epidural injections in 2019.", False),
])
def test_a_count_said_to_be_missing(sentence, fact, contradicted):
    from evals.checks.absences import _contradicted

    claims = [c for _, found in absence_clauses(sentence) for c in found]
    assert any(_contradicted(c, "F5", fact) for c in claims) is contradicted, claims


@pytest.mark.parametrize(("sentence", "fact", "contradicted"), [
    ("No referral from the primary care physician is on file.",
     "The physician referred her to pain management in May.", True),
    ("No referral from the primary care physician is on file.",
     "She self-referred to the pain clinic in May.", False),
    ("There is no prescription from the treating neurologist in the file.",
     "The neurologist prescribed pregabalin 75 mg twice daily.", True),
])
def test_a_providers_act_said_to_be_missing(sentence, fact, contradicted):
    from evals.checks.absences import _contradicted

    claims = [c for _, found in absence_clauses(sentence) for c in found]
    assert any(_contradicted(c, "F6", fact) for c in claims) is contradicted, claims
