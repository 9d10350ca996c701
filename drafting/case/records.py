"""The record inventory: which documents exist and which of them are in the packet."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from drafting.case.base import CaseModel, DocumentId, Text
from drafting.case.vocab import RecordType


class Document(CaseModel):
    """One record in the inventory. ``included`` is false for a record that other records
    mention but that was not supplied with the packet (a submission gap)."""

    id: DocumentId
    type: RecordType
    date: dt.date
    title: Text
    author: str | None = Field(default=None, description="Role or credential only, never a name.")
    pages: Annotated[int, Field(ge=1, le=5000)]
    included: bool = Field(default=True, description="Whether the document is in the packet.")


class SourceRef(CaseModel):
    """Where a fact can be read: a document of the inventory and a page in it."""

    document: DocumentId
    page: Annotated[int, Field(ge=1)]
