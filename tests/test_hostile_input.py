"""Hostile case files and request bodies (issue #22 item 1): each is refused with a clear message
naming the file, field or line, from one parse, without expanding or echoing what it holds; the
API validates case files outside its own process and answers errors as JSON with a request id.
Time and memory are measured by benchmarks/hostile_input.py, not asserted here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from drafting.case import CaseFileError, load_case
from drafting.case.parsing import MAX_ALIAS_NODES, MAX_DEPTH
from tests.api_server import Server, api_server, new_key
from tests.fakes.hostile_cases import (
    EXAMPLE,
    alias_bomb,
    deep_json,
    deep_json_body,
    deep_yaml,
    many_problems,
)


def problems_of(path: Path) -> list:  # type: ignore[type-arg]
    with pytest.raises(CaseFileError) as raised:
        load_case(path)
    return raised.value.problems


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    text = alias_bomb()
    [problem] = problems_of(write(tmp_path, "bomb.yaml", text))
    assert f"more than {MAX_ALIAS_NODES:,} extra values" in problem.message
    assert "alias *a" in problem.message
    assert problem.line is not None and text.splitlines()[problem.line - 1].lstrip().startswith(
        "a")  # the line of the alias that went over
    assert "'&'" in problem.fix and len(str(problem)) < 400


def test_a_few_aliases_are_still_ordinary_yaml(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "source: {document: D1, page: 1}", "source: &first {document: D1, page: 1}", 1)
    text = text.replace("source: {document: D1, page: 3}", "source: *first", 1)
    case = load_case(write(tmp_path, "anchored.yaml", text))
    assert case.facts[1].source.document == "D1" and case.facts[1].source.page == 1


@pytest.mark.parametrize("text", [deep_yaml(), "id:\n" + "".join(
    f"{'  ' * (n + 1)}k{n}:\n" for n in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 6) + "x\n"],
    ids=["flow", "block"])
def test_yaml_nested_deeper_than_a_case_is_refused(tmp_path: Path, text: str) -> None:
    [problem] = problems_of(write(tmp_path, "deep.yaml", text))
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message


def test_json_nested_deeper_than_a_case_is_refused(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, "deep.json", deep_json()))
    assert problem.message == f"JSON nested more than {MAX_DEPTH} levels deep"


def test_every_problem_of_a_large_file_has_its_own_line(tmp_path: Path) -> None:
    text = many_problems(problems=40, target_bytes=300_000)
    found = problems_of(write(tmp_path, "many.yaml", text))
    assert len(found) == 40
    lines = text.splitlines()
    for problem in found:
        assert problem.path.endswith(".laterality")
        assert lines[problem.line - 1].strip() == "laterality: sideways"
    assert len({p.line for p in found}) == 40


def test_a_huge_wrong_value_is_shown_cut_short(tmp_path: Path) -> None:
    text = re.sub(r"\nquestion: >-\n(?:  .*\n)+",  # the question's block, replaced (not repeated)
                  "\nquestion: [" + ", ".join(["[1, 2, 3, 4, 5]"] * 2000) + "]\n",
                  EXAMPLE.read_text(encoding="utf-8"), count=1)
    [problem] = problems_of(write(tmp_path, "huge-value.yaml", text))
    assert problem.path == "question" and "is not text" in problem.message
    assert len(problem.message) < 120 and len(problem.fix) < 80


def a_number_of(digits: int) -> str:
    return "9" * digits


@pytest.mark.parametrize("name", ["long-number.yaml", "long-number.json"])
def test_a_number_past_the_integer_digit_limit_is_a_problem_not_a_crash(
        tmp_path: Path, name: str) -> None:
    """Python refuses to convert an integer of more than 4,300 digits (CVE-2020-10735); a case
    carrying one is reported like any other problem, not with a ValueError traceback."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\n  age: " in text
    if name.endswith(".json"):
        data = load_case(write(tmp_path, "plain.yaml", text)).model_dump(mode="json",
                                                                         exclude_none=True)
        data["patient"]["age"] = 71
        text = json.dumps(data).replace('"age": 71', '"age": ' + a_number_of(5000), 1)
    else:
        text = re.sub(r"\n  age: \d+", "\n  age: " + a_number_of(5000), text, count=1)
    [problem] = problems_of(write(tmp_path, name, text))
    assert "a number of 5,000 digits" in problem.message
    if name.endswith(".yaml"):
        assert text.splitlines()[problem.line - 1].strip().startswith("age: 999")


