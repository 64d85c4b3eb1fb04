"""The analysis as FHIR: one calcified-mass Observation per lesion (vocabulary.md), a
DiagnosticReport with a conclusion and PNG key images, and the lesion mask as a file."""

import base64
import gzip
import io
import uuid
from datetime import UTC, datetime
from pathlib import Path

import nibabel
import numpy as np
from PIL import Image

from services.imaging.analysis.lesions import Findings, Lesion
from services.imaging.analysis.volume import Volume

UCUM = "http://unitsofmeasure.org"
HU = "[hnsf'U]"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
REPORT_CATEGORY = "http://terminology.hl7.org/CodeSystem/v2-0074"  # RAD: radiology
WINDOW = (-160, 1240)  # HU shown black..white: soft tissue stays visible, calcium stands out
LPS_TO_RAS = np.diag([-1.0, -1.0, 1.0, 1.0])
TYPE_2_COPIED = ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
                 "ReferringPhysicianName", "StudyID", "AccessionNumber")


def _finding(base: str, code: str) -> dict:
    return {"coding": [{"system": f"{base}/CodeSystem/calcinosis-finding", "code": code}]}


def _quantity(value: float, unit: str) -> dict:
    return {"value": round(float(value), 1), "unit": unit, "system": UCUM, "code": unit}


def lesion_components(lesion: Lesion, base: str) -> list[dict]:
    components = [
        {"code": _finding(base, "laterality"), "valueCodeableConcept": _finding(base, lesion.laterality)},
        {"code": _finding(base, "largest-diameter"), "valueQuantity": _quantity(lesion.largest_diameter_mm, "mm")},
        {"code": _finding(base, "extent-lr"), "valueQuantity": _quantity(lesion.extent_lr_mm, "mm")},
        {"code": _finding(base, "extent-ap"), "valueQuantity": _quantity(lesion.extent_ap_mm, "mm")},
        {"code": _finding(base, "extent-si"), "valueQuantity": _quantity(lesion.extent_si_mm, "mm")},
        {"code": _finding(base, "volume"), "valueQuantity": _quantity(lesion.volume_ml, "mL")},
        {"code": _finding(base, "mean-density"), "valueQuantity": _quantity(lesion.mean_hu, HU)},
        {"code": _finding(base, "peak-density"), "valueQuantity": _quantity(lesion.peak_hu, HU)},
        {"code": _finding(base, "lobule-count"), "valueInteger": int(lesion.lobule_count)},
        {"code": _finding(base, "pattern"), "valueCodeableConcept": _finding(base, lesion.pattern)},
        {"code": _finding(base, "fluid-calcium-level"), "valueBoolean": bool(lesion.fluid_calcium_level)},
        {"code": _finding(base, "bone-contact"), "valueBoolean": bool(lesion.bone_contact)},
    ]
    if lesion.bone_erosion is not None:
        components.append({"code": _finding(base, "bone-erosion"), "valueBoolean": bool(lesion.bone_erosion)})
    return components


def lesion_observation(lesion: Lesion, base: str, subject: str | None, imaging_study: str | None,
                       effective: str) -> dict:
    observation = {
        "resourceType": "Observation", "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "imaging"}]}],
        "code": _finding(base, "calcified-mass"),
        "effectiveDateTime": effective,
        "bodySite": {"coding": [{"system": f"{base}/CodeSystem/calcinosis-site", "code": lesion.body_site}]},
        "method": {"text": "Automated CT analysis (calcinosis imaging service)"},
        "component": lesion_components(lesion, base),
    }
    if subject:
        observation["subject"] = {"reference": subject}
    if imaging_study:
        observation["derivedFrom"] = [{"reference": imaging_study}]
    return observation


def conclusion(findings: Findings, warnings: list[str]) -> str:
    if not findings.lesions:
        text = "No soft-tissue calcified mass."
    else:
        largest = findings.lesions[0]
        features = [largest.pattern.replace("-", " ")]
        if largest.fluid_calcium_level:
            features.append("fluid-calcium level (sedimentation sign)")
        if largest.bone_contact:
            features.append("in contact with bone" + (", with erosion" if largest.bone_erosion else ""))
        count = len(findings.lesions)
        text = (f"{count} soft-tissue calcified mass{'es' if count > 1 else ''}. Largest: "
                f"{largest.laterality} {largest.body_site}, {largest.largest_diameter_mm:.0f} mm, "
                f"{largest.volume_ml:.1f} mL, {largest.lobule_count} lobule(s), {', '.join(features)}.")
    text += f" Small vascular calcifications (not counted as masses): {findings.vascular_calcifications}."
    if findings.metal_present:
        text += " Metal present: it and its streak artefact were left out of the analysis."
    if warnings:
        text += " Notes: " + "; ".join(warnings) + "."
    return text


def _axis_for(affine: np.ndarray, patient_axis: int) -> tuple[int, bool]:
    """The voxel axis closest to a patient (LPS) axis, and whether it runs against it."""
    directions = affine[:3, :3] / np.linalg.norm(affine[:3, :3], axis=0)
    axis = int(np.argmax(np.abs(directions[patient_axis])))
    return axis, directions[patient_axis, axis] < 0


