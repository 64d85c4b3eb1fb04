"""Test phantoms: synthetic tumoral calcinosis lesions implanted into the real CT, with known truth.

Each lesion is a set of spheres in patient (LPS) mm: solid nodules of calcium density, and cystic
loculi (a dense wall around fluid, optionally with a layer of calcium sediment whose upper surface
is a plane perpendicular to gravity). Voxels get the partial-volume mix of what covers them
(3 x 3 x 3 sub-samples per voxel) plus a little noise, over the real background.
See docs/domain.md, "What a TC lesion looks like on CT".
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid
from scipy import ndimage

from services.imaging.analysis.fluid_level import level_in_cavities
from services.imaging.analysis.volume import GRAVITY_LPS, Volume

SUPERSAMPLE = 3
NOISE_HU = 12.0
FLUID_HU = 15.0
SOFT_TISSUE_HU = 40.0
SCLEROTIC_HU = 400.0    # a pressure erosion leaves a rim of bone (as dense as this cortex) under the mass
SCLEROTIC_RIM_MM = 3.0
SCALLOP_RADIUS_MM = 20.0  # a pressure erosion is a shallow saucer, wider than it is deep


@dataclass(frozen=True)
class Sphere:
    offset_mm: tuple[float, float, float]   # LPS offset from the lesion's centre
    radius_mm: float
    hu: float                               # density of the solid nodule, or of a loculus's wall
    wall_mm: float = 0.0                    # > 0: a cystic loculus with a wall this thick
    sediment_mm: float | None = None        # loculus: sediment below this height above its centre
                                            # (along -gravity); None: no sediment
    sediment_hu: float = 650.0


@dataclass
class LesionSpec:
    name: str
    centre_voxel: tuple[int, int, int]
    spheres: list[Sphere]
    laterality: str
    fluid_level: bool
    touch_voxel: tuple[int, int, int] | None = None   # slide the lesion towards this bone voxel
                                                      # until it touches the bone
    notch_mm: float = 0.0                             # with touch_voxel: the bone it touches scalloped
                                                      # this deep, and the lesion resting in the notch
    overlap_mm: float = 1.0                           # with touch_voxel: how far the lesion reaches
                                                      # past the bone's outer voxel centres (< 0: a gap)
    # truth, filled by implant():
    centre_mm: np.ndarray = field(default=None)
    volume_ml: float = 0.0            # the whole mass, loculi included
    calcified_ml: float = 0.0         # its calcified parts: nodules, walls, sediment
    fluid_ml: float = 0.0             # the loculi's fluid
    extents_mm: np.ndarray = field(default=None)
    largest_diameter_mm: float = 0.0
    truth_mask: np.ndarray = field(default=None, repr=False)


def _render(spec: LesionSpec, points: np.ndarray, gravity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For LPS points (n, 3): (inside the lesion, HU of the lesion material there)."""
    inside = np.zeros(len(points), bool)
    value = np.zeros(len(points))
    dense_claim = np.zeros(len(points), bool)
    centres = [spec.centre_mm + np.array(s.offset_mm) for s in spec.spheres]
    dist = [np.linalg.norm(points - c, axis=1) for c in centres]
    # Dense material first (nodules and walls), in order; later cavities cut into their own wall only.
    for s, d in zip(spec.spheres, dist, strict=True):
        claim = (d <= s.radius_mm) & ~dense_claim
        value[claim] = s.hu
        dense_claim |= claim
        inside |= d <= s.radius_mm
    for n, (s, d, c) in enumerate(zip(spec.spheres, dist, centres, strict=True)):
        if s.wall_mm <= 0:
            continue
        others = np.zeros(len(points), bool)
        for m, (t, e) in enumerate(zip(spec.spheres, dist, strict=True)):
            if m != n:
                others |= e <= t.radius_mm
        cavity = (d <= s.radius_mm - s.wall_mm) & ~others
        height = -(points - c) @ gravity  # above the loculus centre, against gravity
        sediment = cavity & (height <= s.sediment_mm) if s.sediment_mm is not None else np.zeros_like(cavity)
        value[cavity] = FLUID_HU
        value[sediment] = s.sediment_hu
    return inside, value


