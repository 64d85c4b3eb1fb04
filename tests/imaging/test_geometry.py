"""Invariance to geometry: the same lesions give the same report (count, volumes within 5%, sites,
sides, fluid level, bone contact) whatever the slice order, patient position, pixel encoding,
spacing, tilt or obliquity, or what is refused says why. Every series is built in tmp_path from
the phantom (the acceptance lesions implanted into the real CT; tests/imaging/phantom.py).

Series on another grid (tilted, oblique, unevenly spaced) are sampled from the phantom built at
1.5 mm, as a scanner samples the patient: sampling the 3 mm phantom would blur it once before the
loader's own resampling is even tested.
"""

import nibabel
import numpy as np
import pytest

from services.imaging.analysis import InputError, Volume, find_lesions, load_dicom_series, load_nifti
from services.imaging.analysis.resample import MAX_GAP_STEPS
from services.imaging.inputs import check_dicom_headers
from services.imaging.masks import LPS_TO_RAS
from shared.errors import FHIRError
from tests.imaging import phantom
from tests.imaging import series_variants as variants
from tests.imaging.fixtures import NIFTI

MAX_VOXELS = 512 * 512 * 2048


@pytest.fixture(scope="module")
def reference() -> tuple[Volume, object]:
    """The phantom on a grid running along +x, +y, +z (the NIfTI's runs along -x, -y in LPS)."""
    implanted = phantom.implant(load_nifti(NIFTI), phantom.acceptance_lesions())
    ni, nj, _ = implanted.hu.shape
    affine = _flip(_flip(np.asarray(implanted.affine, float), 0, ni), 1, nj)
    volume = Volume(np.ascontiguousarray(implanted.hu[::-1, ::-1]), affine, "HFS", "dicom")
    return volume, find_lesions(volume)


@pytest.fixture(scope="module")
def fine() -> Volume:
    """The same lesions implanted into the CT resampled to 1.5 mm."""
    ct = load_nifti(NIFTI)
    fine_ct = phantom.resampled(ct, 2)
    return phantom.implant(fine_ct, phantom.on_grid_of(phantom.acceptance_lesions(), ct, fine_ct))


def acquired(reference: Volume, fine: Volume, **options):
    """A 3 mm series sampled from the fine phantom (by default on the reference's grid)."""
    ni, nj, nk = reference.hu.shape
    options = {"heights": np.arange(nk) * 3.0, "shape_ij": (ni, nj), "spacing_ij": (3.0, 3.0), **options}
    return variants.acquire(fine, **options)


def loaded(datasets, folder, **options) -> Volume:
    paths = variants.save(datasets, folder, **options)
    check_dicom_headers(paths, MAX_VOXELS)  # the upload's header check agrees
    return load_dicom_series(paths)


def is_orthogonal_along_patient_axes(affine: np.ndarray) -> bool:
    columns = affine[:3, :3] / np.linalg.norm(affine[:3, :3], axis=0)
    return bool(np.allclose(np.abs(columns).max(axis=0), 1.0, atol=1e-9))


# ---- exact variants: the same voxels ---------------------------------------------------------
def test_file_order_and_instance_numbers_do_not_matter(reference, tmp_path):
    volume, _ = reference
    datasets = variants.straight(volume)
    for n, ds in enumerate(datasets):
        ds.InstanceNumber = (n * 37) % len(datasets) + 1  # neither order nor numbers say the position
    first = loaded(datasets, tmp_path / "a", order_seed=1)
    second = loaded(datasets[::-1], tmp_path / "b", order_seed=2)
    assert np.array_equal(first.hu, volume.hu) and np.array_equal(second.hu, volume.hu)
    assert np.allclose(first.affine, volume.affine) and first.warnings == []


def test_signed_or_unsigned_pixels_with_an_intercept_give_the_same_hu(reference, tmp_path):
    volume, _ = reference
    signed = loaded(variants.straight(volume, signed=True), tmp_path / "signed")
    unsigned = loaded(variants.straight(volume, signed=False), tmp_path / "unsigned")  # stored + 2048, intercept -2048
    assert np.array_equal(signed.hu, volume.hu) and np.array_equal(unsigned.hu, volume.hu)


