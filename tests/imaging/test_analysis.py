"""The CT analysis core: loading (NIfTI, DICOM) and finding tumoral calcinosis masses.

Lesions with known truth are implanted into the real abdomen-pelvis CT (tests/imaging/phantom.py):
a cluster of dense nodules (right gluteal), cystic loculi with calcium-fluid levels (left gluteal)
and a mass touching the right greater trochanter. The same phantom written as a DICOM series must
give the same answer, and so must the phantom implanted into the CT resampled to 1.5 mm (where the
analysis averages voxels onto its grid and measures at the CT's resolution). The untouched CT
(metal by the left hip, vascular calcifications) has none.
"""

import dataclasses
import shutil

import nibabel
import numpy as np
import pydicom
import pytest
from pydicom.encaps import encapsulate

from services.imaging.analysis import InputError, Volume, find_lesions, load_dicom_series, load_nifti, morphology
from services.imaging.analysis import grid as grid_module
from services.imaging.analysis import lesions as analysis
from services.imaging.analysis.lesions import Findings, Lesion
from tests.imaging import phantom
from tests.imaging.fixtures import NIFTI, SERIES

SOURCES = ["nifti", "dicom"]


# ---- shared, built once per module -------------------------------------------------------------
@pytest.fixture(scope="module")
def ct() -> Volume:
    return load_nifti(NIFTI)


@pytest.fixture(scope="module")
def untouched(ct):
    stages = []
    findings = find_lesions(ct, lambda stage, percent: stages.append((stage, percent)))
    return findings, stages


@pytest.fixture(scope="module")
def implanted(ct):
    specs = phantom.acceptance_lesions()
    return specs, phantom.implant(ct, specs)


@pytest.fixture(scope="module")
def analysed(implanted, tmp_path_factory) -> dict[str, tuple[Volume, Findings]]:
    specs, volume = implanted
    series = load_dicom_series(phantom.write_dicom_series(volume, tmp_path_factory.mktemp("phantom_dicom")))
    return {"nifti": (volume, find_lesions(volume)), "dicom": (series, find_lesions(series))}


@pytest.fixture(scope="module")
def fine(ct) -> tuple[list[phantom.LesionSpec], Volume, Findings]:
    """The acceptance phantom implanted into the CT resampled to 1.5 mm."""
    resampled = phantom.resampled(ct, 2)
    specs = phantom.on_grid_of(phantom.acceptance_lesions(), ct, resampled)
    volume = phantom.implant(resampled, specs)
    return specs, volume, find_lesions(volume)


@pytest.fixture(scope="module")
def real_series() -> Volume:
    return load_dicom_series(SERIES)


def centre_mm(volume: Volume, lesion: Lesion) -> np.ndarray:
    return volume.affine[:3, :3] @ np.array(lesion.centroid_voxel, float) + volume.affine[:3, 3]


def match(volume: Volume, findings: Findings, spec: phantom.LesionSpec) -> Lesion:
    distances = [np.linalg.norm(centre_mm(volume, lesion) - spec.centre_mm) for lesion in findings.lesions]
    assert distances, f"{spec.name}: no lesion found"
    best = int(np.argmin(distances))
    assert distances[best] < 20.0, f"{spec.name}: nearest lesion is {distances[best]:.0f} mm away"
    return findings.lesions[best]


# ---- the untouched CT ---------------------------------------------------------------------------
def test_the_untouched_ct_has_no_lesion_but_metal_and_counted_vascular_calcifications(ct, untouched):
    findings, stages = untouched
    assert findings.lesions == []
    assert findings.labels.shape == ct.hu.shape and findings.labels.dtype == np.int16
    assert not findings.labels.any()
    assert findings.metal_present
    assert findings.vascular_calcifications >= 1
    assert any("metal" in w.lower() for w in findings.warnings)
    percents = [p for _, p in stages]
    assert percents == sorted(percents) and percents[-1] == 100


# ---- the acceptance phantom, from NIfTI and from DICOM -----------------------------------------
@pytest.mark.parametrize("source", SOURCES)
def test_exactly_the_three_implanted_masses_are_found_largest_first(analysed, implanted, source):
    specs, _ = implanted
    volume, findings = analysed[source]
    assert len(findings.lesions) == len(specs)
    volumes = [lesion.volume_ml for lesion in findings.lesions]
    assert volumes == sorted(volumes, reverse=True)
    assert set(np.unique(findings.labels)) == {0, 1, 2, 3}
    for number, lesion in enumerate(findings.lesions, start=1):
        assert findings.labels[lesion.centroid_voxel] in (0, number)  # a lobulated mass may be hollow there
        assert (findings.labels == number).sum() * volume.voxel_ml == pytest.approx(
            lesion.volume_ml + lesion.fluid_volume_ml, rel=0.2)
    assert findings.metal_present


