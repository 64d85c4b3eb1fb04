"""Detection and description of soft-tissue calcified masses (tumoral calcinosis) on CT.

Outline (all whole-array numpy/scipy.ndimage operations, no per-voxel Python loops):
0. the analysis grid: a CT finer than about ANALYSIS_VOXEL_MM is averaged in blocks onto a grid
   of about that size (grid.py): detection and shape judgements run there, so their cost does
   not grow with the cube of the resolution.
1. body: the largest component of tissue denser than air, holes filled; the table is cut off.
2. calcified voxels (>= CALCIFIED_HU) inside the body, 6-connected components.
3. metal (>= METAL_HU in any CT voxel of a block) and a METAL_MARGIN_MM zone around it (streaks)
   are left out.
4. bone and masses (skeleton.py): every calcified structure is made solid and cut at its necks
   into rounded regions, each judged at the CT's own resolution by its density profile: chalk
   (a tumoral calcinosis nodule), a loculus (a dense wall round fluid and sediment), or neither
   (bone, whose cortex is denser than its inside; cartilage; a structure the field of view cuts
   off that runs on). Touching chalk regions and their loculi form a mass, unless bone holds it
   on several sides; a mass is a lesion when it reaches LESION_MIN_ML. What is calcified and in
   no mass is bone, except small pieces: vascular calcifications, counted apart. Anything at or
   near metal is left out.
5. each lesion is measured at the CT's own resolution inside its box (calcified CT voxels follow
   the grid's split between lesion and bone): extents, densities and a volume corrected for
   partial volume at its surface, and the whole mass's (its septa and fluid too); on the grid,
   its lobules, a fluid-calcium level in its loculi
   (from the calcium shares, so below the voxel size too: a flat cap of fluid with sediment under
   it, or a walled cavity whose fluid stands on sediment, fluid_level.py), bone erosion where it
   touches a bone, and its body
   site from the nearest skeletal landmark.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from services.imaging.analysis import calcium as calcium_model
from services.imaging.analysis import fluid_level, rays, skeleton
from services.imaging.analysis.grid import Grid, analysis_grid, exceeds, reaches, voxels_in, within
from services.imaging.analysis.morphology import distance, fill_holes, in_plane
from services.imaging.analysis.volume import Volume, axis_towards, voxel_spacing, voxel_volume_ml

# ---- tunables (one place, one reason each) ----------------------------------------------------
BODY_HU = -400              # soft tissue and fat are above, air and lung below
CALCIFIED_HU = skeleton.CALCIFIED_HU
METAL_HU = 2500             # cortical bone stays below ~2000 HU; metal is above 2500-3000
METAL_MARGIN_MM = 20.0      # streak and blooming artefacts around metal reach about this far
BONE_REACH_MM = 30.0        # a bone goes on beyond this around a group; a lesion's own pieces do not
BONE_PIECE_MIN_ML = 25.0    # ... or it is at least this big within that reach (a mass's own non-chalk
                            # pieces, faint or blurred nodules, measured up to 20 mL)
SEPTUM_MAX_MM = 1.5         # the fibrous septa between a mass's nodules are thin lucent lines, about
                            # a millimetre (expert estimate; docs/domain.md section 5): the whole mass's
                            # outline is closed over gaps twice this wide (Imaging 95)
LESION_MIN_ML = 2.0         # smaller dense pieces are vessels, bone fragments or noise here
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
WALL_GAP_VOXELS = 1.0       # a loculus wall is closed over gaps this many grid voxels wide (thin
                            # walls lose voxels to partial volume)
LOCULUS_MIN_RADIUS_MM = 2.0  # a loculus's cavity is at least this deep (4 mm across)
FLUID_MIN_ML = 0.2          # a cystic loculus must hold at least this much fluid to show a level
OPEN_LOCULUS_MIN_RADIUS_MM = 4.0  # a cavity the faint voxels close is a loculus's this deep (8 mm across);
                            # the soft tissue the nodules' partial-volume rims enclose is a 3 mm voxel deep
FLAT_RATIO = 0.5            # fluid over sediment: its height varies at most this share of its breadth
                            # (a ball of fluid: 1; see settled_floor)
SEDIMENT_MIN_MM = 1.0       # ... and the calcium straight below it is this much thicker than the wall
                            # (the thinnest calcium above or beside it): a dent from above adds none
WALLED_MIN_MM = 1.0         # ... and it is walled all round: at least this much calcium crossed every way
                            # (a gap between solid nodules opens to the soft tissue somewhere)
RAY_MM = 30.0               # how far the calcium around a loculus's fluid is followed
RAY_STEP_MM = 0.5          # ... in steps of this (a sixth of a 3 mm voxel; shares interpolated)
EROSION_BRIDGE_MM = 15.0    # the bone's expected outline: its own, with dents a ball of this radius
                            # cannot enter bridged (cortex curves more gently than a mass's lobules)
EROSION_MIN_DEPTH_MM = 4.0  # a mass that has scalloped the bone lies deeper than this (over a grid
EROSION_MIN_ML = 0.2        # voxel) beneath that outline, over at least this volume; one touching an
                            # intact cortex, at most a partial-volume voxel's worth (<= 0.1 mL)
HIP_SECTION_CM2 = (3.0, 60.0)   # axial section of a femur (shaft ~5, head/trochanters up to ~40)
HIP_SECTION_FILL = 0.45     # femoral sections are compact: area / bounding-box area above this
HIP_SECTION_ASPECT = 2.5    # ... and not elongated like an iliac wing or a rib
HIP_LATERAL_MM = 45.0       # femurs lie at least this far from the midline

# Body sites (vocabulary.md, calcinosis-site codes) from the skeletal landmarks the CT shows:
# (landmark, site code, reach in mm). A lesion gets the site of the nearest landmark found within
# its reach, SITE_NOT_SEEN otherwise: no site is claimed without its landmark. The landmarks are
# those _Context.landmark_distance can find; a joint without a finder (shoulder, elbow, knee, ...)
# is not claimed.
SITE_LANDMARKS = (
    ("hip", "hip-gluteal", 110.0),      # gluteal muscles and trochanteric bursae lie within this
)
SITE_NOT_SEEN = "other"

# Owners of the analysis grid's calcified voxels around a lesion (see _Context.owners).
LESION, BONE, OTHER = 1, 2, 3


@dataclass(frozen=True)
class Lesion:
    laterality: str           # left | right | midline | bilateral (LPS +x is the patient's LEFT)
    extent_lr_mm: float
    extent_ap_mm: float
    extent_si_mm: float
    largest_diameter_mm: float
    volume_ml: float          # the calcified volume: nodules, loculus walls, sediment (partial volume
                              # counted, see _partial_volume); the fluid is apart
    fluid_volume_ml: float    # the fluid the calcified parts enclose (cystic loculi)
    mean_hu: float            # over the calcified voxels
    peak_hu: float
    lobule_count: int
    pattern: str              # vocabulary.md pattern code
    fluid_calcium_level: bool
    bone_contact: bool
    bone_erosion: bool | None
    body_site: str            # calcinosis-site code
    centroid_voxel: tuple[int, int, int]
    mass_volume_ml: float     # the whole mass: calcium, fluid and the septa between nodules (Imaging 95)


@dataclass(frozen=True)
class Findings:
    lesions: list[Lesion]     # largest first
    labels: np.ndarray        # int16, 0 background, n for lesions[n-1]
    vascular_calcifications: int
    metal_present: bool
    warnings: list[str]


# ---- small helpers ----------------------------------------------------------------------------
def _ball(radius_mm: float, spacing: np.ndarray) -> np.ndarray:
    """Ellipsoidal structuring element of a physical radius on an anisotropic grid."""
    r = np.maximum(voxels_in(radius_mm, spacing), 0)
    grids = np.ogrid[tuple(slice(-n, n + 1) for n in r)]
    return within(np.sqrt(sum((g * s) ** 2 for g, s in zip(grids, spacing, strict=True))), radius_mm)


def _deeper_than(mask: np.ndarray, depth_mm: float, spacing: np.ndarray) -> np.ndarray:
    """Voxels of `mask` farther than depth_mm from any voxel outside it (the array's outside
    included): an erosion by a ball of that radius, as one distance transform."""
    depth = distance(mask, spacing, border=True)
    return exceeds(depth, depth_mm)


def _closed(mask: np.ndarray, radius_mm: float, spacing: np.ndarray) -> np.ndarray:
    """Morphological closing by a ball, as two distance transforms (no large structuring element)."""
    grown = within(distance(~mask, spacing), radius_mm)
    return _deeper_than(grown, radius_mm, spacing) | mask


def _coords(affine: np.ndarray, index: tuple[np.ndarray, ...]) -> np.ndarray:
    """LPS coordinates (n, 3) in mm of voxel indices."""
    ijk = np.stack(index, axis=1).astype(float)
    return ijk @ affine[:3, :3].T + affine[:3, 3]


def _padded(box: tuple[slice, ...], shape: tuple[int, ...], pad: int) -> tuple[slice, ...]:
    return tuple(slice(max(s.start - pad, 0), min(s.stop + pad, n)) for s, n in zip(box, shape, strict=True))


def _padded_by(box: tuple[slice, ...], shape: tuple[int, ...], pads) -> tuple[slice, ...]:
    return tuple(slice(max(s.start - p, 0), min(s.stop + p, n)) for s, p, n in zip(box, pads, shape, strict=True))


def _component_sizes(labels: np.ndarray, count: int) -> np.ndarray:
    return np.bincount(labels.ravel(), minlength=count + 1)


def _body_mask(hu: np.ndarray, slice_axis: int) -> np.ndarray:
    tissue = ndimage.binary_opening(hu > BODY_HU, structure=in_plane(slice_axis), iterations=2)
    labels, count = ndimage.label(tissue)
    if count == 0:
        return np.zeros(hu.shape, bool)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    body = labels == int(np.argmax(sizes))
    body = fill_holes(body, in_plane(slice_axis))
    return ndimage.binary_dilation(body, structure=in_plane(slice_axis), iterations=2)


def _mass(calcified: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """The mass: calcified voxels and the loculi they enclose (walls with 1-voxel gaps still count)."""
    padded = np.pad(calcified, 2)
    closed = ndimage.binary_closing(padded, structure=_ball(spacing.max(), spacing)) | padded
    enclosed = fill_holes(closed) & ~closed  # loculi behind a leaky wall
    return (fill_holes(padded) | enclosed)[2:-2, 2:-2, 2:-2]


# ---- detection on the analysis grid -----------------------------------------------------------
def find_lesions(volume: Volume, progress: Callable[[str, int], None] = lambda stage, percent: None) -> Findings:
    hu = np.asarray(volume.hu)
    affine = np.asarray(volume.affine, dtype=float)
    warnings: list[str] = []
    slice_axis, _, si_cos = axis_towards(affine, np.array([0.0, 0.0, 1.0]))
    if si_cos < 0.9:
        warnings.append("The slices are not axial: slice-wise steps (hole filling, hip landmarks) are approximate")

    progress("resampling", 2)
    grid = analysis_grid(hu, affine)
    spacing, voxel_ml = grid.spacing, grid.voxel_ml

    progress("body", 5)
    body = _body_mask(grid.hu, slice_axis)
    calcified = (grid.hu >= CALCIFIED_HU) & body
    metal = (grid.peak >= METAL_HU) & body
    metal_present = bool(metal.sum() >= VASCULAR_MIN_VOXELS)
    near_metal = _near_metal(metal, spacing) if metal_present else np.zeros(metal.shape, bool)
    if metal_present:
        warnings.append("Metal present: calcifications within "
                        f"{METAL_MARGIN_MM:g} mm of it are not analysed (streak artefacts)")

    progress("components", 20)
    labels, count = ndimage.label(calcified)
    component_ml = _component_sizes(labels, count) * voxel_ml

    progress("skeleton", 35)
    # Bone told from masses by its density profile, region by region (see skeleton.py).
    solid = skeleton.solid(calcified, slice_axis, spacing)
    region_labels, n_regions = skeleton.split(solid, spacing)
    regions = skeleton.judge(hu, grid, region_labels, n_regions, slice_axis)
    regions = skeleton.split_finer(hu, grid, regions, slice_axis)
    region_labels, n_regions = regions.labels, regions.count
    # Streaks and blooming mimic chalk: a region mostly within the margin around metal is left out
    # (a mass reaching into the margin from outside it is not).
    # (split_finer's relabelling can leave a number with no voxel: it is at no metal, and no 0/0 is taken)
    sizes = _component_sizes(region_labels, n_regions)
    at_metal = 2 * np.bincount(region_labels.ravel(), weights=near_metal.ravel(), minlength=n_regions + 1) >= sizes
    at_metal &= sizes > 0
    regions.chalk[at_metal] = False
    if regions.on_cortex is not None:
        regions.on_cortex[at_metal] = False
    groups, _ = skeleton.masses(regions)

    progress("candidates", 50)
    candidates = []  # (box, the group's calcified voxels there, bone contact)
    for n, box in enumerate(ndimage.find_objects(groups), start=1):
        if box is None:
            continue
        box = _padded(box, grid.hu.shape, 2)
        group = groups[box] == n
        bone_there, own = _bone_around(solid, groups, n, box, spacing)
        if skeleton.held_by_bone(group, bone_there, spacing):
            groups[box][group] = 0  # bone after all: a dense piece inside the skeleton
            continue
        group |= own
        groups[box][own] = n
        mask = group & calcified[box]
        if mask.any() and _mass(mask, spacing).sum() * voxel_ml >= LESION_MIN_ML:
            # In contact with a bone (one that goes on, not a piece of its own): within a grid voxel.
            near = ndimage.binary_dilation(group, structure=np.ones((3, 3, 3), bool))
            candidates.append((box, mask, bool((near & bone_there & calcified[box]).any())))
    in_mass = groups > 0
    # Bone: what is calcified, in no mass, and bigger than a vascular calcification.
    bone = calcified & ~in_mass & (component_ml > VASCULAR_MAX_ML)[labels]
    index = np.arange(count + 1)
    unit_vox = _component_sizes(labels, count)
    unit_mean = ndimage.sum_labels(grid.hu, labels, index) / np.maximum(unit_vox, 1)
    unit_peak = ndimage.maximum(grid.peak, labels, index)  # the densest CT voxel: plaques are small
    unit_metal = ndimage.maximum(near_metal, labels, index)
    unit_in_mass = ndimage.maximum(in_mass, labels, index)
    vascular_units = ((unit_vox >= VASCULAR_MIN_VOXELS) & (component_ml <= VASCULAR_MAX_ML)
                      & (unit_peak >= VASCULAR_PEAK_HU) & (unit_mean >= VASCULAR_MEAN_HU)
                      & (unit_metal == 0) & (unit_in_mass == 0))
    vascular_units[0] = False
    del labels, groups, region_labels

    progress("measurements", 70)
    context = _Context(volume, hu, grid, body, bone, calcified, slice_axis, warnings)
    measured = [context.describe(box, mask, bone_contact=contact) for box, mask, contact in candidates]
    measured.sort(key=lambda item: -item[0].volume_ml)
    out = np.zeros(hu.shape, np.int16)  # pages stay unallocated outside the lesions' boxes
    for number, (_, box, mass) in enumerate(measured, start=1):
        out[box][mass & (out[box] == 0)] = number
    progress("done", 100)
    return Findings(
        lesions=[item[0] for item in measured],
        labels=out,
        vascular_calcifications=int(vascular_units.sum()),
        metal_present=metal_present,
        warnings=warnings,
    )


def _bone_around(solid: np.ndarray, groups: np.ndarray, n: int, box, spacing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Over `box`: the solid voxels outside the group that belong to a bone (a piece that goes on
    beyond the group's neighbourhood or is big on its own), and the group's own pieces that are
    not chalk (a faint nodule, a blurred one: small once the group is taken away, and touching
    it), which belong to the mass."""
    reach = np.ceil(BONE_REACH_MM / spacing).astype(int)
    wide = _padded_by(box, solid.shape, reach)
    group = groups[wide] == n
    others = solid[wide] & ~group
    pieces, count = ndimage.label(others, structure=np.ones((3, 3, 3), bool))
    sizes_ml = _component_sizes(pieces, count) * float(np.prod(spacing)) / 1000.0
    bone = sizes_ml >= BONE_PIECE_MIN_ML
    for axis in range(3):  # a piece the wider box cuts goes on beyond it
        bone[np.unique(np.take(pieces, 0, axis=axis))] = True
        bone[np.unique(np.take(pieces, -1, axis=axis))] = True
    bone[0] = False
    inner = tuple(slice(b.start - w.start, b.stop - w.start) for b, w in zip(box, wide, strict=True))
    touching = np.zeros(count + 1, bool)
    touching[np.unique(pieces[ndimage.binary_dilation(group, structure=np.ones((3, 3, 3), bool))])] = True
    touching[0] = False
    return bone[pieces][inner], (touching & ~bone)[pieces][inner]


