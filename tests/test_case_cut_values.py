"""A value YAML would cut short: after an unquoted value, " #" opens a comment, so
"service: Tylenol #3 (with codeine)" reads as "Tylenol". A comment that begins with a digit is
nearly always the rest of the value (a product number, a quantity, a block's number): the case
file is refused with the line, the field and the quoted value to write, instead of losing it."""

from __future__ import annotations

import pytest

from drafting.case import CaseFileError, load_case_text

SERVICE = "    service: Left L4-L5 transforaminal epidural steroid injection"


def _with_service(text: str, line: str) -> str:
    assert SERVICE in text
    return text.replace(SERVICE, line)


def test_a_value_cut_at_a_number_sign_is_refused_with_its_field_line_and_fix(
        minimal_case_text: str) -> None:
    text = _with_service(minimal_case_text, "    service: Tylenol #3 (acetaminophen with codeine)")
    with pytest.raises(CaseFileError) as caught:
        load_case_text(text, "cut.yaml")
    [problem] = caught.value.problems
    assert problem.line == text.splitlines().index(
        "    service: Tylenol #3 (acetaminophen with codeine)") + 1
    assert "disputed_items" in str(problem.loc) and "service" in str(problem.loc)
    assert "'Tylenol'" in problem.message and "comment" in problem.message
    assert problem.fix == 'quote the whole value: "Tylenol #3 (acetaminophen with codeine)"'


def test_every_cut_value_is_listed_at_once(minimal_case_text: str) -> None:
    text = _with_service(minimal_case_text, "    service: Oxycodone 10 mg #90")
    text = text.replace("title: Minimal lumbar ESI case", "title: Minimal case, block #1")
    with pytest.raises(CaseFileError) as caught:
        load_case_text(text, "cut.yaml")
    lines = [p.line for p in caught.value.problems]
    assert len(lines) == 2 and lines == sorted(lines)


def test_the_same_value_quoted_is_read_whole(minimal_case_text: str) -> None:
    text = _with_service(minimal_case_text,
                         '    service: "Tylenol #3 (acetaminophen with codeine)"')
    case = load_case_text(text, "quoted.yaml")
    assert case.disputed_items[0].service == "Tylenol #3 (acetaminophen with codeine)"


def test_a_remark_after_a_value_is_still_a_comment(minimal_case_text: str) -> None:
    text = _with_service(minimal_case_text, SERVICE + "  # as requested on the RFA")
    case = load_case_text(text, "remark.yaml")
    assert case.disputed_items[0].service == SERVICE.split(": ", 1)[1]
