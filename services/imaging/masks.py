"""The lesion mask as a file: a DICOM SEG with one segment per lesion when the input was DICOM
with SOP Instance UIDs, else a NIfTI label map. None is made when no lesion was found: an empty
mask would only say what the report already says."""

import gzip
import io
from pathlib import Path

import nibabel
import numpy as np

from services.imaging.analysis.lesions import Findings
from services.imaging.analysis.loaders import RAS_TO_LPS
from services.imaging.analysis.volume import Volume
from services.imaging.body_sites import snomed_site
from services.imaging.key_images import LESION_COLOURS

LPS_TO_RAS = RAS_TO_LPS  # negating x and y: the flip is its own inverse
TYPE_2_COPIED = ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
                 "ReferringPhysicianName", "StudyID", "AccessionNumber")
SNOMED = "SCT"
# DICOM PS3.16 CID 7150 (category) and CID 7159 (lesion segmentation types), SNOMED CT:
MORPHOLOGICALLY_ABNORMAL_STRUCTURE = ("49755003", "Morphologically Abnormal Structure")
MASS = ("4147007", "Mass")


def nifti_mask(volume: Volume, findings: Findings) -> bytes | None:
    """The lesion labels (n for the report's lesion n) as gzipped NIfTI-1, in RAS as NIfTI
    readers expect; None without lesions."""
    if not findings.lesions:
        return None
    image = nibabel.Nifti1Image(findings.labels.astype(np.int16), LPS_TO_RAS @ volume.affine)
    image.header.set_xyzt_units("mm")
    return gzip.compress(image.to_bytes(), compresslevel=6)


def _sct(code: str, meaning: str):
    from highdicom.sr.coding import CodedConcept

    return CodedConcept(code, SNOMED, meaning)


def _segment(number: int, body_site: str):
    import highdicom
    from pydicom.sr.codedict import codes

    site = snomed_site(body_site)
    red, green, blue = LESION_COLOURS[(number - 1) % len(LESION_COLOURS)]
    return highdicom.seg.SegmentDescription(
        segment_number=number, segment_label=f"Lesion {number}",
        segmented_property_category=_sct(*MORPHOLOGICALLY_ABNORMAL_STRUCTURE),
        segmented_property_type=_sct(*MASS),
        algorithm_type=highdicom.seg.SegmentAlgorithmTypeValues.AUTOMATIC,
        algorithm_identification=highdicom.AlgorithmIdentificationSequence(
            name="calcinosis-imaging", version="0.1.0", family=codes.cid7162.MorphologicalOperations),
        tracking_id=f"Lesion {number}", tracking_uid=highdicom.UID(),
        anatomic_regions=[_sct(site["code"], site["display"])] if site else None,
        display_color=highdicom.color.CIELabColor.from_rgb(red, green, blue),
    )


def dicom_seg(volume: Volume, findings: Findings, source_paths: list[Path]) -> bytes | None:
    """The lesions as a DICOM SEG referencing the analysed instances, segment n for the report's
    lesion n (so they can be told apart). None without lesions, or when the instances cannot be
    referenced (no SOP Instance UIDs, as in anonymised data), where the NIfTI mask serves."""
    import highdicom
    import pydicom

    if not findings.lesions or not volume.slice_sop_uids or not all(volume.slice_sop_uids):
        return None
    by_uid = {}
    for path in source_paths:
        dataset = pydicom.dcmread(path)
        if not dataset.get("SOPClassUID"):  # anonymisers may blank it; the file meta keeps it
            dataset.SOPClassUID = dataset.file_meta.MediaStorageSOPClassUID
        for keyword in TYPE_2_COPIED:  # the SEG copies these; DICOM lets them be empty, not absent
            if keyword not in dataset:
                setattr(dataset, keyword, "")
        by_uid[dataset.SOPInstanceUID] = dataset
    sources = [by_uid[uid] for uid in volume.slice_sop_uids]
    # A label map, frames in the order of the source instances (the volume's k axis), each
    # (Rows, Columns): the volume is indexed [column, row, slice].
    frames = np.ascontiguousarray(np.transpose(findings.labels, (2, 1, 0))).astype(np.uint16)
    seg = highdicom.seg.Segmentation(
        source_images=sources, pixel_array=frames, segmentation_type=highdicom.seg.SegmentationTypeValues.BINARY,
        segment_descriptions=[_segment(n, lesion.body_site) for n, lesion in enumerate(findings.lesions, start=1)],
        series_instance_uid=highdicom.UID(), series_number=9001, series_description="Calcified soft-tissue masses",
        sop_instance_uid=highdicom.UID(), instance_number=1, manufacturer="Calcinosis project",
        manufacturer_model_name="calcinosis-imaging", software_versions="0.1.0", device_serial_number="1",
        content_label="LESIONS",
    )
    buffer = io.BytesIO()
    seg.save_as(buffer)
    return buffer.getvalue()


# The mask's own media types, and the generic one a client may ask for instead: SDK generators that
# know only application/octet-stream for bytes (openapi-python-client) keep the download when the
# document offers it (docs/decisions.md, Imaging 30).
MASK_MEDIA_TYPES = ("application/dicom", "application/gzip")
GENERIC_BINARY = "application/octet-stream"


def _quality(accept: list[tuple[str, float]], media_type: str) -> float:
    """The q the Accept header gives media_type: its most specific matching range decides."""
    kind = media_type.split("/")[0]
    for candidate in (media_type, f"{kind}/*", "*/*"):
        qualities = [q for range_, q in accept if range_ == candidate]
        if qualities:
            return max(qualities)
    return 0.0


def served_media_type(accept_header: str | None, own: str) -> str:
    """`own` (the mask's true type) unless the Accept header prefers application/octet-stream to it.
    A header that accepts neither still gets `own` (RFC 9110 12.5.1 allows ignoring Accept)."""
    if not accept_header:
        return own
    accept = []
    for part in accept_header.split(","):
        range_, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        accept.append((range_.lower(), q))
    return GENERIC_BINARY if _quality(accept, GENERIC_BINARY) > _quality(accept, own) else own
