"""A seeded generator of random tumoral calcinosis lesions implanted into the two real CTs, with truth.

`make_case(seed)` draws, from the seed alone:
- one of the real scans (tests/data/ct: the pelvis NIfTI more often than the 40 mm DICOM chest slab),
- a slice thickness from 0.6 to 5 mm, onto which the real scan is resampled (in-plane spacing kept;
  linear interpolation, averaged over the slice thickness where it is thicker than the source's),
- 1 to 3 lesions at periarticular sites of that scan (pelvis: both hips and iliac wings; chest slab:
  both shoulders, i.e. beside a humerus, and the chest wall, i.e. beside ribs or costal cartilage),
  well apart from each other, each as the clinical description has it (docs/domain.md section 5):
  a cluster of touching rounded nodules (300-1300 HU) separated by thin radiolucent septa, some of
  them cystic loculi (a dense wall, fluid of 0-40 HU, a dependent calcium sediment of 400-1000 HU
  whose flat upper surface is perpendicular to gravity), at a drawn distance from the nearest
  cortex (0-20 mm, about 30% in contact or moulding against the bone, bone kept where bone is),
  some near the metal object of the pelvis scan (never within 20 mm of it),
then renders them on the target grid with supersampling (partial volume) and adds noise scaled with
the slice thickness around them. The truth of each lesion (volumes, extents, mask, fluid level,
bone contact and gap, site, metal) is computed on the same grid with the same supersampling.

Nothing here looks at what the detector (services/imaging/analysis/lesions.py) finds: every
distribution below comes from the clinical description and the evaluation brief.

Geometry: patient LPS mm through each Volume's affine (+x left, +y posterior, +z superior);
gravity from Volume.gravity(). Bone is defined once per real scan on its own grid (a signed
distance to the bone surface, interpolated linearly), so "gap to bone" means the same thing at
every slice thickness.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

import nibabel
import numpy as np
from scipy import ndimage
from scipy.spatial import ConvexHull

from services.imaging.analysis.loaders import load_dicom_series, load_nifti
from services.imaging.analysis.volume import Volume

DATA = Path(__file__).resolve().parents[1] / "data" / "ct"
SEGMENTATION = DATA / "example_ct_dicom_seg.nii.gz"
GENERATOR_VERSION = 1

# ---- what a case draws (docs/domain.md section 5 and the evaluation brief) --------------------
SCANS = ("pelvis", "chest")
SCAN_WEIGHTS = (0.7, 0.3)              # the pelvis (both hips, the commonest site) more often
THICKNESS_MM = (0.6, 5.0)              # uniform
LESION_COUNTS, LESION_COUNT_WEIGHTS = (1, 2, 3), (0.2, 0.3, 0.5)
VOLUME_ML = (1.0, 80.0)                # log-uniform
CHEST_MAX_ML = 15.0                    # the DICOM slab is 40 mm tall: what fits in it
CHEST_SHRINK = 0.6                     # ... and a cluster that found no place there is drawn smaller
NODULES = (1, 30)
NODULE_DIAMETER_MM = (5.0, 40.0)       # nodules' diameters (clipped after the cluster is scaled)
NODULE_MEAN_MIN_MM = 7.0               # the count allows nodules of at least this diameter on average
NODULE_SPREAD = 0.25                   # log-normal sigma of the nodules' sizes
NODULE_HU = (300.0, 1300.0)
LOCULI = (0, 4)
LOCULUS_SIZE = 1.5                     # cystic loculi are among the bigger compartments
WALL_MM = (1.5, 4.0)
WALL_HU = (300.0, 1300.0)
FLUID_HU = (0.0, 40.0)
SEDIMENT_HU = (400.0, 1000.0)
SEPTUM_MM = (0.5, 1.5)                 # thin radiolucent septa between touching nodules
SEPTUM_HU = (10.0, 60.0)               # fibrous tissue
COMPACTNESS_TRIES = 3
TOUCH_OVERLAP = (0.15, 0.35)           # touching nodules overlap by this share of the smaller radius
GAP_MM = (0.0, 20.0)                   # distance from the nearest cortex, uniform ...
CONTACT_SHARE, MOULDING_SHARE = 0.15, 0.15   # ... except these shares: in contact (0 mm), moulding
MOULDING_OVERLAP_MM = (0.3, 2.0)       # the mass fills up against the bone, past the cortex by this
METAL_MIN_MM = 20.0                    # no lesion within this distance of metal
NEAR_METAL_MM = 40.0                   # a lesion closer than this to metal is "near metal"
NEAR_METAL_SHARE = 0.25                # share of pelvis lesions placed on purpose near the metal
SEPARATION_MM = 20.0                   # lesions of one case lie at least this far apart
NOISE_HU_3MM = 12.0                    # noise sigma at 3 mm; sigma = 12 * sqrt(3 / thickness)
NOISE_MARGIN_MM = 10.0                 # noise is added over the lesion and this far around it
SUBSAMPLE_MM = 0.75                    # supersampling step (partial volume and truth)
PLACEMENT_TRIES = 100

# ---- truth definitions -----------------------------------------------------------------------
LEVEL_MIN_DIAMETER_MM = 8.0            # a loculus this wide inside (or wider) can show a level ...
LEVEL_MIN_LAYER_MM = 2.0               # ... with at least this much fluid above and sediment below
CONTACT_MM = 0.5                       # gap <= this (overlap included): bone contact
APART_MM = 3.0                         # gap >= this: apart; in between: ambiguous
BONE_HU = 200.0                        # bone mask threshold on the real scans (cortex and trabecular)
METAL_HU = 2500.0
BODY_PART_MIN_ML = 150.0               # chest slab: the arms are apart from the trunk

# ---- sites -----------------------------------------------------------------------------------
PELVIS_TOP_MM = 240.0                  # pelvis scan: anchors below the iliac crests (z in LPS mm)
PELVIS_HIP_TOP_MM = 160.0              # ... below this: hip (femoral head, neck, trochanters,
                                       # acetabulum, ischium); above: iliac wing (gluteal)
PELVIS_MIDLINE_EXCLUSION_MM = 40.0     # not the sacrum or the spine
CHEST_BONE_LABELS = {
    32: "vertebra", 33: "vertebra", 69: "left humerus", 70: "right humerus", 117: "costal cartilage",
    **{n: "left rib" for n in range(97, 104)}, **{n: "right rib" for n in range(109, 116)},
}
CHEST_ORGAN_LABELS = (1, 5, 6, 7, 8, 20, 52, 63, 64, 79)  # spleen, liver, stomach, ... spinal cord
CHEST_SITES = {"left shoulder": (69,), "right shoulder": (70,),
               "left chest wall": tuple(range(97, 104)), "right chest wall": tuple(range(109, 116)),
               "chest wall (costal cartilage)": (117,)}


# ---- the lesion model ------------------------------------------------------------------------
@dataclass(frozen=True)
class Ball:
    """A rounded nodule (wall_mm == 0) or a cystic loculus, centred in LPS mm."""
    centre: np.ndarray
    radius_mm: float
    hu: float                      # the solid nodule's density, or the loculus wall's
    wall_mm: float = 0.0
    fluid_hu: float = 15.0
    sediment_hu: float = 650.0
    sediment_mm: float = 0.0       # sediment height above the cavity's lowest point (along -gravity)

    @property
    def cystic(self) -> bool:
        return self.wall_mm > 0

    @property
    def inner_mm(self) -> float:
        return max(self.radius_mm - self.wall_mm, 0.0)

    @property
    def shows_level(self) -> bool:
        """A level a reader can call: a loculus >= 8 mm inside, >= 2 mm of fluid over >= 2 mm of sediment."""
        inner = 2 * self.inner_mm
        return (self.cystic and inner >= LEVEL_MIN_DIAMETER_MM and self.sediment_mm >= LEVEL_MIN_LAYER_MM
                and inner - self.sediment_mm >= LEVEL_MIN_LAYER_MM)

    def moved(self, offset: np.ndarray) -> Ball:
        return Ball(self.centre + offset, self.radius_mm, self.hu, self.wall_mm, self.fluid_hu,
                    self.sediment_hu, self.sediment_mm)


@dataclass
class LesionPlan:
    balls: list[Ball]
    septum_mm: float
    septum_hu: float
    site: str = ""
    mode: str = "gap"              # contact | moulding | gap (the drawn placement)
    requested_gap_mm: float = 0.0  # negative: moulding overlap
    volume_drawn_ml: float = 0.0


@dataclass
class LesionTruth:
    index: int
    site: str
    mode: str
    requested_gap_mm: float
    volume_ml: float               # the mass: nodules, walls, septa, fluid, sediment (bone cut out)
    calcified_ml: float            # nodules, walls and sediment
    fluid_ml: float
    extents_mm: tuple[float, float, float]   # LR, AP, SI
    gap_mm: float                  # >= 0; 0 when touching or overlapping
    overlap_mm: float              # how far the mass reaches past the bone surface (moulding)
    bone_contact: bool | None      # True: gap <= 0.5 mm; False: gap >= 3 mm; None: ambiguous
    has_fluid_level: bool
    metal_distance_mm: float
    near_metal: bool
    nodules: int
    loculi: int
    centre_mm: tuple[float, float, float]
    box: tuple[slice, slice, slice]
    mask: np.ndarray = field(repr=False)      # bool over `box` of the target grid (voxel >= half lesion)

    def full_mask(self, shape: tuple[int, ...]) -> np.ndarray:
        out = np.zeros(shape, bool)
        out[self.box] = self.mask
        return out

    def row(self) -> dict:
        return {k: getattr(self, k) for k in (
            "index", "site", "mode", "requested_gap_mm", "volume_ml", "calcified_ml", "fluid_ml", "extents_mm",
            "gap_mm", "overlap_mm", "bone_contact", "has_fluid_level", "metal_distance_mm", "near_metal",
            "nodules", "loculi", "centre_mm")}


@dataclass
class Case:
    seed: int
    scan: str
    thickness_mm: float
    volume: Volume
    lesions: list[LesionTruth]
    dropped: int = 0               # drawn lesions that found no valid place (kept out of the case)


# ---- the real scans and what is known about them ---------------------------------------------
@dataclass
class ScanContext:
    name: str
    volume: Volume
    bone: np.ndarray               # bool, source grid
    sdf: np.ndarray                # float32 mm: signed distance to the bone surface (< 0 inside bone)
    metal_distance: np.ndarray     # float32 mm to the nearest metal voxel centre (large when none)
    allowed: np.ndarray            # bool: soft tissue a lesion may occupy
    anchors: dict[str, tuple[np.ndarray, np.ndarray]]  # site -> (points LPS, outward normals)
    labels: np.ndarray | None      # chest: TotalSegmentator labels on the source grid
    inverse: np.ndarray = field(init=False)

    def __post_init__(self):
        self.inverse = np.linalg.inv(np.asarray(self.volume.affine, float))

    def to_index(self, points: np.ndarray) -> np.ndarray:
        return points @ self.inverse[:3, :3].T + self.inverse[:3, 3]

    def sample(self, array: np.ndarray, points: np.ndarray, order: int = 1) -> np.ndarray:
        return ndimage.map_coordinates(array, self.to_index(points).T, order=order, mode="nearest")


def load_scan(name: str) -> Volume:
    if name == "pelvis":
        return load_nifti(DATA / "example_ct.nii.gz")
    return load_dicom_series(sorted((DATA / "example_ct_dicom").iterdir()))


def _fill_slices(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    for k in range(mask.shape[2]):
        out[:, :, k] = ndimage.binary_fill_holes(mask[:, :, k])
    return out


def _hull_slices(mask: np.ndarray) -> np.ndarray:
    """Per axial slice, the convex hull of the mask's voxels (the inside of the bony ring)."""
    out = np.zeros(mask.shape, bool)
    grid = np.stack(np.meshgrid(np.arange(mask.shape[0]), np.arange(mask.shape[1]), indexing="ij"), -1)
    for k in range(mask.shape[2]):
        pts = np.argwhere(mask[:, :, k])
        if len(pts) < 4 or np.linalg.matrix_rank(pts - pts.mean(0)) < 2:
            continue
        lo, hi = pts.min(0), pts.max(0) + 1
        sub = grid[lo[0]:hi[0], lo[1]:hi[1]].reshape(-1, 2)
        equations = ConvexHull(pts).equations          # a x + b y + c <= 0 inside
        inside = np.all(sub @ equations[:, :2].T + equations[:, 2] <= 1e-6, axis=1)
        out[lo[0]:hi[0], lo[1]:hi[1], k] = inside.reshape(hi[0] - lo[0], hi[1] - lo[1])
    return out


