"""The pre-sign checklist of the Sign-off page (issue #21), on a real stored draft: eval findings
(a repeated one listed once with its count), placeholders, the reviewer's overrides, failed
sections blocking, and required elements from the installed checker, the draft checked as it
will be signed (the signer's name and credentials on it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.case import Case
from drafting.cli.app import app
from drafting.draft import Draft
from drafting.service import DraftingService, signoff
from drafting.settings import Settings
from tests.conftest import EXAMPLES

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = tmp_path / "drafts.sqlite"
    result = CliRunner().invoke(app, ["draft", str(CASE), "--no-retrieval", "--out",
                                      str(tmp_path / "out"), "--format", "md", "--store-url",
                                      str(store)])
    assert result.exit_code == 0, result.output
    draft_id = result.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    with DraftingService(Settings.load(store_url=str(store))) as opened:
        yield opened, draft_id


def test_the_checklist_groups_what_the_signature_vouches_for(service) -> None:  # type: ignore[no-untyped-def]
    svc, draft_id = service
    svc.review.override(draft_id, "I1", "esi_repeat.prior_relief", "undocumented",
                        "relief is self-reported only", "Dr. Reyes")
    draft, case = svc.review.reviewed(draft_id), svc.review.case(draft_id)
    report = svc.evaluation.draft(draft, case)
    seen: list[tuple[str | None, str | None]] = []

    def required(signed: Draft, _: Case) -> list[str]:
        seen.append((signed.signed_off_by, signed.signer_credentials))
        return [] if signed.signer_credentials else ["Signature: credentials missing"]

    previous = list(signoff._REQUIRED)
    signoff.use_required_elements(required)
    try:
        listed = signoff.checklist(draft, case, report, svc.store.review.overrides(draft_id),
                                   "Dr. Reyes", "MD")
        bare = signoff.checklist(draft, case, report, [], "Dr. Reyes", "")
    finally:
        signoff._REQUIRED[:] = previous
    groups = {g.kind: g for g in listed.groups}
    assert not listed.blocked and groups["failed"].lines == []
    assert len(groups["findings"].lines) == len({(f.severity, f.section, f.check, f.message)
                                                 for f in report.findings}) > 0
    assert any("(×" in line for line in groups["findings"].lines) == (
        len(groups["findings"].lines) < len(report.findings))
    assert any("[Reviewer name]" in line for line in groups["placeholders"].lines)
    assert groups["overrides"].lines == [
        "I1 esi_repeat.prior_relief set to undocumented by Dr. Reyes: relief is self-reported "
        "only"]
    assert seen == [("Dr. Reyes", "MD"), ("Dr. Reyes", None)]  # checked as it will be signed
    assert groups["required"].lines == [] and groups["required"].checked
    assert {g.kind: g.lines for g in bare.groups}["required"] == [
        "Signature: credentials missing"]
    assert {g.kind for g in listed.to_acknowledge()} == {"findings", "placeholders",
                                                         "overrides"}
    failed = draft.model_copy(update={"sections": [
        s.model_copy(update={"status": "failed", "error": "timed out"})
        if s.key == "conclusion" else s for s in draft.sections]})
    blocked = signoff.checklist(failed, case, report, [], "Dr. Reyes", "MD")
    assert blocked.blocked and "timed out" in {g.kind: g for g in blocked.groups}[
        "failed"].lines[0]
