"""The imaging service's one table: analysis jobs, durable across restarts."""

from pathlib import Path
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

JSONDocument = JSON().with_variant(JSONB(), "postgresql")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
MIGRATIONS = Path(__file__).parent / "migrations"


class ImagingModel(SQLModel, registry=registry()):
    """The imaging service's own metadata, apart from intake's: each service migrates only its tables."""


class AnalysisJob(ImagingModel, table=True):
    __tablename__ = "analyses"
    __table_args__ = (Index("ix_analyses_state_created", "state", "created_ms"),)
    id: str = Field(primary_key=True, max_length=64)
    state: str = Field(max_length=16)  # queued | running | done | failed
    stage: str | None = Field(default=None, max_length=64)
    percent: int = 0
    reason: str | None = None  # why it failed, in words
    input_kind: str = Field(max_length=16)  # nifti | dicom | dicomweb
    source: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))  # file names or DICOMweb reference
    imaging_study: str | None = Field(default=None, max_length=128)  # ImagingStudy/123 when the caller named one
    attempts: int = 0
    created_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    report: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONDocument))  # Bundle: report + lesions
    mask_media_type: str | None = Field(default=None, max_length=64)
