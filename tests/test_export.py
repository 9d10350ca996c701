"""Export: endnote numbering, unresolved citations, and the Markdown, Word, PDF and JSON files,
read back with python-docx, pypdf and pdftoppm. Drafts are built here from hand-written data."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from drafting import atomic_files as atomic
from drafting.criteria.results import CriterionResult, ItemResult, Status
from drafting.draft import OFFLINE_LABEL, Citation, Draft, Provenance, SectionDraft, Source
from drafting.export import FORMATS, export, to_docx, to_json, to_markdown, to_pdf
from drafting.export.citations import NO_SOURCE, Ref, Unresolved, resolve_citations
from drafting.export.fonts import choose_font, transliterate
from drafting.export.layout import (
    INFO_TITLE,
    SIGNATURE_LINES,
    Letterhead,
    load_letterhead,
    note_text,
)

ESI = "G:mtus-cp-esi-criteria"
REPEAT = "G:mtus-cp-esi-repeat"
SOURCES = {
    "F5": Source(marker="F5", kind="fact",
                 label="F5: MRI lumbar spine without contrast (D3), 2016-04-12, p. 1",
                 text="L4-5 disc protrusion contacting the traversing left L5 nerve root."),
    "F7": Source(marker="F7", kind="fact",
                 label="F7: Pain management consultation (D4), 2016-05-03, p. 2",
                 text="Left L5 dermatomal numbness, positive straight-leg raise at 40 degrees and "
                      "diminished left extensor hallucis longus strength (4/5)."),
    "F9": Source(marker="F9", kind="fact",
                 label="F9: Physical therapy discharge summary (D5), 2016-07-21, p. 1",
                 text="Twelve sessions of physical therapy and a home exercise program over ten "
                      "weeks without lasting improvement in leg pain."),
    ESI: Source(marker=ESI, kind="excerpt",
                label="MTUS Chronic Pain (2009), Epidural steroid injections (ESIs), p. 46",
                text="Radiculopathy must be documented by physical examination and corroborated "
                     "by imaging or electrodiagnostic testing, and be initially unresponsive to "
                     "conservative treatment."),
    REPEAT: Source(marker=REPEAT, kind="excerpt",
                   label="MTUS Chronic Pain (2009), Epidural steroid injections (ESIs), p. 46",
                   text="Repeat blocks should be based on continued objective documented pain "
                        "relief and functional improvement, including at least 50% pain relief "
                        "for six to eight weeks."),
}
TEXTS = {
    "engagement": (
        "Counsel for the employer asked whether a left L4-L5 transforaminal epidural steroid "
        "injection requested on 9 August 2016 was medically necessary under the Medical Treatment "
        f"Utilization Schedule [{ESI}]. This opinion applies that standard to the records "
        "provided and does not address causation or apportionment."),
    "chronology": (
        "- 12 April 2016: MRI showed an L4-5 disc protrusion contacting the left L5 root [F5].\n"
        "- 3 May 2016: examination found left L5 numbness, a positive straight-leg raise and "
        "4/5 extensor hallucis longus strength [F7].\n"
        "- 21 July 2016: ten weeks of physical therapy ended without lasting relief [F9][F5].\n"
        "\nNo electrodiagnostic study appears in the packet."),
    "analysis": (
        "Radiculopathy is documented on examination [F7] and corroborated by imaging [F5], "
        f"which satisfies the first criterion [{ESI}]. Conservative care was tried for ten weeks "
        "without lasting benefit [F9]. The record describes “50–60% relief” after a prior block "
        "[F99], but no such procedure note is in the packet. For any repeat block the guideline "
        f"asks for ≥ 50% relief lasting 6–8 weeks → with functional gains [{REPEAT}]. "
        "The first injection does not depend on that threshold."),
    "objections": (
        "The defense may argue that the MRI finding is incidental. The answer is that the level "
        "and side of the protrusion match the dermatomal findings [F5][F7], and the guideline "
        f"requires exactly that concordance [{ESI}]."),
    "conclusion": (
        "**Opinion.** To a reasonable degree of medical probability, the left L4-L5 "
        f"transforaminal epidural steroid injection was medically necessary [{ESI}][F7]. "
        f"Repeat injections would need documented relief of at least 50% [{REPEAT}]."),
}
TITLES = {
    "engagement": "Engagement and question presented",
    "chronology": "Clinical chronology",
    "analysis": "Analysis: Lumbar transforaminal ESI",
    "objections": "Anticipated counter-arguments",
    "conclusion": "Conclusion",
}
HEADINGS = [f"{n}. {t}" for n, t in enumerate(TITLES.values(), start=1)]
# The signature block follows the last section (the outline here has no signature section); the
# draft's information page (the offline notice, metadata, required elements) comes last.
END_HEADINGS = ["Signature", "Citation problems", "Notes", INFO_TITLE]
# First appearance order across the document; F99 is invalid and never numbered.
ORDER = [ESI, "F5", "F7", "F9", REPEAT]


@pytest.fixture(autouse=True)
def _no_letterhead(monkeypatch, tmp_path):
    """Exports here never read a letterhead from the user's data directory."""
    monkeypatch.setenv("NECESSITY_LETTERHEAD", str(tmp_path / "no-letterhead.yaml"))


