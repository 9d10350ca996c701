"""What a record tells beyond the sentence-by-sentence reading of facts.py, each read over the
whole record's sentences: spine surgeries told with their dates (surgeries.py), the procedure
each dated entry of a chronology opens with (chronology.py), and the electrodiagnostic study a
consultation reports in a section of its own (studies_in_notes.py), and the imaging a note reads
in a section of its own (imaging_in_notes.py)."""

from __future__ import annotations

from drafting.intake.extract.chronology import entry_procedures
from drafting.intake.extract.found import Document, Found
from drafting.intake.extract.imaging_in_notes import imaging_sections
from drafting.intake.extract.studies_in_notes import study_sections
from drafting.intake.extract.surgeries import surgeries_told
from drafting.intake.extract.text import Sentence


def told_in_the_record(doc: Document, said: list[Sentence], found: list[Found]) -> list[Found]:
    """Facts the record tells that ``found`` (the sentence-by-sentence reading) does not hold."""
    return (surgeries_told(doc, said, found) + entry_procedures(doc, said)
            + study_sections(doc, said) + imaging_sections(doc, said, found))
