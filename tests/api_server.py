"""``necessity serve`` as a real process on a free loopback port, for the API tests and
``benchmarks/api.py``: started with its own data directory (and settings as NECESSITY_*
variables), ready once ``/healthz`` answers; its JSON log (stderr) kept in a file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from drafting.api.tenancy import tenancy
from drafting.store import DraftStore
from tests.browser import free_port, stop, wait_healthy


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    data_dir: Path

    @property
    def store_path(self) -> Path:
        return self.data_dir / "drafts.sqlite"

    def log_lines(self) -> list[dict[str, Any]]:
        """Every line of the server's log, each parsed as JSON (a line that is not fails)."""
        text = self.log.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup, as a crash or an OOM kill would stop it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def new_key(data_dir: Path, organisation: str, name: str | None = None) -> tuple[str, str]:
    """A key of ``organisation`` in the server's store: (secret, webhook secret)."""
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        key, secret = tenancy(store).create_api_key(name or f"{organisation} system", organisation,
                                           "test")
    return secret, key.webhook_secret


def server_env(data_dir: Path, **settings: object) -> dict[str, str]:
    env = {**os.environ, "NECESSITY_DATA_DIR": str(data_dir),
           "NECESSITY_STORE_URL": str(data_dir / "drafts.sqlite"), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    env.update({f"NECESSITY_{key.upper()}": str(value) for key, value in settings.items()})
    return env


@contextmanager
def api_server(data_dir: Path, *, log_name: str = "server.log", **settings: object
               ) -> Iterator[Server]:
    """Serve the API from ``data_dir``; stops it with SIGTERM (graceful) afterwards."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = data_dir / log_name
    with log.open("ab") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "drafting", "serve", "--port", str(port)],
            env=server_env(data_dir, **settings), stdout=subprocess.DEVNULL, stderr=err)
    server = Server(f"http://127.0.0.1:{port}", process, log, data_dir)
    try:
        wait_healthy(f"{server.url}/healthz", process, log, timeout=90)
        yield server
    finally:
        if process.poll() is None:
            stop(process, timeout=60)


def wait_finished(client: httpx.Client, draft_id: str, timeout: float = 120) -> dict[str, Any]:
    """Poll the draft until its job has finished (or failed); returns its last body."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/drafts/{draft_id}").json()
        if body["status"] not in ("queued", "running"):
            return dict(body)
        time.sleep(0.1)
    raise TimeoutError(f"draft {draft_id} still {body['status']} after {timeout} s")
