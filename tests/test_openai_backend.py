"""The openai backend over real HTTP against the fake OpenAI-compatible server (nothing mocked)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from drafting.backends.base import BackendError, Completion
from drafting.backends.openai import OpenAIBackend, is_loopback
from drafting.backends.registry import create
from drafting.prompting import Prompt
from drafting.settings import Settings
from guideline_index.tokens import count_tokens
from tests.fakes.openai_server import (
    Behaviour,
    FakeOpenAIServer,
    MalformedKind,
    error,
    malformed,
    reply,
    reply_fn,
    slow,
)

SYSTEM = "You draft medical-necessity opinions. Cite facts as [F:id]."
USER = "Draft the history section for case C-1. Facts: [F:pain-duration] [F:failed-pt]."
PROMPT = Prompt(kind="history", system=SYSTEM, user=USER, hash="test-hash")


@pytest.fixture(autouse=True)
def _no_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NECESSITY_API_KEY", "OPENAI_API_KEY", "NECESSITY_ALLOW_EXTERNAL",
                 "NECESSITY_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(default=reply("The history is documented [F:pain-duration].")) as fake:
        yield fake


def backend_for(server: FakeOpenAIServer, **overrides: Any) -> OpenAIBackend:
    values: dict[str, Any] = {"base_url": server.base_url, "model": "test-model",
                              "timeout_s": 2.0, "retries": 2, "allow_external": False}
    backend = OpenAIBackend(Settings(**{**values, **overrides}))
    backend.backoff_base_s = 0.001  # keep retries fast
    return backend


def complete(backend: OpenAIBackend, prompt: Prompt = PROMPT) -> Completion:
    """One call in its own event loop, as the CLI makes them; pooled connections closed after."""

    async def call() -> Completion:
        try:
            return await backend.complete(prompt)
        finally:
            await backend.aclose()

    return asyncio.run(call())


def test_prompt_model_temperature_and_api_key_are_sent(server: FakeOpenAIServer) -> None:
    backend = backend_for(server, temperature=0.7, api_key="sk-test-123")
    completion = complete(backend)
    [request] = server.chat_requests
    assert request.json is not None
    assert request.json["messages"] == [{"role": "system", "content": SYSTEM},
                                        {"role": "user", "content": USER}]
    assert request.json["model"] == "test-model"
    assert request.json["temperature"] == 0.7
    assert request.headers["authorization"] == "Bearer sk-test-123"
    assert completion.text == "The history is documented [F:pain-duration]."
    assert completion.model == "test-model"
    assert backend.last_attempts == 1


def test_max_tokens_is_sent_under_the_name_the_server_reads(server: FakeOpenAIServer) -> None:
    complete(backend_for(server))
    complete(backend_for(server, max_tokens=64))
    unset, capped = (r.json for r in server.chat_requests)
    assert unset is not None and "max_tokens" not in unset
    # llama.cpp's server ignores `max_completion_tokens` and would generate until its context
    # is full; a local server gets the classic `max_tokens`.
    assert capped is not None and capped["max_tokens"] == 64
    assert "max_completion_tokens" not in capped
    official = OpenAIBackend(Settings(model="m", api_key="k", max_tokens=64, allow_external=True))
    assert official._token_limit() == {"max_tokens": 64}  # LangChain sends max_completion_tokens


def test_reply_can_be_computed_from_the_request(server: FakeOpenAIServer) -> None:
    def echo_citations(request: dict[str, Any]) -> str:
        user = request["messages"][-1]["content"]
        return " ".join(word for word in user.split() if word.startswith("[F:"))

    server.script(reply_fn(echo_citations))
    assert complete(backend_for(server)).text == "[F:pain-duration] [F:failed-pt]."


def test_usage_is_taken_from_the_response(server: FakeOpenAIServer) -> None:
    server.script(reply("ok", usage=(1234, 56)))
    completion = complete(backend_for(server))
    assert (completion.prompt_tokens, completion.completion_tokens) == (1234, 56)


def test_usage_is_counted_offline_when_the_server_reports_none(server: FakeOpenAIServer) -> None:
    text = "A reply long enough that tiktoken and word counts disagree: 12.5 mg/day."
    server.script(reply(text, omit_usage=True))
    completion = complete(backend_for(server))
    assert completion.prompt_tokens == count_tokens(f"{SYSTEM}\n{USER}")
    assert completion.completion_tokens == count_tokens(text) != len(text.split())


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "Bearer not-needed"),
    ({"OPENAI_API_KEY": "sk-openai"}, "Bearer sk-openai"),
    ({"OPENAI_API_KEY": "sk-openai", "NECESSITY_API_KEY": "sk-necessity"}, "Bearer sk-necessity"),
])
def test_api_key_falls_back_to_the_environment(server: FakeOpenAIServer,
                                               monkeypatch: pytest.MonkeyPatch,
                                               env: dict[str, str], expected: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    complete(backend_for(server))
    assert server.chat_requests[0].headers["authorization"] == expected


def test_rate_limit_then_server_error_then_success(server: FakeOpenAIServer) -> None:
    server.script(error(429), error(500), reply("third time lucky"))
    backend = backend_for(server, retries=2)
    assert complete(backend).text == "third time lucky"
    assert backend.last_attempts == 3
    assert len(server.chat_requests) == 3


def test_persistent_server_error_names_status_host_and_attempts(
        server: FakeOpenAIServer) -> None:
    server.default = error(500)
    backend = backend_for(server, retries=2)
    with pytest.raises(BackendError) as failure:
        complete(backend)
    assert f"HTTP 500 from 127.0.0.1:{server.port}" in str(failure.value)
    assert "(3 attempts)" in str(failure.value)
    assert backend.last_attempts == 3
    assert len(server.chat_requests) == 3


def test_retry_after_is_honoured(server: FakeOpenAIServer) -> None:
    server.script(error(429, headers={"Retry-After": "0.3"}), reply("ok"))
    started = time.perf_counter()
    assert complete(backend_for(server)).text == "ok"
    assert time.perf_counter() - started >= 0.3


def test_backoff_is_exponential_with_small_jitter(server: FakeOpenAIServer) -> None:
    backend = OpenAIBackend(Settings(base_url=server.base_url))
    assert backend.backoff_base_s == 0.5
    for attempt, base in [(1, 0.5), (2, 1.0), (3, 2.0)]:
        assert base <= backend._backoff(attempt) <= base * 1.1


def test_slow_reply_is_retried_after_the_timeout(server: FakeOpenAIServer) -> None:
    server.script(slow(2.0), reply("fast enough"))
    backend = backend_for(server, timeout_s=0.2, retries=1)
    assert complete(backend).text == "fast enough"
    assert backend.last_attempts == 2


def test_persistent_timeout_names_the_timeout(server: FakeOpenAIServer) -> None:
    server.default = slow(2.0)
    backend = backend_for(server, timeout_s=0.2, retries=1)
    started = time.perf_counter()
    with pytest.raises(BackendError, match=r"timed out after 0\.2 s .*\(2 attempts\)"):
        complete(backend)
    assert time.perf_counter() - started < 1.9  # gave up before the slow server (2 s) replied
    assert len(server.chat_requests) == 2


@pytest.mark.parametrize("kind", ["empty", "blank", "no_choices", "empty_choices", "not_json"])
def test_malformed_output_is_retried(server: FakeOpenAIServer, kind: MalformedKind) -> None:
    server.script(malformed(kind), reply("now well formed"))
    backend = backend_for(server)
    assert complete(backend).text == "now well formed"
    assert backend.last_attempts == 2


@pytest.mark.parametrize(("kind", "cause"), [("empty", "empty response"),
                                             ("no_choices", "malformed response"),
                                             ("empty_choices", "malformed response")])
def test_persistent_malformed_output_fails(server: FakeOpenAIServer, kind: MalformedKind,
                                           cause: str) -> None:
    server.default = malformed(kind)
    backend = backend_for(server, retries=1)
    with pytest.raises(BackendError, match=rf"{cause} .*\(2 attempts\)"):
        complete(backend)
    assert len(server.chat_requests) == 2


@pytest.mark.parametrize("chunked", [False, True], ids=["declared-length", "chunked"])
def test_a_reply_larger_than_the_response_limit_fails_without_being_read_whole(
        server: FakeOpenAIServer, chunked: bool) -> None:
    """A server's reply is read at most max_response_bytes far, whether it declares its length or
    streams it; such a reply is not retried (the server would send it again)."""
    server.default = Behaviour(text="A" * 200_000, chunked=chunked)
    backend = backend_for(server, max_response_bytes=64 * 1024)
    too_large = r"larger than 65,536 bytes .*\(1 attempt; not retried\)"
    with pytest.raises(BackendError, match=too_large):
        complete(backend)
    assert len(server.chat_requests) == 1


def test_a_reply_within_the_response_limit_is_read(server: FakeOpenAIServer) -> None:
    server.default = Behaviour(text="B" * 20_000, chunked=True)
    backend = backend_for(server, max_response_bytes=64 * 1024)
    assert complete(backend).text == "B" * 20_000


class _ForwardingProxy:
    """A plain HTTP forward proxy on loopback: it relays each absolute-URI request to its
    target (with no proxy of its own) and counts what it relayed."""

    def __init__(self) -> None:
        import http.server
        import threading

        relayed = self.relayed = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                relayed.append(self.path)
                request = urllib.request.Request(self.path, data=body, method="POST",
                                                 headers={"Content-Type": "application/json"})
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                with opener.open(request) as answer:
                    data = answer.read()
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_proxy_named_by_the_environment_is_used_and_the_response_limit_still_holds(
        server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP_PROXY routes the calls through the proxy (a firm's egress proxy), and a reply
    relayed by it is capped like a direct one; NO_PROXY names hosts reached directly."""
    proxy = _ForwardingProxy()
    try:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY",
                     "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        assert complete(backend_for(server)).text.startswith("The history is documented")
        assert len(proxy.relayed) == 1 and proxy.relayed[0].endswith("/v1/chat/completions")
        server.default = Behaviour(text="A" * 200_000)
        with pytest.raises(BackendError, match=r"larger than 65,536 bytes"):
            complete(backend_for(server, max_response_bytes=64 * 1024))
        assert len(proxy.relayed) == 2
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        server.default = reply("Direct [F:pain-duration].")
        assert complete(backend_for(server)).text == "Direct [F:pain-duration]."
        assert len(proxy.relayed) == 2
    finally:
        proxy.close()


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_client_errors_are_not_retried(server: FakeOpenAIServer, status: int) -> None:
    server.default = error(status)
    backend = backend_for(server, retries=3)
    with pytest.raises(BackendError, match=rf"HTTP {status} .*not retried"):
        complete(backend)
    assert backend.last_attempts == 1
    assert len(server.chat_requests) == 1


