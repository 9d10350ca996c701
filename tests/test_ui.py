"""The physicians' app, driven through Streamlit's AppTest: the real app script, the real draft
store file, the offline backend. The main path (open an example case, draft it, edit one
section, regenerate another, override a criterion with a reason, export DOCX) leaves versions and
audit entries in the store, and an edit is still there when the app starts again."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from drafting.store import DraftStore
from tests.conftest import BAD_CASES, EXAMPLES, ROOT
from ui.chips import FINDING_ICON
from ui.diffview import side_by_side
from ui.identity import SIGNED_IN
from ui.prefs import load_prefs

APP = str(ROOT / "ui" / "app.py")
CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
EDITED = ("The repeat right L5-S1 transforaminal epidural steroid injection was reasonable "
          "because aquatic exercise and chiropractic manipulation had both failed [F5]. The "
          "compounded cream was not. Wording tightened by hand.")
TIMEOUT = 120  # seconds a single script run may take (drafting runs inside one)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data directory and draft store with one user of the app, Dr. Reyes."""
    data = tmp_path / "data"
    monkeypatch.setenv("NECESSITY_DATA_DIR", str(data))
    monkeypatch.setenv("NECESSITY_STORE_URL", str(data / "drafts.sqlite"))
    for name in ("NECESSITY_BACKEND", "NECESSITY_ALLOW_EXTERNAL", "NECESSITY_UI_USER_HEADER"):
        monkeypatch.delenv(name, raising=False)
    with DraftStore.open(data / "drafts.sqlite") as store:
        store.users.add("reyes", "Dr. Reyes", credentials="MD", password="correct horse")
    return data


def start(user: str | None = "reyes") -> AppTest:
    """The app in a new browser session, signed in as ``user`` (as the sign-in form does)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user is not None:
        at.session_state[SIGNED_IN] = user
    at.run()
    assert not at.exception, at.exception
    return at


def edit(at: AppTest, draft_id: str, key: str, text: str, reason: str, *, base: int = 1,
         confirm_void: bool = False) -> AppTest:
    """Open the section's edit box, type ``text`` and ``reason``, and save."""
    toggle = at.toggle(key=f"editing-{draft_id}-{key}")
    if not toggle.value:
        toggle.set_value(True).run()
    tag = f"{draft_id}-{key}-b{base}"
    at.text_area(key=f"edit_text-{tag}").input(text)
    at.text_input(key=f"edit_reason-{tag}").input(reason)
    if confirm_void:
        at.checkbox(key=f"void-ok-edit-{tag}").check().run()
    at.button(key=f"edit_save-{tag}").click().run()
    assert not at.exception, at.exception
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, at.exception
    return at


def no_errors(at: AppTest) -> None:
    """No exception and no error message (eval findings, flagged with their icon, aside)."""
    assert not at.exception, at.exception
    errors = [e.value for e in at.error if e.icon != FINDING_ICON]
    assert not errors, errors


def findings(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.error, *at.warning) if e.icon == FINDING_ICON)


def messages(elements) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(e.value) for e in elements)


def draft_example(at: AppTest) -> str:
    at.selectbox(key="example_case").select(CASE)
    at.button(key="open_example").click().run()
    no_errors(at)
    assert "wc-lumbar-esi-plaintiff.yaml is valid" in messages(at.success)
    assert not at.checkbox(key="draft_retrieval").value  # no index in a fresh data dir
    at.button(key="draft_case").click().run()
    no_errors(at)
    assert "Drafted wc-lumbar-esi-plaintiff as draft" in messages(at.success)
    draft_id = at.sidebar.selectbox(key="draft_pick").value
    assert draft_id and at.query_params["draft"] == draft_id
    return str(draft_id)


