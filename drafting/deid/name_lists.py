"""Names heading the items of a list of people: a form's "Children (names, ages):" or a family
history written one person a line. Where two items or more of one indented list open with a
name already found, an item that opens with a capitalised word in no dictionary opens with a
name too ("  Chidi (from his first marriage) - we don't talk")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid import names as name_rules
from drafting.deid.names import _CAP
from drafting.deid.terms import is_clinical_word, is_never_name
from drafting.deid.words import is_word

_ITEM = re.compile(rf"(?m)^(?P<indent>[ \t]+)(?:[-•*][ ])?(?P<word>{_CAP})(?![\w'’-])")


def list_names(text: str, names: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    starts = {start for start, _ in names}
    items = list(_ITEM.finditer(text))
    # consecutive lines with the same indentation make one list
    lists: list[list[re.Match[str]]] = []
    for item in items:
        last = lists[-1][-1] if lists else None
        if last and last.group("indent") == item.group("indent") and \
                text.count("\n", last.end(), item.start()) == 1:
            lists[-1].append(item)
        else:
            lists.append([item])
    for group in lists:
        if sum(item.start("word") in starts for item in group) < 2:
            continue
        for item in group:
            word = item.group("word")
            if item.start("word") not in starts and not is_word(word) and \
                    not is_clinical_word(word) and not is_never_name(word) and \
                    not name_rules._is_stop(word):
                yield item.start("word"), item.end("word")
