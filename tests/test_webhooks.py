"""Webhooks (#22 item 2): where they may go, what a client learns of the call, and that a receiver
that never answers holds no drafting worker. Real receivers on 127.0.0.1 (http.server, and a raw
socket that accepts and never answers); the target policy, the delivery and the webhook queue
called directly; and ``necessity serve`` over real HTTP (tests allow 127.0.0.1 explicitly)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import sqlite3
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from drafting.api.webhook_queue import WebhookQueue
from drafting.api.webhook_targets import Allowance, TargetRefused, check, choose
from drafting.api.webhooks import Limits, Outcome, WebhookCall, deliver, signature
from drafting.settings import Settings
from tests.api_server import Server, api_server, new_key, wait_finished
from tests.browser import stop
from tests.conftest import EXAMPLES

CASE_BYTES = (EXAMPLES / "wc-lumbar-esi-plaintiff.yaml").read_bytes()
YAML = {"Content-Type": "application/yaml"}
LOOPBACK = Allowance.parse(["127.0.0.1"])
TIMEOUT_S = 15.0  # the allowing server's per-attempt webhook timeout
ATTEMPTS = 2


class _Receiver:
    """A webhook receiver on loopback: records each POST's headers and body, answers
    ``status`` (with ``location``, for a redirect)."""

    def __init__(self, status: int = 204, location: str | None = None,
                 tls: ssl.SSLContext | None = None) -> None:
        calls: list[tuple[dict[str, str], bytes]] = []
        self.calls = calls
        arrived = self.arrived = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                calls.append((dict(self.headers), body))
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "26")
                self.end_headers()
                self.wfile.write(b"internal-db-detail-payload")
                arrived.set()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/necessity"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Silent:
    """Accepts connections on loopback and never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/hooks/necessity"
        self.connected = threading.Event()
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            self.connected.set()

    def close(self) -> None:
        if self.listener.fileno() == -1:
            return  # closed already
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def receiver() -> Iterator[_Receiver]:
    running = _Receiver()
    yield running
    running.close()


@pytest.fixture
def silent() -> Iterator[_Silent]:
    running = _Silent()
    yield running
    running.close()