def test_main_path_edit_regenerate_override_export_and_restart(data_dir: Path) -> None:
    at = start()
    draft_id = draft_example(at)

    go(at, "editor")
    no_errors(at)
    body = messages(at.html)
    assert 'data-section="conclusion"' in body and 'data-marker="F5"' in body
    assert "MRI shows a right paracentral disc extrusion" in body  # a fact chip's statement
    assert "D3), 2016-04-12, p. 1" in body  # ... with its document, date and page
    assert "nec-excerpt" in body and "MTUS Chronic Pain (2009)" in body  # an excerpt chip

    # edit a section: a reason is required, then it is saved as version 2 by the reviewer
    edit(at, draft_id, "conclusion", EDITED, "")
    assert "A reason is required" in messages(at.error)
    edit(at, draft_id, "conclusion", EDITED, "narrow the request")
    no_errors(at)
    assert at.toggle(key=f"editing-{draft_id}-conclusion").value  # the same form stays open
    assert "Conclusion: saved as version 2 by Dr. Reyes" in messages(at.success)
    assert "Wording tightened by hand." in messages(at.html)
    # the eval harness flags the edited sentence whose citation does not carry it, inline
    assert "citation_support** at [sentence 1](#s-conclusion-0)" in findings(at)
    assert '<span id="s-conclusion-0" class="nec-sent nec-error">' in messages(at.html)

    # regenerate another section with the offline backend: a proposal, accepted as a version
    at.text_input(key=f"regen_reason-{draft_id}-analysis-I2").input("redraft after review")
    at.button(key=f"regen-{draft_id}-analysis-I2").click().run()
    no_errors(at)
    assert "Proposed by offline" in messages(at.info)
    at.button(key=f"accept-{draft_id}-analysis-I2").click().run()
    no_errors(at)
    assert "the proposal is version 2; version 1 by offline is kept" in messages(at.success)

    # override a criterion: refused without a reason, recorded with one
    go(at, "criteria")
    assert "Request type: repeat (the service says 'Repeat')" in messages(at.caption)
    at.selectbox(key="ov_item").select("I1").run()
    at.selectbox(key="ov_target").select("esi_repeat.prior_relief").run()
    at.selectbox(key="ov_value").select("undocumented")
    at.button(key="ov_submit").click().run()
    assert "The reason is required" in messages(at.error)
    at.text_area(key="ov_reason").input("relief is self-reported only")
    at.button(key="ov_submit").click().run()
    no_errors(at)
    assert "I1 criterion esi_repeat.prior_relief overridden to undocumented by Dr. Reyes" in \
        messages(at.success)
    assert "reviewer override; engine: met" in "\n".join(e.label for e in at.expander)
    assert "Sections resting on I1: " in messages(at.info)

    # export DOCX, with the unresolved-findings check shown first
    go(at, "export")
    assert "unresolved eval error(s)" in messages(at.warning)
    assert "Conclusion**, sentence 1 · citation_support" in messages(at.warning)
    at.multiselect(key="export_formats").set_value(["docx"])
    at.button(key="export_go").click().run()
    no_errors(at)
    docx = data_dir / "exports" / draft_id / "wc-lumbar-esi-plaintiff.docx"
    assert docx.read_bytes()[:2] == b"PK"
    assert [b.label for b in at.get("download_button")] == ["Download Word (DOCX)"]

    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        versions = {(h.key, h.version): h for h in store.history(draft_id)}
        audit = store.audit(draft_id)
        overrides = store.review.overrides(draft_id)
        assert store.section_text(draft_id, "conclusion", 1) != EDITED  # version 1 is kept
        assert store.section_text(draft_id, "conclusion") == EDITED
    assert versions[("conclusion", 2)].author == "Dr. Reyes"
    assert versions[("conclusion", 2)].reason == "narrow the request"
    assert versions[("analysis-I2", 2)].author == "offline"
    assert versions[("analysis-I2", 2)].reason == "redraft after review"
    assert len([k for k, v in versions if k == "chronology"]) == 1  # untouched sections stay v1
    assert [(o.item_id, o.criterion_id, o.value, o.reason, o.author) for o in overrides] == [
        ("I1", "esi_repeat.prior_relief", "undocumented", "relief is self-reported only",
         "Dr. Reyes")]
    # every action names the session's user: the principal user:reyes, the name Dr. Reyes
    by_action = {(e.action, e.actor, e.stated_author): e.detail for e in audit}
    assert by_action[("section_edited", "user:reyes", "Dr. Reyes")]["key"] == "conclusion"
    assert by_action[("section_regenerated", "user:reyes", "Dr. Reyes")]["key"] == "analysis-I2"
    assert by_action[("criterion_overridden", "user:reyes", "Dr. Reyes")]["engine_value"] == \
        "met"
    assert by_action[("exported", "user:reyes", "Dr. Reyes")]["format"] == "docx"
    assert by_action[("draft_created", "user:reyes", "Dr. Reyes")]["case_id"] == \
        "wc-lumbar-esi-plaintiff"

    # the app starts again on the same data directory: the edit and the history are there
    again = start()
    assert again.sidebar.selectbox(key="draft_pick").value == draft_id
    go(again, "editor")
    no_errors(again)
    assert "Wording tightened by hand." in messages(again.html)
    assert any("version 2 by Dr. Reyes (narrow the request)" in c.value for c in again.caption)
    go(again, "history")
    no_errors(again)
    assert again.selectbox(key="hist_section").value == "analysis-I2"  # first changed section
    again.selectbox(key="hist_section").select("conclusion").run()
    no_errors(again)
    diff = messages(again.html)  # the side-by-side diff of versions 1 and 2
    assert "v1 (offline)" in diff and "v2 (Dr. Reyes)" in diff
    assert '<ins class="nec-ins">' in diff and "tightened" in diff
    log = again.dataframe[-1].value  # the audit log
    assert {"section edited", "section regenerated", "criterion overridden", "exported"} <= set(
        log["action"])
    assert "relief is self-reported only" in set(log["reason"])


