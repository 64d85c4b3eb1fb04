"""Bone told from calcified masses by what bone is, not by what it is connected to.

Every calcified structure is first made solid (in-plane holes the size of a marrow cavity or a
cystic loculus filled) and cut at its necks into rounded regions: a watershed of the distance to
its surface, one region per distinct bulge (Vincent & Soille 1991; the usual way to separate
touching objects). A mass against a bone meets it at such a neck however much of the cortex it
overlaps, so it becomes regions of its own.

Each region is then judged by its density profile, which is what tells a bone on CT:
- bone has a cortex: a dense shell around a less dense inside (cancellous bone, fatty marrow),
  whether it is a whole skeleton, a humerus cut off by the field of view, a rib, a patella, a
  sesamoid, an osteophyte or a fragment; costal cartilage calcifies at its rim too;
- a tumoral calcinosis nodule is chalk: as dense inside as at its surface, or denser (partial
  volume only softens its edge), at 300-1500 HU;
- a cystic loculus is a dense wall around fluid (0-40 HU) with a calcium layer settled in it; it
  belongs to a mass when it is round and lies against the mass's nodules, or is a mass itself
  when it lies apart, whole in the scan (no bone holds fluid on its own), while a marrow cavity
  is fatty and runs along its bone;
- what a bone's region is not: the middle of a big cluster, whole in the scan among the mass's
  nodules, with no cortex two or three times as dense as its inside; a faint nodule lying on a
  bone, outside its cortex: every path from its core into the bone's inside climbs over a ridge
  denser than both, while a region of the bone's own reaches the inside of its neighbours through
  cancellous bone (continuity along the bone);
- a cavity the scan cuts off is no loculus: its closing wall is not seen, and a marrow cavity runs
  along its bone out of the field of view;
- a chalk-dense region the scan cuts off that lies against bone, touching no mass whole in the
  scan, is a piece of that bone (a vertebra's sclerotic rim, a rib's end, a calcified costal
  cartilage cut by the slab's face): the bone goes on beyond the face.
"""

from dataclasses import dataclass

import numpy as np
from scipy import ndimage
from skimage.segmentation import watershed

from services.imaging.analysis.grid import GEOMETRY_TOLERANCE, Grid, within
from services.imaging.analysis.morphology import bounds, depth_inside, distance, fill_holes, h_maxima, in_plane

# ---- tunables (one reason each) ---------------------------------------------------------------
CALCIFIED_HU = 130          # the usual CT calcium threshold (Agatston); muscle and blood stay below
MAX_HOLE_CM2 = 16.0         # in-plane holes up to this (about 45 mm across: a femoral shaft's
                            # marrow, a large loculus) are filled; the pelvic ring's and the
                            # rib cage's contents are not
NECK_MM = 1.0               # a bulge whose depth exceeds its neck's by this is a region of its own
CORE_SHARE = 0.5            # a region's core: its voxels at least this share of its greatest depth
CORE_MIN_HU = 420.0         # a chalk core; cancellous bone and marrow cores, measured at the CT's
                            # resolution on the two real scans, stay below (humeri 160-350 HU; rib
                            # regions of the chest slab reconstructed at 1.6-2.3 mm reach 390 HU)
SHELL_MM = 4.0              # a region's shell: its calcified voxels this close to its surface
SHELL_RATIO = 0.7           # a chalk core is nearly as dense as its shell's denser quarter (a
                            # mass's nodules vary); bone's cortex is much denser than its inside
FAINT_SHELL_RATIO = 0.8     # a faint nodule is about as dense inside as at its surface; bone's
                            # cancellous inside measured 0.4-0.55 of its cortex
FAINT_AMONG_CHALK = 0.5     # ... and counts as chalk when chalk regions make up this share of what it
                            # touches (a bone region touches a mass on one face, its own bone on others)
FREE_MAX_ML = 25.0          # a rounded calcified piece this small, touching nothing and whole in the
FREE_CORE_MIN_HU = 300.0    # scan, is chalk at a fainter core than CORE_MIN_HU (faint nodules are 300
FREE_SHELL_RATIO = 0.65     # HU and more) unless its shell is much denser: a free bone (a sesamoid, an
                            # ossicle) has a cortex two or three times as dense as its inside. (Against
                            # bone, the same rule took thin-slice pubic and rib regions for chalk.)
NODULE_ELONGATION = 3.0     # nodules and loculi are rounded; a longer structure that the field of
                            # view cuts off goes on beyond it: a rib, costal cartilage, a shaft
