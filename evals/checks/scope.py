"""A cited guideline excerpt applies to the case (#19 wrong_guideline): it was written for the
case's setting (a commercial plan's criteria are not a Medicare contractor's, nor MTUS a
commercial plan's) and for a procedure the case asks about (the epidural injection criteria do
not govern a stimulator or a fusion).

A sentence that names the other setting it draws on ("Medicare's determination, which many
commercial policies mirror") compares, and is not judged on the setting; provisions about
medication, consultation or care in general apply to every procedure, and a case about an
"other" service or a consultation is not judged on procedures at all.

California's MTUS is the reference setting for workers' compensation in a state without a
treatment standard of its own; where the case's state has adopted one by rule
(``guideline_index/jurisdictions.yaml``: ODG in Texas, 85 CSR 20 in West Virginia, the
Minnesota parameters, New York's Medical Treatment Guidelines), a California-only excerpt cited
as the rule is out of scope, unless the sentence names California as a comparison ("the
California MTUS criteria, standing in for ODG"). A document that declares the stand-in itself
("Judged on the California MTUS criteria ..., standing in for the Official Disability
Guidelines", the engine's wording) has its MTUS citations read under that declaration: there
only a sentence that says the California excerpt governs the case is out of scope ("the
governing criteria", "the test the hearing had to apply")."""

from __future__ import annotations

import re
from functools import cache

from drafting.case import Case
from drafting.case.vocab import Setting
from guideline_index.excerpt import Excerpt

# Procedure families that go together: a block qualifies for ablation, a trial for an implant.
_GROUPS = ({"mbb", "rfa"}, {"scs_trial", "scs_implant"})
# Provisions that may be cited for any procedure; case procedures that may draw on any provision.
_ANY_PROCEDURE = frozenset({"general", "opioids", "topical", "consultation", "other"})
# How a sentence names a setting it draws on although the case is not in it.
_NAMES = {
    Setting.medicare: r"medicare|cms|ncd|lcd|national coverage|local coverage",
    Setting.ca_workers_comp: r"mtus|acoem|workers'? comp\w*|california",
    Setting.other_workers_comp: r"odg|workers'? comp\w*|minnesota|texas",
    Setting.commercial: r"commercial|private (?:payer|plan|insur)\w*",
    Setting.personal_injury: r"personal[- ]injury",
}
_NAMED = {s: re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for s, p in _NAMES.items()}
# A sentence that says the other setting's provision governs the case does not compare: "the
# replacement is governed by the national coverage rule" in a workers' compensation case.
_GOVERNS = re.compile(r"\b(?:(?:is|are|was|were) governed by|governs|(?:is|are) (?:the )?"
                      r"(?:governing|controlling|binding)|(?:appl(?:y|ies)|controls) (?:here|to "
                      r"(?:this|the) (?:case|claim|request|replacement|item|service)))\b",
                      re.IGNORECASE)


# A sentence that names California's guideline as a comparison or a stand-in, not as the rule:
# "California", or MTUS/ACOEM with a word of comparison.
_COMPARING = (r"(?:stand(?:s|ing)? in|stand-in|compar\w*|like|unlike|similar\w*|mirrors?|"
              r"analog\w*|reference|persuasive|borrow\w*)")
_CALIFORNIA_COMPARED = re.compile(
    rf"\bCalifornia\b|\b(?:MTUS|ACOEM)\b.{{0,80}}?\b{_COMPARING}\b|"
    rf"\b{_COMPARING}\b.{{0,80}}?\b(?:MTUS|ACOEM)\b", re.IGNORECASE)

# A sentence that presents the excerpt it cites as the rule that decides the case.
_DECIDES = re.compile(r"\b(?:governing|governs?|governed|applicable|bound by|binding|controlling|"
                      r"controls|decides|(?:had|has|have|must|needs?) to apply|must apply|"
                      r"(?:the|a) (?:carrier|payer|insurer|hearing|reviewer)\w* must apply)\b",
                      re.IGNORECASE)
# How a document declares that MTUS stands in for the state's own standard.
STAND_IN_DECLARED = re.compile(r"\bstanding in for\b|\bstands in for\b", re.IGNORECASE)


