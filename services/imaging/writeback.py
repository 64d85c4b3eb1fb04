"""Writing a finished analysis back to the intake FHIR server, as one transaction Bundle.

The DiagnosticReport and each lesion Observation are POSTed with `ifNoneExist` on an identifier
derived from the job id (`urn:calcinosis:imaging-analysis|<job id>` and `|<job id>/lesion/<n>`),
so that a retry after a lost answer finds what the first attempt stored instead of storing it
twice; the Observations are referenced by `urn:uuid:` fullUrls, which intake rewrites.

The state of the write-back lives in the job's row (pending, delivered, failed; attempts, the last
error, when the next attempt is due). An attempt that intake does not accept is retried with
the back-off of shared/delivery.py until it does; a 4xx answer other than 408 and 429 means
intake will never accept this Bundle, so it is recorded as the permanent outcome instead.
With JOB_BACKEND=local `write_backs` below runs the attempts in the API process; with
procrastinate, a task of the job engine does (services/imaging/worker.py).
"""

import copy
import logging

import httpx
from sqlmodel import col

from services.imaging.jobs import JobStore
from services.imaging.models import PENDING, AnalysisJob
from shared.delivery import MAX_RETRY_SECONDS, RETRIES, Leases, Outcome, Rounds, attempt, is_permanent  # noqa: F401
from shared.fhir_json import FHIR_JSON, dumps
from shared.fhir_time import now_ms
from shared.http_client import create_http_client
from shared.logging import request_id_var
from shared.settings import Settings

log = logging.getLogger(__name__)

IDENTIFIER_SYSTEM = "urn:calcinosis:imaging-analysis"
LEASE_MS = 120_000  # a claimed write-back not finished by then (its process died) is due again
# The policy under the names tests/imaging/test_writeback.py imports from here (with MAX_RETRY_SECONDS
# and is_permanent): the wait after the n-th failed attempt, before it is spread.
backoff_seconds = RETRIES.schedule


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
            sent = await attempt(self.client.post(self.url, content=dumps(bundle)))
            if sent.outcome is Outcome.DELIVERED:
                await self.store.delivered(job_id, attempts)
                log.info("report written back to intake", extra={"job": job_id, "attempts": attempts})
                return None
            if sent.response is None:
                error = f"intake at {self.url} could not be reached: {type(sent.failure).__name__}"
            else:
                error = _why(sent.response)
            if sent.outcome is Outcome.REFUSED:
                await self.store.delivery_refused(job_id, attempts, error)
                log.warning("intake refused the report for good", extra={"job": job_id, "error": error})
                return None
            delay = RETRIES.wait(attempts, sent.retry_after)
            await self.store.delivery_postponed(job_id, attempts, error, now_ms() + int(delay * 1000))
            log.info("report write-back postponed", extra={"job": job_id, "error": error, "retry_in_s": delay})
            return delay
        finally:
            request_id_var.reset(token)

    async def close(self) -> None:
        await self.client.aclose()


def write_backs(store: JobStore, writeback: Writeback, poll_seconds: float = 1.0) -> Rounds:
    """JOB_BACKEND=local: the due write-backs run in this process (woken when a job finishes, else
    polling), each claimed first so that several processes on one database share them."""
    due = Leases(store.db, col(AnalysisJob.id), col(AnalysisJob.delivery_next_ms),
                 col(AnalysisJob.delivery_state) == PENDING, LEASE_MS)
    return Rounds("write-back", lambda: due.run_due(writeback.deliver, limit=20), poll_seconds)
