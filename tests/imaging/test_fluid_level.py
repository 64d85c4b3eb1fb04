"""The fluid-calcium level of a walled cavity from its partial-volume profile (fluid_level.py).

The loculi are rendered exactly (each voxel's calcium share by supersampling, as in
test_sedimentation.py) at eight phases of the grid, so that nothing depends on where the voxel
boundaries fall. What the earlier judges (lesions.settled_floor, the flat cap) missed and this one
finds: a thin sediment layer (2.5-3 mm; the truth's least is 2 mm) in a round loculus, whose fluid is nearly
as high as it is broad, and cavities whose fluid no voxel holds for the most part.
"""

import numpy as np
import pytest

from services.imaging.analysis import find_lesions
from services.imaging.analysis.fluid_level import FIT_INNER_MM, cavities, level_in_cavities, section
from services.imaging.analysis.volume import GRAVITY_LPS
from tests.imaging.lesion_generator import make_case
from tests.imaging.phantom import PHASES, PRONE, SUPINE, loculus, nodules_above_and_below
from tests.imaging.test_sedimentation import level

# Four more phases, drawn once (fixed here so that the test is the same every run).
MORE_PHASES = [(0.51, 0.95, 0.14), (0.82, 0.06, 0.39), (0.17, 0.33, 0.88), (0.66, 0.58, 0.02)]
ALL_PHASES = PHASES + MORE_PHASES
SPACINGS = [(3.0, 3.0, 3.0), (3.0, 3.0, 1.5), (1.0, 1.0, 2.0)]


def phases(spacing) -> list:
    """Eight phases on coarse voxels, where the phase matters most; four on fine ones (cheaper)."""
    return ALL_PHASES if min(spacing) >= 1.5 else PHASES
# Round loculi with thin sediment: (cavity radius, sediment, wall), mm. 8-12 mm across inside.
THIN_SEDIMENT = [(4.5, 2.5, 2.0), (5.0, 2.5, 1.5), (6.0, 2.5, 2.5), (6.0, 3.0, 2.0)]


def judged(calcium_share, affine, gravity=SUPINE) -> bool:
    return level_in_cavities(calcium_share, affine, gravity, float(np.prod(np.diag(affine)[:3])) / 1000)


@pytest.mark.parametrize("spacing", SPACINGS)
@pytest.mark.parametrize("inner, sediment, wall", THIN_SEDIMENT)
def test_thin_sediment_in_a_round_loculus_is_a_level_whatever_the_phase(spacing, inner, sediment, wall):
    calls = []
    for phase in phases(spacing):
        fluid_share, calcium_share, fluid, affine = loculus(inner, sediment, spacing, phase, wall_mm=wall)
        calls.append(judged(calcium_share, affine))
        # The flat cap (Imaging 34) does not see it: the fluid is nearly as high as it is broad.
        assert not level(fluid_share, calcium_share, fluid, affine)
    # At most one phase of eight missed: on 3 mm voxels a thin wall's own partial volume can leave
    # the cavity's dip shallow, and a 2.5 mm sediment is within a millimetre of what is required.
    assert sum(calls) >= len(calls) - 1


# A big loculus on fine voxels says nothing the coarse ones do not, at much greater cost.
EMPTY = [(spacing, inner, wall) for spacing in SPACINGS
         for inner, wall in [(4.0, 2.5), (5.0, 1.5), (6.0, 2.5), (10.0, 3.0)] if inner < 10.0 or min(spacing) >= 1.5]


@pytest.mark.parametrize("spacing, inner, wall", EMPTY)
def test_an_empty_loculus_is_not_a_level_at_any_phase(spacing, inner, wall):
    for phase in phases(spacing):
        _, calcium_share, _, affine = loculus(inner, 0.0, spacing, phase, wall_mm=wall)
        assert cavities(calcium_share)[2] >= 1 or min(spacing) >= 1.5  # fine voxels always show the cavity
        assert not judged(calcium_share, affine)


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("depth_mm", [3.0, 5.0, 7.0])
def test_an_empty_loculus_dented_from_above_is_not_a_level(spacing, depth_mm):
    """A nodule pressing into an empty loculus from above leaves its fluid lower than broad, but
    with only the wall under it."""
    inner, nodule = 7.0, 8.0
    above = -SUPINE * (inner + nodule - depth_mm)
    for phase in phases(spacing):
        _, calcium_share, _, affine = loculus(inner, 0.0, spacing, phase, dent=(tuple(above), nodule))
        assert not judged(calcium_share, affine)


