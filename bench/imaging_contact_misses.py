"""What the skeleton made of the missed lesions in contact with bone (decision Imaging 38).

    PYTHONPATH=. .venv/bin/python bench/imaging_contact_misses.py /tmp/evaluation.json   # a run of imaging_evaluation.py

For every lesion of 2 mL or more in contact with bone (truth: gap <= 0.5 mm, moulding included)
that the run missed, the regions of skeleton.split covering its voxels on the analysis grid: how
many of the truth's voxels each holds and what share of the region they are (a lesion merged into a
bone is a small share of a big region), and the region's profile at the CT's resolution (core,
shell's denser quarter, elongation, cut by the scan) with the verdicts (chalk, faint, on a cortex,
loculus). Tuning seeds only (the held-out ranges are not to be looked at).
"""

import json
import sys
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


def regions_of(seed: int, index: int) -> None:
    case = make_case(seed)
    truth = next(t for t in case.lesions if t.index == index)
    hu = np.asarray(case.volume.hu)
    affine = np.asarray(case.volume.affine, float)
    slice_axis = axis_towards(affine, np.array([0.0, 0.0, 1.0]))[0]
    grid = analysis_grid(hu, affine)
    body = lesions._body_mask(grid.hu, slice_axis)
    calcified = (grid.hu >= lesions.CALCIFIED_HU) & body
    labels, count = skeleton.split(skeleton.solid(calcified, slice_axis, grid.spacing), grid.spacing)
    regions = skeleton.judge(hu, grid, labels, count, slice_axis)
    free = skeleton._free_pieces(labels, grid.voxel_ml)
    whole = tuple(slice(0, n) for n in hu.shape)
    on_grid = grid.to_grid(truth.full_mask(hu.shape), whole)
    print(f"seed {seed} lesion {index}: {case.scan} {case.thickness_mm:.2f} mm, {truth.volume_ml:.1f} mL, "
          f"{truth.site}, {truth.mode}; truth HU median {np.median(hu[truth.box][truth.mask]):.0f}")
    held = np.bincount(labels[on_grid], minlength=count + 1)
    for r in np.flatnonzero(held[1:] >= 2) + 1:
        size = int((labels == r).sum())
        box = ndimage.find_objects((labels == r).astype(np.int8))[0]
        box = tuple(slice(max(s.start - 2, 0), min(s.stop + 2, n)) for s, n in zip(box, labels.shape, strict=True))
        cut = skeleton.reaches_face(labels[box] == r, box, labels.shape)
        p = skeleton.profile(hu[grid.ct_box(box)], grid.to_ct(labels[box] == r, box), slice_axis, grid.ct_spacing,
                             cut, bool(free[r]))
        profile = (f"core {p.core_hu:.0f} shell {p.shell_hu:.0f} ({p.core_hu / max(p.shell_hu, 1):.2f}), "
                   f"elongation {p.elongation:.1f}, cut {p.truncated}") if p else "no profile"
        on_cortex = bool(regions.on_cortex[r]) if regions.on_cortex is not None else False
        print(f"  region {r}: {held[r]} of the truth's {int(on_grid.sum())} grid voxels, {held[r] / size:.2f} of its "
              f"{size}; chalk {regions.chalk[r]}, faint {regions.faint[r]}, on a cortex {on_cortex}, "
              f"loculus {regions.loculus[r]}; {profile}")


if __name__ == "__main__":
    run = json.loads(Path(sys.argv[1]).read_text())
    for case in run["cases"]:
        for row in case["rows"]:
            if row["volume_ml"] >= 2.0 and row["bone_contact"] and not row["found"]:
                regions_of(case["seed"], row["index"])
