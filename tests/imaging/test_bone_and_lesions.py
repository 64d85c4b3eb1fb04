"""Bone is told from lesion by what bone is (issue: truncated humeri were called masses; masses
against the cortex were lost in the bone).

Checked on real anatomy: TotalSegmentator's reference segmentation of the sample series
(tests/data/ct/example_ct_dicom_seg.nii.gz, see SOURCE.md) labels both humeri, cut off by the
field of view, the ribs, two vertebrae and the costal cartilage; none of it may become a lesion.
"""

import nibabel
import numpy as np
import pytest

from services.imaging.analysis import Volume, find_lesions, load_dicom_series, load_nifti
from tests.imaging import phantom
from tests.imaging.fixtures import DATA, NIFTI, SERIES
from tests.imaging.lesion_generator import make_case
from tests.imaging.phantom import LesionSpec, Sphere

CALCIFIED_HU = 130
# TotalSegmentator v2 "total" classes present in the sample series that are bone or cartilage.
BONE_LABELS = {32: "vertebra T12", 33: "vertebra T11", 69: "humerus left", 70: "humerus right",
               **{n: f"rib left {n - 91}" for n in range(97, 104)},
               **{n: f"rib right {n - 103}" for n in range(109, 116)}, 117: "costal cartilages"}


@pytest.fixture(scope="module")
def ct() -> Volume:
    return load_nifti(NIFTI)


def reference_labels(volume: Volume) -> np.ndarray:
    """The reference segmentation resampled (nearest) onto the series' voxels through both
    affines: the NIfTI's rows run opposite to the DICOM rows, so indices cannot be shared."""
    seg = nibabel.load(DATA / "example_ct_dicom_seg.nii.gz")
    ijk = np.indices(volume.hu.shape).reshape(3, -1).T
    lps = ijk @ volume.affine[:3, :3].T + volume.affine[:3, 3]
    inverse = np.linalg.inv(seg.affine)
    index = np.rint((lps * [-1, -1, 1]) @ inverse[:3, :3].T + inverse[:3, 3]).astype(int)
    inside = ((index >= 0) & (index < seg.shape)).all(axis=1)
    labels = np.zeros(len(ijk), np.uint8)
    data = np.asarray(seg.dataobj)
    labels[inside] = data[tuple(index[inside].T)]
    return labels.reshape(volume.hu.shape)


def test_every_reference_bone_voxel_of_the_sample_series_stays_skeleton():
    volume = load_dicom_series(SERIES)
    findings = find_lesions(volume)
    labels = reference_labels(volume)
    assert {69, 70, 117} <= set(np.unique(labels))  # the check is on the bones it names
    for label, name in BONE_LABELS.items():
        dense = (labels == label) & (volume.hu >= CALCIFIED_HU)
        assert not (findings.labels[dense] > 0).any(), f"{name}: part of it was called a lesion"
    assert findings.lesions == []


@pytest.mark.parametrize("factor", [1, 1.5, 2])
def test_the_unmodified_pelvis_has_no_lesion_at_any_resolution(ct, factor):
    volume = phantom.resampled(ct, factor) if factor != 1 else ct
    assert find_lesions(volume).lesions == []


SITES = ["left iliac wing", "right ischium", "right femoral neck, front"]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("overlap_mm", [1.5, -3.0], ids=["overlapping-1.5mm", "3mm-away"])
def test_a_mass_overlapping_the_cortex_is_found_whole_as_one_3_mm_away_is(ct, site, overlap_mm):
    spec = phantom.against_bone(site, overlap_mm)
    volume = phantom.implant(ct, [spec])
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1, [(lesion.volume_ml, lesion.centroid_voxel) for lesion in findings.lesions]
    lesion = findings.lesions[0]
    centre = volume.affine[:3, :3] @ np.array(lesion.centroid_voxel, float) + volume.affine[:3, 3]
    assert np.linalg.norm(centre - spec.centre_mm) < 10.0
    assert lesion.volume_ml == pytest.approx(spec.calcified_ml, rel=0.1)
    assert lesion.laterality == spec.laterality
    if overlap_mm > 0:
        assert lesion.bone_contact is True