def test_a_loculus_flattened_between_neighbours_is_a_level_only_with_sediment():
    for phase in ALL_PHASES:
        assert judged(loculus(8.0, 2.0, (3.0, 3.0, 3.0), phase, squash=0.5)[1], np.diag([3.0, 3.0, 3.0, 1.0]))
        assert not judged(loculus(8.0, 0.0, (3.0, 3.0, 3.0), phase, squash=0.5)[1], np.diag([3.0, 3.0, 3.0, 1.0]))


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (1.0, 1.0, 2.0)])
def test_a_prone_patients_level_is_judged_against_gravity(spacing):
    """Prone, the sediment settles anteriorly (LPS -y): judged as supine, the calcium under the
    fluid's centre is only the wall, and the thicker calcium lies above it."""
    for phase in phases(spacing):
        _, calcium_share, _, affine = loculus(6.0, 2.5, spacing, phase, down=PRONE)
        assert judged(calcium_share, affine, PRONE)
        assert not judged(calcium_share, affine, SUPINE)


def test_a_level_on_the_side_is_judged_along_gravity():
    left_down = np.array(GRAVITY_LPS["HFDL"], float)
    for phase in ALL_PHASES:
        _, calcium_share, _, affine = loculus(6.0, 3.0, (3.0, 3.0, 3.0), phase, down=left_down)
        assert judged(calcium_share, affine, left_down)
        assert not judged(calcium_share, affine, SUPINE)


@pytest.mark.parametrize("phase", ALL_PHASES)
def test_tissue_between_solid_nodules_is_not_a_level(phase):
    """A flat gap between a nodule above and one below, open to the soft tissue at its sides:
    the shares there are not enclosed, so it is no cavity."""
    _, calcium_share, affine = nodules_above_and_below(phase)
    assert not judged(calcium_share, affine)


def test_the_detector_calls_a_level_whose_fluid_the_closing_never_finds():
    """Tuning seed 21 of the evaluation: a lesion with two loculi 9.9 and 10.4 mm across inside
    (3.3 mm of fluid over 6.6 mm of sediment, 6.5 mm over 3.9 mm) on 3 x 3 x 3.8 mm voxels. The
    walls' closing finds no fluid pocket in it (it reported no fluid volume), yet its cavities show
    in the calcium shares: the level is called, through find_lesions as the service calls it."""
    case = make_case(21)
    truth = case.lesions[1]
    assert truth.has_fluid_level
    findings = find_lesions(case.volume)
    labels = np.asarray(findings.labels)[truth.box][truth.mask]
    matched = np.bincount(labels.astype(np.int64), minlength=len(findings.lesions) + 1)[1:]
    assert matched.max() >= 0.3 * truth.mask.sum()
    lesion = findings.lesions[int(np.argmax(matched))]
    assert lesion.fluid_calcium_level


def test_the_detector_calls_no_level_in_a_solid_cluster_with_a_flat_gap():
    """Tuning seed 69 of the evaluation (Imaging 37): a 61 mL cluster of nine solid nodules, no
    loculus, on 3 x 3 x 1.3 mm voxels. The walls' closing finds 1.75 mL of tissue between the
    nodules, and its floor on the nodules below looked flat enough for the voxel interface of
    Imaging 19 to call a level; the gap opens to the soft tissue between nodules, so no judge that
    asks for a walled cavity calls one. Through find_lesions, as the service calls it."""
    case = make_case(69)
    truth = case.lesions[0]
    assert not truth.has_fluid_level and truth.loculi == 0
    findings = find_lesions(case.volume)
    labels = np.asarray(findings.labels)[truth.box][truth.mask]
    matched = np.bincount(labels.astype(np.int64), minlength=len(findings.lesions) + 1)[1:]
    assert matched.max() >= 0.3 * truth.mask.sum()
    lesion = findings.lesions[int(np.argmax(matched))]
    assert lesion.fluid_volume_ml > 0.5  # the gap the closing takes for fluid is still there
    assert not lesion.fluid_calcium_level


# Imaging 46: the round loculus fitted to the fluid's section along gravity.
DEEP_SEDIMENT = (9.2, 14.6, 2.9)  # cavity radius, sediment, wall (mm): tuning seed 9's loculus, 3.8 mm of fluid


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 2.0)])
def test_a_voxel_of_fluid_over_deep_sediment_is_a_level_at_every_phase(spacing):
    """Tuning seed 9's missed loculus, rendered: 18.4 mm inside, 3.8 mm of fluid over 14.6 mm of
    sediment, on the pelvis's 3 mm voxels along gravity. Horizontal rays through the fluid see it
    diluted by the voxel's height, so at one phase of eight it reads no broader than it is high
    and the cavity's own judge (Imaging 35) misses it; the round loculus fitted to its section
    does not."""
    inner, sediment, wall = DEEP_SEDIMENT
    for phase in ALL_PHASES:
        assert judged(loculus(inner, sediment, spacing, phase, wall_mm=wall)[1], np.diag([*spacing, 1.0]))


