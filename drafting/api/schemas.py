"""Request bodies of the HTTP API (responses are built in ``views``)."""

from __future__ import annotations

from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from drafting.api.webhook_targets import url_problem
from drafting.case.vocab import DocumentType, Perspective
from drafting.service import FORMAT_MEDIA_TYPES
from evals.suite import known_thresholds

EXPORT_MEDIA = FORMAT_MEDIA_TYPES
ExportFormat = Literal[tuple(FORMAT_MEDIA_TYPES)]  # type: ignore[valid-type]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftRequest(_Body):
    case: str = Field(description="Id of a case submitted with POST /v1/cases (case_...).")
    document_type: DocumentType | None = Field(default=None, description="Default: the case's.")
    perspective: Perspective | None = Field(default=None, description="Default: the case's.")
    backend: str = Field(default="offline", description="A backend this server allows "
                         "(api_backends); offline is the deterministic composer.")
    retrieval: bool | None = Field(default=None, description="Add excerpts found by searching "
                                   "the guideline index (default: the server's default for "
                                   "bulk drafting, off; as draft-batch).")
    webhook_url: AnyHttpUrl | None = Field(default=None, description="Called with a signed "
                                           "POST when the draft finishes: an http(s) URL "
                                           "without credentials, on a public address unless "
                                           "the server's operator allows it.")

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _webhook_target(cls, value: object) -> object:
        """As the client wrote it (before the URL is normalised, which would turn 2130706433
        into 127.0.0.1): no credentials, http(s) only, IPv4 as a dotted quad. Where its host
        resolves is checked by the route, against the server's allow-list."""
        if isinstance(value, str) and (problem := url_problem(value)) is not None:
            raise PydanticCustomError("webhook_url", problem)
        return value


class SectionEdit(_Body):
    text: str = Field(min_length=1, max_length=100_000)
    author: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=2_000)


class EvalRequest(_Body):
    drafts: list[str] = Field(min_length=1, max_length=500,
                              description="Ids of this organisation's drafts to check.")
    thresholds: dict[str, float] = Field(default_factory=dict, description="Check -> least "
                                         "pooled score to pass; none given: every check at 1.0.")
    embeddings: bool = Field(default=False, description="Embedding similarity in the support "
                             "check (slower; loads the MiniLM model once).")

    @field_validator("thresholds")
    @classmethod
    def _known_checks(cls, value: dict[str, float]) -> dict[str, float]:
        return known_thresholds(value)