def _chest_labels(volume: Volume) -> np.ndarray:
    """The reference segmentation on the DICOM grid (nearest voxel through both affines)."""
    image = nibabel.load(str(SEGMENTATION))
    seg = np.asarray(image.dataobj).astype(np.uint8)
    seg_affine = np.diag([-1.0, -1.0, 1.0, 1.0]) @ np.asarray(image.affine, float)   # RAS -> LPS
    to_seg = np.linalg.inv(seg_affine) @ np.asarray(volume.affine, float)
    if np.allclose(to_seg[:3, :3], np.diag(np.diag(to_seg[:3, :3])), atol=1e-6):   # axis-aligned: per axis
        axes = [np.rint(to_seg[a, a] * np.arange(n) + to_seg[a, 3]).astype(int) for a, n in enumerate(volume.hu.shape)]
        valid = [(ax >= 0) & (ax < m) for ax, m in zip(axes, seg.shape, strict=True)]
        out = seg[np.ix_(*[np.clip(ax, 0, m - 1) for ax, m in zip(axes, seg.shape, strict=True)])]
        return np.where(valid[0][:, None, None] & valid[1][None, :, None] & valid[2][None, None, :], out, 0)
    index = np.indices(volume.hu.shape).reshape(3, -1).T
    mapped = np.rint(index @ to_seg[:3, :3].T + to_seg[:3, 3]).astype(int)
    ok = np.all((mapped >= 0) & (mapped < np.array(seg.shape)), axis=1)
    out = np.zeros(len(index), np.uint8)
    out[ok] = seg[tuple(mapped[ok].T)]
    return out.reshape(volume.hu.shape)