def assert_described_as_built(lesion: Lesion, spec: phantom.LesionSpec) -> None:
    assert lesion.laterality == spec.laterality
    assert lesion.volume_ml == pytest.approx(spec.calcified_ml, rel=0.10)
    assert lesion.fluid_volume_ml == pytest.approx(spec.fluid_ml, abs=max(0.25 * spec.fluid_ml, 0.5))
    measured = [lesion.extent_lr_mm, lesion.extent_ap_mm, lesion.extent_si_mm]
    assert measured == pytest.approx(list(spec.extents_mm), rel=0.15)
    assert lesion.largest_diameter_mm == pytest.approx(spec.largest_diameter_mm, rel=0.20)
    assert lesion.fluid_calcium_level is spec.fluid_level
    assert lesion.bone_contact is (spec.touch_voxel is not None)
    assert lesion.bone_erosion is False  # the trochanteric mass touches an intact cortex
    assert lesion.body_site == "hip-gluteal"
    assert lesion.pattern == "lobulated-cloudlike" and lesion.lobule_count >= 3
    assert 500 <= lesion.mean_hu <= 1100 and lesion.mean_hu < lesion.peak_hu <= 1300


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("which", [0, 1, 2], ids=["cluster", "cystic", "trochanteric"])
def test_each_implanted_mass_is_described_as_built(analysed, implanted, source, which):
    spec = implanted[0][which]
    volume, findings = analysed[source]
    assert_described_as_built(match(volume, findings, spec), spec)


@pytest.mark.parametrize("which", [0, 1, 2], ids=["cluster", "cystic", "trochanteric"])
def test_on_a_finer_ct_each_mass_is_described_as_built(fine, which):
    specs, volume, findings = fine
    assert len(findings.lesions) == len(specs)
    lesion = match(volume, findings, specs[which])
    assert_described_as_built(lesion, specs[which])
    number = findings.lesions.index(lesion) + 1
    assert (findings.labels == number).sum() * volume.voxel_ml == pytest.approx(
        lesion.volume_ml + lesion.fluid_volume_ml, rel=0.2)


def test_the_dicom_path_gives_the_same_answer(analysed):
    (_, from_nifti), (_, from_dicom) = analysed["nifti"], analysed["dicom"]
    for a, b in zip(from_nifti.lesions, from_dicom.lesions, strict=True):
        left, right = dataclasses.asdict(a), dataclasses.asdict(b)
        left.pop("centroid_voxel"), right.pop("centroid_voxel")  # the DICOM grid runs the other way
        numbers = [key for key, value in left.items() if isinstance(value, float)]
        assert [left[k] for k in numbers] == pytest.approx([right[k] for k in numbers], rel=1e-6)
        assert {k: v for k, v in left.items() if k not in numbers} == {
            k: v for k, v in right.items() if k not in numbers}
    assert from_nifti.vascular_calcifications == from_dicom.vascular_calcifications


def test_the_fluid_level_is_judged_against_gravity_from_the_patient_position(ct, implanted, analysed):
    specs, volume = implanted
    cystic = specs[1]
    on_the_left_side = find_lesions(dataclasses.replace(volume, patient_position="HFDL"))
    assert match(volume, on_the_left_side, cystic).fluid_calcium_level is False  # interface now vertical

    prone_specs = phantom.acceptance_lesions()
    prone = phantom.implant(dataclasses.replace(ct, patient_position="HFP"), prone_specs)  # sediment anterior
    findings = find_lesions(prone)
    assert match(prone, findings, prone_specs[1]).fluid_calcium_level is True
    assert match(prone, findings, prone_specs[0]).fluid_calcium_level is False


