"""A cue and its name on two lines of wrapped prose ("His supervisor,\\nMarv Ekdahl", "lives
with husband\\nKawika", "spoke with\\nBecca Smith"): a writer's line ends where it ends, so a
relation or a verb of meeting may stand at the end of one line and the name open the next.

A word that opens a line is capitalised whatever it is ("mother\\nDiabetes type 2", "her
daughter\\nVisits weekly"), so after a line break the name's first word must be a given name
of the Census lists or in no dictionary.
"""

from __future__ import annotations

from drafting.deid.given_names import is_given_name
from drafting.deid.words import is_word

# Between a cue and its name: one or two spaces, or a line break (a space may end the line).
CUE_GAP = r"(?:[ ]{1,2}|[ ]?\n[ \t]*)"


def wrapped_name_ok(gap: str, name: str) -> bool:
    """Whether ``name`` may be a name after ``gap``, the text between its cue and it."""
    if "\n" not in gap:
        return True
    first = name.split()[0].strip(".,;:'’\"") if name.split() else ""
    return bool(first) and (is_given_name(first) or not is_word(first))
