"""De-identification by general form (issue #22, round deid-leaks): each class of leak or false
redaction found on the development sets 1-18 is asserted here on synthetic text written for the
test (invented people, 555-01xx numbers), with the look-alikes that must not change beside it."""

from __future__ import annotations

from tests.test_deid_classes import _leaks, _out

# ----------------------------------------------------------------------------- citations


def test_statute_regulation_and_manual_numbers_are_kept():
    text = ("Appeal rights: see the enclosed notice (NY Ins. Law § 4904).\n"
            "You may ask for a State Fair Hearing (A.A.C. R9-34-114) or under A.R.S. § 36-2903.01.\n"
            "Under the TRICARE Policy Manual 6010.60-M, Chapter 4, Section 20.1, the plan covers it.\n"
            "Authorisation under 45 C.F.R. 164.508 and WAC 296-20-01002; Minn. R. 5221.6110.\n"
            "Manchikanti L, et al. Pain Physician 2020;23(3S):S1-S127 (PubMed 11118965).\n"
            "Patient: Orla Penhallow   Member ID: QXB449120775   Claim No. 2024-118834\n")
    out = _out(text)
    for kept in ("§ 4904", "R9-34-114", "36-2903.01", "6010.60-M", "164.508", "296-20-01002",
                 "5221.6110", "S1-S127", "11118965"):
        assert kept in out, kept
    assert _leaks(out, "Orla", "Penhallow", "QXB449120775", "2024-118834") == []


def test_registration_licence_and_officer_numbers_beside_a_citation_word_are_still_replaced():
    text = ("Marguerite Lisle-Haney, Esq.\nOhio Sup. Ct. Reg. No. 0071844\n"
            "Reported by: Sunny Brevard, CCR No. 2019011\n"
            "PA Attorney I.D. No. 84172\n"
            "Address 4417 Arroyo Chamisa Rd. N.W., Albuquerque, N.M. 87120\n"
            "SSN 000-48-7713 per 20 C.F.R. § 404.1512\n")
    out = _out(text)
    assert _leaks(out, "0071844", "2019011", "84172", "4417 Arroyo", "87120",
                  "000-48-7713") == []
    assert "404.1512" in out
