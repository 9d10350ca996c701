"""What a sentence says a guideline says (#19 wrong_guideline, paraphrase sets 2 and 3 as
development sets): the level and strength of evidence it attributes must be ones the cited
excerpt gives, and what it states a guideline recommends must not be what the excerpt denies.
A sentence denying something of the patient does not contradict a guideline that speaks of
it, and an expectation ("guidance is expected for every ...") states nothing either way."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.grades import grade_problems, levels, strengths
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft(name: str) -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / f"{name}.yaml")
    return asyncio.run(draft_case(case, "guidelines", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def errors(sentence: str, checks: tuple[str, ...] = ("consistency", "polarity")) -> list[str]:
    """The errors of those checks on a sentence added to the case's first item section."""
    draft, case = _draft("wc-lumbar-esi-defense")
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, case, EXCERPTS).errors
            if f.check in checks and f.text.strip() == sentence]


@pytest.mark.parametrize(("sentence", "wrong"), [
    # asipp-2021-adhesiolysis: "Level II with a moderate to strong recommendation"
    ("ASIPP grades adhesiolysis Level II with a moderate to strong recommendation "
     "[G:asipp-2021-adhesiolysis].", None),
    ("ASIPP grades adhesiolysis Level I with a moderate to strong recommendation "
     "[G:asipp-2021-adhesiolysis].", "evidence level(s) 1 not in the cited excerpt (it gives 2)"),
    ("ASIPP backs adhesiolysis with strong evidence [G:asipp-2021-adhesiolysis].", None),
    ("ASIPP backs adhesiolysis with weak evidence [G:asipp-2021-adhesiolysis].",
     "evidence or recommendation called weak, which the cited excerpt does not say (it says "
     "moderate, strong)"),
])
def test_a_grade_of_evidence_is_the_excerpts(sentence, wrong):
    assert errors(sentence) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("sentence", "wrong"), [
    # mtus-cp-nmes: "Neuromuscular electrical stimulation is not recommended for chronic pain"
    ("MTUS recommends neuromuscular electrical stimulation for chronic pain [G:mtus-cp-nmes].",
     "says mtus recommends; the cited G:mtus-cp-nmes says not recommended"),
    ("MTUS does not recommend neuromuscular electrical stimulation for chronic pain "
     "[G:mtus-cp-nmes].", None),
    # what the sentence denies of the patient is no reading of the guideline
    ("He has had no neuromuscular electrical stimulation, which MTUS discusses "
     "[G:mtus-cp-nmes].", None),
    # an expectation, and a sentence whose "neither ... nor" reaches it is unsure
    ("Fluoroscopic guidance is expected for every facet procedure, and ultrasound guidance is "
     "not covered [G:lcd-facet-image-guidance].", None),
    ("MTUS recommends neither electrical stimulation alone nor any other passive modality "
     "[G:mtus-cp-nmes].", None),
])
def test_what_a_guideline_denies_is_not_stated_as_recommended(sentence, wrong):
    assert errors(sentence) == ([wrong] if wrong else [])


def test_grades_as_read():
    assert levels("Level III to II, and Level IV") == {2, 3, 4}
    assert levels("levels 1 and 2") == {1, 2}
    assert strengths("a moderate to strong recommendation; the evidence was weak") == \
        {"moderate", "strong", "weak"}
    assert strengths("a strong reason to act") == frozenset()  # said of no evidence
    # an excerpt that grades nothing leaves a sentence's grades alone
    assert grade_problems("Level I evidence, strongly supported", "Fluoroscopy is required.") == []
