"""More of a course of chiropractic care or physical therapy in workers' compensation outside
California (#25 classes 2 and 4): judged on the MTUS sets as a stand-in for the state's
reasonable-and-necessary standard, it is decided on the benefit the treating side reports
(relief or a functional gain, in words or measures); relief said to be temporary, or no
gain, fails it, and silence leaves it not established. The MTUS visit counts decide there
only when the record counts visits beyond them; in California the MTUS decides as written."""

from __future__ import annotations

from drafting.case.vocab import Outcome, RequestType
from drafting.criteria import prose
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of, status
from tests.test_criteria_opioid_benefit_reported import PENNSYLVANIA, _fact

DAY = "2016-09-15"  # within the 2009 MTUS (in force to 2017-11-30)


def _more(service: str, tag: str, response: str | None, setting: str = "other_workers_comp",
          jurisdiction: str = PENNSYLVANIA, given: str = "Care given over the past months."):
    """More of a course already given, added to a bundled case moved to ``setting``."""

    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=jurisdiction)
        for f in data["facts"]:  # the base case's own course is not the care continued here
            f["tags"] = [t for t in f.get("tags", []) if t != "physical_therapy"]
        extra = [{"category": "conservative_care", "tags": [tag], "statement": given}]
        if response is not None:
            extra.append({"category": "response", "statement": response})
        ids = []
        for i, fact in enumerate(extra):
            ids.append(f"F9{i}")
            data["facts"].append({"id": ids[-1], "source": {"document": "D6", "page": 1},
                                  "date": "2016-08-03", **fact})
        data["disputed_items"].append({
            "id": "I9", "service": service, "procedure": "other", "date_of_service": DAY,
            "status": "requested", "facts": ids, "details": {"quantity": 6}})

    return result_of(mutated("wc-lumbar-esi-defense", change), "I9")


CHIRO = "Chiropractic treatment, six more visits"
PT = "Physiotherapy with traction, six more sessions"


def test_outside_california_more_chiropractic_care_said_to_help_is_necessary():
    result = _more(CHIRO, "chiropractic", "He says the chiropractic care helps his back pain "
                   "and he wants to keep seeing the chiropractor.")
    assert result.request_type is RequestType.continuation
    assert result.outcome is Outcome.necessary
    assert status(result, "chiro.benefit_reported") is Status.met
    assert "chiro.benefit_reported" in result.deciding


def test_outside_california_chiropractic_relief_said_to_be_temporary_is_not_necessary():
    result = _more(CHIRO, "chiropractic", "The chiropractic adjustments gave only temporary "
                   "relief.")
    assert result.outcome is Outcome.not_necessary
    assert status(result, "chiro.benefit_reported") is Status.not_met


def test_outside_california_more_chiropractic_care_with_nothing_on_its_effect_is_not_shown():
    result = _more(CHIRO, "chiropractic", None)
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["chiro.benefit_reported"]


def test_outside_california_more_therapy_said_to_relieve_the_pain_is_necessary():
    result = _more(PT, "physical_therapy", "She reports that physiotherapy with traction is "
                   "relieving her back pain.")
    assert result.outcome is Outcome.necessary
    assert "pt.benefit_reported" in result.deciding


def test_outside_california_a_visit_count_beyond_the_mtus_still_decides():
    result = _more(PT, "physical_therapy", "She reports that physiotherapy with traction is "
                   "relieving her back pain.", given="She attended 30 physical therapy visits.")
    assert result.outcome is Outcome.not_necessary
    assert status(result, "pt.visits_within_course") is Status.not_met


def test_in_california_reported_relief_without_a_functional_gain_does_not_extend_care():
    result = _more(CHIRO, "chiropractic", "He says the chiropractic care helps his back pain.",
                   setting="ca_workers_comp", jurisdiction="California")
    assert result.outcome is Outcome.not_necessary
    assert "chiro.functional_improvement" in result.deciding
    assert all(c.criterion_id != "chiro.benefit_reported" for c in result.criteria)


def test_care_said_to_help_is_read_in_words():
    assert prose.in_words("relief", _fact("He asked to keep seeing his chiropractor because "
                                          "it helped keep everything in line.")) is True
    assert prose.in_words("relief", _fact("It has not helped at all.")) is False