def test_unreachable_server_is_a_connection_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = OpenAIBackend(Settings(base_url=f"http://127.0.0.1:{port}/v1", retries=1))
    backend.backoff_base_s = 0.001
    with pytest.raises(BackendError) as failure:
        complete(backend)
    assert f"could not connect to 127.0.0.1:{port}" in str(failure.value)
    assert str(failure.value).endswith("(2 attempts)")


@pytest.mark.parametrize("base_url", [None, "https://llm.example.com/v1",
                                      "http://127.0.0.1.nip.io:8000/v1", "http://10.0.0.7:8000/v1"])
def test_external_host_needs_consent(base_url: str | None) -> None:
    with pytest.raises(BackendError, match="--allow-external"):
        OpenAIBackend(Settings(base_url=base_url, allow_external=False))


def test_external_host_with_consent_is_built_and_marked_external() -> None:
    backend = OpenAIBackend(Settings(base_url="https://llm.example.com/v1", allow_external=True))
    assert backend.external is True
    assert backend.base_url_host == "llm.example.com"
    default = OpenAIBackend(Settings(base_url=None, allow_external=True))
    assert (default.base_url_host, default.external) == ("api.openai.com", True)


@pytest.mark.parametrize("base_url", ["http://localhost:8000/v1", "http://127.0.0.5:1234/v1",
                                      "http://[::1]:8080/v1", "http://LOCALHOST/v1"])
