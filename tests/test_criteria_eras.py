"""#25 class 6, the governing standard of the setting *and era*: Texas workers' compensation care
given before ODG was adopted by rule (28 TAC §137.100, services from 2007-05-01) is judged on
the Labor Code's entitlement to health care reasonably required (§408.021), not on ODG or its
MTUS stand-in; the stand-in's criteria are shown as supporting only. #25 class 3: a summary that
states a poor response ('no_relief') answers the question; it is not silence.
New synthetic case text; nothing from a benchmark set."""

from __future__ import annotations

from drafting.case import Case, Fact
from drafting.case.vocab import Outcome
from drafting.criteria import effects
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion

TEXAS = "Texas (workers' compensation; hearing on the carrier's denial)"
SOURCE = {"document": "D1", "page": 2}
PAIN = "She still reports aching low back pain after lifting, worse at the end of a shift."
ENDED = "The examining doctor found the strain a self-limited injury that has since resolved."


def _texas(day: str, facts: list[dict], item: dict, setting: str = "other_workers_comp") -> Case:
    """A Texas case whose dates, documents and facts all fall around ``day`` (a year)."""
    year = int(day[:4])

    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=TEXAS, facts=facts, disputed_items=[item])
        data["dates"] = {"injury": f"{year - 1}-03-10", "request": day,
                         "denial": f"{year}-06-01", "review": f"{year}-08-01"}
        data["documents"] = [
            {"id": "D1", "type": "office_note", "date": day, "title": "Treating doctor's notes",
             "author": "treating physician", "pages": 4},
            {"id": "D2", "type": "pt_note", "date": day, "title": "Clinic therapy notes",
             "author": "physical therapist", "pages": 9, "included": False}]
    return mutated("wc-opioids-appeal", change)


def _facet_request(day: str, *statements: str) -> Case:
    facts = [{"id": f"F{i}", "category": "history", "date": day, "statement": s,
              "source": SOURCE} for i, s in enumerate(statements, 1)]
    item = {"id": "I1", "service": "Diagnostic lumbar facet joint injections", "procedure": "mbb",
            "date_of_service": day, "status": "requested", "facts": [f["id"] for f in facts]}
    return _texas(day, facts, item)


def test_before_odg_a_texas_item_is_judged_on_the_labor_code_and_continuing_pain_decides():
    result = result_of(_facet_request("2004-05-03", PAIN), "I1")
    assert result.criteria_set == "tx-reasonably-required"
    assert result.outcome is Outcome.necessary
    assert result.deciding == ["tx_rr.continuing_effects", "tx_rr.injury_not_ended"]
    assert criterion(result, "tx_rr.continuing_effects").supporting_facts == ["F1"]
    assert "§408.021" in (result.judged_on or "") and "ODG" not in (result.judged_on or "")
    later = [c for c in result.criteria if c.criterion_id.startswith("mbb.")]
    assert later and not any(c.required for c in later)  # the stand-in only supports
    assert all(any("supporting only" in n for n in c.notes) for c in later)


def test_the_same_request_after_odg_is_judged_on_the_stand_in_and_fails_on_its_silence():
    result = result_of(_facet_request("2009-05-04", PAIN), "I1")
    assert result.criteria_set == "mbb-diagnostic"
    assert result.outcome is Outcome.not_necessary
    assert "mbb.conservative_care" in result.deciding
    assert "28 TAC §137.100" in (result.judged_on or "")