def _canonical(volume: Volume, array: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The array reordered to (L-R, P-A... ) = LPS index order, and the spacing in that order."""
    order, flips = [], []
    for patient_axis in range(3):
        axis, reversed_ = _axis_for(volume.affine, patient_axis)
        order.append(axis)
        flips.append(reversed_)
    out = np.transpose(array, order)
    for axis, flip in enumerate(flips):
        if flip:
            out = np.flip(out, axis)
    return out, volume.spacing[order]


def _png(image: np.ndarray, outline: np.ndarray, pixel_mm: tuple[float, float]) -> bytes:
    low, high = WINDOW
    grey = np.clip((image.astype(np.float32) - low) / (high - low) * 255, 0, 255).astype(np.uint8)
    rgb = np.repeat(grey[..., None], 3, axis=2)
    rgb[outline] = (255, 40, 40)
    picture = Image.fromarray(rgb)
    # Square pixels on screen: stretch rows and columns by their spacing.
    height, width = image.shape
    scale = 2.0
    size = (max(1, round(width * pixel_mm[1] / min(pixel_mm) * scale)),
            max(1, round(height * pixel_mm[0] / min(pixel_mm) * scale)))
    picture = picture.resize(size, Image.NEAREST)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def key_images(volume: Volume, findings: Findings) -> list[tuple[str, bytes]]:
    """Axial and coronal sections through the largest lesion, lesion outlined (radiological view:
    the patient's right on the image's left)."""
    from scipy import ndimage

    hu, spacing = _canonical(volume, volume.hu)
    labels, _ = _canonical(volume, findings.labels)
    if findings.lesions:
        mask = labels == 1
        x, y, z = (int(round(c)) for c in ndimage.center_of_mass(mask))
    else:
        mask = np.zeros_like(labels, dtype=bool)
        x, y, z = (s // 2 for s in hu.shape)
    outline = mask & ~ndimage.binary_erosion(mask)
    # LPS index order: x runs right->left, y anterior->posterior, z inferior->superior.
    axial = hu[:, :, z].T                # rows anterior->posterior, columns right->left
    axial_outline = outline[:, :, z].T
    coronal = hu[:, y, :].T[::-1]        # rows superior->inferior, columns right->left
    coronal_outline = outline[:, y, :].T[::-1]
    where = "the largest lesion" if findings.lesions else "the middle of the volume"
    return [
        (f"Axial section through {where}", _png(axial, axial_outline, (spacing[1], spacing[0]))),
        (f"Coronal section through {where}", _png(coronal, coronal_outline, (spacing[2], spacing[0]))),
    ]


def report_bundle(volume: Volume, findings: Findings, base: str, subject: str | None,
                  imaging_study: str | None) -> dict:
    """A collection Bundle: the DiagnosticReport, then one Observation per lesion, largest first."""
    effective = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    observations = [(f"urn:uuid:{uuid.uuid4()}", lesion_observation(lesion, base, subject, imaging_study, effective))
                    for lesion in findings.lesions]
    report = {
        "resourceType": "DiagnosticReport", "status": "final",
        "category": [{"coding": [{"system": REPORT_CATEGORY, "code": "RAD", "display": "Radiology"}]}],
        "code": {"text": "CT soft-tissue calcification analysis"},
        "effectiveDateTime": effective, "issued": effective.replace("Z", "+00:00"),
        "result": [{"reference": url} for url, _ in observations],
        "conclusion": conclusion(findings, [*volume.warnings, *findings.warnings]),
        "presentedForm": [{"contentType": "image/png", "title": title, "data": base64.b64encode(png).decode()}
                          for title, png in key_images(volume, findings)],
    }
    if subject:
        report["subject"] = {"reference": subject}
    if imaging_study:
        report["imagingStudy"] = [{"reference": imaging_study}]
    if not report["result"]:
        del report["result"]
    entries = [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": report}]
    entries += [{"fullUrl": url, "resource": observation} for url, observation in observations]
    return {"resourceType": "Bundle", "type": "collection", "timestamp": effective, "entry": entries}


def nifti_mask(volume: Volume, findings: Findings) -> bytes:
    """The lesion labels as gzipped NIfTI-1, in RAS as NIfTI readers expect."""
    image = nibabel.Nifti1Image(findings.labels.astype(np.int16), LPS_TO_RAS @ volume.affine)
    image.header.set_xyzt_units("mm")
    return gzip.compress(image.to_bytes(), compresslevel=6)


def dicom_seg(volume: Volume, findings: Findings, source_paths: list[Path]) -> bytes | None:
    """The lesion mask as a DICOM SEG referencing the analysed instances; None when they cannot be
    referenced (no SOP Instance UIDs, as in anonymised data), where the NIfTI mask serves."""
    import highdicom
    import pydicom
    from pydicom.sr.codedict import codes

    if not volume.slice_sop_uids or not all(volume.slice_sop_uids):
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
    # Frames in the order of the source instances (the volume's k axis), each (Rows, Columns):
    # the volume is indexed [column, row, slice].
    frames = np.stack([(findings.labels[:, :, k].T > 0) for k in range(findings.labels.shape[2])]).astype(np.uint8)
    segment = highdicom.seg.SegmentDescription(
        segment_number=1, segment_label="Calcified soft-tissue mass",
        segmented_property_category=codes.SCT.MorphologicallyAbnormalStructure,
        segmented_property_type=codes.SCT.Lesion,
        algorithm_type=highdicom.seg.SegmentAlgorithmTypeValues.AUTOMATIC,
        algorithm_identification=highdicom.AlgorithmIdentificationSequence(
            name="calcinosis-imaging", version="0.1.0", family=codes.cid7162.MorphologicalOperations),
    )
    seg = highdicom.seg.Segmentation(
        source_images=sources, pixel_array=frames, segmentation_type=highdicom.seg.SegmentationTypeValues.BINARY,
        segment_descriptions=[segment], series_instance_uid=highdicom.UID(), series_number=9001,
        sop_instance_uid=highdicom.UID(), instance_number=1, manufacturer="Calcinosis project",
        manufacturer_model_name="calcinosis-imaging", software_versions="0.1.0", device_serial_number="1",
    )
    buffer = io.BytesIO()
    seg.save_as(buffer)
    return buffer.getvalue()