ROUND_RATIO = 4.0           # round: volume <= this x the ball of its greatest depth (a tube is not)
FAT_HU = -30.0              # a core below this is fatty marrow, not a loculus's fluid
FLUID_MAX_HU = 80.0         # a loculus's fluid (0-40 HU) stays below this with noise and partial volume
CANCELLOUS_MAX_HU = 380.0   # cancellous bone lies between CALCIFIED_HU and this
CANCELLOUS_MAX_SHARE = 0.5  # a loculus's core is fluid and sediment, not mostly cancellous-like
LOCULUS_FLUID_SHARE = 0.3   # ... and at least this much of it fluid (or it is dense with sediment)
LOCULUS_MAX_BONE_SHARE = 0.15  # a loculus lies among its mass's nodules and soft tissue, not bone
HELD_MIN_SHARE = 0.1        # a group with this share of its surroundings in bone may be held by it
ONE_SIDED_MIN = 0.5         # ... unless the contact is one-sided: masses against a bone, even in a
                            # notch they eroded, measured 0.67-0.94; a facet between processes 0.35
SURFACE_MM = 8.0            # a bone's outer surface is as smooth as a ball this size rolled inside it:
                            # a long bone's shaft, 20-30 mm across; a nodule's cap beyond its neck
                            # (5-10 mm nodules) is not (Imaging 84)
FINE_MM = 1.0               # where the CT's in-plane voxels are the grid's, split_finer cuts on a copy
                            # interpolated to about this (the chest CT's 0.98 mm, where its cut finds
                            # a cluster's 5-10 mm nodules on a cortex: Imaging 69, 91)
FINE_CORE_MIN_HU = 520.0    # ... where a piece cut there needs a core denser than a blurred cortex and
OUTSIDE_SMOOTH_SHARE = 0.5  # cancellous bone, and to lie mostly beyond the bone's smooth surface
CORTEX_REACH_MM = 15.0      # how far into a touching bone its inside is looked for (a femoral
                            # cortex is up to about 8 mm thick; past this the bone goes on)


@dataclass(frozen=True)
class Regions:
    labels: np.ndarray        # int32: region number of each solid grid voxel, 0 outside
    count: int
    chalk: np.ndarray         # bool per region number (index 0: background, always False)
    loculus: np.ndarray       # bool per region: a round cavity a mass may hold
    walled: np.ndarray        # bool per region: a loculus whose wall is chalk (a mass on its own)
    faint: np.ndarray         # bool per region: as dense inside as at its surface, but fainter than chalk
    truncated: np.ndarray | None = None  # bool per region: it reaches a face of the scan
    on_cortex: np.ndarray | None = None  # bool per region: a faint nodule lying on a bone's cortex


@dataclass(frozen=True)
class Profile:
    """One region seen at the CT's own resolution."""
    core_hu: float            # median over its deepest voxels (the deeper half of its depth)
    shell_hu: float           # 75th percentile of its calcified voxels within SHELL_MM of its surface
    cancellous_share: float   # share of its core in the cancellous-bone range
    fluid_share: float        # share of its core in the fluid range (not fat)
    elongation: float         # longest over shortest principal axis
    round: bool               # volume <= ROUND_RATIO x the ball of its greatest depth
    truncated: bool           # it reaches a face of the scan
    free: bool = False        # its calcified piece is small, whole in the scan and touches no other

    @property
    def chalk(self) -> bool:
        if (self.free and self.elongation <= NODULE_ELONGATION and self.core_hu >= FREE_CORE_MIN_HU
                and self.core_hu >= FREE_SHELL_RATIO * self.shell_hu):
            return True
        return bool(self.core_hu >= CORE_MIN_HU and self.core_hu >= SHELL_RATIO * self.shell_hu
                    and (self.elongation <= NODULE_ELONGATION or not self.truncated))

    @property
    def faint(self) -> bool:
        """A rounded region as dense inside as at its surface (no cortex), with a core of a faint
        nodule: chalk where chalk surrounds it (masses()). A region whole in the scan is held to
        the free piece's test (FREE_SHELL_RATIO: no cortex two or three times as dense as its
        inside): the middle of a big cluster holds faint nodules and septa under denser nodules,
        and its shell is theirs. One the scan cuts off is held to FAINT_SHELL_RATIO: a bone
        goes on beyond the field of view (the chest slab's ribs, whose regions measured 0.65-0.75)."""
        ratio = FAINT_SHELL_RATIO if self.truncated else FREE_SHELL_RATIO
        return bool(not self.chalk and self.elongation <= NODULE_ELONGATION and self.core_hu >= FREE_CORE_MIN_HU
                    and self.core_hu >= ratio * self.shell_hu)

    @property
    def walled(self) -> bool:
        # A loculus whose wall is chalk is a mass on its own; so is one that is a piece apart, whole
        # in the scan, with a wall of a faint nodule's density: no bone encloses fluid on its own.
        wall = CORE_MIN_HU if not self.free else FREE_CORE_MIN_HU
        return self.loculus and self.shell_hu >= wall and self.fluid_share >= LOCULUS_FLUID_SHARE

    @property
    def loculus(self) -> bool:
        # Fluid, or fluid over sediment (a core of both, its median anywhere between), or sediment
        # enough to make the core dense; never mostly the cancellous band. Several loculi the
        # watershed kept together are not round, but whole in the scan and fluid inside a chalk
        # wall (a bone's marrow is fat or the cancellous band, and a tube runs out of the scan).
        # A loculus is a cavity its wall closes: one the scan cuts off is not seen closed, and a
        # marrow cavity runs along its bone out of the scan (a humeral shaft's red marrow is
        # 20-80 HU, as a loculus's fluid, and a short slab makes the shaft look round).
        fluid_or_sediment = self.fluid_share >= LOCULUS_FLUID_SHARE or self.core_hu >= CORE_MIN_HU
        several = self.fluid_share >= LOCULUS_FLUID_SHARE and self.shell_hu >= CORE_MIN_HU
        return bool(not self.chalk and not self.truncated and (self.round or several)
                    and self.elongation <= NODULE_ELONGATION
                    and fluid_or_sediment and self.cancellous_share < CANCELLOUS_MAX_SHARE)