def _citations(text: str) -> list[Citation]:
    found = []
    for match in re.finditer(r"\[(F\d+|G:[a-z0-9-]+)\]", text):
        marker = match.group(1)
        kind = "excerpt" if marker.startswith("G:") else "fact"
        valid = marker != "F99"
        found.append(Citation(marker=marker, kind=kind, target=marker.removeprefix("G:"),
                              sentence=0, valid=valid,
                              problem=None if valid else "F99 is not a fact in this case"))
    return found


def make_draft(**changes: object) -> Draft:
    sections = [SectionDraft(key=key, kind="item_analysis" if key == "analysis" else key,
                             title=TITLES[key], item_id="I1" if key == "analysis" else None,
                             text=text, citations=_citations(text))
                for key, text in TEXTS.items()]
    item = ItemResult(
        item_id="I1", service="Left L4-L5 transforaminal ESI", criteria_set="mtus-esi",
        criteria_title="MTUS epidural steroid injection criteria", outcome="necessary",
        confidence="high", deciding=["C1"], summary="Radiculopathy corroborated; care failed.",
        criteria=[CriterionResult(criterion_id="C1", statement="Radiculopathy corroborated",
                                  required=True, status=Status.met, reason="Exam and MRI agree.",
                                  supporting_facts=["F5", "F7"], basis=["mtus-cp-esi-criteria"])])
    data: dict[str, object] = dict(
        case_id="wc-synthetic-esi", case_hash="0" * 64,
        title="Medical-necessity opinion: lumbar epidural steroid injection",
        document_type="litigation_opinion", perspective="defense", setting="ca_workers_comp",
        created_at=dt.datetime(2024, 5, 1, 14, 30, tzinfo=dt.UTC), label=OFFLINE_LABEL,
        sections=sections, criteria=[item], sources=SOURCES,
        provenance=Provenance(backend="offline", model="deterministic-composer",
                              language_model=False))
    data.update(changes)
    return Draft.model_validate(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ---- endnote numbering and unresolved citations ----


def test_markers_are_numbered_by_first_appearance_and_reused():
    footnoted = resolve_citations(make_draft())
    assert [note.marker for note in footnoted.notes] == ORDER
    assert [note.number for note in footnoted.notes] == [1, 2, 3, 4, 5]
    refs = [[(p.number, p.marker) for p in s if isinstance(p, Ref)] for s in footnoted.sections]
    assert refs[1] == [(2, "F5"), (3, "F7"), (4, "F9"), (2, "F5")]  # adjacent [F9][F5]
    assert refs[4] == [(1, ESI), (3, "F7"), (5, REPEAT)]
    md = to_markdown(make_draft())
    assert "without lasting relief[^4][^2]." in md
    assert "corroborated by imaging[^2], which" in md
    assert md.count("[^2]") == 5  # four references and one definition


def test_invalid_and_unknown_markers_stay_visible_and_are_listed():
    draft = make_draft()
    draft.sections[3].text += " The treating notes cite [F12] and [G:Bad_Id]."
    draft.sections[3].citations.append(Citation(marker="G:Bad_Id", kind="excerpt",
                                                target="G:Bad_Id", sentence=2, valid=False,
                                                problem="malformed citation marker"))
    footnoted = resolve_citations(draft)
    unresolved = [p.marker for s in footnoted.sections for p in s if isinstance(p, Unresolved)]
    assert unresolved == ["F99", "F12", "G:Bad_Id"]
    assert [(p.section, p.marker, p.reason) for p in footnoted.problems] == [
        (3, "F99", "F99 is not a fact in this case"),
        (4, "G:Bad_Id", "malformed citation marker"),
        (4, "F12", NO_SOURCE),
    ]
    assert [n.marker for n in footnoted.notes] == ORDER  # numbering is unaffected
    md = to_markdown(draft)
    for marker in ("F99", "F12", "G:Bad_Id"):
        assert f"[unresolved: {marker}]" in md
        assert f"[{marker}] in section" in md.split("## Citation problems")[1]


def test_a_marker_invalid_in_one_section_still_resolves_where_it_is_valid():
    draft = make_draft()
    draft.sections[0].citations[0] = draft.sections[0].citations[0].model_copy(
        update={"valid": False, "problem": "excerpt was not given to this section"})
    footnoted = resolve_citations(draft)
    assert isinstance(footnoted.sections[0][1], Unresolved)
    assert footnoted.notes[0].marker == "F5"
    assert ESI in [n.marker for n in footnoted.notes]


def test_note_wording_for_facts_and_excerpts():
    notes = {n.marker: n for n in resolve_citations(make_draft()).notes}
    # a fact's note names its document, date and page, without the case file's ids
    assert note_text(notes["F5"]) == (
        "MRI lumbar spine without contrast, 12 April 2016, p. 1: "
        "L4-5 disc protrusion contacting the traversing left L5 nerve root.")
    assert note_text(notes[ESI]).startswith(
        "MTUS Chronic Pain (2009), Epidural steroid injections (ESIs), p. 46: Radiculopathy must")


def test_a_failed_section_is_shown_not_dropped():
    draft = make_draft()
    draft.sections[2] = draft.sections[2].model_copy(
        update={"text": "", "status": "failed", "error": "backend timed out", "citations": []})
    md = to_markdown(draft)
    assert "## 3. Analysis: Lumbar transforaminal ESI\n\n[This section could not be drafted: " \
           "backend timed out]" in md


# ---- Markdown and JSON ----


def test_markdown_structure():
    md = to_markdown(make_draft())
    lines = md.splitlines()
    assert lines[0] == f"# {make_draft().title}"
    assert lines[2] == "1 May 2024"  # the letter's date: drafted (signed: the sign-off day)
    body, info = md.split(f"## {INFO_TITLE}")
    assert OFFLINE_LABEL not in body  # the offline notice is on the information page
    assert f"> {OFFLINE_LABEL}" in info
    for part in ("**Document type:** Litigation opinion", "**Perspective:** defense",
                 "**Setting:** California workers' compensation", "**Date:** 2024-05-01",
                 "**Backend:** offline (deterministic-composer)", "**Letterhead:** none"):
        assert part in info
    assert "### Required elements" in info
    assert "Records reviewed: missing." in info  # this hand-made draft has no records section
    headings = [line[3:] for line in lines if line.startswith("## ")]
    assert headings == HEADINGS + END_HEADINGS
    definitions = re.findall(r"^\[\^(\d+)\]: ", md, flags=re.M)
    assert definitions == ["1", "2", "3", "4", "5"]
    assert set(re.findall(r"\[\^(\d+)\](?!:)", md)) == set(definitions)
    assert "[^2]: MRI lumbar spine without contrast, 12 April 2016, p. 1: L4-5" in md
    assert "- 12 April 2016: MRI showed" in md  # list lines survive
    signature = body.split("## Signature")[1].split("## Citation problems")[0]
    assert all(line in signature for line in SIGNATURE_LINES)


def test_no_signature_heading_when_the_outline_has_a_signature_section():
    draft = make_draft()
    draft.sections.append(SectionDraft(key="signature", kind="signature", title="Signature",
                                       text="These opinions rest on the records listed."))
    md = to_markdown(draft)
    assert "## 6. Signature" in md
    assert "## Signature" not in md
    block = md.split("## 6. Signature")[1].split("## Citation problems")[0]
    assert "These opinions rest on the records listed." in block
    assert all(line in block for line in SIGNATURE_LINES)


def test_a_signed_draft_shows_the_signer_and_never_a_placeholder():
    draft = make_draft()
    draft.sections.insert(1, SectionDraft(
        key="qualifications", kind="qualifications", title="Reviewer qualifications",
        text="The reviewer is [Reviewer name], [Reviewer credentials]. No role in the care."))
    draft.sections.append(SectionDraft(key="signature", kind="signature", title="Signature",
                                       text="These opinions rest on the records listed."))
    unsigned = to_markdown(draft)
    assert "[Reviewer name], [Reviewer credentials]" in unsigned
    assert SIGNATURE_LINES[0] in unsigned
    signed = draft.model_copy(update={
        "signed_off_by": "Dr. A. Reyes", "signer_credentials": "MD, board certified in pain "
        "medicine", "signed_off_at": dt.datetime(2024, 5, 3, 9, 0, tzinfo=dt.UTC)})
    for text in (to_markdown(signed), _docx_text(signed), _pdf_text(signed)):
        assert "[Reviewer" not in text and "____" not in text
        assert "The reviewer is Dr. A. Reyes, MD, board certified in pain medicine." in text
        assert "Signed: Dr. A. Reyes" in text and "Date: 3 May 2024" in text
        assert "Reviewer's qualifications" not in text.split(INFO_TITLE)[-1] or \
            "missing" not in text.split("Reviewer's qualifications")[-1][:20]
    # signed without credentials on record: the name is filled, the credentials placeholder
    # goes, and the information page lists the qualifications as missing
    bare = signed.model_copy(update={"signer_credentials": None})
    md = to_markdown(bare)
    assert "The reviewer is Dr. A. Reyes. No role" in md and "[Reviewer" not in md
    assert "Reviewer's qualifications: missing. Signed off without credentials" in md
    assert "3 May 2024" in md.splitlines()[2]  # the letter is dated the day it was signed


def _docx_text(draft: Draft) -> str:
    from drafting.export.docx import build_docx
    return "\n".join(p.text for p in build_docx(draft).paragraphs)


def _pdf_text(draft: Draft) -> str:
    import io

    from drafting.export.pdf import build_pdf
    reader = PdfReader(io.BytesIO(bytes(build_pdf(draft).output())))
    return "\n".join(squash(page.extract_text()) for page in reader.pages)


def test_the_letterhead_heads_every_format(tmp_path):
    path = tmp_path / "letterhead.yaml"
    path.write_text("lines:\n  - Valley Spine and Pain Medicine\n  - 100 Main Street, "
                    "Fresno, CA 93721\n", encoding="utf-8")
    letterhead = load_letterhead(path)
    assert letterhead == Letterhead(("Valley Spine and Pain Medicine",
                                     "100 Main Street, Fresno, CA 93721"), str(path))
    draft = make_draft()
    md = to_markdown(draft, letterhead)
    assert md.splitlines()[2] == "**Valley Spine and Pain Medicine**  "
    assert f"**Letterhead:** {path}" in md
    from drafting.export.docx import build_docx
    from drafting.export.pdf import build_pdf
    assert build_docx(draft, letterhead).paragraphs[0].text == "Valley Spine and Pain Medicine"
    import io
    first = PdfReader(io.BytesIO(bytes(build_pdf(draft, letterhead=letterhead).output())))
    assert squash(first.pages[0].extract_text()).startswith("Valley Spine and Pain Medicine")
    assert load_letterhead(tmp_path / "absent.yaml") is None


def test_the_letter_head_section_is_printed_unnumbered_above_the_title():
    draft = make_draft()
    draft.sections.insert(0, SectionDraft(key="letter", kind="letter",
                                          title="Addressee and reference",
                                          text="To: Counsel of record\nRe: Medical necessity"))
    md = to_markdown(draft)
    assert md.index("To: Counsel of record  \nRe: Medical necessity") < md.index("## 1. ")
    assert "Addressee and reference" not in md
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")][:5] == HEADINGS


def test_markdown_without_label_has_no_blockquote():
    assert "\n> " not in to_markdown(make_draft(label=None))


def test_json_is_the_full_model_with_the_label_first():
    draft = make_draft()
    text = to_json(draft)
    assert text.startswith('{\n  "label": "Drafted without a language model')
    assert Draft.model_validate_json(text) == draft
    assert json.loads(text)["criteria"][0]["criteria"][0]["status"] == "met"


# ---- Word ----


def test_docx_headings_superscripts_label_and_notes(tmp_path):
    draft = make_draft()
    path = to_docx(draft, tmp_path / "opinion.docx")
    doc = Document(str(path))
    paragraphs = doc.paragraphs
    assert paragraphs[0].text == "1 May 2024"  # the letter's date (no letterhead here)
    assert (paragraphs[1].style.name, paragraphs[1].text) == ("Heading 1", draft.title)
    info = [p.text for p in paragraphs].index(INFO_TITLE)
    label = paragraphs[info + 1]  # the offline notice, boxed, on the information page
    assert label.text == OFFLINE_LABEL and all(run.italic for run in label.runs)
    ppr = label._p.pPr.xml
    assert "<w:shd" in ppr and "<w:pBdr>" in ppr
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert headings == HEADINGS + END_HEADINGS
    body = paragraphs[paragraphs.index(next(p for p in paragraphs if p.text == HEADINGS[1])) + 1:]
    first_bullet = body[0]
    assert first_bullet.style.name == "List Bullet"
    assert [r.text for r in first_bullet.runs if r.font.superscript] == ["2"]
    superscripts = [r.text for p in paragraphs for r in p.runs if r.font.superscript]
    expected = [("," if isinstance(q, Ref) else "") + str(p.number)
                for s in resolve_citations(draft).sections
                for p, q in zip(s, [None, *s], strict=False) if isinstance(p, Ref)]
    assert superscripts == expected
    assert ",2" in superscripts  # [F9][F5] -> 4,2 rather than 42
    texts = [p.text for p in paragraphs]
    opinion = texts[:texts.index("Citation problems")]
    assert not any(re.search(r"\[(F\d+|G:[a-z0-9-]+)\]", text) for text in opinion)
    unresolved = [r for p in paragraphs for r in p.runs if r.text == "[unresolved: F99]"]
    assert len(unresolved) == 1 and unresolved[0].bold
    notes = paragraphs[[p.text for p in paragraphs].index("Notes") + 1:][:5]
    assert [p.text.split(". ", 1)[0] for p in notes] == ["1", "2", "3", "4", "5"]
    assert notes[1].text.startswith("2. MRI lumbar spine without contrast, 12 April 2016")
    signature = [p.text for p in paragraphs].index("Signature")
    assert [p.text for p in paragraphs[signature + 1:signature + 5]] == list(SIGNATURE_LINES)
    assert paragraphs[-1].text.endswith(": present") or ": missing." in paragraphs[-1].text
    opinion_runs = next(p for p in paragraphs if p.text.startswith("Opinion.")).runs
    assert (opinion_runs[0].text, opinion_runs[0].bold) == ("Opinion.", True)  # **Opinion.**


# ---- PDF ----


def _pdf_pages_as_png(pdf: Path, out: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out / "page")], check=True,
                   capture_output=True, timeout=60)
    return sorted(out.glob("page-*.png"))


