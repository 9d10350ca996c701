"""Steps still to take are no facts (issue #23, round 18, extending round 15): a line of
recommendations under the plural label ("Recommendations: taxi voucher for PT; ...") and a test
or visit to repeat later ("Repeat UDS in 3 months.", "RTC in 4 wks") say what is to come, never
what was done or found. New synthetic texts, never the blind sets'."""

from __future__ import annotations

import pytest

from drafting.intake.extract.not_patient import NOT_DONE_YET


@pytest.mark.parametrize("line", [
    "Recommendations: taxi voucher for PT; ask the reviewer about a repeat ESI.",
    "Repeat UDS in 3 months.",
    "RTC in 4-6 wks.",
    "Follow-up in 2 weeks with the surgeon.",
])
def test_a_step_to_come_is_not_done_yet(line):
    assert NOT_DONE_YET.search(line)


@pytest.mark.parametrize("line", [
    "Repeat MRI 09/2026 showed a new L5-S1 extrusion.",
    "UDS 10/07/2026 consistent with prescribed oxycodone.",
])
def test_a_repeat_already_done_is_not_a_step_to_come(line):
    assert not NOT_DONE_YET.search(line)
