"""Shared pydantic configuration and id types for the case model."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class CaseModel(BaseModel):
    """Base of every case-file model: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


FactId = Annotated[str, StringConstraints(pattern=r"^F[1-9][0-9]*$")]
ItemId = Annotated[str, StringConstraints(pattern=r"^I[1-9][0-9]*$")]
DocumentId = Annotated[str, StringConstraints(pattern=r"^D[1-9][0-9]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Percent = Annotated[float, Field(ge=0, le=100)]
Positive = Annotated[float, Field(gt=0)]