def test_header_rounding_of_the_voxel_size_changes_nothing(ct):
    """PixelSpacing 3.0001 instead of 3: no threshold may sit on a voxel's size."""
    specs = [phantom.against_bone("right ischium", 1.5), *phantom.acceptance_lesions()]
    volume = phantom.implant(ct, specs)
    answers = []
    for scale in (1.0, 1.0001 / 1.0, 3.0001 / 3.0, 2.9999 / 3.0):
        affine = volume.affine.copy()
        affine[:3, :3] *= scale
        rounded = Volume(hu=volume.hu, affine=affine, patient_position="HFS", source="nifti")
        answers.append(find_lesions(rounded).lesions)
    reference = answers[0]
    assert len(reference) == len(specs)
    for lesions in answers[1:]:
        assert len(lesions) == len(reference)
        for got, expected in zip(lesions, reference, strict=True):
            assert got.volume_ml == pytest.approx(expected.volume_ml, rel=0.01)
            assert (got.bone_contact, got.fluid_calcium_level, got.laterality) == \
                   (expected.bone_contact, expected.fluid_calcium_level, expected.laterality)


def test_a_lone_cystic_loculus_with_a_wall_fainter_than_chalk_is_a_lesion(ct):
    """A loculus on its own in the gluteal muscles (a 2 mm wall of 550 HU round fluid): its wall,
    thinner than a 3 mm voxel, never shows chalk's density, but no bone holds fluid on its own."""
    spec = LesionSpec(name="lone loculus, left gluteal", centre_voxel=(14, 31, 29), laterality="left",
                      fluid_level=False, spheres=[Sphere((0, 0, 0), 12, 550, wall_mm=2.0)])
    volume = phantom.implant(ct, [spec])
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1
    lesion = findings.lesions[0]
    centre = volume.affine[:3, :3] @ np.array(lesion.centroid_voxel, float) + volume.affine[:3, 3]
    assert np.linalg.norm(centre - spec.centre_mm) < 5.0
    assert lesion.fluid_volume_ml > 0.5 * spec.fluid_ml
    assert lesion.laterality == "left"


def _best_match(truth, findings):
    """The detection holding most of a truth lesion's voxels, and the share of them it holds."""
    inside = np.bincount(findings.labels[truth.box][truth.mask].astype(np.int64))
    inside[0] = 0
    best = int(np.argmax(inside))
    return inside[best] / truth.mask.sum(), findings.lesions[best - 1]


def test_the_middle_of_a_big_cluster_joins_its_nodules():
    """A 46 mL cluster of 30 nodules against the pelvis (generator seed 3, lesion 2, 4.7 mm
    slices): its middle, faint nodules and septa under denser ones (core 410 HU, its shell's
    denser quarter 550), is no bone; without it the mass fell apart into four small lesions."""
    case = make_case(3)
    truth = next(t for t in case.lesions if t.index == 2)
    share, found = _best_match(truth, find_lesions(case.volume))
    assert share >= 0.8
    assert found.volume_ml + found.fluid_volume_ml == pytest.approx(truth.volume_ml, rel=0.15)
    assert found.bone_contact is True


def test_a_faint_cluster_round_its_loculus_joins_its_dense_nodule():
    """A 23 mL mass moulded onto the left hip (generator seed 230, lesion 2, a tuning seed; 3 mm
    pixels, 4.8 mm slices): its faint nodules (core 361 HU, shell 374: no cortex) make one region
    that touches its loculus and a dense nodule but no bone; weighed against the loculus as if it
    were bone, it was left out and the mass measured 9% of its volume (Imaging 111)."""
    case = make_case(230)
    truth = next(t for t in case.lesions if t.index == 2)
    share, found = _best_match(truth, find_lesions(case.volume))
    assert share >= 0.8
    assert found.mass_volume_ml == pytest.approx(truth.volume_ml, rel=0.25)


