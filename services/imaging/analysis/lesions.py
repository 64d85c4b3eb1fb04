"""Detection and description of soft-tissue calcified masses (tumoral calcinosis) on CT.

Outline (all whole-array numpy/scipy.ndimage operations, no per-voxel Python loops):
1. body: the largest component of tissue denser than air, holes filled; the table is cut off.
2. calcified voxels (>= CALCIFIED_HU) inside the body, 6-connected components.
3. metal (>= METAL_HU) and a METAL_MARGIN_MM zone around it (streaks) are left out.
4. skeleton: the big components (>= SKELETON_MIN_ML). A mass touching a bone merges with it, so
   the big components are filled slice by slice and eroded by SPLIT_RADIUS_MM, which cuts thin
   contacts; each of their voxels goes to the nearest remaining core. Voxels of big cores are
   bone; those of small cores are candidates (bone fragments or a mass touching a bone).
5. candidates (small components and small cores' shares) whose calcified voxels are chalky
   (mean >= LESION_MEAN_HU) are grouped when they touch (a mass the erosion split into nodules);
   a group is a lesion when its mass (calcified voxels plus what they enclose) reaches
   LESION_MIN_ML. Bone fragments, ribs and costal cartilage are less dense on average; vascular
   calcifications are small (counted apart); anything at or near metal is left out.
6. each lesion is measured in patient (LPS) axes; its volume is corrected for partial volume at
   its surface; its loculi are searched for a flat fluid-calcium level perpendicular to gravity.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from services.imaging.analysis.volume import Volume

# ---- tunables (one place, one reason each) ----------------------------------------------------
BODY_HU = -400              # soft tissue and fat are above, air and lung below
CALCIFIED_HU = 130          # the usual CT calcium threshold (Agatston); muscle/blood stay below ~100
METAL_HU = 2500             # cortical bone stays below ~2000 HU; metal is above 2500-3000
METAL_MARGIN_MM = 20.0      # streak and blooming artefacts around metal reach about this far
SKELETON_MIN_ML = 50.0      # calcified components this big are (or contain) bone: the skeleton
SPLIT_RADIUS_MM = 3.0       # erosion radius that cuts a mass from a bone it touches (1 voxel at
                            # 3 mm); larger radii split the femurs and pelvis into dense pieces
SOLID_DEPTH_MM = 4.5        # deeper than this inside calcium: more than a cortical shell (at 3 mm)
SOLID_FRACTION = 0.15       # a big chalky piece with this share of deep voxels is a mass, not bone
LESION_MIN_ML = 2.0         # smaller dense pieces are vessels, bone fragments or noise here
LESION_MEAN_HU = 420.0      # TC is chalky: calcified voxels average above this; bone edges, ribs
                            # and costal cartilage measured at <= 400 (mean over HU >= 130)
VASCULAR_MAX_ML = 1.5       # a vascular calcification is a few mm: at most about this volume
VASCULAR_MIN_VOXELS = 2     # one isolated voxel over the threshold is noise
VASCULAR_PEAK_HU = 400      # plaques are dense; rib/cartilage fragments at the scan edge peak lower
VASCULAR_MEAN_HU = 200      # ... and average above partial-volumed cartilage fragments
MIDLINE_MM = 15.0           # a lesion centred within this distance of the body's midline is midline
BILATERAL_FRACTION = 0.35   # a lesion with this share of its volume on each side is bilateral
LOBULE_MIN_RADIUS_MM = 3.0  # a lobule is a rounded nodule at least this thick (about 6 mm across)
LOBULE_SEPARATION_MM = 6.0  # two lobule centres closer than this are one lobule
LOBULATED_MIN_LOBULES = 3   # a cluster of at least this many nodules is lobulated / cloud-like
ELONGATION_LINEAR = 4.0     # principal axis ratio above which a mass is sheet-like / linear
PUNCTATE_MAX_ML = 0.5       # smaller masses are punctate
FLUID_MIN_ML = 0.2          # a cystic loculus must hold at least this much fluid to show a level
SEDIMENT_HU = 300.0         # the calcium layer below a fluid level averages above this
SEDIMENT_MIN_MM = 6.0       # ... and is at least this thick (a loculus wall is thinner)
LEVEL_MIN_VOXELS = 5        # a level must cover at least this many voxels
LEVEL_AREA_FRACTION = 0.5   # the fluid's flat bottom covers at least this share of the loculus's
                            # widest cross-section (the bottom of a round, empty loculus is small)
LEVEL_STRAY_FRACTION = 0.1  # fluid voxels below that level (partial volume, noise): at most this share
LEVEL_MIN_LAYERS = 3        # the fluid must be this many voxels tall to tell a flat bottom from a bowl
HIP_SECTION_CM2 = (3.0, 60.0)   # axial section of a femur (shaft ~5, head/trochanters up to ~40)
HIP_SECTION_FILL = 0.45     # femoral sections are compact: area / bounding-box area above this
HIP_SECTION_ASPECT = 2.5    # ... and not elongated like an iliac wing or a rib
HIP_LATERAL_MM = 45.0       # femurs lie at least this far from the midline
HIP_DISTANCE_MM = 110.0     # gluteal muscles and trochanteric bursae lie within this of the femur


@dataclass(frozen=True)
class Lesion:
    laterality: str           # left | right | midline | bilateral (LPS +x is the patient's LEFT)
    extent_lr_mm: float
    extent_ap_mm: float
    extent_si_mm: float
    largest_diameter_mm: float
    volume_ml: float          # the mass: calcified voxels plus the fluid/soft contents they enclose
    mean_hu: float            # over the calcified voxels
    peak_hu: float
    lobule_count: int
    pattern: str              # vocabulary.md pattern code
    fluid_calcium_level: bool
    bone_contact: bool
    bone_erosion: bool | None
    body_site: str            # calcinosis-site code
    centroid_voxel: tuple[int, int, int]


@dataclass(frozen=True)
class Findings:
    lesions: list[Lesion]     # largest first
    labels: np.ndarray        # int16, 0 background, n for lesions[n-1]
    vascular_calcifications: int
    metal_present: bool
    warnings: list[str]


def _ball(radius_mm: float, spacing: np.ndarray) -> np.ndarray:
    """Ellipsoidal structuring element of a physical radius on an anisotropic grid."""
    r = np.maximum(np.floor(radius_mm / spacing + 1e-6).astype(int), 0)
    grids = np.ogrid[tuple(slice(-n, n + 1) for n in r)]
    dist = sum((g * s / radius_mm) ** 2 for g, s in zip(grids, spacing))
    return dist <= 1.0 + 1e-9


def _in_plane(axis: int) -> np.ndarray:
    """6-neighbour cross restricted to the plane perpendicular to `axis` (slice-by-slice ops)."""
    structure = ndimage.generate_binary_structure(3, 1)
    index = [slice(None)] * 3
    index[axis] = [0, 2]
    structure[tuple(index)] = False
    return structure


def _axis_towards(affine: np.ndarray, direction: np.ndarray) -> tuple[int, int, float]:
    """The voxel axis best aligned with a patient direction, its sign, and |cos| of the angle."""
    columns = affine[:3, :3] / np.linalg.norm(affine[:3, :3], axis=0)
    cosines = columns.T @ direction
    axis = int(np.argmax(np.abs(cosines)))
    return axis, int(np.sign(cosines[axis])), float(abs(cosines[axis]))


def _coords(affine: np.ndarray, index: tuple[np.ndarray, ...]) -> np.ndarray:
    """LPS coordinates (n, 3) in mm of voxel indices."""
    ijk = np.stack(index, axis=1).astype(float)
    return ijk @ affine[:3, :3].T + affine[:3, 3]


def _body_mask(hu: np.ndarray, slice_axis: int) -> np.ndarray:
    tissue = ndimage.binary_opening(hu > BODY_HU, structure=_in_plane(slice_axis), iterations=2)
    labels, count = ndimage.label(tissue)
    if count == 0:
        return np.zeros(hu.shape, bool)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    body = labels == int(np.argmax(sizes))
    body = ndimage.binary_fill_holes(body, structure=_in_plane(slice_axis))
    return ndimage.binary_dilation(body, structure=_in_plane(slice_axis), iterations=2)


def _component_sizes(labels: np.ndarray, count: int) -> np.ndarray:
    return np.bincount(labels.ravel(), minlength=count + 1)


def find_lesions(volume: Volume, progress: Callable[[str, int], None] = lambda stage, percent: None) -> Findings:
    hu = np.asarray(volume.hu)
    affine = np.asarray(volume.affine, dtype=float)
    spacing = volume.spacing
    voxel_ml = abs(float(np.linalg.det(affine[:3, :3]))) / 1000.0
    warnings: list[str] = []
    slice_axis, _, si_cos = _axis_towards(affine, np.array([0.0, 0.0, 1.0]))
    if si_cos < 0.9:
        warnings.append("The slices are not axial: slice-wise steps (hole filling, hip landmarks) are approximate")

    progress("body", 5)
    body = _body_mask(hu, slice_axis)
    calcified = (hu >= CALCIFIED_HU) & body
    metal = (hu >= METAL_HU) & body
    metal_present = bool(metal.sum() >= VASCULAR_MIN_VOXELS)
    if metal_present:
        near_metal = np.zeros(hu.shape, bool)
        reach = np.ceil(METAL_MARGIN_MM / spacing).astype(int) + 1
        metal_box = ndimage.find_objects(metal.astype(np.int8))[0]
        box = tuple(slice(max(s.start - r, 0), s.stop + r) for s, r in zip(metal_box, reach))
        near_metal[box] = ndimage.distance_transform_edt(~metal[box], sampling=spacing) <= METAL_MARGIN_MM
        warnings.append("Metal present: calcifications within "
                        f"{METAL_MARGIN_MM:g} mm of it are not analysed (streak artefacts)")
    else:
        near_metal = np.zeros(hu.shape, bool)

    progress("components", 20)
    labels, count = ndimage.label(calcified)
    sizes_ml = _component_sizes(labels, count) * voxel_ml
    big = np.flatnonzero(sizes_ml >= SKELETON_MIN_ML)
    big = big[big > 0]
    big_mask = np.isin(labels, big)

    progress("skeleton", 35)
    # A mass touching a bone merges with it. Fill the marrow slice by slice and erode: thin
    # contacts and cortex vanish, solid cores stay. Every voxel of the big components goes to
    # its nearest core; the cores that stay big are bone, the others are candidates.
    filled = ndimage.binary_fill_holes(big_mask, structure=_in_plane(slice_axis))
    cores = ndimage.binary_erosion(filled, structure=_ball(SPLIT_RADIUS_MM, spacing))
    pieces, n_pieces = ndimage.label(cores)
    assigned = np.zeros(hu.shape, np.int32)
    if n_pieces:
        box = ndimage.find_objects(big_mask.astype(np.int8))[0]
        nearest = ndimage.distance_transform_edt(~cores[box], sampling=spacing,
                                                 return_distances=False, return_indices=True)
        assigned[box] = np.where(big_mask[box], pieces[box][tuple(nearest)], 0)
        del nearest
    core_ml = _component_sizes(pieces, n_pieces) * voxel_ml
    core_ml[0] = 0
    # Big cores are bone, except a chalky, solid one besides the largest (a big mass on its own):
    # long-bone cortex is a thin shell and cancellous bone is not chalky.
    index = np.arange(n_pieces + 1)
    share_mean = ndimage.sum_labels(hu, assigned, index) / np.maximum(_component_sizes(assigned, n_pieces), 1)
    bone_like = core_ml >= SKELETON_MIN_ML
    chalky = bone_like & (share_mean >= LESION_MEAN_HU)
    chalky[int(np.argmax(core_ml))] = False
    for n in np.flatnonzero(chalky):
        box = _padded(ndimage.find_objects((assigned == n).astype(np.int8))[0], hu.shape, 1)
        share = assigned[box] == n
        depth = ndimage.distance_transform_edt(np.pad(share, 1), sampling=spacing)[1:-1, 1:-1, 1:-1]
        bone_like[n] = (depth[share] >= SOLID_DEPTH_MM).mean() < SOLID_FRACTION
    bone_pieces = np.flatnonzero(bone_like)
    skeleton = big_mask & (np.isin(assigned, bone_pieces[bone_pieces > 0]) | (assigned == 0))
    regrown = big_mask & ~skeleton

    progress("candidates", 50)
    # Units: each small component, and each small core's share of the big components.
    units = np.where(big_mask, 0, labels).astype(np.int32)
    units[regrown] = count + assigned[regrown]
    n_units = count + n_pieces
    index = np.arange(n_units + 1)
    unit_vox = _component_sizes(units, n_units)
    unit_mean = ndimage.sum_labels(hu, units, index) / np.maximum(unit_vox, 1)
    unit_peak = ndimage.maximum(hu, units, index)
    unit_metal = ndimage.maximum(near_metal, units, index)
    dense = (unit_vox > 0) & (unit_mean >= LESION_MEAN_HU) & (unit_metal == 0)
    dense[0] = False
    # Dense units that touch form one candidate (a mass split by the erosion into nodules).
    groups = ndimage.label(dense[units])[0]
    objects = ndimage.find_objects(groups)
    bone_near = ndimage.binary_dilation(skeleton)
    lesion_boxes = []
    for n, box in enumerate(objects, start=1):
        box = _padded(box, hu.shape, 2)
        mask = groups[box] == n
        if _mass(mask, spacing).sum() * voxel_ml >= LESION_MIN_ML:
            lesion_boxes.append((box, mask, bool((mask & bone_near[box]).any())))
    in_lesion = np.zeros(n_units + 1, bool)
    for box, mask, _ in lesion_boxes:
        in_lesion[np.unique(units[box][mask])] = True
    vascular_units = ((unit_vox >= VASCULAR_MIN_VOXELS) & (unit_vox * voxel_ml <= VASCULAR_MAX_ML)
                      & (unit_peak >= VASCULAR_PEAK_HU) & (unit_mean >= VASCULAR_MEAN_HU)
                      & (unit_metal == 0) & ~in_lesion)
    vascular_units[0] = False
    vascular_units[count + 1:] = False  # pieces of the skeleton's components are not vessels
    vascular = int(vascular_units.sum())

    progress("measurements", 70)
    context = _Context(volume, hu, affine, spacing, voxel_ml, body, skeleton, calcified, slice_axis, warnings)
    measured = []
    for box, mask, contact in lesion_boxes:
        lesion = context.describe(box, mask, bone_contact=contact)
        measured.append((lesion.volume_ml, lesion, box, context.last_mass))
    measured.sort(key=lambda item: -item[0])
    out = np.zeros(hu.shape, np.int16)
    for number, (_, _, box, mass) in enumerate(measured, start=1):
        out[box][mass & (out[box] == 0)] = number
    progress("done", 100)
    return Findings(
        lesions=[item[1] for item in measured],
        labels=out,
        vascular_calcifications=vascular,
        metal_present=metal_present,
        warnings=warnings,
    )


def _padded(box: tuple[slice, ...], shape: tuple[int, ...], pad: int) -> tuple[slice, ...]:
    return tuple(slice(max(s.start - pad, 0), min(s.stop + pad, n)) for s, n in zip(box, shape))


def _mass(calcified: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """The mass: calcified voxels and the loculi they enclose (walls with 1-voxel gaps still count)."""
    padded = np.pad(calcified, 2)
    closed = ndimage.binary_closing(padded, structure=_ball(spacing.max(), spacing)) | padded
    enclosed = ndimage.binary_fill_holes(closed) & ~closed  # loculi behind a leaky wall
    return (ndimage.binary_fill_holes(padded) | enclosed)[2:-2, 2:-2, 2:-2]


class _Context:
    """What the per-lesion measurements share (whole-volume masks and geometry)."""

    def __init__(self, volume, hu, affine, spacing, voxel_ml, body, skeleton, calcified, slice_axis, warnings):
        self.volume, self.hu, self.affine, self.spacing, self.voxel_ml = volume, hu, affine, spacing, voxel_ml
        self.calcified, self.skeleton, self.slice_axis, self.warnings = calcified, skeleton, slice_axis, warnings
        index = np.nonzero(body)
        self.midline_x = float(_coords(affine, index)[:, 0].mean()) if index[0].size else 0.0
        self.gravity = volume.gravity()
        self.down_axis, self.down_sign, cos = _axis_towards(affine, self.gravity)
        if cos < 0.9:
            warnings.append("No voxel axis is vertical: fluid-calcium levels are judged approximately")
        self._hip_distance = None
        self.last_mass = None

    # -- landmarks ---------------------------------------------------------------------------
    def hip_distance(self) -> np.ndarray | None:
        """Distance (mm) to the nearest femur-like axial bone section; None when there is none."""
        if self._hip_distance is None:
            filled = ndimage.binary_fill_holes(self.skeleton, structure=_in_plane(self.slice_axis))
            sections, count = ndimage.label(filled, structure=_in_plane(self.slice_axis))
            index = np.arange(count + 1)
            area_cm2 = _component_sizes(sections, count) * self.voxel_ml * 1000 / self.spacing[self.slice_axis] / 100
            keep = np.zeros(count + 1, bool)
            in_plane = [a for a in range(3) if a != self.slice_axis]
            centre_x = ndimage.mean(_x_grid(self.affine, self.skeleton.shape), sections, index)
            for n, box in enumerate(ndimage.find_objects(sections), start=1):
                if box is None or not HIP_SECTION_CM2[0] <= area_cm2[n] <= HIP_SECTION_CM2[1]:
                    continue
                sides = np.array([(box[a].stop - box[a].start) * self.spacing[a] for a in in_plane])
                fill = area_cm2[n] * 100 / sides.prod()
                if (fill >= HIP_SECTION_FILL and sides.max() / sides.min() <= HIP_SECTION_ASPECT
                        and abs(centre_x[n] - self.midline_x) >= HIP_LATERAL_MM):
                    keep[n] = True
            hip = keep[sections]
            self._hip_distance = (ndimage.distance_transform_edt(~hip, sampling=self.spacing)
                                  if hip.any() else np.full(hip.shape, np.inf))
        return self._hip_distance

    # -- one lesion --------------------------------------------------------------------------
    def describe(self, box, calc_mask, bone_contact: bool) -> Lesion:
        hu = self.hu[box]
        mass, fraction = self.extent(hu, calc_mask, self.skeleton[box], self.calcified[box])
        self.last_mass = mass
        offset = np.array([s.start for s in box])
        index = np.nonzero(mass)
        xyz = _coords(self.affine, tuple(i + o for i, o in zip(index, offset)))
        size = np.abs(self.affine[:3, :3]).sum(axis=1)  # a voxel's size along each patient axis
        extents = xyz.max(axis=0) - xyz.min(axis=0) + size
        values = hu[calc_mask].astype(float)
        centroid = np.rint(np.array(index).mean(axis=1) + offset).astype(int)
        lobules = self.lobules(mass)
        volume_ml = float(fraction.sum() * self.voxel_ml)
        return Lesion(
            laterality=self.laterality(xyz),
            extent_lr_mm=float(extents[0]), extent_ap_mm=float(extents[1]), extent_si_mm=float(extents[2]),
            largest_diameter_mm=_largest_diameter(xyz) + float(self.spacing.mean()),
            volume_ml=volume_ml,
            mean_hu=float(values.mean()), peak_hu=float(values.max()),
            lobule_count=lobules,
            pattern=_pattern(lobules, volume_ml, xyz),
            fluid_calcium_level=self.fluid_level(hu, _mass(calc_mask, self.spacing), calc_mask),
            bone_contact=bone_contact,
            bone_erosion=None if bone_contact else False,  # erosion needs contact; judging it needs more
            body_site=self.site(box, mass),
            centroid_voxel=(int(centroid[0]), int(centroid[1]), int(centroid[2])),
        )

    def extent(self, hu, calc_mask, skeleton, calcified) -> tuple[np.ndarray, np.ndarray]:
        """The mass's voxels and each voxel's share of mass (partial-volume corrected).

        A voxel on the mass's surface holds a mix of calcium and surrounding tissue: its share is
        where its HU lies between the surroundings' and the mass's own dense interior.
        """
        mass = _mass(calc_mask, self.spacing)
        interior = ndimage.binary_erosion(mass)
        grown = ndimage.binary_dilation(mass)
        surface = (grown & ~interior) & ~(skeleton & ~mass)
        around = ndimage.binary_dilation(grown, iterations=2) & ~grown & ~calcified
        background = float(np.median(hu[around])) if around.any() else 40.0
        dense_part = calc_mask & interior
        dense = float(np.median(hu[dense_part] if dense_part.any() else hu[calc_mask]))
        share = np.clip((hu.astype(float) - background) / max(dense - background, 1.0), 0.0, 1.0)
        fraction = np.where(interior, 1.0, np.where(surface, share, 0.0))
        return interior | (surface & (share >= 0.5)), fraction

    def laterality(self, xyz: np.ndarray) -> str:
        dx = xyz[:, 0] - self.midline_x
        left, right = (dx > MIDLINE_MM).mean(), (dx < -MIDLINE_MM).mean()
        if left >= BILATERAL_FRACTION and right >= BILATERAL_FRACTION:
            return "bilateral"
        centre = dx.mean()
        if abs(centre) <= MIDLINE_MM:
            return "midline"
        return "left" if centre > 0 else "right"

    def lobules(self, mass: np.ndarray) -> int:
        """Rounded nodules: separate maxima of the distance to the mass's surface."""
        depth = ndimage.distance_transform_edt(np.pad(mass, 1), sampling=self.spacing)[1:-1, 1:-1, 1:-1]
        peaks = (depth >= LOBULE_MIN_RADIUS_MM) & (
            depth >= ndimage.maximum_filter(depth, footprint=_ball(LOBULE_SEPARATION_MM, self.spacing)))
        return int(ndimage.label(peaks, structure=np.ones((3, 3, 3), bool))[1])

    def fluid_level(self, hu, mass, calc_mask) -> bool:
        """A sedimentation sign: in a loculus, fluid whose bottom is flat and perpendicular to
        gravity, over a calcium layer at least SEDIMENT_MIN_MM thick (an empty loculus has only
        its thin wall below). A loculus too small or boxy to be flat in one direction only is
        not judged a level."""
        fluid = mass & ~calc_mask & (hu < CALCIFIED_HU)
        holes, count = ndimage.label(fluid)
        axis, sign = self.down_axis, self.down_sign
        steps = max(1, int(round(SEDIMENT_MIN_MM / self.spacing[axis])))
        n_layers = hu.shape[axis]
        sizes = _component_sizes(holes, count) * self.voxel_ml
        for n in np.flatnonzero(sizes >= FLUID_MIN_ML):
            if n == 0:
                continue
            hole = holes == n
            level = _flat_bottom(hole, axis, sign)
            if level is None or not steps <= level < n_layers - steps:
                continue
            others = [(a, s) for a in range(3) for s in (-1, 1) if (a, s) != (axis, sign)]
            if any(_flat_bottom(hole, a, s) is not None for a, s in others):
                continue  # flat on other sides too: a small or boxy loculus, not a level
            at_level = np.take(hole, level, axis=axis)
            below = [np.take(hu, level + sign * d, axis=axis)[at_level] for d in range(1, steps + 1)]
            if all(values.mean() >= SEDIMENT_HU for values in below):
                return True
        return False

    def site(self, box, mass: np.ndarray) -> str:
        distance = self.hip_distance()[box]
        near = float(distance[mass].min()) if mass.any() else np.inf
        return "hip-gluteal" if near <= HIP_DISTANCE_MM else "other"


