"""Writing a finished analysis back to the intake FHIR server, as one transaction Bundle.

The DiagnosticReport and each lesion Observation are POSTed with `ifNoneExist` on an identifier
derived from the job id (`urn:calcinosis:imaging-analysis|<job id>` and `|<job id>/lesion/<n>`),
so that a retry after a lost answer finds what the first attempt stored instead of storing it
twice; the Observations are referenced by `urn:uuid:` fullUrls, which intake rewrites.

The state of the write-back lives in the job's row (pending, delivered, failed; attempts, the last
error, when the next attempt is due). An attempt that intake does not accept is retried with
exponential back-off (capped) until it does; a 4xx answer other than 408 and 429 means intake
will never accept this Bundle, so it is recorded as the permanent outcome instead.
With JOB_BACKEND=local the DeliveryLoop below runs the attempts in the API process; with
procrastinate, a task of the job engine does (services/imaging/worker.py).
"""

import asyncio
import copy
import logging
from email.utils import parsedate_to_datetime

import httpx

from services.imaging.jobs import JobStore, woken_or_timed_out
from services.imaging.models import PENDING, AnalysisJob
from shared.fhir_json import FHIR_JSON, dumps
from shared.fhir_time import now_ms
from shared.http_client import create_http_client
from shared.logging import request_id_var
from shared.settings import Settings

log = logging.getLogger(__name__)

IDENTIFIER_SYSTEM = "urn:calcinosis:imaging-analysis"
FIRST_RETRY_SECONDS = 2.0
MAX_RETRY_SECONDS = 300.0
LEASE_MS = 120_000  # a claimed write-back not finished by then (its process died) is due again


def backoff_seconds(attempts: int) -> float:
    """Wait after the `attempts`-th failed attempt: 2, 4, 8, ... seconds, at most 5 minutes."""
    return min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def is_permanent(status: int) -> bool:
    """A refusal that a retry cannot change: 4xx, except 408 (timeout) and 429 (too many requests)."""
    return 400 <= status < 500 and status not in (408, 429)


def _identifier(value: str) -> dict:
    return {"system": IDENTIFIER_SYSTEM, "value": value}


def _post(resource_type: str, value: str) -> dict:
    return {"method": "POST", "url": resource_type, "ifNoneExist": f"identifier={IDENTIFIER_SYSTEM}|{value}"}


def writeback_bundle(job: AnalysisJob) -> dict:
    """The transaction Bundle that stores the job's report in intake: DiagnosticReport first, then
    the lesion Observations (largest first, numbered from 1), each a conditional create."""
    report = job.report or {}
    entries = report.get("entry") or []
    if not entries or entries[0].get("resource", {}).get("resourceType") != "DiagnosticReport":
        raise ValueError(f"Analysis {job.id} has no DiagnosticReport to write back")
    subject = job.source.get("subject")
    diagnostic = copy.deepcopy(entries[0]["resource"])
    diagnostic["identifier"] = [_identifier(job.id)]
    if subject:
        diagnostic["subject"] = {"reference": subject}
    if job.imaging_study:
        diagnostic["imagingStudy"] = [{"reference": job.imaging_study}]
    out = [{"fullUrl": entries[0]["fullUrl"], "resource": diagnostic, "request": _post("DiagnosticReport", job.id)}]
    for number, entry in enumerate(entries[1:], start=1):
        observation = copy.deepcopy(entry["resource"])
        value = f"{job.id}/lesion/{number}"
        observation["identifier"] = [_identifier(value)]
        if subject:
            observation["subject"] = {"reference": subject}
        if job.imaging_study:
            observation["derivedFrom"] = [{"reference": job.imaging_study}]
        out.append({"fullUrl": entry["fullUrl"], "resource": observation, "request": _post("Observation", value)})
    return {"resourceType": "Bundle", "type": "transaction", "entry": out}


def _why(response: httpx.Response) -> str:
    text = f"intake answered {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return text
    if isinstance(body, dict) and body.get("resourceType") == "OperationOutcome":
        details = "; ".join(str(issue.get("diagnostics") or issue.get("code") or "")
                            for issue in body.get("issue", []) if isinstance(issue, dict))
        if details:
            text += f": {details}"
    return text[:1000]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now_ms() / 1000)
    except (TypeError, ValueError):
        return None


class Writeback:
    """One write-back attempt at a time, recorded in the job's row."""

    def __init__(self, settings: Settings, store: JobStore, client: httpx.AsyncClient | None = None) -> None:
        self.store = store
        self.url = settings.intake_url.rstrip("/")
        self.client = client or create_http_client(settings, self.url, headers={"Content-Type": FHIR_JSON})

    async def deliver(self, job_id: str) -> float | None:
        """Try to write the job's report back. None when nothing is left to do (delivered, refused
        for good, or nothing to deliver); else the seconds to wait before the next attempt."""
        job = await self.store.get(job_id)
        if job is None or job.delivery_state != PENDING:
            return None
        attempts = job.delivery_attempts + 1
        token = request_id_var.set(job.request_id or "-")
        try:
            try:
                bundle = writeback_bundle(job)
            except ValueError as exc:
                await self.store.delivery_refused(job_id, attempts, str(exc))
                return None
            try:
                response = await self.client.post(self.url, content=dumps(bundle))
            except httpx.HTTPError as exc:
                error, wait = f"intake at {self.url} could not be reached: {type(exc).__name__}", None
            else:
                if response.is_success:
                    await self.store.delivered(job_id, attempts)
                    log.info("report written back to intake", extra={"job": job_id, "attempts": attempts})
                    return None
                error, wait = _why(response), _retry_after(response)
                if is_permanent(response.status_code):
                    await self.store.delivery_refused(job_id, attempts, error)
                    log.warning("intake refused the report for good", extra={"job": job_id, "error": error})
                    return None
            delay = min(MAX_RETRY_SECONDS, max(backoff_seconds(attempts), wait or 0.0))
            await self.store.delivery_postponed(job_id, attempts, error, now_ms() + int(delay * 1000))
            log.info("report write-back postponed", extra={"job": job_id, "error": error, "retry_in_s": delay})
            return delay
        finally:
            request_id_var.reset(token)

    async def close(self) -> None:
        await self.client.aclose()


class DeliveryLoop:
    """JOB_BACKEND=local: runs due write-backs in this process (woken when a job finishes, else
    polling), each claimed first so that several processes on one database share them."""

    def __init__(self, store: JobStore, writeback: Writeback, poll_seconds: float = 1.0) -> None:
        self.store = store
        self.writeback = writeback
        self.poll_seconds = poll_seconds
        self.wake = asyncio.Event()
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._loop())

    def notify(self, *_: object) -> None:
        self.wake.set()

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)

    async def run_due(self) -> int:
        count = 0
        for job_id, due_ms in await self.store.due_deliveries(now_ms()):
            if await self.store.claim_delivery(job_id, due_ms, LEASE_MS):
                await self.writeback.deliver(job_id)
                count += 1
        return count

    async def _loop(self) -> None:
        while True:
            self.wake.clear()
            try:
                await self.run_due()
            except Exception:  # the database may be away for a moment: try again at the next round
                log.exception("write-back round failed")
            await woken_or_timed_out(self.wake, self.poll_seconds)
