"""The imaging report as a radiologist and a FHIR client read it: key images (two windows, true
aspect ratio, orientation, outlines, honest plane names), honest metadata (preliminary until
reviewed, effective = when the scan was taken, standard codes beside the project's), the mask with
one segment per lesion and none without lesions, and a reviewer confirming the report in intake."""

import dataclasses
import io
import shutil
import xml.etree.ElementTree as ET

import httpx
import numpy as np
import pydicom
import pytest
from fhir.resources.R4B import get_fhir_model_class
from PIL import Image
from pydicom.sr._concepts_dict import concepts as dicom_concepts

from services.classifier.codesystems import render_codesystem
from services.imaging import key_images as ki
from services.imaging.analysis import Volume, find_lesions, load_dicom_series, load_nifti
from services.imaging.analysis.lesions import SITE_LANDMARKS, Findings, Lesion
from services.imaging.body_sites import SNOMED_CT, _sites
from services.imaging.masks import dicom_seg, nifti_mask
from services.imaging.models import AnalysisJob
from services.imaging.pipeline import AnalysisWork
from services.imaging.report import ACQUISITION_UNKNOWN, REPORT_CODE, REPORT_LOINC, report_bundle
from services.imaging.writeback import IDENTIFIER_SYSTEM, writeback_bundle
from shared.settings import Settings
from tests.imaging import phantom
from tests.imaging.fixtures import NIFTI, SERIES
from tests.intake.fhir_data import FHIR, create, imaging_study, patient
from tests.support.narrative import XHTML, checked_narrative

BASE = "http://calcinosis.example.org/fhir"
ACQUIRED = "2022-12-08T14:03:52Z"


@pytest.fixture(scope="module")
def analysed() -> tuple[Volume, Findings]:
    volume = phantom.implant(load_nifti(NIFTI), phantom.acceptance_lesions())
    return volume, find_lesions(volume)


@pytest.fixture(scope="module")
def series(analysed, tmp_path_factory) -> tuple[Volume, Findings, list]:
    paths = phantom.write_dicom_series(analysed[0], tmp_path_factory.mktemp("series"))
    volume = load_dicom_series(paths)
    return volume, find_lesions(volume), paths


def no_lesion(volume: Volume) -> Findings:
    return Findings([], np.zeros(volume.hu.shape, np.int16), 0, False, [])


def volume_with(shape, spacing, rotation=None, hu=None) -> Volume:
    affine = np.eye(4)
    affine[:3, :3] = (np.eye(3) if rotation is None else rotation) @ np.diag(spacing)
    hu = np.full(shape, 40, np.int16) if hu is None else hu
    return Volume(hu=hu, affine=affine, patient_position="HFS", source="nifti")


def rotation_about_x(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    return np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])


