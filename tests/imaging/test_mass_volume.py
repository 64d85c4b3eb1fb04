"""The whole mass's volume (Imaging 95): calcium, the loculi's fluid and the septa between nodules.

The clusters are rendered exactly, as the evaluation's generator draws them (touching nodules with
thin fibrous septa between them, walled loculi with fluid and sediment, noise as the evaluation's),
and the truth is the generator's: each voxel's share of the lesion's union. The calcified volume
plus the fluid leaves the septa out, and a small loculus's fluid where it is too small to count as
fluid: the whole mass counts every voxel inside its outline whole, and its outline's voxels by
their shares.
"""

import math

import numpy as np
import pytest

from services.imaging.analysis import Volume, find_lesions
from tests.imaging.lesion_generator import Ball, _materials
from tests.imaging.test_lesion_volume import PHASES, SMALL_NODULES, UP, ball, cystic, noise_for

SOFT_TISSUE_HU = 40.0
SUB_MM = 0.5
SEPTUM = (1.5, 30.0)   # mm, HU: the generator's thickest septa (0.5-1.5 mm)


def render(balls: list[Ball], spacing, phase) -> tuple[Volume, float]:
    """A block of soft tissue holding the cluster, 25 mm round it; and the lesion's whole volume (mL)."""
    spacing = np.asarray(spacing, float)
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    lo = (centres - radii[:, None]).min(0) - 25.0
    hi = (centres + radii[:, None]).max(0) + 25.0
    shape = tuple(np.ceil((hi - lo) / spacing).astype(int))
    origin = lo + np.asarray(phase) * spacing
    offsets = [(np.arange(n) + 0.5) / n - 0.5 for n in (max(1, math.ceil(s / SUB_MM - 1e-9)) for s in spacing)]
    steps = np.stack(np.meshgrid(*offsets, indexing="ij"), -1).reshape(-1, 3)
    cells = np.stack(np.meshgrid(*[np.arange(n) for n in shape], indexing="ij"), -1).reshape(-1, 3).astype(float)
    gap = np.min(np.linalg.norm((cells * spacing + origin)[:, None] - centres[None], axis=2) - radii[None], axis=1)
    cells = cells[gap <= np.linalg.norm(spacing) / 2]  # only voxels the cluster can reach
    hu = np.full(shape, SOFT_TISSUE_HU, np.float32)
    whole = 0.0
    per = len(steps)
    for start in range(0, len(cells), max(1, 200_000 // per)):
        part = cells[start:start + max(1, 200_000 // per)]
        points = ((part[:, None, :] + steps[None]) * spacing + origin).reshape(-1, 3)
        inside, value, _, _ = _materials(points, balls, *SEPTUM, UP)
        hu[tuple(part.astype(int).T)] = np.where(inside, value, SOFT_TISSUE_HU).reshape(len(part), per).mean(1)
        whole += float(inside.reshape(len(part), per).mean(1).sum())
    hu += np.asarray(np.random.default_rng(5).normal(0.0, noise_for(spacing), shape), np.float32)
    affine = np.diag([*spacing, 1.0])
    affine[:3, 3] = origin
    volume = Volume(hu=np.rint(hu).astype(np.int16), affine=affine, patient_position="HFS", source="nifti")
    return volume, whole * float(np.prod(spacing)) / 1000.0


# An 8 mm loculus (2 mm wall, 0.8 mL of fluid) between two nodules.
LOCULUS = [cystic(0, 0, 0, 8.0, 700.0, 2.0, 2.5), ball(12.0, 0, 0, 5.0, 1000.0), ball(-6.0, 9.0, 0, 4.0, 500.0)]
CASES = {
    # ten small nodules (2.8 mL, 15% of it septa): calcium + fluid read 13% short on 0.8 x 0.8 x 1 mm
    "small nodules, fine voxels, phase 0": (SMALL_NODULES, (0.8, 0.8, 1.0), PHASES[0]),
    "small nodules, fine voxels, phase 1": (SMALL_NODULES, (0.8, 0.8, 1.0), PHASES[1]),
    # ... and 16% short on 3 mm voxels at this phase
    "small nodules, 3 mm voxels": (SMALL_NODULES, (3.0, 3.0, 3.0), PHASES[1]),
    # the loculus's fluid missed on 3 mm voxels at this phase: 24% short
    "loculus, 3 mm voxels": (LOCULUS, (3.0, 3.0, 3.0), PHASES[0]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_whole_mass_counts_its_septa_and_fluid(name):
    balls, spacing, phase = CASES[name]
    volume, whole = render(balls, spacing, phase)
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1
    lesion = findings.lesions[0]
    # What the calcified volume and the fluid alone give: more than 10% short of the whole mass.
    assert lesion.volume_ml + lesion.fluid_volume_ml < 0.9 * whole
    assert lesion.mass_volume_ml == pytest.approx(whole, rel=0.10)


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (0.8, 0.8, 1.0)])
def test_a_single_nodule_is_not_grown_by_the_closing(spacing):
    volume, whole = render([ball(0, 0, 0, 9.0, 800.0)], spacing, PHASES[2])
    lesion = find_lesions(volume).lesions[0]
    # No septa and no fluid: the whole mass is the calcified volume, both within 5% of the truth.
    assert lesion.mass_volume_ml == pytest.approx(whole, rel=0.05)
    assert lesion.mass_volume_ml == pytest.approx(lesion.volume_ml, rel=0.05)


# A loculus with a faint wall (12 mm, a 2.2 mm wall of 320 HU, 4 mm of sediment; seed 226.0's and
# 244.1's kind) between two dense nodules: on 3 mm voxels the wall reads under half the nodules'
# density on most sides, so the mass leaves it open and its cavity (4.4 mL of the 9.5) lay outside
# the outline: main read the whole 50-61% short at these phases (Imaging 103).
FAINT_LOCULUS = [cystic(0, 0, 0, 12.0, 320.0, 2.2, 4.0), ball(17.0, 0, 0, 7.0, 950.0), ball(-10.0, 13.0, 0, 6.0, 900.0)]


@pytest.mark.parametrize("phase", PHASES)
def test_a_loculus_whose_faint_wall_the_mass_leaves_open_counts_its_cavity(phase):
    volume, whole = render(FAINT_LOCULUS, (3.0, 3.0, 3.0), phase)
    lesion = find_lesions(volume).lesions[0]
    assert lesion.volume_ml + lesion.fluid_volume_ml < 0.6 * whole
    # Measured -16% to -23%: the faint wall's outer face still counts by its calcium share.
    assert 0.75 * whole <= lesion.mass_volume_ml <= 1.05 * whole