# ---- loaders --------------------------------------------------------------------------------
def test_the_real_jpeg2000_series_loads_in_position_order(real_series):
    v = real_series
    assert v.source == "dicom" and v.hu.shape == (512, 512, 20) and v.hu.dtype == np.int16
    assert v.spacing == pytest.approx([0.9765625, 0.9765625, 2.0])
    assert v.patient_position == "HFS" and v.warnings == []
    assert v.study_uid is None and v.series_uid is None and v.slice_sop_uids == [""] * 20
    positions = [float(pydicom.dcmread(p, stop_before_pixels=True).ImagePositionPatient[2]) for p in SERIES]
    assert v.affine[2, 3] == pytest.approx(min(positions)) and v.affine[2, 2] == pytest.approx(2.0)
    assert -1100 <= v.hu.min() and v.hu.max() > 1000  # rescaled to HU (air, bone)
    body = v.hu[200:300, 200:300, :]
    assert -200 < np.median(body) < 200  # soft tissue in the middle


def test_a_shuffled_file_order_gives_the_same_volume(real_series, tmp_path):
    rng = np.random.default_rng(1)
    shuffled = [SERIES[n] for n in rng.permutation(len(SERIES))]
    v = load_dicom_series(shuffled)
    assert np.array_equal(v.hu, real_series.hu) and np.allclose(v.affine, real_series.affine)


def test_the_nifti_is_converted_to_lps_with_its_scaling(ct, tmp_path):
    image = nibabel.load(NIFTI)
    assert np.allclose(ct.affine, np.diag([-1, -1, 1, 1]) @ image.affine)
    assert ct.hu.dtype == np.int16 and ct.source == "nifti" and ct.patient_position == "HFS"
    assert any("HFS" in w for w in ct.warnings)
    raw = np.asarray(image.dataobj)
    assert np.array_equal(ct.hu, raw.astype(np.int16))

    data = np.zeros((4, 5, 6), np.int16)
    data[0, 0, 0], data[1, 1, 1] = 100, 30000
    scaled = nibabel.Nifti1Image(data, np.diag([2.0, 2.0, 2.5, 1.0]))
    scaled.header.set_slope_inter(2.0, -1024.0)
    nibabel.save(scaled, tmp_path / "scaled.nii.gz")
    v = load_nifti(tmp_path / "scaled.nii.gz")
    assert v.hu[0, 0, 0] == 100 * 2 - 1024 and v.hu[2, 2, 2] == -1024
    assert v.hu[1, 1, 1] == 32767  # 58976 clipped to int16
    assert v.spacing == pytest.approx([2.0, 2.0, 2.5])


def small_volume(shape=(16, 12, 6), spacing=(1.5, 1.5, 2.5)) -> Volume:
    hu = np.full(shape, 40, np.int16)
    hu[4:8, 4:8, :] = 700
    affine = np.diag([*spacing, 1.0])
    affine[:3, 3] = (-12.0, -9.0, 100.0)
    return Volume(hu=hu, affine=affine, patient_position="HFS", source="dicom", warnings=[])


def test_a_small_written_series_round_trips(tmp_path):
    volume = small_volume()
    v = load_dicom_series(phantom.write_dicom_series(volume, tmp_path))
    assert np.array_equal(v.hu, volume.hu) and np.allclose(v.affine, volume.affine)
    assert v.study_uid and v.series_uid and len(set(v.slice_sop_uids)) == 6 and v.warnings == []


def test_any_orientation_is_ordered_along_the_normal(tmp_path):
    """A sagittal series: rows run to the back (+y), columns downwards (-z): the normal is -x."""
    paths = []
    for n, x in enumerate([30.0, 27.0, 33.0, 24.0]):  # not in position order
        ds = pydicom.dcmread(phantom.write_dicom_series(small_volume(shape=(8, 6, 2)), tmp_path / f"s{n}")[0])
        ds.ImageOrientationPatient = [0, 1, 0, 0, 0, -1]
        ds.ImagePositionPatient = [x, -50.0, 80.0]
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = "1.2.3", "1.2.3.4", "1.2.3.5"
        ds.InstanceNumber = n + 1
        paths.append(tmp_path / f"sag{n}.dcm")
        ds.save_as(paths[-1])
    v = load_dicom_series(paths)
    assert v.hu.shape == (8, 6, 4)
    assert np.allclose(v.affine[:3, 0], [0, 1.5, 0]) and np.allclose(v.affine[:3, 1], [0, 0, -1.5])
    assert np.allclose(v.affine[:3, 2], [-3.0, 0, 0]) and np.allclose(v.affine[:3, 3], [33.0, -50.0, 80.0])