def test_a_refresh_reopens_the_draft_named_in_the_url(data_dir: Path) -> None:
    at = start()
    first = draft_example(at)
    second = draft_example(at)  # newest first: the sidebar now shows the second draft
    assert second != first
    fresh = AppTest.from_file(APP, default_timeout=TIMEOUT)
    fresh.session_state[SIGNED_IN] = "reyes"
    fresh.query_params["draft"] = first
    fresh.run()
    assert fresh.sidebar.selectbox(key="draft_pick").value == first


def test_sign_off_in_the_app_is_recorded_and_a_later_edit_voids_it(data_dir: Path) -> None:
    at = start()
    draft_id = draft_example(at)
    go(at, "signoff")
    no_errors(at)
    sign = at.button(key=f"sign-{draft_id}")
    assert sign.disabled  # the checklist is not acknowledged yet
    acks = [c for c in at.checkbox if c.key.startswith(f"ack-{draft_id}-")]
    assert {c.key.rsplit("-", 1)[1] for c in acks} >= {"placeholders"}
    for ack in acks:
        ack.check()
    at.run()
    at.button(key=f"sign-{draft_id}").click().run()
    no_errors(at)
    assert "signed off by Dr. Reyes, MD" in messages(at.success)
    assert "Signed off by **Dr. Reyes**, MD" in messages(at.success)
    assert "signed off by Dr. Reyes" in messages(at.sidebar.caption)
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        summary = store.summary(draft_id)
        assert (summary.signed_off_by, summary.signer_credentials) == ("Dr. Reyes", "MD")
        assert [e.actor for e in store.audit(draft_id) if e.action == "signed_off"] == [
            "user:reyes"]
    # a later edit in the Draft editor: a warning first, the save needs confirming
    go(at, "editor")
    at.toggle(key=f"editing-{draft_id}-conclusion").set_value(True).run()
    assert "This draft is signed off by Dr. Reyes" in messages(at.warning)
    assert at.button(key=f"edit_save-{draft_id}-conclusion-b1").disabled
    edit(at, draft_id, "conclusion", EDITED, "after sign-off", confirm_void=True)
    no_errors(at)
    assert "Conclusion: saved as version 2 by Dr. Reyes" in messages(at.success)
    assert "signed off by" not in messages(at.sidebar.caption)
    go(at, "signoff")
    no_errors(at)
    assert "The sign-off by Dr. Reyes" in messages(at.warning)
    assert "voided by Dr. Reyes" in messages(at.warning)
    assert "section conclusion edited (version 2)" in messages(at.warning)
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        assert store.summary(draft_id).signed_off_by is None
        voided = [e for e in store.audit(draft_id) if e.action == "sign_off_voided"]
        assert [(e.actor, e.detail["signed_off_by"]) for e in voided] == [
            ("user:reyes", "Dr. Reyes")]
        assert [e.detail["reason"] for e in voided] == ["section conclusion edited (version 2)"]


def test_an_invalid_case_file_is_shown_problem_by_problem_naming_the_field(
        data_dir: Path) -> None:
    at = start()
    at.radio(key="case_source").set_value("Upload a file").run()
    bad = BAD_CASES / "unknown_fact_id.yaml"
    at.file_uploader(key="case_upload").upload(bad.name, bad.read_bytes()).run()
    at.button(key="open_upload").click().run()
    assert not at.exception
    shown = messages(at.error)
    assert "unknown_fact_id.yaml cannot be used (1 problem(s))" in shown
    assert "unknown_fact_id.yaml:80: disputed_items[0].facts[2]: unknown fact id 'F7'" in shown
    assert "Traceback" not in shown and "/tmp" not in shown
    assert "draft_case" not in {b.key for b in at.button}  # nothing to draft


