"""One analysis job, start to end: input -> volume -> lesions -> FHIR report and mask file (none
when no lesion was found: the job's mask media type is then None).

A DICOMweb series is first retrieved on the event loop, outside the analysis slots (a slow
server keeps no analysis waiting: at most DICOMWEB_RETRIEVALS retrievals at once, each within its
deadline); the analysis then takes one of IMAGING_CONCURRENCY slots and runs in a worker thread
(numpy and scipy release the GIL for the heavy work). Progress is reported through the callback
the job runner gives it.
"""

import asyncio
from collections.abc import Callable
from pathlib import Path

from services.imaging.analysis import morphology
from services.imaging.analysis.lesions import find_lesions
from services.imaging.analysis.loaders import InputError, load_dicom_series, load_nifti
from services.imaging.dicomweb import DicomWeb
from services.imaging.jobs import JobFailed
from services.imaging.masks import dicom_seg, nifti_mask
from services.imaging.models import AnalysisJob
from services.imaging.report import report_bundle
from shared.settings import Settings

DICOM = "application/dicom"
NIFTI_GZ = "application/gzip"


class AnalysisWork:
    """The job runner's work function."""

    def __init__(self, settings: Settings, jobs_dir: Path) -> None:
        self.settings = settings
        self.jobs_dir = jobs_dir
        self.dicomweb = DicomWeb(settings)
        self.slots = asyncio.Semaphore(settings.imaging_concurrency)  # analyses at once
        self.retrievals = asyncio.Semaphore(settings.dicomweb_retrievals)
        morphology.set_threads(settings.imaging_analysis_threads)  # the distance transforms' (Imaging 87)

    async def __call__(self, job: AnalysisJob, progress: Callable[[str, int], None]) -> tuple[dict, str | None]:
        await self.retrieve(job, progress)
        async with self.analysis_slot(progress):
            return await asyncio.to_thread(self.run, job, progress)

    def analysis_slot(self, progress: Callable[[str, int], None]) -> asyncio.Semaphore:
        if self.slots.locked():
            progress("waiting", 5)
        return self.slots

    async def retrieve(self, job: AnalysisJob, progress: Callable[[str, int], None]) -> None:
        """A DICOMweb job's series, into its input folder (nothing to do for uploads)."""
        if job.input_kind != "dicomweb":
            return
        progress("retrieving", 2)
        ref = job.source["dicomweb"]
        async with self.retrievals:
            await self.dicomweb.retrieve(ref["url"], ref["studyInstanceUid"], ref["seriesInstanceUid"],
                                         self.jobs_dir / job.id / "input")

    def run(self, job: AnalysisJob, progress: Callable[[str, int], None]) -> tuple[dict, str | None]:
        """The analysis of input in the job's folder (a DICOMweb series retrieved by `retrieve`)."""
        folder = self.jobs_dir / job.id
        inputs = folder / "input"
        if job.input_kind == "dicomweb":
            paths = sorted(inputs.glob("*.dcm"))
        else:
            paths = [inputs / name for name in job.source["files"]]
        progress("loading", 10)
        try:
            limit = self.settings.imaging_max_voxels
            volume = load_nifti(paths[0], limit) if job.input_kind == "nifti" else \
                load_dicom_series(paths, limit, self.settings.imaging_max_compression_ratio)
        except InputError as exc:
            raise JobFailed(str(exc)) from None
        findings = find_lesions(volume, lambda stage, percent: progress(stage, 15 + int(percent * 0.7)))
        progress("reporting", 90)
        bundle = report_bundle(volume, findings, self.settings.canonical_base, job.source.get("subject"),
                               job.imaging_study)
        if not findings.lesions:
            return bundle, None
        seg = dicom_seg(volume, findings, volume.source_files or paths) if volume.source == "dicom" else None
        if seg is not None:
            (folder / "lesions.dcm").write_bytes(seg)
            return bundle, DICOM
        mask = nifti_mask(volume, findings)
        assert mask is not None  # there are lesions
        (folder / "lesions.nii.gz").write_bytes(mask)
        return bundle, NIFTI_GZ