def test_before_odg_a_record_saying_the_injury_resolved_decides_against_the_care():
    result = result_of(_facet_request("2004-05-03", PAIN, ENDED), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["tx_rr.injury_not_ended"]
    ended = criterion(result, "tx_rr.injury_not_ended")
    assert ended.status is Status.not_met and ended.contradicting_facts == ["F2"]


def test_before_odg_a_record_silent_on_any_continuing_effect_is_not_established():
    result = result_of(_facet_request("2004-05-03", "She was hurt lifting a crate at work."), "I1")
    assert result.outcome is Outcome.insufficient_documentation
    assert result.deciding == ["tx_rr.continuing_effects"]


def test_a_texas_commercial_plan_of_the_same_year_is_not_judged_on_the_labor_code():
    case = _facet_request("2004-05-03", PAIN).model_copy(update={"setting": "commercial"})
    assert result_of(case, "I1").criteria_set != "tx-reasonably-required"


def _more_therapy(response: dict) -> Case:
    day = "2003-02-10"
    facts = [
        {"id": "F1", "category": "conservative_care", "date": "2002-10-01",
         "end_date": "2003-01-31", "statement": "The clinic gave passive modalities and "
         "exercises for the shoulder three times a week.", "tags": ["physical_therapy"],
         "source": SOURCE},
        {"id": "F2", "category": "history", "date": day,
         "statement": "He continues to have shoulder pain reaching overhead.", "source": SOURCE},
        {"id": "F3", "category": "response", "date": day, "source": SOURCE, **response}]
    item = {"id": "I1", "service": "Further physical therapy for the shoulder",
            "procedure": "other", "date_of_service": day, "status": "requested",
            "request_type": "continuation", "facts": ["F1", "F2", "F3"]}
    return _texas(day, facts, item)


def test_before_odg_more_of_a_therapy_that_did_not_help_is_not_reasonably_required():
    result = result_of(_more_therapy({
        "statement": "Per the clinic's summary, his shoulder did not get better with the visits.",
        "tags": ["no_relief"], "references": ["D2"]}), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["tx_rr.care_relieves"]
    assert criterion(result, "tx_rr.care_relieves").contradicting_facts == ["F3"]


def test_before_odg_more_of_a_therapy_that_helped_is_reasonably_required():
    result = result_of(_more_therapy({
        "statement": "He can now lift his arm to shoulder height; function improved with the "
        "visits.", "tags": ["functional_improvement"]}), "I1")
    assert result.outcome is Outcome.necessary
    assert criterion(result, "tx_rr.care_relieves").status is Status.met


def test_a_summary_tagged_no_relief_answers_a_gain_question_where_its_silence_would_not():
    """Outside any era (California, 2003 services judged on the MTUS PT set): the same summary
    of a missing clinic record is a submission gap when it says nothing and 'not met' when it is
    tagged as bringing no relief."""
    def judged(tags: list[str]) -> Status:
        case = _more_therapy({"statement": "Per the clinic's summary, the visits were completed.",
                              "tags": tags, "references": ["D2"]})
        case = case.model_copy(update={"setting": "ca_workers_comp"})
        return criterion(result_of(case, "I1"), "pt.functional_improvement").status
    assert judged([]) is Status.undocumented
    assert judged(["no_relief"]) is Status.not_met


def _fact(statement: str) -> Fact:
    return Fact.model_validate({"id": "F1", "category": "history", "date": "2004-01-05",
                                "statement": statement, "source": SOURCE})


def test_continuing_effects_and_an_ended_injury_read_in_words_not_their_denials():
    assert effects.continuing(_fact("Treated for ongoing neck pain since the fall.")) is True
    assert effects.continuing(_fact("The knee condition did not improve.")) is True
    assert effects.continuing(_fact("Post-operative therapy will aid her recovery.")) is True
    assert effects.continuing(_fact("She had no pain at the last visit.")) is None
    assert effects.continuing(_fact(ENDED)) is False
    assert effects.ended(_fact("The injury was a temporary strain of the low back.")) is True
    assert effects.ended(_fact("The injection gave temporary relief of the injury pain.")) is None
    assert effects.ended(_fact("The injury led to temporary total disability.")) is None
    assert effects.ended(_fact("The sprain has not resolved.")) is None


def test_before_odg_a_summary_tagged_failed_care_shows_the_effects_continued():
    """A tag that records the finding answers without words ('extensive treatment brought only
    short-lived benefit', tagged as failed conservative care, from a record not supplied)."""
    facts = [{"id": "F1", "category": "conservative_care", "date": "2003-01-15",
              "statement": "Per the referral letter, two years of therapy, medication and "
              "injections brought only short-lived benefit.",
              "tags": ["conservative_care_failed"], "references": ["D2"], "source": SOURCE}]
    item = {"id": "I1", "service": "Spinal cord stimulator trial", "procedure": "scs_trial",
            "date_of_service": "2003-02-03", "status": "requested", "facts": ["F1"]}
    result = result_of(_texas("2003-02-03", facts, item), "I1")
    assert criterion(result, "tx_rr.continuing_effects").status is Status.met
    assert result.outcome is Outcome.necessary

