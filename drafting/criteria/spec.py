"""The criteria language: sets of criteria (YAML) with small declarative tests over facts.

A test is one of ``fact`` (facts matching conditions exist), ``absent`` (no fact matches),
``request`` (the request itself says what the guideline needs to judge it), ``diagnosis``,
``all``, ``any`` and ``not``. Numbers in tests are thresholds: either a literal or ``$name`` of a
threshold the set declares with its source. There is no code in the YAML and nothing is eval'd.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from drafting.case.vocab import FactCategory, ProcedureFamily, RequestType, Setting


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Number = float | Annotated[str, StringConstraints(pattern=r"^\$[a-z][a-z0-9_]*$")]
Categories = Annotated[list[FactCategory], BeforeValidator(_as_list)]


class MeasureTest(Spec):
    name: str
    min: Number | None = None
    max: Number | None = None


class FactTest(Spec):
    """Facts of these categories, dated on or before the service, meeting every condition."""

    category: Categories
    tags_any: list[str] = Field(default_factory=list)
    tags_all: list[str] = Field(default_factory=list)
    tags_none: list[str] = Field(default_factory=list)
    procedure: ProcedureFamily | Literal["same"] | None = None
    side: Literal["match"] | None = None
    level: Literal["match"] | None = None
    timing: Literal["on_or_before", "before", "any"] = "on_or_before"
    within_days: Number | None = None
    percent_relief_min: Number | None = None
    duration_weeks_min: Number | None = None
    course_weeks_min: Number | None = None
    mme_max: Number | None = None
    dose: bool = False
    measure: MeasureTest | None = None
    count_min: Number | None = None
    sessions_max: Number | None = Field(
        default=None, description="The sessions the statement says were given (visits, "
        "treatments) are at most this many (drafting/criteria/visits.py).")
    latest: bool = Field(default=False, description="Judge only the most recent evidence.")
    ended_by_service: bool = Field(
        default=False, description="The plan or course the fact records has run out before "
        "the date of service: its end date, else its date plus the length its statement gives "
        "(a 12-week weaning program recommended five months earlier); a plan with no "
        "length recorded or stated is taken as still running.")
    item_facts: bool = Field(default=False, description="Only facts the item itself lists.")
    mentions_any: list[str] = Field(
        default_factory=list, description="Words the statement or drug name must contain.")
    about_any: list[str] = Field(
        default_factory=list, description="Words the statement must contain for the fact to "
        "count as evidence on the question at all (e.g. the device's name, where records "
        "leave the fact's procedure empty).")
    also_about_any: list[str] = Field(
        default_factory=list, description="A second word list the statement must also name "
        "for the fact to be evidence at all (who says it and what they say: a treating "
        "doctor's words on the care's necessity); a fact naming one list only is silent.")
    names_item: bool = Field(
        default=False, description="Only facts whose statement names the item's care, its "
        "modality or drug (drafting/criteria/service_words.py): a recommendation of this "
        "consultation, not of any care.")
    in_words: Literal["response", "relief", "function", "benefit", "limb_pain", "impairment",
                      "effects", "ended"] | None = Field(
        default=None, description="A fact whose tags do not match may still answer in words: "
        "a good response or a functional gain described in the statement meets the tag "
        "condition (qualitative evidence), a poor one or none contradicts it "
        "(drafting/criteria/prose.py); ``benefit`` reads a gain in function, and a treatment's "
        "response described as poor or brief as none. ``effects`` and ``ended`` (no tag "
        "records them) are answered by the words alone.")
    # Which facts count as evidence on the question at all (default: same categories and
    # procedure). Evidence that exists but fails the test makes the result "not met"; no
    # evidence at all makes it "undocumented".
    domain_tags_any: list[str] = Field(default_factory=list)


class FactNode(Spec):
    fact: FactTest


class DiagnosisTest(Spec):
    code_prefixes: list[str] = Field(default_factory=list)
    text_any: list[str] = Field(
        default_factory=list, description="Words a diagnosis as written may name instead of a "
        "code (records often give none): 'chronic pain' in 'back injury with chronic pain'; "
        "a word the diagnosis names as absent does not count.")
    # 'contradicts': a case whose coded diagnoses include none of these is evidence against
    # (a condition that only a coded diagnosis can establish); 'silent': it is silence, for a
    # condition a coded diagnosis documents but other evidence may document as well (a
    # diagnosis list is not exhaustive).
    no_match: Literal["contradicts", "silent"] = "contradicts"

    @model_validator(mode="after")
    def _names_something(self) -> DiagnosisTest:
        if not self.code_prefixes and not self.text_any:
            raise ValueError("a diagnosis test needs code_prefixes or text_any")
        return self


class DiagnosisNode(Spec):
    """Met when the case carries a diagnosis whose ICD code starts with one of the prefixes,
    or (``text_any``) whose text names one of the words."""

    diagnosis: DiagnosisTest


RequestDetail = Literal["dose", "quantity_or_frequency", "levels", "side"]


class RequestTest(Spec):
    """What the request must state for the guideline to be applied to it: details of the item
    (a dose, levels) and, with ``names_any``, one of these words in the service's name (a
    stimulation modality). Not met when the request leaves it out: the result says what is
    unspecified, never guesses the common variant."""

    specifies: list[RequestDetail] = Field(default_factory=list)
    names_any: list[str] = Field(default_factory=list)
    quantity_max: Number | None = Field(
        default=None, description="The requested quantity (visits, sessions) is at most this.")
    supply_days_max: Number | None = Field(
        default=None, description="A drug quantity lasts at most this many days, at the stated "
        "doses a day or else at ``doses_per_day_max`` (the guideline's most frequent dose).")
    doses_per_day_max: Number | None = None
    what: str = Field(default="which variant is requested", description="What is missing when "
                      "the service names none of ``names_any``, e.g. 'the modality (TENS, NMES, "
                      "interferential, H-wave)'.")


class RequestNode(Spec):
    request: RequestTest


class SessionTest(Spec):
    """Met when no block of these families is asked for or recorded on the item's date of
    service (drafting/criteria/overlap.py)."""

    without: list[ProcedureFamily] = Field(min_length=1)


class SessionNode(Spec):
    alone_in_session: SessionTest


class AbsentNode(Spec):
    absent: FactTest


class AllNode(Spec):
    all: list[Test]


class AnyNode(Spec):
    any: list[Test]


class NotNode(Spec):
    not_: Test = Field(alias="not")


Test = Union[FactNode, AbsentNode, DiagnosisNode, RequestNode, SessionNode, AllNode, AnyNode,  # noqa: UP007 - recursive alias
             NotNode]
AllNode.model_rebuild()
AnyNode.model_rebuild()
NotNode.model_rebuild()


class ThresholdValue(Spec):
    value: float
    unit: str
    source: str = Field(description="Excerpt id the number comes from.")
    settings: list[Setting] = Field(default_factory=list, description="Empty: every setting.")
    note: str | None = None


class Criterion(Spec):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.]+$")]
    statement: str = Field(min_length=10)
    basis: list[str] = Field(min_length=1, description="Excerpt ids the criterion rests on.")
    required: bool = Field(default=True, description="Weight: required criteria decide the "
                           "outcome; supporting ones strengthen or weaken the rationale only.")
    supporting_in: list[Setting] = Field(
        default_factory=list, description="Settings whose governing guideline makes this "
        "required criterion supporting only (a setting-specific weight).")
    supporting_for: list[RequestType] = Field(
        default_factory=list, description="Request types for which this required criterion "
        "supports only (e.g. the adjunct program a first purchase needs, for supplies of a unit "
        "already in use).")
    only_if_contradicted: bool = Field(
        default=False, description="In every setting, decides only when the record contradicts "
        "it (e.g. a request known to leave out its dose); merely undocumented, it supports.")
    only_if_contradicted_for: list[RequestType] = Field(
        default_factory=list, description="Request types for which the criterion decides only "
        "when the record contradicts it (e.g. the composition of a compound already in use, "
        "which a continuation's file rarely transcribes); merely undocumented, it supports.")
    only_if_contradicted_in: list[Setting] = Field(
        default_factory=list, description="Settings where the criterion decides only when the "
        "record contradicts it (not met); merely undocumented, it supports the rationale.")
    settings: list[Setting] = Field(default_factory=list, description="Empty: every setting.")
    request_types: list[RequestType] = Field(
        default_factory=list, description="Judged only for these request types (empty: all), "
        "e.g. [retrial] for the outcome of the earlier trial.")
    rendered_only: bool = Field(
        default=False, description="Judged only for a service already rendered (e.g. guidance).")
    services_any: list[str] = Field(
        default_factory=list, description="Judged only for a service whose name contains one "
        "of these words (e.g. an electrodiagnostic study's names, for a criterion of a general "
        "set that only such a study must meet); empty: every service.")
    services_none: list[str] = Field(
        default_factory=list, description="Not judged for a service whose name contains one of "
        "these words (e.g. a diagnostic study, for a criterion about the target of a "
        "treatment).")
    test: Test
    objection: str | None = Field(
        default=None, description="How the other side argues when this criterion fails.")


class CriteriaSet(Spec):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]+$")]
    title: str
    # "any": a governing standard's set for every family, chosen only by a jurisdiction's era
    # (guideline_index/jurisdictions.yaml), never by the item's family.
    procedure: ProcedureFamily | Literal["any"]
    fallback: bool = Field(
        default=False, description="With procedure 'any': the setting's general standard of "
        "medical necessity, chosen for an item only when no family set (nor a stand-in request "
        "type's set) judges it; the result says so.")
    variant: str = "default"
    request_types: list[RequestType] = Field(
        default_factory=list, description="Request types the set judges (empty: any), e.g. "
        "[repeat] for a repeat injection; see drafting/criteria/request_type.py.")
    service_keywords: list[str] = Field(
        default_factory=list, description="Chosen over general sets when the service names one.")
    applies_if: Test | None = None
    applies_unless: Test | None = None
    effective_from: dt.date = dt.date(1900, 1, 1)
    effective_to: dt.date | None = None
    thresholds: dict[str, list[ThresholdValue]] = Field(default_factory=dict)
    criteria: list[Criterion] = Field(min_length=1)
