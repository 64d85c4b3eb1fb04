"""The imaging service's tables: analysis jobs, durable across restarts, with the state of their
idempotent submission and of the report's write-back to intake; and its audit trail (audit.py)."""

from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from shared.database import JSONDocument

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# Write-back of the report to intake (only for analyses that name a subject).
PENDING, DELIVERED, UNDELIVERABLE = "pending", "delivered", "failed"
MIGRATIONS = Path(__file__).parent / "migrations"


class ImagingModel(SQLModel, registry=registry()):
    """The imaging service's own metadata, apart from intake's: each service migrates only its tables."""


class AnalysisJob(ImagingModel, table=True):
    __tablename__ = "analyses"
    __table_args__ = (
        Index("ix_analyses_state_created", "state", "created_ms"),
        Index("ix_analyses_delivery_due", "delivery_state", "delivery_next_ms"),
        UniqueConstraint("idempotency_key", name="uq_analyses_idempotency_key"),
    )
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
    # Idempotent submission: the caller's Idempotency-Key, and a digest of the request it came with.
    idempotency_key: str | None = Field(default=None, max_length=255)
    request_digest: str | None = Field(default=None, max_length=64)
    request_id: str | None = Field(default=None, max_length=128)  # of the submitting request, for the logs
    # Write-back to intake: None (nothing to write back) | pending | delivered | failed (permanently refused)
    delivery_state: str | None = Field(default=None, max_length=16)
    delivery_attempts: int = 0
    delivery_error: str | None = None
    delivery_next_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    delivered_ms: int | None = Field(default=None, sa_column=Column(BigInteger))


class AuditRecord(ImagingModel, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_patient", "patient", "recorded_ms"),
                      Index("ix_audit_events_analysis", "analysis_id"))
    id: str = Field(primary_key=True, max_length=64)
    recorded_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    patient: str | None = Field(default=None, max_length=128)  # Patient/{id}
    analysis_id: str | None = Field(default=None, max_length=64)
    event: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))  # the FHIR AuditEvent