@functools.cache
def scan_context(name: str) -> ScanContext:
    volume = load_scan(name)
    hu = volume.hu.astype(np.float32)
    affine = np.asarray(volume.affine, float)
    spacing = volume.spacing
    metal = hu >= METAL_HU
    metal_distance = (ndimage.distance_transform_edt(~metal, sampling=spacing).astype(np.float32)
                      if metal.any() else np.full(hu.shape, 1e4, np.float32))
    labels = None
    dense = (hu >= BONE_HU) & ~ndimage.binary_dilation(metal, iterations=2)
    parts, _count = ndimage.label(dense)
    sizes = np.bincount(parts.ravel()) * volume.voxel_ml
    bone = np.isin(parts, np.flatnonzero(sizes >= 3.0)) & (parts > 0)
    if name == "chest":
        labels = _chest_labels(volume)
        seg_bone = np.isin(labels, list(CHEST_BONE_LABELS))
        near = ndimage.binary_dilation(seg_bone, iterations=2)
        bone = seg_bone | (bone & near)
    bone = _fill_slices(bone)
    sdf = (ndimage.distance_transform_edt(~bone, sampling=spacing)
           - ndimage.distance_transform_edt(bone, sampling=spacing)).astype(np.float32)
    # half a voxel towards the surface between bone and non-bone voxel centres
    sdf -= np.sign(sdf) * np.float32(spacing.min() / 2)

    # Soft tissue a lesion may occupy: inside the body (under the skin), fat to muscle density (or
    # partial volume beside bone), outside the bony rings (pelvic and abdominal cavities), organs.
    body_parts, _ = ndimage.label(hu > -300)
    part_ml = np.bincount(body_parts.ravel()) * volume.voxel_ml
    part_ml[0] = 0
    if name == "chest":   # the trunk and both arms (the table's pieces are smaller)
        body = np.isin(body_parts, np.flatnonzero(part_ml >= BODY_PART_MIN_ML))
    else:
        body = body_parts == int(np.argmax(part_ml))
    body = _fill_slices(body)
    body = ndimage.binary_erosion(body, iterations=max(1, round(3.0 / spacing[0])))
    smooth = ndimage.gaussian_filter(hu, sigma=1.5 / spacing)
    tissue = (smooth >= -200) & ((smooth <= 250) | (sdf < 4.0))
    # the bony rings (pelvis; ribs and spine), not the arms: the humeri and the voxels around them
    ring_bone = (bone & ~ndimage.binary_dilation(np.isin(labels, (69, 70)), iterations=6)
                 if labels is not None else bone)
    allowed = body & tissue & ~_hull_slices(ring_bone) & (metal_distance >= METAL_MIN_MM)
    if labels is not None:
        organs = ndimage.binary_dilation(np.isin(labels, CHEST_ORGAN_LABELS), iterations=3)
        allowed &= ~organs

    # Anchors: bone surface voxels whose outward neighbourhood (3 mm out) is allowed soft tissue.
    surface = bone & ~ndimage.binary_erosion(bone)
    ijk = np.argwhere(surface)
    points = ijk @ affine[:3, :3].T + affine[:3, 3]
    grad = np.stack(np.gradient(ndimage.gaussian_filter(sdf, 1.0), *spacing), -1)[tuple(ijk.T)]
    grad = grad @ (affine[:3, :3] / spacing).T   # index axes -> LPS directions
    norm = np.linalg.norm(grad, axis=1)
    good = norm > 1e-6
    normals = np.zeros_like(grad)
    normals[good] = grad[good] / norm[good, None]
    out_ijk = np.rint(((points + 3.0 * normals) - affine[:3, 3]) @ np.linalg.inv(affine[:3, :3]).T).astype(int)
    inside = np.all((out_ijk >= 0) & (out_ijk < np.array(hu.shape)), axis=1)
    ok = good & inside
    ok[ok] &= allowed[tuple(out_ijk[ok].T)]
    anchors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if name == "pelvis":
        midline = float(np.mean(np.argwhere(body) @ affine[:3, 0] + affine[0, 3]))
        x, z = points[:, 0], points[:, 2]
        ok &= (z <= PELVIS_TOP_MM) & (np.abs(x - midline) >= PELVIS_MIDLINE_EXCLUSION_MM)
        for side, on_side in (("left", x > midline), ("right", x < midline)):
            for region, in_region in (("hip", z < PELVIS_HIP_TOP_MM), ("iliac wing", z >= PELVIS_HIP_TOP_MM)):
                chosen = ok & on_side & in_region
                anchors[f"{side} {region}"] = (points[chosen], normals[chosen])
    else:
        # the nearest labelled bone voxel names the surface voxel's bone
        _, nearest = ndimage.distance_transform_edt(~np.isin(labels, list(CHEST_BONE_LABELS)),
                                                    sampling=spacing, return_indices=True)
        owner = labels[tuple(nearest[:, ijk[:, 0], ijk[:, 1], ijk[:, 2]])]
        for site, codes in CHEST_SITES.items():
            chosen = ok & np.isin(owner, codes)
            anchors[site] = (points[chosen], normals[chosen])
    anchors = {k: v for k, v in anchors.items() if len(v[0])}
    return ScanContext(name, volume, bone, sdf, metal_distance, allowed, anchors, labels)


