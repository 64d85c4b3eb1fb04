"""Which rule of the detector ate each missed lesion, and each contact lesion found merged or cut
(decision Imaging 55).

    PYTHONPATH=. .venv/bin/python bench/imaging_miss_mechanisms.py /tmp/evaluation.json   # a run of imaging_evaluation.py

For every lesion of 2 mL or more that the run missed, and every lesion in contact with bone found
with its whole volume more than 25% off (taken in with bone: too big; cut: too small), the
detector's steps are replayed on its case (services/imaging/analysis/lesions.find_lesions up to
the mass groups) and the first step that lost the truth's voxels is named:
- "not calcified": under half of the truth's grid voxels reach CALCIFIED_HU;
- "merged with bone (no neck)": the region holding most of the truth is mostly not the truth
  (the watershed found no neck between the mass and the bone), split by what that region is;
- "own region, profile reads bone": a region mostly the truth's, neither chalk, faint nor a
  loculus (its shell takes in the cortex, or its core is cancellous-faint under it);
- "faint, no cortex ridge": a faint region of its own against bone that _on_cortex did not
  call a nodule on a cortex, and no chalk around it;
- "cut-off chalk piece taken as bone" (Imaging 53), "at metal", "held by bone" (held_by_bone),
  "below LESION_MIN_ML" (the group is a fragment), and "found elsewhere" (a detection covers
  the truth but under the match share).
Tuning seeds only (the held-out ranges are not to be looked at).
"""

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import ndimage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.imaging.analysis import lesions, skeleton  # noqa: E402
from services.imaging.analysis.grid import analysis_grid  # noqa: E402
from services.imaging.analysis.volume import axis_towards  # noqa: E402
from tests.imaging.lesion_generator import make_case  # noqa: E402


def replay(case):
    """find_lesions's steps on a generated case, up to the mass groups (bench/imaging_contact_misses.py too)."""
    hu = np.asarray(case.volume.hu)
    affine = np.asarray(case.volume.affine, float)
    slice_axis = axis_towards(affine, np.array([0.0, 0.0, 1.0]))[0]
    grid = analysis_grid(hu, affine)
    body = lesions._body_mask(grid.hu, slice_axis)
    calcified = (grid.hu >= lesions.CALCIFIED_HU) & body
    metal = (grid.peak >= lesions.METAL_HU) & body
    near_metal = lesions._near_metal(metal, grid.spacing) if metal.sum() >= lesions.VASCULAR_MIN_VOXELS \
        else np.zeros(metal.shape, bool)
    solid = skeleton.solid(calcified, slice_axis, grid.spacing)
    labels, count = skeleton.split(solid, grid.spacing)
    plain = skeleton.split_finer(hu, grid, skeleton.judge(hu, grid, labels, count, slice_axis), slice_axis)
    labels, count = plain.labels, plain.count
    at_metal = ndimage.mean(near_metal, labels, np.arange(count + 1)) >= 0.5
    # the cut-off piece rule of Imaging 53, undone, to tell what it ate
    profile_chalk = plain.chalk.copy()
    for r, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is not None and plain.truncated is not None and plain.truncated[r] and not plain.chalk[r]:
            box2 = tuple(slice(max(s.start - 2, 0), min(s.stop + 2, n)) for s, n in zip(box, labels.shape, strict=True))
            p = skeleton.profile(hu[grid.ct_box(box2)], grid.to_ct(labels[box2] == r, box2), slice_axis,
                                 grid.ct_spacing, True, False)
            profile_chalk[r] = bool(p is not None and p.chalk)
    regions = plain
    regions.chalk[at_metal] = False
    if regions.on_cortex is not None:
        regions.on_cortex[at_metal] = False
    groups, _ = skeleton.masses(regions)
    return hu, grid, slice_axis, calcified, solid, labels, regions, profile_chalk, at_metal, groups


def region_profile(hu, grid, labels, r: int, slice_axis: int):
    """Region r's density profile at the CT's resolution, whether the scan cuts it, and both in words."""
    box = ndimage.find_objects((labels == r).astype(np.int8))[0]
    box = tuple(slice(max(s.start - 2, 0), min(s.stop + 2, n)) for s, n in zip(box, labels.shape, strict=True))
    cut = skeleton.reaches_face(labels[box] == r, box, labels.shape)
    p = skeleton.profile(hu[grid.ct_box(box)], grid.to_ct(labels[box] == r, box), slice_axis, grid.ct_spacing,
                         cut, bool(skeleton._free_pieces(labels, grid.voxel_ml)[r]))
    words = (f"core {p.core_hu:.0f} shell {p.shell_hu:.0f} ({p.core_hu / max(p.shell_hu, 1):.2f}) elong "
             f"{p.elongation:.1f} cut {p.truncated}") if p else "no profile"
    return p, cut, words


