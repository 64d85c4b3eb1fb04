"""Routes of the analysis page and its slice images; behind the same authorization as the API
(DiagnosticReport read), see docs/decisions.md, "Clinician's pages"."""

import asyncio
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParameter
from starlette.responses import HTMLResponse, Response

from services.imaging.api import AnalysisId, Jobs, analysis_or_404
from services.imaging.masks import GENERIC_BINARY, served_media_type
from services.imaging.models import AnalysisJob
from services.imaging.views import page as pages
from services.imaging.views.slices import slice_png
from services.imaging.views.volume_store import StoredVolume, stored_volume
from shared.auth import requires
from shared.errors import FHIRError
from shared.fhir_openapi import fhir_responses
from shared.pages import image, page, templates

TEMPLATES = templates(Path(__file__).parent / "templates")
Plane = Annotated[Literal["axial", "coronal", "sagittal"], PathParameter(description="The patient plane of the slice")]
Index = Annotated[int, PathParameter(description="The slice's number across its plane, from 0 (the page names the "
                                                 "slices around each lesion)",
                                     openapi_examples={"example": {"summary": "A slice", "value": 20}})]
Window = Literal["soft-tissue", "bone"]
PNG = "image/png"


async def _stored(request: Request, job: AnalysisJob) -> StoredVolume:
    folder = request.app.state.jobs_dir / job.id
    limit = request.app.state.settings.imaging_max_voxels
    try:
        return await asyncio.to_thread(stored_volume, job, folder, limit)
    except FileNotFoundError:  # the job's files were removed (retention): the report stays, the images are gone
        raise FHIRError.of(410, "deleted", f"The CT of analysis {job.id} is no longer stored; its report remains "
                                           f"at /analyses/{job.id}") from None


def build_router() -> APIRouter:
    router = APIRouter(tags=["Clinician's pages"])
    read = [requires(("DiagnosticReport", "read"))]

    @router.get("/analyses/{analysis_id}/view", operation_id="viewAnalysis", response_class=HTMLResponse,
                summary="The analysis as a page: conclusion, lesions, and a slice viewer around each lesion",
                responses=fhir_responses({}, (400, 401, 403, 404, 410)), dependencies=read)
    async def view(analysis_id: AnalysisId, request: Request, jobs: Jobs,
                   window: Annotated[str | None, Query(description="soft-tissue or bone")] = None) -> HTMLResponse:
        job = await analysis_or_404(jobs, analysis_id, request)
        report, lesions = pages.report_parts(job)
        chosen = pages.window_or_default(window)
        viewers = []
        if job.state == "done" and lesions:
            query = {k: v for k, v in request.query_params.items()}
            viewers = pages.viewers(job.id, await _stored(request, job), query, chosen)
        return page(TEMPLATES, request, "analysis.html", {
            "job": job, "report": report, "lesions": lesions, "viewers": viewers, "window": chosen,
            "windows": [("soft-tissue", "Soft tissue W400 L40"), ("bone", "Bone W2000 L500")]})

    @router.get("/analyses/{analysis_id}/view/{plane}/{index}.png", operation_id="viewAnalysisSlice",
                response_class=Response, summary="One slice of the analysed CT as PNG, lesions outlined",
                responses={200: {"description": "The slice as PNG, or as application/octet-stream (the same bytes) "
                                                "for a client whose Accept prefers it (SDK generators)",
                                 "content": {media_type: {"schema": {"type": "string", "format": "binary"}}
                                             for media_type in (PNG, GENERIC_BINARY)}},
                           **fhir_responses({}, (400, 401, 403, 404, 409, 410))},
                dependencies=read)
    async def slice_image(analysis_id: AnalysisId, plane: Plane, index: Index, request: Request,
                          jobs: Jobs, window: Window = "soft-tissue") -> Response:
        job = await analysis_or_404(jobs, analysis_id, request)
        if job.state != "done":
            raise FHIRError.of(409, "conflict", f"Analysis {analysis_id} is {job.state}: nothing to show yet")
        stored = await _stored(request, job)
        count = stored.slice_count(plane)
        if not 0 <= index < count:
            raise FHIRError.of(404, "not-found", f"The {plane} slices of analysis {analysis_id} are 0 to {count - 1}")
        png = await asyncio.to_thread(slice_png, stored, plane, index, window)
        return image(png, served_media_type(request.headers.get("accept"), PNG))

    return router
