"""The guideline index: the bundled corpus, hybrid search over a real Chroma directory and BM25,
filters (setting, procedure, guideline, date of service), ingestion of the real CDC draft PDF."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from guideline_index.corpus import CorpusError, load_corpus, load_corpus_file
from guideline_index.filters import SearchFilters
from guideline_index.ingest.document import DocumentSpec
from guideline_index.search import GuidelineIndex
from tests.conftest import CDC_PDF, SHARED

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

CDC_SOURCE = "CDC 2022 draft guideline"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> GuidelineIndex:
    data_dir = tmp_path_factory.mktemp("data")
    built = GuidelineIndex(data_dir / "index")  # the layout Settings.index_dir uses
    built.build()
    if CDC_PDF.exists():
        built.add(CDC_PDF, DocumentSpec(source=CDC_SOURCE, procedures=["opioids"],
                                        effective_from=dt.date(2022, 2, 10)))
    return built


# ------------------------------------------------------------------ corpus

def test_corpus_has_enough_cited_excerpts():
    corpus = load_corpus()
    assert len(corpus) >= 80
    assert all(e.page is not None or e.recommendation or e.verify for e in corpus)
    guidelines = {e.short for e in corpus}
    # NACC: the neuromodulation appropriateness consensus series NANS members co-author.
    for needed in ("MTUS", "CDC", "ASIPP", "NACC", "PACC", "LCD", "NCD", "Commercial fusion"):
        assert any(needed in name for name in guidelines), f"no {needed} excerpts"


def test_cdc_2016_and_2022_versions_do_not_overlap():
    corpus = load_corpus()
    cdc16 = [e for e in corpus if e.id.startswith("cdc16-")]
    cdc22 = [e for e in corpus if e.id.startswith("cdc22-")]
    assert cdc16 and cdc22
    last_2016 = max(e.effective_to for e in cdc16)
    first_2022 = min(e.effective_from for e in cdc22)
    assert last_2016 < first_2022


def _shingles(text: str, n: int = 9) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_excerpts_are_paraphrased_not_pasted_from_the_shared_sources():
    sources = [*sorted((SHARED / "seeds").glob("*.txt")),
               SHARED / "corpus" / "cdc-2022-recommendations.json"]
    sources = [p for p in sources if p.exists()]
    if not sources:
        pytest.skip("shared/ seeds and corpus are absent")
    pasted = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in sources))
    copied = [e.id for e in load_corpus() if _shingles(e.text) & pasted]
    assert copied == [], f"excerpts sharing 9 consecutive words with a source: {copied}"


def test_a_bad_corpus_file_names_the_file_and_the_excerpt(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "guideline: Test\nshort: T\nedition: '1'\nsource: x\nsettings: [medicare]\n"
        "excerpts:\n  - id: t-1\n    section: S\n    procedures: [esi]\n"
        "    effective_from: 2020-01-01\n    effective_to: 2019-01-01\n"
        "    text: A paraphrase long enough to pass the length check.\n"
    )
    with pytest.raises(CorpusError) as caught:
        load_corpus_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: excerpts[0]: excerpt 't-1'")
    assert "effective_to 2019-01-01 is before effective_from 2020-01-01" in message


@pytest.mark.parametrize("filters", [
    SearchFilters(), SearchFilters(setting="medicare"), SearchFilters(procedure="esi"),
    SearchFilters(guideline="CDC 2022"), SearchFilters(on=dt.date(2017, 11, 30)),
    SearchFilters(on=dt.date(2017, 12, 1)),
    SearchFilters("ca_workers_comp", "opioids", None, dt.date(2016, 7, 28)),
    SearchFilters("commercial", "lumbar_fusion", "Commercial fusion criteria (summary)",
                  dt.date(2024, 1, 1)),
])
def test_vectorised_filter_mask_agrees_with_the_filter(filters):
    from guideline_index.filters import FilterColumns

    corpus = list(load_corpus())
    mask = FilterColumns(corpus).mask(filters)
    assert [e.id for e, keep in zip(corpus, mask, strict=True) if keep] == [
        e.id for e in corpus if filters.admits(e)]


# ------------------------------------------------------------------ search

def test_search_finds_the_mtus_repeat_esi_criteria(index):
    hits = index.search_hits("repeat epidural block needs 50% pain relief for six to eight weeks",
                             SearchFilters(setting="ca_workers_comp", procedure="esi",
                                           on=dt.date(2016, 10, 19)), k=5)
    assert hits
    assert all(h.excerpt.in_force_on(dt.date(2016, 10, 19)) for h in hits)
    assert all("ca_workers_comp" in h.excerpt.settings for h in hits)
    assert any(h.excerpt.short == "MTUS Chronic Pain" and "Epidural steroid injections" in
               h.excerpt.section for h in hits)


def test_date_of_service_filter_excludes_versions_not_in_force(index):
    query = "avoid increasing opioid dosage to 90 MME per day or more"
    in_2019 = index.search(query, SearchFilters(procedure="opioids", on=dt.date(2019, 6, 1)), k=10)
    assert any(e.id.startswith("cdc16-") for e in in_2019)
    assert not any(e.id.startswith("cdc22-") for e in in_2019)
    for guideline, day, expected in [("CDC 2022", dt.date(2023, 6, 1), "cdc22-"),
                                     ("CDC 2016", dt.date(2019, 6, 1), "cdc16-"),
                                     ("CDC 2022", dt.date(2019, 6, 1), None),
                                     ("CDC 2016", dt.date(2023, 6, 1), None)]:
        hits = index.search(query, SearchFilters(guideline=guideline, on=day), k=10)
        if expected is None:
            assert hits == [], (guideline, day)
        else:
            assert hits and all(e.id.startswith(expected) for e in hits), (guideline, day)
    for mode in ("lexical", "vector"):  # both retrievers honour the filter on their own
        hits = index.search_hits(query, SearchFilters(on=dt.date(2023, 6, 1)), k=20, mode=mode)
        assert hits and all(h.excerpt.in_force_on(dt.date(2023, 6, 1)) for h in hits)


def test_hybrid_fuses_both_retrievers(index):
    hits = index.search_hits("psychological evaluation before spinal cord stimulator implant",
                             SearchFilters(), k=5)
    assert any(h.lexical_rank and h.vector_rank for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_get_returns_an_excerpt_and_names_a_missing_id(index):
    first = load_corpus()[0]
    assert index.get(first.id) == first
    with pytest.raises(KeyError, match="no excerpt 'no-such-id'"):
        index.get("no-such-id")


# ------------------------------------------------------------------ the real CDC draft PDF

def _cdc_required():
    if not CDC_PDF.exists():
        pytest.skip(f"{CDC_PDF} is absent (shared/corpus not beside the checkout)")


def test_dose_threshold_question_returns_the_right_pages_of_the_cdc_draft(index):
    _cdc_required()
    hits = index.search_hits("At what daily dosage in MME should clinicians avoid increasing "
                             "the opioid dose?", SearchFilters(guideline=CDC_SOURCE), k=3)
    assert hits
    top = hits[0].excerpt
    assert "MME/day" in top.text
    pages = re.findall(r"\d+", str(top.page))
    assert pages and all(90 <= int(p) <= 105 for p in pages), top.page  # Rec. 4 dosage rationale
    assert f"p. {top.page}" in top.citation and top.citation.startswith(CDC_SOURCE)


def test_re_adding_the_same_pdf_changes_nothing(index):
    _cdc_required()
    before = index.stats()
    result = index.add(CDC_PDF, DocumentSpec(source=CDC_SOURCE))
    assert result.added is False
    assert index.stats() == before


def test_the_index_persists_and_reopens(index):
    reopened = GuidelineIndex(index.directory)
    assert reopened.stats() == index.stats()
    query = "naloxone offered when overdose risk is increased"
    assert [e.id for e in reopened.search(query, k=3)] == [e.id for e in index.search(query, k=3)]


def test_search_works_with_no_network(index):
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from pathlib import Path\n"
        "from guideline_index.search import GuidelineIndex\n"
        f"index = GuidelineIndex(Path({str(index.directory)!r}))\n"
        "print(index.search('spinal cord stimulator trial success', k=1)[0].id)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                                            "HOME": str(index.directory)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() in {e.id for e in load_corpus()}


# ------------------------------------------------------------------ CLI

runner = CliRunner()


def test_cli_add_refuses_an_unusable_file_with_exit_2(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = runner.invoke(app, ["index", "add", str(bad), "--source", "X",
                                 "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}: the PDF is corrupt or unreadable")


def test_cli_search_prints_id_citation_and_text(index):
    data_dir = Path(index.directory).parent
    result = runner.invoke(app, ["index", "search", "one-month home trial of TENS", "--data-dir",
                                 str(data_dir), "--setting", "ca_workers_comp", "--on",
                                 "2016-05-01", "-k", "3"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    expected = index.search_hits("one-month home trial of TENS", SearchFilters(
        setting="ca_workers_comp", on=dt.date(2016, 5, 1)), k=3)
    for hit in expected:
        assert hit.excerpt.id in result.stdout.replace("\n", "")
        assert hit.excerpt.short in result.stdout


def test_drafting_with_retrieval_cites_only_what_each_section_was_given(index):
    import asyncio

    from drafting.backends.registry import create
    from drafting.case import load_case
    from drafting.settings import Settings
    from drafting.stages import Retrieve, draft_case
    from tests.conftest import EXAMPLES

    case = load_case(EXAMPLES / "pi-mvc-multi-item.yaml")

    def retrieve(query, item):  # type: ignore[no-untyped-def]
        return index.search(query, SearchFilters(
            setting=case.setting.value, procedure=item.procedure.value if item else None,
            on=item.date_of_service if item else None), k=3)

    class Source:  # the retrieve stage's source: this index, searched for this case
        def searcher(self, case, retrieval):  # type: ignore[no-untyped-def]
            return {**index.catalog.excerpts}, retrieve

    settings = Settings()
    grounding = Retrieve(Source(), retrieval=True).run(case)
    draft = asyncio.run(draft_case(case, "h", create("offline", settings), settings, grounding))
    assert draft.invalid_citations == []
    ketamine = next(s for s in draft.sections if s.key == "analysis-I6")
    assert "asra-2018-ketamine-chronic-pain" in ketamine.excerpt_ids
    for section in draft.sections:
        for excerpt_id in section.excerpt_ids:
            excerpt = index.get(excerpt_id)
            if section.item_id:
                item = next(i for i in case.disputed_items if i.id == section.item_id)
                assert excerpt.in_force_on(item.date_of_service), (section.key, excerpt_id)