def test_padding_outside_the_field_of_view_reads_as_air(reference, tmp_path):
    volume, findings = reference
    ni, nj, _ = volume.hu.shape
    i, j = np.meshgrid(np.arange(ni), np.arange(nj), indexing="ij")
    outside = ((i - ni / 2) / (ni / 2)) ** 2 + ((j - nj / 2) / (nj / 2)) ** 2 > 1
    padded_hu = volume.hu.copy()
    padded_hu[outside] = -2000  # what a scanner stores outside its round field, as in GE's -2000
    datasets = variants.straight(Volume(padded_hu, volume.affine, "HFS", "nifti"), signed=True)
    for ds in datasets:
        ds.PixelPaddingValue = -2000
    v = loaded(datasets, tmp_path)
    expected = np.where(outside[..., None], np.int16(-1024), volume.hu)
    assert np.array_equal(v.hu, expected)
    variants.assert_same_report(findings, find_lesions(v))


def test_feet_first_with_a_mirrored_orientation_gives_the_same_report(reference, tmp_path):
    """Feet first, scanners write rows running to the patient's right and slices going down."""
    volume, findings = reference
    datasets = variants.acquire(volume, row_dir=(-1, 0, 0), col_dir=(0, 1, 0), patient_position="FFS")
    v = loaded(datasets, tmp_path)
    assert v.patient_position == "FFS" and v.warnings == []
    assert np.array_equal(v.hu, volume.hu[::-1, :, ::-1])  # the same voxels, mirrored in x and z
    variants.assert_same_report(findings, find_lesions(v))


def test_a_seventh_digit_of_rounding_changes_nothing(reference, tmp_path):
    """Positions, orientations and spacings rounded differently are the same geometry."""
    volume, _ = reference
    datasets = variants.straight(volume)
    rng = np.random.default_rng(0)
    for ds in datasets:
        ds.ImagePositionPatient = [f"{float(v) + rng.uniform(-5e-5, 5e-5):.7f}" for v in ds.ImagePositionPatient]
        ds.ImageOrientationPatient = ["0.99999999", "1e-7", "0", "-1e-7", "0.99999999", "2e-8"]
        ds.PixelSpacing = [f"{float(v) * (1 + rng.uniform(-1e-7, 1e-7)):.9f}" for v in ds.PixelSpacing]
    v = loaded(datasets, tmp_path)
    assert v.warnings == [] and np.array_equal(v.hu, volume.hu)
    assert np.allclose(v.affine, volume.affine, atol=1e-3)


def _jittered(volume: Volume, spread: float):
    """The series with its gaps alternating 3 mm x (1 + spread), 3 mm x (1 - spread)."""
    datasets = variants.straight(volume)
    for k, ds in enumerate(datasets):
        position = [float(v) for v in ds.ImagePositionPatient]
        position[2] += 3.0 * spread * (k % 2)
        ds.ImagePositionPatient = [f"{v:.6f}" for v in position]
    return datasets


@pytest.mark.parametrize("spread", [0.009, 0.011], ids=["just-under", "just-over"])
def test_either_side_of_the_spacing_tolerance_gives_the_same_volume(reference, tmp_path, spread):
    """Slice gaps off their mean by just under or just over SPACING_TOLERANCE (1%): kept, or
    resampled, the voxels differ by a few HU at most and the grid by a hundredth of a mm."""
    volume, _ = reference
    v = loaded(_jittered(volume, spread), tmp_path)
    assert bool(v.warnings) == (spread > 0.01)
    assert v.hu.shape == volume.hu.shape and np.allclose(v.affine, volume.affine, atol=0.05)
    assert np.percentile(np.abs(v.hu.astype(int) - volume.hu), 99.9) <= 30