def _sub_points(affine: np.ndarray, box: tuple[slice, ...]) -> tuple[np.ndarray, tuple[int, ...]]:
    shape = tuple(s.stop - s.start for s in box)
    offsets = (np.arange(SUPERSAMPLE) + 0.5) / SUPERSAMPLE - 0.5
    axes = [np.add.outer(np.arange(s.start, s.stop), offsets).ravel() for s in box]
    ijk = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 3)
    return ijk @ affine[:3, :3].T + affine[:3, 3], tuple(n * SUPERSAMPLE for n in shape)


def _downsample(values: np.ndarray, fine_shape: tuple[int, ...]) -> np.ndarray:
    a, b, c = (n // SUPERSAMPLE for n in fine_shape)
    return values.reshape(a, SUPERSAMPLE, b, SUPERSAMPLE, c, SUPERSAMPLE).mean(axis=(1, 3, 5))


def _centre_mm(affine: np.ndarray, voxel) -> np.ndarray:
    return affine[:3, :3] @ np.asarray(voxel, float) + affine[:3, 3]


def _nearest_bone(bone: np.ndarray, affine: np.ndarray, spec: LesionSpec) -> np.ndarray:
    """The bone voxel centre (LPS mm) nearest to the lesion's surface."""
    xyz = np.argwhere(bone) @ affine[:3, :3].T + affine[:3, 3]
    gaps = np.min([np.linalg.norm(xyz - (spec.centre_mm + np.array(s.offset_mm)), axis=1) - s.radius_mm
                   for s in spec.spheres], axis=0)
    return xyz[int(np.argmin(gaps))]


def _scallop(hu: np.ndarray, affine: np.ndarray, surface_mm: np.ndarray, into_bone: np.ndarray, depth_mm: float,
             rng: np.random.Generator) -> None:
    """A pressure erosion: a saucer-shaped notch depth_mm deep in the bone whose surface is at
    surface_mm (`into_bone`: the unit vector into the bone), filled with soft tissue and floored by
    a thin sclerotic rim (partial volume as for lesions)."""
    centre = surface_mm - into_bone * (SCALLOP_RADIUS_MM - depth_mm)
    inverse = np.linalg.inv(affine)
    reach = SCALLOP_RADIUS_MM + SCLEROTIC_RIM_MM
    corners = [(inverse @ np.append(centre + sign * reach, 1.0))[:3] for sign in (-1, 1)]
    lo_ijk, hi_ijk = np.minimum(*corners), np.maximum(*corners)
    box = tuple(slice(max(int(np.floor(a)) - 1, 0), min(int(np.ceil(b)) + 2, n))
                for a, b, n in zip(lo_ijk, hi_ijk, hu.shape, strict=True))
    points, fine = _sub_points(affine, box)
    distance = np.linalg.norm(points - centre, axis=1)
    below_surface = (points - surface_mm) @ into_bone > 0
    notch = _downsample((distance <= SCALLOP_RADIUS_MM).astype(float), fine)
    floor = _downsample(((distance > SCALLOP_RADIUS_MM) & (distance <= reach) & below_surface).astype(float), fine)
    tissue = SOFT_TISSUE_HU + rng.normal(0, NOISE_HU, notch.shape)
    hu[box] = notch * tissue + floor * SCLEROTIC_HU + (1.0 - notch - floor) * hu[box]


def implant(volume: Volume, specs: list[LesionSpec], seed: int = 7) -> Volume:
    """A copy of `volume` with the lesions drawn in; each spec gets its truth filled in."""
    hu = volume.hu.astype(np.float64)
    affine = np.asarray(volume.affine, float)
    spacing = volume.spacing
    gravity = volume.gravity()
    bone = volume.hu >= 130
    bone_distance = ndimage.distance_transform_edt(~bone, sampling=spacing)
    inverse = np.linalg.inv(affine)
    rng = np.random.default_rng(seed)

    def gap(spec: LesionSpec) -> float:
        """Smallest distance (mm) from the lesion's surface to a bone voxel centre."""
        worst = np.inf
        for s in spec.spheres:
            centre = spec.centre_mm + np.array(s.offset_mm)
            ijk = (inverse @ np.append(centre, 1.0))[:3]
            d = ndimage.map_coordinates(bone_distance, ijk[:, None], order=1)[0]
            worst = min(worst, d - s.radius_mm)
        return worst

    def slide(spec: LesionSpec, direction: np.ndarray) -> None:
        """Move the lesion along -direction until its surface meets bone."""
        start = spec.centre_mm.copy()
        lo, hi = 0.0, 80.0
        for _ in range(40):
            mid = (lo + hi) / 2
            spec.centre_mm = start - mid * direction
            lo, hi = (mid, hi) if gap(spec) > -spec.overlap_mm else (lo, mid)
        spec.centre_mm = start - lo * direction

    for spec in specs:
        spec.centre_mm = _centre_mm(affine, spec.centre_voxel)
        if spec.touch_voxel is not None:
            direction = spec.centre_mm - _centre_mm(affine, spec.touch_voxel)
            direction /= np.linalg.norm(direction)
            slide(spec, direction)
            if spec.notch_mm > 0:  # it has scalloped the bone where it touches, and rests in the notch
                _scallop(hu, affine, _nearest_bone(bone, affine, spec), -direction, spec.notch_mm, rng)
                bone = hu >= 130
                bone_distance = ndimage.distance_transform_edt(~bone, sampling=spacing)
                slide(spec, direction)
        else:
            assert gap(spec) >= 6.0, f"{spec.name}: phantom lesion too close to bone ({gap(spec):.1f} mm)"

        radius = max(np.linalg.norm(s.offset_mm) + s.radius_mm for s in spec.spheres) + 2 * spacing.max()
        lo_ijk = (inverse @ np.append(spec.centre_mm - radius, 1))[:3]
        hi_ijk = (inverse @ np.append(spec.centre_mm + radius, 1))[:3]
        lo_ijk, hi_ijk = np.minimum(lo_ijk, hi_ijk), np.maximum(lo_ijk, hi_ijk)
        box = tuple(slice(max(int(np.floor(a)), 0), min(int(np.ceil(b)) + 1, n))
                    for a, b, n in zip(lo_ijk, hi_ijk, hu.shape, strict=True))
        points, fine = _sub_points(affine, box)
        inside, value = _render(spec, points, gravity)
        fraction = _downsample(inside.astype(float), fine)
        lesion_hu = _downsample(np.where(inside, value, 0.0), fine)
        region = hu[box]
        mixed = lesion_hu + (1.0 - fraction) * region + (fraction > 0) * rng.normal(0, NOISE_HU, region.shape)
        hu[box] = np.where(fraction > 0, mixed, region)

        truth = np.zeros(hu.shape, bool)
        truth[box] = fraction >= 0.5
        spec.truth_mask = truth
        spec.volume_ml = float(fraction.sum() * volume.voxel_ml)
        calcium = _downsample((inside & (value != FLUID_HU)).astype(float), fine)
        spec.calcified_ml = float(calcium.sum() * volume.voxel_ml)
        spec.fluid_ml = spec.volume_ml - spec.calcified_ml
        centres = np.array([spec.centre_mm + np.array(s.offset_mm) for s in spec.spheres])
        radii = np.array([s.radius_mm for s in spec.spheres])[:, None]
        spec.extents_mm = (centres + radii).max(0) - (centres - radii).min(0)
        pair = np.linalg.norm(centres[:, None] - centres[None], axis=-1) + radii + radii.T
        spec.largest_diameter_mm = float(pair.max())
    return Volume(
        hu=np.clip(np.rint(hu), -32768, 32767).astype(np.int16),
        affine=affine.copy(),
        patient_position=volume.patient_position,
        source=volume.source,
        warnings=list(volume.warnings),
    )


# ---- the three lesions of the acceptance tests (on tests/data/ct/example_ct.nii.gz) -------------
def acceptance_lesions() -> list[LesionSpec]:
    cluster = LesionSpec(
        name="cluster of dense nodules, right gluteal",
        centre_voxel=(104, 31, 26), laterality="right", fluid_level=False,
        spheres=[Sphere((0, 0, 0), 10, 900), Sphere((14, 0, 4), 8, 1000), Sphere((-12, 4, -3), 9, 800),
                 Sphere((3, -13, 5), 8, 1100), Sphere((-4, 10, 12), 8, 700), Sphere((6, 6, -14), 9, 950),
                 Sphere((-10, -8, 10), 7, 850), Sphere((10, -6, -10), 7, 750)],
    )
    cystic = LesionSpec(
        name="cystic loculi with calcium-fluid levels, left gluteal",
        centre_voxel=(14, 31, 29), laterality="left", fluid_level=True,
        spheres=[Sphere((0, 0, 0), 15, 850, wall_mm=3.5, sediment_mm=-2.0),
                 Sphere((17, -8, 11), 12, 850, wall_mm=3.5, sediment_mm=0.0),
                 Sphere((-14, 6, -8), 8, 900), Sphere((4, 12, 14), 7, 1000)],
    )
    trochanteric = LesionSpec(
        name="mass touching the right greater trochanter, with an empty loculus",
        centre_voxel=(100, 22, 14), laterality="right", fluid_level=False,
        touch_voxel=(108, 37, 8),
        spheres=[Sphere((0, 0, 0), 9, 900), Sphere((-10, 6, 5), 8, 1000), Sphere((6, 10, 8), 8, 800),
                 Sphere((-4, 14, -6), 11, 850, wall_mm=3.5), Sphere((8, -4, -8), 7, 950)],
    )
    return [cluster, cystic, trochanteric]


def beside_the_trochanter(notch_mm: float = 0.0) -> LesionSpec:
    """A mass against the lateral cortex of the right greater trochanter, led by a small nodule;
    with notch_mm, resting in a notch that deep it has scalloped into the bone (a bone erosion)."""
    return LesionSpec(
        name="mass " + ("eroding" if notch_mm else "touching") + " the right greater trochanter's lateral cortex",
        centre_voxel=(115, 36, 8), laterality="right", fluid_level=False, touch_voxel=(106, 36, 8),
        notch_mm=notch_mm,
        spheres=[Sphere((6, 0, 0), 6, 950), Sphere((-2, 0, 0), 7, 900), Sphere((-6, 5, 5), 5, 1000),
                 Sphere((-6, -5, 4), 5, 850), Sphere((-5, 2, -6), 5, 800)],
    )


def beside_the_ilium(notch_mm: float = 0.0) -> LesionSpec:
    """A gluteal mass against the outer surface of the right ilium above the hip joint, led by a
    nodule; with notch_mm, resting in a notch that deep it has scalloped into the bone."""
    return LesionSpec(
        name="gluteal mass " + ("eroding" if notch_mm else "touching") + " the right ilium",
        centre_voxel=(106, 42, 24), laterality="right", fluid_level=False, touch_voxel=(90, 42, 24),
        notch_mm=notch_mm,
        spheres=[Sphere((8, 0, 0), 7, 950), Sphere((-2, 0, 0), 9, 900), Sphere((-8, 7, 6), 7, 1000),
                 Sphere((-8, -7, 5), 7, 850), Sphere((-6, 3, -8), 7, 800), Sphere((-12, -2, -2), 6, 900)],
    )


def against_bone(site: str, overlap_mm: float) -> LesionSpec:
    """A 9 mL gluteal-type mass of six nodules slid against a bone until it overlaps the bone's
    outer voxel centres by overlap_mm (a negative overlap leaves that gap): sites the left iliac
    wing, the right ischium and the front of the right femoral neck."""
    centre, touch, side = {
        "left iliac wing": ((12, 42, 24), (27, 42, 24), "left"),
        "right ischium": ((84, 12, 6), (80, 27, 6), "right"),
        "right femoral neck, front": ((95, 62, 8), (95, 44, 6), "right"),
    }[site]
    return LesionSpec(
        name=f"mass {'overlapping' if overlap_mm > 0 else 'beside'} the {site} ({overlap_mm:+g} mm)",
        centre_voxel=centre, touch_voxel=touch, overlap_mm=overlap_mm, laterality=side, fluid_level=False,
        spheres=[Sphere((8, 0, 0), 7, 950), Sphere((-2, 0, 0), 9, 900), Sphere((-8, 7, 6), 7, 1000),
                 Sphere((-8, -7, 5), 7, 850), Sphere((-6, 3, -8), 7, 800), Sphere((-12, -2, -2), 7, 900)],
    )


def in_the_back_muscles() -> LesionSpec:
    """The acceptance cluster moved into the right back muscles at the kidneys' level, far from
    the hip joints."""
    spec = acceptance_lesions()[0]
    spec.name, spec.centre_voxel = "cluster of dense nodules, right back muscles", (80, 12, 80)
    return spec


# ---- finer grids ------------------------------------------------------------------------------
def resampled(volume: Volume, factor: float) -> Volume:
    """The CT on a grid `factor` times finer along each axis (linear interpolation), same extent."""
    shape = [round(n * factor) for n in volume.hu.shape]
    zoom = np.array([t / n for t, n in zip(shape, volume.hu.shape, strict=True)])
    hu = ndimage.zoom(volume.hu.astype(np.float32), zoom, order=1).round().astype(np.int16)
    affine = np.asarray(volume.affine, float).copy()
    affine[:3, :3] = affine[:3, :3] / zoom
    return Volume(hu=hu, affine=affine, patient_position=volume.patient_position, source=volume.source,
                  warnings=list(volume.warnings))


def on_grid_of(specs: list[LesionSpec], coarse: Volume, fine: Volume) -> list[LesionSpec]:
    """The specs with their voxel positions moved from `coarse`'s grid to `fine`'s (same mm)."""
    zoom = np.array(fine.hu.shape) / np.array(coarse.hu.shape)
    for spec in specs:
        spec.centre_voxel = tuple(np.array(spec.centre_voxel) * zoom)
        if spec.touch_voxel is not None:
            spec.touch_voxel = tuple(np.array(spec.touch_voxel) * zoom)
    return specs


# ---- DICOM writing --------------------------------------------------------------------------
def write_dicom_series(volume: Volume, folder: Path, *, shuffle_seed: int | None = 3,
                       positions: np.ndarray | None = None, tilt_deg: float = 0.0) -> list[Path]:
    """One CT file per axial slice (volume must be axial, LPS-aligned up to flips).

    Written in the usual orientation ([1,0,0,0,1,0]: rows run to the patient's left, columns to
    the back), stored as uint16 with RescaleIntercept -1024, InstanceNumber reversed and file
    names shuffled so that neither can be what orders the slices.
    """
    folder.mkdir(parents=True, exist_ok=True)
    affine = np.asarray(volume.affine, float)
    hu = volume.hu
    # Bring the grid to i -> +x (left), j -> +y (posterior).
    if affine[0, 0] < 0:
        hu, affine = hu[::-1], affine @ _flip(0, hu.shape[0])
    if affine[1, 1] < 0:
        hu, affine = hu[:, ::-1], affine @ _flip(1, hu.shape[1])
    assert np.allclose(affine[:3, :3], np.diag(np.diag(affine[:3, :3]))) and (np.diag(affine)[:3] > 0).all()
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    n = hu.shape[2]
    names = np.random.default_rng(shuffle_seed).permutation(n) if shuffle_seed is not None else np.arange(n)
    paths = []
    for k in range(n):
        ds = new_instance(CTImageStorage)
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.PatientName, ds.PatientID = "Phantom^TC", "PHANTOM-1"
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.SeriesNumber, ds.InstanceNumber = 2, n - k
        ds.PatientPosition = volume.patient_position
        ds.GantryDetectorTilt = tilt_deg
        position = affine[:3, :3] @ np.array([0.0, 0.0, k]) + affine[:3, 3] if positions is None else positions[k]
        ds.ImagePositionPatient = [f"{v:.4f}" for v in position]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.SliceLocation = f"{position[2]:.4f}"
        ds.PixelSpacing = [f"{affine[1, 1]:g}", f"{affine[0, 0]:g}"]
        ds.SliceThickness = f"{affine[2, 2]:g}"
        ds.KVP = 120
        ds.RescaleIntercept, ds.RescaleSlope, ds.RescaleType = -1024, 1, "HU"
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.Rows, ds.Columns = hu.shape[1], hu.shape[0]
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
        pixels = np.clip(hu[:, :, k].T.astype(np.int32) + 1024, 0, 65535).astype(np.uint16)
        ds.PixelData = np.ascontiguousarray(pixels).tobytes()
        path = folder / f"img{names[k]:04d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def new_instance(sop_class: str) -> Dataset:
    """An empty CT instance of `sop_class` with a new SOPInstanceUID, its file meta filled in."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID, ds.Modality = sop_class, "CT"
    return ds


def _flip(axis: int, size: int) -> np.ndarray:
    flip = np.eye(4)
    flip[axis, axis] = -1
    flip[axis, 3] = size - 1
    return flip


def big_cluster() -> LesionSpec:
    """A ~70 mm mass of 15 touching nodules (left gluteal): on its own it is as big as a bone."""
    corners = [(x, y, z) for x in (-15, 15) for y in (-15, 15) for z in (-15, 15)]
    faces = [(20, 0, 0), (-20, 0, 0), (0, 20, 0), (0, -20, 0), (0, 0, 20), (0, 0, -20)]
    spheres = [Sphere((0, 0, 0), 13, 900)]
    spheres += [Sphere(o, 11, 700 + 50 * (n % 7)) for n, o in enumerate(corners)]
    spheres += [Sphere(o, 10, 1000 - 40 * n) for n, o in enumerate(faces)]
    return LesionSpec(name="big cluster, left gluteal", centre_voxel=(14, 31, 29), spheres=spheres,
                      laterality="left", fluid_level=False)


# ---- sub-voxel phantoms: each voxel's share of a shape, at any phase of the grid ---------------------
SUPINE = np.array(GRAVITY_LPS["HFS"], float)    # gravity points posterior (LPS +y)
PRONE = np.array(GRAVITY_LPS["HFP"], float)     # ... anterior (LPS -y)
PHASES = [(0.0, 0.0, 0.0), (0.5, 0.5, 0.5), (0.25, 0.7, 0.1), (0.8, 0.35, 0.6)]
# Four more, drawn once (fixed so that a test is the same every run): eight phases where the phase
# matters most (coarse voxels), four on fine ones (cheaper, and nearly phase-free).
ALL_PHASES = PHASES + [(0.51, 0.95, 0.14), (0.82, 0.06, 0.39), (0.17, 0.33, 0.88), (0.66, 0.58, 0.02)]


def phases(spacing) -> list:
    """The grid phases a sub-voxel test renders at: eight on coarse voxels, four on fine ones."""
    return ALL_PHASES if min(spacing) >= 1.5 else PHASES


@dataclass(frozen=True)
class SubvoxelGrid:
    """Sub-samples (patient mm, LPS, `sub` per voxel along each axis) of a grid of voxels round the
    origin, shifted by `phase` of a voxel: a mask drawn on x, y, z becomes each voxel's share of it."""
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    shape: tuple[int, ...]
    sub: int
    affine: np.ndarray

    def share(self, mask: np.ndarray) -> np.ndarray:
        a, b, c = self.shape
        return mask.reshape(a, self.sub, b, self.sub, c, self.sub).mean(axis=(1, 3, 5))


def subvoxel_grid(reach_mm: float, spacing, phase, sub: int = 6) -> SubvoxelGrid:
    """The grid of voxels of `spacing` (mm) reaching at least `reach_mm` from the origin each way."""
    spacing = np.asarray(spacing, float)
    half = np.ceil(reach_mm / spacing).astype(int)
    offsets = (np.arange(sub) + 0.5) / sub - 0.5
    axes = [((np.arange(-n, n + 1)[:, None] + p + offsets[None, :]).ravel() * s)
            for n, p, s in zip(half, phase, spacing, strict=True)]
    x, y, z = np.meshgrid(*axes, indexing="ij")
    return SubvoxelGrid(x, y, z, tuple(int(2 * n + 1) for n in half), sub, np.diag([*spacing, 1.0]))


class Rendered(NamedTuple):
    """A rendered sub-voxel phantom: each voxel's fluid and calcium shares, the fluid mask (voxels
    at least half fluid) and the affine."""
    fluid_share: np.ndarray
    calcium_share: np.ndarray
    fluid: np.ndarray
    affine: np.ndarray


Nodule = tuple[tuple[float, float, float], float]  # (centre offset in mm, radius)


def pressing(inner_mm: float, radius_mm: float, depth_mm: float, down=SUPINE) -> Nodule:
    """A nodule above a loculus (cavity radius `inner_mm`) pressing `depth_mm` into its cavity."""
    return tuple(-np.asarray(down, float) * (inner_mm + radius_mm - depth_mm)), radius_mm


def beneath(inner_mm: float, wall_mm: float, radius_mm: float, down=SUPINE, squash: float = 1.0,
            overlap_mm: float = 0.5) -> Nodule:
    """A nodule under a loculus's wall, outside its cavity, reaching `overlap_mm` into the wall (a
    separate calcified body the wall rests on: calcium under the fluid that is no sediment)."""
    return tuple(np.asarray(down, float) * (squash * inner_mm + wall_mm + radius_mm - overlap_mm)), radius_mm


def loculus(inner_mm: float, sediment_mm: float, spacing, phase, down=SUPINE, wall_mm: float = 2.5,
            nodules: Sequence[Nodule] = (), squash: float = 1.0, sub: int = 6) -> Rendered:
    """A round loculus (cavity radius `inner_mm`, `squash` times that along `down`; calcified wall
    `wall_mm`) whose lowest `sediment_mm` along `down` is settled calcium; `nodules`: (centre offset
    in mm, radius) of nodules beside it, each claiming what it covers (as the phantoms draw them:
    one that overlaps the cavity dents it)."""
    spacing = np.asarray(spacing, float)
    reach = inner_mm + wall_mm + max((r + float(np.linalg.norm(c)) for c, r in nodules), default=0.0)
    grid = subvoxel_grid(reach + 2 * spacing.max(), spacing, phase, sub)
    x, y, z = grid.x, grid.y, grid.z
    along = x * down[0] + y * down[1] + z * down[2]
    across2 = x ** 2 + y ** 2 + z ** 2 - along ** 2
    height = -along + squash * inner_mm  # above the cavity's floor
    cavity = across2 / inner_mm ** 2 + along ** 2 / (squash * inner_mm) ** 2 <= 1
    outer = inner_mm + wall_mm
    calcium = (across2 / outer ** 2 + along ** 2 / (squash * inner_mm + wall_mm) ** 2 <= 1) & ~cavity
    for (dx, dy, dz), radius in nodules:
        nodule = (x - dx) ** 2 + (y - dy) ** 2 + (z - dz) ** 2 <= radius ** 2
        cavity &= ~nodule
        calcium |= nodule
    sediment = cavity & (height <= sediment_mm)
    fluid = cavity & ~sediment
    calcium |= sediment
    fluid_share, calcium_share = grid.share(fluid), grid.share(calcium)
    return Rendered(fluid_share, calcium_share, fluid_share >= 0.5, grid.affine)


def floor_called(rendered: Rendered, gravity=SUPINE) -> bool:
    """Whether lesions.settled_floor (the flat cap of Imaging 34) calls a level in a rendered
    phantom, judged along `gravity`."""
    from services.imaging.analysis.lesions import settled_floor

    voxel_ml = float(abs(np.linalg.det(rendered.affine[:3, :3]))) / 1000
    return settled_floor(*rendered, gravity, voxel_ml)


def level_called(rendered: Rendered, gravity=SUPINE) -> bool:
    """Whether fluid_level (the cavity's judges, Imaging 35 and 46) calls a level in a rendered
    phantom, judged along `gravity`."""
    voxel_ml = float(abs(np.linalg.det(rendered.affine[:3, :3]))) / 1000
    return level_in_cavities(rendered.calcium_share, rendered.affine, gravity, voxel_ml)


def detected(case, index: int):
    """The lesion find_lesions reports for truth lesion `index` of a generated evaluation case
    (tests/imaging/lesion_generator.py): the detection holding most of its voxels, which must be at
    least the evaluation's match (30% of the truth)."""
    from services.imaging.analysis import find_lesions  # the detector, only for the tests that run it

    truth = case.lesions[index]
    findings = find_lesions(case.volume)
    labels = np.asarray(findings.labels)[truth.box][truth.mask]
    matched = np.bincount(labels.astype(np.int64), minlength=len(findings.lesions) + 1)[1:]
    assert matched.max() >= 0.3 * truth.mask.sum()
    return findings.lesions[int(np.argmax(matched))]


def gravity_axes(gravity) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gravity as a unit vector and two horizontal unit vectors square to it (as fluid_level takes them)."""
    g = np.asarray(gravity, float) / np.linalg.norm(gravity)
    helper = np.eye(3)[int(np.argmin(np.abs(g)))]
    h1 = np.cross(g, helper)
    h1 /= np.linalg.norm(h1)
    return g, h1, np.cross(g, h1)


def nodules_above_and_below(phase, spacing=(3.0, 3.0, 3.0)) -> Rendered:
    """Two solid nodules 9 mm in radius, one above the other for a supine patient (LPS -y is up),
    and the flat gap of tissue between them, open to the soft tissue at its sides: the gap's share
    where a loculus has its fluid's, the nodules' as the calcium."""
    grid = subvoxel_grid(24.0, spacing, phase)
    x, y, z = grid.x, grid.y, grid.z
    above = x ** 2 + (y + 11.0) ** 2 + z ** 2 <= 9.0 ** 2
    below = x ** 2 + (y - 11.0) ** 2 + z ** 2 <= 9.0 ** 2
    gap = grid.share((np.abs(y) <= 3.0) & (x ** 2 + z ** 2 <= 8.0 ** 2) & ~above & ~below)
    return Rendered(gap, grid.share(above | below), gap >= 0.5, grid.affine)
