"""The physician app's review path in a real browser (issue #21): ``necessity ui`` on a loopback
port, headless Debian Chromium, users signing in with the form. Unsaved text never crosses into
another draft; two sessions saving one section: the second is refused with the difference and
loses nothing; a reload keeps the sign-in and the text typed (signing out ends the sign-in, not
the text); sign-off after the checklist; an edit after sign-off is warned about, then voids it
naming the user; a failed regeneration keeps the old text; the review queue searches.
Screenshots go to NECESSITY_SHOTS_DIR when it is set (the README's images:
``NECESSITY_SHOTS_DIR=docs/screenshots pytest -m browser`` on this file)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app as cli
from drafting.store import DraftStore
from tests.browser import Browser, browser, chromium, running_app, sign_in
from tests.conftest import EXAMPLES
from tests.fakes.openai_server import FakeOpenAIServer, error
from tests.test_ui_browser import REYES, prepare

pytestmark = [pytest.mark.slow, pytest.mark.browser]
KIM = ("kim", "battery staple")
OTHER_CASE = EXAMPLES / "wc-lumbar-esi-defense.yaml"
TEXT_BOX = 'textarea[aria-label="Text (keep the [F..] and [G:..] markers)"]'
REASON_BOX = 'input[aria-label="Reason for the edit (required)"]'


def executable() -> str:
    found = chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it (Debian package chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    return found


def shot(page: Browser, tmp: Path, name: str) -> Path:
    folder = Path(os.environ.get("NECESSITY_SHOTS_DIR") or tmp)
    path = page.screenshot(folder / name)
    assert path.stat().st_size > 30_000  # a blank page compresses to a few kilobytes
    return path


def box(title: str) -> str:
    """JavaScript for the bordered container of the section titled ``title``."""
    return (f"[...document.querySelectorAll('h3')].find(h => h.innerText.trim()"
            f".endsWith({json.dumps(title)})).closest('[data-testid=\"stVerticalBlock\"]')")


def value(page: Browser, title: str) -> str:
    return str(page.evaluate(f"({box(title)}).querySelector({json.dumps(TEXT_BOX)}).value"))


def tick(page: Browser, label: str, within: str = "document") -> None:
    """Click the checkbox or toggle labelled ``label`` (inside ``within``)."""
    selector = json.dumps(f'input[aria-label="{label}"]')
    page.evaluate(f"({within}).querySelector({selector}).click()")
    page.wait_for(label)


def open_edit(page: Browser, title: str) -> None:
    if page.evaluate(f"!!({box(title)}).querySelector({json.dumps(TEXT_BOX)})"):
        return
    tick(page, "Edit this section", box(title))
    page.wait_for("Reason for the edit (required)")


def type_edit(page: Browser, title: str, text: str, reason: str) -> None:
    open_edit(page, title)
    page.type_into(TEXT_BOX, text, within=box(title))
    page.wait_for("Draft editor")
    page.type_into(REASON_BOX, reason, within=box(title))
    page.wait_for("Draft editor")


def choose_draft(page: Browser, case_id: str) -> None:
    """Pick the draft of ``case_id`` in the sidebar's selector, as a user would."""
    page.evaluate("""(() => {
      const input = document.querySelector(
        '[data-testid="stSidebar"] [data-testid="stSelectbox"] input');
      input.focus(); input.click();
    })()""")
    page.call("Input.insertText", text=case_id)
    for kind in ("keyDown", "keyUp"):
        page.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                  windowsVirtualKeyCode=13)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """Draft A (the plaintiff ESI opinion, edited and overridden by Dr. Reyes) and draft B (the
    defense opinion of another case); users Dr. Reyes (MD) and Dr. Kim."""
    folder = tmp_path_factory.mktemp("review")
    data = folder / "data"
    a = prepare(data)
    result = CliRunner().invoke(cli, ["draft", str(OTHER_CASE), "--no-retrieval", "--data-dir",
                                      str(data), "--store-url", str(data / "drafts.sqlite"),
                                      "--out", str(data / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    b = result.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    with DraftStore.open(data / "drafts.sqlite") as store:
        store.users.add(KIM[0], "Dr. Kim", credentials="DO", password=KIM[1])
    return data, a, b


@pytest.fixture(scope="module")
def url(data: tuple[Path, str, str]) -> Iterator[str]:
    folder = data[0].parent
    env = {"NECESSITY_STORE_URL": str(data[0] / "drafts.sqlite"), "NECESSITY_BACKEND": "offline"}
    with running_app(data[0], folder / "app.log", env) as address:
        yield address


def store(data: tuple[Path, str, str]) -> DraftStore:
    return DraftStore.open(data[0] / "drafts.sqlite")


def test_unsaved_text_never_crosses_into_another_draft(data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, a, b = data
    with browser(executable(), tmp_path / "p") as page:
        sign_in(page, f"{url}/editor?draft={a}", *REYES)
        page.wait_for("Draft editor", "Conclusion")
        type_edit(page, "Conclusion", "UNSAVED TEXT OF DRAFT A [F5].", "typed in A")
        choose_draft(page, "wc-lumbar-esi-defense")
        page.wait_for(b, "Conclusion")
        open_edit(page, "Conclusion")
        with store(data) as s:
            b_text = s.section_text(b, "conclusion")
            kept = [(u.draft_id, u.key) for u in s.unsaved.of_draft("reyes", a)]
            assert s.unsaved.of_draft("reyes", b) == []
        assert value(page, "Conclusion") == b_text  # draft B's own text, nothing of A
        assert kept == [(a, "conclusion")]
        choose_draft(page, "wc-lumbar-esi-plaintiff")
        page.wait_for(a, "Unsaved text, kept since")
        assert value(page, "Conclusion") == "UNSAVED TEXT OF DRAFT A [F5]."


def test_a_second_session_saving_the_same_section_is_refused_with_the_diff(
        data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, _, b = data
    with browser(executable(), tmp_path / "p1") as first, \
            browser(executable(), tmp_path / "p2") as second:
        for page, who in ((first, REYES), (second, KIM)):
            sign_in(page, f"{url}/editor?draft={b}", *who)
            page.wait_for("Draft editor", "Analysis")
            open_edit(page, "Conclusion")
        type_edit(first, "Conclusion", "Dr. Reyes's conclusion [F5].", "first reviewer")
        first.click_text("Save as a new version", within=box("Conclusion"))
        first.wait_for("saved as version 2 by Dr. Reyes")
        type_edit(second, "Conclusion", "Dr. Kim's conclusion [F5].", "second reviewer")
        second.click_text("Save as a new version", within=box("Conclusion"))
        text = second.wait_for("Not saved: Dr. Reyes saved version 2 of this section")
        assert "your unsaved text" in text and "Continue from version 2 with my text" in text
        assert value(second, "Conclusion") == "Dr. Kim's conclusion [F5]."  # nothing lost
        second.evaluate(f"({box('Conclusion')}).scrollIntoView({{block: 'start'}})")
        shot(second, tmp_path, "conflict.png")
    with store(data) as s:
        assert s.section_text(b, "conclusion") == "Dr. Reyes's conclusion [F5]."
        kept = s.unsaved.get("kim", b, "conclusion")
        assert kept is not None and (kept.text, kept.reason, kept.base_version) == (
            "Dr. Kim's conclusion [F5].", "second reviewer", 1)


def test_a_reload_mid_edit_keeps_the_text(data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, _, b = data
    with browser(executable(), tmp_path / "p") as page:
        sign_in(page, f"{url}/editor?draft={b}", *KIM)
        page.wait_for("Draft editor", "Clinical chronology")
        type_edit(page, "Clinical chronology", "Half-written chronology [F1].", "reordering")
        page.call("Page.reload")  # a new Streamlit session: still signed in, the text kept
        text = page.wait_for("Signed in as Dr. Kim", "Unsaved text, kept since")
        assert "Sign in" not in text.split("Signed in as")[0]
        assert value(page, "Clinical chronology") == "Half-written chronology [F1]."
        page.goto(f"{url}/editor?draft={b}")  # a link to the page: the same
        page.wait_for("Signed in as Dr. Kim", "Unsaved text, kept since")
        assert value(page, "Clinical chronology") == "Half-written chronology [F1]."
        page.click_text("Sign out")
        page.wait_for("Sign in", "Username")
        page.call("Page.reload")  # signed out: the cookie is gone, the form is asked again
        page.wait_for("Sign in", "Username")
        assert "Signed in as" not in page.text()
        sign_in(page, f"{url}/editor?draft={b}", *KIM)
        page.wait_for("Unsaved text, kept since")
        assert value(page, "Clinical chronology") == "Half-written chronology [F1]."


def test_sign_off_with_the_checklist_then_an_edit_warns_and_voids_it(
        data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, a, _ = data
    with browser(executable(), tmp_path / "p") as page:
        sign_in(page, f"{url}/signoff?draft={a}", *REYES)
        text = page.wait_for("Before you sign", "Eval findings", "Your overrides")
        assert "esi_repeat.prior_relief set to undocumented by Dr. Reyes" in text
        assert "Signing as Dr. Reyes, MD" in text
        assert page.evaluate("[...document.querySelectorAll('button')].find(b => "
                             "b.innerText.trim() === 'Sign off').disabled")
        acks = "[...document.querySelectorAll('input[aria-label^=\"I have reviewed\"]')]"
        boxes = int(page.evaluate(f"{acks}.length"))
        assert boxes >= 2
        for n in range(boxes):
            page.evaluate(f"{acks}[{n}].click()")
            page.wait_for("Before you sign")
        shot(page, tmp_path, "sign-off.png")
        page.click_text("Sign off")
        page.wait_for("Signed off by Dr. Reyes, MD")
        with store(data) as s:
            summary = s.summary(a)
            assert (summary.signed_off_by, summary.signer_credentials) == ("Dr. Reyes", "MD")
        page.click_text("Draft editor", tag="a")
        page.wait_for("Draft editor", "Clinical chronology")
        open_edit(page, "Clinical chronology")
        text = page.wait_for("This draft is signed off by Dr. Reyes")
        assert "voids the sign-off" in text
        type_edit(page, "Clinical chronology", "Chronology corrected after sign-off [F1].",
                  "a date")
        assert page.evaluate(f"[...({box('Clinical chronology')}).querySelectorAll('button')]"
                             ".find(b => b.innerText.trim() === 'Save as a new version')"
                             ".disabled")
        tick(page, "I understand: saving this edit voids the sign-off", box("Clinical chronology"))
        page.click_text("Save as a new version", within=box("Clinical chronology"))
        page.wait_for("saved as version 2 by Dr. Reyes")
        page.click_text("Sign-off", tag="a")
        text = page.wait_for("voided by Dr. Reyes")
        assert "section chronology edited (version 2)" in text
    with store(data) as s:
        voided = [e for e in s.audit(a) if e.action == "sign_off_voided"]
        assert [(e.actor, e.stated_author) for e in voided] == [("user:reyes", "Dr. Reyes")]


def test_the_review_queue_filters_and_searches(data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with browser(executable(), tmp_path / "p") as page:
        sign_in(page, f"{url}/queue", *REYES)
        page.wait_for("Review queue", "Search case, title or procedure")
        page.click_text("signed (", match="prefix")  # signed drafts too: every draft shown
        text = page.wait_for("2 of 2 draft(s).")
        page.type_into('input[aria-label="Search case, title or procedure"]', "defense")
        text = page.wait_for("1 of 2 draft(s).")
        assert "Traceback" not in text
        page.type_into('input[aria-label="Search case, title or procedure"]', "")
        page.wait_for("2 of 2 draft(s).")
        shot(page, tmp_path, "queue.png")


def test_the_record_panel_shows_the_page_a_fact_was_read_from(data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, a, _ = data
    with browser(executable(), tmp_path / "p") as page:
        sign_in(page, f"{url}/editor?draft={a}", *REYES)
        text = page.wait_for("Record", "What the record says on this page:")
        assert "page 1 of" in text
        assert page.evaluate("!!document.querySelector('div.nec-record[data-fact]')")
        # (the README's record-panel.png, with a PDF page, is taken by test_ui_record_browser)
        page.screenshot(tmp_path / "record-panel-text.png")


def test_a_failed_regeneration_keeps_the_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft_id = prepare(data)
    with store((data, draft_id, "")) as s:
        before = s.section_text(draft_id, "conclusion")
    with FakeOpenAIServer(default=error(500)) as server:
        env = {"NECESSITY_STORE_URL": str(data / "drafts.sqlite"), "NECESSITY_BACKEND": "openai",
               "NECESSITY_BASE_URL": server.base_url, "NECESSITY_MODEL": "fake-model",
               "NECESSITY_API_KEY": "test-key", "NECESSITY_RETRIES": "0"}
        with running_app(data, tmp_path / "app.log", env) as url, \
                browser(executable(), tmp_path / "p") as page:
            sign_in(page, f"{url}/editor?draft={draft_id}", *REYES)
            page.wait_for("Draft editor", "Regenerate with openai")
            page.click_text("Regenerate with openai", tag="summary", within=box("Conclusion"),
                            match="contains")
            page.type_into('input[aria-label="Reason (required)"]', "try the model",
                           within=box("Conclusion"))
            page.wait_for("Draft editor")
            page.click_text("Propose a regeneration", within=box("Conclusion"))
            text = page.wait_for("The regeneration of Conclusion failed", timeout=120)
            assert "The current text (version 1) is kept; nothing was stored." in text
    with store((data, draft_id, "")) as s:
        assert s.section_text(draft_id, "conclusion") == before
        assert [h.version for h in s.history(draft_id) if h.key == "conclusion"] == [1]
        assert s.summary(draft_id).status == "complete"
