"""A scriptable OpenAI-compatible HTTP server for tests and benchmarks.

Real HTTP on 127.0.0.1 (stdlib ``ThreadingHTTPServer`` in a daemon thread), so a client under test
runs its whole stack: LangChain, the openai SDK, httpx, sockets. Nothing is mocked.

    with FakeOpenAIServer(default=reply("ok")) as server:
        server.script(error(429), error(500), reply("done"))  # consumed one per request
        ...  # point the client at server.base_url ('http://127.0.0.1:PORT/v1')
        server.chat_requests[-1].json["messages"], server.max_in_flight

Each ``POST /v1/chat/completions`` takes the next scripted behaviour, then ``default``. Every call
also waits ``latency_s`` first (a benchmark sets 0.3). ``GET /v1/models`` lists ``models``.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

ReplyFn = Callable[[dict[str, Any]], str]
Usage = tuple[int, int] | None  # (prompt_tokens, completion_tokens); None: word counts
MalformedKind = Literal["empty", "blank", "no_choices", "empty_choices", "not_json"]
CHAT_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class Behaviour:
    """What the server does with one chat request: ``text`` (or a function of the request JSON)
    becomes ``choices[0].message.content``; ``body``, if set, is sent instead (a str raw)."""

    text: str | ReplyFn = "ok"
    status: int = 200
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    usage: Usage = None
    omit_usage: bool = False
    chunked: bool = False  # sent with Transfer-Encoding: chunked, no Content-Length


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # keys lower-cased
    json: dict[str, Any] | None


def reply(text: str, *, usage: Usage = None, omit_usage: bool = False) -> Behaviour:
    return Behaviour(text=text, usage=usage, omit_usage=omit_usage)


def reply_fn(fn: ReplyFn, *, usage: Usage = None, omit_usage: bool = False) -> Behaviour:
    """Compute the reply from the request JSON (e.g. echo the citations found in the prompt)."""
    return Behaviour(text=fn, usage=usage, omit_usage=omit_usage)


def error(status: int, body: Any = None, *, headers: Mapping[str, str] | None = None
          ) -> Behaviour:
    """An HTTP error with an OpenAI-shaped body; 429 carries ``Retry-After: 0`` unless given."""
    if body is None:
        body = {"error": {"message": f"fake error {status}", "type": "fake_error",
                          "param": None, "code": None}}
    extra = {"Retry-After": "0"} if status == 429 else {}
    return Behaviour(status=status, body=body, headers={**extra, **(headers or {})})


def malformed(kind: MalformedKind = "empty") -> Behaviour:
    """HTTP 200 that is no usable completion: content "" or whitespace, no choices (absent or an
    empty list), or not JSON."""
    no_choices = {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "m"}
    return {"empty": reply(""), "blank": reply("  \n\t "), "no_choices": Behaviour(body=no_choices),
            "empty_choices": Behaviour(body={**no_choices, "choices": []}),
            "not_json": Behaviour(body="this is not JSON {")}[kind]


def slow(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Wait ``seconds`` before doing ``then`` (a plain "ok" reply by default)."""
    then = then or reply("ok")
    return replace(then, delay_s=then.delay_s + seconds)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog. socketserver's default of 5 makes the kernel drop connections beyond
    # the 5th that arrive together (the client retries its SYN after 1 s, or gets a reset), which
    # no real server does: uvicorn and llama.cpp's server listen with a backlog of 2048 or more.
    request_queue_size = 1024
    block_on_close = False  # keep-alive handler threads must not hold up stop()
    fake: FakeOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up is fine
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do; every reply has a length
    # Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm holds the
    # body until the client's delayed ACK (~40 ms per call), which real servers never add.
    disable_nagle_algorithm = True
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        fake = self.server.fake
        fake._record(self, None)
        if self.path.rstrip("/") == "/v1/models":
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                    for m in fake.models]
            self._send(200, {"object": "list", "data": data})
        else:
            self._send(404, error(404).body)

    def do_POST(self) -> None:
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            request = json.loads(raw or b"{}")
        except ValueError:
            request = None
        fake._record(self, request)
        if self.path != CHAT_PATH or not isinstance(request, dict):
            status = 404 if self.path != CHAT_PATH else 400
            self._send(status, error(status).body)
            return
        behaviour = fake._next()
        fake._in_flight(+1)
        try:  # a client that gave up meanwhile makes the write fail; handle_error ignores that
            fake._stopping.wait(fake.latency_s + behaviour.delay_s)
            body = behaviour.body if behaviour.body is not None else fake._completion(
                behaviour, request)
            self._send(behaviour.status, body, behaviour.headers, chunked=behaviour.chunked)
        finally:
            fake._in_flight(-1)

    def _send(self, status: int, body: Any, headers: Mapping[str, str] | None = None, *,
              chunked: bool = False) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if chunked:
            for start in range(0, len(data), 65536):
                piece = data[start:start + 65536]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(data)
        self.wfile.flush()


class FakeOpenAIServer:
    """An OpenAI-compatible server on 127.0.0.1:<free port>; see the module docstring."""

    def __init__(self, default: Behaviour | None = None, *, latency_s: float = 0.0,
                 models: tuple[str, ...] = ("fake-model",)) -> None:
        self.default = default or reply("ok")
        self.latency_s = latency_s
        self.models = models
        self.requests: list[RecordedRequest] = []
        self.max_in_flight = 0
        self.in_flight = 0
        self._queue: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,),
                                        daemon=True, name=f"fake-openai-{self.port}")

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == CHAT_PATH]

    def script(self, *behaviours: Behaviour) -> None:
        """Queue behaviours for the next chat requests, in order (then ``default`` applies)."""
        with self._lock:
            self._queue.extend(behaviours)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()  # wakes handlers sleeping in a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next(self) -> Behaviour:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _record(self, handler: BaseHTTPRequestHandler, request: Any) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            self.requests.append(RecordedRequest(handler.command, handler.path, headers,
                                                 request if isinstance(request, dict) else None))

    def _in_flight(self, change: int) -> None:
        with self._lock:
            self.in_flight += change
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _completion(self, behaviour: Behaviour, request: dict[str, Any]) -> dict[str, Any]:
        text = behaviour.text(request) if callable(behaviour.text) else behaviour.text
        body: dict[str, Any] = {
            "id": f"chatcmpl-fake-{next(self._ids)}", "object": "chat.completion",
            "created": int(time.time()), "model": request.get("model", "fake-model"),
            "choices": [{"index": 0, "logprobs": None, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": text, "refusal": None}}],
        }
        if not behaviour.omit_usage:
            words = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
            prompt, completion = behaviour.usage or (words, len(text.split()))
            body["usage"] = {"prompt_tokens": prompt, "completion_tokens": completion,
                             "total_tokens": prompt + completion}
        return body
