"""The eval harness: clean offline drafts pass every check; each kind of injected error is caught
by the check meant for it, in the section it was made in; suites gate with a non-zero exit."""

from __future__ import annotations

import asyncio
import random

import pytest

from drafting.backends.registry import create
from drafting.case import case_file_hash, load_case
from drafting.draft import Draft
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.stages import draft_case
from evals import claims
from evals.context import EvalContext
from evals.detection import measure
from evals.harness import evaluate_draft
from evals.mutations import MUTATIONS, unsupported_claims
from evals.suite import load_suite
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES, ROOT

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
CASE_PATH = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE_PATH)


@pytest.fixture(scope="module")
def draft(case) -> Draft:
    digest = case_file_hash(CASE_PATH.read_bytes())
    return asyncio.run(draft_case(case, digest, create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS))


def _edit(draft: Draft, key: str, old: str, new: str) -> Draft:
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.key == key)
    assert old in section.text, f"{old!r} is not in section {key}"
    section.text = section.text.replace(old, new, 1)
    return changed


def _cited_sentence(draft: Draft, case, marker: str) -> tuple[str, str]:
    """The first sentence citing ``marker`` and its section key."""
    ctx = EvalContext(draft, case, EXCERPTS)
    s = next(s for s in ctx.sentences if marker in s.markers)
    return s.section.key, s.text


# --- clean drafts -------------------------------------------------------------------------


def test_offline_drafts_of_every_example_in_every_type_pass_every_check():
    report = DraftingService(SETTINGS).evaluation.suite(
        load_suite(ROOT / "evals" / "suites" / "examples-offline.yaml"))
    assert len(report.runs) == len(list(EXAMPLES.glob("*.yaml"))) * 5
    findings = [(r.name, f.check, f.message, f.text) for r in report.runs for f in r.findings
                if f.severity == "error"]
    assert findings == []
    # Nothing warns either: the composer quotes a fact in full once and then refers to it
    # briefly (no repeated sentence), and writes no fact id outside a citation marker (#20).
    warnings = [(r.name, f.check, f.message) for r in report.runs for f in r.findings
                if f.severity == "warning"]
    assert warnings == []
    scores = {s.check: s for s in report.scores}
    assert scores["citation_validity"].units > 3000  # every marker was looked at
    assert scores["citation_validity"].score == 1.0
    assert scores["consistency"].failed == 0
    assert report.passed


# --- each error class, by hand ------------------------------------------------------------


def test_a_swapped_side_is_a_consistency_error(case, draft):
    key, text = _cited_sentence(draft, case, "F8")
    assert "Right L5-S1" in text
    report = evaluate_draft(_edit(draft, key, text, text.replace("Right L5", "Left L5", 1)),
                            case, EXCERPTS)
    found = [f for f in report.errors if f.section == key]
    assert [f.check for f in found] == ["consistency"]
    assert "side left" in found[0].message


def test_left_as_a_verb_is_not_a_side():
    assert claims.sides("therapy left persistent back pain") == frozenset()
    assert claims.sides("pain in the left leg") == {"left"}
    assert claims.sides("numbness on the right") == {"right"}


def test_the_right_side_on_the_wrong_body_part_is_caught(case, draft):
    """A source may name both sides; each side must stay with its own anatomy."""
    ctx = EvalContext(draft, case, EXCERPTS)
    source = "Spurling to the left reproduced pain down the left arm; reflex 2+ on the right."
    assert claims.side_pairs(source) == {("left", "arm")}
    assert ("right", "arm") in claims.side_pairs("pain down the right arm") - \
        claims.side_pairs(source)
    assert ctx.sentences  # the context splits the draft


def test_a_shifted_level_is_caught_but_vertebrae_of_a_named_segment_are_not():
    from evals.checks.consistency import _levels_agree

    known = claims.levels("right L5-S1 foraminal herniation compressing the exiting L5 root")
    assert _levels_agree(claims.levels("the L4-L5 level"), known) == {"L4-L5"}
    assert _levels_agree(claims.levels("the L5 root at L5-S1"), known) == set()
    # where the source names no segment, a segment joining two named vertebrae is allowed
    assert _levels_agree(claims.levels("L4-L5"), claims.levels("slip of L4 on L5")) == set()


def test_a_changed_number_and_an_impossible_date_are_caught(case, draft):
    key, text = _cited_sentence(draft, case, "F9")
    assert "60 percent relief" in text and "eight weeks" in text
    for old, new, said in (("60 percent", "80 percent", "number(s) 80 not in the cited source"),
                           ("eight weeks", "twelve weeks", "span(s) 12 weeks not in the cited "
                            "source (it gives 2 weeks, 8 weeks)")):
        report = evaluate_draft(_edit(draft, key, text, text.replace(old, new)), case, EXCERPTS)
        assert [f.message for f in report.errors if f.section == key] == [said]
    assert claims.numbers("seen on 37 May 2023") >= {37.0}
    assert claims.numbers("seen on 10 May 2023") == frozenset()


