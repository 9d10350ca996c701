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
from drafting.deid import Deidentifier, PhiMap, PhiMapError
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
PLACEHOLDER = re.compile(r"\[(?:NAME|DOB|ADDRESS|PHONE|MEMBER_ID|MRN|SSN|EMAIL|EMPLOYER|AGE|DATE|"
                         r"URL|LICENSE|DEVICE|ID)_\d+\]")
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
    # a title is part of the name it stands before: "Ms. Quillfeather" is one placeholder
    chosen = re.findall(r"\[NAME_\d+\] was [^.\n]*\.", data["text"])
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


# ------------------------------------------------------------------------ classes of identifier
# Each test below plants one class of identifier in text written for it (invented names and
# numbers; NPI, DEA and VIN check digits computed) and checks that every occurrence is replaced
# whole, and that the clinical words around it are kept.


def _deid(text: str, shift: int | None = None, **kwargs) -> tuple[str, Deidentifier]:
    deid = Deidentifier(PhiMap(shift), **kwargs)
    deid.learn([text])
    return deid.deidentify(text), deid


def _assert_gone(out: str, *values: str) -> None:
    left = [v for v in values if v in out]
    assert not left, f"left in: {left}\n{out}"


def test_accented_and_particle_names_in_every_form():
    text = ("Name: Núñez, José Ángel          Sex: M\n"
            "Mr. Núñez is a 57-year-old; Núñez's wife called. Married to Graciela Núñez.\n"
            "Patient: de la Cruz, Ana María        Acct: 7730-4412\n"
            "Ms. de la Cruz walks daily. Injured worker: O'Neil-Mbeki, Kevin\n"
            "Kevin O'Neil-Mbeki was seen. Her daughter, Phạm Thu Hà, came. "
            "Reviewed with Ms. Nguyễn.\n"
            "Patient: Nguyễn Thị Lan\n"
            "NUNEZ, JOSE A   |   DE LA CRUZ, ANA M. -- Page 2   |   O'NEIL-MBEKI, KEVIN  |\n"
            "| 1 | NGUYEN, THI LAN | Nguyen Thi Lan |\n")
    out, _ = _deid(text)
    _assert_gone(out, "Núñez", "José", "Ángel", "NUNEZ", "JOSE", "Graciela", "de la Cruz",
                 "DE LA CRUZ", "Ana", "ANA", "O'Neil", "Mbeki", "MBEKI", "Kevin", "KEVIN",
                 "Phạm", "Hà", "Nguyễn", "NGUYEN", "Nguyen", "THI LAN", "Thi Lan", "'s")
    assert "[NAME_1]é" not in out and "57-year-old" in out


def test_a_learned_name_is_found_without_its_accents_and_across_lines():
    deid = Deidentifier(PhiMap())
    deid.learn(["Patient: José Peña-Villanueva\n"])
    out = deid.deidentify("PENA-VILLANUEVA, JOSE | Jose Pena-\nVillanueva called. Sr. Peña's son.")
    _assert_gone(out, "PENA", "JOSE", "Jose", "Pena", "Villanueva", "Peña")


def test_provider_names_with_titles_and_credentials_are_replaced_whole():
    text = ("Treating physician: Nkechi Okonkwo-Hale, MD\n"
            "Physician assistant Brandon Stoltz, PA-C obtained the history.\n"
            "cc: Dr. Harlan Whitcomb (primary treating physician)\n"
            "LORENZO D'ANGELO, M.D., Q.M.E.\n"
            "Rhiannon Vasquez-Tate, PT, DPT\nCo-treating: Jonah Whitlock, PTA\n"
            "IMOGEN ASHBY, Psy.D.\nANESTHESIA: Hiroshi Tanabe, MD; CRNA Meredith Sola\n"
            "A message was left with Gloria Menendez, office manager.\n"
            "Referred to Dr. Anjali Mehra-\nCoyle for follow-up. Harriet L. Lentz, Esq.\n"
            "Requested by: OKONKWO-HALE, NKECHI (Prescriber)   DEA: FO4820191\n"
            "PRESCRIBER NOTE (entered by N. Okonkwo-Hale, MD, 05/13/2024)\n")
    out, _ = _deid(text)
    _assert_gone(out, "Okonkwo", "OKONKWO", "NKECHI", "Nkechi", "Stoltz", "PA-C", "Dr.",
                 "Whitcomb", "D'ANGELO", "LORENZO", "Q.M.E.", "Vasquez", "DPT", "Whitlock", "PTA",
                 "ASHBY", "Psy.D.", "Tanabe", "Sola", "Menendez", "Mehra", "Coyle", "Lentz", "Esq")
    assert "office manager" in out and "Physician assistant" in out


