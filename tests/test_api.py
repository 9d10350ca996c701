"""The HTTP API, over real HTTP: ``necessity serve`` (uvicorn) on 127.0.0.1 with its own store,
driven with httpx as a firm's system would drive it."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import yaml
from docx import Document

from drafting.api.tenancy import tenancy
from drafting.store import DraftStore
from tests.api_server import Server, api_server, new_key, wait_finished
from tests.browser import browser, chromium
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

CASE_FILE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
CASE_BYTES = CASE_FILE.read_bytes()
YAML = {"Content-Type": "application/yaml"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with api_server(tmp_path_factory.mktemp("api")) as running:
        yield running


def client_for(server: Server, secret: str | None) -> httpx.Client:
    headers = {} if secret is None else {"Authorization": f"Bearer {secret}"}
    return httpx.Client(base_url=server.url, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def acme(server: Server) -> Iterator[httpx.Client]:
    secret, _ = new_key(server.data_dir, "acme")
    with client_for(server, secret) as client:
        yield client


@pytest.fixture(scope="module")
def globex(server: Server) -> Iterator[httpx.Client]:
    secret, _ = new_key(server.data_dir, "globex")
    with client_for(server, secret) as client:
        yield client


@pytest.fixture(scope="module")
def finished(acme: httpx.Client) -> dict:
    """Acme's example case, submitted and drafted offline to the end."""
    case = acme.post("/v1/cases", content=CASE_BYTES, headers=YAML).json()
    accepted = acme.post("/v1/drafts", json={"case": case["id"]}).json()
    return wait_finished(acme, accepted["id"])


def test_the_full_path_submit_draft_poll_export_docx(acme: httpx.Client) -> None:
    submitted = acme.post("/v1/cases", content=CASE_BYTES, headers=YAML)
    assert submitted.status_code in (200, 201)
    case = submitted.json()
    assert case["case_id"] == "wc-lumbar-esi-plaintiff" and case["disputed_items"] == ["I1", "I2"]

    requested = acme.post("/v1/drafts", json={"case": case["id"]})
    assert requested.status_code == 202
    draft_id = requested.json()["id"]
    assert requested.headers["location"] == f"/v1/drafts/{draft_id}"
    assert int(requested.headers["retry-after"]) >= 1  # when to poll

    draft = wait_finished(acme, draft_id)
    assert draft["status"] == "complete"
    assert draft["label"].startswith("Drafted without a language model")
    assert draft["language_model"] is False
    assert draft["sections"] and all(s["version"] == 1 and s["text"] for s in draft["sections"])
    assert any(c["kind"] == "fact" and c["valid"] for s in draft["sections"]
               for c in s["citations"])
    assert {item["item_id"] for item in draft["criteria"]} == {"I1", "I2"}
    assert draft["eval"]["passed"] is True and set(draft["eval"]["scores"].values()) == {1.0}

    exported = acme.get(f"/v1/drafts/{draft_id}/export", params={"format": "docx"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    text = "\n".join(p.text for p in Document(io.BytesIO(exported.content)).paragraphs)
    # the first section is the letter's addressee block, printed without its title
    assert draft["sections"][1]["title"] in text and draft["label"] in text

    audit = acme.get(f"/v1/drafts/{draft_id}/history").json()["audit"]
    assert [e["detail"]["format"] for e in audit if e["action"] == "exported"] == ["docx"]


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer nec_not-a-key"}, {"X-API-Key": "nec_not-a-key"},
    {"Authorization": "Basic dXNlcjpwYXNz"}])
def test_a_request_without_a_valid_key_is_401(server: Server, finished: dict,
                                              headers: dict[str, str]) -> None:
    for method, path in [("GET", f"/v1/drafts/{finished['id']}"), ("POST", "/v1/cases"),
                         ("POST", "/v1/evals")]:
        answer = httpx.request(method, server.url + path, headers=headers, content=b"{}")
        assert answer.status_code == 401, (method, path)
        assert answer.headers["www-authenticate"] == "Bearer"


def test_a_revoked_key_is_refused(server: Server) -> None:
    secret, _ = new_key(server.data_dir, "initech")
    with client_for(server, secret) as client:
        assert client.post("/v1/cases", content=CASE_BYTES, headers=YAML).status_code == 201
        with DraftStore.open(server.store_path) as store:
            key = next(k for k in tenancy(store).api_keys() if k.organisation == "initech")
            tenancy(store).revoke_api_key(key.id, "test")
        assert client.post("/v1/cases", content=CASE_BYTES, headers=YAML).status_code == 401


