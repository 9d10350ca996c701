"""Record intake on the synthetic packets in examples/records/: real PDFs (one fully scanned, one
with a scanned page, both OCR'd by tesseract), DOCX and text files, scored against the
hand-written expected case files; bad files refused with reasons while the rest is read."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfWriter
from typer.testing import CliRunner

from drafting.case import Case, load_case
from drafting.case.vocab import RecordType
from drafting.cli.app import app
from drafting.criteria.evaluate import evaluate_case
from drafting.intake.extract.vocabulary import drugs, mme_source
from drafting.intake.reading import read_record
from drafting.intake.run import run_intake
from drafting.intake.score import Comparison, compare
from guideline_index.ingest.errors import IngestError
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

RECORDS = ROOT / "examples" / "records"
PACKETS = ["wc-lumbar-tfesi", "medicare-lumbar-facet", "commercial-scs-trial", "pi-cervical-esi"]
TODAY = dt.date(2025, 1, 1)
runner = CliRunner()
needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None or shutil.which("pdftoppm")
                               is None, reason="tesseract-ocr and poppler-utils are needed")


def packet_files(name: str) -> list[Path]:
    return sorted((RECORDS / name).iterdir())


@pytest.fixture(scope="module")
def drafted() -> dict[str, Case]:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr is not installed")
    out = {}
    for name in PACKETS:
        outcome = run_intake(packet_files(name), case_id=name, today=TODAY)
        assert outcome.drafted.problems == [], [p.render(name) for p in outcome.drafted.problems]
        out[name] = Case.model_validate(outcome.drafted.data)
    return out


@pytest.mark.parametrize("name", PACKETS)
def test_expected_case_files_are_valid_cases(name):
    case = load_case(RECORDS / "expected" / f"{name}.yaml")
    assert case.synthetic and len(case.facts) >= 15


def _compared(drafted: dict[str, Case], name: str):  # type: ignore[no-untyped-def]
    case = drafted[name]
    expected = load_case(RECORDS / "expected" / f"{name}.yaml")
    return expected, compare(expected, case.facts, case.documents, case.disputed_items)


@needs_ocr
@pytest.mark.parametrize("name", PACKETS)
def test_intake_recovers_the_expected_facts_of_each_packet(drafted, name):
    expected, result = _compared(drafted, name)
    assert result.total.recall >= 0.90, [f"{f.id} {f.statement}" for f in result.missed]
    assert result.documents.matched == len(expected.documents)  # type, date and page count
    assert result.items.matched == len(expected.disputed_items)


@needs_ocr
def test_intake_recall_and_spurious_rate_over_all_packets(drafted):
    total = Comparison()
    for name in PACKETS:
        total.add(_compared(drafted, name)[1])
    assert total.total.expected >= 100
    assert total.total.recall >= 0.90
    assert total.total.spurious <= 0.05, [f.statement for f in total.spurious_facts]
    assert total.tags.recall >= 0.90 and total.tags.precision >= 0.90


@needs_ocr
def test_scanned_pages_are_read_by_ocr(drafted):
    mri = drafted["wc-lumbar-tfesi"]
    impression = [f for f in mri.facts if f.source.document == "D3"
                  and f.category.value == "imaging"]
    # the whole report is an image: its findings (page 1, the L3-L4 line the impression does
    # not state) and its impression (page 2) are read by OCR
    assert {f.source.page for f in impression} == {1, 2}
    assert ["L4-L5"] in [f.levels for f in impression]
    diary = [f for f in drafted["medicare-lumbar-facet"].facts
             if f.source.document == "D4" and f.source.page == 2]  # a scanned page in a PDF
    assert any(f.percent_relief == 90 for f in diary)


@needs_ocr
def test_drafted_case_feeds_the_criteria_engine(drafted, tmp_path):
    case = drafted["wc-lumbar-tfesi"]
    item = case.disputed_items[0]
    assert (item.procedure.value, item.code, item.details.levels) == ("esi", "64483", ["L4-L5"])
    assert item.prior_decision and item.prior_decision.decision.value == "denied"
    assert evaluate_case(case)[0].outcome is not None
    assert case.patient.model_dump() == {"age": 47, "sex": "male", "occupation": None}


def drafted_from_text(tmp_path: Path, text: str) -> dict:
    """The case intake drafts from one text record."""
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="from-text", today=TODAY).drafted.data


def test_opioid_doses_carry_mme_from_the_cdc_2022_table(tmp_path):
    factors = {d.name: d.mme_factor for d in drugs() if d.mme_factor is not None}
    assert factors["oxycodone"] == 1.5 and factors["tramadol"] == 0.2
    assert factors["methadone"] == 4.7 and factors["fentanyl"] == 2.4
    assert "2022" in mme_source()["title"]
    facts = drafted_from_text(tmp_path, (
        "PROGRESS NOTE\nDate of service: 03/01/2024\nMEDICATIONS\n"
        "Hydrocodone 10 mg, 2 tablets every 6 hours as needed.\n"
        "Fentanyl patch 25 mcg/hr every 72 hours.\n"
    ))["facts"]
    assert [(f["dose"]["drug"], f["mme"]) for f in facts] == [("hydrocodone", 80), ("fentanyl", 60)]


def _bad_files(tmp_path: Path) -> list[Path]:
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\nnot a pdf at all")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    encrypted = tmp_path / "encrypted.pdf"
    writer = PdfWriter(clone_from=RECORDS / "wc-lumbar-tfesi" / "05-procedure-report.pdf")
    writer.encrypt("secret")
    writer.write(encrypted)
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n", encoding="utf-8")
    return [corrupt, empty, encrypted, blank]


def test_bad_files_are_refused_with_reasons_and_the_rest_is_read(tmp_path):
    good = [RECORDS / "wc-lumbar-tfesi" / n for n in (
        "05-procedure-report.pdf", "08-request-for-authorization.pdf", "09-ur-determination.pdf")]
    out = tmp_path / "case.yaml"
    result = runner.invoke(app, ["intake", *map(str, _bad_files(tmp_path)), *map(str, good),
                                 "--out", str(out)])
    assert result.exit_code == 2, result.output
    errors = result.stderr
    assert "corrupt.pdf: the PDF is corrupt or unreadable" in errors
    assert "empty.pdf: the file is empty (0 bytes)" in errors
    assert "encrypted.pdf: the PDF is encrypted with a password" in errors
    assert "blank.txt: no readable text on any page" in errors
    assert "Traceback" not in result.output + errors
    case = load_case(out)  # the rest of the packet was read and makes a valid case
    assert [d.type for d in case.documents] == [RecordType.procedure_report,
                                               RecordType.request_for_authorization,
                                               RecordType.ur_denial]
    assert case.disputed_items[0].code == "64483"
    assert "Files not read:" in out.read_text(encoding="utf-8")


def test_nothing_is_written_when_no_record_can_be_read(tmp_path):
    out = tmp_path / "case.yaml"
    result = runner.invoke(app, ["intake", *map(str, _bad_files(tmp_path)), "--out", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "no record could be read" in result.stderr


def test_unreadable_pages_are_counted_and_reported(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("OFFICE VISIT NOTE\nDate of service: 03/01/2024\nBMI 31.2.\n\fx\f"
                    "Straight leg raise is positive on the left at 40 degrees.\n",
                    encoding="utf-8")
    out = tmp_path / "case.yaml"
    result = runner.invoke(app, ["intake", str(note), "--out", str(out), "--no-ocr"])
    assert result.exit_code == 1  # drafted, but no disputed item was found to complete it
    assert "page 2: blank page (no readable text)" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["documents"][0]["pages"] == 3
    assert [f["source"]["page"] for f in data["facts"]] == [1, 3]
    assert "disputed_items: must not be empty" in result.stderr


def test_proposed_facts_are_not_evidence_until_accepted():
    case = load_case(ROOT / "examples" / "cases" / "wc-lumbar-esi-plaintiff.yaml")
    before = evaluate_case(case)[0]
    relief = next(f for f in case.facts if f.percent_relief)
    proposed = case.model_copy(update={"facts": [
        f.model_copy(update={"proposed": True}) if f.id == relief.id else f
        for f in case.facts]})
    after = evaluate_case(proposed)[0]
    assert before.outcome != after.outcome


def test_the_generator_rebuilds_the_committed_packets(tmp_path):
    """Regenerated packets read the same as the committed ones: same files, page counts and
    text (compared as text, so a newer PDF or DOCX library that changes bytes still passes;
    ``generate.py --check`` compares bytes)."""
    result = subprocess.run([sys.executable, str(RECORDS / "generate.py"), "--out",
                             str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    committed = sorted(p for d in RECORDS.iterdir() if (RECORDS / "sources" / d.name).is_dir()
                       for p in d.iterdir())
    rebuilt = sorted(p for d in tmp_path.iterdir() for p in d.iterdir())
    assert [p.relative_to(RECORDS) for p in committed] == [p.relative_to(tmp_path)
                                                           for p in rebuilt]
    for old, new in zip(committed, rebuilt, strict=True):
        assert _pages(old) == _pages(new), old.name


def _pages(path: Path) -> list[tuple[int, str, str | None]] | str:
    """Page texts without OCR (a fully scanned file has none: its refusal is compared)."""
    try:
        return [(p.number, p.text, p.problem) for p in read_record(path, ocr=False).pages]
    except IngestError as exc:
        return exc.problem


def test_credentials_signatures_letterhead_and_headers_are_never_patient_facts(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "Harbor Pain Associates, 100 Main Street, Suite 200\n"
        "Tel (555) 014-2200   Fax (555) 014-2299\n"
        "PROGRESS NOTE                                   Page 1 of 2\n"
        "Date of service: 03/14/2022\n\n"
        "Low back pain radiating to the right leg; physical therapy for 6 weeks did not help.\n"
        "Straight-leg raise positive on the right at 40 degrees.\n\n"
        "----- Document 2: physician reviewer attestation -----\n"
        "The physician who reviewed this case is board certified in Physical Medicine and "
        "Rehabilitation, with experience in physical therapy and acupuncture.\n"
        "e-signed Pat Example, MD, fellowship-trained; certified in medical acupuncture\n"
    ))["facts"]
    statements = " ".join(f["statement"] for f in facts).lower()
    assert "physical therapy for 6 weeks" in statements  # the patient's own care is read
    for planted in ("board certified", "acupuncture", "suite 200", "(555)", "page 1 of 2",
                    "document 2"):
        assert planted not in statements, planted


def test_a_soap_plan_is_not_read_as_findings(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "PROGRESS NOTE\nDate of service: 05/09/2022\nS:\n"
        "- Low back pain radiating to the right leg for 3 months.\nP:\n"
        "- Cont HEP; f/u 4 wks\n- Cont gabapentin 300 mg TID\n"
    ))["facts"]
    statements = [f["statement"] for f in facts]
    assert any("radiating to the right leg" in s for s in statements)
    assert not any("Cont HEP" in s or "Cont gabapentin" in s for s in statements)


def test_a_determination_letter_gives_its_items_decisions_and_case_summary_facts(tmp_path):
    drafted = drafted_from_text(tmp_path, (
        "NOTICE OF INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\n\nDated: 10/18/2021\n\n"
        "A decision has been made for each of the treatments in dispute:\n\n"
        "1) Repeat right L5-S1 transforaminal epidural steroid injection (CPT 64483): "
        "MEDICALLY NECESSARY. The Utilization Review decision is overturned.\n"
        "2) Lidocaine 5% patch #30: NOT MEDICALLY NECESSARY. The decision is upheld.\n\n"
        "MEDICAL QUALIFICATIONS OF THE EXPERT REVIEWER\n"
        "The reviewer is Board Certified in Physical Medicine and Rehabilitation and is "
        "experienced in prescribing physical therapy and acupuncture.\n\n"
        "CLINICAL CASE SUMMARY\n"
        "At the visit of 04/20/2021 she reported 60% relief of right leg pain lasting about "
        "6 weeks.\nExamination showed a positive straight leg raise on the right at 40 degrees.\n"
        "\nISSUE 1: Repeat injection\nThe MTUS Chronic Pain Medical Treatment Guidelines, p. 46, "
        "support repeat blocks after at least 50% relief for six to eight weeks.\n"
    ))
    assert drafted["documents"][0]["type"] == "review_decision"
    items = [(i["procedure"], i.get("code"), i["prior_decision"]["decision"])
             for i in drafted["disputed_items"]]
    # (a lidocaine patch is a topical analgesic: drafting/intake/data/procedures.yaml)
    assert items == [("esi", "64483", "approved"), ("topical", None, "denied")]
    statements = " ".join(f["statement"] for f in drafted["facts"])
    assert "60% relief of right leg pain" in statements
    assert "positive straight leg raise" in statements
    for never in ("Board Certified", "acupuncture", "MTUS", "p. 46"):
        assert never not in statements, never


def test_a_number_inside_a_short_date_is_never_a_measure(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "PROGRESS NOTE\nDate of service: 05/09/2022\n"
        "Seen 3/7/22 for low back pain radiating to the right leg; ODI 44%.\n"
    ))["facts"]
    values = [(m["name"], m["value"]) for f in facts for m in f.get("measures", [])]
    assert ("ODI", 44) in values
    assert all(value not in (3, 7, 22) for _, value in values)


def test_one_text_file_holding_several_documents_is_split_at_its_banners(tmp_path):
    documents = drafted_from_text(tmp_path, (
        "----- Document 1: PSYCHOLOGICAL EVALUATION -----\nDate: 01/10/2023\n"
        "The patient was cleared for an implanted device.\n\n"
        "----- Document 2: SPINAL CORD STIMULATOR TRIAL REPORT -----\nDate: 03/01/2023\n"
        "The seven-day trial gave 60% relief of leg pain.\n\n"
        "----- Document 3: NOTICE OF ADVERSE DETERMINATION -----\nDate: 03/14/2023\n"
        "The permanent implant is not medically necessary.\n"
    ))["documents"]
    assert [(d["type"], str(d["date"])) for d in documents] == [
        ("psych_evaluation", "2023-01-10"), ("device_trial_record", "2023-03-01"),
        ("ur_denial", "2023-03-14")]


def test_a_month_or_year_without_a_day_is_kept_at_its_precision(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "PROGRESS NOTE\nDate of service: 09/12/2023\n"
        "She was treated with physical therapy in August 2011 which improved her "
        "symptoms.\nShe tried gabapentin 300 mg at night in 2012.\n"
    ))["facts"]
    dated = {f["category"]: (str(f["date"]), f.get("date_precision", "day")) for f in facts}
    assert dated["conservative_care"] == ("2011-08-01", "month")
    assert dated["medication"] == ("2012-01-01", "year")


def test_a_letters_summary_dates_each_finding_by_the_visit_its_paragraph_names(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "NOTICE OF INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\n\nDated: 10/18/2021\n\n"
        "CLINICAL CASE SUMMARY\n"
        "On 08/16/2021 she reported recurrent low back pain radiating to the right calf. "
        "Examination showed a positive straight leg raise on the right at 40 degrees.\n"
    ))["facts"]
    exam = next(f for f in facts if f["category"] == "exam")
    assert str(exam["date"]) == "2021-08-16"  # the visit, not the letter's date


def test_a_response_that_names_its_procedure_and_date_records_the_procedure(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "PROGRESS NOTE\nDate of service: 05/09/2022\n"
        "HPI: s/p R L5-S1 TFESI 1/14/22 w/ 70% relief x 8 wks.\n"
    ))["facts"]
    kinds = {(f["category"], str(f["date"])) for f in facts}
    # the response is the procedure's: dated by the date its own sentence gives, as a relief
    # told in the sentence after the procedure's is (since 2026-12-07; before, the note's date)
    assert ("procedure", "2022-01-14") in kinds and ("response", "2022-01-14") in kinds
    assert ("response", "2022-05-09") not in kinds


def test_chart_shorthand_findings_and_table_rows_are_read(tmp_path):
    facts = drafted_from_text(tmp_path, (
        "PROGRESS NOTE\nDate of service: 05/09/2022\n"
        "Exam: +SLR R @ 40 deg.\nExam: dec LT R L5 derm.\n"
        "Exam: TTP R L5-S1 paraspinals.\n"
        "Oswestry Disability Index ............ 30%\n"
    ))["facts"]
    tags = {t for f in facts for t in f.get("tags", [])}
    assert {"positive_slr", "dermatomal_sensory_deficit", "paraspinal_tenderness"} <= tags
    assert ("ODI", 30) in {(m["name"], m["value"]) for f in facts for m in f.get("measures", [])}
