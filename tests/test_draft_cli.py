"""The main job: ``necessity draft CASE`` writes Markdown, DOCX, PDF and JSON whose citations all
resolve; the PDF renders page by page (pdftoppm) with every section heading."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from drafting.cli.app import app
from drafting.draft import OFFLINE_LABEL, Draft
from tests.conftest import EXAMPLES

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["draft", str(CASE), "--no-retrieval", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_all_four_formats_are_written_and_labelled(drafted):
    out, result = drafted
    names = sorted(p.name for p in out.iterdir())
    stem = CASE.stem
    assert names == sorted(f"{stem}.{ext}" for ext in ("docx", "json", "md", "pdf"))
    draft = Draft.model_validate_json((out / f"{stem}.json").read_text())
    assert draft.invalid_citations == [] and draft.complete
    assert OFFLINE_LABEL in (out / f"{stem}.md").read_text()
    assert "(0 invalid)" in result.stdout
    word = Document(str(out / f"{stem}.docx"))
    assert any("without a language model" in p.text for p in word.paragraphs)


def test_every_citation_in_the_markdown_resolves_to_a_note(drafted):
    out, _ = drafted
    text = (out / f"{CASE.stem}.md").read_text()
    references = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    notes = set(re.findall(r"^\[\^(\d+)\]:", text, flags=re.MULTILINE))
    assert references and references == notes
    assert "[unresolved" not in text and "[F" not in text.split("## Notes")[0]


def test_the_pdf_renders_with_its_pages_and_headings(drafted, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed; .ci/run installs it")
    out, _ = drafted
    pdf = out / f"{CASE.stem}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pngs = sorted(tmp_path.glob("page*.png"))
    reader = PdfReader(pdf)
    assert len(pngs) == len(reader.pages) >= 4
    assert all(p.stat().st_size > 5_000 for p in pngs), "blank page rendered"
    draft = Draft.model_validate_json((out / f"{CASE.stem}.json").read_text())
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    # the letter's head (addressee and re-line) is printed unnumbered above the title
    head, *body = draft.sections
    assert head.kind == "letter" and head.text.splitlines()[0] in reader.pages[0].extract_text()
    for number, section in enumerate(body, start=1):
        assert any(title.startswith(f"{number}. {section.title}") for title in outline), \
            (number, section.title, outline)
        assert title_on_some_page(reader, section.title), section.title
    # the offline notice is on the draft's information page, the last
    assert "Drafted without a language model" not in reader.pages[0].extract_text()
    assert "Drafted without a language model" in reader.pages[-1].extract_text()


def title_on_some_page(reader: PdfReader, title: str) -> bool:
    words = title.split()[:4]
    return any(all(w in page.extract_text() for w in words) for page in reader.pages)


def test_unknown_format_and_bad_type_are_refused(tmp_path):
    runner = CliRunner()
    bad_format = runner.invoke(app, ["draft", str(CASE), "--format", "md,xls", "--out",
                                     str(tmp_path)])
    assert bad_format.exit_code == 2 and "unknown format(s) xls" in bad_format.stderr
    bad_type = runner.invoke(app, ["draft", str(CASE), "--type", "review_determination",
                                   "--no-retrieval", "--out", str(tmp_path)])
    assert bad_type.exit_code == 2
    assert "not written from the plaintiff perspective" in bad_type.stderr
    assert not any(tmp_path.iterdir())


def test_an_appeal_of_a_case_without_a_denial_is_refused_with_a_dossier_offered(tmp_path):
    no_denial = CASE.parent / "wc-itp-letter.yaml"  # a request no one has denied yet
    refused = CliRunner().invoke(app, ["draft", str(no_denial), "--type", "appeal_letter",
                                       "--perspective", "provider", "--no-retrieval",
                                       "--out", str(tmp_path)])
    assert refused.exit_code == 2
    message = " ".join(refused.stderr.split())
    assert "an appeal_letter answers a denial, and case wc-itp-letter records none" in message
    assert "--type predenial_dossier" in message
    assert not any(tmp_path.iterdir())


def test_json_output_holds_criteria_and_provenance(drafted):
    out, _ = drafted
    data = json.loads((out / f"{CASE.stem}.json").read_text())
    assert [r["outcome"] for r in data["criteria"]] == ["necessary", "not_necessary"]
    provenance = data["provenance"]
    assert provenance["backend"] == "offline" and provenance["language_model"] is False
    assert set(provenance["prompt_hashes"]) == {s["key"] for s in data["sections"]}
    assert provenance["excerpt_ids"]


def test_draft_prints_what_the_physician_must_add_and_still_writes_the_letter(tmp_path):
    # A pre-denial dossier of a case whose items UR already denied: drafted (exit 0), with a
    # "check:" line naming the denial and the letter to draft instead; the signer's own block
    # is filled at sign-off and is not listed.
    case = EXAMPLES / "wc-consult-topical-imr.yaml"
    result = CliRunner().invoke(app, ["draft", str(case), "--type", "predenial_dossier",
                                      "--perspective", "provider", "--no-retrieval", "--out",
                                      str(tmp_path), "--format", "md"])
    assert result.exit_code == 0, result.output
    said = result.output + (result.stderr if result.stderr_bytes is not None else "")
    checks = [line for line in said.splitlines() if line.startswith("check: ")]
    assert any("A request not yet decided: missing. I1 was denied on 24 May 2017" in line
               and "--type appeal_letter" in line for line in checks), said
    assert not any("Signer" in line or "qualifications" in line for line in checks)
    assert (tmp_path / "wc-consult-topical-imr.md").exists()