def solid(calcified: np.ndarray, slice_axis: int, spacing: np.ndarray) -> np.ndarray:
    """The calcified voxels with their in-plane holes of at most MAX_HOLE_CM2 filled."""
    area_cm2 = float(np.prod([s for a, s in enumerate(spacing) if a != slice_axis])) / 100.0
    largest = MAX_HOLE_CM2 * (1 + GEOMETRY_TOLERANCE) / area_cm2
    return fill_holes(calcified, in_plane(slice_axis), largest)


def split(solid_mask: np.ndarray, spacing: np.ndarray) -> tuple[np.ndarray, int]:
    """Regions of the solid mask cut at its necks, numbered."""
    depth = distance(solid_mask, spacing, border=True)
    # Integer tenths of a millimetre: h-maxima on floats is fragile (skimage's own advice).
    tenths = np.rint(depth * 10).astype(np.int32)
    markers, _ = ndimage.label(h_maxima(tenths, int(round(NECK_MM * 10))), structure=np.ones((3, 3, 3), bool))
    labels = watershed(-tenths, markers, mask=solid_mask).astype(np.int32)
    return labels, int(labels.max())


def judge(ct_hu: np.ndarray, grid: Grid, labels: np.ndarray, count: int, slice_axis: int) -> Regions:
    """Each region's profile at the CT's resolution: chalk, a loculus, or neither (bone, cartilage)."""
    ct_spacing = grid.ct_spacing
    chalk, loculus, walled, faint, truncated = (np.zeros(count + 1, bool) for _ in range(5))
    free = _free_pieces(labels, grid.voxel_ml)
    for r, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        box = tuple(slice(max(s.start - 2, 0), min(s.stop + 2, n)) for s, n in zip(box, labels.shape, strict=True))
        hu = ct_hu[grid.ct_box(box)]
        cut = reaches_face(labels[box] == r, box, labels.shape)
        found = profile(hu, grid.to_ct(labels[box] == r, box), slice_axis, ct_spacing, cut, bool(free[r]))
        if found is not None:
            chalk[r], loculus[r], walled[r], faint[r] = found.chalk, found.loculus, found.walled, found.faint
        truncated[r] = cut
    chalk &= ~_bone_pieces_cut_off(labels, chalk, loculus | faint, truncated)
    on_cortex = _on_cortex(ct_hu, grid, labels, chalk | loculus, faint & ~truncated, faint)
    return Regions(labels, count, chalk, loculus, walled, faint, truncated, on_cortex)


