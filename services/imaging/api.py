"""HTTP layer of the imaging service: accept analyses, show their state, serve the mask."""

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import ValidationError
from starlette.responses import Response

from services.imaging.audit import note_analysis
from services.imaging.engines import JobEngine
from services.imaging.jobs import JobStore
from services.imaging.masks import GENERIC_BINARY, MASK_MEDIA_TYPES, served_media_type
from services.imaging.models import AnalysisJob
from services.imaging.schemas import AnalysisRequest, AnalysisState, Delivery
from services.imaging.submission import accept_dicomweb, accept_upload, idempotency_key
from services.imaging.uploads import UploadLimits
from services.imaging.writeback import IDENTIFIER_SYSTEM
from shared.auth import requires
from shared.errors import FHIRError, Issue, operation_outcome
from shared.fhir_openapi import ERROR_STATUSES, fhir_content, load_examples
from shared.fhir_time import instant
from shared.logging import request_id_var
from shared.request_body import read_json_body
from shared.settings import Settings


# What the routes use, injected (main.create_app puts it on app.state), as intake's routes get theirs.
def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_jobs(request: Request) -> JobStore:
    return request.app.state.jobs


def get_jobs_dir(request: Request) -> FilePath:
    return request.app.state.jobs_dir


def get_engine(request: Request) -> JobEngine:
    return request.app.state.engine


def get_upload_limits(request: Request) -> UploadLimits:
    return request.app.state.upload_limits


SettingsDep = Annotated[Settings, Depends(get_settings)]
Jobs = Annotated[JobStore, Depends(get_jobs)]
JobsDir = Annotated[FilePath, Depends(get_jobs_dir)]
Engine = Annotated[JobEngine, Depends(get_engine)]
Limits = Annotated[UploadLimits, Depends(get_upload_limits)]

# The documents' examples (tests/test_openapi_examples.py sends them to a running service).
EXAMPLES = load_examples(FilePath(__file__).with_name("openapi_examples.json"))
MULTIPART_SCHEMA = {
    "type": "object",
    "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"},
                            "description": "DICOM instances (one part each), one zip of a series, or one "
                                           ".nii/.nii.gz file"},
                   "imagingStudy": {"type": "string", "description": "The ImagingStudy the report will refer to",
                                    "examples": [EXAMPLES["upload"]["imagingStudy"]]},
                   "subject": {"type": "string", "description": "The Patient the report will refer to (and the "
                                                                "report is then written back to intake)",
                               "examples": [EXAMPLES["upload"]["subject"]]}},
    "required": ["file"],
}
AnalysisId = Annotated[str, Path(description="The analysis's id, from the Location of POST /analyses",
                                 openapi_examples={"example": {"summary": "An analysis id (a UUID)",
                                                               "value": EXAMPLES["analysis_id"]}})]


def _errors(*statuses: int) -> dict:
    return {s: {"description": ERROR_STATUSES.get(s, "Error"), "content": fhir_content("OperationOutcome")}
            for s in statuses}


def state_of(job: AnalysisJob) -> AnalysisState:
    outcome = operation_outcome([Issue("processing", job.reason)]) if job.state == "failed" and job.reason else None
    return AnalysisState(
        id=job.id, status=job.state, stage=job.stage, percent=job.percent, inputKind=job.input_kind,
        imagingStudy=job.imaging_study, created=instant(job.created_ms), updated=instant(job.updated_ms),
        attempts=job.attempts, outcome=outcome, report=job.report,
        mask=f"/analyses/{job.id}/mask" if job.state == "done" and job.mask_media_type else None,
        subject=job.source.get("subject"), idempotencyKey=job.idempotency_key, view=f"/analyses/{job.id}/view",
        delivery=Delivery(
            status=job.delivery_state, attempts=job.delivery_attempts, error=job.delivery_error,
            nextAttempt=instant(job.delivery_next_ms) if job.delivery_state == "pending" and job.delivery_next_ms else None,
            delivered=instant(job.delivered_ms) if job.delivered_ms else None,
            identifier={"system": IDENTIFIER_SYSTEM, "value": job.id},
        ) if job.delivery_state else None,
    )


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": "For a DICOMweb reference (application/json): a key the caller chooses for this analysis "
                   "(e.g. `{studyInstanceUid}/{seriesInstanceUid}`). The same key again, with the same body, "
                   "answers 202 with the Location of the analysis the first request created (and "
                   "`Idempotent-Replayed: true`), never a second analysis; the same key with a different body "
                   "is refused with 422. Not accepted with uploads (400). A quoted value (structured-field "
                   "string, as in the IETF Idempotency-Key draft) is taken without its quotes.",
}