# ---- resampling onto the target grid ----------------------------------------------------------
def resample_slices(volume: Volume, thickness_mm: float) -> Volume:
    """The scan with slices `thickness_mm` apart (and as thick), in-plane grid kept, same first slice.

    Thinner than the source: linear interpolation between slices. Thicker: the linearly
    interpolated profile averaged over the slice thickness (a boxcar slice profile).
    """
    hu = volume.hu
    affine = np.asarray(volume.affine, float)
    step = float(np.linalg.norm(affine[:3, 2]))
    n = hu.shape[2]
    count = math.floor((n - 1) * step / thickness_mm + 1e-9) + 1
    centres = np.arange(count) * thickness_mm / step            # in source slice indices
    half = thickness_mm / step / 2
    taps = max(1, math.ceil(2 * half * 4)) if thickness_mm > step else 1
    offsets = (np.arange(taps) + 0.5) / taps * 2 * half - half if taps > 1 else np.zeros(1)
    out = np.zeros(hu.shape[:2] + (count,), np.float32)
    for m, c in enumerate(centres):
        acc = np.zeros(hu.shape[:2], np.float32)
        for u in np.clip(c + offsets, 0, n - 1):
            k0 = min(math.floor(u), n - 2)
            w = np.float32(u - k0)
            acc += (1 - w) * hu[:, :, k0] + w * hu[:, :, k0 + 1]
        out[:, :, m] = acc / len(offsets)
    new_affine = affine.copy()
    new_affine[:3, 2] = affine[:3, 2] / step * thickness_mm
    return Volume(hu=np.clip(np.rint(out), -32768, 32767).astype(np.int16), affine=new_affine,
                  patient_position=volume.patient_position, source=volume.source,
                  warnings=list(volume.warnings))