@pytest.mark.parametrize("spread", [0.009, 0.011], ids=["just-under", "just-over"])
def test_either_side_of_the_spacing_tolerance_gives_the_same_report(reference, tmp_path, spread):
    volume, findings = reference
    variants.assert_same_report(findings, find_lesions(loaded(_jittered(volume, spread), tmp_path)))


# ---- resampled variants -----------------------------------------------------------------------
@pytest.mark.parametrize("heights", [
    np.r_[np.arange(60) * 3.0, 177 + np.arange(1, 40) * 4.0],           # 3 mm, then 4 mm from slice 61
    np.r_[0, np.cumsum(np.where(np.arange(1, 100) % 10 == 0, 4.5, 3.0))],  # every tenth gap 4.5 mm
], ids=["3-then-4-mm", "every-tenth-gap-wider"])
def test_uneven_spacing_is_resampled_onto_a_regular_grid(reference, fine, tmp_path, heights):
    volume, findings = reference
    v = loaded(acquired(volume, fine, heights=heights), tmp_path)
    assert any("Uneven slice spacing (3.00 to 4." in w and "resampled onto a regular 3.00 mm grid" in w
               for w in v.warnings)
    assert np.allclose(v.spacing, [3, 3, 3]) and is_orthogonal_along_patient_axes(v.affine)
    assert v.slice_sop_uids is None  # no slice is one instance any more: the mask is not a SEG of them
    variants.assert_same_report(findings, find_lesions(v))


def test_missing_slices_are_interpolated(reference, tmp_path):
    volume, findings = reference
    datasets = variants.straight(volume)
    kept = [ds for k, ds in enumerate(datasets) if k not in (29, 60, 61)]  # through the cystic lesion; two in a row
    v = loaded(kept, tmp_path)
    assert v.hu.shape == volume.hu.shape and np.allclose(v.affine, volume.affine)
    assert any("Uneven slice spacing (3.00 to 9.00 mm)" in w for w in v.warnings)
    variants.assert_same_report(findings, find_lesions(v))


def test_a_gap_of_more_than_a_few_slices_is_refused_with_the_reason(reference, tmp_path):
    volume, _ = reference
    gap = int(MAX_GAP_STEPS) + 1
    datasets = [ds for k, ds in enumerate(variants.straight(volume)) if not 40 <= k < 40 + gap]
    paths = variants.save(datasets, tmp_path)
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(paths, MAX_VOXELS)
    assert exc.value.status == 422 and "Slices are missing: a gap of 15.0 mm" in exc.value.issues[0].diagnostics
    with pytest.raises(InputError, match="send the complete series"):
        load_dicom_series(paths)


@pytest.mark.parametrize("planes", ["tilted", "axial"])
def test_a_gantry_tilt_is_resampled_onto_an_orthogonal_grid(reference, fine, tmp_path, planes):
    """Tilted: the image planes tilted about x, stacked along the table (how scanners write a
    tilt); axial: axial planes whose origins slide (how some converters write it)."""
    volume, findings = reference
    ni, nj, nk = volume.hu.shape
    tilt = np.radians(15.0)
    col = (0.0, np.cos(tilt), np.sin(tilt)) if planes == "tilted" else (0.0, 1.0, 0.0)
    # tilted planes cover a slanted slab: 20 more slices at each end keep the whole phantom in it
    heights = np.arange(-20, nk + 20) * 3.0 * np.cos(tilt) if planes == "tilted" else np.arange(nk) * 3.0
    datasets = acquired(volume, fine, col_dir=col, heights=heights, shear_per_mm=(0.0, np.tan(tilt)),
                        shape_ij=(ni, nj + 40), tilt_deg=15.0)
    v = loaded(datasets, tmp_path)
    assert any("Gantry tilt (15.0 deg)" in w for w in v.warnings)
    assert is_orthogonal_along_patient_axes(v.affine)
    variants.assert_same_report(findings, find_lesions(v))


