"""Imaging 101 (withdrawn): the rendered loculus (Imaging 97) refitted with the voxels beyond its wall that hold more
calcium than it pictures left out (a neighbour cutting the loculus), replayed on the cavities Imaging 97's gate
sends to the fit, against main's rule (the plain fit).

    PYTHONPATH=. .venv/bin/python bench/imaging_level_masked.py /tmp/img-levels8/rows-0.jsonl /tmp/img-levels7/dump \
        --margins 0.05,0.1 --passes 3

The rows are bench/imaging_level_cavities.py --rows on the dump (tuning seeds only)."""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy import ndimage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.imaging_level_cavities import _axes, load_seed  # noqa: E402
from services.imaging.analysis import fluid_level as fl  # noqa: E402
from services.imaging.analysis import loculus_fit as lf  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path)
    parser.add_argument("dump", type=Path)
    parser.add_argument("--margins", default="0.1")
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()
    margins = [float(m) for m in args.margins.split(",")]
    rows = [json.loads(line) for line in args.rows.open()]
    gate = [r for r in rows if r["relative_ml"] >= fl.FIT_MIN_FLUID_ML and r["below"] >= r["wall"] + fl.SEDIMENT_MIN_MM
            and r["walled"] >= fl.WALLED_MIN_MM and not r["vetoed"]
            and not (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and (r["is_level"] or r["is_settled"]))]
    lesions: dict[tuple[int, int], list[dict]] = {}
    cache: dict[int, tuple] = {}
    for r in gate:
        if r["seed"] not in cache:
            cache = {r["seed"]: load_seed(args.dump, r["seed"])}
        case, dets = cache[r["seed"]]
        truth = next(t for t in case["truths"] if t["index"] == r["lesion"])
        det = dets[truth["detection"]]
        c = np.clip(det["judged"].astype(np.float32), 0.0, 1.0)
        dip, labels, _ = fl.cavities(c)
        grown = ndimage.grey_dilation(labels, footprint=np.ones((3, 3, 3), bool))
        where = np.nonzero((grown == r["cavity"]) & (dip > 0))
        w = dip[where]
        centre = (np.stack(where, axis=1) * w[:, None]).sum(axis=0) / w.sum()
        g = _axes(det["gravity"])[0]
        r["masked"] = {m: lf.model_fit(c, det["affine"], centre, g, grown == r["cavity"], mask_margin=m,
                                       passes=args.passes) for m in margins}
        lesions.setdefault((r["seed"], r["lesion"]), []).append(r)
    for m in margins:
        turned = []
        for (seed, lesion), rs in sorted(lesions.items()):
            # The dump is of main before Imaging 97: main now is its call or the plain fit's level.
            main_level = rs[0]["detector_level"] or any(
                lf.is_fitted_level({k: r[f"model_{k}"] for k in ("inside", "fluid", "sediment", "wall", "rms")}) for r in rs)
            level = main_level or any(lf.is_fitted_level(r["masked"][m]) for r in rs)
            if level != main_level:
                turned.append(("+" if level == rs[0]["has_fluid_level"] else "FALSE ") + f"{seed}.{lesion}")
        masked = sum(r["masked"][m]["masked"] > 0 for rs in lesions.values() for r in rs)
        print(f"margin {m}, {args.passes} passes: {masked}/{len(gate)} cavities masked; against main: "
              f"{' '.join(turned) or 'none'}")


if __name__ == "__main__":
    main()