# ---- drawing a lesion -------------------------------------------------------------------------
def _log_uniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def _union_volume_ml(balls: list[Ball], rng: np.random.Generator, samples: int = 200_000) -> float:
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    lo, hi = (centres - radii[:, None]).min(0), (centres + radii[:, None]).max(0)
    points = lo + rng.random((samples, 3)) * (hi - lo)
    inside = np.zeros(samples, bool)
    for c, r in zip(centres, radii, strict=True):
        inside |= np.sum((points - c) ** 2, axis=1) <= r * r
    return float(inside.mean() * np.prod(hi - lo) / 1000.0)


def draw_cluster(rng: np.random.Generator, volume_ml: float, up: np.ndarray, flatten_z: float = 1.0) -> list[Ball]:
    """A lobulated cluster of touching balls (centred near the origin) whose union holds volume_ml."""
    smallest = 4 / 3 * math.pi * (NODULE_MEAN_MIN_MM / 2) ** 3 / 1000
    largest = 4 / 3 * math.pi * (NODULE_DIAMETER_MM[1] / 2) ** 3 / 1000
    lo = max(NODULES[0], math.ceil(volume_ml / largest))
    hi = max(lo, min(NODULES[1], math.floor(volume_ml / smallest)))
    n_nodules = int(rng.integers(lo, hi + 1))
    n_loculi = int(rng.integers(LOCULI[0], LOCULI[1] + 1))
    kinds = [False] * n_nodules + [True] * n_loculi
    rng.shuffle(kinds)
    weights = rng.lognormal(0.0, NODULE_SPREAD, len(kinds)) * np.where(kinds, LOCULUS_SIZE, 1.0)
    scale = (volume_ml * 1000 / (4 / 3 * math.pi * np.sum(weights ** 3))) ** (1 / 3)
    radii = weights * scale
    order = np.argsort(-radii)                 # the biggest ball at the core, the rest at random
    order = np.concatenate([order[:1], rng.permutation(order[1:])])
    centres: list[np.ndarray] = []
    placed_r: list[float] = []
    for index in order:
        # Each ball comes in from a random direction towards the cluster's centre and stops where
        # it first touches a ball already there (overlapping it by a share of the smaller radius):
        # a compact, lobulated mass of touching nodules.
        r = radii[index]
        if not centres:
            centres.append(np.zeros(3))
            placed_r.append(r)
            continue
        share = rng.uniform(*TOUCH_OVERLAP)
        c_arr, r_arr = np.array(centres), np.array(placed_r)
        reach = r_arr + r - share * np.minimum(r_arr, r)
        best = None
        for _ in range(COMPACTNESS_TRIES):      # the closest of a few approaches: a compact mass
            u = rng.normal(size=3)
            u[2] *= flatten_z
            u /= np.linalg.norm(u)
            along = c_arr @ u
            across = np.sum(c_arr ** 2, axis=1) - along ** 2
            hit = reach ** 2 >= across
            t_stop = float((along[hit] + np.sqrt(reach[hit] ** 2 - across[hit])).max())
            if best is None or t_stop < best[0]:
                best = (t_stop, u)
        centres.append(best[1] * best[0])
        placed_r.append(r)
    centres_arr = np.array(centres)
    radii_arr = np.array(placed_r)
    kinds_arr = np.array(kinds)[order]
    draft = [Ball(c, r, 0.0) for c, r in zip(centres_arr, radii_arr, strict=True)]
    factor = (volume_ml / _union_volume_ml(draft, rng)) ** (1 / 3)
    centres_arr = (centres_arr - centres_arr.mean(0)) * factor
    radii_arr = np.clip(radii_arr * factor, NODULE_DIAMETER_MM[0] / 2, NODULE_DIAMETER_MM[1] / 2)
    balls = []
    for c, r, cystic in zip(centres_arr, radii_arr, kinds_arr, strict=True):
        if cystic:
            wall = min(rng.uniform(*WALL_MM), 0.6 * r)
            inner = r - wall
            balls.append(Ball(c, float(r), float(rng.uniform(*WALL_HU)), wall_mm=float(wall),
                              fluid_hu=float(rng.uniform(*FLUID_HU)), sediment_hu=float(rng.uniform(*SEDIMENT_HU)),
                              sediment_mm=float(rng.uniform(0, 2 * inner))))
        else:
            balls.append(Ball(c, float(r), float(rng.uniform(*NODULE_HU))))
    return balls


def _rotation(rng: np.random.Generator, flatten_z: float) -> np.ndarray:
    """A random rotation (about z only when the cluster was drawn flattened along z)."""
    if flatten_z < 1.0:
        a = rng.uniform(0, 2 * math.pi)
        return np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    q, r = np.linalg.qr(rng.normal(size=(3, 3)))
    q *= np.sign(np.diag(r))
    return q if np.linalg.det(q) > 0 else -q


def _lesion_points(balls: list[Ball], step: float) -> np.ndarray:
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    lo, hi = (centres - radii[:, None]).min(0), (centres + radii[:, None]).max(0)
    axes = [np.arange(a, b + step, step) for a, b in zip(lo, hi, strict=True)]
    pts = np.stack(np.meshgrid(*axes, indexing="ij"), -1).reshape(-1, 3)
    inside = np.zeros(len(pts), bool)
    for c, r in zip(centres, radii, strict=True):
        inside |= np.sum((pts - c) ** 2, axis=1) <= r * r
    return pts[inside]