def test_gantry_tilt_and_uneven_spacing_are_resampled_and_reported(tmp_path):
    volume = small_volume()
    step = np.array([0.0, 2.5 * np.tan(np.radians(15)), 2.5])
    tilted = np.array([volume.affine[:3, 3] + k * step for k in range(6)])
    v = load_dicom_series(phantom.write_dicom_series(volume, tmp_path / "tilt", positions=tilted, tilt_deg=15))
    assert any("tilt" in w.lower() for w in v.warnings)
    assert np.allclose(v.affine[:3, :3], np.diag([1.5, 1.5, 2.5]))  # resampled onto an orthogonal grid

    paths = phantom.write_dicom_series(volume, tmp_path / "gap", shuffle_seed=None)
    v = load_dicom_series(paths[:2] + paths[3:])  # one slice missing: interpolated
    assert any("uneven" in w.lower() for w in v.warnings) and v.hu.shape == volume.hu.shape
    assert not any("tilt" in w.lower() for w in v.warnings)


def modified(tmp_path, change) -> list:
    paths = phantom.write_dicom_series(small_volume(), tmp_path / "src")
    datasets = [pydicom.dcmread(p) for p in paths]
    datasets = change(datasets) or datasets
    out = []
    for n, ds in enumerate(datasets):
        out.append(tmp_path / f"m{n}.dcm")
        ds.save_as(out[-1])
    return out


