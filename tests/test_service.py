"""The drafting service as every front end uses it: one object from Settings that drafts into the
store, reviews, exports and evaluates, with every default decided in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.case import DraftRequestError
from drafting.case.vocab import DocumentType, Perspective
from drafting.service import DraftingService, DraftRequest, LoadedCase
from drafting.settings import Settings
from drafting.stages import PIPELINE
from tests.conftest import EXAMPLES

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"


@pytest.fixture
def service(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, store_url=str(tmp_path / "drafts.sqlite"))
    with DraftingService(settings) as opened:
        yield opened


def request(service: DraftingService, **changes: object) -> DraftRequest:
    fields: dict = {"actor": "Dr. Reyes", "retrieval": False, **changes}
    return DraftRequest(service.load_case(CASE), **fields)


def test_a_draft_is_stored_section_by_section_with_every_stage_recorded(service):
    draft_id, draft = service.drafting.draft(request(service))
    stored = service.store.load_draft(draft_id)
    assert [s.key for s in stored.sections] == [s.key for s in draft.sections]
    assert service.store.summary(draft_id).status == "complete"
    stages = [s.stage for s in stored.provenance.stages]
    assert stages == [s for s in PIPELINE if s != "export"]
    assert service.store.draft_options(draft_id) == {"retrieval": False}
    assert service.store.stored_case(draft_id).content == CASE.read_text(encoding="utf-8")


def test_a_stopped_draft_keeps_its_sections_and_is_marked_incomplete(service):
    drafted: list[str] = []

    def progress(key: str, event: str) -> None:
        if event == "ok":
            drafted.append(key)
            if len(drafted) == 3:
                raise KeyboardInterrupt

    begun: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        service.drafting.draft(request(service), progress=progress,
                               on_begun=lambda draft_id, sections: begun.append(draft_id),
                               interrupted_because="test stop")
    summary = service.store.summary(begun[0])
    assert summary.status == "incomplete"
    assert summary.sections >= 3  # every section stored before the stop is kept
    assert any(e.detail.get("reason") == "test stop" for e in service.store.audit(begun[0]))


def test_defaults_are_decided_once(service):
    assert service.drafting.retrieval(None) is service.defaults.retrieval is True
    assert service.drafting.retrieval(None, bulk=True) is service.defaults.bulk_retrieval is False
    assert service.drafting.retrieval(False) is False and service.drafting.retrieval(True) is True


def test_a_perspective_the_document_type_forbids_is_refused_before_anything_is_stored(service):
    with pytest.raises(DraftRequestError, match="not written from the plaintiff perspective"):
        service.drafting.draft(request(service, document_type=DocumentType.review_determination,
                                       perspective=Perspective.plaintiff))
    assert service.store.list_drafts() == []


def test_regeneration_searches_exactly_as_the_draft_was_made(service):
    draft_id, draft = service.drafting.draft(request(service))
    done = service.review.regenerate(draft_id, [draft.sections[0].key], "Dr. Kim", "redo")
    assert [(r.key, r.version, r.previous_version) for r in done] == [
        (draft.sections[0].key, 2, 1)]
    assert service.sources._index is None  # made without retrieval: the index is never opened


def test_an_edit_is_checked_against_the_case_and_voids_a_sign_off(service):
    draft_id, draft = service.drafting.draft(request(service))
    section = draft.sections[0]
    other = next(f for f in service.review.case(draft_id).facts if f.id not in section.fact_ids)
    service.review.sign_off(draft_id, "Dr. Reyes")
    edited = service.review.edit(draft_id, section.key, section.text + f" See [{other.id}]. "
                                 "And [F999].", "Dr. Reyes", "add a record")
    assert edited.version == 2
    assert [c.problem for c in edited.invalid_citations] == [
        f"{other.id} was not given to this section", "F999 is not a fact in this case"]
    assert service.store.summary(draft_id).signed_off_by is None
    with pytest.raises(ValueError, match="empty"):
        service.review.edit(draft_id, section.key, "   ", "Dr. Reyes", "blank")


def test_an_override_names_the_sections_to_regenerate_and_shows_in_the_export(service, tmp_path):
    draft_id, _ = service.drafting.draft(request(service))
    record, keys = service.review.override(draft_id, "I2", None, "necessary",
                                           "the cream was a single agent", "Dr. Reyes")
    assert record.value == "necessary" and "analysis-I2" in keys
    exported, written = service.exports.stored(draft_id, tmp_path / "out", "md,json", "QA")
    assert [r.outcome.value for r in exported.criteria if r.item_id == "I2"] == ["necessary"]
    assert set(written) == {"md", "json"} and all(p.is_file() for p in written.values())
    assert {e.detail["format"] for e in service.store.audit(draft_id)
            if e.action == "exported"} == {"md", "json"}


def test_stored_drafts_are_evaluated_as_reviewed_and_unknown_ids_are_problems(service):
    draft_id, _ = service.drafting.draft(request(service))
    report = service.evaluation.stored([draft_id, "nosuchdraft"], embeddings=False)
    assert len(report.runs) == 1
    assert report.problems and "nosuchdraft" in report.problems[0]


def test_a_case_read_from_bytes_is_the_case_loaded_from_its_file(service):
    data = CASE.read_bytes()
    from_bytes = service.read_case(data, CASE.name)
    assert from_bytes.case == service.load_case(CASE).case
    assert from_bytes.case_hash == LoadedCase.of(from_bytes.case, data.decode(), "x").case_hash