def _near_metal(metal: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """Within METAL_MARGIN_MM of metal, computed in the metal's box only."""
    near = np.zeros(metal.shape, bool)
    reach = np.ceil(METAL_MARGIN_MM / spacing).astype(int) + 1
    metal_box = ndimage.find_objects(metal.astype(np.int8))[0]
    box = tuple(slice(max(s.start - r, 0), s.stop + r) for s, r in zip(metal_box, reach, strict=True))
    near[box] = within(distance(~metal[box], spacing), METAL_MARGIN_MM)
    return near


# ---- description of each lesion --------------------------------------------------------------
class _Context:
    """What the per-lesion measurements share: the CT, the analysis grid and its masks."""

    def __init__(self, volume, hu, grid: Grid, body, bone, calcified, slice_axis, warnings):
        self.ct_hu = hu
        self.ct_affine = np.asarray(volume.affine, dtype=float)
        self.ct_spacing, self.ct_voxel_ml = voxel_spacing(self.ct_affine), voxel_volume_ml(self.ct_affine)
        self.grid, self.body, self.bone, self.calcified = grid, body, bone, calcified
        self.slice_axis, self.warnings = slice_axis, warnings
        index = np.nonzero(body)
        self.midline_x = float(_coords(grid.affine, index)[:, 0].mean()) if index[0].size else 0.0
        self.gravity = volume.gravity()
        self._landmark_distance: dict[str, np.ndarray] = {}

    # -- landmarks ---------------------------------------------------------------------------
    def landmark_distance(self, landmark: str) -> np.ndarray:
        """Distance (mm) on the grid to the nearest voxel of a landmark; inf where it is not seen."""
        if landmark not in self._landmark_distance:
            found = {"hip": self.hip_joints}[landmark]()
            self._landmark_distance[landmark] = (
                distance(~found, self.grid.spacing)
                if found.any() else np.full(found.shape, np.inf))
        return self._landmark_distance[landmark]

    def hip_joints(self) -> np.ndarray:
        """The hip joints as the CT shows them: on each side, the largest stack of femur-like
        sections (the femoral head and neck in the acetabulum), where it ends inside the scan at
        its superior end (a femoral shaft leaving the scan there shows no joint)."""
        stacks, count = ndimage.label(self.femur_like_sections(), structure=np.ones((3, 3, 3), bool))
        if count == 0:
            return stacks > 0
        index = np.arange(count + 1)
        sizes = _component_sizes(stacks, count)
        side = np.sign(ndimage.mean(_x_grid(self.grid.affine, stacks.shape), stacks, index) - self.midline_x)
        axis, up, _ = axis_towards(self.grid.affine, np.array([0.0, 0.0, 1.0]))
        top = [(b[axis].stop - 1 if up > 0 else b[axis].start) if b else -1 for b in ndimage.find_objects(stacks)]
        inside = np.array([False] + [t not in (0, stacks.shape[axis] - 1) for t in top])
        joints = np.zeros(count + 1, bool)
        for direction in (-1, 1):
            candidates = np.flatnonzero(inside & (side == direction))
            if candidates.size:
                joints[candidates[np.argmax(sizes[candidates])]] = True
        return joints[stacks]

    def femur_like_sections(self) -> np.ndarray:
        """Femur-like axial bone sections: compact, of a femur's size, away from the midline (in a
        pelvic CT: the femoral heads, necks and trochanters, and bits of the ilium)."""
        grid = self.grid
        filled = fill_holes(self.bone, in_plane(self.slice_axis))
        sections, count = ndimage.label(filled, structure=in_plane(self.slice_axis))
        index = np.arange(count + 1)
        area_cm2 = _component_sizes(sections, count) * grid.voxel_ml * 1000 / grid.spacing[self.slice_axis] / 100
        keep = np.zeros(count + 1, bool)
        plane_axes = [a for a in range(3) if a != self.slice_axis]
        centre_x = ndimage.mean(_x_grid(grid.affine, self.bone.shape), sections, index)
        for n, box in enumerate(ndimage.find_objects(sections), start=1):
            if box is None or not HIP_SECTION_CM2[0] <= area_cm2[n] <= HIP_SECTION_CM2[1]:
                continue
            sides = np.array([(box[a].stop - box[a].start) * grid.spacing[a] for a in plane_axes])
            fill = area_cm2[n] * 100 / sides.prod()
            if (fill >= HIP_SECTION_FILL and sides.max() / sides.min() <= HIP_SECTION_ASPECT
                    and abs(centre_x[n] - self.midline_x) >= HIP_LATERAL_MM):
                keep[n] = True
        return keep[sections]

    # -- one lesion --------------------------------------------------------------------------
    def describe(self, box, calc, bone_contact: bool) -> tuple[Lesion, tuple[slice, ...], np.ndarray]:
        """The lesion whose calcified grid voxels are `calc` (over grid `box`), the CT box it lies
        in and its mask there."""
        grid = self.grid
        grid_mass = _mass(calc, grid.spacing)
        ct_box = grid.ct_box(box)
        hu = self.ct_hu[ct_box]
        ct_calc, ct_bone, ct_calcified = self.ct_masks(box, calc)
        enclosed = grid.to_ct(grid_mass & ~calc, box)  # loculi: the grid closes their leaky walls
        solid = fill_holes(ct_calc | enclosed)
        calcium, share, judged, density, walls = _partial_volume(hu, solid, ct_calc, ct_bone, ct_calcified,
                                                                 1.0 / grid.factors, self.ct_spacing)
        # The fluid and its level are judged on the shares they were built on (Imaging 34, 35:
        # against the densest calcium within two grid voxels), the walled cavity's judge on them over
        # every voxel of the mass (Imaging 66); the calcified volume on Imaging 40's.
        fluid, fluid_ml, loculi = self.fluid(hu, calcium, judged, ct_bone | (ct_calcified & ~ct_calc))
        # Imaging 37: the voxel interface of Imaging 19 is retired; these two see its levels.
        level = (settled_floor(np.where(loculi, 1.0 - judged, 0.0), judged, fluid, self.ct_affine,
                               self.gravity, self.ct_voxel_ml)
                 or fluid_level.level_in_cavities(walls, self.ct_affine, self.gravity, self.ct_voxel_ml,
                                                  density))
        mass = calcium | fluid
        offset = np.array([s.start for s in ct_box])
        index = np.nonzero(mass)
        xyz = _coords(self.ct_affine, tuple(i + o for i, o in zip(index, offset, strict=True)))
        size = np.abs(self.ct_affine[:3, :3]).sum(axis=1)  # a voxel's size along each patient axis
        extents = xyz.max(axis=0) - xyz.min(axis=0) + size
        values = hu[ct_calc]
        centroid = np.rint(np.array(index).mean(axis=1) + offset).astype(int)
        mass_on_grid = grid.to_grid(mass, box)
        lobules = self.lobules(mass_on_grid)
        volume_ml = float(share.sum() * self.ct_voxel_ml)
        lesion = Lesion(
            laterality=self.laterality(xyz),
            extent_lr_mm=float(extents[0]), extent_ap_mm=float(extents[1]), extent_si_mm=float(extents[2]),
            largest_diameter_mm=_largest_diameter(xyz) + float(self.ct_spacing.mean()),
            volume_ml=volume_ml,
            fluid_volume_ml=fluid_ml,
            mean_hu=float(values.mean()), peak_hu=float(values.max()),
            lobule_count=lobules,
            pattern=_pattern(lobules, volume_ml, xyz),
            fluid_calcium_level=level,
            bone_contact=bone_contact,
            bone_erosion=self.bone_erosion(box, grid_mass) if bone_contact else False,  # erosion needs contact
            body_site=self.site(box, mass_on_grid),
            centroid_voxel=(int(centroid[0]), int(centroid[1]), int(centroid[2])),
            mass_volume_ml=_whole_volume(mass, share, np.where(loculi, 1.0 - judged, 0.0), ct_calc,
                                         self.ct_spacing) * self.ct_voxel_ml,
        )
        return lesion, ct_box, mass

    def fluid(self, hu, calcium, share, others) -> tuple[np.ndarray, float, np.ndarray]:
        """The loculi's fluid: what the calcium encloses (its walls closed over gaps of one grid
        voxel), in pockets of at least FLUID_MIN_ML (the septa between touching nodules are
        thinner and branch). Its volume counts the fluid part of every enclosed voxel, the partial-volume
        voxels against the walls included, but not the outer surface's, whose other part is
        the tissue around the mass. Also the voxels counted (the loculi with their partial-volume
        rim), over which each voxel's fluid share is 1 - share."""
        walls = _closed(calcium, WALL_GAP_VOXELS * float(self.grid.spacing.max()), self.ct_spacing)
        enclosed = fill_holes(walls) & ~others
        pockets, count = ndimage.label(enclosed & ~calcium)
        sizes_ml = _component_sizes(pockets, count) * self.ct_voxel_ml
        depth = ndimage.maximum(distance(pockets > 0, self.ct_spacing), pockets,
                                np.arange(count + 1))
        # A loculus is a round cavity; the gaps between touching nodules are thin and branching.
        ball_ml = 4.0 / 3.0 * np.pi * np.asarray(depth, float) ** 3 / 1000.0
        loculi = (sizes_ml >= FLUID_MIN_ML) & reaches(depth, LOCULUS_MIN_RADIUS_MM) & (sizes_ml <= 4.0 * ball_ml)
        loculi[0] = False
        fluid = loculi[pockets]
        if not fluid.any():
            return fluid, 0.0, fluid
        inner = exceeds(distance(enclosed, self.ct_spacing, border=True),
                        float(self.ct_spacing.max()))
        near = within(distance(~fluid, self.ct_spacing), float(self.ct_spacing.max()) * 1.8)
        counted = (fluid | (near & inner & enclosed))
        return fluid, float((1.0 - share[counted]).sum() * self.ct_voxel_ml), counted

    def owners(self, box, calc) -> np.ndarray:
        """For each grid voxel of `box`: whose calcified grid voxel is nearest, within one grid
        voxel (LESION, BONE, OTHER; 0 beyond). CT voxels follow their grid voxel's owner, so the
        CT's calcified voxels split between a lesion and the bone it touches as the grid did."""
        kinds = np.zeros(calc.shape, np.uint8)
        kinds[self.calcified[box]] = OTHER
        kinds[self.bone[box]] = BONE
        kinds[calc] = LESION
        gap, nearest = ndimage.distance_transform_edt(kinds == 0, sampling=self.grid.spacing, return_indices=True)
        owner = kinds[tuple(nearest)]
        owner[gap > np.linalg.norm(self.grid.spacing) + 1e-6] = 0
        return owner

    def ct_masks(self, box, calc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Over the CT box of grid `box`: the lesion's calcified voxels, the bone's, and all."""
        owner = self.grid.to_ct(self.owners(box, calc), box)
        calcified = (self.ct_hu[self.grid.ct_box(box)] >= CALCIFIED_HU) & self.grid.to_ct(self.body[box], box)
        return calcified & (owner == LESION), calcified & (owner == BONE), calcified

    def bone_erosion(self, box, mass: np.ndarray) -> bool | None:
        """Whether the lesion has scalloped the bone it touches: part of it lies in a dent of the
        bone's outline (EROSION_MIN_ML deeper than EROSION_MIN_DEPTH_MM beneath the outline the
        bone would have without dents narrower than EROSION_BRIDGE_MM; cortex lost under it
        counts as dent). None where the scan cuts the lesion off (its contact may go on beyond).
        A mass nested in a natural hollow of the bone this narrow would read as an erosion."""
        grid = self.grid
        if skeleton.reaches_face(mass, box, grid.hu.shape):
            return None
        reach = np.ceil(2 * EROSION_BRIDGE_MM / grid.spacing).astype(int)
        wide = _padded_by(box, grid.hu.shape, reach)
        lesion = np.zeros(tuple(w.stop - w.start for w in wide), bool)
        lesion[tuple(slice(s.start - w.start, s.stop - w.start) for s, w in zip(box, wide, strict=True))] = mass
        bone = self.bone[wide] & ~lesion
        # The touching bone only: another bone nearby would be bridged to it.
        pieces, _ = ndimage.label(bone, structure=np.ones((3, 3, 3), bool))
        near_lesion = ndimage.binary_dilation(lesion, structure=np.ones((3, 3, 3), bool))
        touching = np.isin(pieces, np.unique(pieces[near_lesion & bone])) & (pieces > 0)
        # A bone the box cuts goes on beyond it: continue it straight rather than end it there.
        outline = _closed(np.pad(touching, [(r, r) for r in reach], mode="edge"), EROSION_BRIDGE_MM, grid.spacing)
        outline = outline[tuple(slice(r, r + n) for r, n in zip(reach, touching.shape, strict=True))]
        depth = distance(outline, grid.spacing, border=True)
        return bool((lesion & exceeds(depth, EROSION_MIN_DEPTH_MM)).sum() * grid.voxel_ml >= EROSION_MIN_ML)

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
        """Rounded nodules: separate maxima of the distance to the mass's surface (on the grid)."""
        spacing = self.grid.spacing
        depth = distance(mass, spacing, border=True)
        peaks = reaches(depth, LOBULE_MIN_RADIUS_MM) & (
            depth >= ndimage.maximum_filter(depth, footprint=_ball(LOBULE_SEPARATION_MM, spacing)))
        return int(ndimage.label(peaks, structure=np.ones((3, 3, 3), bool))[1])

    def site(self, box, mass: np.ndarray) -> str:
        """The site of the nearest landmark within its reach (SITE_LANDMARKS)."""
        nearest, site = np.inf, SITE_NOT_SEEN
        for landmark, code, reach in SITE_LANDMARKS:
            distance = float(self.landmark_distance(landmark)[box][mass].min()) if mass.any() else np.inf
            if distance <= reach and distance < nearest:
                nearest, site = distance, code
        return site


def _partial_volume(hu, mass, calc, bone, calcified, unit,
                    spacing) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The mass's voxels (a voxel counts when at least half of it is calcium), each voxel's share
    of calcium, the share the fluid and its level are judged on (Imaging 40: unchanged), the
    density (HU over the background) that share was taken against (Imaging 65), and the same share
    over every voxel of the mass for the walled cavity's judge (Imaging 66).

    A voxel holds a mix of calcium and what surrounds it (soft tissue outside, fluid in a
    loculus): its calcium share is where its HU lies between the background's and the pure
    density of its calcium, the densest nodule voxel (300 HU or more) within the blur's reach of
    it (one voxel, or 1.5 mm; farther where the image's own blur is wider than a voxel, as in an
    image interpolated finer than it was acquired: calcium.py, Imaging 81), never denser than the
    nearest nodule peak (Imaging 109): nodules differ, 300 to 1300 HU, and a faint nodule, its edge
    included, is not measured against a dense one beside it. A voxel with none in reach (a thin wall's, a small
    nodule's) is measured against the densest calcium within two grid voxels, as before. Summed
    over the mass and one analysis-grid voxel around it (`unit`:
    the CT voxel's size in grid voxels, so a finer CT, whose partial volume spreads over more
    voxels, is weighed over the same depth), the shares give the calcified volume whatever the
    voxel size. A wall or a sediment layer thinner than a voxel never shows its pure density, so
    its share is over- rather than under-estimated.
    """
    outside = distance(~mass, unit)
    grown = within(outside, 1.0)
    others = bone | (calcified & ~calc)  # the bone it touches, and other calcified tissue
    around = ~grown & within(outside, 3.0) & ~calcified
    background = float(np.median(hu[around])) if around.any() else 40.0
    # Without a nodule's pure voxel within the blur's reach: the densest within two grid voxels,
    # from one voxel outside the mass its interior's calcium is in reach.
    wide = [2 * max(int(round(2 / u)), 2) + 1 for u in unit]
    pure = calcium_model.pure_density(hu, calc, spacing, CALCIFIED_HU, skeleton.FREE_CORE_MIN_HU, wide)
    reach = np.isfinite(pure)  # beyond the reach of any calcium a voxel holds none
    pure = np.where(reach, np.maximum(pure, hu), hu)
    share = np.clip((hu.astype(np.float32) - background) / np.maximum(pure - background, 1.0), 0.0, 1.0)
    share = np.where(reach, share, 0.0)
    # As before Imaging 40 (what the fluid and its level are judged on): the densest calcium within
    # two grid voxels after a 3-voxel median.
    smooth = _median3_at(hu, calc)
    wide_pure = np.full(hu.shape, -np.inf, np.float32)
    wide_pure[calc] = smooth
    wide_pure = ndimage.maximum_filter(wide_pure, size=wide)
    fallback = float(np.median(smooth)) if calc.any() else CALCIFIED_HU
    wide_pure = np.where(np.isfinite(wide_pure), np.maximum(wide_pure, hu), fallback)
    judged = np.clip((hu.astype(np.float32) - background) / np.maximum(wide_pure - background, 1.0), 0.0, 1.0)
    # The calcium: at least half calcium, in or at the mass. Around it, one grid voxel of partial
    # volume, except on the bone's side, where a voxel's density is the bone's (cancellous bone the
    # watershed left with the mass is below half calcium and stays out too).
    inside = distance(mass, unit, border=True)
    dense_part = calc & exceeds(inside, 1.0)
    dense = float(np.median(hu[dense_part] if dense_part.any() else hu[calc]))
    # Which voxels are the lesion's: at least half calcium against the lesion's typical density
    # (a cortex voxel beside a nodule's edge is not, though it is against that edge's own; against
    # its own nodule's density, faint regions the grid gave the mass at a trochanter joined it).
    core = (hu >= background + 0.5 * (dense - background)) & grown & ~others
    core |= exceeds(inside, 1.0) & calc & ~others
    rim = within(distance(~core, unit), 1.0)
    bone_side = within(distance(~others, unit), 1.0) if others.any() else others
    counted = core | (rim & ~bone_side & ~others)
    density = np.maximum(wide_pure - background, 1.0).astype(np.float32)
    # Imaging 66: a loculus's floor, sediment and walls are calcium however faint or partial-volumed:
    # counted keeps only what is at least half the lesion's typical density and one grid voxel
    # round it, so a faint wall or a sediment layer blurred under that (a 2 mm layer of 450 HU in a
    # mass of 900 HU nodules) read as soft tissue and the cavity lay open. Its judge takes every
    # voxel of the mass and one grid voxel round it, the bone and other calcified tissue still out.
    walls = np.where((core | (grown & ~bone_side)) & ~others, judged, 0.0)
    return core, np.where(counted, share, 0.0), np.where(counted, judged, 0.0), density, walls


def _median3_at(hu: np.ndarray, where: np.ndarray) -> np.ndarray:
    """ndimage.median_filter(hu, size=3) (float32) at the voxels of `where` only, in their C order:
    the same values (the 14th of the 27 about each, its edges mirrored as scipy's 'reflect'), read
    only where they are used (Imaging 100: the mass's calcium, a fraction of its box)."""
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(hu, 1, mode="symmetric"), (3, 3, 3))
    index = np.nonzero(where)
    out = np.empty(len(index[0]), np.float32)
    for start in range(0, len(out), 65536):  # bounded memory: 64k windows at a time
        part = tuple(i[start:start + 65536] for i in index)
        out[start:start + 65536] = np.partition(windows[part].reshape(len(part[0]), 27), 13, axis=1)[:, 13]
    return out


def _whole_volume(mass: np.ndarray, share: np.ndarray, fluid_share: np.ndarray, faint: np.ndarray,
                  spacing: np.ndarray) -> float:
    """The whole mass in CT voxels (Imaging 95). Its outline: its calcium and fluid, closed over
    the septa (gaps up to twice SEPTUM_MAX_MM, or a voxel) and holes filled. Every voxel inside
    the outline that no voxel outside it touches by a face is all lesion, whatever its density: the septa
    between nodules (fibrous tissue of 10-60 HU, resolved or not) and the fluid of loculi too
    small to count as such are the mass's as much as its calcium. Only the outline's own voxels
    and the rim round them, where a voxel's other part is the tissue around the mass, count their
    shares: of calcium (as the calcified volume does) and of a loculus's fluid. A cleft the closing
    bridges at the surface stays in the outline's voxels, counted by their (soft-tissue) share."""
    # Closed by one unit, along each axis the larger of SEPTUM_MAX_MM and a voxel: a septum across
    # thick slices leaves a whole slice below half calcium.
    unit = spacing / np.maximum(spacing, SEPTUM_MAX_MM)
    outline = fill_holes(_closed(mass, 1.0, unit))
    outline |= _open_loculi(mass, outline, faint, unit, spacing)
    deep = exceeds(distance(outline, 1.0, border=True), 1.0)
    return float(np.where(deep, 1.0, np.minimum(share + fluid_share, 1.0)).sum())


def _open_loculi(mass: np.ndarray, outline: np.ndarray, faint: np.ndarray, unit: np.ndarray,
                 spacing: np.ndarray) -> np.ndarray:
    """The cavities of loculi whose wall the mass leaves open, with that wall (Imaging 103). A
    faint wall (300-450 HU, 1.5-2.5 mm) beside dense nodules reads under half their density on 3
    mm pixels, so it is no calcium of the mass: its cavity opens to the tissue round it, outside
    the outline, and none of its fluid counts. Above CALCIFIED_HU (`faint`: the lesion's own such
    voxels) the wall is there: the outline's closing (`unit`) of the mass and them encloses the
    cavity. A pocket so enclosed counts when it is a loculus as fluid() asks (at least
    FLUID_MIN_ML, at most four times the ball of its depth) and OPEN_LOCULUS_MIN_RADIUS_MM deep,
    with the faint voxels round it; the faint rim round the nodules elsewhere stays out."""
    walled = mass | faint
    cavity = fill_holes(_closed(walled, 1.0, unit)) & ~outline & ~walled
    pockets, count = ndimage.label(cavity)
    if count == 0:
        return cavity
    sizes_ml = _component_sizes(pockets, count) * float(np.prod(spacing)) / 1000.0
    depth = np.asarray(ndimage.maximum(distance(cavity, spacing), pockets, np.arange(count + 1)), float)
    ball_ml = 4.0 / 3.0 * np.pi * depth ** 3 / 1000.0
    keep = (sizes_ml >= FLUID_MIN_ML) & reaches(depth, OPEN_LOCULUS_MIN_RADIUS_MM) & (sizes_ml <= 4.0 * ball_ml)
    keep[0] = False
    kept = keep[pockets]
    if not kept.any():
        return kept
    return kept | (faint & ~outline & ndimage.binary_dilation(kept, structure=np.ones((3, 3, 3), bool)))


def settled_floor(fluid_share: np.ndarray, calcium_share: np.ndarray, fluid: np.ndarray, affine: np.ndarray,
                  gravity: np.ndarray, voxel_ml: float) -> bool:
    """A fluid-calcium level seen below the voxel size, from the loculus's partial-volume profile.

    A fluid layer one 3 mm voxel thick along gravity shows no flat interface of voxels, but each
    voxel's share of fluid (`fluid_share`, over the loculi and their partial-volume rim) and of
    calcium (`calcium_share`) still says where each lies, to a fraction of a voxel. Fluid over
    settled calcium is a cap, flatter than the round cavity it fills: in a loculus (at least
    FLUID_MIN_ML of fluid), the variance of the fluid's height (voxels weighted by their fluid
    share, less the voxel's own extent: a box of width w adds w^2 / 12 whatever its phase) is at
    most FLAT_RATIO of its horizontal variance (a ball of fluid: 1; a quarter of a round cavity's
    height settled: 0.63, half of it: 0.3). A loculus dented from above by a neighbouring nodule
    is flattened too, but from its roof: its cavity, bounded by the wall, holds nothing below the
    fluid. So the sediment must be there: the calcium straight down from the fluid (calcium
    shares summed along the ray, in mm, to where the mass ends) at least SEDIMENT_MIN_MM thicker
    than the wall, the thinnest calcium straight up or horizontally from it. Judged in patient
    millimetres along gravity, whatever the voxel axes."""
    pockets, count = ndimage.label(fluid_share > 0, structure=np.ones((3, 3, 3), bool))
    if count == 0:
        return False
    index = np.arange(count + 1)
    amounts = ndimage.sum_labels(fluid_share, pockets, index) * voxel_ml
    has_fluid = ndimage.maximum(fluid, pockets, index).astype(bool)
    g = gravity / np.linalg.norm(gravity)
    helper = np.eye(3)[int(np.argmin(np.abs(g)))]
    h1 = np.cross(g, helper)
    h1 /= np.linalg.norm(h1)
    h2 = np.cross(g, h1)
    blur = [float(((affine[:3, :3].T @ d) ** 2).sum()) / 12.0 for d in (g, h1, h2)]
    calcium = calcium_share.astype(np.float32)
    for n in np.flatnonzero((amounts >= FLUID_MIN_ML) & has_fluid):
        if n == 0:
            continue
        where = np.nonzero(pockets == n)
        w = fluid_share[where]
        ijk = np.stack(where, axis=1).astype(float)
        centre = (ijk * w[:, None]).sum(axis=0) / w.sum()
        xyz = (ijk - centre) @ affine[:3, :3].T
        variance = [float((w * (xyz @ d) ** 2).sum() / w.sum()) - b for d, b in zip((g, h1, h2), blur, strict=True)]
        horizontal = (variance[1] + variance[2]) / 2
        if not (horizontal > 0 and variance[0] <= FLAT_RATIO * horizontal):
            continue
        below = _calcium_along(calcium, affine, centre, g)
        wall = min(_calcium_along(calcium, affine, centre, d) for d in (-g, h1, -h1, h2, -h2))
        if below >= wall + SEDIMENT_MIN_MM and all(
                _calcium_along(calcium, affine, centre, d) >= WALLED_MIN_MM for d in rays.DIRECTIONS):
            return True
    return False


def _calcium_along(calcium: np.ndarray, affine: np.ndarray, start: np.ndarray, direction: np.ndarray) -> float:
    """The calcium (mm) a ray from voxel index `start` along `direction` (patient mm) crosses
    before the mass ends (rays.crossed)."""
    return rays.crossed(calcium, affine, start, direction, RAY_MM, RAY_STEP_MM)[1]


def _x_grid(affine: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """LPS x (mm) of every voxel, as a broadcastable sum (no full index grids needed)."""
    i, j, k = np.ogrid[tuple(slice(0, n) for n in shape)]
    return np.broadcast_to(affine[0, 0] * i + affine[0, 1] * j + affine[0, 2] * k + affine[0, 3], shape)


def _largest_diameter(xyz: np.ndarray) -> float:
    if len(xyz) < 2:
        return 0.0
    from scipy.spatial import ConvexHull
    from scipy.spatial.distance import cdist

    try:
        points = xyz[ConvexHull(xyz).vertices]
    except Exception:  # flat or tiny point sets have no 3-D hull
        points = xyz
    if len(points) > 4000:
        points = points[np.linspace(0, len(points) - 1, 4000).astype(int)]
    # Row blocks: a fine CT's hull has thousands of vertices, too many for one distance matrix.
    return float(max(cdist(points[n:n + 512], points).max() for n in range(0, len(points), 512)))


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
