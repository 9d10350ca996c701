"""The physicians' app in a real browser: ``necessity ui`` on a free loopback port with a data
directory holding a drafted, edited and overridden case, opened in headless Debian Chromium. The
draft editor and criteria pages are screenshotted and their visible text checked.
``python -m tests.browser docs/screenshots`` refreshes the README's images the same way."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from drafting.store import DraftStore
from tests.browser import Browser, browser, chromium, running_app, sign_in
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
RIGHT = "right paracentral disc extrusion at L5-S1 contacting the traversing right S1"
WIDTH, HEIGHT = 1400, 1800
REYES = ("reyes", "correct horse")  # the app's user in these tests: Dr. Reyes, MD


def prepare(data: Path) -> str:
    """A data directory with the example drafted offline, one sentence edited to the wrong side
    (so the eval harness flags it) and one criterion overridden, all by a named reviewer."""
    store = data / "drafts.sqlite"
    result = CliRunner().invoke(app, ["draft", str(CASE), "--no-retrieval", "--data-dir",
                                      str(data), "--store-url", str(store), "--out",
                                      str(data / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    draft_id = result.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    with DraftStore.open(store) as drafts:
        if drafts.users.get(REYES[0]) is None:
            drafts.users.add(REYES[0], "Dr. Reyes", credentials="MD", password=REYES[1])
        text = drafts.section_text(draft_id, "analysis-I1")
        assert RIGHT in text
        drafts.review.edit_section(draft_id, "analysis-I1", text.replace(RIGHT, RIGHT.replace(
            "right", "left")), "Dr. Reyes", "reword the imaging finding", citations=[])
        drafts.review.override(draft_id, "I1", "esi_repeat.prior_relief", "undocumented",
                        "relief is self-reported only", "Dr. Reyes")
    return draft_id


def _open_chip(page: Browser) -> None:
    page.evaluate("""(() => {
      const section = document.querySelector('[data-section="analysis-I1"]');
      section.scrollIntoView({block: 'start'});
      const chip = section.querySelector('details.nec-fact[data-marker="F12"]');
      if (chip) { chip.open = true; }
      document.querySelector('[data-testid="stMain"]')?.scrollBy(0, -90);
    })()""")


def _open_expander(page: Browser, needle: str) -> None:
    page.evaluate(f"""(() => {{
      const found = [...document.querySelectorAll('details summary')]
        .find(s => s.innerText.includes({needle!r}));
      if (found) {{ found.click(); }}
    }})()""")


def capture_screens(executable: str, tmp: Path, out: Path) -> list[Path]:
    """Start the app on a prepared data directory, screenshot the draft editor and criteria
    pages into ``out``; returns the paths. Raises if a page never shows what it should."""
    data = tmp / "data"
    draft_id = prepare(data)
    env = {"NECESSITY_STORE_URL": str(data / "drafts.sqlite"), "NECESSITY_BACKEND": "offline"}
    shots = []
    with running_app(data, tmp / "app.log", env) as url, \
            browser(executable, tmp / "profile", width=WIDTH, height=HEIGHT) as page:
        sign_in(page, f"{url}/editor?draft={draft_id}", *REYES)
        page.wait_for("Draft editor", "2. Engagement and question presented", "Conclusion",
                      "consistency", "version 2 by Dr. Reyes (reword the imaging finding)")
        _open_chip(page)
        page.wait_for("Draft editor")
        shots.append(page.screenshot(out / "draft-editor.png"))
        page.click_text("Criteria", tag="a")
        page.wait_for("Criteria", "esi_repeat.prior_relief", "reviewer override; engine: met",
                      "Override a result")
        _open_expander(page, "esi_repeat.prior_relief")
        page.wait_for("Reviewer override by Dr. Reyes")
        shots.append(page.screenshot(out / "criteria.png"))
    return shots


def _png_size(path: Path) -> tuple[int, int]:
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


@pytest.mark.browser
def test_the_app_renders_in_headless_chromium(tmp_path: Path) -> None:
    executable = chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it (Debian package chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    data = tmp_path / "data"
    draft_id = prepare(data)
    env = {"NECESSITY_STORE_URL": str(data / "drafts.sqlite"), "NECESSITY_BACKEND": "offline"}
    with running_app(data, tmp_path / "app.log", env) as url, \
            browser(executable, tmp_path / "profile", width=WIDTH, height=HEIGHT) as page:
        assert url.startswith("http://127.0.0.1:")
        page.call("Network.enable")
        sign_in(page, f"{url}/editor?draft={draft_id}", *REYES)
        text = page.wait_for("Draft editor", "Conclusion", "consistency")
        assert "Drafted without a language model" in text  # the offline label
        assert "1. Addressee and reference" in text and "12. Signature" in text
        assert "version 2 by Dr. Reyes (reword the imaging finding)" in text
        assert "MRI shows a left paracentral disc extrusion" in text  # the edit is shown
        assert "side left but the source says right" in text  # its eval finding, inline
        dom = page.dom()
        assert 'class="nec-sent nec-error"' in dom  # the edited sentence is flagged inline
        assert 'data-marker="F5"' in dom and "D3), 2016-04-12, p. 1" in dom  # chip + source
        assert "Traceback" not in text
        _open_chip(page)
        editor = page.screenshot(tmp_path / "editor.png")

        page.click_text("Criteria", tag="a")
        text = page.wait_for("Criteria", "esi_repeat.prior_relief",
                             "reviewer override; engine: met")
        assert "I1 · Repeat right L5-S1 transforaminal epidural steroid injection" in text
        assert "I2 · Compounded topical cream" in text and "not necessary" in text
        _open_expander(page, "esi_repeat.prior_relief")
        text = page.wait_for("relief is self-reported only")
        assert "Evidence facts" in text and "Guideline basis" in text
        criteria = page.screenshot(tmp_path / "criteria.png")
        outside = [u for u in page.requested() if not u.startswith((url, "data:", "blob:"))]
        assert page.requested() and not outside  # the app asks nothing of the network
    for shot in (editor, criteria):
        assert _png_size(shot) == (WIDTH, HEIGHT)
        assert shot.stat().st_size > 60_000  # a blank page compresses to a few kilobytes