def _outline_titles(reader: PdfReader) -> list[str]:
    titles, stack = [], [reader.outline]
    while stack:
        entry = stack.pop(0)
        if isinstance(entry, list):
            stack[:0] = entry
        else:
            titles.append(entry.title)
    return titles


def _check_pdf(path: Path, tmp_path: Path, expected_pages: int) -> list[str]:
    reader = PdfReader(path)
    pages = [squash(page.extract_text()) for page in reader.pages]
    pngs = _pdf_pages_as_png(path, tmp_path / "png")
    assert len(pngs) == len(reader.pages) == expected_pages
    assert _outline_titles(reader) == HEADINGS + END_HEADINGS + ["Required elements"]
    text = " ".join(pages)
    for heading in HEADINGS + END_HEADINGS:
        assert heading in text
    assert squash(OFFLINE_LABEL) in pages[-1]  # on the information page, the last
    assert pages[-1].startswith(INFO_TITLE)
    assert "[unresolved: F99]" in text
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {expected_pages}" in page
    return pages


@pytest.mark.parametrize("fonts", ["system", "core-only"])
def test_pdf_pages_text_outline_and_label(tmp_path, fonts):
    choice = choose_font()
    if not choice.unicode:
        pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
    font_dir = None
    if fonts == "core-only":  # what fonts-dejavu-core ships: no oblique, so no italic face
        font_dir = tmp_path / "dejavu-core"
        font_dir.mkdir()
        for style in ("", "B"):
            shutil.copy(choice.files[style], font_dir)
        assert choose_font(font_dir).files["I"].name == "DejaVuSans.ttf"
    # At 10.5 pt on Letter paper the five sections fill most of page 1; the signature block,
    # the citation problems and the five notes take page 2; the information page is page 3.
    path = to_pdf(make_draft(), tmp_path / "opinion.pdf", font_dir=font_dir)
    pages = _check_pdf(path, tmp_path, expected_pages=3)
    assert "Signature" in pages[1] and "Citation problems" in pages[1]
    text = " ".join(pages)
    assert "≥ 50% relief lasting 6–8 weeks → with functional gains" in text
    assert "MRI lumbar spine without contrast, 12 April 2016, p. 1" in text
    assert "relief4,2." in text.replace(" ", "")  # numbers follow the word, comma-separated
    assert "Opinion. To a reasonable degree" in text and "**" not in text


