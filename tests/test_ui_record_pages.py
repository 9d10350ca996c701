"""The record beside the sentence (issue #21) through Streamlit's AppTest and the service: a
packet read on the Intake page and saved keeps its PDFs beside the draft store (and nothing
else); the Draft editor's record panel then shows the PDF page a cited fact was read from, the
sentence marked; a scanned page is marked by OCR; the page cache stays under its bound."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafting.case import load_case
from drafting.intake.casefile import write_valid
from drafting.intake.run import run_intake_uploads
from drafting.service import record_pages
from drafting.settings import Settings
from tests.conftest import EXAMPLES
from tests.test_ui import data_dir, go, messages, no_errors  # noqa: F401 (fixture)
from tests.test_ui_intake import RECORDS, SCANNED, read_records, uploads

pytestmark = pytest.mark.slow
PACKET = RECORDS / "wc-lumbar-tfesi"


def test_intake_keeps_the_pdfs_and_the_record_panel_shows_a_cited_page(
        data_dir: Path) -> None:  # noqa: F811
    at = read_records(uploads(PACKET))
    no_errors(at)
    at.text_input(key="intake_case_id").input("tfesi-intake")
    at.button(key="intake_save").click().run()
    no_errors(at)
    assert "7 PDF record(s) kept beside the draft store" in messages(at.success)
    kept = sorted(p.name for p in (data_dir / record_pages.SOURCES / "tfesi-intake").iterdir())
    assert kept == ["D1.pdf", "D3.pdf", "D4.pdf", "D5.pdf", "D6.pdf", "D8.pdf", "D9.pdf"]
    assert (data_dir / "records" / "tfesi-intake" / "D1.pdf").read_bytes() == \
        (PACKET / "01-ptp-initial-evaluation.pdf").read_bytes()

    at.button(key="intake_open").click().run()
    go(at, "cases")  # AppTest stays on the page it last switched to: open the Cases page
    at.button(key="draft_case").click().run()
    no_errors(at)
    draft_id = str(at.sidebar.selectbox(key="draft_pick").value)
    go(at, "editor")
    no_errors(at)
    case = load_case(data_dir / "cases" / "tfesi-intake.yaml")
    chosen = str(at.selectbox(key=f"record-{draft_id}").value)
    source = case.fact(chosen).source
    captions = [c for image in at.image for c in image.captions]
    assert f"{source.document} page {source.page}, as received (PDF) · the sentence marked" \
        in captions
    assert "The whole page" in [e.label for e in at.expander]
    # a fact of the DOCX record has no page image: the panel shows the page's text only
    docx_fact = next(f.id for f in case.facts if f.source.document == "D2")
    at.selectbox(key=f"record-{draft_id}").set_value(docx_fact).run()
    no_errors(at)
    assert not [c for image in at.image for c in image.captions if "as received" in c]
    assert f'data-fact="{docx_fact}"' in messages(at.html)


def test_an_example_case_has_no_page_image(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_url=str(tmp_path / "drafts.sqlite"))
    case = load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")
    assert record_pages.page_image(settings, case, case.facts[0].id) is None
    assert not record_pages.has_sources(settings, case.id)
    with pytest.raises(ValueError):
        record_pages.keep_sources(settings, "../escape", {"D1": b"%PDF-1.4"})


@pytest.mark.skipif(shutil.which("tesseract") is None or shutil.which("pdftoppm") is None,
                    reason="tesseract and pdftoppm are needed (.ci/run installs them)")
def test_a_scanned_page_is_marked_and_the_cache_is_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome, contents = run_intake_uploads(
        [(p.name, p.read_bytes()) for p in sorted(SCANNED.iterdir())], case_id="facet")
    case = write_valid(tmp_path / "facet.yaml", outcome.drafted.data, ["read by intake"])
    settings = Settings(data_dir=tmp_path, store_url=str(tmp_path / "drafts.sqlite"))
    record_pages.keep_sources(settings, case.id, contents)  # the DOCX and text are left out
    assert sorted(p.name for p in (tmp_path / "records" / "facet").iterdir()) == [
        "D2.pdf", "D3.pdf", "D4.pdf", "D6.pdf"]
    scanned = next(f for f in case.facts if (f.source.document, f.source.page) == ("D4", 2))
    page = record_pages.page_image(settings, case, scanned.id)
    assert page is not None and page.marked  # located by OCR on the scanned page
    assert page.band_png is not None and page.band_png.startswith(b"\x89PNG")
    cache = tmp_path / record_pages.CACHE
    assert len(list(cache.glob("*.png"))) == 2
    again = record_pages.page_image(settings, case, scanned.id)  # from the cache
    assert again is not None and again.page_png == page.page_png

    first = set(cache.glob("*.png"))
    limit = sum(p.stat().st_size for p in first) + 1
    monkeypatch.setattr(record_pages, "CACHE_BYTES", limit)
    others = [f for f in case.facts if f.source.document in ("D2", "D3")
              and (f.source.document, f.source.page) != ("D4", 2)][:3]
    for fact in others:
        shown = record_pages.page_image(settings, case, fact.id)
        assert shown is not None
        files = list(cache.glob("*.png"))
        newest = {p for p in files if p.read_bytes() in (shown.page_png, shown.band_png)}
        assert sum(p.stat().st_size for p in files if p not in newest) <= limit
    assert not first & set(cache.glob("*.png"))  # the oldest page was removed

    # a kept PDF that is not the record the case lists (another page count): no page image
    other = next(d for d in ("D2", "D3", "D6") if case.document(d).pages != 2)
    (tmp_path / "records" / "facet" / "D4.pdf").write_bytes(contents[other])
    assert record_pages.page_image(settings, case, scanned.id) is None
