"""What the offline composer says about the record is grounded where it says it (#20): a status
line leaves the values it read off the evidence to the evidence's cited sentence; advice that
points to the record cites that record in a sentence of its own; a section given facts cites
one; a gist is one sentence; sentences end where the draft's readers end them; and a dossier's
advice is a note to the physician, not its conclusion. Synthetic records, written for the tests."""

from __future__ import annotations

from typing import Any

from drafting.backends.composer.common import DOSSIER_NOTE, notes_text
from drafting.backends.composer.findings import checklist, conclusion, objections
from drafting.backends.composer.text import Writer, gist, humanize_note, sentences_of
from drafting.citations import sentences
from evals.checks.outcomes import stated_outcome

FACTS = [
    {"id": "F1", "statement": "Completed six weeks of aquatic therapy and a home program without "
                              "lasting benefit.", "references": []},
    {"id": "F2", "statement": "The orthopedic note refers to an outside nerve study that showed "
                              "a left peroneal neuropathy.", "references": ["D9"]},
    {"id": "F3", "statement": "She smokes half a pack of cigarettes daily.", "references": []},
]


def _writer(facts: list[dict[str, Any]] = FACTS) -> Writer:
    return Writer({"facts": facts, "excerpts": []})


def _criterion(**fields: Any) -> dict[str, Any]:
    base = {"criterion_id": "c1", "statement": "Six weeks of supervised therapy failed.",
            "status": "met", "required": True, "notes": [], "supporting_facts": [],
            "contradicting_facts": [], "missing_documents": [], "basis": [], "gap": None}
    return base | fields


def _context(document_type: str, criteria: list[dict[str, Any]], outcome: str,
             documents: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "case": {"document_type": document_type, "perspective": "provider",
                 "documents": documents or [], "dates": {}},
        "document": {"stance": "advocacy", "words": None, "closing": None},
        "items": [{"id": "I1", "service": "Ankle arthroscopy", "status": "requested",
                   "date_of_service": "2024-03-01", "facts": []}],
        "results": [{"item_id": "I1", "service": "Ankle arthroscopy", "outcome": outcome,
                     "criteria": criteria, "deciding": [c["criterion_id"] for c in criteria],
                     "objections": [], "criteria_set": "x", "criteria_title": "Arthroscopy"}],
        "facts": FACTS, "excerpts": [], "evidence": {}, "sections": [], "refs": {},
    }


def _cited_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text) if "[F" in text[a:b]]


def test_a_status_note_restating_the_quoted_evidence_is_left_to_its_cited_sentence():
    w = _writer()
    criterion = _criterion(notes=["6 weeks documented", "2 of 6 weeks",
                                  "required in Ohio workers' compensation by the state rule "
                                  "§4123-6-16"])
    # the paragraph quotes and cites F1 next: the values read off it are not said again
    said = notes_text({}, criterion, w, given=["F1"])
    assert "weeks" not in said
    assert "required in Ohio workers' compensation" in said
    # with no evidence given in the paragraph, the notes are the only account: kept
    assert "6 weeks documented" in notes_text({}, criterion, w, given=[])


def test_a_note_naming_what_the_evidence_lists_is_left_to_it_too():
    w = _writer([{"id": "F4", "statement": "Cream with ketoprofen, baclofen and camphor was "
                                           "dispensed.", "references": []}])
    criterion = _criterion(notes=["contains baclofen, ketoprofen"], status="not_met")
    assert notes_text({}, criterion, w, given=["F4"]) == ""


def test_advice_to_enclose_a_record_cites_the_fact_naming_it_in_a_sentence_of_its_own():
    documents = [{"id": "D9", "title": "Outside nerve study", "date": "2023-11-02",
                  "included": False}]
    weak = _criterion(status="undocumented", gap="submission", missing_documents=["D9"])
    text = conclusion(_context("medical_necessity_letter", [weak], "insufficient_documentation",
                               documents))
    cited = _cited_sentences(text)
    assert cited, text
    # the marker is not on the advice, whose requirement the fact does not state
    assert all("enclose" not in s for s in cited)


def test_a_contradicted_criterion_cites_the_contradiction_apart_from_the_requirement():
    weak = _criterion(statement="The patient does not smoke.", status="not_met",
                      contradicting_facts=["F3"])
    text = conclusion(_context("medical_necessity_letter", [weak], "not_necessary"))
    cited = _cited_sentences(text)
    assert any("[F3]" in s for s in cited)
    assert all("does not smoke" not in s for s in cited)


def test_an_advocacy_section_given_facts_cites_one_even_when_it_only_asks_for_more():
    weak = _criterion(status="undocumented", gap="clinical")
    ctx = _context("predenial_dossier", [weak], "insufficient_documentation")
    ctx["facts"] = FACTS[:1]
    ctx["results"][0]["objections"] = [{"criterion_id": "c1", "raised_by": "against",
                                        "argument": "No supervised therapy is documented."}]
    for text in (conclusion(ctx), objections(ctx)):
        assert "[F1]" in text
        assert "The record shows this" not in text  # never a bare mention after advice


def test_a_dossier_checklist_gives_its_advice_as_a_note_to_the_physician():
    weak = _criterion(statement="Objective improvement is documented (care without it is "
                                "maintenance, which is not medically necessary).",
                      status="undocumented", gap="clinical")
    text = checklist(_context("predenial_dossier", [weak], "not_necessary"))
    line = next(x for x in text.splitlines() if x.startswith("- I1"))
    letter, _, note = line.partition(DOSSIER_NOTE)
    assert "maintenance" in note
    assert stated_outcome(letter) in (None, "necessary")


