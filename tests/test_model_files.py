"""Every classifier's model file is read before any command: a damaged bundled file stops the
command as a wrong named one does (exit 2, the file and its variable named, how to fix it), and
nothing is written. ``off`` skips the file, so the rules alone still run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from drafting.deid import learned_names
from drafting.intake.learned import model as intake_model
from evals.learned import model as eval_model

MODULES = [intake_model, eval_model, learned_names]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ENV)
def test_a_damaged_bundled_model_file_stops_any_command_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module) -> None:
    damaged = tmp_path / "bundled.json"
    damaged.write_bytes(b'{"weights": {"a": 1.0}, "truncated')
    monkeypatch.setattr(module, "MODEL_FILE", damaged)
    monkeypatch.delenv(module.ENV, raising=False)
    record = tmp_path / "note.txt"
    record.write_text("Office visit 03/02/2026. Lumbar MRI showed an L4-5 disc protrusion.",
                      encoding="utf-8")
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(app, ["deidentify", str(record), "--out", str(out_dir)])
    assert result.exit_code == 2
    assert str(damaged) in result.output and module.ENV in result.output
    assert "reinstall" in result.output and "Traceback" not in result.output
    assert not out_dir.exists()


def test_off_runs_the_rules_alone_whatever_the_bundled_file_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = tmp_path / "bundled.json"
    damaged.write_text("[]", encoding="utf-8")
    for module in MODULES:
        monkeypatch.setattr(module, "MODEL_FILE", damaged)
        monkeypatch.setenv(module.ENV, "off")
    record = tmp_path / "note.txt"
    record.write_text("Office visit 03/02/2026 with Dr. Ilse Brannock.", encoding="utf-8")
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(app, ["deidentify", str(record), "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    assert out_dir.exists()
