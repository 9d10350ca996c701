"""Drafts a physician can sign (issue #20): every bundled example in every document type it
supports drafts with no sentence said twice, no internal text, every required element present
or listed as missing, and advocacy types that never conclude against their requester; each type
argues as it must (a determination in the setting's words, an appeal only of a denial)."""

from __future__ import annotations

import asyncio
import re
from functools import cache

import pytest

from benchmarks.draft_quality import leaks, repeated_sentences
from drafting.backends.composer.text import date_label, doc_title, gist, humanize_note, patient
from drafting.backends.registry import create
from drafting.case import Case, DraftRequestError, as_document_type, load_case
from drafting.case.vocab import DocumentType
from drafting.draft import Draft
from drafting.elements import check_elements, load_elements, missing_elements
from drafting.export.markdown import to_markdown
from drafting.outline import load_outline, supports
from drafting.service import DraftingService, DraftRequest, LoadedCase
from drafting.settings import Settings
from drafting.stages import StageRunner, draft_case, prepare
from evals.checks.stance import against_requester
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES, example_paths

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
ADVOCACY = {t for t in DocumentType if load_outline(t).stance == "advocacy"}


@cache
def drafted(name: str, kind: DocumentType) -> tuple[Draft, Case]:
    case = as_document_type(load_case(EXAMPLES / f"{name}.yaml"), kind)
    return asyncio.run(draft_case(case, "h", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def _supported() -> list[tuple[str, DocumentType]]:
    pairs = []
    for path in example_paths():
        case = load_case(path)
        pairs += [(path.stem, kind) for kind in DocumentType
                  if supports(as_document_type(case, kind), kind)]
    return pairs


SUPPORTED = _supported()


@pytest.fixture(autouse=True)
def _no_letterhead(monkeypatch, tmp_path):
    monkeypatch.setenv("NECESSITY_LETTERHEAD", str(tmp_path / "none.yaml"))


def test_only_appeals_of_undenied_requests_are_unsupported():
    unsupported = {(p.stem, k) for p in example_paths() for k in DocumentType} - set(SUPPORTED)
    assert unsupported == {(name, DocumentType.appeal_letter) for name in (
        "commercial-lumbar-fusion-dossier", "commercial-scs-dossier", "wc-itp-letter")}


@pytest.mark.parametrize(("name", "kind"), SUPPORTED, ids=[f"{n}:{k.value}" for n, k in SUPPORTED])
def test_every_example_drafts_as_a_physician_could_sign_it(name, kind, tmp_path):
    draft, case = drafted(name, kind)
    sentences, repeated, repeats = repeated_sentences(draft, case)
    assert sentences > 30
    assert repeated == 0, repeats
    assert leaks(draft) == []
    # no fact or document id outside a citation marker, anywhere a physician reads
    text = "\n".join(s.text for s in draft.sections)
    assert not re.search(r"(?<![\[\w:-])[FD]\d+(?![\w\]-])", text)
    assert "unknown" not in text.lower().replace("unknown composition", "")
    # every required element is present, or listed as missing on the information page
    md = to_markdown(draft)
    info = md.split("## Draft information")[1]
    for check in check_elements(draft):
        assert f"{check.element.label}: {'present' if check.present else 'missing.'}" in info
    assert all(line in info for line in missing_elements(draft, case))
    # advocacy never concludes against its requester, nor concedes an objection
    if kind in ADVOCACY:
        assert against_requester(draft) == []
        assert "objection is sound" not in text and "supports the objection" not in text


def test_a_weak_advocacy_request_says_what_to_add_in_a_note_to_the_physician():
    # The lumbar fusion: the patient still smokes (the engine: not necessary).
    for kind in ADVOCACY:
        draft, _ = drafted("commercial-lumbar-fusion-dossier", kind)
        item = next(s for s in draft.sections if s.item_id == "I1")
        note = next(p for p in item.text.split("\n\n") if p.startswith(
            ("**Before sending.**", "**To add before submitting.**")))
        assert "would likely find the L4-L5 decompression" in note
        assert "nicotine-free" in note and "smoking" in note
        conclusion = [s for s in draft.sections if s.kind in ("conclusion", "checklist")]
        for section in conclusion:
            assert "not medically necessary" not in section.text


def test_advocacy_answers_objections_with_the_record_or_with_what_to_add():
    draft, _ = drafted("wc-lumbar-esi-plaintiff", DocumentType.predenial_dossier)
    denials = next(s for s in draft.sections if s.kind == "objections").text
    esi, cream = denials.split("\n\n")
    assert "The record answers it: MRI shows a right paracentral disc extrusion" in esi
    assert "**To add before submitting.** To answer it," in cream


@pytest.mark.parametrize(("name", "words"), [
    ("wc-consult-topical-imr", ("The Utilization Review determination is overturned",
                                "The Utilization Review determination is upheld")),
    ("medicare-tens-review", ("Unfavorable: the denial is affirmed",)),
    ("medicare-lumbar-facet-rfa", ("Favorable: the denial is reversed",)),
    ("commercial-pns-appeal", ("The denial is overturned",)),
])
def test_a_determination_states_each_outcome_in_the_settings_words(name, words):
    draft, _ = drafted(name, DocumentType.review_determination)
    text = "\n".join(s.text for s in draft.sections)
    for phrase in words:
        assert phrase in text
    items = [s for s in draft.sections if s.item_id]
    assert all("**Decision.**" in s.text for s in items)
    # neutral: no note to the physician, no advocacy
    assert "Before sending" not in text and "we ask" not in text.lower()


def test_an_appeal_needs_a_denial(tmp_path):
    service = DraftingService(SETTINGS)
    path = EXAMPLES / "wc-itp-letter.yaml"
    loaded = LoadedCase.of(load_case(path), path.read_text(encoding="utf-8"), path)
    request = DraftRequest(loaded, actor="test", document_type=DocumentType.appeal_letter)
    with pytest.raises(DraftRequestError, match="draft a pre-denial dossier instead"):
        service.drafting.case_of(request)
    # the same case as a dossier, and a denied case as an appeal, are drafted
    service.drafting.case_of(DraftRequest(loaded, actor="test",
                                          document_type=DocumentType.predenial_dossier))
    denied = EXAMPLES / "wc-opioids-appeal.yaml"
    service.drafting.case_of(DraftRequest(LoadedCase.of(
        load_case(denied), denied.read_text(encoding="utf-8"), denied), actor="test"))


def test_criterion_evidence_is_chosen_by_relevance_and_given_to_the_section():
    # "First-line oral agents were tried": the engine read the cream's prescription (F11); the
    # fact that says no first-line agent was tried (F13) decides it, and the section gets it.
    case = load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")
    ready = prepare(case, EXCERPTS, StageRunner())
    context = next(s for s in ready.sections if s.planned.key == "analysis-I2").prompt.context
    evidence = context["evidence"]["I2"]["topical_compound.first_line_tried"]
    assert evidence[0] == "F13"
    assert "F13" in {f["id"] for f in context["facts"]}
    draft, _ = drafted("wc-lumbar-esi-plaintiff", DocumentType.litigation_opinion)
    analysis = next(s for s in draft.sections if s.key == "analysis-I2").text
    first_line = next(p for p in analysis.split("\n\n") if p.startswith("**First-line"))
    assert "[F13]" in first_line


def test_a_fact_is_quoted_in_full_once_then_briefly():
    draft, case = drafted("wc-lumbar-esi-plaintiff", DocumentType.litigation_opinion)
    statement = case.fact("F10").statement.rstrip(".")
    full = [s.key for s in draft.sections if statement in s.text]
    assert full == ["chronology"]
    assert sum(gist(statement) in s.text for s in draft.sections) >= 2


def test_unknown_values_are_said_in_words():
    assert patient({"patient": {"age": 52, "sex": "unknown"}}) == "a 52-year-old patient"
    assert patient({"patient": {"age": 52, "sex": "other"}}) == "a 52-year-old patient"
    assert patient({"patient": {"age": 44, "sex": "male"}}) == "a 44-year-old man"
    assert date_label("about 2009-12-01 (undated in the decision; after the November 2009 "
                      "note)") == "Date not stated in the record"
    assert date_label("2016-04-12") == "12 April 2016"
    assert date_label("August 2011") == "August 2011"
    assert date_label("about 2019-07-20 (3 months before request)") == \
        "About 20 July 2019 (3 months before request)"


def test_engine_notes_lose_their_ids():
    assert humanize_note("F1 and F2 do not record the value the criterion needs") == \
        "the records do not give the value the criterion needs"
    assert humanize_note("F3: relief 60% from the statement") == "relief 60% from the statement"
    assert humanize_note("met on secondhand evidence: the record describes MRI lumbar spine "
                         "(D4), which the packet does not include") == (
        "met on secondhand evidence: the record describes MRI lumbar spine, which the packet "
        "does not include")


def test_every_document_type_lists_its_required_elements():
    elements = load_elements()
    assert set(elements) == {t.value for t in DocumentType}
    for kind, listed in elements.items():
        assert len({e.id for e in listed}) == len(listed), kind
    imr = {e.id for e in elements["review_determination"]}
    assert {"patient_age_sex", "injury_date", "items", "records", "guideline_page",
            "qualifications"} <= imr
    dossier = {e.id for e in elements["predenial_dossier"]}
    assert {"request", "criteria", "checklist", "gaps", "preemptions"} <= dossier


def test_missing_elements_are_listed_never_filled():
    # No guideline page in the bundled corpus is confirmed: an IMR lists it as missing; an
    # unsigned draft lists the reviewer's qualifications (filled at sign-off).
    draft, case = drafted("wc-consult-topical-imr", DocumentType.review_determination)
    missing = missing_elements(draft, case)
    assert any(line.startswith("Guideline and page relied on: missing.") for line in missing)
    assert any(line.startswith("Reviewer's qualifications: missing.") for line in missing)
    signed = draft.model_copy(update={"signed_off_by": "Dr. A. Reyes",
                                      "signer_credentials": "MD, pain medicine"})
    assert not any("qualifications" in line for line in missing_elements(signed, case))


def test_a_dossier_for_a_request_already_denied_lists_that_for_the_physician():
    # The lumbar fusion dossier is drafted before any decision; the topical IMR case's three
    # items were denied by UR on 24 May 2017, so a pre-denial dossier of it is the wrong letter.
    fresh, _ = drafted("commercial-lumbar-fusion-dossier", DocumentType.predenial_dossier)
    denied, _ = drafted("wc-consult-topical-imr", DocumentType.predenial_dossier)
    fresh_check = next(c for c in check_elements(fresh) if c.element.id == "before_denial")
    denied_check = next(c for c in check_elements(denied) if c.element.id == "before_denial")
    assert fresh_check.present
    assert not denied_check.present
    assert "I1 was denied on 24 May 2017 by" in denied_check.detail
    assert "I3 was denied on 24 May 2017" in denied_check.detail
    assert "--type appeal_letter" in denied_check.detail
    # an approved item is not a denial (the SCS trial was pre-authorised)
    approved, _ = drafted("commercial-scs-dossier", DocumentType.predenial_dossier)
    assert next(c for c in check_elements(approved)
                if c.element.id == "before_denial").present
    # only the pre-denial dossier asks this: an appeal answers the denial
    appeal, _ = drafted("wc-consult-topical-imr", DocumentType.appeal_letter)
    assert all(c.element.id != "before_denial" for c in check_elements(appeal))


def test_a_guideline_is_located_by_page_or_in_an_lcd_by_its_numbered_part():
    # LCDs and NCDs are published without pages: the LCD part ("L39240 Covered Indications")
    # locates a provision as a page does; an MTUS provision whose page is not confirmed does not.
    lcd = EXCERPTS["lcd-esi-covered-indications"]
    mtus = next(e for e in EXCERPTS.values() if e.short == "MTUS Chronic Pain")
    assert not lcd.paginated and lcd.located
    assert mtus.paginated and mtus.page is None and not mtus.located
    assert not lcd.model_copy(update={"recommendation": None}).located
    medicare, _ = drafted("medicare-lumbar-esi-appeal", DocumentType.review_determination)
    california, _ = drafted("wc-consult-topical-imr", DocumentType.review_determination)

    def page_check(draft):
        return next(c for c in check_elements(draft) if c.element.id == "guideline_page")

    assert page_check(medicare).present
    assert not page_check(california).present
    assert "(I1, I2, I3)" in page_check(california).detail


def test_a_record_title_is_written_without_an_abbreviation_stop_inside_it():
    # "Sept. 2000" would end a sentence at the stop (the citation check splits there, and the
    # half-sentences read as repeated); a title is written in full.
    assert doc_title("Pharmacy records, Sept. 2000 - April 2001") == \
        "Pharmacy records, September 2000 - April 2001"
    assert doc_title("Dr. Lee's operative report") == "Dr Lee's operative report"
    assert doc_title("MRI lumbar spine (no contrast)") == "MRI lumbar spine (no contrast)"
    assert doc_title("Notes, Mar. 3 to Dec. 2019") == "Notes, March 3 to December 2019"
