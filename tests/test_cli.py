"""The command line: groups, version, case show and schema."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from drafting import __version__
from drafting.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_help_lists_the_command_groups():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in ("case", "index", "draft", "eval", "ui"):
        assert f" {group} " in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"necessity {__version__}"


def test_case_show_prints_items_and_every_fact_with_its_source():
    path = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
    result = runner.invoke(app, ["case", "show", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "64483" in result.stdout
    for fact_id, source in (("F1", "D1 p.1"), ("F9", "D6 p.1"), ("F15", "D10 p.1")):
        row = next(line for line in result.stdout.splitlines() if f" {fact_id} " in line)
        assert source in row


def test_case_show_refuses_a_bad_case_with_exit_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\n")
    result = runner.invoke(app, ["case", "show", str(path)])
    assert result.exit_code == 2
    assert "document_type: required field is missing" in result.stderr


def test_case_schema_writes_a_json_schema(tmp_path):
    out = tmp_path / "schema.json"
    result = runner.invoke(app, ["case", "schema", "--out", str(out)])
    assert result.exit_code == 0
    schema = json.loads(out.read_text())
    assert {"facts", "disputed_items", "documents"} <= set(schema["properties"])
    assert set(schema["required"]) >= {"id", "document_type", "perspective", "setting", "facts"}
