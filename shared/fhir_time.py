"""FHIR instants as text: UTC, millisecond precision, Z."""

import time
from datetime import UTC, datetime
from functools import lru_cache


@lru_cache(maxsize=64)  # the entries a transaction writes share one instant
def instant(ms: int) -> str:
    """The FHIR instant of an epoch time in milliseconds."""
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def now_instant() -> tuple[str, int]:
    """The current time as a FHIR instant and as epoch ms, the same moment."""
    ms = now_ms()
    return instant(ms), ms