def split_finer(ct_hu: np.ndarray, grid: Grid, regions: Regions, slice_axis: int) -> Regions:
    """Each region judged bone cut again at its necks on the CT's own voxels, where the CT is finer
    than the analysis grid in the slice's plane: the chalk pieces whole in the scan become regions
    of their own (chalk), the rest stays with the bone (Imaging 69).

    A mass moulded onto a bone is often a cluster of small nodules (5-10 mm), each two or three
    grid voxels across: on the grid no nodule is deeper than its neck by NECK_MM, so the watershed
    floods them from the bone and the region's profile is the bone's (a cortex round its marrow).
    On the CT's voxels the nodules are rounded bulges on the cortex's outer face, cut at their
    necks like any other; the bone stays one deep piece, the marrow filled (solid). A piece is
    taken out of the bone only if it is what a nodule is and a piece of bone is not: chalk
    (Profile.chalk) and as dense inside as at its surface by FAINT_SHELL_RATIO, the contrast that
    tells a nodule from a cortex round its inside in _on_cortex (a costal cartilage calcified at
    its rim measured 0.77, the generator's nodules 0.8-1.0), rounded (NODULE_ELONGATION: a
    cortical plate or a process runs along its bone) and whole in the scan (a bone goes on beyond
    the field of view: Imaging 53). Where the grid's in-plane voxels are the CT's (the 3 mm pelvis), the
    cut runs on a copy of the region's box interpolated to about FINE_MM in the plane, where a piece
    must also have a core denser than a blurred cortex over cancellous bone (FINE_CORE_MIN_HU) and
    bulge out of the bone's smooth surface (Imaging 91); a mass moulded onto a bone with no neck
    there either stays with the bone (Imaging 69's limits)."""
    up = np.ones(3, int)
    if (np.delete(grid.factors, slice_axis) <= 1).all():
        # The CT's in-plane voxels are the grid's (the 3 mm pelvis): cut on a copy of each bone
        # region's box interpolated to about FINE_MM in the plane (Imaging 91).
        up = np.maximum(np.ceil(grid.ct_spacing / FINE_MM * (1 - GEOMETRY_TOLERANCE)).astype(int), 1)
        up[slice_axis] = 1
        if (up <= 1).all():
            return regions
    bone = ~(regions.chalk | regions.loculus | regions.faint)
    if regions.on_cortex is not None:
        bone &= ~regions.on_cortex
    bone[0] = False
    labels = regions.labels.copy()
    ct_spacing = grid.ct_spacing / up
    factors = grid.factors * up
    scan_shape = tuple(int(n) for n in np.asarray(ct_hu.shape) * up)
    added = 0
    for r, box in enumerate(ndimage.find_objects(regions.labels), start=1):
        if box is None or not bone[r]:
            continue
        box = tuple(slice(max(s.start - 1, 0), min(s.stop + 1, n)) for s, n in zip(box, labels.shape, strict=True))
        ct_box = grid.ct_box(box)
        hu = ct_hu[ct_box]
        region = grid.to_ct(regions.labels[box] == r, box)
        if not (hu[region] >= CORE_MIN_HU).any():
            continue  # no piece of it can have a chalk core
        if (up > 1).any():
            hu, region = _finer(hu, up), _repeated(region, up)
            ct_box = tuple(slice(s.start * u, s.stop * u) for s, u in zip(ct_box, up, strict=True))
        calcified = hu >= CALCIFIED_HU
        # Over the region's own bounding box, then the solid's: the box's margin (a grid voxel, a few
        # CT voxels, each side) is outside both, and a hole that reaches the crop's face reached the
        # box's face through that margin, so the solid, its depth and its maxima are the same.
        own = bounds(region)
        solid_ct = np.zeros(region.shape, bool)
        solid_ct[own] = solid(calcified[own] & region[own], slice_axis, ct_spacing) & region[own]
        if not solid_ct.any():
            continue
        tight = bounds(solid_ct)
        pieces = np.zeros(region.shape, np.int32)
        pieces[tight], count = split(solid_ct[tight], ct_spacing)
        if count < 2:
            continue
        # Each piece's profile as `profile` gives it, the box's solid and its depth computed once, and
        # only once a piece passes the tests that need no depth (Imaging 75: most bones' pieces
        # reach the scan's face, are long or have no voxel dense enough for a chalk core). A piece
        # lies in the box's solid: a hole of the region's calcified voxels is, in all the box's, a
        # hole no larger, closed in the same slice (Imaging 79).
        depth: np.ndarray | None = None
        smooth: np.ndarray | None = None
        nodules = np.zeros(pieces.shape, bool)
        for s, piece_box in enumerate(ndimage.find_objects(pieces), start=1):
            if piece_box is None:
                continue
            piece = pieces[piece_box] == s
            where = tuple(slice(p.start + c.start, p.stop + c.start) for p, c in zip(piece_box, ct_box, strict=True))
            if reaches_face(piece, where, scan_shape) or piece.sum() < 4:
                continue
            index = np.argwhere(piece) + [p.start for p in piece_box]
            values = hu[piece_box][piece]
            # a chalk core's median is >= CORE_MIN_HU, so some voxel of it is
            if _elongation(index, ct_spacing) > NODULE_ELONGATION or not (values >= CORE_MIN_HU).any():
                continue
            if depth is None:
                depth = distance(solid(calcified, slice_axis, ct_spacing), ct_spacing, border=True)
            found = _profile_of(values, calcified[piece_box][piece], depth[piece_box][piece],
                                index, ct_spacing, False, False)
            # (its elongation, the same computation, was checked above)
            if not (found.chalk and found.core_hu >= FAINT_SHELL_RATIO * found.shell_hu):
                continue
            if (up > 1).any():
                # On an interpolated 3 mm copy a bone's cortex and the cancellous bone under it are
                # blurred into one density (the hip's bone pieces cut there read 440-510 HU, as dense
                # inside as at their surface): a nodule's core must be denser than that, and a
                # piece of a thick bone (a femoral head) is no bulge out of the bone's smooth
                # surface: mostly within what a ball of SURFACE_MM rolled inside the region reaches.
                if found.core_hu < FINE_CORE_MIN_HU:
                    continue
                if smooth is None:
                    smooth = _rolled(solid_ct, ct_spacing)
                if smooth[piece_box][piece].mean() >= OUTSIDE_SMOOTH_SHARE:
                    continue
            nodules[piece_box] |= piece
        if not nodules.any():
            continue
        nodules |= _left_on_bone(solid_ct & ~nodules, nodules, ct_spacing)
        # Onto the grid: the grid voxels of the region where the nodules hold more of the block's
        # CT voxels than the bone's solid does.
        rest = _block_share(solid_ct & ~nodules, factors)
        mine = (regions.labels[box] == r) & (_block_share(nodules, factors) > rest)
        parts, n_parts = ndimage.label(mine, structure=np.ones((3, 3, 3), bool))
        view = labels[box]
        view[mine] = parts[mine] + regions.count + added
        added += n_parts
    if added == 0:
        return regions
    grown = {name: np.concatenate([getattr(regions, name), np.full(added, value)])
             for name, value in (("chalk", True), ("loculus", False), ("walled", False), ("faint", False))}
    extra = {name: None if getattr(regions, name) is None else np.concatenate([getattr(regions, name), np.zeros(added, bool)])
             for name in ("truncated", "on_cortex")}
    return Regions(labels, regions.count + added, grown["chalk"], grown["loculus"], grown["walled"], grown["faint"],
                   extra["truncated"], extra["on_cortex"])