@cache
def _reference(setting: Setting) -> Setting | None:
    """The setting whose criteria a case in this one is judged on (a state external review of
    a health-plan denial: the commercial plan's)."""
    from drafting.criteria.standards import review_standards

    standard = review_standards().get(setting)
    return standard.reference if standard else None


def _related(procedures: set[str]) -> set[str]:
    out = set(procedures)
    for group in _GROUPS:
        if group & procedures:
            out |= group
    return out


@cache
def _state_rules() -> dict[str, tuple[str, str]]:
    """The excerpt-id prefix of each state's own rules ("wv-" for West Virginia's 85 CSR 20),
    with the state system's name and the pattern its cases' jurisdiction matches
    (``guideline_index/jurisdictions.yaml``)."""
    from drafting.criteria.jurisdiction import jurisdictions

    found = {}
    for j in jurisdictions().values():
        for i in [j.standard, *(r.basis for r in j.required), *(d.basis for d in j.departures)]:
            found[i.split("-")[0] + "-"] = (j.name, j.pattern)
    return found


def _other_state(sentence: str, excerpt: Excerpt, case: Case) -> str:
    """Why a state's own rule does not govern a case filed elsewhere ("" when it does, or when
    the sentence names that state: it compares)."""
    for prefix, (name, pattern) in _state_rules().items():
        if excerpt.id.startswith(prefix):
            if re.search(pattern, case.jurisdiction or "", re.I) or \
                    re.search(pattern, sentence, re.I):
                return ""
            return (f"{excerpt.id} is a rule of {name}, not of this case's jurisdiction "
                    f"({case.jurisdiction})")
    return ""


def _adopted_elsewhere(sentence: str, excerpt: Excerpt, case: Case, declared: bool) -> str:
    """Why a California-only excerpt does not decide a case of a state whose own adopted
    standard governs ("" when the state has none in force on a date of service, or when the
    sentence names California as a comparison)."""
    from drafting.criteria.jurisdiction import jurisdiction_of
    from guideline_index.corpus import excerpts_by_id

    if {str(s) for s in excerpt.settings} != {str(Setting.ca_workers_comp)}:
        return ""
    j = jurisdiction_of(case)
    if j is None or not j.adopted_guideline:
        return ""
    standard = excerpts_by_id().get(j.standard)
    days = [i.date_of_service for i in case.disputed_items]
    if standard is None or (days and not any(standard.in_force_on(d) for d in days)):
        return ""
    if _CALIFORNIA_COMPARED.search(sentence) and not _GOVERNS.search(sentence):
        return ""
    if declared and not _DECIDES.search(sentence):
        return ""  # read under the document's own declaration of the stand-in
    return (f"{excerpt.id} is California's (MTUS), but {j.name} has adopted its own standard "
            f"({j.governing}), which governs this case")


def out_of_scope(sentence: str, excerpt: Excerpt, case: Case, declared: bool = False) -> str:
    """Why the excerpt does not apply to the case, or "" when it does (``declared``: the
    document declares the California criteria a stand-in for the state's own standard)."""
    settings = {str(s) for s in excerpt.settings}
    own = {str(case.setting)} | ({str(r)} if (r := _reference(case.setting)) else set())
    if not settings & own and (_GOVERNS.search(sentence) or not any(
            (named := _NAMED.get(Setting(s))) and named.search(sentence) for s in settings)):
        return (f"{excerpt.id} is written for {', '.join(sorted(settings))}, not this case's "
                f"setting ({case.setting})")
    other_state = _other_state(sentence, excerpt, case) or \
        _adopted_elsewhere(sentence, excerpt, case, declared)
    if other_state:
        return other_state
    cited = {str(p) for p in excerpt.procedures}
    asked = {str(i.procedure) for i in case.disputed_items}
    if not asked or cited & _ANY_PROCEDURE or asked & _ANY_PROCEDURE or cited & _related(asked):
        return ""
    return (f"{excerpt.id} is about {', '.join(sorted(cited))}, not a procedure this case asks "
            f"about ({', '.join(sorted(asked))})")