def mechanism(seed: int, index: int, row: dict) -> tuple[str, str]:
    case = make_case(seed)
    truth = next(t for t in case.lesions if t.index == index)
    hu, grid, slice_axis, calcified, solid, labels, regions, profile_chalk, at_metal, groups = replay(case)
    whole = tuple(slice(0, n) for n in hu.shape)
    on_grid = grid.to_grid(truth.full_mask(hu.shape), whole)
    size = int(on_grid.sum())
    if (calcified & on_grid).sum() < 0.5 * size:
        return "not calcified", f"{(calcified & on_grid).sum()} of {size}"
    held = np.bincount(labels[on_grid], minlength=regions.count + 1)
    held[0] = 0
    r = int(held.argmax())
    region_size = int((labels == r).sum())
    share = held[r] / region_size
    p, cut, prof = region_profile(hu, grid, labels, r, slice_axis)
    detail = (f"{case.scan} {case.thickness_mm:.2f} mm {truth.volume_ml:.1f} mL {truth.mode} {truth.site}; region {r}: "
              f"{held[r]}/{size} truth voxels, {share:.2f} of its {region_size}; {prof}")
    on_cortex = bool(regions.on_cortex[r]) if regions.on_cortex is not None else False
    in_group = np.bincount(groups[on_grid], minlength=int(groups.max()) + 1)
    in_group[0] = 0
    if share < 0.5:
        if regions.chalk[r] or on_cortex:
            # a chalk region mostly bone: the mass made the bone region chalk; lost later
            pass
        else:
            what = "cut by the scan" if cut else "whole"
            if p is not None and p.elongation > skeleton.NODULE_ELONGATION and cut:
                what = "long, cut by the scan (rib/shaft)"
            return f"merged with bone (no neck), region {what}", detail
    if at_metal[r]:
        return "at metal", detail
    if not groups[labels == r].any():
        if profile_chalk[r] and regions.truncated is not None and regions.truncated[r]:
            return "cut-off chalk piece taken as bone (Imaging 53)", detail
        if regions.faint[r]:
            return "faint region, no cortex ridge / no chalk around", detail
        if p is not None and p.truncated and p.elongation > skeleton.NODULE_ELONGATION:
            return "own region, long and cut by the scan", detail
        if p is not None and p.core_hu < skeleton.FREE_CORE_MIN_HU:
            return "own region, core under 300 HU", detail
        if regions.loculus[r] or regions.chalk[r] or on_cortex:
            return "own region a mass part, not in a mass (a loculus held by bone)", detail
        return "own region, profile reads bone (shell denser than core)", detail
    n = int(np.bincount(groups[labels == r]).argmax())
    gbox = lesions._padded(ndimage.find_objects((groups == n).astype(np.int8))[0], grid.hu.shape, 2)
    group = groups[gbox] == n
    bone_there, own = lesions._bone_around(solid, groups, n, gbox, grid.spacing)
    if skeleton.held_by_bone(group, bone_there, grid.spacing):
        return "held by bone (held_by_bone)", detail
    mask = (group | own) & calcified[gbox]
    ml = lesions._mass(mask, grid.spacing).sum() * grid.voxel_ml
    if ml < lesions.LESION_MIN_ML:
        return "group below LESION_MIN_ML (fragment)", detail + f"; group {ml:.2f} mL, {in_group[n]}/{size} truth"
    return "found, under the match share", detail + f"; group {ml:.2f} mL, {in_group[n]}/{size} truth"


def main() -> None:
    run = json.loads(Path(sys.argv[1]).read_text())
    counts: Counter = Counter()
    for case in run["cases"]:
        for row in case["rows"]:
            missed = row["volume_ml"] >= 2.0 and not row["found"]
            off = (row["found"] and row["bone_contact"] and row["volume_ml"] >= 2.0
                   and abs(row["found_volume_ml"] / row["volume_ml"] - 1) > 0.25)
            if not (missed or off):
                continue
            kind, detail = mechanism(case["seed"], row["index"], row)
            if off:
                kind = ("found too big (took in bone): " if row["found_volume_ml"] > row["volume_ml"]
                        else "found too small (cut): ") + kind
            contact = "contact" if row["bone_contact"] else ("apart" if row["bone_contact"] is False else "ambiguous")
            counts[(kind, contact)] += 1
            found = f", {row['found_volume_ml']:.1f} mL" if row["found"] else ""
            print(f"seed {case['seed']} lesion {row['index']} ({contact}, found {row['found']}{found}): "
                  f"{kind} | {detail}", flush=True)
    print("\nmechanism | contact | count")
    for (kind, contact), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{kind} | {contact} | {n}")


if __name__ == "__main__":
    main()