def _certificate(folder: Path, name: str) -> Path:
    """A self-signed certificate for the host ``name`` and its key, in one PEM file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path = folder / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return path


def _localhost_is_ipv4_first() -> bool:
    try:
        found = socket.getaddrinfo("localhost", 80, type=socket.SOCK_STREAM)
    except OSError:
        return False
    return bool(found) and found[0][4][0] == "127.0.0.1"


needs_localhost = pytest.mark.skipif(not _localhost_is_ipv4_first(),
                                     reason="localhost does not resolve to 127.0.0.1 first")


def _call(url: str, secret: str = "whsec_test") -> WebhookCall:
    return WebhookCall("draft_x", "acme", url, secret,
                       {"event": "draft.finished", "draft_id": "draft_x", "status": "complete"})


# -- the target policy ---------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address"),
    ("http://[::1]/hook", "::1 is a loopback address"),
    ("http://10.1.2.3/hook", "private"), ("http://172.16.0.9/hook", "private"),
    ("http://192.168.1.1/hook", "private"), ("http://[fc00::1]/hook", "private"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://169.254.1.1/hook", "link-local"), ("http://[fe80::1]/hook", "link-local"),
    ("http://224.0.0.1/hook", "multicast"), ("http://240.0.0.1/hook", "reserved"),
    ("http://0.0.0.0/hook", "unspecified"), ("http://[::]/hook", "unspecified"),
    ("http://100.64.0.1/hook", "carrier-grade NAT"),
    ("http://[::ffff:127.0.0.1]/hook", "embeds 127.0.0.1, a loopback address"),
    ("http://[::ffff:169.254.169.254]/hook", "cloud metadata"),
    ("http://2130706433/", "not a dotted-quad IPv4 address"),
    ("http://0x7f000001/", "not a dotted-quad IPv4 address"),
    ("http://0177.0.0.1/", "not a dotted-quad IPv4 address"),
    ("http://127.1/", "not a dotted-quad IPv4 address"),
    ("http://user:pass@example.org/hook", "must not carry credentials"),
    ("ftp://example.org/hook", "use an http or https URL"),
    ("http://localhost/hook", "does not resolve to public addresses only"),
])
def test_internal_and_ambiguous_targets_are_refused_with_the_reason(url: str, reason: str
                                                                    ) -> None:
    with pytest.raises(TargetRefused) as refused:
        check(url, Allowance())
    assert reason in str(refused.value)


def test_a_public_address_is_a_target() -> None:
    target = check("https://93.184.216.34:8443/hooks", Allowance())
    assert (str(target.address), target.port) == ("93.184.216.34", 8443)


def test_the_allow_list_admits_only_what_it_names() -> None:
    allow = Allowance.parse(["127.0.0.1", "10.1.0.0/16", "Hooks.Internal."])
    assert str(check("http://127.0.0.1:9/x", allow).address) == "127.0.0.1"
    assert str(check("http://10.1.200.3/x", allow).address) == "10.1.200.3"
    for url in ("http://127.0.0.2/x", "http://10.2.0.1/x", "http://[::1]/x",
                "http://2130706433/", "http://user:pw@127.0.0.1/x"):
        with pytest.raises(TargetRefused):
            check(url, allow)
    # a named host may resolve to internal addresses; another name to the same may not
    assert str(choose("http://hooks.internal/x", ["10.9.9.9"], allow).address) == "10.9.9.9"
    with pytest.raises(TargetRefused) as refused:
        choose("http://other.internal/x", ["10.9.9.9"], allow)
    assert "10.9.9.9" not in str(refused.value)  # what a name resolves to stays in the log
    assert "10.9.9.9 is a private address" in refused.value.detail
    with pytest.raises(TargetRefused):  # one internal address among public ones is enough
        choose("http://example.org/x", ["93.184.216.34", "127.0.0.1"], Allowance())


def test_the_allow_list_setting_is_checked_and_read_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="api_webhook_allow"):
        Settings(api_webhook_allow="127.0.0.1, not a host!")
    monkeypatch.setenv("NECESSITY_API_WEBHOOK_ALLOW", "127.0.0.1,10.0.0.0/8")
    assert Settings().api_webhook_allow == "127.0.0.1,10.0.0.0/8"
    assert Settings().api_webhook_deadline_s > Settings().api_webhook_timeout_s


# -- delivery ------------------------------------------------------------------------------------

def _deliver(url: str, allow: Allowance = LOOPBACK, *, timeout_s: float = 5.0,
             deadline_s: float = 20.0, attempts: int = 2) -> tuple[Outcome, float]:
    started = time.monotonic()
    outcome = asyncio.run(deliver(_call(url), allow, Limits(timeout_s, deadline_s, attempts)))
    return outcome, time.monotonic() - started


def test_a_delivery_is_signed_and_sent_to_the_checked_address(receiver: _Receiver) -> None:
    outcome, _ = _deliver(receiver.url)
    assert outcome.delivered and outcome.result == "delivered on attempt 1"
    headers, body = receiver.calls[0]
    assert headers["X-Necessity-Signature"] == signature("whsec_test", body)
    assert headers["Host"] == f"127.0.0.1:{receiver.port}"
    assert json.loads(body)["draft_id"] == "draft_x"


def test_a_delivery_checks_the_target_again_and_refuses_without_connecting(
        receiver: _Receiver) -> None:
    """Delivery resolves and checks the host itself: what was allowed when the draft was
    requested (or what a name resolved to then) does not let an internal address through."""
    for url in (receiver.url, f"http://localhost:{receiver.port}/hooks/necessity"):
        outcome, _ = _deliver(url, Allowance())
        assert (outcome.delivered, outcome.attempts, outcome.result) == (False, 0, "failed")
        assert outcome.detail.startswith("refused: ") and "loopback" in outcome.detail
    assert receiver.calls == []


@needs_localhost
def test_a_named_host_is_sent_to_its_checked_address_under_its_own_name(receiver: _Receiver
                                                                        ) -> None:
    outcome, _ = _deliver(f"http://localhost:{receiver.port}/hook", Allowance.parse(["localhost"]))
    assert outcome.delivered
    assert receiver.calls[0][0]["Host"] == f"localhost:{receiver.port}"


@needs_localhost
@pytest.mark.parametrize(("name", "delivered"), [("localhost", True), ("elsewhere.test", False)])
def test_https_at_the_checked_address_verifies_the_certificate_for_the_host(
        tmp_path: Path, name: str, delivered: bool) -> None:
    pem = _certificate(tmp_path, name)
    serving = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    serving.load_cert_chain(pem)
    receiving = _Receiver(tls=serving)
    try:
        outcome = asyncio.run(deliver(
            _call(f"https://localhost:{receiving.port}/hook"), Allowance.parse(["localhost"]),
            Limits(5, 10, 1), verify=ssl.create_default_context(cafile=str(pem))))
    finally:
        receiving.close()
    assert outcome.delivered is delivered, outcome.detail
    assert len(receiving.calls) == int(delivered)
    if not delivered:
        assert "certificate" in outcome.detail.lower() and outcome.result == "failed"


@pytest.mark.parametrize(("status", "attempts"), [(500, 2), (404, 1), (302, 1)])
def test_the_result_is_failed_whatever_the_receiver_answered(status: int, attempts: int
                                                             ) -> None:
    elsewhere = _Receiver()
    answering = _Receiver(status, location=elsewhere.url)
    try:
        outcome, _ = _deliver(answering.url)
    finally:
        answering.close()
        elsewhere.close()
    assert outcome.result == "failed" and outcome.attempts == attempts
    assert f"HTTP {status}" in outcome.detail  # the detail is for the server's log
    assert len(answering.calls) == attempts and elsewhere.calls == []  # no redirect followed


def test_a_receiver_that_never_answers_is_given_up_within_the_limits(silent: _Silent) -> None:
    outcome, took = _deliver(silent.url, timeout_s=0.3, deadline_s=30, attempts=1)
    assert outcome.result == "failed" and "timed out" in outcome.detail
    assert took < 0.3 * 3  # one attempt: its timeout, not the deadline
    outcome, took = _deliver(silent.url, timeout_s=0.4, deadline_s=1.0, attempts=10)
    assert outcome.result == "failed" and 1 <= outcome.attempts < 10
    assert took < 1.0 + 0.4  # the deadline ends the retries


def test_the_queue_is_bounded_and_abandons_what_is_left_at_shutdown(silent: _Silent) -> None:
    recorded: list[tuple[str, Outcome]] = []
    settings = Settings(api_webhook_allow="127.0.0.1", api_webhook_queue=1,
                        api_webhook_senders=1, api_webhook_timeout_s=30,
                        api_webhook_deadline_s=60, api_webhook_drain_s=0.3)
    queue = WebhookQueue(settings, lambda call, outcome: recorded.append((call.url, outcome)))
    try:
        assert queue.submit(_call(silent.url))
        assert silent.connected.wait(10)
        assert not queue.submit(_call(silent.url + "/second"))  # full: recorded failed at once
        assert recorded[0][0].endswith("/second") and "queue is full" in recorded[0][1].detail
    finally:
        started = time.monotonic()
        queue.close()
        took = time.monotonic() - started
    assert took < settings.api_webhook_drain_s + 2 < settings.api_webhook_timeout_s
    assert [(url, o.result) for url, o in recorded[1:]] == [(silent.url, "failed")]
    assert "abandoned" in recorded[1][1].detail
    assert not queue.submit(_call(silent.url))  # closed


# -- the API -------------------------------------------------------------------------------------

def client_for(server: Server, secret: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {secret}"},
                        timeout=60)


def _submit(client: httpx.Client) -> str:
    return str(client.post("/v1/cases", content=CASE_BYTES, headers=YAML).json()["id"])


def wait_webhook(client: httpx.Client, draft_id: str, timeout: float = 60) -> dict[str, Any]:
    """Poll the finished draft until its webhook result is recorded; returns the draft."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = wait_finished(client, draft_id)
        if body["webhook"]["result"] is not None:
            return body
        time.sleep(0.1)
    raise TimeoutError(f"draft {draft_id}: no webhook result after {timeout} s")


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the default policy: public webhook targets only."""
    with api_server(tmp_path_factory.mktemp("open")) as running:
        yield running


@pytest.fixture(scope="module")
def allowing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server allowing 127.0.0.1, drafting one draft at a time."""
    with api_server(tmp_path_factory.mktemp("allowing"), api_webhook_allow="127.0.0.1",
                    api_concurrency=1, api_webhook_timeout_s=TIMEOUT_S,
                    api_webhook_attempts=ATTEMPTS, api_webhook_drain_s=1) as running:
        yield running