def test_a_gist_is_one_sentence_of_its_fact():
    statement = ("A surgeon advised fusion. One examiner gave 20 per cent of the need to the "
                 "fall and 80 per cent to earlier disease; another gave it all to the fall.")
    assert gist(statement) == "A surgeon advised fusion"
    assert gist("Pain 7/10; ODI 48; walking limited to one block.") == \
        "Pain 7/10; ODI 48; walking limited to one block"


def test_sentences_end_where_the_drafts_readers_end_them():
    text = ("Not documented (required by W. Va. Code R. §85-20-58.1): the note was not "
            "supplied. Dr. Park's letter is dated 2 May 2023.")
    assert sentences_of(text) == [
        "Not documented (required by W. Va. Code R. §85-20-58.1): the note was not supplied.",
        "Dr. Park's letter is dated 2 May 2023."]
    w = _writer()
    first = w.unique(text)
    assert first == text  # nothing cut out of a sentence
    assert w.unique(text) == ""  # and a sentence said again is dropped whole


def test_engine_notes_say_what_the_request_does_not_give():
    assert humanize_note("the case file does not record the request's dose") == \
        "the request as recorded does not give its dose"


def test_an_objection_the_engine_upholds_is_told_to_the_physician_in_the_note():
    weak = _criterion(statement="Objective improvement is documented (care without it is "
                                "maintenance, which is not medically necessary).",
                      status="undocumented", gap="clinical")
    ctx = _context("appeal_letter", [weak], "not_necessary")
    ctx["results"][0]["objections"] = [{"criterion_id": "c1", "raised_by": "for necessity",
                                        "argument": "The visits helped her."}]
    text = objections(ctx)
    letter, _, note = text.partition("**Before sending.**")
    assert "maintenance" in note
    assert stated_outcome(letter) in (None, "necessary")


def test_records_named_missing_are_listed_apart_from_the_marker_of_what_names_them():
    documents = [{"id": "D9", "title": "Outside nerve study of the left leg", "date": "2023-11-02",
                  "included": False},
                 {"id": "D8", "title": "Right knee MRI", "date": "2022-06-14",
                  "included": False}]
    weak = _criterion(status="undocumented", gap="submission", missing_documents=["D9", "D8"])
    ctx = _context("litigation_opinion", [weak], "insufficient_documentation", documents)
    ctx["document"]["stance"] = "opinion"
    ctx["case"]["perspective"] = "defense"
    ctx["results"][0]["objections"] = [{"criterion_id": "c1", "raised_by": "against",
                                        "argument": "No nerve study is in the packet."}]
    text = objections(ctx)
    cited = _cited_sentences(text)
    assert any("[F2]" in s for s in cited), text
    # F2 names only the nerve study: the knee MRI's date and side are not said beside it
    assert all("MRI" not in s and "2022" not in s for s in cited)


def test_an_appeal_of_a_denial_known_only_by_its_date_says_so_in_its_heading():
    from drafting.backends.composer.front import letter

    ctx = _context("appeal_letter", [_criterion()], "necessary")
    ctx["case"] |= {"dates": {"denial": "2024-02-10"}, "setting": "commercial",
                    "patient": {"age": 51, "sex": "female"}}
    ctx["document"] |= {"denial": True}
    heading = letter(ctx).splitlines()[0]
    assert heading == "Re: Appeal of the denial of ankle arthroscopy, dated 10 February 2024"


def _repeat_of_first(item_id: str) -> str:
    from drafting.backends.composer.items import item_analysis

    rule = _criterion(statement="Care past the initial course is shown to help (maintenance "
                                "care is not medically necessary).", status="not_met")
    ctx = _context("appeal_letter", [rule], "not_necessary")
    ctx["items"][0]["id"] = ctx["results"][0]["item_id"] = item_id
    ctx["items"][0]["service"] = ctx["results"][0]["service"] = f"Massage, course {item_id}"
    ctx["item"] = ctx["items"][0]
    ctx["repeats"] = {"c1": "I1"}
    return item_analysis(ctx)


def test_items_judged_as_an_earlier_one_each_say_so_in_their_own_sentences():
    from evals.checks.coherence import MIN_REPEATED_WORDS, _key

    second, third = _repeat_of_first("I2"), _repeat_of_first("I3")
    said = {_key(second[a:b])[0] for a, b in sentences(second)
            if _key(second[a:b])[1] >= MIN_REPEATED_WORDS}
    assert not [third[a:b] for a, b in sentences(third) if _key(third[a:b])[0] in said]
    # each criterion's line opens with its statement in bold: the guideline's words, not the
    # letter's conclusion about the item
    line = next(x for x in third.splitlines() if "maintenance" in x)
    assert line.startswith("**")
    assert stated_outcome(line.split("**")[-1]) in (None, "necessary")


def test_a_gap_in_the_packet_cites_the_fact_that_names_the_missing_record():
    from drafting.backends.composer.findings import gaps

    documents = [{"id": "D9", "title": "Outside nerve study", "date": "2023-11-02",
                  "included": False}]
    weak = _criterion(status="undocumented", gap="submission", missing_documents=["D9"])
    ctx = _context("litigation_opinion", [weak], "insufficient_documentation", documents)
    ctx["document"]["stance"] = "opinion"
    text = gaps(ctx)
    assert any("[F2]" in s and "nerve study" not in s for s in _cited_sentences(text)), text
