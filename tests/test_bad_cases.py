"""Every deliberately broken case is refused with exit 2 and a message naming file, line, path,
problem and fix; nothing prints a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

from drafting.case import CaseFileError, load_case
from drafting.case.loader import MAX_CASE_BYTES
from drafting.cli.app import app
from tests.conftest import BAD_CASES

EXPECTED = yaml.safe_load((BAD_CASES / "expected.yaml").read_text(encoding="utf-8"))
runner = CliRunner()


def test_the_bad_case_set_is_complete():
    on_disk = {p.name for p in BAD_CASES.iterdir() if p.name != "expected.yaml"}
    assert on_disk == set(EXPECTED), "every bad case needs an expectation and vice versa"
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_case_is_refused_with_a_specific_message(name: str):
    expected = EXPECTED[name]
    path = BAD_CASES / name
    result = runner.invoke(app, ["case", "validate", str(path)])
    assert result.exit_code == 2, result.output
    where = f"{path}:{expected['line']}" if expected["line"] else str(path)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{where}: ")]
    assert lines, f"no message starting with {where!r} in:\n{result.stderr}"
    message = next((m for m in lines if f": {expected['path']}: " in m), None)
    assert message, f"no message for path {expected['path']!r} in:\n{result.stderr}"
    assert expected["problem"] in message
    assert "Fix: " in message and expected["fix"] in message.split("Fix: ", 1)[1]


def test_all_problems_are_reported_at_once():
    with pytest.raises(CaseFileError) as caught:
        load_case(BAD_CASES / "duplicate_fact_id.yaml")
    paths = [problem.path for problem in caught.value.problems]
    # The duplicate and the reference it leaves dangling are both reported.
    assert paths == ["facts[2].id", "disputed_items[0].facts[2]"]


def test_oversized_file_is_refused_before_parsing(tmp_path, minimal_case_text):
    path = tmp_path / "huge.yaml"
    padding = "# " + "x" * 1000 + "\n"
    path.write_text(minimal_case_text + padding * (MAX_CASE_BYTES // len(padding) + 1))
    result = runner.invoke(app, ["case", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}: (top level): file is" in result.stderr
    assert "over the 2,097,152-byte limit" in result.stderr


def test_missing_file_is_named(tmp_path):
    path = tmp_path / "nowhere.yaml"
    result = runner.invoke(app, ["case", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}: (top level): no such file" in result.stderr


def test_valid_and_invalid_files_together_exit_2_and_name_only_the_bad_one(write_case,
                                                                           minimal_case_text):
    good = write_case(minimal_case_text, "good.yaml")
    bad = BAD_CASES / "unknown_tag.yaml"
    result = runner.invoke(app, ["case", "validate", str(good), str(bad)])
    assert result.exit_code == 2
    assert f"ok  {good}" in result.stdout
    assert str(good) not in result.stderr
    assert "1 of 2 case files invalid" in result.stderr


def test_the_installed_command_prints_no_traceback_for_any_bad_case():
    files = sorted(str(p) for p in BAD_CASES.iterdir() if p.name != "expected.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "drafting", "case", "validate", *files],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"{len(files)} of {len(files)} case files invalid" in proc.stderr
