"""What the skeleton made of the missed lesions in contact with bone (decision Imaging 38).

    PYTHONPATH=. .venv/bin/python bench/imaging_contact_misses.py /tmp/evaluation.json   # a run of imaging_evaluation.py

For every lesion of 2 mL or more in contact with bone (truth: gap <= 0.5 mm, moulding included)
that the run missed, the regions of skeleton.split covering its voxels on the analysis grid: how
many of the truth's voxels each holds and what share of the region they are (a lesion merged into a
bone is a small share of a big region), and the region's profile at the CT's resolution (core,
shell's denser quarter, elongation, cut by the scan) with the verdicts (chalk, faint, on a cortex,
loculus; after the detector's metal margin, as find_lesions reads them; the steps replayed by
bench/imaging_miss_mechanisms.py). Tuning seeds only (the held-out ranges are not to be looked at).
"""

import json
import sys
from pathlib import Path

import numpy as np

# the sibling script puts the repository on the path, as the other bench scripts do
sys.path.insert(0, str(Path(__file__).resolve().parent))
from imaging_miss_mechanisms import region_profile, replay

from tests.imaging.lesion_generator import make_case


def regions_of(seed: int, index: int) -> None:
    case = make_case(seed)
    truth = next(t for t in case.lesions if t.index == index)
    hu, grid, slice_axis, _, _, labels, regions, _, _, _ = replay(case)
    count = regions.count
    whole = tuple(slice(0, n) for n in hu.shape)
    on_grid = grid.to_grid(truth.full_mask(hu.shape), whole)
    print(f"seed {seed} lesion {index}: {case.scan} {case.thickness_mm:.2f} mm, {truth.volume_ml:.1f} mL, "
          f"{truth.site}, {truth.mode}; truth HU median {np.median(hu[truth.box][truth.mask]):.0f}")
    held = np.bincount(labels[on_grid], minlength=count + 1)
    for r in np.flatnonzero(held[1:] >= 2) + 1:
        size = int((labels == r).sum())
        _, _, profile = region_profile(hu, grid, labels, int(r), slice_axis)
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
