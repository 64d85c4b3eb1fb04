"""HTTP layer of the imaging service: accept analyses, show their state, serve the mask."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import ValidationError
from starlette.responses import Response

from services.imaging.jobs import JobStore
from services.imaging.models import AnalysisJob
from services.imaging.schemas import AnalysisRequest, AnalysisState
from services.imaging.submission import accept_dicomweb, accept_upload
from shared.errors import FHIRError, Issue, operation_outcome
from shared.fhir_openapi import ERROR_STATUSES, fhir_content
from shared.fhir_time import instant
from shared.request_body import read_json_body

MULTIPART_SCHEMA = {
    "type": "object",
    "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"},
                            "description": "DICOM instances (one part each), one zip of a series, or one "
                                           ".nii/.nii.gz file"},
                   "imagingStudy": {"type": "string"}, "subject": {"type": "string"}},
    "required": ["file"],
}


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
    )


def build_router() -> APIRouter:
    router = APIRouter(tags=["Analyses"])

    @router.post(
        "/analyses", operation_id="createAnalysis", status_code=202, response_model=AnalysisState,
        summary="Start a CT calcification analysis (DICOM upload, zip, NIfTI, or a DICOMweb reference)",
        openapi_extra={"requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": MULTIPART_SCHEMA},
            "application/json": {"schema": {"$ref": "#/components/schemas/AnalysisRequest"}}}}},
        responses={202: {"description": "Accepted; poll the Location",
                         "headers": {"Location": {"schema": {"type": "string"}}}},
                   **_errors(400, 411, 413, 415, 422)},
    )
    async def create(request: Request) -> Response:
        app = request.app.state
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/json":
            body = await read_json_body(request, app.settings.max_body_bytes)
            try:
                reference = AnalysisRequest.model_validate(body)
            except ValidationError as exc:
                raise FHIRError(400, [Issue("invalid", f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
                                      for e in exc.errors()]) from None
            job = await accept_dicomweb(app.jobs, reference)
        elif media_type == "multipart/form-data":
            job = await accept_upload(request, app.jobs, app.jobs_dir, app.upload_limits)
        else:
            raise FHIRError.of(415, "not-supported", "Send multipart/form-data (files) or application/json "
                                                     "(a DICOMweb reference)")
        app.runner.notify()
        return JSONResponse(state_of(job).model_dump(mode="json"), status_code=202,
                            headers={"Location": f"/analyses/{job.id}"})

    @router.get("/analyses/{analysis_id}", operation_id="readAnalysis", response_model=AnalysisState,
                summary="The state of an analysis and, when done, its report", responses=_errors(404))
    async def read(analysis_id: str, request: Request) -> AnalysisState:
        return state_of(await _job(request.app.state.jobs, analysis_id))

    @router.get("/analyses/{analysis_id}/mask", operation_id="readAnalysisMask",
                summary="The lesion mask: DICOM SEG for DICOM input, NIfTI otherwise",
                responses={200: {"content": {"application/dicom": {"schema": {"type": "string", "format": "binary"}},
                                             "application/gzip": {"schema": {"type": "string", "format": "binary"}}}},
                           **_errors(404, 409)},
                response_class=Response)
    async def mask(analysis_id: str, request: Request) -> Response:
        job = await _job(request.app.state.jobs, analysis_id)
        if job.state != "done" or not job.mask_media_type:
            raise FHIRError.of(409, "conflict", f"Analysis {analysis_id} is {job.state}: no mask yet")
        folder: Path = request.app.state.jobs_dir / job.id
        name = "lesions.dcm" if job.mask_media_type == "application/dicom" else "lesions.nii.gz"
        return FileResponse(folder / name, media_type=job.mask_media_type, filename=f"{job.id}-{name}")

    return router


async def _job(jobs: JobStore, analysis_id: str) -> AnalysisJob:
    job = await jobs.get(analysis_id)
    if job is None:
        raise FHIRError.of(404, "not-found", f"No analysis {analysis_id}")
    return job
