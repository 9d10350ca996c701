"""A draft's sentences end where the prose ends them, not at every full stop: a model writes
"Dr. Lee", "e.g.", "No. 5" and "Cal. Code Regs." inside its sentences, and a split there leaves
the half without the citation marker as an uncited claim. The citation check, the eval context
and the exporters all use this one split."""

from __future__ import annotations

import pytest

from drafting.citations import find_citations, sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


@pytest.mark.parametrize("text", [
    "Dr. Lee examined the right knee on 03/02/2024 [F2].",
    "Mrs. Ortiz reported 50% relief for about three months [F3].",
    "Conservative care (e.g. PT and NSAIDs) failed over 12 weeks [F4].",
    "Neither modality, i.e. TENS or NMES, is specified in the request [F5].",
    "The appeal in Smith v. Acme Corp. turned on the same question [F1].",
    "Order No. 5 of the board upheld the denial [F6].",
    "The guideline (Cal. Code Regs., tit. 8, sec. 9792.24.2) governs [G:mtus-chronic-pain].",
    "Minn. R. 5221.6200, subp. 5, limits passive care to 12 weeks [G:mn-passive].",
    "42 U.S.C. 1395y(a)(1)(A) excludes care that is not reasonable and necessary [G:ncd-x].",
    "J. Alvarez, PT, documented gains on the ODI at p. 4 of the note [F7].",
    "Ten sessions (approx. 5 weeks) were completed at St. Jude Clinic [F8].",
])
def test_an_abbreviation_inside_a_sentence_does_not_end_it(text: str) -> None:
    assert _split(text) == [text]
    assert {index for _, index in find_citations(text)} == {0}


@pytest.mark.parametrize(("text", "expected"), [
    # a credential, a unit, a dose schedule and "etc." end sentences as often as not: they end here
    ("The report was signed by Jane Roe, M.D. She found no radiculopathy [F2].",
     ["The report was signed by Jane Roe, M.D.", "She found no radiculopathy [F2]."]),
    ("PT continued for 6 wks. Relief was partial [F3].",
     ["PT continued for 6 wks.", "Relief was partial [F3]."]),
    ("Gabapentin 300 mg is taken t.i.d. He reports dizziness [F4].",
     ["Gabapentin 300 mg is taken t.i.d.", "He reports dizziness [F4]."]),
    # "No." before a word is the answer no, not a number's label
    ("Was a psychological evaluation done? No. The record is silent [F5].",
     ["Was a psychological evaluation done?", "No.", "The record is silent [F5]."]),
])
def test_other_full_stops_still_end_a_sentence(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize(("text", "expected", "cited"), [
    ("Relief was 60% for four months. [F3] A repeat block was requested [F4].",
     ["Relief was 60% for four months. [F3]", "A repeat block was requested [F4]."],
     [("F3", 0), ("F4", 1)]),
    ("Gabapentin is taken b.i.d. [F6] [G:mtus-x] Relief followed [F7].",
     ["Gabapentin is taken b.i.d. [F6] [G:mtus-x]", "Relief followed [F7]."],
     [("F6", 0), ("G:mtus-x", 0), ("F7", 1)]),
    ("The request was denied. [F 2]", ["The request was denied. [F 2]"], [("F 2", 0)]),
    # a bracket that is no marker opens the next sentence, as before
    ("The name was removed. [Redacted] was seen in May [F5].",
     ["The name was removed.", "[Redacted] was seen in May [F5]."], [("F5", 1)]),
])
def test_markers_after_the_full_stop_belong_to_the_sentence_before(
        text: str, expected: list[str], cited: list[tuple[str, int]]) -> None:
    assert _split(text) == expected
    assert find_citations(text) == cited


def test_a_line_break_always_ends_a_sentence() -> None:
    assert _split("Seen by Dr.\nRelief 50% [F2].") == ["Seen by Dr.", "Relief 50% [F2]."]


def test_several_abbreviations_in_one_section_keep_each_marker_in_its_sentence() -> None:
    text = ("Dr. Lee wrote on p. 3 that relief was 50% [F2]. No. The second ESI, i.e. at "
            "L5-S1, was denied under Cal. Code Regs., tit. 8 [F3]. J. Smith agreed [F4].")
    assert len(sentences(text)) == 4
    assert find_citations(text) == [("F2", 0), ("F3", 2), ("F4", 3)]