def _left_on_bone(bone: np.ndarray, nodules: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """The voxels of `bone` (a bone region's solid, its nodules taken out) that lie outside the
    bone's own smooth outer surface and touch the nodules: what a ball of SURFACE_MM rolled inside
    the bone does not reach (the bone's opening: a cortex curves no tighter, a nodule's cap left
    beyond the watershed's neck does), within SURFACE_MM of a nodule, in pieces that touch one."""
    rolled = _rolled(bone, spacing)
    near = within(distance(~nodules, spacing), SURFACE_MM)
    beyond = bone & ~rolled & near
    if not beyond.any():
        return beyond
    pieces, _ = ndimage.label(beyond, structure=np.ones((3, 3, 3), bool))
    touching = np.unique(pieces[ndimage.binary_dilation(nodules, structure=np.ones((3, 3, 3), bool)) & beyond])
    return np.isin(pieces, touching[touching > 0])


def _rolled(solid_mask: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """What a ball of SURFACE_MM rolled inside `solid_mask` reaches (its opening; the box's faces
    count as its surface)."""
    core = distance(solid_mask, spacing, border=True) > SURFACE_MM
    return within(distance(~core, spacing), SURFACE_MM) if core.any() else np.zeros(solid_mask.shape, bool)


def _finer(hu: np.ndarray, up: np.ndarray) -> np.ndarray:
    """`hu` interpolated (linearly, between voxel centres; the box's edge voxels held) onto voxels
    `up` times smaller along each axis, each old voxel's block of new ones centred on it."""
    return np.asarray(ndimage.zoom(hu.astype(np.float32), up, order=1, mode="nearest", grid_mode=True))


def _repeated(mask: np.ndarray, up: np.ndarray) -> np.ndarray:
    """`mask` with each voxel made a block of `up` voxels (as _finer's)."""
    for axis, u in enumerate(up):
        mask = np.repeat(mask, u, axis=axis)
    return mask


def _block_share(mask: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """The share of each block of `factors` CT voxels (the last ones cut by the array's end) that
    `mask` covers: as Grid.to_grid, before its half-way test."""
    share: np.ndarray = mask.astype(np.float32)
    for axis, f in enumerate(factors):
        starts = np.arange(0, mask.shape[axis], f)
        counts = np.diff(np.append(starts, mask.shape[axis])).reshape([-1 if a == axis else 1 for a in range(3)])
        share = np.add.reduceat(share, starts, axis=axis) / counts
    return share


def _bone_pieces_cut_off(labels: np.ndarray, chalk: np.ndarray, other_mass: np.ndarray,
                         truncated: np.ndarray) -> np.ndarray:
    """Per region: a chalk region the scan cuts off that lies against bone and touches nothing of
    a mass whole in the scan: a piece of that bone. A bone goes on beyond the field of view, and
    where the slab cuts a vertebra's sclerotic rim, a rib's end or a calcified costal cartilage,
    the piece the watershed cuts off is dense through (its cortex and its calcified inside are
    one), so its profile reads as chalk; what lies beyond the face, which would show it a nodule or
    a bone's shell, is not seen, and what it is continuous with in the scan is bone."""
    out = np.zeros(len(chalk), bool)
    mass_like = chalk | other_mass
    boxes = ndimage.find_objects(labels)
    for r in np.flatnonzero(chalk & truncated):
        if r == 0 or r > len(boxes) or boxes[r - 1] is None:
            continue
        around = _around(labels, boxes[r - 1], r)
        touching = np.unique(around[around > 0])
        whole_mass = mass_like[touching] & ~truncated[touching]
        out[r] = bool(touching.size > 0 and not whole_mass.any() and (~mass_like[touching]).any())
    return out


def _around(labels: np.ndarray, box: tuple[slice, ...], r: int | np.integer) -> np.ndarray:
    """The labels of the voxels round region `r` (its 26 neighbours' shell, within the scan; 0 for
    no region), from its box as ndimage.find_objects gives it."""
    near = tuple(slice(max(s.start - 1, 0), min(s.stop + 1, n)) for s, n in zip(box, labels.shape, strict=True))
    region = labels[near] == r
    return labels[near][ndimage.binary_dilation(region, structure=np.ones((3, 3, 3), bool)) & ~region]


_FACES = ndimage.generate_binary_structure(3, 1)


def _on_cortex(ct_hu: np.ndarray, grid: Grid, labels: np.ndarray, mass_like: np.ndarray, candidates: np.ndarray,
               faint: np.ndarray) -> np.ndarray:
    """Per region: a candidate (a faint region whole in the scan) that lies outside the cortex of
    every bone region it touches.

    A bone is a cortex round its inside (cancellous bone, marrow), continuous along the bone: a
    region of the bone's own, cut off at a neck by the watershed, reaches the inside of the
    regions beside it through cancellous bone no denser than itself. A nodule lying against the
    bone is outside the cortex: every way from its core into the bone's inside climbs over the
    cortex, denser than both. So, on the CT's own voxels, the lowest ridge any path through the
    solid must cross from the region's core to the inside of a bone region it touches (the
    minimax path: a grey-level reconstruction by erosion from the core) is compared with both
    ends: a cortex lies between when both the core and the bone's inside are at most
    FAINT_SHELL_RATIO of that ridge (the same contrast that tells a faint nodule, about as dense
    inside as at its surface, from a bone's cortex round its inside). Touching chalk, loculi and
    other faint regions are not asked (they may be the same mass)."""
    out = np.zeros(len(candidates), bool)
    bone = ~(mass_like | faint)
    bone[0] = False
    boxes = ndimage.find_objects(labels)
    reach = np.ceil(CORTEX_REACH_MM / grid.spacing).astype(int)
    ct_spacing = grid.ct_spacing
    for r in np.flatnonzero(candidates):
        if r == 0 or r > len(boxes) or boxes[r - 1] is None:
            continue
        around = _around(labels, boxes[r - 1], r)
        touching = np.unique(around[bone[around]])
        if touching.size == 0:
            continue
        wide = tuple(slice(max(s.start - k, 0), min(s.stop + k, n))
                     for s, k, n in zip(boxes[r - 1], reach, labels.shape, strict=True))
        hu = ct_hu[grid.ct_box(wide)].astype(np.float32)
        # The whole scan's solid (a marrow cavity the box cuts is still filled), on the CT's voxels;
        # each region's core from its own depth (the junction with a neighbour is deep in the solid).
        owner = grid.to_ct(labels[wide], wide)
        solid_box = owner > 0
        own = owner == r
        if own.sum() < 4:
            continue
        deep = _core_of(own, ct_spacing)
        core = float(np.median(hu[deep]))
        # From the core's denser half: a path from a septum or a noisy voxel would start below the core.
        source = deep & (hu >= core)
        ridge_hu = hu.astype(np.float64)  # a ridge's HU as the reconstruction's float gave it
        across = True
        for t in touching:
            other = owner == t
            if not other.any():
                across = False
                break
            inside = _core_of(other, ct_spacing)
            if float(np.median(hu[inside])) < CALCIFIED_HU:
                # The bone's inside is marrow, not calcified: the bone there is a shell round it, and
                # a region of a faint nodule's core against it lies on the shell's outside, where a
                # 3 mm grid blurs the cortex into it (no ridge); a bone's own faint part lies in
                # calcified cancellous bone (Imaging 126).
                continue
            # A cortex between them: the ridge (the minimax path's highest HU) is denser than both ends
            # by FAINT_SHELL_RATIO. That test is monotone in the ridge, so the ridge fails it exactly
            # when one path crosses only voxels that fail it themselves (_joined).
            ends = (core, float(np.median(hu[inside])))
            cortex = (ends[0] <= FAINT_SHELL_RATIO * ridge_hu) & (ends[1] <= FAINT_SHELL_RATIO * ridge_hu)
            if _joined(solid_box & ~cortex, source, inside):
                across = False
                break
        out[r] = across
    return out


def _joined(passable: np.ndarray, source: np.ndarray, target: np.ndarray) -> bool:
    """Whether a 6-connected path through `passable` joins `source` to `target` (both ends in it).
    With `passable` the solid's voxels below a ridge test, this is what the grey-level
    reconstruction by erosion from the source (the minimax path, Imaging 38) answered at the
    target: one labelling instead of a sort of the whole box (Imaging 54)."""
    starts, ends = passable & source, passable & target
    if not starts.any() or not ends.any():
        return False
    pieces, _ = ndimage.label(passable, structure=_FACES)
    return bool(np.intersect1d(pieces[starts], pieces[ends]).size)


def _free_pieces(labels: np.ndarray, voxel_ml: float) -> np.ndarray:
    """Per region: whether its solid piece (the regions that touch) is under FREE_MAX_ML and
    reaches no face of the scan."""
    pieces, count = ndimage.label(labels > 0, structure=np.ones((3, 3, 3), bool))
    small = ndimage.sum_labels(np.ones(labels.shape, np.float32), pieces, np.arange(count + 1)) * voxel_ml < FREE_MAX_ML
    for axis in range(labels.ndim):
        small[np.unique(np.take(pieces, 0, axis=axis))] = False
        small[np.unique(np.take(pieces, -1, axis=axis))] = False
    small[0] = False
    free = np.zeros(int(labels.max()) + 1, bool)
    inside = labels > 0
    free[labels[inside]] = small[pieces[inside]]
    return free


def profile(hu: np.ndarray, region: np.ndarray, slice_axis: int, spacing: np.ndarray,
            truncated: bool = False, free: bool = False) -> Profile | None:
    """The profile of `region` (CT voxels of a box `hu` around it); None when it holds no solid
    voxel. A cortex a few millimetres thick shows at this resolution where the analysis grid's
    blocks blur it into the marrow (a humerus cut off by the field of view)."""
    calcified = hu >= CALCIFIED_HU
    solid_box = solid(calcified, slice_axis, spacing)
    region = region & solid_box
    if region.sum() < 4:
        return None
    # The depth at the region's voxels (in its C order), the box's faces counting as surface.
    depth = distance(solid_box, spacing, border=True, at=region)
    return _profile_of(hu[region], calcified[region], depth, np.argwhere(region), spacing, truncated, free)


def _profile_of(inside: np.ndarray, calcified: np.ndarray, depth: np.ndarray, index: np.ndarray,
                spacing: np.ndarray, truncated: bool, free: bool) -> Profile:
    """A region's profile from its solid voxels' HU, calcified flags, depths in the solid and indices
    (all in the same C order)."""
    greatest = float(depth.max())
    core_values = inside[depth >= CORE_SHARE * greatest]
    shell_values = inside[calcified & within(depth, max(SHELL_MM, float(spacing.max())))]
    core_hu = float(np.median(core_values))
    volume_mm3 = len(inside) * float(np.prod(spacing))
    return Profile(
        core_hu=core_hu,
        shell_hu=float(np.percentile(shell_values, 75)) if shell_values.size else core_hu,
        cancellous_share=float(((core_values >= CALCIFIED_HU) & (core_values < CANCELLOUS_MAX_HU)).mean()),
        fluid_share=float(((core_values > FAT_HU) & (core_values <= FLUID_MAX_HU)).mean()),
        elongation=_elongation(index, spacing),
        truncated=truncated,
        free=free,
        round=volume_mm3 <= ROUND_RATIO * 4.0 / 3.0 * np.pi * max(greatest, float(spacing.min())) ** 3,
    )


def _elongation(index: np.ndarray, spacing: np.ndarray) -> float:
    """Longest over shortest principal axis of the voxels at `index`."""
    axes = np.sqrt(np.maximum(np.linalg.eigvalsh(np.cov((index * spacing).T)), (spacing.min() / 4) ** 2))
    return float(axes[-1] / axes[0])


def reaches_face(mask: np.ndarray, box: tuple[slice, ...], shape: tuple[int, ...]) -> bool:
    """Whether `mask` (over `box` of an array of `shape`) reaches a face of that array: the scan
    cuts it off."""
    return any((s.start == 0 and np.take(mask, 0, axis=a).any()) or (s.stop == n and np.take(mask, -1, axis=a).any())
               for a, (s, n) in enumerate(zip(box, shape, strict=True)))


def masses(regions: Regions) -> tuple[np.ndarray, int]:
    """Groups of touching chalk regions with the loculi they hold (a loculus joins through another
    it touches), numbered. A loculus that bone surrounds is not one: a marrow cavity whose
    cortex the mass touches lies among the other regions of its bone."""
    labels = regions.labels
    chalk = _chalk_or_on_cortex(regions) | _faint_among_chalk(regions)
    loculus = regions.loculus.copy()
    bone_region = ~(chalk | regions.loculus)
    bone_region[0] = False
    for r, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None or not loculus[r]:
            continue
        loculus[r] = bone_region[_around(labels, box, r)].mean() < LOCULUS_MAX_BONE_SHARE
    candidate = (chalk | loculus)[labels]
    groups, count = ndimage.label(candidate, structure=np.ones((3, 3, 3), bool))
    has_chalk = np.zeros(count + 1, bool)
    has_chalk[np.unique(groups[(chalk | (regions.walled & loculus))[labels]])] = True
    has_chalk[0] = False
    return ndimage.label(has_chalk[groups], structure=np.ones((3, 3, 3), bool))


def _core_of(region: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """A region's deeper half: its voxels at least CORE_SHARE of its greatest depth from anything
    that is not the region (a neighbour included; the box's faces are no surface, the bone goes on
    beyond them)."""
    depth = depth_inside(region, spacing)
    core = np.zeros(region.shape, bool)
    core[region] = depth >= CORE_SHARE * depth.max()
    return core


def _chalk_or_on_cortex(regions: Regions) -> np.ndarray:
    """Per region: chalk, or a faint nodule lying on a bone's cortex (_on_cortex)."""
    return regions.chalk | regions.on_cortex if regions.on_cortex is not None else regions.chalk


def _faint_among_chalk(regions: Regions) -> np.ndarray:
    """Per region: a faint region (Profile.faint) whose touching regions are mostly chalk: a faint
    nodule among a mass's dense ones, which would otherwise split the mass in two. Taken until
    nothing changes, so that the middle of a big cluster (regions that touch only each other and
    the mass's nodules) joins whole, from its nodules inwards; a region the scan cuts off is
    judged against the chalk alone (a bone going on beyond the field of view is not drawn in
    through a region that joined).

    A region whole in the scan is weighed against bone only: what it touches that has a cortex
    (a region judged neither chalk, faint nor a loculus). Another faint region, not joined yet, or
    a loculus is no bone either, and counting them against it left a mass's faint middle out
    wherever its faint nodules and loculi touch each other more than its dense ones (a cluster of
    faint nodules round a loculus, all of it apart from the bone: Imaging 111)."""
    labels = regions.labels
    out = np.zeros(regions.count + 1, bool)
    boxes = ndimage.find_objects(labels)
    touching: dict[int, np.ndarray] = {}
    for r in np.flatnonzero(regions.faint):
        if r == 0 or r > len(boxes) or boxes[r - 1] is None:
            continue
        around = _around(labels, boxes[r - 1], r)
        touching[int(r)] = around[around > 0]
    truncated = regions.truncated if regions.truncated is not None else np.zeros(regions.count + 1, bool)
    base = _chalk_or_on_cortex(regions)
    bone = ~(base | regions.faint | regions.loculus)
    bone[0] = False
    changed = True
    while changed:
        changed = False
        joined = base | out
        for n, around in touching.items():
            chalk = base if truncated[n] else joined
            weighed = around if truncated[n] else around[chalk[around] | bone[around]]
            if not out[n] and weighed.size > 0 and chalk[weighed].mean() >= FAINT_AMONG_CHALK:
                out[n] = changed = True
    return out


def held_by_bone(group: np.ndarray, bone: np.ndarray, spacing: np.ndarray) -> bool:
    """Whether bone holds `group` on several sides (a sclerotic facet between two articular
    processes, a dense piece inside a joint) rather than on one side, as it does a mass lying
    against it: enough of its surroundings is bone, and that contact is not one-sided (the mean
    of the unit vectors from its centre to the bone it touches is short)."""
    if not group.any():  # its voxels went to a neighbour's own pieces (lesions._bone_around)
        return False
    around = ndimage.binary_dilation(group, structure=np.ones((3, 3, 3), bool)) & ~group
    contact = around & bone
    if contact.sum() < HELD_MIN_SHARE * around.sum():
        return False
    directions = (np.argwhere(contact) - np.argwhere(group).mean(axis=0)) * spacing
    directions /= np.maximum(np.linalg.norm(directions, axis=1, keepdims=True), 1e-6)
    return bool(np.linalg.norm(directions.mean(axis=0)) < ONE_SIDED_MIN)