def test_another_organisations_draft_is_404_exactly_like_a_missing_one(
        globex: httpx.Client, finished: dict) -> None:
    draft_id = finished["id"]
    for path in [f"/v1/drafts/{draft_id}", f"/v1/drafts/{draft_id}/history",
                 f"/v1/drafts/{draft_id}/export?format=md"]:
        theirs, missing = globex.get(path), globex.get(path.replace(draft_id, "000000000000"))
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json()["error"] == missing.json()["error"] == "not_found"
    edit = globex.post(f"/v1/drafts/{draft_id}/sections/gaps",
                       json={"text": "x", "author": "Eve", "reason": "r"})
    assert edit.status_code == 404
    # Nor can another organisation draft or check it through its case or draft id.
    assert globex.get(f"/v1/cases/{finished['case']}").status_code == 404
    drafted = globex.post("/v1/drafts", json={"case": finished["case"]})
    assert drafted.status_code == 422 and drafted.json()["detail"][0]["field"] == "case"
    checked = globex.post("/v1/evals", json={"drafts": [draft_id]})
    assert checked.status_code == 422 and checked.json()["detail"][0]["field"] == "drafts[0]"


def test_an_oversized_body_is_413_whether_declared_or_streamed(server: Server,
                                                               acme: httpx.Client) -> None:
    limit = 2 * 1024 * 1024 + 64 * 1024  # api_max_body_bytes's default
    huge = b"# padding\n" * (limit // 10 + 10)
    declared = acme.post("/v1/cases", content=huge, headers=YAML)
    assert declared.status_code == 413 and declared.json()["error"] == "request_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        for start in range(0, len(huge), 65536):
            yield huge[start:start + 65536]

    streamed = acme.post("/v1/cases", content=chunks(), headers=YAML)
    assert streamed.status_code == 413
    assert acme.post("/v1/cases", content=CASE_BYTES, headers=YAML).status_code in (200, 201)


def test_a_bad_case_is_422_naming_the_field_and_line(acme: httpx.Client) -> None:
    broken = CASE_BYTES.decode().replace("date: 2016-02-20", "date: 2016-13-20", 1)
    answer = acme.post("/v1/cases", content=broken.encode(), headers=YAML)
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_case"
    problem = body["detail"][0]
    assert problem["loc"][0] == "body" and "date" in problem["field"]
    line = broken.splitlines()[problem["line"] - 1]
    assert "2016-13-20" in line

    as_json = yaml.safe_load(CASE_BYTES)
    del as_json["facts"][0]["statement"]
    answer = acme.post("/v1/cases", content=json.dumps(as_json, default=str),
                       headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "facts[0].statement"

    malformed = acme.post("/v1/cases", content=b"id: [unclosed\n", headers=YAML)
    assert malformed.status_code == 422 and malformed.json()["detail"][0]["line"] in (1, 2)
    binary = acme.post("/v1/cases", content=b"\xff\xfe\x00binary", headers=YAML)
    assert binary.status_code == 422 and "UTF-8" in binary.json()["message"]
    wrong_type = acme.post("/v1/cases", content=CASE_BYTES,
                           headers={"Content-Type": "application/pdf"})
    assert wrong_type.status_code == 415


def test_a_bad_draft_request_is_422_naming_the_field(acme: httpx.Client, finished: dict
                                                     ) -> None:
    for body, field in [({"case": finished["case"], "document_type": "sonnet"}, "document_type"),
                        ({"case": finished["case"], "backend": "openai"}, "backend"),
                        ({"case": finished["case"], "surprise": 1}, "surprise"),
                        ({"document_type": "appeal_letter"}, "case"),
                        ({"case": finished["case"], "document_type": "appeal_letter"},
                         "perspective")]:
        answer = acme.post("/v1/drafts", json=body)
        assert answer.status_code == 422, body
        assert [d["field"] for d in answer.json()["detail"]] == [field]


def _drafts_of(server: Server, case_id: str) -> int:
    with DraftStore.open(server.store_path) as store:
        return len(store.list_drafts(case_id))


def test_a_retried_post_with_the_same_idempotency_key_returns_the_same_draft(
        server: Server, acme: httpx.Client, finished: dict) -> None:
    before = _drafts_of(server, "wc-lumbar-esi-plaintiff")
    request = {"case": finished["case"], "document_type": "review_determination",
               "perspective": "neutral"}
    key = {"Idempotency-Key": "retry-7f3a"}
    first = acme.post("/v1/drafts", json=request, headers=key)
    again = acme.post("/v1/drafts", json=request, headers=key)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers

    # Eight clients retrying at the same moment still make one draft.
    concurrent = {"Idempotency-Key": "storm-1"}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: acme.post("/v1/drafts", json=request,
                                                    headers=concurrent), range(8)))
    assert {a.status_code for a in answers} == {202}
    assert len({a.json()["id"] for a in answers}) == 1
    assert _drafts_of(server, "wc-lumbar-esi-plaintiff") == before + 2

    reused = acme.post("/v1/drafts", json={**request, "retrieval": True},
                       headers=key)
    assert reused.status_code == 422 and reused.json()["error"] == "idempotency_key_reused"
    assert _drafts_of(server, "wc-lumbar-esi-plaintiff") == before + 2
    wait_finished(acme, first.json()["id"])
    wait_finished(acme, answers[0].json()["id"])