def test_pdf_falls_back_to_a_core_font_with_transliteration(tmp_path):
    path = to_pdf(make_draft(), tmp_path / "core.pdf", font_dir=tmp_path / "no-fonts-here")
    reader = PdfReader(path)
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert all("Helvetica" in name for name in fonts)
    text = _check_pdf(path, tmp_path, expected_pages=3)
    joined = " ".join(text)
    assert '>= 50% relief lasting 6-8 weeks -> with functional gains' in joined
    assert '"50-60% relief"' in joined
    assert "MRI lumbar spine without contrast, 12 April 2016" in joined


def test_transliteration_covers_typography_and_never_raises():
    assert transliterate("≥ ≤ – — “a” ‘b’ → … • ½ é") == ">= <= - - \"a\" 'b' -> ... - ½ é"
    assert transliterate("Łódź 中") == "Lódz ?"  # ó is Latin-1; ł and ź are not
    transliterate("".join(map(chr, range(0x2000, 0x2200)))).encode("latin-1")


# ---- export() ----


def test_export_writes_every_format_with_the_label(tmp_path):
    draft = make_draft()
    written = export(draft, tmp_path / "out", ["md", "docx", "pdf", "json"])
    assert written == {ext: tmp_path / "out" / f"wc-synthetic-esi.{ext}" for ext in FORMATS}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"wc-synthetic-esi.{ext}" for ext in FORMATS)
    # the offline notice is in every format, on the draft's information page
    assert OFFLINE_LABEL in written["md"].read_text(encoding="utf-8").split(INFO_TITLE)[1]
    assert OFFLINE_LABEL in [p.text for p in Document(str(written["docx"])).paragraphs]
    last_page = squash(PdfReader(written["pdf"]).pages[-1].extract_text())
    assert squash(OFFLINE_LABEL) in last_page
    assert json.loads(written["json"].read_text(encoding="utf-8"))["label"] == OFFLINE_LABEL
    # exports hold patient data: owner-only files in an owner-only folder it created
    assert {p.stat().st_mode & 0o777 for p in written.values()} == {0o600}
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700


def test_export_rejects_an_unknown_format_before_writing(tmp_path):
    with pytest.raises(ValueError, match=r"unknown export format\(s\): xls; choose from "
                                         r"md, docx, pdf, json"):
        export(make_draft(), tmp_path, ["md", "xls"])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    old = tmp_path / "wc-synthetic-esi.md"
    old.write_text("earlier version", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    for formats in (["md"], ["pdf"], ["docx"]):
        with pytest.raises(OSError, match="No space left"):
            export(make_draft(), tmp_path, formats)
    assert [p.name for p in tmp_path.iterdir()] == [old.name]
    assert old.read_text(encoding="utf-8") == "earlier version"