def _surface_gap(ctx: ScanContext, balls: list[Ball]) -> float:
    """Smallest distance from the union of balls to the bone surface (negative: overlap)."""
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    return float(np.min(ctx.sample(ctx.sdf, centres) - radii))


def _fits(ctx: ScanContext, grid: Volume, balls: list[Ball], others: list[LesionPlan]) -> bool:
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    # inside the target grid's field of view, with a margin of 2 mm (and half a slice along z)
    inverse = np.linalg.inv(np.asarray(grid.affine, float))
    spacing = grid.spacing
    for sign in (-1, 1):
        corner = centres + sign * radii[:, None]
        ijk = corner @ inverse[:3, :3].T + inverse[:3, 3]
        margin = np.maximum(2.0 / spacing, 0.5)
        if (ijk < margin).any() or (ijk > np.array(grid.hu.shape) - 1 - margin).any():
            return False
    for other in others:
        oc = np.array([b.centre for b in other.balls])
        orad = np.array([b.radius_mm for b in other.balls])
        gaps = np.linalg.norm(centres[:, None] - oc[None], axis=-1) - radii[:, None] - orad[None]
        if gaps.min() < SEPARATION_MM:
            return False
    points = _lesion_points(balls, step=max(1.0, min(2.0, radii.min() / 2)))
    sdf = ctx.sample(ctx.sdf, points)
    soft = points[sdf >= 0]
    if len(soft) == 0:
        return False
    if ctx.sample(ctx.metal_distance, points).min() < METAL_MIN_MM:
        return False
    allowed = ctx.sample(ctx.allowed.astype(np.float32), soft, order=0) > 0.5
    return bool(allowed.mean() >= 0.98) and (sdf < 0).mean() < 0.1


def plan_lesion(rng: np.random.Generator, ctx: ScanContext, grid: Volume, others: list[LesionPlan]) -> LesionPlan | None:
    """One lesion at a periarticular site of the scan, or None when no valid place was found."""
    up = -np.asarray(grid.gravity(), float)
    u = rng.random()
    if u < CONTACT_SHARE:
        mode, gap = "contact", 0.0
    elif u < CONTACT_SHARE + MOULDING_SHARE:
        mode, gap = "moulding", -float(rng.uniform(*MOULDING_OVERLAP_MM))
    else:
        mode, gap = "gap", float(rng.uniform(*GAP_MM))
    near_metal = ctx.name == "pelvis" and rng.random() < NEAR_METAL_SHARE
    sites = sorted(ctx.anchors)
    max_ml = CHEST_MAX_ML if ctx.name == "chest" else VOLUME_ML[1]
    flatten = 0.6 if ctx.name == "chest" else 1.0
    volume_ml = _log_uniform(rng, VOLUME_ML[0], max_ml)
    septum_mm, septum_hu = float(rng.uniform(*SEPTUM_MM)), float(rng.uniform(*SEPTUM_HU))
    local = draw_cluster(rng, volume_ml, up, flatten)
    z_first = float((np.asarray(grid.affine) @ [0, 0, 0, 1])[2])
    z_last = float((np.asarray(grid.affine) @ [0, 0, grid.hu.shape[2] - 1, 1])[2])
    margin = max(2.0, grid.spacing[2] / 2)
    z_min, z_max = min(z_first, z_last) + margin, max(z_first, z_last) - margin
    for attempt in range(PLACEMENT_TRIES):
        if attempt and attempt % 20 == 0:   # this cluster fits nowhere: a new one (in the chest slab,
            if ctx.name == "chest":         # a smaller one: its soft tissue is a thin wall and an arm)
                volume_ml = max(VOLUME_ML[0], volume_ml * CHEST_SHRINK)
            local = draw_cluster(rng, volume_ml, up, flatten)
        rot = _rotation(rng, flatten)
        shape = [Ball(rot @ b.centre, b.radius_mm, b.hu, b.wall_mm, b.fluid_hu, b.sediment_hu, b.sediment_mm)
                 for b in local]
        first = shape[int(np.argmax([b.radius_mm for b in shape]))].centre
        shape = [b.moved(-first) for b in shape]      # the biggest ball's centre on the anchor line
        z_lo = min(b.centre[2] - b.radius_mm for b in shape)
        z_hi = max(b.centre[2] + b.radius_mm for b in shape)
        # anchors from which the lesion stays within the slices (z), at the drawn site; near the
        # metal: anchors 20-50 mm from it, at whichever site holds them
        pool = sites if near_metal else [sites[int(rng.integers(len(sites)))]]
        choices = []
        for site in pool:
            points = ctx.anchors[site][0]
            ok = (points[:, 2] + z_lo >= z_min) & (points[:, 2] + z_hi <= z_max)
            if near_metal:
                d = ctx.sample(ctx.metal_distance, points)
                ok &= (d >= METAL_MIN_MM) & (d <= NEAR_METAL_MM + 10)
            choices += [(site, n) for n in np.flatnonzero(ok)]
        if not choices:
            continue
        site, pick = choices[int(rng.integers(len(choices)))]
        anchor, normal = ctx.anchors[site][0][pick], ctx.anchors[site][1][pick]

        def at(t: float, anchor=anchor, normal=normal, shape=shape) -> list[Ball]:
            return [b.moved(anchor + normal * t) for b in shape]

        reach = max(np.linalg.norm(b.centre) + b.radius_mm for b in shape) + abs(gap) + 10.0
        lo, hi = 0.0, reach
        if _surface_gap(ctx, at(lo)) >= gap or _surface_gap(ctx, at(hi)) <= gap:
            continue
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if _surface_gap(ctx, at(mid)) < gap else (lo, mid)
        balls = at(hi)
        if abs(_surface_gap(ctx, balls) - gap) > 0.25:
            continue
        if not _fits(ctx, grid, balls, others):
            continue
        return LesionPlan(balls, septum_mm, septum_hu, site, mode, gap, volume_ml)
    return None