def _flat_bottom(hole: np.ndarray, axis: int, sign: int) -> int | None:
    """The layer (index along `axis`) of a flat face of `hole` on its `sign` side, or None.

    Flat: the face's layer spans at least LEVEL_AREA_FRACTION of the widest cross-section, at
    most LEVEL_STRAY_FRACTION of that lies beyond it, and LEVEL_MIN_LAYERS layers rise above it.
    """
    counts = np.bincount(np.nonzero(hole)[axis], minlength=hole.shape[axis])
    used = np.flatnonzero(counts)
    layers = np.arange(used.min(), used.max() + 1)
    if sign > 0:  # the face is on the high-index side
        layers = layers[::-1]
    seq = counts[layers]
    p = int(np.flatnonzero(seq >= LEVEL_AREA_FRACTION * seq.max())[0])
    if seq[p] >= LEVEL_MIN_VOXELS and seq[:p].sum() <= LEVEL_STRAY_FRACTION * seq[p] \
            and len(seq) - p >= LEVEL_MIN_LAYERS:
        return int(layers[p])
    return None


def _x_grid(affine: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """LPS x (mm) of every voxel, as a broadcastable sum (no full index grids needed)."""
    i, j, k = np.ogrid[tuple(slice(0, n) for n in shape)]
    return np.broadcast_to(affine[0, 0] * i + affine[0, 1] * j + affine[0, 2] * k + affine[0, 3], shape)


def _largest_diameter(xyz: np.ndarray) -> float:
    if len(xyz) < 2:
        return 0.0
    try:
        from scipy.spatial import ConvexHull

        points = xyz[ConvexHull(xyz).vertices]
    except Exception:  # flat or tiny point sets have no 3-D hull
        points = xyz
    if len(points) > 4000:
        points = points[np.linspace(0, len(points) - 1, 4000).astype(int)]
    diff = points[:, None, :] - points[None, :, :]
    return float(np.sqrt((diff ** 2).sum(-1)).max())


def _pattern(lobules: int, volume_ml: float, xyz: np.ndarray) -> str:
    """Vocabulary pattern code from size, shape (principal axes) and the number of lobules."""
    if volume_ml < PUNCTATE_MAX_ML:
        return "punctate"
    spread = np.sqrt(np.maximum(np.linalg.eigvalsh(np.cov((xyz - xyz.mean(0)).T)), 1e-6))[::-1]
    if spread[0] / spread[1] >= ELONGATION_LINEAR:
        return "tubular-band"
    if spread[1] / spread[2] >= ELONGATION_LINEAR:
        return "sheet-linear"
    if lobules >= LOBULATED_MIN_LOBULES:
        return "lobulated-cloudlike"
    return "amorphous"