def test_a_section_edit_is_a_new_version_in_the_history(acme: httpx.Client,
                                                        finished: dict) -> None:
    draft_id, section = finished["id"], finished["sections"][-1]
    text = section["text"] + " The reviewer adds this sentence."
    edit = {"text": text, "author": "Dr. Reyes", "reason": "clarify the conclusion"}
    key = {"Idempotency-Key": "edit-1"}
    saved = acme.post(f"/v1/drafts/{draft_id}/sections/{section['key']}", json=edit, headers=key)
    assert saved.status_code == 200 and saved.json()["version"] == 2
    retried = acme.post(f"/v1/drafts/{draft_id}/sections/{section['key']}", json=edit,
                        headers=key)
    assert retried.json()["version"] == 2 and retried.headers["idempotent-replayed"] == "true"

    now = acme.get(f"/v1/drafts/{draft_id}").json()
    edited = next(s for s in now["sections"] if s["key"] == section["key"])
    assert edited["version"] == 2 and edited["text"] == text
    history = acme.get(f"/v1/drafts/{draft_id}/history").json()
    versions = [v for v in history["versions"] if v["key"] == section["key"]]
    assert [(v["version"], v["author"], v["reason"]) for v in versions] == [
        (1, "offline", None), (2, "Dr. Reyes", "clarify the conclusion")]

    unchanged = acme.post(f"/v1/drafts/{draft_id}/sections/{section['key']}", json=edit)
    assert unchanged.status_code == 409
    no_reason = acme.post(f"/v1/drafts/{draft_id}/sections/{section['key']}",
                          json={"text": "x", "author": "Dr. Reyes"})
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "reason"
    unknown = acme.post(f"/v1/drafts/{draft_id}/sections/no-such-section", json=edit)
    assert unknown.status_code == 404


def test_evals_check_the_organisations_drafts(acme: httpx.Client, finished: dict) -> None:
    report = acme.post("/v1/evals", json={"drafts": [finished["id"]]})
    assert report.status_code == 200
    body = report.json()
    assert body["passed"] is True and len(body["runs"]) == 1
    assert {g["check"] for g in body["gates"]} >= {"citation_validity", "consistency"}
    bad = acme.post("/v1/evals", json={"drafts": [finished["id"]],
                                        "thresholds": {"spelling": 0.9}})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "thresholds"


def test_rate_limit_per_key_is_429_with_retry_after(tmp_path: Path) -> None:
    with api_server(tmp_path, api_rate_per_minute=60, api_rate_burst=3) as limited:
        first, _ = new_key(tmp_path, "acme")
        second, _ = new_key(tmp_path, "acme", "second system")
        with client_for(limited, first) as client, client_for(limited, second) as other:
            codes = [client.get("/v1/drafts/x").status_code for _ in range(4)]
            assert codes == [404, 404, 404, 429]
            refused = client.get("/v1/drafts/x")
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
            assert other.get("/v1/drafts/x").status_code == 404  # another key's own budget
        assert any(line.get("status") == 429 and line.get("reason") == "rate limit"
                   for line in limited.log_lines())


