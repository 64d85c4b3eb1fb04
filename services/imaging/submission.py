"""Accepting an analysis: save and check the input at the boundary, then queue the job.

Only what can be decided from headers is checked here, so that a caller hears at once that its
input cannot be analysed (not DICOM, not CT, a mixed series, a single slice, not NIfTI); pixel
decoding problems (truncated files) are found by the analysis and fail the job with the reason.
"""

import uuid
from pathlib import Path

from fastapi import Request

from services.imaging.inputs import check_dicom_headers, check_nifti_header
from services.imaging.jobs import JobStore
from services.imaging.models import AnalysisJob
from services.imaging.schemas import AnalysisRequest
from services.imaging.uploads import UploadLimits, extract_zip, is_nifti, is_zip, remove, save_files
from shared.errors import FHIRError


async def accept_dicomweb(jobs: JobStore, request: AnalysisRequest) -> AnalysisJob:
    source = {"dicomweb": request.dicomweb.model_dump(mode="json"), "subject": request.subject}
    return await jobs.create("dicomweb", source, request.imagingStudy)


async def accept_upload(request: Request, jobs: JobStore, jobs_dir: Path, limits: UploadLimits) -> AnalysisJob:
    declared = request.headers.get("content-length")
    if declared is None:
        raise FHIRError.of(411, "required", "Uploads need a Content-Length")
    if not declared.isdigit() or int(declared) > limits.max_total_bytes:
        raise FHIRError.of(413, "too-costly", f"The upload exceeds {limits.max_total_bytes} bytes")
    form = await request.form(max_files=limits.max_files + 1, max_fields=10)
    unexpected = set(form.keys()) - {"file", "imagingStudy", "subject"}
    if unexpected:
        raise FHIRError.of(400, "invalid", f"Unexpected form fields: {', '.join(sorted(unexpected))}")
    files = [f for f in form.getlist("file") if hasattr(f, "read")]
    job_id = str(uuid.uuid4())
    folder = jobs_dir / job_id / "input"
    try:
        paths = await save_files(files, folder, limits)
        kind, names = _identify(paths, folder, limits)
    except BaseException:
        remove(jobs_dir / job_id)
        raise
    finally:
        await form.close()
    source = {"files": names, "subject": _field(form, "subject", r"Patient/")}
    return await jobs.create(kind, source, _field(form, "imagingStudy", "ImagingStudy/"), job_id=job_id)


def _identify(paths: list[Path], folder: Path, limits: UploadLimits) -> tuple[str, list[str]]:
    if len(paths) == 1 and is_nifti(paths[0]):
        check_nifti_header(paths[0])
        return "nifti", [paths[0].name]
    if len(paths) == 1 and is_zip(paths[0]):
        paths = extract_zip(paths[0], folder, limits)
    check_dicom_headers(paths)
    return "dicom", [p.name for p in paths]


def _field(form, name: str, prefix: str) -> str | None:
    value = form.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(prefix) or len(value) > 100:
        raise FHIRError.of(400, "invalid", f"{name} must look like {prefix}<id>")
    return value
