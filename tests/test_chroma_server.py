"""Teams that run a Chroma server: the index works over Chroma's HTTP client against a real
``chroma run`` server on loopback, with the same results as the embedded store."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from guideline_index.filters import SearchFilters
from guideline_index.search import GuidelineIndex

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma command is not installed with chromadb")
    port = _free_port()
    store = tmp_path_factory.mktemp("chroma-server")
    server = subprocess.Popen(
        [str(CHROMA if CHROMA.exists() else "chroma"), "run", "--path", str(store), "--host",
         "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail("chroma server exited at start")
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("chroma server did not answer within 60 s")
    yield port
    server.terminate()
    server.wait(timeout=30)


def test_index_over_a_chroma_server_matches_the_embedded_store(chroma_server, tmp_path):
    remote = GuidelineIndex(tmp_path / "remote", chroma_host="127.0.0.1", chroma_port=chroma_server)
    local = GuidelineIndex(tmp_path / "local")
    assert remote.build() == local.build()
    assert remote.vectors.count() == local.vectors.count() == remote.stats()["excerpts"]
    filters = SearchFilters(setting="medicare", procedure="rfa", on=dt.date(2024, 6, 13))
    query = "two diagnostic medial branch blocks with 80 percent relief before ablation"
    remote_ids = [h.excerpt.id for h in remote.search_hits(query, filters, k=5, mode="vector")]
    local_ids = [h.excerpt.id for h in local.search_hits(query, filters, k=5, mode="vector")]
    assert remote_ids == local_ids
    assert "lcd-facet-rfa-initial" in remote_ids


def test_cli_uses_the_chroma_server(chroma_server, tmp_path):
    runner = CliRunner()
    flags = ["--data-dir", str(tmp_path), "--chroma-host", "127.0.0.1", "--chroma-port",
             str(chroma_server)]
    assert runner.invoke(app, ["index", "build", *flags]).exit_code == 0
    result = runner.invoke(app, ["index", "stats", *flags])
    assert result.exit_code == 0
    assert "vectors: " in result.stdout
    assert not (tmp_path / "index" / "chroma").exists(), "vectors must live on the server"