def test_the_fluid_level_call_does_not_depend_on_the_grid_phase(reference, fine, tmp_path):
    volume, findings = reference
    ni, nj, nk = volume.hu.shape
    centre = fine.affine[:3, :3] @ (np.array(fine.hu.shape) - 1) / 2 + fine.affine[:3, 3]
    origin = centre - 1.5 * (np.array([ni, nj, nk]) - 1) + np.array([0.0, 2.25, 0.0])
    v = loaded(acquired(volume, fine, origin=origin), tmp_path)
    assert v.warnings == []
    variants.assert_same_report(findings, find_lesions(v))


def test_oblique_slices_are_resampled_along_the_patient_axes(reference, fine, tmp_path):
    volume, findings = reference
    angle = np.radians(20)
    row, col = (np.cos(angle), np.sin(angle), 0.0), (-np.sin(angle), np.cos(angle), 0.0)
    datasets = acquired(volume, fine, row_dir=row, col_dir=col, shape_ij=(150, 140))
    v = loaded(datasets, tmp_path)
    assert any("Oblique slices (20.0 deg" in w for w in v.warnings)
    assert is_orthogonal_along_patient_axes(v.affine)
    variants.assert_same_report(findings, find_lesions(v))


# ---- never merged -------------------------------------------------------------------------------
def _anonymised(datasets):
    for ds in datasets:
        ds.StudyInstanceUID = ds.SeriesInstanceUID = ds.FrameOfReferenceUID = ds.SOPInstanceUID = ""
    return datasets


@pytest.mark.parametrize("difference", ["thickness", "kernel", "nothing", "no numbers either"])
def test_two_reconstructions_with_empty_uids_are_never_merged(reference, tmp_path, difference):
    volume, _ = reference
    n = volume.hu.shape[2]
    fine = variants.straight(volume, thickness=3.0)
    coarse_options = {"thickness": 6.0 if difference == "thickness" else 3.0,
                      "kernel": "B70f" if difference == "kernel" else "B30f"}
    coarse = variants.acquire(volume, heights=np.arange(0, n, 2) * 3.0, **coarse_options)  # offset from the fine
    if difference == "no numbers either":  # nothing but their positions tells them apart
        for ds in fine + coarse:
            del ds.InstanceNumber, ds.SeriesNumber
    paths = variants.save(_anonymised(fine + coarse), tmp_path)
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(paths, MAX_VOXELS)
    message = exc.value.issues[0].diagnostics
    assert exc.value.status == 422
    if difference == "nothing":  # the same geometry, interleaved: told apart by their instance numbers
        assert "repeat instance numbers" in message and "more than one series" in message
    elif difference == "no numbers either":
        assert "positions interleave" in message and "more than one series" in message
    else:
        assert f"mix 2 CT series (series 1: {n} axial images 3.00 mm apart" in message
        assert f"series 2: {len(coarse)} axial images 6.00 mm apart" in message and "send one series" in message
    with pytest.raises(InputError):
        load_dicom_series(paths)


def test_scout_images_mixed_in_are_set_aside(reference, tmp_path):
    volume, _ = reference
    datasets = variants.straight(volume)
    typed = variants.acquire(volume, heights=[0.0], row_dir=(1, 0, 0), col_dir=(0, 0, -1), shape_ij=(122, 112))
    typed[0].ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"]
    untyped = variants.acquire(volume, heights=[0.0], row_dir=(0, 1, 0), col_dir=(0, 0, -1), shape_ij=(101, 112))
    v = loaded(datasets + typed + untyped, tmp_path)
    assert np.array_equal(v.hu, volume.hu)
    assert v.warnings == [("Set aside, not analysed: 1 localizer (scout), "
                           "1 single sagittal image (a localizer or key image)")]


# ---- NIfTI ---------------------------------------------------------------------------------------


def _nifti(volume: Volume, hu: np.ndarray, affine_lps: np.ndarray, path) -> Volume:
    nibabel.save(nibabel.Nifti1Image(hu, LPS_TO_RAS @ affine_lps), path)
    return load_nifti(path)


def _flip(affine: np.ndarray, axis: int, size: int) -> np.ndarray:
    flip = np.eye(4)
    flip[axis, axis], flip[axis, 3] = -1, size - 1
    return affine @ flip