def test_a_key_written_twice_in_yaml_is_refused_with_both_lines(tmp_path: Path) -> None:
    """PyYAML keeps the last of two equal keys silently; a case refuses the second copy."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"\n  age: (\d+)", r"\n  age: \1\n  age: 99", text, count=1)
    [problem] = problems_of(write(tmp_path, "twice.yaml", text))
    first = text.splitlines().index("  age: 99")  # 0-based index of the second copy
    assert problem.line == first + 1
    assert problem.message == ("the key 'age' is written twice in one mapping "
                               f"(first at line {first})")


def test_a_name_written_twice_in_json_is_refused(tmp_path: Path) -> None:
    data = load_case(EXAMPLE).model_dump(mode="json", exclude_none=True)
    text = json.dumps(data).replace('"age": ', '"age": 99, "age": ', 1)
    [problem] = problems_of(write(tmp_path, "twice.json", text))
    assert problem.message == "the key 'age' is written twice in one mapping"


def test_equal_keys_in_different_mappings_are_ordinary_yaml(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\n    statement:") > 1
    load_case(write(tmp_path, "plain.yaml", text))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_case_is_named_as_utf16_not_as_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notepad-unicode.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_bytes(text.encode(encoding) if encoding == "utf-16" else
                     b"\xfe\xff" + text.encode(encoding))
    [problem] = problems_of(path)
    assert problem.message == "file is UTF-16 text, not UTF-8" and problem.fix == "save it as UTF-8"


def test_a_json_case_with_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    data = load_case(EXAMPLE).model_dump(mode="json", exclude_none=True)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    assert load_case(path).id == data["id"]


# -- the API -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, httpx.Client]]:
    with api_server(tmp_path_factory.mktemp("hostile-api"),
                    api_validation_timeout_s=0.5) as server:
        secret, _ = new_key(server.data_dir, "hostile-org")
        with httpx.Client(base_url=server.url, timeout=60,
                          headers={"Authorization": f"Bearer {secret}"}) as client:
            yield server, client


def test_the_api_refuses_an_alias_bomb_as_json_with_a_request_id(served) -> None:  # type: ignore[no-untyped-def]
    _, client = served
    answer = client.post("/v1/cases", content=alias_bomb().encode(),
                         headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_case" and "aliases would expand" in body["message"]
    assert body["request_id"] == answer.headers["X-Request-ID"]


def test_a_deeply_nested_json_body_is_refused_before_it_is_parsed(served) -> None:  # type: ignore[no-untyped-def]
    server, client = served
    for path in ("/v1/drafts", "/v1/cases"):
        answer = client.post(path, content=deep_json_body(),
                             headers={"Content-Type": "application/json",
                                      "X-Request-ID": "client-chosen-0001"})
        assert answer.status_code == 422, path
        assert answer.json()["error"] == "request_too_deep"
        assert answer.json()["request_id"] == "client-chosen-0001"
    logged = [line for line in server.log_lines() if line.get("request_id") ==
              "client-chosen-0001"]
    assert logged and all(line["status"] == 422 for line in logged)


def test_a_file_over_the_validation_budget_is_refused_and_the_next_is_validated(served) -> None:  # type: ignore[no-untyped-def]
    _, client = served
    # A valid 2 MB case takes over a second to validate: well past this server's 0.5 s.
    slow = many_problems(problems=0, target_bytes=2_000_000).encode()
    answer = client.post("/v1/cases", content=slow, headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 422, answer.text
    assert "took longer than 0.5 s (api_validation_timeout_s)" in answer.json()["message"]
    good = client.post("/v1/cases", content=EXAMPLE.read_bytes(),
                       headers={"Content-Type": "application/yaml"})
    assert good.status_code in (200, 201), good.text
    assert good.json()["case_id"] == "wc-lumbar-esi-defense"


def test_the_budget_counts_validation_not_the_workers_start_up() -> None:
    # New workers import the case model first (about a second, more on a loaded machine): a
    # file sent while they start, here a fresh validator with a 0.2 s budget, is validated,
    # not refused for time it did not use.
    import asyncio

    from drafting.api.validation import CaseValidator

    validator = CaseValidator(workers=1, timeout_s=0.2)
    try:
        case, _ = asyncio.run(validator.validate(EXAMPLE.read_bytes(), "case.yaml"))
    finally:
        validator.close()
    assert case.id == "wc-lumbar-esi-defense"


def test_an_unexpected_error_is_json_with_a_request_id_and_its_traceback_is_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    from fastapi import FastAPI
    from starlette.testclient import TestClient

    from drafting.api import errors
    from drafting.api.logs import LOGGER, RequestLog, logger

    app = FastAPI()
    errors.install(app)
    app.add_middleware(RequestLog)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail from deep inside")

    logger().propagate = True  # let caplog see the server's log lines
    try:
        with caplog.at_level("INFO", logger=LOGGER), \
                TestClient(app, raise_server_exceptions=False) as client:
            answer = client.get("/boom")
    finally:
        logger().propagate = False
    assert answer.status_code == 500
    body = answer.json()
    assert body["error"] == "internal_server_error" and "secret detail" not in answer.text
    assert body["request_id"] == answer.headers["X-Request-ID"]
    assert body["request_id"] in body["message"]
    [logged] = [r for r in caplog.records if getattr(r, "event", None) == "error"]
    assert logged.request_id == body["request_id"] and logged.exc_info is not None
    assert "secret detail from deep inside" in errors.logger().handlers[0].formatter.format(
        logged)


def test_the_api_reports_a_number_past_the_digit_limit_as_an_invalid_case(served) -> None:  # type: ignore[no-untyped-def]
    _, client = served
    text = re.sub(r"\n  age: \d+", "\n  age: " + a_number_of(5000),
                  EXAMPLE.read_text(encoding="utf-8"), count=1)
    answer = client.post("/v1/cases", content=text.encode(),
                         headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_case" and "a number of 5,000 digits" in body["message"]
    assert body["detail"][0]["line"] is not None


def test_the_api_names_a_utf16_upload_as_utf16(served) -> None:  # type: ignore[no-untyped-def]
    _, client = served
    answer = client.post("/v1/cases", content=EXAMPLE.read_text(encoding="utf-8").encode("utf-16"),
                         headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 422
    assert "the file is UTF-16 text, not UTF-8" in answer.json()["message"]
