"""De-identification of the packet seeded with 50 identifiers of 6 kinds
(examples/records/deid-sample/): none reaches a model (asserted on what a real loopback HTTP
server receives), all come back in what is written, and dates shift consistently on request."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
import yaml
from typer.testing import CliRunner

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.cli.app import app
from drafting.deid import PhiMap, PhiMapError
from drafting.export.markdown import to_markdown
from drafting.intake.reading import read_record
from drafting.settings import Settings
from drafting.stages import draft_case
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES, ROOT
from tests.fakes.openai_server import FakeOpenAIServer, reply_fn

RECORDS = ROOT / "examples" / "records"
PACKET = sorted((RECORDS / "deid-sample").iterdir())
SEEDED = yaml.safe_load((RECORDS / "deid-sample-identifiers.yaml").read_text())
PLACEHOLDER = re.compile(r"\[(?:NAME|DOB|ADDRESS|PHONE|MEMBER_ID|MRN|SSN|EMAIL)_\d+\]")
runner = CliRunner()


def flat(text: str) -> str:
    """Whitespace collapsed (an identifier wrapped over two lines is still an identifier)."""
    return " ".join(text.replace("\\n", " ").split())


def probes() -> list[tuple[str, str]]:
    """Each seeded identifier, plus every word of a name and the street line of an address."""
    out = []
    for kind, values in SEEDED.items():
        for value in map(str, values):
            out.append((kind, value))
            if kind == "name":
                out += [(kind, word) for word in value.split()]
            if kind == "address":
                out.append((kind, value.split(",")[0]))
    return out


def leaks(text: str) -> list[str]:
    text = flat(text)
    return sorted({value for _, value in probes() if value in text})


def test_the_packet_is_seeded_with_fifty_identifiers_of_six_kinds():
    assert len(SEEDED) == 6 and sum(len(v) for v in SEEDED.values()) == 50
    text = flat("\n".join(read_record(p).text for p in PACKET))
    assert [v for _, v in probes() if v not in text] == []


def test_deidentify_replaces_every_identifier_and_restore_brings_them_back(tmp_path):
    out, restored = tmp_path / "shareable", tmp_path / "restored"
    result = runner.invoke(app, ["deidentify", *map(str, PACKET), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert [p.name for p in written] == [f"{p.stem}.txt" for p in PACKET]
    assert leaks("\n".join(p.read_text() for p in written)) == []
    phi_map = tmp_path / "shareable.phimap.json"  # beside the shared folder, never inside it
    assert len(PhiMap.load(phi_map).entries) >= 50
    assert phi_map.stat().st_mode & 0o777 == 0o600  # it holds the real identifiers
    result = runner.invoke(app, ["deidentify", *map(str, written), "--out", str(restored),
                                 "--restore", "--map", str(phi_map)])
    assert result.exit_code == 0, result.output
    for original, back in zip(PACKET, sorted(restored.iterdir()), strict=True):
        assert back.read_text() == "\f".join(p.text for p in read_record(original).pages)


def test_dates_shift_consistently_and_birth_dates_are_replaced(tmp_path):
    out = tmp_path / "shifted"
    result = runner.invoke(app, ["deidentify", str(PACKET[1]), "--out", str(out),
                                 "--shift-dates", "30"])
    assert result.exit_code == 0, result.output
    text = (out / f"{PACKET[1].stem}.txt").read_text()
    assert "Date of service: 11/23/2023" in text  # 10/24/2023 + 30 days
    assert "injection on 10/26/2023" in text  # 09/26/2023 + 30 days
    assert "DOB: [DOB_1]" in text and "1969" not in text
    map_file = tmp_path / "shifted.phimap.json"
    assert PhiMap.load(map_file).shift_days == 30
    clash = runner.invoke(app, ["deidentify", str(PACKET[1]), "--out", str(out),
                                "--shift-dates", "10"])
    assert clash.exit_code == 2 and "made with a shift of 30 days" in clash.stderr


def test_the_map_is_never_written_into_the_shared_folder(tmp_path):
    out = tmp_path / "shared"
    result = runner.invoke(app, ["deidentify", str(PACKET[2]), "--out", str(out),
                                 "--map", str(out / "map.json")])
    assert result.exit_code == 2 and "keep it outside" in result.stderr
    assert not (out / "map.json").exists()


def test_a_damaged_map_is_refused_with_the_reason(tmp_path):
    bad = tmp_path / "map.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(PhiMapError, match="not a JSON map file"):
        PhiMap.load(bad)


def _propose_from_page(request: dict) -> str:
    """A model that proposes, as a fact, each sentence of the page holding a name placeholder."""
    user = request["messages"][-1]["content"]
    data = json.loads(re.search(r"<record_page>\n(.*)\n</record_page>", user, re.S).group(1))
    chosen = re.findall(r"Ms\. \[NAME_\d+\][^.]*\.", data["text"])
    return json.dumps([{"category": "history", "statement": s,
                        "date": data["document"]["date"]} for s in chosen])


def test_intake_model_pass_sends_placeholders_only_and_writes_real_values(tmp_path):
    out, map_file = tmp_path / "case.yaml", tmp_path / "intake.phimap.json"
    with FakeOpenAIServer(reply_fn(_propose_from_page)) as server:
        result = runner.invoke(app, [
            "intake", *map(str, PACKET), "--out", str(out), "--backend", "openai",
            "--base-url", server.base_url, "--model", "fake-model", "--map", str(map_file)])
        sent = [json.dumps(r.json, ensure_ascii=False) for r in server.chat_requests]
    assert result.exit_code in (0, 1), result.output  # 1: no disputed item in this packet
    assert len(sent) == sum(len(read_record(p).pages) for p in PACKET)
    assert leaks("\n".join(sent)) == []  # 100 % of the seeded identifiers replaced
    assert all(PLACEHOLDER.search(body) for body in sent)
    written = out.read_text(encoding="utf-8")
    facts = yaml.safe_load(written)["facts"]
    proposed = [f for f in facts if f.get("proposed")]
    assert proposed, result.output
    assert not any(PLACEHOLDER.search(f["statement"]) for f in facts)
    assert "Ms. Quillfeather was born on April 17, 1969" in written  # restored in the export
    assert len(PhiMap.load(map_file).entries) >= 50


def _echo_placeholders(request: dict) -> str:
    user = request["messages"][-1]["content"]
    found = sorted(set(PLACEHOLDER.findall(user)))
    record = re.search(r"<case_record>\n(.*)\n</case_record>", user, re.S)
    facts = json.loads(record.group(1))["facts"] if record else []
    cite = f" [{facts[0]['id']}]" if facts else ""
    return f"The record names {', '.join(found) or 'no one'}{cite}."


def test_the_backend_deidentifies_for_non_local_hosts_only():
    external = Settings(backend="openai", base_url="https://models.example.invalid/v1",
                        allow_external=True, api_key="sk-test")
    local = external.model_copy(update={"base_url": "http://localhost:8080/v1"})
    assert create("openai", external).deidentify is True
    assert create("openai", local).deidentify is False


def test_drafting_through_a_non_local_backend_deidentifies_and_restores(tmp_path):
    case_file = tmp_path / "case.yaml"
    text = (EXAMPLES / "wc-lumbar-esi-plaintiff.yaml").read_text(encoding="utf-8")
    identifying = ("Ms. Quillfeather (MRN WPC-5501873, cell 213-555-0187, home 19 Gossamer "
                   "Lane, Thistledown, CA 90093) confirmed this.")
    text = text.replace("single level.", f"single level. {identifying}")
    text = text.replace("eight weeks after the June injection,",
                        "eight weeks after the June injection (claim number CPM-2023-448190),")
    case_file.write_text(text, encoding="utf-8")
    case = load_case(case_file)
    settings = Settings(backend="openai", base_url="http://127.0.0.1:9/v1", model="fake-model",
                        api_key="sk-local", retries=0)
    with FakeOpenAIServer(reply_fn(_echo_placeholders)) as server:
        settings = settings.model_copy(update={"base_url": server.base_url})
        backend = create("openai", settings)
        assert backend.deidentify is False  # loopback: a local model needs no de-identification
        backend.deidentify = True  # as it is for any non-local host
        draft = asyncio.run(draft_case(case, "h", backend, settings, excerpts_by_id()))
        sent = "\n".join(json.dumps(r.json) for r in server.chat_requests)
    for value in ("Quillfeather", "WPC-5501873", "213-555-0187", "19 Gossamer Lane",
                  "CPM-2023-448190"):
        assert value not in sent
    assert "[NAME_" in sent and "[MRN_" in sent
    markdown = to_markdown(draft)
    assert "Quillfeather" in markdown and "WPC-5501873" in markdown
    assert not PLACEHOLDER.search(markdown)


def test_one_backend_never_restores_a_cases_identifiers_into_another_case():
    # A batch drafts all its cases through one backend: a placeholder that reaches one case's
    # reply must not be filled in with an identifier from another case's record.
    from drafting.prompting import Prompt
    from tests.fakes.openai_server import reply

    first = Prompt(kind="opening", system="Draft.", hash="a", context={"case": {"id": "a"}},
                   user="Ms. Quillfeather (MRN WPC-5501873, cell 213-555-0187) was seen.")
    second = Prompt(kind="opening", system="Draft.", hash="b", context={"case": {"id": "b"}},
                    user="The patient was seen again.")
    with FakeOpenAIServer(reply_fn(_echo_placeholders)) as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake-model",
                            api_key="sk-local", retries=0)
        backend = create("openai", settings)
        backend.deidentify = True  # as it is for any non-local host
        answer_a = asyncio.run(backend.complete(first))
        sent = json.dumps(server.chat_requests[-1].json)
        placeholders = sorted(set(PLACEHOLDER.findall(sent)))
        assert placeholders and "Quillfeather" not in sent
        server.script(reply(f"Seen with {' '.join(placeholders)}."))
        answer_b = asyncio.run(backend.complete(second))
        again_a = asyncio.run(backend.complete(first))
    assert "Quillfeather" in answer_a.text and "WPC-5501873" in answer_a.text
    assert "Quillfeather" not in answer_b.text and "WPC-5501873" not in answer_b.text
    assert all(p in answer_b.text for p in placeholders)  # left as they came: not this case's
    assert again_a.text == answer_a.text  # the first case keeps its placeholders