def test_a_nodule_cluster_moulded_onto_the_hips_cortex_on_3_mm_voxels_is_found_in_contact():
    """A 2.6 mL cluster of nine nodules moulded onto the right hip's cortex in the pelvis CT, whose
    in-plane voxels are 3 mm (generator seed 4, lesion 1, 2.1 mm slices): on the grid, the CT's own
    voxels, the watershed finds no neck between it and the bone, so the region is the bone's and
    the mass was lost. Cut again on a copy of the bone region's box interpolated to about 1 mm in
    the plane (Imaging 91), its nodules are bulges with necks of their own and are found."""
    case = make_case(4)
    truth = next(t for t in case.lesions if t.index == 1)
    assert truth.mode == "moulding" and np.isclose(case.volume.spacing, 3.0, atol=0.05).sum() == 2
    share, found = _best_match(truth, find_lesions(case.volume))
    assert share >= 0.6
    assert found.volume_ml + found.fluid_volume_ml == pytest.approx(truth.volume_ml, rel=0.25)
    assert found.bone_contact is True


def test_a_faint_mass_against_a_marrow_cored_bone_on_3_mm_voxels_is_found():
    """A 4.0 mL faint mass moulded onto the left iliac wing of the pelvis CT (generator seed 45,
    lesion 0, a tuning seed; 3 mm pixels, 4.7 mm slices): one faint region (core about 375 HU, no
    cortex) against a bone region whose inside is marrow under the calcium threshold; on 3 mm
    voxels the cortex between is blurred into the mass, so no ridge stood between them and the
    mass stayed with the bone (Imaging 112, 126)."""
    case = make_case(45)
    truth = next(t for t in case.lesions if t.index == 0)
    assert truth.mode == "moulding" and np.isclose(case.volume.spacing, 3.0, atol=0.05).sum() == 2
    share, found = _best_match(truth, find_lesions(case.volume))
    assert share >= 0.5
    assert found.volume_ml + found.fluid_volume_ml == pytest.approx(truth.volume_ml, rel=0.25)


def test_a_rib_the_slab_cuts_off_stays_skeleton_beside_a_mass():
    """Generator seed 63 (the chest slab at 3.5 mm, a mass at the right shoulder): a region of the
    right rib cut off by the slab's face, with a core of 312 HU under a 477 HU shell, touches chalk.
    A bone going on beyond the field of view is held to the faint nodule's test (core >= 0.8 of
    its shell), not to the looser one of a region whole in the scan: no detection off the truth."""
    case = make_case(63)
    findings = find_lesions(case.volume)
    truth = np.zeros(case.volume.hu.shape, bool)
    for lesion in case.lesions:
        truth |= lesion.full_mask(truth.shape)
    for n, lesion in enumerate(findings.lesions, start=1):
        mine = findings.labels == n
        assert (mine & truth).sum() >= 0.3 * mine.sum(), f"lesion {n} of {lesion.volume_ml:.1f} mL lies off the truth"


_ARM_MM = (90.0, 90.0, 40.0)  # the arm's scan: 90 x 90 mm across, 40 mm long
_AXIS = (45.0, 45.0, 20.0)     # the humeral shaft's axis (x, y) and the scan's middle (z), mm
_SUB = 3                       # sub-samples per voxel and axis: the partial volume


def _arm(spacing: tuple[float, float, float], phase_mm: tuple[float, float, float]):
    """Sub-sample coordinates (mm) of the arm's scan on voxels of `spacing`, its grid shifted by
    `phase_mm`, the HU there (soft tissue of 40 HU round a humeral shaft: a 2.5 mm cortex of 1200 HU
    round a 60 HU marrow, 11 mm in radius, running out of both faces) and the bone's sub-samples."""
    shape = tuple(int(round(e / s)) for e, s in zip(_ARM_MM, spacing, strict=True))
    axes = [(np.arange(n * _SUB) + 0.5) / _SUB * s - s / 2 + p for n, s, p in zip(shape, spacing, phase_mm, strict=True)]
    x, y, z = np.meshgrid(*axes, indexing="ij", sparse=True)
    r = np.sqrt((x - _AXIS[0]) ** 2 + (y - _AXIS[1]) ** 2)
    hu = np.where(r <= 40.0, 40.0, -1000.0) + 0 * z
    bone = r <= 11.0
    return x, y, z, np.where(bone, np.where(r >= 8.5, 1200.0, 60.0), hu), bone