def build_router() -> APIRouter:
    router = APIRouter(tags=["Analyses"])

    @router.post(
        "/analyses", operation_id="createAnalysis", status_code=202, response_model=AnalysisState,
        summary="Start a CT calcification analysis (DICOM upload, zip, NIfTI, or a DICOMweb reference)",
        openapi_extra={"requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": MULTIPART_SCHEMA},
            "application/json": {"schema": {"$ref": "#/components/schemas/AnalysisRequest"},
                                 "examples": EXAMPLES["dicomweb"]}}},
            "parameters": [IDEMPOTENCY_KEY]},
        responses={202: {"description": "Accepted (or, for a repeated Idempotency-Key, accepted before); poll "
                                        "the Location",
                         "headers": {"Location": {"schema": {"type": "string"}},
                                     "Idempotent-Replayed": {
                                         "schema": {"type": "string", "enum": ["true"]},
                                         "description": "Present when an earlier request with the same "
                                                        "Idempotency-Key created the analysis"}}},
                   **_errors(400, 401, 403, 411, 413, 415, 422)},
        dependencies=[requires(("DiagnosticReport", "create"))],
    )
    async def create(request: Request, settings: SettingsDep, jobs: Jobs, jobs_dir: JobsDir, engine: Engine,
                     limits: Limits) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        key = idempotency_key(request.headers.getlist("idempotency-key"))
        request_id = request_id_var.get()
        created = True
        if media_type == "application/json":
            body = await read_json_body(request, settings.max_body_bytes, settings.max_json_depth)
            try:
                reference = AnalysisRequest.model_validate(body)
            except ValidationError as exc:
                raise FHIRError(400, [Issue("invalid", f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
                                      for e in exc.errors()]) from None
            job, created = await accept_dicomweb(jobs, reference, request.app.state.dicomweb_policy, key,
                                                 request_id)
        elif media_type == "multipart/form-data":
            if key is not None:
                raise FHIRError.of(400, "not-supported", "Idempotency-Key is honoured for DICOMweb references "
                                                         "(application/json) only, not for uploads")
            job = await accept_upload(request, jobs, jobs_dir, limits, request_id)
        else:
            raise FHIRError.of(415, "not-supported", "Send multipart/form-data (files) or application/json "
                                                     "(a DICOMweb reference)")
        note_analysis(request, job.id, job.source.get("subject"))
        await engine.submitted(job)
        headers = {"Location": f"/analyses/{job.id}"}
        if not created:
            headers["Idempotent-Replayed"] = "true"
        return JSONResponse(state_of(job).model_dump(mode="json"), status_code=202, headers=headers)

    @router.get("/analyses/{analysis_id}", operation_id="readAnalysis", response_model=AnalysisState,
                summary="The state of an analysis and, when done, its report", responses=_errors(401, 403, 404),
                dependencies=[requires(("DiagnosticReport", "read"))])
    async def read(analysis_id: AnalysisId, request: Request, jobs: Jobs) -> AnalysisState:
        return state_of(await analysis_or_404(jobs, analysis_id, request))

    @router.get("/analyses/{analysis_id}/mask", operation_id="readAnalysisMask",
                summary="The lesion mask: DICOM SEG (one segment per lesion) for DICOM input, NIfTI labels "
                        "otherwise",
                description="Segment or label n is the report's lesion n (largest first). An analysis that "
                            "found no lesion has no mask: 404, and its document's `mask` is null. 409 while "
                            "the analysis is not done.",
                responses={200: {"description": "The mask: application/dicom (DICOM SEG) or application/gzip "
                                                "(NIfTI), or application/octet-stream, the same bytes, for a "
                                                "client whose Accept prefers it",
                                 "content": {media_type: {"schema": {"type": "string", "format": "binary"}}
                                             for media_type in (*MASK_MEDIA_TYPES, GENERIC_BINARY)}},
                           **_errors(401, 403, 404, 409)},
                response_class=Response, dependencies=[requires(("DiagnosticReport", "read"))])
    async def mask(analysis_id: AnalysisId, request: Request, jobs: Jobs, jobs_dir: JobsDir) -> Response:
        job = await analysis_or_404(jobs, analysis_id, request)
        if job.state != "done":
            raise FHIRError.of(409, "conflict", f"Analysis {analysis_id} is {job.state}: no mask yet")
        if not job.mask_media_type:
            raise FHIRError.of(404, "not-found", f"Analysis {analysis_id} found no lesion, so no lesion mask was "
                                                 "produced")
        folder = jobs_dir / job.id
        name = "lesions.dcm" if job.mask_media_type == "application/dicom" else "lesions.nii.gz"
        media_type = served_media_type(request.headers.get("accept"), job.mask_media_type)
        return FileResponse(folder / name, media_type=media_type, filename=f"{job.id}-{name}")

    return router


def build_audit_router() -> APIRouter:
    """Imaging's audit trail: a section of its own in the API documents (not under Analyses)."""
    audit = APIRouter(tags=["Audit"])

    @audit.get("/AuditEvent", operation_id="searchAuditEvent",
               summary="This service's audit trail: the AuditEvents of a patient or of an analysis, newest first",
               description="One AuditEvent per request that submitted, read or downloaded the mask of an "
                           "analysis (refused ones too), naming the patient, the client and the outcome.",
               responses={200: {"content": fhir_content("Bundle")}, **_errors(400, 401, 403)},
               dependencies=[requires(("AuditEvent", "search"))])
    async def audit_events(request: Request, patient: str | None = None, analysis: str | None = None,
                           _count: int = 100) -> JSONResponse:
        if (patient is None) == (analysis is None) or not 1 <= _count <= 1000:
            raise FHIRError.of(400, "invalid", "Search by one of patient=Patient/{id} or analysis={id}; "
                                               "_count from 1 to 1000")
        if patient is not None and not patient.startswith("Patient/"):
            patient = f"Patient/{patient}"
        events = await request.app.state.audit_trail.search(patient=patient, analysis_id=analysis, limit=_count)
        return JSONResponse({"resourceType": "Bundle", "type": "searchset",
                             "entry": [{"resource": event, "search": {"mode": "match"}} for event in events]},
                            media_type="application/fhir+json")

    return audit


async def analysis_or_404(jobs: JobStore, analysis_id: str, request: Request) -> AnalysisJob:
    """The analysis, noted for the AuditEvent of the request that reads it; 404 when unknown."""
    job = await jobs.get(analysis_id)
    if job is None:
        raise FHIRError.of(404, "not-found", f"No analysis {analysis_id}")
    note_analysis(request, job.id, job.source.get("subject"))  # for the AuditEvent of this read
    return job
