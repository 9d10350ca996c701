"""Load criteria sets from YAML, refusing unknown excerpt ids, tags, thresholds or categories with
an error that names the file and the criterion."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from drafting.case.problems import Problem
from drafting.case.tags import known_tags, suggest
from drafting.criteria.spec import (
    AbsentNode,
    AllNode,
    AnyNode,
    CriteriaSet,
    FactNode,
    FactTest,
    NotNode,
    RequestNode,
    Test,
)
from guideline_index.corpus import excerpts_by_id

CRITERIA_DIR = Path(__file__).resolve().parents[2] / "guideline_index" / "criteria"


class CriteriaError(Exception):
    def __init__(self, file: Path, problems: list[Problem]):
        self.file, self.problems = file, problems
        super().__init__("\n".join(problem.render(file) for problem in problems))


def fact_tests(test: Test | None) -> Iterator[FactTest]:
    """Every fact condition in a test tree (``fact`` and ``absent`` nodes)."""
    if isinstance(test, FactNode):
        yield test.fact
    elif isinstance(test, AbsentNode):
        yield test.absent
    elif isinstance(test, AllNode | AnyNode):
        for child in test.all if isinstance(test, AllNode) else test.any:
            yield from fact_tests(child)
    elif isinstance(test, NotNode):
        yield from fact_tests(test.not_)


def request_numbers(test: Test | None) -> Iterator[object]:
    """Every threshold a ``request`` node in a test tree uses (a quantity or supply limit)."""
    if isinstance(test, RequestNode):
        r = test.request
        yield from (r.quantity_max, r.supply_days_max, r.doses_per_day_max)
    elif isinstance(test, AllNode | AnyNode):
        for child in test.all if isinstance(test, AllNode) else test.any:
            yield from request_numbers(child)
    elif isinstance(test, NotNode):
        yield from request_numbers(test.not_)


def _numbers(fact: FactTest) -> Iterator[object]:
    yield from (fact.within_days, fact.percent_relief_min, fact.duration_weeks_min,
                fact.course_weeks_min, fact.mme_max, fact.count_min, fact.sessions_max)
    if fact.measure:
        yield from (fact.measure.min, fact.measure.max)


def _criterion_label(raw: dict, index: int) -> str:
    criteria = raw.get("criteria") if isinstance(raw, dict) else None
    if isinstance(criteria, list) and index < len(criteria) and isinstance(criteria[index], dict):
        return f" (criterion '{criteria[index].get('id', '?')}')"
    return ""


def load_criteria_file(path: Path) -> CriteriaSet:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CriteriaError(path, [Problem((), f"invalid YAML: {exc}", "fix the syntax")]) from None
    try:
        spec = CriteriaSet.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.endswith("Node")))
            label = _criterion_label(raw, loc[1]) if loc[:1] == ("criteria",) and len(loc) > 1 \
                and isinstance(loc[1], int) else ""
            problems.append(Problem(loc, f"{error['msg']}{label}",
                                    "see guideline_index/criteria/README.md"))
        raise CriteriaError(path, problems) from None
    problems = list(_references(spec))
    if problems:
        raise CriteriaError(path, problems)
    return spec


def _references(spec: CriteriaSet) -> Iterator[Problem]:
    excerpts = excerpts_by_id()
    tags = known_tags()
    for name, values in spec.thresholds.items():
        for i, value in enumerate(values):
            if value.source not in excerpts:
                yield Problem(("thresholds", name, i, "source"), f"threshold '{name}' cites "
                              f"unknown excerpt '{value.source}'", "use an id from the corpus")
    tests: list[tuple[tuple[str | int, ...], str, Test | None]] = [
        (("applies_if",), "set", spec.applies_if),
        (("applies_unless",), "set", spec.applies_unless)]
    for i, criterion in enumerate(spec.criteria):
        at = ("criteria", i)
        for j, excerpt_id in enumerate(criterion.basis):
            if excerpt_id not in excerpts:
                yield Problem((*at, "basis", j), f"criterion '{criterion.id}' rests on unknown "
                              f"excerpt '{excerpt_id}'", "use an id from guideline_index/corpus")
        tests.append(((*at, "test"), f"criterion '{criterion.id}'", criterion.test))
    for loc, who, test in tests:
        for number in request_numbers(test):
            if isinstance(number, str) and number[1:] not in spec.thresholds:
                yield Problem(loc, f"{who} uses undeclared threshold '{number}'",
                              "declare it under thresholds with its source")
        for fact in fact_tests(test):
            for tag in {*fact.tags_any, *fact.tags_all, *fact.tags_none, *fact.domain_tags_any}:
                if tag not in tags:
                    yield Problem(loc, f"{who} uses unknown tag '{tag}'", suggest(tag))
            for number in _numbers(fact):
                if isinstance(number, str) and number[1:] not in spec.thresholds:
                    yield Problem(loc, f"{who} uses undeclared threshold '{number}'",
                                  "declare it under thresholds with its source")


@cache
def load_criteria(directory: Path = CRITERIA_DIR) -> tuple[CriteriaSet, ...]:
    sets = tuple(load_criteria_file(p) for p in sorted(directory.glob("*.yaml")))
    seen: dict[str, str] = {}
    for criteria_set in sets:
        for criterion in criteria_set.criteria:
            if criterion.id in seen:
                raise CriteriaError(directory / f"{criteria_set.id}.yaml", [Problem(
                    ("criteria",), f"criterion id '{criterion.id}' is also used in set "
                    f"'{seen[criterion.id]}'", "give every criterion its own id")])
            seen[criterion.id] = criteria_set.id
    return sets