def pixels(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "P"
    return np.asarray(image)


# ---- key images ---------------------------------------------------------------------------------
def test_an_axial_and_a_coronal_image_per_lesion_each_in_two_windows(analysed):
    volume, findings = analysed
    images = ki.key_images(volume, findings)
    assert len(images) == 2 * len(findings.lesions) == 6
    for n in range(1, len(findings.lesions) + 1):
        (axial_title, axial), (coronal_title, coronal) = images[2 * (n - 1): 2 * n]
        assert axial_title.startswith(f"Axial section through lesion {n} (")
        assert coronal_title.startswith(f"Coronal section through lesion {n} (")
        for png in (axial, coronal):
            assert len(png) < 300_000
            image = pixels(png)
            half = (image.shape[1] - 4) // 2  # soft-tissue panel, 4 px gap, bone panel
            colour = ki.GREY_LEVELS + n - 1
            # The lesion is outlined in its colour in both windows.
            assert (image[:, :half] == colour).sum() > 20 and (image[:, half + 4:] == colour).sum() > 20
            # Same geometry, different windows: the panels' greys differ.
            assert not np.array_equal(image[ki.HEADER_PX:, :half], image[ki.HEADER_PX:, half + 4:2 * half + 4])


def test_the_patients_left_is_on_the_images_right_and_the_head_at_the_top(analysed):
    volume, findings = analysed
    # the left gluteal lesion, found by where it was implanted (the lesions are listed by volume, and the
    # right-sided cluster is within a percent of it)
    where = np.array(phantom.acceptance_lesions()[1].centre_voxel)
    number = int(np.argmin([np.linalg.norm(np.array(found.centroid_voxel) - where) for found in findings.lesions]))
    lesion = findings.lesions[number]
    assert lesion.laterality == "left"
    axial = ki.section(volume, findings.labels, "Axial", lesion.centroid_voxel)
    coronal = ki.section(volume, findings.labels, "Coronal", lesion.centroid_voxel)
    assert np.allclose(axial.col_dir, [1, 0, 0]) and np.allclose(axial.row_dir, [0, 1, 0])
    assert np.allclose(coronal.col_dir, [1, 0, 0]) and np.allclose(coronal.row_dir, [0, 0, -1])
    assert [ki.direction_letters(v) for v in (-axial.col_dir, axial.col_dir, -axial.row_dir, axial.row_dir)] == \
        ["R", "L", "A", "P"]
    assert [ki.direction_letters(v) for v in (-coronal.row_dir, coronal.row_dir)] == ["S", "I"]
    # The left-sided lesion lies in the right half of the rendered soft-tissue panel (its axial image: two per lesion).
    image = pixels(ki.key_images(volume, findings)[2 * number][1])
    half = (image.shape[1] - 4) // 2
    colour = ki.GREY_LEVELS + number % len(ki.LESION_COLOURS)  # its outline's, as numbered in the report
    columns = np.nonzero((image[:, :half] == colour).any(axis=0))[0]
    assert columns.min() > half / 2


def test_reformats_keep_their_true_aspect_ratio():
    # The sample series: 512 x 512 x 20 at 0.98 x 0.98 x 2 mm; its coronal slab is 500 mm x 40 mm.
    sample = load_dicom_series(SERIES)
    section = ki.section(sample, no_lesion(sample).labels, "Coronal", tuple(s // 2 for s in sample.hu.shape))
    width, height, pixel_mm = ki._display_size(section)
    assert width == ki.PANEL_PX and height == pytest.approx(ki.PANEL_PX * 40 / 500, abs=1)
    assert width * pixel_mm == pytest.approx(500, rel=0.01)
    # Thick slices: the coronal image of a 100 x 100 x 100 mm block is square.
    block = volume_with((200, 200, 25), (0.5, 0.5, 4.0))
    width, height, _ = ki._display_size(ki.section(block, no_lesion(block).labels, "Coronal", (100, 100, 12)))
    assert width == height == ki.PANEL_PX
    image = pixels(ki.key_images(block, no_lesion(block))[1][1])
    assert image.shape == (ki.HEADER_PX + ki.PANEL_PX, 2 * ki.PANEL_PX + 4)


@pytest.mark.parametrize("degrees,axial_name", [(0, "Axial"), (8, "Axial"), (25, "Oblique (voxel plane)"),
                                                 (45, "Oblique (voxel plane)")])
def test_planes_are_named_as_they_are(degrees, axial_name):
    volume = volume_with((40, 40, 30), (1.0, 1.0, 1.0), rotation_about_x(degrees))
    images = ki.key_images(volume, no_lesion(volume))
    titles = [title for title, _ in images]
    assert titles[0].startswith(f"{axial_name} section through the middle of the volume (no lesion)")
    assert titles[1].startswith("Coronal" if degrees < 10 else "Oblique (voxel plane)")
    assert images[0][1] != images[1][1]  # two different voxel planes, even at 45 degrees
    if degrees == 25:  # the oblique image's edges say where they lean to
        section = ki.section(volume, no_lesion(volume).labels, "Axial", (20, 20, 15))
        assert ki.direction_letters(section.row_dir) == "PS"


def test_without_lesions_one_overview_through_the_middle(analysed):
    volume, _ = analysed
    images = ki.key_images(volume, no_lesion(volume))
    assert [title.split(";")[0] for title, _ in images] == [
        "Axial section through the middle of the volume (no lesion)",
        "Coronal section through the middle of the volume (no lesion)"]


def test_a_large_ct_gives_two_images_for_each_of_the_four_largest_lesions():
    rng = np.random.default_rng(0)
    big = volume_with((512, 512, 400), (0.8, 0.8, 1.0), hu=rng.integers(-1000, 1500, (512, 512, 400), dtype=np.int16))
    labels = np.zeros(big.hu.shape, np.int16)
    lesions = []
    for n in range(1, 5):
        labels[100 * n:100 * n + 40, 200:240, 180:220] = n
        lesions.append(Lesion("left", 32, 32, 40, 50, 50, 10, 600, 900, 3, "lobulated-cloudlike", False, False,
                              None, "hip-gluteal", (100 * n + 20, 220, 200), 12.0))
    # Rendering these took about 0.6 s here (noise is the worst case for PNG); no test times it.
    images = ki.key_images(big, Findings(lesions, labels, 0, False, []))
    assert len(images) == 8


# ---- metadata and codes -------------------------------------------------------------------------
def observations_of(bundle: dict) -> tuple[dict, list[dict]]:
    get_fhir_model_class("Bundle").model_validate(bundle)
    report, *observations = [e["resource"] for e in bundle["entry"]]
    return report, observations


def test_an_unreviewed_report_is_preliminary_and_dated_when_the_scan_was_taken(analysed):
    volume, findings = analysed
    report, observations = observations_of(report_bundle(dataclasses.replace(volume, acquired=ACQUIRED), findings,
                                                         BASE, "Patient/p1", "ImagingStudy/s1"))
    for resource in (report, *observations):
        assert resource["status"] == "preliminary"
        assert resource["effectiveDateTime"] == ACQUIRED
        assert resource["issued"] != ACQUIRED and resource["issued"].endswith("Z")
    assert ACQUISITION_UNKNOWN not in report["conclusion"]
    assert report["code"]["coding"] == [
        {"system": f"{BASE}/CodeSystem/calcinosis-finding", "code": REPORT_CODE,
         "display": "CT soft-tissue calcification analysis"},
        {"system": "http://loinc.org", "code": "25045-6", "display": "CT Unspecified body region"}]
    assert len(report["presentedForm"]) == 6


def test_without_an_acquisition_time_there_is_no_effective_time_and_the_report_says_so(analysed):
    volume, findings = analysed
    assert volume.acquired is None
    report, observations = observations_of(report_bundle(volume, findings, BASE, None, None))
    assert all("effectiveDateTime" not in r and "effectivePeriod" not in r for r in (report, *observations))
    assert ACQUISITION_UNKNOWN in report["conclusion"]


def test_the_report_has_a_narrative_with_the_conclusion_and_a_table_of_lesions(analysed):
    volume, findings = analysed
    report, observations = observations_of(report_bundle(volume, findings, BASE, None, None))
    words = checked_narrative(report)
    assert f"Conclusion: {' '.join(report['conclusion'].split())}" in words
    rows = [[cell.text for cell in row] for row in ET.fromstring(report["text"]["div"]).iter(f"{XHTML}tr")][1:]
    assert len(rows) == len(observations) == len(findings.lesions) > 1
    for n, (row, observation) in enumerate(zip(rows, observations, strict=True), 1):
        values = {c["code"]["coding"][0]["code"]: c.get("valueQuantity") for c in observation["component"]}
        assert row[0] == str(n) and row[1] == "hip gluteal"
        assert row[3] == f"{values['largest-diameter']['value']:.0f}" and row[4] == f"{values['volume']['value']:.1f}"
    empty, _ = observations_of(report_bundle(volume, no_lesion(volume), BASE, None, None))
    assert "<table" not in empty["text"]["div"] and "No soft-tissue calcified mass" in checked_narrative(empty)


def test_body_sites_carry_snomed_ct_and_the_volumes_are_split(analysed):
    volume, findings = analysed
    _, observations = observations_of(report_bundle(volume, findings, BASE, None, None))
    for observation, lesion in zip(observations, findings.lesions, strict=True):
        assert observation["bodySite"]["coding"] == [
            {"system": f"{BASE}/CodeSystem/calcinosis-site", "code": "hip-gluteal"},
            {"system": SNOMED_CT, "code": "29836001", "display": "Hip region structure"}]
        values = {c["code"]["coding"][0]["code"]: c.get("valueQuantity") for c in observation["component"]}
        for code, value in (("volume", lesion.volume_ml), ("fluid-volume", lesion.fluid_volume_ml),
                            ("mass-volume", lesion.mass_volume_ml)):
            assert values[code] == {"value": round(value, 1), "unit": "mL", "system": "http://unitsofmeasure.org",
                                    "code": "mL"}
    cystic = max(findings.lesions, key=lambda lesion: lesion.fluid_volume_ml)
    assert cystic.fluid_calcium_level and cystic.fluid_volume_ml > 0.5  # the loculi with fluid levels


def _verhoeff_valid(number: str) -> bool:
    """SNOMED CT identifiers end in a Verhoeff check digit: a typo in a copied code fails it."""
    d = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
         [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
         [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
         [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
    p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
    for _ in range(6):  # p[i] is p[1] applied i times
        p.append([p[1][p[-1][j]] for j in range(10)])
    check = 0
    for i, digit in enumerate(reversed(number)):
        check = d[check][p[i % 8][int(digit)]]
    return check == 0


def test_the_site_codes_are_the_projects_and_checked_against_dicom():
    sites = {c["code"] for c in render_codesystem("calcinosis-site", BASE)["concept"]}
    by_code = {code: meanings for entries in dicom_concepts["SCT"].values() for code, (meanings, _) in entries.items()}
    mapped = _sites()
    assert set(mapped) <= sites
    assert {site for _, site, _ in SITE_LANDMARKS} <= set(mapped)  # every site the analysis can claim
    assert not {"other", "palm-sole", "paravertebral", "sacrum"} & set(mapped)  # none verified: none sent
    for site, snomed in mapped.items():
        assert _verhoeff_valid(snomed["code"]), site
        if snomed["code"] in by_code:  # DICOM PS3.16 (CID 4031 ...) knows all but elbow and ankle regions
            assert by_code[snomed["code"]].split()[0].lower() in snomed["display"].lower(), site
    assert {site for site, s in mapped.items() if s["code"] not in by_code} == {"elbow", "ankle"}


def test_the_report_code_and_the_added_components_are_published():
    loinc = {code: meaning for entries in dicom_concepts["LN"].values() for code, (meaning, cids) in entries.items()
             if 7000 in cids}
    assert loinc[REPORT_LOINC["code"]] == "CT Report"  # DICOM CID 7000, Diagnostic Imaging Report Document Titles
    findings = {c["code"] for c in render_codesystem("calcinosis-finding", BASE)["concept"]}
    assert {REPORT_CODE, "fluid-volume"} <= findings


# ---- the mask -----------------------------------------------------------------------------------
def test_the_seg_has_one_segment_per_lesion(series):
    import highdicom

    volume, findings, paths = series
    assert len(findings.lesions) == 3
    seg = highdicom.seg.Segmentation.from_dataset(pydicom.dcmread(io.BytesIO(dicom_seg(volume, findings, paths))))
    assert seg.number_of_segments == 3
    for number in (1, 2, 3):
        description = seg.get_segment_description(number)
        assert description.segment_label == f"Lesion {number}"
        assert (description.segmented_property_category.value, description.segmented_property_type.value) == \
            ("49755003", "4147007")  # Morphologically abnormal structure / Mass (SNOMED CT, DICOM CID 7150/7159)
        assert [region.value for region in description.anatomic_regions] == ["29836001"]
    counts = np.zeros(4, int)
    for k in np.nonzero(findings.labels.any(axis=(0, 1)))[0]:
        frames = seg.get_pixels_by_source_instance(source_sop_instance_uids=[volume.slice_sop_uids[k]],
                                                   segment_numbers=[1, 2, 3])[0]
        for number in (1, 2, 3):
            assert np.array_equal(frames[:, :, number - 1] > 0, findings.labels[:, :, k].T == number), (k, number)
            counts[number] += int((frames[:, :, number - 1] > 0).sum())
    assert list(counts[1:]) == [int((findings.labels == n).sum()) for n in (1, 2, 3)]


def test_no_mask_is_made_when_nothing_was_found(series, tmp_path):
    volume, _, paths = series
    assert dicom_seg(volume, no_lesion(volume), paths) is None
    assert nifti_mask(volume, no_lesion(volume)) is None
    # The job: the untouched CT gives a report and no mask file.
    (tmp_path / "job-0" / "input").mkdir(parents=True)
    shutil.copy(NIFTI, tmp_path / "job-0" / "input" / "ct.nii.gz")
    job = AnalysisJob(id="job-0", state="running", input_kind="nifti", source={"files": ["ct.nii.gz"]},
                      created_ms=0, updated_ms=0)
    bundle, media_type = AnalysisWork(Settings(data_dir=tmp_path), tmp_path).run(job, lambda stage, percent: None)
    assert media_type is None and len(bundle["entry"]) == 1
    assert not list((tmp_path / "job-0").glob("lesions.*"))


# ---- review: a person confirms the report in intake ---------------------------------------------
@pytest.fixture
async def intake(tmp_path):
    from services.intake.main import create_app

    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}",
                        validation_workers=0)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            yield client


async def test_a_reviewer_confirms_the_report_by_updating_it_in_intake(intake, analysed):
    volume, findings = analysed
    subject = f"Patient/{(await create(intake, patient()))['id']}"
    study = f"ImagingStudy/{(await create(intake, imaging_study(subject)))['id']}"
    job = AnalysisJob(id="job-r", state="done", input_kind="nifti", source={"files": [], "subject": subject},
                      imaging_study=study, created_ms=0, updated_ms=0,
                      report=report_bundle(dataclasses.replace(volume, acquired=ACQUIRED), findings, BASE, subject,
                                           study))
    stored = await intake.post("/fhir", json=writeback_bundle(job), headers=FHIR)
    assert stored.status_code == 200, stored.text

    # The reviewer finds the unreviewed report, reads it with its version ...
    found = (await intake.get("/fhir/DiagnosticReport", params={"subject": subject, "status": "preliminary"})).json()
    assert found["total"] == 1
    report_id = found["entry"][0]["resource"]["id"]
    read = await intake.get(f"/fhir/DiagnosticReport/{report_id}")
    etag, report = read.headers["etag"], read.json()
    assert report["status"] == "preliminary" and report["identifier"] == [{"system": IDENTIFIER_SYSTEM,
                                                                          "value": "job-r"}]
    # ... and confirms it: final, naming who interpreted it, under If-Match so no change is lost.
    confirmed = {**report, "status": "final",
                 "resultsInterpreter": [{"reference": "Practitioner/rad-1", "display": "Dr A. Radiologist"}]}
    answer = await intake.put(f"/fhir/DiagnosticReport/{report_id}", json=confirmed,
                              headers={**FHIR, "If-Match": etag})
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "final" and answer.json()["meta"]["versionId"] == "2"
    stale = await intake.put(f"/fhir/DiagnosticReport/{report_id}", json=confirmed,
                             headers={**FHIR, "If-Match": etag})
    assert stale.status_code == 412
    final = (await intake.get("/fhir/DiagnosticReport", params={"subject": subject, "status": "final"})).json()
    assert final["total"] == 1 and final["entry"][0]["resource"]["effectiveDateTime"] == ACQUIRED