# ---- rendering and truth ------------------------------------------------------------------------
def _materials(points: np.ndarray, balls: list[Ball], septum_mm: float, septum_hu: float,
               up: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For LPS points (n, 3): inside the union, HU there, calcified (nodule, wall, sediment), fluid."""
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    dist = np.sqrt(np.maximum((points ** 2).sum(1)[:, None] - 2 * points @ centres.T + (centres ** 2).sum(1)[None], 0))
    depth = dist - radii[None]                           # < 0 inside a ball
    owner = np.argmin(depth, axis=1)
    rows = np.arange(len(points))
    first = depth[rows, owner]
    inside = first <= 0
    if len(balls) > 1:
        second = np.partition(depth, 1, axis=1)[:, 1]
        septum = inside & (second - first < septum_mm)
    else:
        septum = np.zeros(len(points), bool)
    hu = np.zeros(len(points))
    calcified = inside & ~septum
    fluid = np.zeros(len(points), bool)
    hu_of = np.array([b.hu for b in balls])
    hu[inside] = hu_of[owner[inside]]
    for n, b in enumerate(balls):
        if not b.cystic:
            continue
        mine = inside & ~septum & (owner == n)
        cavity = mine & (dist[:, n] <= b.inner_mm)
        height = (points - b.centre) @ up + b.inner_mm   # above the cavity's lowest point
        sediment = cavity & (height <= b.sediment_mm)
        liquid = cavity & ~sediment
        hu[liquid] = b.fluid_hu
        hu[sediment] = b.sediment_hu
        fluid |= liquid
        calcified &= ~liquid
    hu[septum] = septum_hu
    return inside, hu, calcified, fluid


def _sub_offsets(spacing: np.ndarray) -> list[np.ndarray]:
    factors = [max(1, math.ceil(s / SUBSAMPLE_MM - 1e-9)) for s in spacing]
    return [(np.arange(f) + 0.5) / f - 0.5 for f in factors]


def render(ctx: ScanContext, grid: Volume, plans: list[LesionPlan], noise_rng: np.random.Generator | None,
           thickness_mm: float) -> tuple[Volume, list[LesionTruth]]:
    """`grid` (the resampled real scan) with the lesions drawn in, and each lesion's truth."""
    hu = grid.hu.astype(np.float32)
    affine = np.asarray(grid.affine, float)
    inverse = np.linalg.inv(affine)
    spacing = grid.spacing
    up = -np.asarray(grid.gravity(), float)
    offsets = _sub_offsets(spacing)
    int(np.prod([len(o) for o in offsets]))
    sub_step = spacing / np.array([len(o) for o in offsets])
    noise_zone = np.zeros(hu.shape, bool)
    truths = []
    for index, plan in enumerate(plans):
        centres = np.array([b.centre for b in plan.balls])
        radii = np.array([b.radius_mm for b in plan.balls])
        corners = [(c @ inverse[:3, :3].T + inverse[:3, 3]) for c in
                   ((centres - radii[:, None]).min(0), (centres + radii[:, None]).max(0))]
        lo_ijk, hi_ijk = np.minimum(*corners), np.maximum(*corners)
        box = tuple(slice(max(math.floor(a) - 1, 0), min(math.ceil(b) + 2, n))
                    for a, b, n in zip(lo_ijk, hi_ijk, hu.shape, strict=True))
        shape = tuple(s.stop - s.start for s in box)
        ijk = np.stack(np.meshgrid(*[np.arange(s.start, s.stop) for s in box], indexing="ij"), -1).reshape(-1, 3)
        sub = np.stack(np.meshgrid(*offsets, indexing="ij"), -1).reshape(-1, 3)
        # only voxels the lesion can reach (the centre within half a voxel diagonal of a ball)
        centre_mm = ijk @ affine[:3, :3].T + affine[:3, 3]
        reach = np.full(len(ijk), np.inf)
        for c, r in zip(centres, radii, strict=True):
            reach = np.minimum(reach, np.linalg.norm(centre_mm - c, axis=1) - r)
        near = np.flatnonzero(reach <= np.linalg.norm(spacing) / 2 + 1e-6)
        frac = np.zeros(len(ijk))
        material = np.zeros(len(ijk))
        calc = np.zeros(len(ijk))
        fluid = np.zeros(len(ijk))
        coords_min = np.full(3, np.inf)
        coords_max = np.full(3, -np.inf)
        chunk = max(1, 150_000 // len(sub))
        for start in range(0, len(near), chunk):
            rows = near[start:start + chunk]
            part = ijk[rows].astype(float)
            pts_idx = (part[:, None, :] + sub[None]).reshape(-1, 3)
            pts = pts_idx @ affine[:3, :3].T + affine[:3, 3]
            inside, value, calcified, liquid = _materials(pts, plan.balls, plan.septum_mm, plan.septum_hu, up)
            if not inside.any():
                continue
            sdf = np.full(len(pts), np.inf, np.float32)
            sdf[inside] = ctx.sample(ctx.sdf, pts[inside])
            lesion = inside & (sdf >= 0)                 # bone kept where bone is
            if lesion.any():
                coords_min = np.minimum(coords_min, pts[lesion].min(0))
                coords_max = np.maximum(coords_max, pts[lesion].max(0))
            m = len(part)
            frac[rows] = lesion.reshape(m, -1).mean(1)
            material[rows] = np.where(lesion, value, 0.0).reshape(m, -1).mean(1)
            calc[rows] = (lesion & calcified).reshape(m, -1).mean(1)
            fluid[rows] = (lesion & liquid).reshape(m, -1).mean(1)
        frac, material = frac.reshape(shape), material.reshape(shape)
        region = hu[box]
        hu[box] = np.where(frac > 0, material + (1 - frac) * region, region)
        grow = np.maximum(np.rint(NOISE_MARGIN_MM / spacing).astype(int), 1)
        big_box = tuple(slice(max(s.start - g, 0), min(s.stop + g, n)) for s, g, n in zip(box, grow, hu.shape, strict=True))
        local = np.zeros(tuple(s.stop - s.start for s in big_box), bool)
        inner = tuple(slice(s.start - b.start, s.start - b.start + (s.stop - s.start)) for s, b in zip(box, big_box, strict=True))
        local[inner] = frac > 0
        zone = ndimage.binary_dilation(local, structure=np.ones(tuple(2 * g + 1 for g in grow), bool))
        noise_zone[big_box] |= zone

        extents = tuple(float(v) for v in (coords_max - coords_min + sub_step @ np.abs(affine[:3, :3] / spacing).T))
        mask = frac >= 0.5
        metal = float(np.min(ctx.sample(ctx.metal_distance, _lesion_points(plan.balls, 1.5))))
        # the gap from the balls' centres (exact for a distance field; sub-samples would miss the
        # point of contact by up to half their spacing)
        surface_gap = _surface_gap(ctx, plan.balls)
        gap = max(surface_gap, 0.0)
        contact = True if gap <= CONTACT_MM else (False if gap >= APART_MM else None)
        truths.append(LesionTruth(
            index=index, site=plan.site, mode=plan.mode, requested_gap_mm=plan.requested_gap_mm,
            volume_ml=float(frac.sum() * grid.voxel_ml), calcified_ml=float(calc.sum() * grid.voxel_ml),
            fluid_ml=float(fluid.sum() * grid.voxel_ml), extents_mm=extents,
            gap_mm=gap, overlap_mm=max(-surface_gap, 0.0), bone_contact=contact,
            has_fluid_level=any(b.shows_level for b in plan.balls),
            metal_distance_mm=metal, near_metal=metal < NEAR_METAL_MM,
            nodules=sum(not b.cystic for b in plan.balls), loculi=sum(b.cystic for b in plan.balls),
            centre_mm=tuple(float(v) for v in centres.mean(0)), box=box, mask=mask))
    if noise_rng is not None and noise_zone.any():
        sigma = NOISE_HU_3MM * math.sqrt(3.0 / thickness_mm)
        hu[noise_zone] += noise_rng.normal(0.0, sigma, int(noise_zone.sum())).astype(np.float32)
    out = Volume(hu=np.clip(np.rint(hu), -32768, 32767).astype(np.int16), affine=affine.copy(),
                 patient_position=grid.patient_position, source=grid.source, warnings=list(grid.warnings))
    return out, truths


# ---- a case -------------------------------------------------------------------------------------
@dataclass
class CaseDraw:
    """What a seed draws before anything is rendered: its scan, grid and lesion plans."""
    seed: int
    scan: str
    thickness_mm: float
    ctx: ScanContext
    grid: Volume
    plans: list[LesionPlan]
    dropped: int                   # drawn lesions that found no valid place
    noise_seed: np.random.SeedSequence


def draw_case(seed: int) -> CaseDraw:
    """The draws of this seed (make_case renders them): the same seed always gives the same ones."""
    root = np.random.SeedSequence([GENERATOR_VERSION, int(seed)])
    draw_seed, noise_seed = root.spawn(2)
    rng = np.random.default_rng(draw_seed)
    scan = SCANS[int(rng.choice(len(SCANS), p=SCAN_WEIGHTS))]
    thickness = float(rng.uniform(*THICKNESS_MM))
    count = int(rng.choice(LESION_COUNTS, p=LESION_COUNT_WEIGHTS))
    ctx = scan_context(scan)
    grid = resample_slices(ctx.volume, thickness)
    plans: list[LesionPlan] = []
    dropped = 0
    for _ in range(count):
        plan = plan_lesion(rng, ctx, grid, plans)
        if plan is None:
            dropped += 1
        else:
            plans.append(plan)
    return CaseDraw(int(seed), scan, thickness, ctx, grid, plans, dropped, noise_seed)


def render_case(draw: CaseDraw) -> Case:
    """A seed's draws rendered with its noise."""
    volume, truths = render(draw.ctx, draw.grid, draw.plans, np.random.default_rng(draw.noise_seed), draw.thickness_mm)
    return Case(seed=draw.seed, scan=draw.scan, thickness_mm=draw.thickness_mm, volume=volume, lesions=truths,
                dropped=draw.dropped)


def make_case(seed: int) -> Case:
    """The case of this seed: the same seed always gives the same scan, grid, lesions and noise."""
    return render_case(draw_case(seed))