def test_input_errors_say_why(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not an image\n" * 50)
    cases = {
        "not DICOM": [text] + phantom.write_dicom_series(small_volume(), tmp_path / "a"),
        "modality MR": modified(tmp_path / "b", lambda dss: [setattr(ds, "Modality", "MR") for ds in dss] and None),
        "single slice": phantom.write_dicom_series(small_volume(), tmp_path / "c")[:1],
        "mix": (phantom.write_dicom_series(small_volume(), tmp_path / "d")[:3]
                + phantom.write_dicom_series(small_volume(), tmp_path / "e")[3:]),
        "No files": [],
    }
    for fragment, paths in cases.items():
        with pytest.raises(InputError, match=fragment):
            load_dicom_series(paths)


def test_truncated_or_undecodable_pixel_data_is_an_input_error(tmp_path):
    paths = phantom.write_dicom_series(small_volume(), tmp_path / "t")
    paths[2].write_bytes(paths[2].read_bytes()[:-300])  # the end of the pixel data is lost
    with pytest.raises(InputError, match="file 3 cannot be decoded"):
        load_dicom_series(paths)

    folder = tmp_path / "j2k"
    folder.mkdir()
    copies = [shutil.copy(p, folder / p.name) for p in SERIES[:3]]
    broken = pydicom.dcmread(copies[1])
    broken.PixelData = encapsulate([b"\xff\x4f\xff\x51" + bytes(200)])  # a JPEG 2000 start, then junk
    broken.save_as(copies[1])
    with pytest.raises(InputError, match="cannot be decoded"):
        load_dicom_series(copies)


def test_a_float_nifti_is_rounded_and_clipped_and_its_gaps_read_as_the_lowest_value(tmp_path):
    data = np.full((4, 5, 6), 40.4, np.float32)
    data[0, 0, 0], data[1, 1, 1], data[2, 2, 2], data[3, 3, 3] = np.nan, 1e6, -1e6, 99.6
    nibabel.save(nibabel.Nifti1Image(data, np.eye(4)), tmp_path / "float.nii.gz")
    v = load_nifti(tmp_path / "float.nii.gz")
    assert v.hu.dtype == np.int16 and v.hu[1, 0, 0] == 40 and v.hu[3, 3, 3] == 100
    assert (v.hu[0, 0, 0], v.hu[1, 1, 1], v.hu[2, 2, 2]) == (-32768, 32767, -32768)


def test_a_broken_nifti_is_an_input_error(tmp_path):
    broken = tmp_path / "broken.nii.gz"
    broken.write_bytes(NIFTI.read_bytes()[:200])
    with pytest.raises(InputError, match="NIfTI"):
        load_nifti(broken)
    flat = tmp_path / "flat.nii.gz"
    nibabel.save(nibabel.Nifti1Image(np.zeros((8, 8, 1), np.int16), np.eye(4)), flat)
    with pytest.raises(InputError, match="at least 2 slices"):
        load_nifti(flat)


def synthetic_body(shape=(80, 60, 50), spacing=2.0) -> tuple[Volume, np.ndarray]:
    """Soft tissue (40 HU) in an elliptic body, air around, no bone: (volume, LPS mm of voxels)."""
    affine = np.diag([spacing, spacing, spacing, 1.0])
    affine[:3, 3] = -(np.array(shape) - 1) / 2 * spacing
    i, j, k = np.indices(shape)
    xyz = np.stack([i, j, k], -1) * spacing + affine[:3, 3]
    hu = np.where((xyz[..., 0] / 75) ** 2 + (xyz[..., 1] / 55) ** 2 <= 1, 40, -1000).astype(np.int16)
    return Volume(hu=hu, affine=affine, patient_position="HFS", source="nifti", warnings=[]), xyz


def test_a_single_ovoid_is_not_lobulated_and_a_long_band_is_tubular_away_from_bone():
    volume, xyz = synthetic_body()
    ovoid = ((xyz[..., 0] - 35) / 14) ** 2 + ((xyz[..., 1] - 5) / 9) ** 2 + (xyz[..., 2] / 9) ** 2 <= 1
    band = ((xyz[..., 0] + 35) ** 2 + (xyz[..., 1] - 5) ** 2 <= 4 ** 2) & (np.abs(xyz[..., 2]) <= 40)
    volume.hu[ovoid], volume.hu[band] = 800, 900
    findings = find_lesions(volume)
    assert [lesion.laterality for lesion in findings.lesions] == ["left", "right"]
    single, tube = findings.lesions
    assert single.pattern == "amorphous" and single.lobule_count <= 2
    assert single.volume_ml == pytest.approx(4 / 3 * np.pi * 14 * 9 * 9 / 1000, rel=0.2)
    assert tube.pattern == "tubular-band"
    assert tube.extent_si_mm == pytest.approx(80, rel=0.15)
    for lesion in findings.lesions:
        assert lesion.body_site == "other" and lesion.bone_contact is False and lesion.fluid_calcium_level is False
    assert not findings.metal_present and findings.vascular_calcifications == 0


def test_a_mass_as_big_as_a_bone_on_its_own_is_still_a_mass(ct):
    spec = phantom.big_cluster()
    volume = phantom.implant(ct, [spec])
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1
    lesion = findings.lesions[0]
    assert spec.volume_ml > 60 and lesion.volume_ml == pytest.approx(spec.calcified_ml, rel=0.1)
    assert lesion.laterality == "left" and lesion.pattern == "lobulated-cloudlike" and not lesion.bone_contact
    measured = [lesion.extent_lr_mm, lesion.extent_ap_mm, lesion.extent_si_mm]
    assert measured == pytest.approx(list(spec.extents_mm), rel=0.15)


def test_a_mass_that_has_scalloped_the_femur_erodes_it_and_one_on_intact_cortex_does_not(ct):
    for notch_mm, erosion in ((8.0, True), (0.0, False)):
        spec = phantom.beside_the_trochanter(notch_mm)
        findings = find_lesions(phantom.implant(ct, [spec]))
        assert len(findings.lesions) == 1, spec.name
        lesion = findings.lesions[0]
        assert lesion.laterality == "right" and lesion.body_site == "hip-gluteal", spec.name
        assert lesion.bone_contact is True and lesion.bone_erosion is erosion, spec.name


def test_no_body_site_is_claimed_without_its_landmark(ct):
    """The hip joints are the only joints this pelvic CT shows: a mass in the back muscles at the
    kidneys' level, far from them, gets the contract's `other`, not a guessed site."""
    spec = phantom.in_the_back_muscles()
    findings = find_lesions(phantom.implant(ct, [spec]))
    assert [(lesion.laterality, lesion.body_site) for lesion in findings.lesions] == [("right", "other")]
    assert all(code in VOCABULARY_SITES for _, code, _ in analysis.SITE_LANDMARKS)
    assert analysis.SITE_NOT_SEEN in VOCABULARY_SITES


VOCABULARY_SITES = {  # calcinosis-site codes of docs/vocabulary.md
    "hip-gluteal", "thigh", "shoulder", "elbow", "forearm", "wrist", "hand", "finger", "knee", "leg", "ankle",
    "foot", "toe", "sacrum", "chest-wall", "paravertebral", "neck", "head-face", "axilla", "groin", "palm-sole",
    "other"}


# ---- analysis internals with a reference to compare with -------------------------------------
def test_the_analysis_grid_averages_blocks_and_keeps_their_peaks():
    rng = np.random.default_rng(0)
    hu = rng.integers(-1000, 3000, (13, 11, 7)).astype(np.int16)
    factors = np.array([3, 2, 4])
    padded = np.pad(hu, [(0, -n % f) for n, f in zip(hu.shape, factors, strict=True)], mode="edge")
    blocks = padded.reshape(5, 3, 6, 2, 2, 4)
    for data in (hu, np.asfortranarray(hu)):
        mean, peak = grid_module.block_stats(data, factors)
        assert np.array_equal(peak, blocks.max(axis=(1, 3, 5)))
        assert np.abs(mean - blocks.mean(axis=(1, 3, 5))).max() <= 0.5
    affine = np.diag([0.7, 0.6, 0.8, 1.0])
    affine[:3, 3] = (10.0, -20.0, 30.0)
    grid = grid_module.analysis_grid(np.zeros((20, 20, 20), np.int16), affine)
    assert list(grid.factors) == [4, 5, 3] and grid.hu.shape == (5, 4, 7)
    assert grid.affine[:3, :3] @ [0, 0, 0] + grid.affine[:3, 3] == pytest.approx([11.05, -18.8, 30.8])
    # A header's rounding never changes the blocks: 1.50005 mm voxels still pair up into 3 mm.
    rounded = grid_module.analysis_grid(np.zeros((4, 4, 4), np.int16), np.diag([1.50005, 1.49995, 3.0001, 1.0]))
    assert list(rounded.factors) == [2, 2, 1]


def test_hole_filling_in_one_pass_matches_scipy():
    from scipy import ndimage

    rng = np.random.default_rng(1)
    for _ in range(5):
        mask = ndimage.binary_opening(rng.random((14, 12, 9)) > 0.45) | (rng.random((14, 12, 9)) > 0.8)
        for structure in (None, morphology.in_plane(2), morphology.in_plane(0)):
            assert np.array_equal(morphology.fill_holes(mask, structure),
                                  ndimage.binary_fill_holes(mask, structure=structure))


def test_the_report_is_valid_fhir_and_the_seg_matches_the_labels(analysed, tmp_path):
    """The FHIR report of the phantom, and its DICOM SEG frame by frame (rows and columns not swapped)."""
    import io

    import highdicom
    import pydicom
    from fhir.resources.R4B import get_fhir_model_class

    from services.imaging.masks import dicom_seg
    from services.imaging.report import report_bundle
    from tests.imaging import phantom as phantom_module

    volume, findings = analysed["dicom"]
    bundle = report_bundle(volume, findings, "http://calcinosis.example.org/fhir", "Patient/p1", "ImagingStudy/s1")
    get_fhir_model_class("Bundle").model_validate(bundle)
    report, *observations = [e["resource"] for e in bundle["entry"]]
    assert len(observations) == len(findings.lesions) == 3 and len(report["result"]) == 3
    assert all(o["code"]["coding"][0]["code"] == "calcified-mass" for o in observations)
    components = {c["code"]["coding"][0]["code"] for c in observations[0]["component"]}
    assert {"laterality", "extent-lr", "extent-ap", "extent-si", "volume", "mean-density", "peak-density",
            "lobule-count", "pattern", "fluid-calcium-level", "bone-contact"} <= components
    assert observations[0]["bodySite"]["coding"][0]["code"] == "hip-gluteal"
    assert "3 soft-tissue calcified masses" in report["conclusion"]

    # Write the phantom again to have its files, as the job would, and build the SEG from them.
    paths = phantom_module.write_dicom_series(analysed["nifti"][0], tmp_path / "series")
    from services.imaging.analysis.loaders import load_dicom_series
    reloaded = load_dicom_series(paths)
    seg_bytes = dicom_seg(reloaded, findings, paths)
    assert seg_bytes is not None
    seg = highdicom.seg.Segmentation.from_dataset(pydicom.dcmread(io.BytesIO(seg_bytes)))
    lesion_slices = [k for k in range(findings.labels.shape[2]) if findings.labels[:, :, k].any()]
    numbers = list(range(1, len(findings.lesions) + 1))
    for k in lesion_slices[:: max(1, len(lesion_slices) // 4)]:
        frames = seg.get_pixels_by_source_instance(
            source_sop_instance_uids=[reloaded.slice_sop_uids[k]], segment_numbers=numbers)[0]
        for n in numbers:  # one segment per lesion
            assert np.array_equal(frames[:, :, n - 1] > 0, findings.labels[:, :, k].T == n), (k, n)
