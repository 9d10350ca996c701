"""Record intake on a class of form layout met in development set 6, on new synthetic text
(never a blind set's): a yes/no question answered by a circled "N" is no finding (the question
alone never is one); a circled "Y" keeps the question with its answer."""

from __future__ import annotations

import datetime as dt

from drafting.intake.extract.checkboxes import circled_only
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def test_a_question_answered_no_is_taken_out_and_yes_is_kept():
    assert circled_only("Leg weakness?   Y / (N)      Tingling?   (Y) / N   left hand").split() \
        == ["Tingling?", "yes", "left", "hand"]
    assert circled_only("Social:  Drinks?  (Yes) / No   2 beers a week").split() == [
        "Social:", "Drinks?", "yes", "2", "beers", "a", "week"]
    assert circled_only("Pain 6/10 (worse) / better").split() == ["Pain", "6/10", "(worse)", "/",
                                                                 "better"]


def test_a_questionnaires_unanswered_weakness_is_no_finding(tmp_path):
    record = tmp_path / "questionnaire.txt"
    record.write_text(
        "NEW PATIENT INTAKE FORM\nDate: 04/04/2025\n\n"
        "Do you have:\n"
        "   Leg weakness?   Y / (N)       Bladder trouble?   Y / (N)\n", encoding="utf-8")
    facts = run_intake([record], case_id="form", ocr=False, today=TODAY).drafted.data["facts"]
    assert not any("weakness" in f["statement"].lower() or "bladder" in f["statement"].lower()
                   for f in facts)


def test_a_forms_question_keeps_the_answer_written_after_it():
    from drafting.intake.extract.text import split_sentences

    assert split_sentences("Physical therapy - how many visits? 8, helped a little") == [
        "Physical therapy - how many visits? 8, helped a little"]
    assert split_sentences("Did it help? Yes. She walks more.") == [
        "Did it help?", "Yes.", "She walks more."]
