"""The draft-quality benchmark (benchmarks/draft_quality.py): what it measures holds on the
bundled examples, and its committed output says so."""

from __future__ import annotations

import re

from benchmarks.draft_quality import RESULT, cases, measure, table
from drafting.case.vocab import DocumentType
from tests.conftest import EXAMPLES


def test_the_benchmark_measures_every_document_type_of_the_examples():
    paths = [p for p in cases(EXAMPLES) if p.stem in ("wc-itp-letter", "pi-mvc-multi-item")]
    tallies, skipped = measure(paths)
    assert skipped == ["wc-itp-letter as appeal_letter: no denial to appeal"]
    assert {k for k, t in tallies.items() if t.drafts} == {t.value for t in DocumentType}
    for name, tally in tallies.items():
        assert tally.repeated == 0 and tally.leaks == [] and tally.against == [], name
        assert tally.sentences > 0 and tally.elements > 0 and tally.words
        assert not tally.errors, (name, tally.error_lines)  # our drafts pass our own eval
    lines = table("two examples", tallies)
    assert lines[2].split() == ["document", "type", "drafts", "sentences", "repeated", "share",
                                "leaks", "elements", "against", "words/section", "max", "eval",
                                "errors"]


def test_the_committed_output_shows_no_repeats_leaks_or_concessions_on_the_examples():
    text = RESULT.read_text(encoding="utf-8")
    examples = text.split("bundled examples")[1].split("realistic cases")[0]
    rows = [line.split() for line in examples.splitlines()
            if line.split() and line.split()[0] in {t.value for t in DocumentType}]
    assert [row[0] for row in rows] == [t.value for t in DocumentType]
    for row in rows:
        _, _drafts, _sentences, repeated, share, leaked, elements, against, *_, errors = row
        assert repeated == "0" and share == "0.0%" and leaked == "0" and against == "0", row
        assert errors == "0", row  # the examples' drafts raise no error of our own eval
        present, required = map(int, elements.split("/"))
        assert 0 < present <= required
    assert re.search(r"1236 of 6003 sentences repeated \(20\.6%\)", text)  # before #20
