"""Intake reads a diagnosis wherever a record writes its words beside its ICD-10 code: code
first, words first with the code in brackets, a numbered list, a problem-list row; never from
a billing line's bare codes or a code list's second code."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from drafting.cli.app import app
from drafting.intake.extract.diagnoses import diagnoses_in


def read(text: str) -> dict[str, str]:
    return {d.code: d.text for d in diagnoses_in(text)}


def test_the_code_written_first_takes_the_words_after_it():
    assert read("Primary: M54.16 Radiculopathy, lumbar region") == {
        "M54.16": "Radiculopathy, lumbar region"}
    assert read("Dx on claims: M47.816 (spondylosis, lumbosacral), M54.50") == {
        "M47.816": "spondylosis, lumbosacral"}


def test_words_written_first_take_the_code_in_brackets_after_them():
    assert read("Diagnoses include lumbar radiculopathy (M54.16) and other lumbar "
                "intervertebral disc displacement (M51.26).") == {
        "M54.16": "lumbar radiculopathy",
        "M51.26": "other lumbar intervertebral disc displacement"}
    assert read("Medical dx: Low back pain (M54.50); lumbar disc degeneration (M51.36)") == {
        "M54.50": "Low back pain", "M51.36": "lumbar disc degeneration"}


def test_a_bracket_of_several_codes_gives_its_words_to_the_first():
    assert read("Dx: lumbar strain with L radiculitis (S39.012A, M54.16)") == {
        "S39.012A": "lumbar strain with L radiculitis"}


def test_a_numbered_list_and_a_problem_list_row_are_read():
    assert read("1. Lumbar radiculopathy, right L5. M54.16\n"
                "2. Lumbar disc displacement L4-5.    ICD-10 M51.26") == {
        "M54.16": "Lumbar radiculopathy, right L5", "M51.26": "Lumbar disc displacement L4-5"}
    row = "Lumbar spinal stenosis w/ neurogenic claud     2023      Active     M48.062"
    assert read(row) == {"M48.062": "Lumbar spinal stenosis w/ neurogenic claud"}


def test_a_billing_line_and_a_code_list_give_no_diagnosis():
    assert read("CPT: 64483, 64484          ICD-10: M54.17, R20.2, R73.03.") == {}
    assert read("CPT 64405 x2, 20552     ICD-10 M54.81, G44.209 (codes for billing only)") == {}
    assert read("CPT 64635 x1 (L4-L5), modifier 50; ICD-10 M47.816") == {}


def test_a_code_inside_a_bracket_with_other_words_is_not_read_as_a_diagnosis():
    assert read("X-ray: old L1 wedge deformity (S32.010A vs old), no acute change") == {}


def test_an_ocr_letter_o_in_a_code_is_read_as_a_zero():
    assert read("DIAGNOSIS  Lumbar strain w/ R-sided pain     ICD-1O  S39.O12A") == {
        "S39.012A": "Lumbar strain w/ R-sided pain"}


def test_a_packet_whose_notes_bracket_their_codes_drafts_its_diagnoses(tmp_path: Path):
    note = tmp_path / "note.txt"
    note.write_text(
        "PAIN CLINIC FOLLOW-UP\nDate of service: 03/02/2026\n"
        "Assessment:\n1. Lumbar radiculopathy, right L5 (M54.16)\n"
        "2. Lumbar disc displacement L4-5 (M51.26)\n"
        "Plan: right L4-5 transforaminal epidural steroid injection.\n", encoding="utf-8")
    out = tmp_path / "case.yaml"
    result = CliRunner().invoke(app, ["intake", str(note), "--out", str(out), "--no-ocr"])
    drafted = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert {d["code"]: d["text"] for d in drafted["diagnoses"]} == {
        "M54.16": "Lumbar radiculopathy, right L5", "M51.26": "Lumbar disc displacement L4-5"}
    assert drafted["diagnoses"][0]["laterality"] == "right"
    assert "diagnoses: must not be empty" not in result.output


def test_si_alone_is_the_sacroiliac_joint_not_the_s1_level():
    from drafting.intake.extract.anatomy import levels

    assert levels("R SI joint dysfunction") == []
    assert levels("bilateral SI joint injections under fluoroscopy") == []
    assert levels("L4-5 and L5-SI disc bulges") == ["L4-L5", "L5-S1"]  # OCR's S1 in a segment
    assert levels("SI radiculopathy, left") == ["S1"]  # a nerve root's words after it
    assert read("Lumbar segmental dysfunction with R SI joint dysfunction (M99.03)") == {
        "M99.03": "Lumbar segmental dysfunction with R SI joint dysfunction"}
    assert diagnoses_in("R SI joint dysfunction (M53.3)")[0].levels == []


def _packet_diagnoses(tmp_path: Path, name: str, text: str) -> list[dict[str, str]]:
    record = tmp_path / name
    record.write_text(text, encoding="utf-8")
    out = tmp_path / "case.yaml"
    CliRunner().invoke(app, ["intake", str(record), "--out", str(out), "--no-ocr"])
    return yaml.safe_load(out.read_text(encoding="utf-8"))["diagnoses"]


def test_a_diagnosis_listed_without_a_code_is_kept_as_written_and_uncoded(tmp_path: Path):
    listed = _packet_diagnoses(tmp_path, "note.txt", (
        "PAIN MANAGEMENT FOLLOW-UP\nDate of service: 04/06/2026\n"
        "HPI: Low back pain radiating to the left leg, worse with sitting.\n"
        "Assessment and plan:\n"
        "1. Left L5 radiculopathy secondary to L4-5 disc protrusion - worse\n"
        "2. Depression, moderate\n"
        "3. No evidence of peripheral neuropathy\n"
        "4. Continue gabapentin 300 mg tid\n"
        "5. Pain clinic wants to repeat the ESI\n"))
    assert listed == [
        {"text": "Left L5 radiculopathy secondary to L4-5 disc protrusion", "laterality": "left",
         "levels": ["L4-L5"]},
        {"text": "Depression, moderate"}]


def test_a_study_reports_impression_is_not_a_diagnosis(tmp_path: Path):
    listed = _packet_diagnoses(tmp_path, "mri.txt", (
        "MRI LUMBAR SPINE WITHOUT CONTRAST\nDate of exam: 04/06/2026\n"
        "FINDINGS: L4-5 disc bulge.\n"
        "IMPRESSION:\n1. Mild degenerative change L4-5 without stenosis.\n"
        "2. Small left L4-5 foraminal protrusion.\n"))
    assert listed == []


def test_a_diagnosis_written_with_its_code_is_not_repeated_uncoded(tmp_path: Path):
    listed = _packet_diagnoses(tmp_path, "note.txt", (
        "OFFICE VISIT\nDate of service: 04/06/2026\nAssessment:\n"
        "1. Lumbar radiculopathy, right L5. M54.16\n2. Obesity\n"))
    assert listed == [{"code": "M54.16", "text": "Lumbar radiculopathy, right L5",
                       "laterality": "right", "levels": ["L5"]}, {"text": "Obesity"}]


def test_a_criterion_on_a_diagnosis_code_is_undocumented_when_the_diagnosis_is_uncoded():
    from drafting.case import Diagnosis, load_case
    from drafting.criteria.facts import evaluate_diagnosis
    from drafting.criteria.results import Status

    case = load_case(Path(__file__).resolve().parents[1] / "examples" / "cases"
                     / "wc-opioids-appeal.yaml")
    coded = evaluate_diagnosis(case, ["C"])  # a cancer-pain exception: no cancer code
    uncoded = evaluate_diagnosis(case.model_copy(update={"diagnoses": [
        Diagnosis(text="metastatic prostate cancer with bone pain")]}), ["C"])
    assert coded.status is Status.not_met
    assert uncoded.status is Status.undocumented
    assert "metastatic prostate cancer with bone pain" in " ".join(uncoded.notes)