def test_names_in_a_data_block_are_caught_but_measure_names_are_not():
    text = ('{"author": "Harlan Whitcomb, MD", "title": "Progress note"}\n'
            '{"author": "pain medicine physician"}\n'
            '{"measures": [{"name": "NRS", "value": 6}, {"name": "ODI", "value": 44}]}\n'
            "measures: [{name: HbA1c, value: 5.6}, {name: PHQ-9, value: 11}]\n")
    out, _ = _deid(text)
    _assert_gone(out, "Whitcomb")
    for kept in ('"NRS"', '"ODI"', "HbA1c", "PHQ-9", "pain medicine physician"):
        assert kept in out


def test_relatives_named_in_prose_are_replaced():
    text = ("Her husband, Dale Freeman, drives her. Her niece, Summer, drove her today. "
            "His sons Mateo and Diego help at home. Aunt Zofia is ninety-seven. "
            "Lives with his wife, Yvette, and visits his grandmother, Odessa Lyle, weekly.")
    out, _ = _deid(text)
    _assert_gone(out, "Dale", "Freeman", "Summer", "Mateo", "Diego", "Zofia", "ninety-seven",
                 "Yvette", "Odessa", "Lyle")


def test_employers_in_fields_prose_and_banners():
    text = ("09/05/2023 11:06 FAX 2095550189      MERCED VALLEY POULTRY HR     PAGE 01/02\n"
            "9. Name of employer: Merced Valley Poultry Co.\n"
            "She works as a forklift driver at Tulare Basin Cold Storage. Before that he drove a "
            "yard tractor for Delta Gateway Trucking. He was employed by Kestrel Ridge Almond "
            "Growers, then worked for Castellano & Sons Roofing, Inc.; Castellano & Sons "
            "promoted him.\nD. T. Pruitt v. Pacific Crest Fulfillment\n"
            "Employer:         Pacific Crest Fulfillment, Inc.\n"
            "Employer: You are required to date this form.\n")
    out, _ = _deid(text)
    _assert_gone(out, "MERCED", "Merced", "Tulare Basin", "Delta Gateway", "Kestrel",
                 "Castellano", "Pacific Crest", "Pruitt")
    assert "You are required" in out and "forklift driver" in out


def test_ages_over_89_are_replaced_and_younger_ages_kept():
    text = ("A 92-year-old woman; Age/Sex: 92Y F; Age: 94 yo; his grandmother is now 99 years "
            "old; Aunt Zofia, who is ninety-seven; a ninety-four-year-old retired foreman; "
            "aged 101. A 52-year-old woman and her 65-year-old husband; walked for ninety "
            "minutes; 90 mg daily.")
    out, _ = _deid(text)
    _assert_gone(out, "92-year", "92Y", "94 yo", "99 years", "ninety-seven", "ninety-four",
                 "101")
    for kept in ("52-year-old", "65-year-old", "ninety minutes", "90 mg"):
        assert kept in out