def test_settings_are_saved_in_the_data_dir_and_external_consent_starts_off(
        data_dir: Path) -> None:
    at = start()
    go(at, "settings")
    no_errors(at)
    assert at.toggle(key="set_consent").value is False
    assert at.selectbox(key="set_backend").value == "offline"
    at.text_input(key="set_model").input("local-model")
    at.button(key="set_save").click().run()
    no_errors(at)
    assert "External-model consent is off" in messages(at.success)
    saved = load_prefs(data_dir)
    assert (saved.model, saved.backend) == ("local-model", "offline")
    assert "allow_external" not in (data_dir / "ui.json").read_text()
    # the profile: name and credentials kept with the user in the store
    at.text_input(key="profile_name").input("Dr. Ana Reyes")
    at.text_input(key="profile_credentials").input("MD, FAAOS")
    at.button(key="FormSubmitter:profile-Save profile").click().run()
    no_errors(at)
    assert "Signed in as **Dr. Ana Reyes**, MD, FAAOS" in messages(start().sidebar.caption)


def test_an_unusable_store_is_an_error_message_not_a_traceback(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = data_dir / "broken.sqlite"
    broken.write_bytes(b"this is not a SQLite database" * 100)
    monkeypatch.setenv("NECESSITY_STORE_URL", str(broken))
    at = start()
    assert "sign-in:" in messages(at.error) and "not a draft store" in messages(at.error)
    assert "Traceback" not in messages(at.error)
    assert not at.main.text_area  # nothing of a draft is shown


def test_the_side_by_side_diff_marks_changed_words_and_folds_unchanged_sentences() -> None:
    old = "One. Two stays. Three is right. Four. Five. Six. Seven."
    new = "One. Two stays. Three is left. Four. Five. Six. Seven. Eight added."
    table = side_by_side(old, new, "v1 (offline)", "v2 (Dr. Kim)")
    assert '<del class="nec-del">right.</del>' in table
    assert '<ins class="nec-ins">left.</ins>' in table
    assert '<ins class="nec-ins">Eight added.</ins>' in table
    assert "One." not in table  # more than one sentence from a change: folded
    assert table.count("unchanged sentences") == 2 and "Two stays." in table
    assert "no differences" in side_by_side(old, old, "v1", "v2")


def test_a_wrong_draft_id_in_the_url_says_so_and_opens_no_other_draft(data_dir: Path) -> None:
    at = start()
    draft_example(at)
    fresh = AppTest.from_file(APP, default_timeout=TIMEOUT)
    fresh.session_state[SIGNED_IN] = "reyes"
    fresh.query_params["draft"] = "0000deadbeef"
    fresh.run()
    assert not fresh.exception
    assert "No draft `0000deadbeef` in the draft store" in messages(fresh.sidebar.error)
    go(fresh, "editor")
    assert "The link names draft `0000deadbeef`, which is not in the draft store" in \
        messages(fresh.error)
    assert not fresh.main.text_area and not fresh.main.toggle  # nothing of another draft


def test_regenerating_after_an_override_proposes_and_replaces_nothing(data_dir: Path) -> None:
    at = start()
    draft_id = draft_example(at)
    edit(go(at, "editor"), draft_id, "conclusion", EDITED, "my conclusion")
    go(at, "criteria")
    at.selectbox(key="ov_item").select("I1").run()
    at.selectbox(key="ov_target").select("esi_repeat.prior_relief").run()
    at.selectbox(key="ov_value").select("undocumented")
    at.text_area(key="ov_reason").input("relief is self-reported only")
    at.button(key="ov_submit").click().run()
    at.button(key="ov_regenerate").click().run()
    no_errors(at)
    assert "proposal(s) to review in the Draft editor" in messages(at.success)
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        assert store.section_text(draft_id, "conclusion") == EDITED  # the edit stands
        proposed = {u.key for u in store.unsaved.of_draft("reyes", draft_id)
                    if u.kind == "proposal"}
    assert "conclusion" in proposed
    go(at, "editor")
    no_errors(at)
    assert "Proposed by offline" in messages(at.info)
    at.button(key=f"discard-proposal-{draft_id}-conclusion").click().run()
    no_errors(at)
    assert "the proposal was discarded; nothing changed" in messages(at.info)
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        assert store.section_text(draft_id, "conclusion") == EDITED
        assert store.unsaved.get("reyes", draft_id, "conclusion", "proposal") is None