@pytest.mark.slow
@pytest.mark.parametrize("url", [
    "{receiver}", "http://localhost:{port}/hook", "http://2130706433:{port}/hook",
    "http://0x7f000001:{port}/hook", "http://[::ffff:127.0.0.1]:{port}/hook",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/hook",
    "http://user:hunter2@example.org/hook"])
def test_without_the_allow_list_a_loopback_or_internal_webhook_is_refused(
        open_server: Server, receiver: _Receiver, url: str) -> None:
    secret, _ = new_key(open_server.data_dir, "acme")
    with client_for(open_server, secret) as client:
        url = url.format(receiver=receiver.url, port=receiver.port)
        answer = client.post("/v1/drafts", json={"case": _submit(client), "webhook_url": url})
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert [d["field"] for d in body["detail"]] == ["webhook_url"]
    assert body["message"].startswith("webhook_url: ")
    assert "hunter2" not in body["message"]
    assert receiver.calls == []


@pytest.mark.slow
def test_credentials_in_a_webhook_url_never_reach_the_store(allowing: Server,
                                                            receiver: _Receiver) -> None:
    secret, _ = new_key(allowing.data_dir, "initech")
    password = "s3cr3t-hunter2"
    url = f"http://initech:{password}@127.0.0.1:{receiver.port}/hooks/necessity"
    with client_for(allowing, secret) as client:
        answer = client.post("/v1/drafts", json={"case": _submit(client), "webhook_url": url},
                             headers={"Idempotency-Key": "with-credentials"})
    assert answer.status_code == 422 and "credentials" in answer.json()["message"]
    assert password not in answer.text
    with sqlite3.connect(f"file:{allowing.store_path}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f"SELECT * FROM {table}"):  # table names from sqlite_master
                assert password not in repr(row), table
    for path in allowing.data_dir.rglob("*"):  # the store's files (WAL too) and the log
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path
    assert receiver.calls == []


@pytest.mark.slow
def test_the_webhook_is_called_signed_when_the_draft_finishes(allowing: Server,
                                                              receiver: _Receiver) -> None:
    secret, webhook_secret = new_key(allowing.data_dir, "hooli")
    with client_for(allowing, secret) as client:
        case = _submit(client)
        draft_id = client.post("/v1/drafts", json={"case": case,
                                                   "webhook_url": receiver.url}).json()["id"]
        assert receiver.arrived.wait(60)
        headers, body = receiver.calls[0]
        assert headers["X-Necessity-Signature"] == signature(webhook_secret, body)
        assert json.loads(body) == {
            "event": "draft.finished", "draft_id": draft_id, "status": "complete",
            "case": case, "links": {"self": f"/v1/drafts/{draft_id}"}}
        shown = wait_webhook(client, draft_id)
    assert shown["webhook"] == {"url": receiver.url, "result": "delivered on attempt 1"}


@pytest.mark.slow
def test_the_client_sees_only_failed_never_the_receivers_answer(allowing: Server) -> None:
    secret, _ = new_key(allowing.data_dir, "umbrella")
    failing = _Receiver(503)
    try:
        with client_for(allowing, secret) as client:
            draft_id = client.post("/v1/drafts", json={
                "case": _submit(client), "webhook_url": failing.url}).json()["id"]
            shown = wait_webhook(client, draft_id)
            history = client.get(f"/v1/drafts/{draft_id}/history").json()
    finally:
        failing.close()
    assert shown["webhook"] == {"url": failing.url, "result": "failed"}
    assert len(failing.calls) == ATTEMPTS  # 503 is retried
    audit = [e for e in history["audit"] if e["action"] == "webhook_called"]
    assert len(audit) == 1
    # the audit says only that delivery failed: no status code, no receiver's body (the
    # entry's own random id may contain any digits, so the detail is compared whole)
    assert audit[0]["detail"] == {"delivered": False, "result": "failed", "url": failing.url}
    assert "internal-db-detail" not in json.dumps(history)
    logged = [line for line in allowing.log_lines()
              if line.get("event") == "webhook" and line.get("draft_id") == draft_id]
    assert logged and "HTTP 503" in logged[-1]["reason"] and logged[-1]["attempts"] == ATTEMPTS


@pytest.mark.slow
def test_a_receiver_that_never_answers_holds_no_drafting_worker(allowing: Server,
                                                               silent: _Silent) -> None:
    """The server drafts one draft at a time: had the worker waited for the webhook, another
    organisation's draft would wait at least ATTEMPTS x TIMEOUT_S for it."""
    first, _ = new_key(allowing.data_dir, "soylent")
    other, _ = new_key(allowing.data_dir, "tyrell")
    with client_for(allowing, first) as client, client_for(allowing, other) as second:
        waiting = client.post("/v1/drafts", json={"case": _submit(client),
                                                  "webhook_url": silent.url}).json()["id"]
        assert silent.connected.wait(60), "the webhook was never sent"
        case = _submit(second)
        started = time.monotonic()
        draft_id = second.post("/v1/drafts", json={"case": case}).json()["id"]
        assert wait_finished(second, draft_id, timeout=TIMEOUT_S)["status"] == "complete"
        took = time.monotonic() - started
        assert took < TIMEOUT_S, took
        assert wait_finished(client, waiting)["webhook"]["result"] is None  # still being sent
        silent.close()  # the receiver goes away: the delivery fails now, and says only that
        assert wait_webhook(client, waiting)["webhook"]["result"] == "failed"


@pytest.mark.slow
def test_stopping_the_server_abandons_a_delivery_that_never_answers(tmp_path: Path,
                                                                    silent: _Silent) -> None:
    with api_server(tmp_path, api_webhook_allow="127.0.0.1", api_webhook_timeout_s=TIMEOUT_S,
                    api_webhook_drain_s=0.5) as server:
        secret, _ = new_key(tmp_path, "acme")
        with client_for(server, secret) as client:
            draft_id = client.post("/v1/drafts", json={
                "case": _submit(client), "webhook_url": silent.url}).json()["id"]
            assert silent.connected.wait(60)
        started = time.monotonic()
        stop(server.process, timeout=TIMEOUT_S * 4)
        took = time.monotonic() - started
    assert took < TIMEOUT_S, took  # it did not wait for the receiver
    assert "Application shutdown complete." in server.log.read_text()  # a clean shutdown
    with sqlite3.connect(f"file:{server.store_path}?mode=ro", uri=True) as db:
        result = db.execute("SELECT webhook_result FROM api_drafts WHERE draft_id = ?",
                            (draft_id,)).fetchone()[0]
    assert result == "failed"
    assert any(line.get("event") == "webhook" and "abandoned" in line.get("reason", "")
               for line in server.log_lines())
