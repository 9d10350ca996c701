"""Names written in lower case inside the messages of a thread, where what stands around them
shows a person (replaced, not learned: each of these words is also a word):

- after a title in lower case, any word but a verb: ``mr haddad says``, ``dr. lim`` (a word in a
  dictionary too: ``mr gray``);
- a given name of the list (``given_names.py``) before a verb of saying or doing (not "is": "hope
  is all we have"), not after "the", "my" or "a": ``bill says call her``, not ``my bill said``;
- a given name after a verb of telling or calling and before "at", "from", "in", "about", "to"
  or a stop: ``told ray at the shop``, ``call summer in the office``;
- two given names joined by "and" after a verb of fetching: ``get angel and luz from school``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid.given_names import is_given_name

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