def test_licence_npi_dea_device_and_vehicle_numbers():
    text = ("NPI 1245319599   DEA BW6125341   CA License A 87412 | QME No. QME 118842\n"
            "License PSY 27745. State Bar No. 284417. California license 20A 14782.\n"
            "Identity confirmed with a California driver license, D4471290.\n"
            "| TRAN, MINH (MK4482105) | Shaw Ave Drug (1764028837) | RX 6604418 |\n"
            "Pacemaker, device serial KXL552019R; TENS unit (serial TS4-90218).\n"
            "VIN 1M8GDM9AXKP042788, unit plate 8KZM412; California plate 6TRD519.\n"
            "Rechargeable IPG   Model NS-200   NKR4471902H\n")
    out, _ = _deid(text)
    _assert_gone(out, "1245319599", "BW6125341", "87412", "118842", "27745", "284417", "14782",
                 "D4471290", "MK4482105", "1764028837", "6604418", "KXL552019R", "TS4-90218",
                 "1M8GDM9AXKP042788", "8KZM412", "6TRD519", "NKR4471902H")
    assert "Model NS-200" in out


def test_check_digits_decide_unlabelled_npi_dea_and_vin():
    from drafting.deid.checksums import dea_ok, npi_ok, vin_ok

    assert npi_ok("1234567893") and not npi_ok("1234567890")
    assert dea_ok("AB1234563") and not dea_ok("AB1234567")
    assert vin_ok("1M8GDM9AXKP042788") and not vin_ok("1M8GDM9A0KP042788")
    out, _ = _deid("Pharmacy (1234567893); prescriber AB1234563; ref 1234567890x.")
    _assert_gone(out, "1234567893", "AB1234563")


def test_urls_and_ip_addresses_but_not_section_numbers():
    text = ("A video visit is available at https://meet.example.com/room/aguilar-1017. "
            "Records: www.valleyjusticelaw.example.com\nSession IP: 198.51.100.23; "
            "gw 10.20.4.18; fe80::1ff:fe23:4567:890a.\n"
            "Per section 9792.24.2 and guideline 4.2.1.3, see Table 15-3.")
    out, _ = _deid(text)
    _assert_gone(out, "aguilar-1017", "valleyjusticelaw", "198.51.100.23", "10.20.4.18",
                 "fe80::1ff")
    for kept in ("9792.24.2", "4.2.1.3", "Table 15-3"):
        assert kept in out


def test_ssns_masked_spaced_or_bare_and_phones_without_separators():
    text = ("SSN: xxx-xx-6789\nEmployee SSN:     XXX-XX-2290\nSSN: ***-**-1184\n"
            "7. Social Security Number: 548 20 7731\nEE SSN 548207731\n"
            "SSN on intake form: 552180934\n"
            "The patient may be reached at 5595550143 (cell). FROM: 2095550181   TO: 5595550177\n"
            "Phone: 209-555-01 37   Alt: (209) 555-0138 ext. 204; +1 559 555 0131; "
            "1-916-555-0107 x 22\n"
            "Vitals: BP 132/84, 120 80 1234 steps.")
    out, _ = _deid(text)
    _assert_gone(out, "6789", "2290", "1184", "548 20 7731", "548207731", "552180934",
                 "5595550143", "2095550181", "5595550177", "01 37", "0138", "204", "0131",
                 "0107", "x 22")
    assert "132/84" in out and "120 80 1234" in out  # no SSN word before it


def test_record_numbers_by_label_and_by_shape():
    text = ("Claim number:     Claim #: 00451-889\nPanel no.:        7812394\n"
            "Policy/group:     RSC-55091-A\nAccession: RV24-0981174\nEmp ID: MVP-00731\n"
            "Report ID: PAR-2024-0513-77120\nFIN: 2231987740\nGroup: 0078815\n"
            "O'NEIL-MBEKI, KEVIN  |  WC-2024-017733  |  Page 2 of 2\n"
            "Claim number:     WC-2024-017733\n"
            "13. Date employer returned claim form to employee: 09/05/2023\n"
            "Medicare LCD L33382 and article A57826; CPT 64483; M80.08XA; MMPI-2-RF; GAD-7.")
    out, _ = _deid(text)
    _assert_gone(out, "00451-889", "7812394", "RSC-55091", "0981174", "MVP-00731",
                 "77120", "2231987740", "0078815", "017733")
    for kept in ("L33382", "A57826", "CPT 64483", "M80.08XA", "MMPI-2-RF", "GAD-7"):
        assert kept in out
    assert "employee: 09/05/2023" in out  # a date under a claim label is no claim number


