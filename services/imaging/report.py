"""The analysis as FHIR: one calcified-mass Observation per lesion (vocabulary.md) and a
DiagnosticReport with a conclusion and PNG key images (key_images.py); the mask file is masks.py's.

An automated result nobody has reviewed is `preliminary` (docs/decisions.md, Imaging); the
effective time is when the scan was taken, never when it was analysed (that is `issued`).
"""

import base64
import uuid
from datetime import UTC, datetime

from services.imaging.analysis.lesions import Findings, Lesion
from services.imaging.analysis.volume import Volume
from services.imaging.body_sites import SNOMED_CT, snomed_site
from services.imaging.key_images import key_images
from shared.narrative import narrative, paragraph, table

UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
HU = "[hnsf'U]"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
REPORT_CATEGORY = "http://terminology.hl7.org/CodeSystem/v2-0074"  # RAD: radiology
STATUS = "preliminary"  # until a person confirms it (README, "Imaging reports")
REPORT_CODE = "ct-calcification-analysis"  # calcinosis-finding
REPORT_TEXT = "CT soft-tissue calcification analysis"
# LOINC 25045-6 "CT Unspecified body region": the CT report document code of DICOM CID 7000
# (the service analyses whatever region was scanned). See docs/decisions.md for the checks.
REPORT_LOINC = {"system": LOINC, "code": "25045-6", "display": "CT Unspecified body region"}
ACQUISITION_UNKNOWN = "the scan's acquisition date and time are not in the input, so the report has no effective time"


def _finding(base: str, code: str) -> dict:
    return {"coding": [{"system": f"{base}/CodeSystem/calcinosis-finding", "code": code}]}


def _quantity(value: float, unit: str) -> dict:
    return {"value": round(float(value), 1), "unit": unit, "system": UCUM, "code": unit}


def lesion_components(lesion: Lesion, base: str) -> list[dict]:
    components: list[dict] = [
        {"code": _finding(base, "laterality"), "valueCodeableConcept": _finding(base, lesion.laterality)},
        {"code": _finding(base, "largest-diameter"), "valueQuantity": _quantity(lesion.largest_diameter_mm, "mm")},
        {"code": _finding(base, "extent-lr"), "valueQuantity": _quantity(lesion.extent_lr_mm, "mm")},
        {"code": _finding(base, "extent-ap"), "valueQuantity": _quantity(lesion.extent_ap_mm, "mm")},
        {"code": _finding(base, "extent-si"), "valueQuantity": _quantity(lesion.extent_si_mm, "mm")},
        {"code": _finding(base, "volume"), "valueQuantity": _quantity(lesion.volume_ml, "mL")},
        {"code": _finding(base, "fluid-volume"), "valueQuantity": _quantity(lesion.fluid_volume_ml, "mL")},
        {"code": _finding(base, "mass-volume"), "valueQuantity": _quantity(lesion.mass_volume_ml, "mL")},
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


def body_site(code: str, base: str) -> dict:
    """The project's site code, and its SNOMED CT equivalent where one was verified."""
    codings = [{"system": f"{base}/CodeSystem/calcinosis-site", "code": code}]
    site = snomed_site(code)
    if site:
        codings.append({"system": SNOMED_CT, "code": site["code"], "display": site["display"]})
    return {"coding": codings}


def lesion_observation(lesion: Lesion, base: str, subject: str | None, imaging_study: str | None,
                       effective: str | None, issued: str) -> dict:
    observation = {
        "resourceType": "Observation", "status": STATUS,
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "imaging"}]}],
        "code": _finding(base, "calcified-mass"),
        "issued": issued,
        "bodySite": body_site(lesion.body_site, base),
        "method": {"text": "Automated CT analysis (calcinosis imaging service)"},
        "component": lesion_components(lesion, base),
    }
    if effective:
        observation["effectiveDateTime"] = effective
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


def report_text(conclusion_text: str, findings: Findings) -> dict[str, str]:
    """DiagnosticReport.text: the conclusion and a table of the lesions, numbered as the key images
    and the mask number them (largest first)."""
    blocks = [paragraph(conclusion_text, "Conclusion")]
    if findings.lesions:
        blocks.append(table(
            ["Lesion", "Site", "Side", "Largest diameter (mm)", "Volume (mL)", "Mean density (HU)", "Pattern"],
            [[n, lesion.body_site.replace("-", " "), lesion.laterality, f"{lesion.largest_diameter_mm:.0f}",
              f"{lesion.volume_ml:.1f}", f"{lesion.mean_hu:.0f}", lesion.pattern.replace("-", " ")]
             for n, lesion in enumerate(findings.lesions, 1)]))
    return narrative(*blocks)


def report_bundle(volume: Volume, findings: Findings, base: str, subject: str | None,
                  imaging_study: str | None) -> dict:
    """A collection Bundle: the DiagnosticReport, then one Observation per lesion, largest first."""
    issued = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    effective = volume.acquired
    observations = [(f"urn:uuid:{uuid.uuid4()}",
                     lesion_observation(lesion, base, subject, imaging_study, effective, issued))
                    for lesion in findings.lesions]
    notes = [*volume.warnings, *findings.warnings, *([] if effective else [ACQUISITION_UNKNOWN])]
    summary = conclusion(findings, notes)
    report = {
        "resourceType": "DiagnosticReport", "status": STATUS, "text": report_text(summary, findings),
        "category": [{"coding": [{"system": REPORT_CATEGORY, "code": "RAD", "display": "Radiology"}]}],
        "code": {"coding": [{"system": f"{base}/CodeSystem/calcinosis-finding", "code": REPORT_CODE,
                             "display": REPORT_TEXT}, REPORT_LOINC], "text": REPORT_TEXT},
        "issued": issued,
        "result": [{"reference": url} for url, _ in observations],
        "conclusion": summary,
        "presentedForm": [{"contentType": "image/png", "title": title, "data": base64.b64encode(png).decode()}
                          for title, png in key_images(volume, findings)],
    }
    if effective:
        report["effectiveDateTime"] = effective
    if subject:
        report["subject"] = {"reference": subject}
    if imaging_study:
        report["imagingStudy"] = [{"reference": imaging_study}]
    if not report["result"]:
        del report["result"]
    entries = [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": report}]
    entries += [{"fullUrl": url, "resource": observation} for url, observation in observations]
    return {"resourceType": "Bundle", "type": "collection", "timestamp": issued, "entry": entries}
