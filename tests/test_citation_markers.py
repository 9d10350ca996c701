"""Citation markers as models write them: several ids in one bracket ("[F3, F4]"), a marker after
the full stop ("... 60% relief. [F9]"), a bracket never closed ("[F3 [F4]]"). Each id of a group
is checked and supports its sentence; a marker after the stop supports the sentence before it;
an unclosed marker is an invalid citation that says so. The citation check, the eval harness and
the editor's chips read them alike."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.citations import check_citations, find_citations
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES
from ui.chips import section_html

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
CASE = load_case(EXAMPLES / "wc-lumbar-esi-defense.yaml")  # F3 ibuprofen, F9 60% relief 8 weeks


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(draft_case(CASE, "markers", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS))


def _added(draft: Draft, text: str) -> tuple[Draft, str]:
    """The draft with ``text`` appended to its first item analysis, whose facts now include
    every id the text cites."""
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.kind == "item_analysis")
    section.text = section.text.rstrip() + "\n\n" + text
    for marker, _ in find_citations(text):
        if marker.startswith("F") and marker not in section.fact_ids:
            section.fact_ids.append(marker)
    return changed, section.key


def new_errors(draft: Draft, text: str) -> list[str]:
    changed, key = _added(draft, text)
    before = {(f.check, f.message) for f in evaluate_draft(draft, CASE, EXCERPTS).errors
              if f.section == key}
    return sorted(f"{f.check}: {f.message}" for f in evaluate_draft(changed, CASE, EXCERPTS).errors
                  if f.section == key and (f.check, f.message) not in before)


@pytest.mark.parametrize(("text", "expected"), [
    ("Relief [F3, F4] was noted.", [("F3", 0), ("F4", 0)]),
    ("Relief [F3; G:mtus-cp-esi-purpose] was noted.", [("F3", 0), ("G:mtus-cp-esi-purpose", 0)]),
    ("Relief [F3,F4,F9]", [("F3", 0), ("F4", 0), ("F9", 0)]),
    ("Relief was 60%. [F9, F10] A repeat was requested [F11].",
     [("F9", 0), ("F10", 0), ("F11", 1)]),
    ("Relief [F3 [F4]] was noted.", [("[F3", 0), ("F4", 0)]),
    ("Relief [F3. The next visit [F4].", [("[F3", 0), ("F4", 1)]),
    ("Malformed [F-2] and [G: x y].", [("F-2", 0), ("G: x y", 0)]),
])
def test_each_marker_is_found_with_its_sentence(text: str, expected: list[tuple[str, int]]) -> None:
    assert find_citations(text) == expected


def test_each_id_of_a_group_is_checked_and_an_unclosed_marker_says_so() -> None:
    checked = check_citations("Relief [F3 [F4]] and [F9, F2].", case_facts={"F2", "F3", "F4"},
                              known_excerpts=set(), supplied_facts={"F3", "F4"},
                              supplied_excerpts=set())
    assert [(c.marker, c.valid, c.problem) for c in checked] == [
        ("[F3", False, "citation marker [F3 is never closed"),
        ("F4", True, None),
        ("F9", False, "F9 is not a fact in this case"),
        ("F2", False, "F2 was not given to this section")]


def test_a_grouped_citation_supports_its_sentence_and_is_read(draft: Draft) -> None:
    right = ("Ibuprofen 800 mg three times daily continued through August 2016, and the June "
             "injection gave 60 percent relief for about eight weeks [F3, F9].")
    assert new_errors(draft, right) == []
    wrong = right.replace("60 percent", "80 percent")
    assert any("80" in e for e in new_errors(draft, wrong)), new_errors(draft, wrong)


def test_a_marker_after_the_full_stop_supports_the_sentence_before(draft: Draft) -> None:
    text = ("The June injection gave 60 percent relief for about eight weeks. [F9] The "
            "physician then requested a second injection.")
    assert not [e for e in new_errors(draft, text) if "uncited" in e or "cites nothing" in e]


def test_the_editor_shows_a_chip_for_each_id_of_a_group(draft: Draft) -> None:
    changed, key = _added(draft, "Relief and dosing are recorded [F3, F9].")
    section = next(s for s in changed.sections if s.key == key)
    html = section_html(section, changed, CASE, EXCERPTS, [])
    assert html.count('class="nec-chip') - section_html(
        next(s for s in draft.sections if s.key == key), draft, CASE, EXCERPTS, []).count(
        'class="nec-chip') == 2
    assert "[F3, F9]" not in html
