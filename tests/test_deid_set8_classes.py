"""De-identification, classes of leak and false redaction found on development set 8 (issue #22
item 3), each fixed as a general rule and asserted here on new synthetic text (never the blind
text). Each identifier case fails without its rule; the kept-term cases guard against false
redactions."""

from __future__ import annotations

from tests.test_deid_classes import _leaks, _out

# ----------------------------------------------------------------------------- employers


def test_the_employing_agency_after_its_public_department_is_the_employer():
    text = ("Employing agency: Department of Veterans Affairs, Sombra Valley VA Medical Center, "
            "Nutrition Service\nMet later at the Sombra Valley VAMC canteen.\n")
    out = _out(text)
    assert _leaks(out, "Sombra Valley VA Medical Center", "Sombra Valley VAMC") == []
    assert "Department of Veterans Affairs" in out


def test_an_employer_field_with_the_forms_locator_number():
    out = _out("Payer: OWCP   Employer (FL 65): QUILLMOOR TANK WORKS\nRev 0360 OR services\n")
    assert "QUILLMOOR" not in out and "Rev 0360 OR services" in out


def test_employers_listed_in_a_work_history_with_their_years():
    text = ("After Larchmont High School (1991) he worked at Bexley Pallet Recycling\n"
            "(1992-1999), Ostrander Glass Studio (1999-2010, cutter), then the\n"
            "Wendover Paper Mill until 2023.\n")
    out = _out(text)
    assert _leaks(out, "Larchmont High School", "Bexley Pallet", "Ostrander Glass Studio",
                  "Wendover Paper Mill") == []
    assert "until 2023" in out


def test_employers_in_the_first_column_of_an_employment_table():
    text = ("EMPLOYMENT HISTORY\n"
            "  Employer                      Dates              Job (DOT)\n"
            "  Harrow Brook Bindery          02/1990-05/1998    Bindery worker 653.685-010\n"
            "  Pennycress Feed Mill, LLC     06/1998-present    Mill hand 529.685-158\n"
            "  (Seasonal) Tamsworth Pickers' Cooperative, sorter\n"
            "\nTransferable skills: sorting, inventory.\n")
    out = _out(text)
    assert _leaks(out, "Harrow Brook Bindery", "Pennycress Feed Mill", "Tamsworth") == []
    assert "653.685-010" in out and "Transferable skills" in out


def test_a_firm_ending_in_co_with_its_full_stop():
    out = _out("Her grandfather was a lineman for Ellery Basin Signal Co. until he retired.\n")
    assert "Ellery Basin" not in out and "until he retired" in out