def test_addresses_cities_zips_and_counties():
    text = ("6087 N. Fresno St., Bldg C, Fresno, CA 93710  |  Phone 559.555.0121\n"
            "| 1 | NGUYEN, THI LAN | 1520 N BLACKSTONE AVE APT 12, FRESNO CA 93703 |\n"
            "88 W. Shaw Ave, Clovis CA 93612 (prior)\n"
            "2100 Tulare Street, 9th Floor, Fresno, California 93721\n"
            "3. City: Atwater          State: CA         Zip: 95301\n"
            "loading dock 3, 7400 Bellevue Rd, Atwater CA\n"
            "Signed in Kern County, California on May 6, 2024. P.O. Box 9931, Modesto, CA 95353")
    out, _ = _deid(text)
    _assert_gone(out, "6087", "Bldg C", "93710", "BLACKSTONE", "93703", "Shaw", "93612",
                 "2100 Tulare", "9th Floor", "93721", "Atwater", "95301", "7400", "Kern",
                 "9931", "95353")


def test_birth_dates_damaged_by_ocr_and_written_otherwise():
    text = ("DOB: 14-Mar-1969\nD.0.B.: 10/22/1931\nSTROUT, WILHELMINA      1O/22/1931\n"
            "D0B 10/22/193l\nDOB cross-check (payroll): 083062\n"
            "Name: Ana Ruiz   DOB: September 3, 1966\nRUIZ, ANA   09/03/1966   Printed 03/15/2024")
    out, _ = _deid(text, shift=37)
    _assert_gone(out, "1969", "1931", "193l", "083062", "1966")
    assert "Printed 04/21/2024" in out  # other dates shift


def test_dates_without_a_year_shift_and_shift_back():
    text = ("Start of care: 01/08/2024   Initial (01/08)   Discharge (03/15)   seen on 3/15 "
            "and on March 3rd. VAS 7/10, VAS 10/10, Norco 10/325, strength 5/5, BP 132/84, "
            "visit 12/12.")
    out, deid = _deid(text, shift=37)
    assert "Initial (02/14)" in out and "Discharge (04/21)" in out and "on 4/21" in out
    assert "April 9th" in out
    for kept in ("VAS 7/10", "VAS 10/10", "Norco 10/325", "strength 5/5", "132/84", "12/12"):
        assert kept in out
    assert deid.restore(out) == text


def test_clinical_eponyms_and_drugs_survive_a_learned_name_that_is_also_an_eponym():
    text = ("Patient: Thomas Wilson\nReferring: Dr. Patrick Jackson, MD\n"
            "Thomas test positive; Wilson frame and Jackson table used. Patrick's test (FABER) "
            "negative. Spurling's test, Hoffmann sign, Babinski, Lasègue sign, Tinel and Phalen "
            "negative; Guillain-Barré excluded. Norco 10/325, Lyrica 75 mg. Mr. Wilson agreed; "
            "Thomas walks daily.")
    out, _ = _deid(text)
    for kept in ("Thomas test", "Wilson frame", "Jackson table", "Patrick's test", "FABER",
                 "Spurling's test", "Hoffmann sign", "Babinski", "Lasègue sign", "Tinel",
                 "Phalen", "Guillain-Barré", "Norco 10/325", "Lyrica 75 mg"):
        assert kept in out, kept
    _assert_gone(out, "Mr. Wilson", "Thomas walks", "Thomas Wilson", "Patrick Jackson")


def test_guideline_text_is_left_alone():
    # Excerpts of the bundled corpus reach the model beside the record: no names or numbers in
    # them may be taken for identifiers (web addresses may).
    from guideline_index.corpus import excerpts_by_id

    texts = [e.text for e in list(excerpts_by_id().values())[:120]]
    deid = Deidentifier(PhiMap())
    deid.learn(texts)
    for text in texts:
        kinds = {s.kind.value for s in deid.spans(text)}
        assert kinds <= {"url"}, (kinds, text[:200])