def test_logs_are_json_lines_without_case_text(server: Server, finished: dict) -> None:
    lines = server.log_lines()  # every line parses as JSON
    requests = [line for line in lines if line.get("event") == "request"]
    assert requests and all({"method", "route", "status", "ms"} <= set(r) for r in requests)
    assert any(r["route"] == "/v1/drafts/{draft_id}" and r["organisation"] == "acme"
               for r in requests)
    text = server.log.read_text()
    case = yaml.safe_load(CASE_BYTES)
    for fact in case["facts"]:
        assert fact["statement"][:30] not in text
    assert case["title"] not in text and "format=docx" not in text


@pytest.mark.browser
def test_the_openapi_docs_are_served_without_a_cdn(server: Server, tmp_path: Path) -> None:
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/v1/cases", "/v1/drafts", "/v1/drafts/{draft_id}", "/v1/drafts/{draft_id}/export",
            "/v1/drafts/{draft_id}/sections/{section_key}", "/v1/drafts/{draft_id}/history",
            "/v1/evals"} <= set(spec["paths"])
    page = httpx.get(f"{server.url}/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    script = httpx.get(f"{server.url}/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000

    executable = chromium()
    if executable is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    with browser(executable, tmp_path / "profile") as page_:
        page_.call("Network.enable")
        page_.goto(f"{server.url}/docs")
        text = page_.wait_for("/v1/drafts/{draft_id}/export", timeout=60, busy="false")
        page_.screenshot(tmp_path / "docs.png")
        assert "Unable to render" not in text and "POST" in text
        requested = page_.requested()
        assert any(u.endswith("/docs-assets/swagger-ui-bundle.js") for u in requested)
        assert all(u.startswith((server.url, "data:", "about:")) for u in requested), requested


def test_a_killed_server_drafts_its_queued_drafts_when_it_starts_again(tmp_path: Path) -> None:
    with api_server(tmp_path, api_concurrency=1) as first:
        secret, _ = new_key(tmp_path, "acme")
        with client_for(first, secret) as client:
            case = client.post("/v1/cases", content=CASE_BYTES, headers=YAML).json()
            ids = [client.post("/v1/drafts", json={"case": case["id"]}).json()["id"]
                   for _ in range(12)]
        first.kill()
    time.sleep(1)  # its drafting workers notice and stop (they check every 0.2 s)
    with DraftStore.open(tmp_path / "drafts.sqlite") as store:
        unfinished = {d.draft_id for d in tenancy(store).unfinished_api_drafts()
                      if store.summary(d.draft_id).status == "in_progress"}
    assert unfinished, "the kill came too late to leave anything queued"

    with api_server(tmp_path, api_concurrency=2, log_name="restarted.log") as second, \
            client_for(second, secret) as client:
        drafts = [wait_finished(client, draft_id) for draft_id in ids]
        resumed = [line for line in second.log_lines() if line.get("event") == "started"]
    assert [d["status"] for d in drafts] == ["complete"] * len(ids)
    with DraftStore.open(tmp_path / "drafts.sqlite") as store:
        for draft_id in ids:
            keys = [h.key for h in store.history(draft_id)]
            assert len(keys) == len(set(keys)), f"{draft_id}: a section was drafted twice"
            actions = [e.action for e in store.audit(draft_id)]
            assert actions.count("draft_finished") == 1
            assert ("draft_resumed" in actions) == (draft_id in unfinished), str(actions)
    assert resumed[0]["resumed"] == len(unfinished)


def test_a_server_offering_the_openai_backend_drafts_through_it(tmp_path: Path) -> None:
    from tests.fakes.openai_server import FakeOpenAIServer, reply_fn
    from tests.test_drafting_openai import good_answer

    with FakeOpenAIServer(default=reply_fn(good_answer)) as model, api_server(
            tmp_path, api_backends="offline,openai", base_url=model.base_url,
            model="fake-model", api_key="sk-local") as server:
        secret, _ = new_key(tmp_path, "acme")
        with client_for(server, secret) as client:
            case = client.post("/v1/cases", content=CASE_BYTES, headers=YAML).json()
            draft_id = client.post("/v1/drafts", json={"case": case["id"],
                                                       "backend": "openai"}).json()["id"]
            draft = wait_finished(client, draft_id)
    assert draft["status"] == "complete" and draft["language_model"] is True
    assert draft["backend"] == "openai" and draft["model"] == "fake-model"
    assert len(model.chat_requests) >= len(draft["sections"]) > 0
    assert draft["sections"][0]["text"].startswith("The record bears on this section")