def test_loopback_needs_no_consent(base_url: str) -> None:
    backend = OpenAIBackend(Settings(base_url=base_url, allow_external=False))
    assert backend.external is False
    assert backend.language_model is True


@pytest.mark.parametrize(("host", "loopback"), [
    ("::ffff:127.0.0.1", True), ("0.0.0.0", False), ("localhost.example.com", False),
    ("128.0.0.1", False), ("::2", False),
])
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_registry_creates_the_backend_by_name(server: FakeOpenAIServer) -> None:
    backend = create("openai", Settings(base_url=server.base_url, allow_external=False))
    assert isinstance(backend, OpenAIBackend)
    assert (backend.name, backend.model) == ("openai", Settings().model)
    assert complete(backend).text.startswith("The history")


def test_backend_survives_one_event_loop_per_call(server: FakeOpenAIServer) -> None:
    # LangChain's shared default httpx client fails here with "Event loop is closed".
    backend = backend_for(server)  # no aclose between the calls: connections stay pooled
    texts = {asyncio.run(backend.complete(PROMPT)).text for _ in range(3)}
    assert texts == {server.default.text}
    assert len(server.chat_requests) == 3


def test_concurrent_calls_each_read_their_own_attempt_count(server: FakeOpenAIServer) -> None:
    server.script(slow(0.4, reply("slow, first try")), error(500), reply("fast, second try"))
    backend = backend_for(server)

    async def call() -> tuple[str, int]:
        completion = await backend.complete(PROMPT)
        return completion.text, backend.last_attempts

    async def scenario() -> list[tuple[str, int]]:
        slow_call = asyncio.create_task(call())
        while server.pending > 2:  # until the slow call has taken the first behaviour
            await asyncio.sleep(0.005)
        fast_call = asyncio.create_task(call())
        results = [await slow_call, await fast_call]
        await backend.aclose()
        return results

    results = asyncio.run(asyncio.wait_for(scenario(), timeout=5))
    assert results == [("slow, first try", 1), ("fast, second try", 2)]
    assert server.max_in_flight == 2


def test_fake_server_lists_models_and_applies_latency() -> None:
    with FakeOpenAIServer(latency_s=0.1, models=("m-1", "m-2")) as server:
        with urllib.request.urlopen(f"{server.base_url}/models") as response:
            assert [m["id"] for m in json.load(response)["data"]] == ["m-1", "m-2"]
        backend = backend_for(server)
        started = time.perf_counter()
        complete(backend)
        assert time.perf_counter() - started >= 0.1
