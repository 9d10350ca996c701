"""Intake page (issue #21 item 7): a diagnosis and a disputed item added and edited on the page
end up in the saved case file. AppTest on the real app, a real record packet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.case import load_case
from tests.test_ui import data_dir, no_errors  # noqa: F401 (fixture)
from tests.test_ui_intake import SCANNED, read_records, uploads


@pytest.mark.slow
def test_a_diagnosis_and_a_disputed_item_are_added_and_edited_on_the_page(
        data_dir: Path) -> None:  # noqa: F811
    at = read_records(uploads(SCANNED))
    no_errors(at)
    found_items = len(at.selectbox(key="intake_item_pick").options) - 1
    # a new diagnosis
    at.selectbox(key="intake_dx_pick").select("(add a new one)").run()
    at.text_input(key="intake_dx_code_None").input("M47.816")
    at.text_input(key="intake_dx_text_None").input("Lumbar spondylosis without myelopathy")
    at.button(key="FormSubmitter:intake_dx_None-Add diagnosis").click().run()
    no_errors(at)
    assert any("M47.816 Lumbar spondylosis" in o for o in at.selectbox(key="intake_dx_pick")
               .options)
    # a new disputed item, then edited
    at.selectbox(key="intake_item_pick").select("(add a new one)").run()
    new_id = f"I{found_items + 1}"
    at.text_input(key="intake_item_service_None").input("Lumbar facet radiofrequency ablation")
    at.selectbox(key="intake_item_proc_None").select("rfa")
    at.date_input(key="intake_item_date_None").set_value(dt.date(2024, 3, 5))
    at.selectbox(key="intake_item_status_None").select("requested")
    at.button(key="FormSubmitter:intake_item_None-Add disputed item").click().run()
    no_errors(at)
    label = f"{new_id}: Lumbar facet radiofrequency ablation"
    assert label in at.selectbox(key="intake_item_pick").options
    at.selectbox(key="intake_item_pick").select(label).run()
    index = at.selectbox(key="intake_item_pick").options.index(label) - 1
    at.text_input(key=f"intake_item_code_{index}").input("64635")
    at.button(key=f"FormSubmitter:intake_item_{index}-Save disputed item").click().run()
    no_errors(at)

    at.text_input(key="intake_case_id").input("facet-with-added-item")
    at.button(key="intake_save").click().run()
    no_errors(at)
    case = load_case(data_dir / "cases" / "facet-with-added-item.yaml")
    assert ("M47.816", "Lumbar spondylosis without myelopathy") in {
        (d.code, d.text) for d in case.diagnoses}
    added = next(i for i in case.disputed_items if i.id == new_id)
    assert (added.service, added.procedure.value, added.code, added.date_of_service,
            added.status.value) == ("Lumbar facet radiofrequency ablation", "rfa", "64635",
                                    dt.date(2024, 3, 5), "requested")