def test_a_chronology_line_must_carry_its_facts_date(case, draft):
    ctx = EvalContext(draft, case, EXCERPTS)
    line = next(s for s in ctx.sentences if claims.leading_date(s.plain) and s.markers)
    day = claims.leading_date(line.plain)
    # a date the case states (so a plain date check would pass it), but not this fact's
    other = next(d for d in sorted(ctx.key_dates) if d != day)
    moved = line.text.replace(f"{day.day} {day:%B %Y}", f"{other.day} {other:%B %Y}", 1)
    report = evaluate_draft(_edit(draft, line.section.key, line.text, moved), case, EXCERPTS)
    assert any("the line is dated" in f.message for f in report.errors)


def test_a_dropped_citation_leaves_an_uncited_restatement(case, draft):
    key, text = _cited_sentence(draft, case, "F9")
    report = evaluate_draft(_edit(draft, key, text, text.replace(" [F9]", "")), case, EXCERPTS)
    found = [f for f in report.errors if f.section == key]
    assert [(f.check, f.message) for f in found] == [("uncited_claims",
                                                      "restates F9 without citing it")]


def test_a_corrupt_citation_is_invalid(case, draft):
    key, text = _cited_sentence(draft, case, "F9")
    report = evaluate_draft(_edit(draft, key, text, text.replace("[F9]", "[F99]")), case,
                            EXCERPTS)
    assert next(f.check for f in report.errors if f.section == key) == "citation_validity"
    assert "F99" in report.errors[0].message


def test_a_flipped_outcome_contradicts_the_criteria_result(case, draft):
    section = next(s for s in draft.sections if s.item_id == "I1")
    result = next(r for r in draft.criteria if r.item_id == "I1")
    assert result.outcome.value == "necessary"
    flipped = _edit(draft, section.key, "was medically necessary", "was not medically necessary")
    report = evaluate_draft(flipped, case, EXCERPTS)
    assert [f.check for f in report.errors] == ["outcomes"]
    assert "not_necessary" in report.errors[0].message


def test_an_unsupported_claim_citing_a_real_fact_is_caught(case, draft):
    section = next(s for s in draft.sections if s.item_id == "I1")
    # (numbers and spans are the consistency check's; this claim's words are the support's)
    claim = " Knee arthroscopy with partial meniscectomy relieved the pain completely [F2]."
    changed = _edit(draft, section.key, section.text, section.text + claim)
    report = evaluate_draft(changed, case, EXCERPTS)
    # an error (the procedure named is in no fact), and the support check's doubt: no source
    # of the record states it, so it is shown to the reader, not blamed on a wrong citation
    assert "entities" in {f.check for f in report.errors}
    doubt = [f for f in report.findings if f.check == "citation_support"]
    assert [f.severity for f in doubt] == ["warning"]
    assert "no fact or excerpt of the record states" in doubt[0].message


def test_a_claim_cited_to_the_wrong_fact_names_the_fact_that_states_it(case, draft):
    section = next(s for s in draft.sections if s.item_id == "I1")
    # F9 states this relief; F3 is the ibuprofen prescription
    claim = (" The injection gave sixty percent relief of the right leg pain for about eight "
             "weeks [F3].")
    changed = _edit(draft, section.key, section.text, section.text + claim)
    report = evaluate_draft(changed, case, EXCERPTS)
    wrong = [f for f in report.errors if f.check == "citation_support"]
    assert len(wrong) == 1 and "; F9 does" in wrong[0].message


def test_reasoning_drawn_from_a_fact_is_a_warning_not_an_error(case, draft):
    section = next(s for s in draft.sections if s.item_id == "I1")
    claim = (" Such a durable response suggests the inflammatory component is worth "
             "treating again before anything more invasive is weighed [F9].")
    changed = _edit(draft, section.key, section.text, section.text + claim)
    report = evaluate_draft(changed, case, EXCERPTS)
    assert "citation_support" not in {f.check for f in report.errors}
    assert any(f.check == "citation_support" and f.severity == "warning"
               for f in report.findings)


