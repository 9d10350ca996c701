"""The record beside the sentence (issue #21), in a real browser: a case read through intake
from the synthetic PDF packet examples/records/wc-lumbar-tfesi, its PDFs kept beside the draft
store as the Intake page keeps them, drafted offline and opened in headless Chromium. Clicking a
fact's citation chip opens the record panel on that fact, showing the PDF page it was read from
(rendered, the sentence marked, cached in the store's folder); the chip's popover stays inside
the text column (and the window) at 1280 and 800 pixels wide."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.case import Case
from drafting.cli.app import app as cli
from drafting.intake.casefile import write_valid
from drafting.intake.run import run_intake_uploads
from drafting.service.record_pages import CACHE, keep_sources
from drafting.settings import Settings
from drafting.store import DraftStore
from tests.browser import Browser, browser, running_app, sign_in
from tests.conftest import ROOT
from tests.test_ui_browser import REYES
from tests.test_ui_review_browser import executable, shot

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PACKET = ROOT / "examples" / "records" / "wc-lumbar-tfesi"
CASE_ID = "wc-tfesi-intake"
PANEL_FACT = "document.querySelector('div.nec-record[data-fact]')?.dataset.fact"
PANEL_IMAGE = ("[...document.querySelectorAll('[data-testid=\"stColumn\"]')]"
               ".find(c => c.querySelector('div.nec-record'))?.querySelector('img')")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Case]:
    """The intake case saved with its PDFs kept (as the Intake page's save does), drafted."""
    folder = tmp_path_factory.mktemp("record")
    data = folder / "data"
    files = [(p.name, p.read_bytes()) for p in sorted(PACKET.iterdir())]
    outcome, contents = run_intake_uploads(files, case_id=CASE_ID)
    case_file = data / "cases" / f"{CASE_ID}.yaml"
    case = write_valid(case_file, outcome.drafted.data, ["read by intake"])
    pdfs = {d.id: contents[d.id] for d in outcome.packet.documents if d.path.suffix == ".pdf"}
    settings = Settings(data_dir=data, store_url=str(data / "drafts.sqlite"))
    assert len(keep_sources(settings, CASE_ID, pdfs)) == len(pdfs) >= 5
    result = CliRunner().invoke(cli, ["draft", str(case_file), "--no-retrieval", "--data-dir",
                                      str(data), "--store-url", str(data / "drafts.sqlite"),
                                      "--out", str(data / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    draft_id = result.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    with DraftStore.open(data / "drafts.sqlite") as store:
        store.users.add(REYES[0], "Dr. Reyes", credentials="MD", password=REYES[1])
    return data, draft_id, case


@pytest.fixture(scope="module")
def url(data: tuple[Path, str, Case]) -> Iterator[str]:
    env = {"NECESSITY_STORE_URL": str(data[0] / "drafts.sqlite"), "NECESSITY_BACKEND": "offline"}
    with running_app(data[0], data[0].parent / "app.log", env) as address:
        yield address


def chips(page: Browser) -> list[str]:
    return list(page.evaluate("[...document.querySelectorAll('details.nec-fact')]"
                              ".map(d => d.dataset.marker)") or [])


def click_chip(page: Browser, marker: str, nth: int = 0) -> None:
    page.evaluate(f"""(() => {{
      const chip = document.querySelectorAll(
        'details.nec-fact[data-marker={json.dumps(marker)}] > summary')[{nth}];
      chip.scrollIntoView({{block: 'center'}}); chip.click();
    }})()""")


def test_clicking_a_fact_chip_shows_the_pdf_page_it_was_read_from(data, url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, draft_id, case = data
    with browser(executable(), tmp_path / "p", width=1400, height=1500) as page:
        sign_in(page, f"{url}/editor?draft={draft_id}", *REYES)
        page.wait_for("Draft editor", "Record", "What the record says on this page:")
        first = page.evaluate(PANEL_FACT)
        documents = {f.id: f.source for f in case.facts}
        pdf_docs = {"D1", "D3", "D4", "D5", "D6", "D8", "D9"}
        # a cited fact on another page of a PDF record than the one the panel opened on
        target = next(m for m in chips(page) if m in documents and m != first
                      and documents[m].document in pdf_docs
                      and documents[m] != documents[first])
        source = documents[target]
        click_chip(page, target)
        page.wait_for(f"{source.document} page {source.page}, as received (PDF) · the sentence "
                      "marked", f"page {source.page} of")
        assert page.evaluate(PANEL_FACT) == target
        size = page.evaluate(f"(() => {{ const i = {PANEL_IMAGE}; "
                             "return i && i.complete ? [i.naturalWidth, i.naturalHeight] : null; "
                             "})()")
        assert size is not None and size[0] > 300 and size[1] > 30  # the page's lines
        cached = list((folder / CACHE).glob("*.png"))  # the page and its band, cached
        assert {p.name.rsplit("-", 1)[1] for p in cached} == {"page.png", "band.png"}
        assert all(p.read_bytes().startswith(b"\x89PNG") for p in cached)
        page.evaluate(f"({PANEL_IMAGE}).scrollIntoView({{block: 'start'}})")
        page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollBy(0, -120)")
        page.wait_for("as received (PDF)")
        shot(page, tmp_path, "record-panel.png")


def popover_overflow(page: Browser) -> dict[str, float]:
    """Open the fact chip nearest the right edge of the text and measure its popover against
    the text column and the window (pixels past each; 0 or less = inside)."""
    return dict(page.evaluate("""(() => {
      const all = [...document.querySelectorAll('details.nec-fact')];
      all.forEach(d => { d.open = false; });
      const chip = all.reduce((a, b) => a.querySelector('summary').getBoundingClientRect().right
          >= b.querySelector('summary').getBoundingClientRect().right ? a : b);
      chip.scrollIntoView({block: 'center'});
      chip.open = true;
      const pop = chip.querySelector('.nec-pop').getBoundingClientRect();
      const column = chip.closest('[data-testid="stColumn"]').getBoundingClientRect();
      return {window: pop.right - window.innerWidth, column: pop.right - column.right,
              left: column.left - pop.left};
    })()"""))


@pytest.mark.parametrize("width", [1280, 800])
def test_the_citation_popover_stays_inside_the_text_column(data, url, tmp_path, width) -> None:  # type: ignore[no-untyped-def]
    _, draft_id, _ = data
    with browser(executable(), tmp_path / "p", width=width, height=1000) as page:
        sign_in(page, f"{url}/editor?draft={draft_id}", *REYES)
        page.wait_for("Draft editor", "What the record says on this page:")
        past = popover_overflow(page)
        page.screenshot(tmp_path / f"popover-{width}.png")
        assert past["window"] <= 0, past
        assert past["column"] <= 1 and past["left"] <= 1, past