def test_prompt_guard_learns_the_case_before_the_first_prompt():
    from drafting.deid import PromptGuard

    case_text = "Patient: Harper Quillfeather\nFacts: seen by Orion Bramblewick, MD on 2023-10-24."
    guard = PromptGuard(texts=[case_text])
    _, user = guard.protect("Draft.", "Harper Quillfeather reported 60% relief after the "
                                      "injection; Bramblewick recommended a repeat.")
    _assert_gone(user, "Harper", "Quillfeather", "Bramblewick")
    assert guard.restore(user).startswith("Harper Quillfeather reported")
    # a surname alone: nothing marks it (a given name before it would, since round 3 of #22),
    # which is what up-front learning is for
    cold = PromptGuard().protect("Later Quillfeather reported relief.")[0]
    assert "Quillfeather" in cold


def test_ner_names_need_the_model_and_say_how_to_install_it(monkeypatch):
    from drafting.deid import NerUnavailable, ner

    ner._model.cache_clear()
    monkeypatch.setattr(ner, "MODEL_PACKAGES", ("no_such_spacy_model_package",))
    with pytest.raises(NerUnavailable, match="pip install"):
        Deidentifier(PhiMap(), ner=True)
    monkeypatch.setenv("NECESSITY_DEID_NER", "1")
    with pytest.raises(NerUnavailable):
        Deidentifier(PhiMap())
    ner._model.cache_clear()


def test_ner_adds_names_no_rule_marks():
    pytest.importorskip("spacy")
    from drafting.deid import ner

    if not ner.available():
        pytest.skip("no spaCy English model installed (the [ner] extra)")
    text = ("Discussed the plan with Marcus Whitfield, who drove the patient today. The patient "
            "says Gregory Pham from church checks on him. Spurling's test negative; Thomas test "
            "positive. Urine drug testing was consistent.")
    out, _ = _deid(text, ner=True)
    _assert_gone(out, "Whitfield", "Gregory Pham")
    for kept in ("Spurling's test", "Thomas test", "Urine drug testing"):
        assert kept in out
    rules_only, _ = _deid(text, ner=False)
    assert "Gregory Pham" in rules_only


def test_the_first_prompt_already_hides_a_name_the_case_marks_only_elsewhere(tmp_path):
    # "Bramblewick" is bare in the facts (nothing in those sentences marks it as a name); only
    # the author field of a document no fact cites ("Orion Bramblewick, MD") says it is one,
    # and that field goes to the records-reviewed section alone. Regenerating the chronology
    # (a new backend, nothing sent yet) must not send the name: the backend learns the whole
    # case before its first call.
    from drafting.pricing import Prices
    from drafting.stages.pipeline import generate, prepare
    from drafting.stages.runner import StageRunner

    case_file = tmp_path / "case.yaml"
    text = (EXAMPLES / "wc-lumbar-esi-plaintiff.yaml").read_text(encoding="utf-8")
    text = text.replace("facts:\n", "  - {id: D11, type: legal_correspondence, date: 2016-09-30, "
                        'title: Letter to counsel, author: "Orion Bramblewick, MD", pages: 1}\n'
                        "facts:\n", 1)
    text = text.replace("statement: ", "statement: Bramblewick noted that ")
    case_file.write_text(text, encoding="utf-8")
    case = load_case(case_file)
    with FakeOpenAIServer(reply_fn(_echo_placeholders)) as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="fake-model",
                            api_key="sk-local", retries=0)
        backend = create("openai", settings)
        backend.deidentify = True  # as it is for any non-local host
        runner = StageRunner()
        prepared = prepare(case, excerpts_by_id(), runner)
        sections = asyncio.run(generate(prepared, case, backend, Prices.of(settings), runner,
                                        asyncio.Semaphore(1), keys={"chronology"}))
        sent = [json.dumps(r.json) for r in server.chat_requests]
    assert len(sent) == 1 and "Bramblewick" not in sent[0] and "[NAME_" in sent[0]
    assert "Bramblewick" in sections[0].text  # restored in the reply