def test_a_guideline_not_in_force_on_the_date_of_service_is_flagged(case, draft):
    ctx = EvalContext(draft, case, EXCERPTS)
    sentence = next(s for s in ctx.sentences if any(m.startswith("G:") for m in s.markers))
    cited = next(m for m in sentence.markers if m.startswith("G:"))
    day = next(i.date_of_service for i in case.disputed_items)
    stale = next(e.id for e in EXCERPTS.values() if not e.in_force_on(day)
                 and set(e.procedures) & set(EXCERPTS[cited[2:]].procedures))
    changed = _edit(draft, sentence.section.key, f"[{cited}]", f"[G:{stale}]")
    # give the section the stale excerpt, so only currency (not validity) can object
    next(s for s in changed.sections if s.key == sentence.section.key).excerpt_ids.append(stale)
    report = evaluate_draft(changed, case, EXCERPTS)
    assert "currency" in {f.check for f in report.errors}


def test_a_missing_section_and_a_missing_conclusion_are_coverage_errors(case, draft):
    changed = draft.model_copy(deep=True)
    dropped = changed.sections.pop(0)
    item = next(s for s in changed.sections if s.item_id == "I2")
    item.text = "The record was reviewed [F1]."
    report = evaluate_draft(changed, case, EXCERPTS)
    messages = [f.message for f in report.errors if f.check == "coverage"]
    assert any(f.section == dropped.key for f in report.errors if f.check == "coverage")
    assert any("no conclusion for I2" in m for m in messages)


# --- the mutation generator -----------------------------------------------------------------


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_every_mutation_changes_the_draft_and_is_caught_in_its_section(case, draft, mutation):
    ctx = EvalContext(draft, case, EXCERPTS)
    rng = random.Random(7)
    caught = tried = 0
    for _ in range(5):
        mutated = mutation.apply(ctx, rng)
        if mutated is None:
            continue
        changed, key = mutated
        assert changed.model_dump() != draft.model_dump()
        assert draft.sections == ctx.draft.sections  # the clean draft is untouched
        tried += 1
        caught += any(f.section == key for f in evaluate_draft(changed, case, EXCERPTS).errors)
    assert tried > 0, f"{mutation.name} found nothing to mutate in this draft"
    assert caught == tried


def test_unsupported_claims_are_data_with_a_fact_slot():
    bank = unsupported_claims()
    assert len(bank) >= 10
    assert all("[{fact}]" in claim for claim in bank)


def test_a_small_mutation_study_meets_its_targets_with_no_false_alarms():
    suite = load_suite(ROOT / "evals" / "suites" / "mutation-study.yaml")
    drafts = []
    for name in ("medicare-lumbar-facet-rfa", "pi-mvc-multi-item"):
        case = load_case(EXAMPLES / f"{name}.yaml")
        drafts.append((asyncio.run(draft_case(case, "x", create("offline", SETTINGS), SETTINGS,
                                              EXCERPTS)), case))
    result = measure(drafts, EXCERPTS, tries=2, seed=11, targets=suite.mutations.min_detection,
                     max_false_alarm_rate=suite.mutations.max_false_alarm_rate)
    assert result.clean_errors == 0
    assert all(c.tried > 0 for c in result.classes)
    assert result.passed, [(c.mutation, c.rate, c.missed) for c in result.classes]


# --- what a real weak model does (seen with SmolLM2 in tests/test_realmodel.py) --------------


def test_markup_json_and_an_echoed_prompt_are_not_prose(case, draft):
    section = draft.sections[1]
    for junk, problem in (
            ('<case_record>{"cases": []}</case_record>', "echoes the prompt's data block"),
            ("<div><script>alert(1)</script></div>", "contains HTML markup"),
            ('{"setting": "CAUSES", "id": 9698999}', "contains JSON data"),
            ("```\nprint()\n```", "contains a code block")):
        changed = _edit(draft, section.key, section.text, f"{section.text}\n\n{junk}")
        report = evaluate_draft(changed, case, EXCERPTS)
        assert f"not prose: {problem}" in [f.message for f in report.errors
                                           if f.check == "prose"], junk


def test_an_invented_date_without_a_citation_is_flagged(case, draft):
    section = next(s for s in draft.sections if s.item_id == "I1")
    changed = _edit(draft, section.key, section.text,
                    section.text + " The review took place on 2023-07-29.")
    report = evaluate_draft(changed, case, EXCERPTS)
    assert any(f.check == "uncited_claims" and "date" in f.message for f in report.errors)


def test_a_section_that_cites_none_of_its_facts_is_flagged(case, draft):
    section = next(s for s in draft.sections if s.item_id == "I1" and len(s.fact_ids) > 2)
    changed = _edit(draft, section.key, section.text,
                    "The patient has pain. Treatment was tried. The request is reasonable. "
                    "Approval is recommended.")
    report = evaluate_draft(changed, case, EXCERPTS)
    assert any(f.check == "uncited_claims" and f.message.startswith("cites nothing in 4")
               for f in report.errors)
