"""Names written in lower case inside the messages of a thread, where what stands around them
shows a person (replaced, not learned: each of these words is also a word):

- after a title in lower case, any word but a verb: ``mr haddad says``, ``dr. lim`` (a word in a
  dictionary too: ``mr gray``);
- a given name of the list (``given_names.py``) before a verb of saying or doing (not "is": "hope
  is all we have"), not after "the", "my" or "a": ``bill says call her``, not ``my bill said``;
- a given name after a verb of telling or calling and before "at", "from", "in", "about", "to"
  or a stop: ``told ray at the shop``, ``call summer in the office``;
- two given names joined by "and" after a verb of fetching: ``get angel and luz from school``.

And anywhere (``lower_marks``), as a hand writes a form: after "dr", a given name or a word in no
dictionary (``referred by: dr brooks``); before a lower-case credential, a surname in no
dictionary (``rev: k. osei-bonsu rph``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.words import is_word, unlearned_name_ok

_VERBS = (r"says|said|told|tells|called|calls|texted|wants|wanted|asked|asks|"
          r"came|comes|coming|went|drove|drives|picked|dropped|brought|sent|helped|stayed|"
          r"thinks|thought|knows")
AFTER_TITLE = re.compile(rf"(?<![\w'’-])(?:dr|mr|mrs|ms)\.?[ ](?!(?:{_VERBS}|and|or|the|to|at|for|"
                         rf"office|appt|visit)\b)(?P<name>[a-z]{{3,}})(?![\w'’-])")
BEFORE_VERB = re.compile(rf"(?<![\w'’-])(?P<name>[a-z]{{3,}})[ ](?:{_VERBS})\b")
TOLD = re.compile(r"\b(?:told|tell|ask|asked|call|called|text|texted)[ ](?P<name>[a-z]{3,})"
                  r"(?=[ ](?:at|from|in|about|to|that)\b|[.,!?])")
FETCH = re.compile(r"\b(?:get|pick[ ]up|take|bring|drop[ ]off|with)[ ](?P<a>[a-z]{3,})[ ]and[ ]"
                   r"(?P<b>[a-z]{3,})\b")
_DETERMINER = re.compile(r"(?i)\b(?:the|a|an|my|your|his|her|our|their|this|that|no|any|some)[ ]$")


def chat_names(text: str, bodies: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Lower-case names in the message bodies ``bodies`` (start, end) of ``text``."""
    for start, end in bodies:
        yield from (m.span("name") for m in AFTER_TITLE.finditer(text, start, end))
        for match in [*BEFORE_VERB.finditer(text, start, end), *TOLD.finditer(text, start, end)]:
            if is_given_name(match.group("name")) and not _DETERMINER.search(
                    text[max(0, match.start("name") - 8):match.start("name")]):
                yield match.span("name")
        for match in FETCH.finditer(text, start, end):
            if is_given_name(match.group("a")) and is_given_name(match.group("b")):
                yield match.span("a")
                yield match.span("b")


# Anywhere, a name written in lower case after "dr" (not "mr"/"ms": mitral regurgitation,
# multiple sclerosis) or before a credential in lower case, as a hand writes a form: "referred by:
# dr brooks", "rev: k. osei-bonsu rph".
_NOT_AFTER_DR = (rf"{_VERBS}|and|or|the|to|at|for|office|appt|visit|visits|will|would|can|could|"
                 r"may|might|should|must|recommends|recommended|ordered|orders|note|notes|report|"
                 r"letter|name|names|appointment|records|signed|wants|is|was|has|had")
DR_LOWER = re.compile(rf"(?<![\w'’-])(?:dr|Dr)(?:\.?[ ]|\.(?=[a-z]))(?!(?:{_NOT_AFTER_DR})\b)"
                      r"(?P<name>[a-z]{3,}(?:-[a-z]{2,})?)(?![\w'’-])")
_LOWER_CREDENTIAL = r"(?:rph|r\.ph\.|rn|md|np|pa-c|pharmd|lvn|lpn|dpt|phd|psyd|lcsw|cma)"
CREDENTIAL_LOWER = re.compile(
    r"(?<![\w'’.-])(?P<name>(?:[a-z]\.[ ])?(?:[a-z]{2,}[ ])?[a-z]{2,}(?:-[a-z]{2,})?),?[ ]"
    rf"{_LOWER_CREDENTIAL}(?![\w-])")


def lower_marks(text: str) -> Iterator[tuple[int, int]]:
    """Lower-case names after "dr" (a given name or a word in no dictionary) or before a
    lower-case credential (the surname in no dictionary), the credential with it."""
    for match in DR_LOWER.finditer(text):
        word = match.group("name")
        # "dr.feldspar": a title joined to a word, as a user name is written, names someone
        if is_given_name(word) or unlearned_name_ok(word) or (
                text[match.start("name") - 1] == "."):
            yield match.span("name")
    for match in CREDENTIAL_LOWER.finditer(text):
        words = match.group("name").split()
        if not unlearned_name_ok(words[-1]):
            continue
        start = match.start("name")
        while len(words) > 1 and not re.fullmatch(r"[a-z]\.", words[0]) and is_word(words[0]):
            start += len(words.pop(0)) + 1  # "from kroger rph": "from" is no part of it
        yield start, match.end()
