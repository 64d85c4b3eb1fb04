"""The delivery engine (shared/delivery.py): when a failed delivery is tried again, which answers
are final, and rows claimed by one process at a time."""

import asyncio
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table
from sqlalchemy.orm import registry

from shared.database import Database
from shared.delivery import MAX_RETRY_SECONDS, RETRIES, Attempt, Leases, Outcome, RetryPolicy, Rounds, attempt
from shared.fhir_time import now_ms


def test_the_wait_doubles_from_2_s_to_a_cap_spread_by_a_fifth():
    assert [RETRIES.schedule(n) for n in range(1, 6)] == [2, 4, 8, 16, 32]
    assert RETRIES.schedule(9) == RETRIES.schedule(10_000) == MAX_RETRY_SECONDS == 300
    random.seed(7)
    for attempts in (1, 3, 6):
        waits = [RETRIES.wait(attempts) for _ in range(200)]
        expected = RETRIES.schedule(attempts)
        assert all(0.8 * expected <= w <= 1.2 * expected for w in waits)
        assert max(waits) - min(waits) > 0.3 * expected  # spread: rows that failed together part
    assert all(RETRIES.wait(50) <= MAX_RETRY_SECONDS for _ in range(100))
    assert RetryPolicy(max_seconds=1).wait(5) <= 1  # intake's OUTBOX_MAX_BACKOFF_SECONDS is such a cap


def test_retry_after_is_a_floor_within_the_cap():
    assert RETRIES.wait(1, retry_after=30) == 30
    assert RETRIES.wait(1, retry_after=10_000) == MAX_RETRY_SECONDS
    assert 1.6 <= RETRIES.wait(1, retry_after=0.5) <= 2.4


def answered(status: int, **headers: str) -> Attempt:
    return Attempt(response=httpx.Response(status, headers=headers))


def test_only_success_and_lasting_refusals_are_final():
    assert answered(200).outcome is answered(201).outcome is Outcome.DELIVERED
    assert all(answered(s).outcome is Outcome.REFUSED for s in (400, 401, 403, 404, 409, 412, 415, 422))
    assert all(answered(s).outcome is Outcome.RETRY for s in (408, 429, 500, 502, 503, 504, 302))
    assert Attempt(failure=httpx.ConnectError("refused")).outcome is Outcome.RETRY


def test_retry_after_in_seconds_or_as_a_date():
    assert answered(503, **{"Retry-After": "30"}).retry_after == 30
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    assert 115 <= answered(503, **{"Retry-After": later}).retry_after <= 120
    past = format_datetime(datetime.now(UTC) - timedelta(seconds=120), usegmt=True)
    assert answered(503, **{"Retry-After": past}).retry_after == 0
    assert answered(503, **{"Retry-After": "soon"}).retry_after is None
    assert answered(503).retry_after is None and Attempt(failure=httpx.ReadTimeout("slow")).retry_after is None


async def test_a_request_that_gets_no_answer_is_an_attempt_to_retry():
    async def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refused)) as client:
        sent = await attempt(client.post("http://other.test/"))
    assert sent.outcome is Outcome.RETRY and isinstance(sent.failure, httpx.ConnectError) and sent.response is None


# ---- leases -------------------------------------------------------------------------------------

mapper = registry(metadata=MetaData())
messages = Table("messages", mapper.metadata, Column("id", Integer, primary_key=True), Column("state", String),
                 Column("due_ms", BigInteger), Column("attempts", Integer, default=0))


class Message:
    pass


mapper.map_imperatively(Message, messages)


@pytest.fixture
async def db(tmp_path):
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'delivery.sqlite3'}")
    async with database.engine.begin() as conn:
        await conn.run_sync(mapper.metadata.create_all)
    yield database
    await database.close()


async def add(db: Database, *rows: tuple[int, str, int]) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(messages.insert(), [{"id": i, "state": s, "due_ms": d, "attempts": 0} for i, s, d in rows])


def leases(db: Database, lease_ms: int = 60_000) -> Leases:
    return Leases(db, Message.id, Message.due_ms, Message.state == "pending", lease_ms,
                  on_claim={Message.attempts: Message.attempts + 1})


async def test_due_rows_longest_waiting_first_and_each_claimed_once(db):
    stamp = now_ms()
    await add(db, (1, "pending", stamp - 10), (2, "pending", stamp - 500), (3, "done", stamp - 900),
              (4, "pending", stamp + 60_000))
    due = leases(db)
    assert [key for key, _ in await due.due_now(10)] == [2, 1]  # not the delivered one, not the one due later
    claims = await asyncio.gather(*(due.claim(2, stamp - 500) for _ in range(4)))
    assert claims.count(True) == 1
    async with db.sessions() as session:
        row = await session.get(Message, 2)
    assert row.attempts == 1 and row.due_ms >= stamp + 60_000  # leased: not due again until the lease ends
    assert [key for key, _ in await due.due_now(10)] == [1]


async def test_a_lease_that_runs_out_makes_the_row_due_again(db):
    await add(db, (1, "pending", now_ms() - 1))
    due, delivered = leases(db, lease_ms=0), []

    async def deliver(key: int) -> None:  # its process dies: the row stays pending
        delivered.append(key)

    assert await due.run_due(deliver, limit=10) == 1
    await asyncio.sleep(0.01)
    assert await due.run_due(deliver, limit=10) == 1 and delivered == [1, 1]


async def test_rounds_run_when_woken_and_stop_when_told():
    ran = asyncio.Event()
    count = 0

    async def round() -> None:
        nonlocal count
        count += 1
        if count == 2:
            raise RuntimeError("the database is away")  # logged; the next round tries again
        if count >= 3:
            ran.set()

    rounds = Rounds("test", round, poll_seconds=60)
    rounds.start()
    for _ in range(2):
        await asyncio.sleep(0.05)
        rounds.notify()
    await asyncio.wait_for(ran.wait(), 5)  # woken twice, not after 60 s polls
    rounds.notify()
    await asyncio.wait_for(rounds.stop(), 5)
