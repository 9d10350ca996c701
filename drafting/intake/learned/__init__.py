"""A second reading of each record by a sentence classifier trained on labelled record texts:
it adds, as pending proposals, sentences the rules left unread that read like a fact, and
drops rule facts whose sentence reads like no fact at all (``reader.py``)."""
