"""Record intake's model pass never invents a fact: through the loopback fake OpenAI server (real
HTTP), a careless model proposes a number read out of a date, an id, a phone, a credential,
letterhead, a guideline's threshold and a drug's strength as facts; each is refused with its
reason, while a proposal the page supports is kept, pending until a reviewer accepts it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from drafting.backends.registry import create
from drafting.intake.run import run_intake
from drafting.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, reply

RECORD = (
    "ACME SPINE CENTER, 10 Example Road, Suite 4   Tel (555) 010-2000\n"
    "PROGRESS NOTE\nDate of visit: 06/11/2024\nClaim Number: WC-0099123-22\n\n"
    "Seen 7/10/24 by phone. She reports 40% relief of leg pain lasting 5 weeks after the "
    "injection.\nShe walks her dog for 20 minutes each morning.\n"
    "Guideline note: repeat blocks need at least 50% relief for six weeks.\n"
    "Current medications: lidocaine 5% patch daily.\n"
    "Signed: Pat Example, MD, board certified in anesthesiology; certified in acupuncture.\n"
)
PROPOSALS = [
    {"category": "history", "statement": "Seen 7/10/24 by phone.",
     "measures": [{"name": "NRS", "value": 7, "unit": "/10"}]},           # a date's digits
    {"category": "other", "statement": "Claim Number: WC-0099123-22"},    # an id
    {"category": "other", "statement": "Tel (555) 010-2000"},             # letterhead
    {"category": "conservative_care",
     "statement": "board certified in anesthesiology; certified in acupuncture"},  # credentials
    {"category": "response", "statement": "repeat blocks need at least 50% relief for six weeks",
     "percent_relief": 50},                                               # a threshold
    {"category": "response", "statement": "lidocaine 5% patch daily", "percent_relief": 5},
    {"category": "response", "statement": "She reports 40% relief of leg pain lasting 5 weeks "
     "after the injection.", "percent_relief": 40, "date": "2024-05-01"},  # date not on page
    {"category": "functional",
     "statement": "She walks her dog for 20 minutes each morning."},      # supported: kept
]


def test_a_careless_models_proposals_from_dates_ids_credentials_and_letterhead_are_refused(
        tmp_path: Path) -> None:
    record = tmp_path / "note.txt"
    record.write_text(RECORD, encoding="utf-8")
    with FakeOpenAIServer(reply(json.dumps(PROPOSALS))) as server:
        backend = create("openai", Settings(backend="openai", base_url=server.base_url,
                                            model="fake-model", api_key="sk-local", retries=0))
        outcome = run_intake([record], case_id="model-pass", ocr=False,
                             today=dt.date(2025, 1, 1), backend=backend)
    proposed = [f for f in outcome.drafted.data["facts"] if f.get("proposed")]
    # the supported proposal is kept: as a proposal, or (since the extractors read function told
    # with its measure, round 8) as the extractors' own fact, which the proposal then repeats
    assert [f["statement"] for f in proposed] in ([
        "She walks her dog for 20 minutes each morning."], [])
    assert any("walks her dog for 20 minutes" in f["statement"]
               for f in outcome.drafted.data["facts"])
    assert outcome.proposals is not None
    refused = " | ".join(outcome.proposals.rejected)
    for reason in ("NRS 7 is not written in the statement", "only an identifier",
                   "not the patient", "guideline or policy", "5% is not stated as relief",
                   "date 2024-05-01 is not written on the page"):
        assert reason in refused, reason
    # the deterministic facts are not proposals, and none comes from the planted traps
    drafted = [f for f in outcome.drafted.data["facts"] if not f.get("proposed")]
    assert any(f.get("percent_relief") == 40 for f in drafted)
    assert not any(f.get("percent_relief") in (5, 50) for f in drafted)
    assert not any("certified" in f["statement"] or "(555)" in f["statement"] for f in drafted)
