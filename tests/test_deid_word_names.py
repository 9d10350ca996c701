"""Names that are words or stand alone in messages (issue #22 item 3, set-4 classes): a given
name that is also a word where its place marks it, lower-case names beside a relation, the name
a message opens or closes with, an initial and a surname, a title and an initial with a
possessive. Synthetic sentences, no set's text."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_word_given_name_before_a_parenthesis_or_from_or_after_asked_for():
    text = ("Aide Hope (weekends) came. Joy from the third floor visited. She asked for Rose, "
            "then Joy stayed for lunch. Hope (agency) - call after 5.")
    out = _out(text)
    assert "Hope" not in out and "Joy" not in out and "Rose" not in out


def test_word_given_name_in_lower_case_beside_a_relation():
    text = "Daughter joy on speaker phone. ruby (her sister) drove. Her son will call back."
    out = _out(text)
    assert "joy" not in out and "ruby" not in out and "son will call" in out


def test_names_that_open_or_close_a_message_and_an_initial_with_a_surname():
    text = ("Bettinka,\n\nAll fine here. Ask T. Varghese about the bill.\n\nLove, Rosalee\n\n"
            "-----\nRosalee - thanks, will do.")
    out = _out(text)
    assert "Bettinka" not in out and "Rosalee" not in out and "Varghese" not in out


def test_a_friend_named_between_commas_and_a_lower_case_display_name():
    text = ('Cc: "ruthie varga" <rv@example.org>\n'
            "A neighbour from church, Ramona, brings her to bingo.")
    out = _out(text)
    assert "ruthie varga" not in out and "Ramona" not in out


def test_a_title_and_an_initial_with_a_possessive():
    out = _out("Refill done at Dr. K's office; Dr. K. agreed.")
    assert "Dr. K's" not in out and "Dr. K." not in out


def test_clinical_words_and_plain_sentences_stay():
    text = ("Plan - continue gabapentin. Hope for improvement. Grace period applies.\n"
            "Thanks,\nThe clinic\n")
    assert _out(text) == text


def test_a_side_and_a_clinical_abbreviation_are_no_initial_and_surname():
    text = "EHL 4+/5 L. Decr LT over L lateral foot; R. Diminished reflex."
    assert _out(text) == text