@pytest.mark.parametrize("layout", ["lps", "ras", "transposed"])
def test_nifti_in_any_voxel_order_gives_the_same_report(reference, tmp_path, layout):
    """Voxels stored along L, P, S (a negative RAS diagonal), along R, A, S, or with i and j swapped."""
    volume, findings = reference
    hu, affine = volume.hu, np.asarray(volume.affine, float)
    if layout == "ras":
        hu, affine = hu[::-1, ::-1], _flip(_flip(affine, 0, hu.shape[0]), 1, hu.shape[1])
    elif layout == "transposed":  # i <-> j: a non-diagonal affine
        hu, affine = hu.transpose(1, 0, 2), affine[:, [1, 0, 2, 3]]
    v = _nifti(volume, np.ascontiguousarray(hu), affine, tmp_path / "ct.nii.gz")
    assert not any("resampled" in w for w in v.warnings)  # a permutation or flip is not oblique
    variants.assert_same_report(findings, find_lesions(v))


def _oblique_nifti(reference, fine, path) -> Volume:
    """The fine phantom sampled on a 3 mm grid turned 20 degrees about z, saved as NIfTI and loaded."""
    volume, _ = reference
    angle = np.radians(20)
    rotation = np.array([[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0], [0, 0, 1]])
    shape = (150, 140, volume.hu.shape[2])
    centre = volume.affine[:3, :3] @ (np.array(volume.hu.shape) - 1) / 2 + volume.affine[:3, 3]
    affine = np.eye(4)
    affine[:3, :3] = rotation * 3.0
    affine[:3, 3] = centre - affine[:3, :3] @ (np.array(shape) - 1) / 2
    grid = np.stack(np.meshgrid(*[np.arange(n) for n in shape], indexing="ij"), axis=-1)
    hu = variants.sample(fine, grid @ affine[:3, :3].T + affine[:3, 3])
    return _nifti(volume, hu, affine, path)


def test_an_oblique_nifti_is_resampled_along_the_patient_axes(reference, fine, tmp_path):
    v = _oblique_nifti(reference, fine, tmp_path / "oblique.nii.gz")
    assert any("Oblique slices (20.0 deg" in w for w in v.warnings) and is_orthogonal_along_patient_axes(v.affine)
    # What the loader made is what sampling the phantom directly on its grid gives, up to the
    # interpolation of an interpolated image.
    grid = np.stack(np.meshgrid(*[np.arange(n) for n in v.hu.shape], indexing="ij"), axis=-1)
    ideal = variants.sample(fine, grid @ v.affine[:3, :3].T + v.affine[:3, 3])
    body = ideal > -500
    assert np.abs(ideal[body].astype(int) - v.hu[body]).mean() < 15


def test_an_oblique_nifti_gives_the_same_report(reference, fine, tmp_path):
    _, findings = reference
    variants.assert_same_report(findings, find_lesions(_oblique_nifti(reference, fine, tmp_path / "o.nii.gz")))


def test_an_image_with_an_empty_uid_does_not_join_two_named_series_into_one(tmp_path):
    """Compared with a group's first image alone, an anonymised one listed first would let both
    named series in; a group keeps the UID its images gave."""
    hu = np.zeros((16, 12, 6), np.int16)
    volume = Volume(hu, np.diag([1.5, 1.5, 2.5, 1.0]), "HFS", "dicom")
    a, b = variants.straight(volume), variants.straight(volume)
    for ds in b:  # the same geometry half a step off, under its own UID
        ds.ImagePositionPatient = [ds.ImagePositionPatient[0], ds.ImagePositionPatient[1],
                                   float(ds.ImagePositionPatient[2]) + 1.25]
    a[0].SeriesInstanceUID = ""
    for ds in a + b:
        del ds.SeriesNumber
    paths = variants.save(a + b, tmp_path, order_seed=None)
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(paths, MAX_VOXELS)
    assert "mix 2 CT series" in exc.value.issues[0].diagnostics