def _rendered(hu: np.ndarray, lesion: np.ndarray, spacing: tuple[float, float, float]) -> tuple[Volume, np.ndarray]:
    """The sub-sampled HU averaged into voxels of `spacing`, with noise of 12 HU, and the voxels at
    least half lesion."""
    shape = tuple(n // _SUB for n in hu.shape)
    blocks = hu.reshape(shape[0], _SUB, shape[1], _SUB, shape[2], _SUB).mean(axis=(1, 3, 5))
    share = lesion.reshape(shape[0], _SUB, shape[1], _SUB, shape[2], _SUB).mean(axis=(1, 3, 5))
    noisy = blocks + np.random.default_rng(5).normal(0.0, 12.0, shape)
    affine = np.diag([*spacing, 1.0])
    affine[:3, 3] = [-45.0, -45.0, -800.0]
    return Volume(np.rint(noisy).astype(np.int16), affine, "HFS", "dicom"), share >= 0.5


def _arm_with_humerus(nodule_hu: float | None, overlap_mm: float = 1.0) -> tuple[Volume, np.ndarray]:
    """An arm rendered on the chest slab's voxels (0.75 x 0.75 mm, 2 mm slices, 40 mm long): soft
    tissue round a humeral shaft (a 2.5 mm cortex of 1200 HU round a 60 HU marrow, 11 mm in
    radius) that runs out of both faces of the scan, and optionally a nodule of `nodule_hu` (10 mm
    in radius, 4.2 mL) lying on the cortex, overlapping it by `overlap_mm` (the bone kept).
    Partial volume by 3 x 3 x 3 sub-samples, noise of 12 HU. Also the nodule's voxels, at least
    half nodule outside the bone."""
    x, y, z, hu, bone = _arm((0.75, 0.75, 2.0), (0.0, 0.0, 0.0))
    nodule = np.zeros(hu.shape, bool)
    if nodule_hu is not None:
        centre = (_AXIS[0] + 11.0 + 10.0 - overlap_mm, _AXIS[1], 20.0)
        nodule = (x - centre[0]) ** 2 + (y - centre[1]) ** 2 + (z - centre[2]) ** 2 <= 10.0 ** 2
        hu = np.where(nodule & ~bone, nodule_hu, hu)
    return _rendered(hu, nodule & ~bone, (0.75, 0.75, 2.0))


def test_a_humerus_the_field_of_view_cuts_off_stays_skeleton():
    volume, _ = _arm_with_humerus(None)
    findings = find_lesions(volume)
    assert findings.lesions == []


@pytest.mark.parametrize("overlap_mm", [0.0, 1.0])
def test_a_faint_nodule_on_a_humeral_cortex_is_found_whole_and_in_contact(overlap_mm):
    """A nodule of 390 HU (fainter than chalk's 420: cancellous bone reaches that too) lying on
    the cortex of a humerus the scan cuts off: outside the bone, since every way from its core
    into the bone's marrow climbs over the 1200 HU cortex (Imaging 38). Before, a faint region
    touching bone and no chalk was bone, and the lesion was lost."""
    volume, truth = _arm_with_humerus(390.0, overlap_mm)
    _assert_found_whole_in_contact(volume, truth, volume_tolerance=0.15)


def _arm_with_moulded_mass(spacing: tuple[float, float, float], phase_mm: tuple[float, float, float],
                           mass: bool = True) -> tuple[Volume, np.ndarray]:
    """The arm of _arm_with_humerus (a humeral shaft, 2.5 mm cortex of 1200 HU round a 60 HU
    marrow, 11 mm in radius, running out of both faces of a 40 mm scan) on voxels of `spacing`,
    its sampling grid shifted by `phase_mm`, with a 700 HU mass moulded onto its cortex: a lens
    7 mm thick, 30 mm wide and 24 mm long sunk 1 mm into the cortex (the bone kept), so broad
    against the bone that the watershed finds no neck between them and bone and mass are one
    region. Also the mass's voxels, at least half mass outside the bone."""
    x, y, z, hu, bone = _arm(spacing, phase_mm)
    cx, cy, cz = _AXIS
    lens = np.zeros(hu.shape, bool)
    if mass:
        lens = ((x - (cx + 11.0 + 7.0 - 1.0)) / 7.0) ** 2 + ((y - cy) / 15.0) ** 2 + ((z - cz) / 12.0) ** 2 <= 1.0
        hu = np.where(lens & ~bone, 700.0, hu)
    return _rendered(hu, lens & ~bone, spacing)


# Voxel sizes and grid phases. On the analysis grid (blocks of about 3 mm) the lens and the bone
# are one region wherever the watershed finds no neck between them, and that region is bone as a
# whole; the splits along the cortex's outer surface that found it were withdrawn (Imaging 50, 59).
# Cut again on the CT's own voxels (skeleton.split_finer, Imaging 69) the lens is its own chalk
# piece on every grid, so these were strict xfails on main and pass now.
MOULDED = [
    pytest.param((0.75, 0.75, 2.0), (0.0, 0.0, 0.0), id="0.75mm-2mm"),
    pytest.param((0.75, 0.75, 2.0), (0.3, 0.2, 0.7), id="0.75mm-2mm-shifted"),
    pytest.param((0.9, 0.9, 3.0), (0.0, 0.0, 0.0), id="0.9mm-3mm"),
    pytest.param((0.9, 0.9, 3.0), (0.3, 0.2, 0.7), id="0.9mm-3mm-shifted"),
    pytest.param((0.6, 0.6, 1.0), (0.0, 0.0, 0.0), id="0.6mm-1mm"),
    pytest.param((0.6, 0.6, 1.0), (0.3, 0.2, 0.7), id="0.6mm-1mm-shifted"),
    pytest.param((0.75, 0.75, 5.0), (0.0, 0.0, 0.0), id="0.75mm-5mm"),
    pytest.param((0.75, 0.75, 5.0), (0.3, 0.2, 0.7), id="0.75mm-5mm-shifted"),
]


@pytest.mark.parametrize(("spacing", "phase_mm"), MOULDED)
def test_a_mass_moulded_onto_a_long_bones_cortex_is_split_from_it_and_found_in_contact(spacing, phase_mm):
    """A mass moulded onto a humerus the scan cuts off is found, whole and in contact, whatever
    the voxel size and the grid's phase. On the grids where the watershed finds a neck between
    them it is; where mass and bone are one region, the region is bone as a whole (Imaging 50)."""
    volume, truth = _arm_with_moulded_mass(spacing, phase_mm)
    _assert_found_whole_in_contact(volume, truth, volume_tolerance=0.2)


@pytest.mark.parametrize(("spacing", "phase_mm"), [param.values for param in MOULDED])
def test_the_moulded_masss_humerus_alone_stays_skeleton(spacing, phase_mm):
    volume, _ = _arm_with_moulded_mass(spacing, phase_mm, mass=False)
    assert find_lesions(volume).lesions == []


@pytest.mark.parametrize("thickness_mm", [1.0, 1.6, 2.5, 3.0, 5.0])
def test_the_unmodified_chest_slab_has_no_lesion_at_thicker_slices(thickness_mm):
    """The sample series' humeri (cut by the field of view), scapulae, ribs and costal cartilage
    resampled as the evaluation does, thinner and thicker than its 2 mm. At 1 and 1.6 mm the slab's
    faces cut a vertebra's sclerotic rim (T11-T12), a rib's end with its costal cartilage, and a
    calcified costal cartilage into pieces dense through, which read as chalk (1.92 and 0.86 mL, and
    0.97 mL, from Imaging 36 to 53): no reference bone voxel may end up in a lesion."""
    from tests.imaging.lesion_generator import resample_slices
    volume = resample_slices(load_dicom_series(SERIES), thickness_mm)
    findings = find_lesions(volume)
    labels = reference_labels(volume)
    for label, name in BONE_LABELS.items():
        dense = (labels == label) & (volume.hu >= CALCIFIED_HU)
        assert not (findings.labels[dense] > 0).any(), f"{name}: part of it was called a lesion"
    assert findings.lesions == []


def test_a_bony_ridge_on_the_shaft_stays_skeleton():
    """A tuberosity-like ridge on the shaft (a 1.5 mm cortex of 1200 HU round a 250 HU cancellous
    inside, 5 mm high, 14 mm wide, 20 mm long) bulges out of the shaft's outline as a mass does. A
    split at the periosteal surface (Imaging 59, withdrawn) cut it off and judged it as any region:
    its cortex round a fainter inside is bone's profile, so no lesion. A guard for the next split."""
    x, y, z, hu, bone = _arm((0.75, 0.75, 2.0), (0.0, 0.0, 0.0))
    cx, cy, cz = _AXIS
    outer = ((x - (cx + 11.0)) / 6.0) ** 2 + ((y - cy) / 7.0) ** 2 + ((z - cz) / 10.0) ** 2 <= 1.0
    inner = ((x - (cx + 11.0)) / 4.5) ** 2 + ((y - cy) / 5.5) ** 2 + ((z - cz) / 8.5) ** 2 <= 1.0
    hu = np.where(outer & ~bone, np.where(inner, 250.0, 1200.0), hu)
    volume, _ = _rendered(hu, np.zeros(hu.shape, bool), (0.75, 0.75, 2.0))
    assert find_lesions(volume).lesions == []


def _assert_found_whole_in_contact(volume: Volume, truth: np.ndarray, volume_tolerance: float) -> None:
    """One lesion, at least 80% of the truth's voxels and at most 20% of its own outside it, touching
    bone, its volume the truth's within the tolerance."""
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1, [(lesion.volume_ml, lesion.centroid_voxel) for lesion in findings.lesions]
    lesion = findings.lesions[0]
    mine = findings.labels == 1
    assert (mine & truth).sum() >= 0.8 * truth.sum()
    assert (mine & ~truth).sum() <= 0.2 * mine.sum()
    assert lesion.bone_contact is True
    assert lesion.volume_ml == pytest.approx(truth.sum() * volume.voxel_ml, rel=volume_tolerance)


def _arm_with_moulded_cluster(spacing: tuple[float, float, float]) -> tuple[Volume, np.ndarray]:
    """The arm of _arm_with_humerus on voxels of `spacing` with a lobulated mass moulded onto the
    humeral cortex: four touching nodules of 550 HU, 6 mm in radius, two along the shaft and two
    across it, each sunk 1.5 mm into the cortex (the bone kept). Also the mass's voxels."""
    x, y, z, hu, bone = _arm(spacing, (0.0, 0.0, 0.0))
    cx, cy, cz = _AXIS
    cluster = np.zeros(hu.shape, bool)
    for dy, dz in ((-3.5, -5.0), (3.5, -5.0), (-3.5, 5.0), (3.5, 5.0)):
        # round the shaft by an arc of dy on its 11 mm surface, the centre 6 - 1.5 mm outside it
        angle = dy / 11.0
        ex, ey = cx + 15.5 * np.cos(angle), cy + 15.5 * np.sin(angle)
        cluster |= (x - ex) ** 2 + (y - ey) ** 2 + (z - (cz + dz)) ** 2 <= 6.0 ** 2
    hu = np.where(cluster & ~bone, 550.0, hu)
    return _rendered(hu, cluster & ~bone, spacing)


@pytest.mark.parametrize("spacing", [
    pytest.param((0.75, 0.75, 2.0), id="0.75mm-2mm"),
    pytest.param((0.75, 0.75, 3.0), id="0.75mm-3mm", marks=pytest.mark.xfail(
        strict=True, reason="on 3 mm slices the nodules sunk into the cortex are no bulges of their own on the "
                            "CT's voxels either: the watershed floods them from the bone's marrow (Imaging 69)")),
])
def test_a_lobulated_mass_moulded_onto_a_cortex_is_split_at_the_periosteal_surface(spacing):
    """A cluster of nodules moulded onto a humerus the scan cuts off, as broad against the bone as
    itself: the watershed finds no neck, and the one region (the marrow its core, the cortex its
    shell) is bone as a whole, so the mass is lost, the largest mechanism of the misses against
    bone (Imaging 55). Every way from the marrow into the nodules climbs over the 1200 HU cortex;
    with the split at that ridge (Imaging 56, withdrawn) it was found, 84-86% of it, in contact.
    Cut again on the CT's own voxels (Imaging 69) it is found on 2 mm slices, not on 3 mm ones."""
    volume, truth = _arm_with_moulded_cluster(spacing)
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1, [lesion.volume_ml for lesion in findings.lesions]
    mine = findings.labels == 1
    assert (mine & truth).sum() >= 0.8 * truth.sum()
    assert (mine & ~truth).sum() <= 0.2 * mine.sum()
    assert findings.lesions[0].bone_contact is True

