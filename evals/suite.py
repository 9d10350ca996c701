"""A suite: which cases, document types and backends to draft and check, and the scores a run
must reach to pass (the CI gate). Read from YAML with errors naming the file and the field."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafting.case.vocab import DocumentType
from evals.checks import CHECKS
from evals.mutations import MUTATIONS

BUNDLED_SUITES = Path(__file__).parent / "suites"  # the suites the package ships

MAX_SUITE_BYTES = 256 * 1024


class SuiteError(ValueError):
    """A suite file that cannot be used; the message names the file and the field."""


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BackendSpec(_Spec):
    name: str = "offline"
    model: str | None = None
    base_url: str | None = None
    allow_external: bool = False


class JudgeSpec(_Spec):
    model: str
    base_url: str
    allow_external: bool = False


class MutationSpec(_Spec):
    tries: int = Field(default=3, ge=1, le=50, description="Mutations per class per draft.")
    seed: int = 2026
    min_detection: dict[str, float] = Field(
        default_factory=dict, description="Mutation class -> least share detected.")
    max_false_alarm_rate: float = Field(default=0.02, ge=0, le=1,
                                        description="Error findings per sentence, clean drafts.")

    @field_validator("min_detection")
    @classmethod
    def _known_classes(cls, value: dict[str, float]) -> dict[str, float]:
        names = [m.name for m in MUTATIONS]
        for key, share in value.items():
            if key not in names:
                raise ValueError(f"unknown mutation class '{key}'; choose from "
                                 f"{', '.join(names)}")
            if not 0 <= share <= 1:
                raise ValueError(f"{key}: a share between 0 and 1, got {share}")
        return value


class Suite(_Spec):
    name: str
    description: str = ""
    cases: list[str] = Field(min_length=1, description="Case files or globs, relative to the "
                             "suite file.")
    document_types: Literal["case", "all"] | list[DocumentType] = "case"
    backends: list[BackendSpec] = Field(default_factory=lambda: [BackendSpec()], min_length=1)
    embeddings: bool = Field(default=True, description="Embedding similarity in the support "
                             "check.")
    judge: JudgeSpec | None = None
    thresholds: dict[str, float] = Field(default_factory=dict,
                                         description="Check -> least pooled score to pass; "
                                         "none given: every check at 1.0.")
    mutations: MutationSpec | None = None
    path: Path | None = Field(default=None, exclude=True)

    @field_validator("thresholds")
    @classmethod
    def _known_checks(cls, value: dict[str, float]) -> dict[str, float]:
        return known_thresholds(value)

    def case_files(self) -> list[Path]:
        """Every case file the suite names, in a stable order; a pattern matching nothing is
        an error (a typo must not shrink the suite silently)."""
        base = self.path.parent if self.path else Path.cwd()
        found: list[Path] = []
        for pattern in self.cases:
            full = pattern if Path(pattern).is_absolute() else str(base / pattern)
            matches = sorted(Path(p) for p in glob.glob(full, recursive=True))
            if not matches:
                raise SuiteError(f"{self.path}: cases: '{pattern}' matches no file")
            found += [m for m in matches if m not in found]
        return found

    def types_for(self, case_type: DocumentType) -> list[DocumentType]:
        if self.document_types == "case":
            return [case_type]
        if self.document_types == "all":
            return list(DocumentType)
        return list(self.document_types)


def known_thresholds(value: dict[str, float]) -> dict[str, float]:
    """Thresholds of known checks, each a score between 0 and 1 (else ValueError)."""
    for key, score in value.items():
        if key not in CHECKS:
            raise ValueError(f"unknown check '{key}'; choose from {', '.join(CHECKS)}")
        if not 0 <= score <= 1:
            raise ValueError(f"{key}: a score between 0 and 1, got {score}")
    return value


def field_problem(exc: ValidationError) -> str:
    """The first problem pydantic found, as 'dotted.field: message'."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "(top level)"
    return f"{field}: {first['msg']}"


def load_suite(path: Path | str) -> Suite:
    path = Path(path)
    if not path.is_file():
        raise SuiteError(f"{path}: no such suite file")
    if path.stat().st_size > MAX_SUITE_BYTES:
        raise SuiteError(f"{path}: {path.stat().st_size} bytes is too large for a suite file "
                         f"(limit {MAX_SUITE_BYTES})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SuiteError(f"{path}: not a text file (UTF-8 YAML expected)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise SuiteError(f"{path}:{where}: malformed YAML: "
                         f"{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise SuiteError(f"{path}: a suite is a mapping with at least 'name' and 'cases'")
    try:
        suite = Suite.model_validate(data)
    except ValidationError as exc:
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise SuiteError(f"{path}: {field_problem(exc)}{more}") from None
    suite.path = path
    return suite