def test_the_same_loculus_empty_or_judged_against_the_wrong_gravity_is_not_a_level():
    inner, sediment, wall = DEEP_SEDIMENT
    affine = np.diag([3.0, 3.0, 3.0, 1.0])
    prone_calls = []
    for phase in ALL_PHASES:
        assert not judged(loculus(inner, 0.0, (3.0, 3.0, 3.0), phase, wall_mm=wall)[1], affine)
        # Prone, the sediment settles anteriorly: judged as supine, the fluid lies under it.
        prone = loculus(inner, sediment, (3.0, 3.0, 3.0), phase, down=PRONE, wall_mm=wall)[1]
        assert not judged(prone, affine, SUPINE)
        prone_calls.append(judged(prone, affine, PRONE))
    assert sum(prone_calls) >= 7


def fitted(calcium_share, affine) -> dict:
    """fluid_level.section on the largest cavity, from its fluid's centre (as level_in_cavities does)."""
    dip, labels, count = cavities(calcium_share)
    assert count >= 1
    where = np.nonzero(labels == np.bincount(labels[labels > 0]).argmax())
    w = dip[where]
    centre = (np.stack(where, axis=1) * w[:, None]).sum(axis=0) / w.sum()
    return section(np.clip(calcium_share, 0, 1), affine, centre, *axes(SUPINE))


def test_the_fitted_loculus_of_an_empty_cavity_is_its_own_size_with_no_sediment():
    """A round loculus 12 mm inside, empty, on 3 mm voxels: the fluid between the walls' peaks and
    its section fit a cavity of its own diameter, full of fluid, at every phase."""
    for phase in ALL_PHASES:
        _, calcium_share, _, affine = loculus(6.0, 0.0, (3.0, 3.0, 3.0), phase, wall_mm=3.0)
        fit = fitted(calcium_share, affine)
        assert 11.0 <= fit["inner"] <= 13.0
        assert fit["sediment"] < 2.0


def test_the_fitted_loculus_finds_the_sediment_under_a_voxel_of_fluid():
    """The same loculus with 8 mm of sediment (4 mm of fluid, about one voxel): where the fluid's
    section is found, the fit leaves sediment under it (4-17 mm: it runs high, the section's edges
    are blurred) and the loculus broad enough for a level. Not at every phase: with the fluid's
    lowest share at a voxel's edge, the walk across the cavity stops at once and no section is
    measured (3 phases of 8)."""
    fits = [fitted(loculus(6.0, 8.0, (3.0, 3.0, 3.0), phase, wall_mm=3.0)[1], np.diag([3.0, 3.0, 3.0, 1.0]))
            for phase in ALL_PHASES]
    found = [f for f in fits if f["area"] >= 10.0]
    assert len(found) >= 5
    assert all(f["sediment"] >= 3.0 and f["inner"] >= FIT_INNER_MM for f in found)


def axes(gravity):
    g = np.asarray(gravity, float) / np.linalg.norm(gravity)
    helper = np.eye(3)[int(np.argmin(np.abs(g)))]
    h1 = np.cross(g, helper)
    h1 /= np.linalg.norm(h1)
    return g, h1, np.cross(g, h1)


def test_the_detector_calls_a_level_of_a_voxel_of_fluid_over_deep_sediment():
    """Tuning seed 9 of the evaluation, through find_lesions as the service calls it: its second
    lesion's 18.5 mm loculus holds 3.9 mm of fluid over 14.6 mm of sediment on 3 x 3 x 2.8 mm
    voxels; the cavity reads 2.1 mm high and 3.7 mm broad by its rays (no level before Imaging 46),
    its section fits a loculus 18 mm inside with the fluid 4.9 mm high."""
    case = make_case(9)
    truth = case.lesions[1]
    assert truth.has_fluid_level
    findings = find_lesions(case.volume)
    labels = np.asarray(findings.labels)[truth.box][truth.mask]
    matched = np.bincount(labels.astype(np.int64), minlength=len(findings.lesions) + 1)[1:]
    assert matched.max() >= 0.3 * truth.mask.sum()
    assert findings.lesions[int(np.argmax(matched))].fluid_calcium_level
