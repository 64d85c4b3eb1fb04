"""Delivering rows of a table to another service, at least once: the one engine behind imaging's
write-back and the retries of its jobs, written for intake's outbox as well (docs/decisions.md,
System 5).

- Leases: the due rows are read, then each is taken by a compare-and-set on its due time, which
  moves `lease_ms` ahead; of several processes on one database one takes a row, and a row whose
  taker died is due again when its lease runs out.
- What is final: an answer that is 2xx (delivered) or a lasting refusal, a 4xx other than 408 and
  429 (a retry would get the same answer). Anything else, no answer included, is tried again.
- When: RetryPolicy. The n-th failed attempt waits 2 s x 2^(n-1), at most 5 minutes, spread by
  +-20% so that rows that failed together (the other service was down) do not all come back in
  the same instant; a `Retry-After` the other service sends is a floor, within the same maximum.
- Rounds: the loop that runs the due rows, woken when there is work, else polling.
"""

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import Any

import httpx
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Mapped, QueryableAttribute

from shared.database import Database, rowcount
from shared.fhir_time import now_ms

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 2.0
MAX_RETRY_SECONDS = 300.0
JITTER = 0.2


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait before the next attempt at a delivery that failed."""

    first_seconds: float = FIRST_RETRY_SECONDS
    max_seconds: float = MAX_RETRY_SECONDS
    jitter: float = JITTER  # the wait is drawn from [1 - jitter, 1 + jitter] x the schedule's

    def schedule(self, attempts: int) -> float:
        """The wait after the `attempts`-th failed attempt before it is spread: 2, 4, 8, ... s, capped."""
        return min(self.max_seconds, self.first_seconds * 2 ** min(max(0, attempts - 1), 32))

    def wait(self, attempts: int, retry_after: float | None = None) -> float:
        """The wait after the `attempts`-th failed attempt, spread, never shorter than the other
        side's Retry-After, never longer than the maximum."""
        spread = self.schedule(attempts) * random.uniform(1 - self.jitter, 1 + self.jitter)
        return min(self.max_seconds, max(spread, retry_after or 0.0))


RETRIES = RetryPolicy()


def is_permanent(status: int) -> bool:
    """A refusal that a retry cannot change: 4xx, except 408 (timeout) and 429 (too many requests)."""
    return 400 <= status < 500 and status not in (408, 429)


def retry_after(response: httpx.Response) -> float | None:
    """The seconds from now that a `Retry-After` header asks for (delta-seconds or an HTTP date)."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now_ms() / 1000)
    except (TypeError, ValueError):
        return None


class Outcome(Enum):
    DELIVERED = "delivered"
    REFUSED = "refused"  # for good: recorded with the answer, not tried again
    RETRY = "retry"


@dataclass(frozen=True)
class Attempt:
    """One request to the other service: its answer, or the error that stood for one."""

    response: httpx.Response | None = None
    failure: httpx.HTTPError | None = None

    @property
    def outcome(self) -> Outcome:
        if self.response is None:
            return Outcome.RETRY
        if self.response.is_success:
            return Outcome.DELIVERED
        return Outcome.REFUSED if is_permanent(self.response.status_code) else Outcome.RETRY

    @property
    def retry_after(self) -> float | None:
        return retry_after(self.response) if self.response is not None else None


async def attempt(request: Awaitable[httpx.Response]) -> Attempt:
    try:
        return Attempt(response=await request)
    except httpx.HTTPError as exc:
        return Attempt(failure=exc)


class Leases:
    """The due rows of one table, each taken by one process at a time.

    `key` and `due` are the table's key and next-attempt time (epoch ms) columns, `pending` what
    makes a row still to deliver, `on_claim` further values a claim sets (a count of attempts)."""

    def __init__(self, db: Database, key: Mapped[Any], due: Mapped[Any],
                 pending: ColumnElement[bool], lease_ms: int,
                 on_claim: Mapping[Mapped[Any], Any] | None = None) -> None:
        assert isinstance(key, QueryableAttribute), "key: a column attribute of a mapped class"
        self.db, self.key, self.due, self.pending, self.lease_ms = db, key, due, pending, lease_ms
        self.table = key.class_  # what a claim updates
        self.on_claim = dict(on_claim or {})

    async def due_now(self, limit: int) -> list[tuple[Any, int]]:
        """(key, due time) of the rows due now, the longest waiting first."""
        async with self.db.sessions() as session:
            rows = await session.execute(select(self.key, self.due).where(self.pending, self.due <= now_ms())
                                         .order_by(self.due).limit(limit))
            return [(row[0], row[1]) for row in rows]

    async def claim(self, key: Any, due_ms: int) -> bool:
        """Take a due row for the lease (compare-and-set on its due time: one claimer wins)."""
        async with self.db.transaction() as session:
            claimed = await session.execute(
                update(self.table).where(self.key == key, self.due == due_ms, self.pending)
                .values({self.due: now_ms() + self.lease_ms, **self.on_claim}))
        return rowcount(claimed) == 1

    async def run_due(self, deliver: Callable[[Any], Awaitable[object]], limit: int) -> int:
        """Claim each due row and deliver it; how many were attempted."""
        count = 0
        for key, due_ms in await self.due_now(limit):
            if await self.claim(key, due_ms):
                await deliver(key)
                count += 1
        return count


async def woken_or_timed_out(wake: asyncio.Event, seconds: float) -> None:
    """Wait until `wake` is set or `seconds` pass. Not asyncio.wait_for: on Python 3.11 it drops a
    cancellation that arrives as the event is set (CPython gh-86296), and a stopping service whose
    loop was just woken would then poll on for ever."""
    try:
        async with asyncio.timeout(seconds):
            await wake.wait()
    except TimeoutError:
        pass


class Rounds:
    """Runs `round` again and again in a task of its own: at once when notified, else every
    `poll_seconds`. A round that fails (the database away for a moment) is logged; the next tries again."""

    def __init__(self, name: str, round: Callable[[], Awaitable[object]], poll_seconds: float = 1.0) -> None:
        self.name, self.round, self.poll_seconds = name, round, poll_seconds
        self.wake = asyncio.Event()
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._loop(), name=self.name)

    def notify(self, *_: object) -> None:
        self.wake.set()

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            self.wake.clear()
            try:
                await self.round()
            except Exception:
                log.exception("%s round failed", self.name)
            await woken_or_timed_out(self.wake, self.poll_seconds)
