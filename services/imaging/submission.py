"""Accepting an analysis: save and check the input at the boundary, then queue the job.

Only what can be decided from headers is checked here, so that a caller hears at once that its
input cannot be analysed (not DICOM, not CT, a mixed series, a single slice, not NIfTI); pixel
decoding problems (truncated files) are found by the analysis and fail the job with the reason.

A DICOMweb reference may come with an Idempotency-Key: the job is stored under the key (unique in
the table), so a retried request finds the job the first one created, also when both arrive at
once; a different request under the same key is refused (422).
"""

import asyncio
import hashlib
import re
import uuid
from pathlib import Path

from fastapi import Request
from starlette.datastructures import UploadFile

from services.imaging.dicomweb import DicomWebPolicy, NotAllowed
from services.imaging.inputs import check_dicom_headers, check_nifti_header
from services.imaging.jobs import JobStore
from services.imaging.models import AnalysisJob
from services.imaging.schemas import AnalysisRequest
from services.imaging.uploads import UploadLimits, extract_zip, is_nifti, is_zip, remove, save_files
from shared.errors import FHIRError
from shared.fhir_json import dumps

KEY = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII


def idempotency_key(values: list[str]) -> str | None:
    """The Idempotency-Key header's value (None when absent); 400 when it is not one usable key."""
    if not values:
        return None
    if len(values) > 1:
        raise FHIRError.of(400, "invalid", "Send one Idempotency-Key header")
    value = values[0].strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':  # a structured-field string: "key"
        value = value[1:-1]
    if not KEY.match(value):
        raise FHIRError.of(400, "invalid", "Idempotency-Key must be 1 to 255 visible ASCII characters")
    return value


def request_digest(request: AnalysisRequest) -> str:
    """The request's meaning, whatever its spacing and key order: what a retry must repeat."""
    return hashlib.sha256(dumps(request.model_dump(mode="json"))).hexdigest()


async def accept_dicomweb(jobs: JobStore, request: AnalysisRequest, policy: DicomWebPolicy, key: str | None = None,
                          request_id: str | None = None) -> tuple[AnalysisJob, bool]:
    """The job for this reference: (job, True) when created now, (job, False) when an earlier
    request with the same Idempotency-Key created it. A URL outside the configured DICOMweb
    servers is refused (422) before anything is stored or connected to."""
    try:
        policy.check(str(request.dicomweb.url))
    except NotAllowed as exc:
        raise FHIRError.of(422, "business-rule", f"dicomweb.url: {exc}") from None
    source = {"dicomweb": request.dicomweb.model_dump(mode="json"), "subject": request.subject}
    if key is None:
        return await jobs.create("dicomweb", source, request.imagingStudy, request_id=request_id), True
    digest = request_digest(request)
    job, created = await jobs.create_once(key, digest, "dicomweb", source, request.imagingStudy, request_id)
    if job.request_digest != digest:
        raise FHIRError.of(422, "business-rule", f"Idempotency-Key '{key}' was used for analysis {job.id} with a "
                                                 "different request; use a new key for a new analysis")
    return job, created


async def accept_upload(request: Request, jobs: JobStore, jobs_dir: Path, limits: UploadLimits,
                        request_id: str | None = None) -> AnalysisJob:
    declared = request.headers.get("content-length")
    if declared is None:
        raise FHIRError.of(411, "required", "Uploads need a Content-Length")
    if not declared.isdigit() or int(declared) > limits.max_total_bytes:
        raise FHIRError.of(413, "too-costly", f"The upload exceeds {limits.max_total_bytes} bytes")
    form = await request.form(max_files=limits.max_files + 1, max_fields=10)
    unexpected = set(form.keys()) - {"file", "imagingStudy", "subject"}
    if unexpected:
        raise FHIRError.of(400, "invalid", f"Unexpected form fields: {', '.join(sorted(unexpected))}")
    files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
    job_id = str(uuid.uuid4())
    folder = jobs_dir / job_id / "input"
    try:
        paths = await save_files(files, folder, limits)
        # extraction and header parsing take CPU and memory: not on the event loop
        kind, names = await asyncio.to_thread(_identify, paths, folder, limits)
    except BaseException:
        remove(jobs_dir / job_id)
        raise
    finally:
        await form.close()
    source = {"files": names, "subject": _field(form, "subject", r"Patient/")}
    return await jobs.create(kind, source, _field(form, "imagingStudy", "ImagingStudy/"), job_id=job_id,
                             request_id=request_id)


def _identify(paths: list[Path], folder: Path, limits: UploadLimits) -> tuple[str, list[str]]:
    if len(paths) == 1 and is_nifti(paths[0]):
        check_nifti_header(paths[0], limits.max_voxels)
        return "nifti", [paths[0].name]
    if len(paths) == 1 and is_zip(paths[0]):
        paths = extract_zip(paths[0], folder, limits)
    check_dicom_headers(paths, limits.max_voxels, limits.max_compression_ratio)
    return "dicom", [p.name for p in paths]


def _field(form, name: str, prefix: str) -> str | None:
    value = form.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(prefix) or len(value) > 100:
        raise FHIRError.of(400, "invalid", f"{name} must look like {prefix}<id>")
    return value
