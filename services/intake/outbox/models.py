"""The outbox table: hand-overs waiting for delivery, beside the resources' tables."""

from typing import Any

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.intake.storage.models import SurrogateKey
from shared.database import JSONDocument


class OutboxMessage(SQLModel, table=True):
    """A hand-over to another service, written in the same transaction as the resource that
    causes it and delivered afterwards (services/intake/outbox/). `key` is unique: the same
    hand-over is recorded once however often its resource is written."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("topic", "key", name="uq_outbox_topic_key"),
        Index("ix_outbox_due", "delivered_ms", "failed_ms", "next_attempt_ms"),
    )
    id: int | None = Field(default=None, sa_column=Column(SurrogateKey, primary_key=True, autoincrement=True))
    topic: str = Field(max_length=64)
    key: str = Field(max_length=256)
    payload: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))
    request_id: str | None = Field(default=None, max_length=128)  # of the request that caused it, for the logs
    created_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    next_attempt_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    attempts: int = 0
    delivered_ms: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    failed_ms: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))  # refused for good
    outcome: str | None = Field(default=None, max_length=2048)  # where it was delivered, or the last error
