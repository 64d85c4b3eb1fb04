"""The rendered loculus fit's figures against the generator's drawn loculus, by drawn size (decision Imaging 120).

    PYTHONPATH=. .venv/bin/python bench/imaging_level_misses.py --seeds 0:100 --dump /tmp/levels     # once per range
    PYTHONPATH=. .venv/bin/python bench/imaging_loculus_fit_errors.py /tmp/levels --seeds 0:100 --rows fits.jsonl

Tuning seeds only. Every cavity that fluid_level.level_in_cavities would send to loculus_fit.model_fit (a cavity
or faint candidate whose relative fluid count reaches its least, with calcium under it and walled all round: the
profile's gates) whose fluid centre lies in a drawn loculus (within its inside radius and 1.5 mm) is fitted, and
its inside, wall, fluid and sediment compared with the drawn loculus's. The table: per drawn inside band, the
median signed error and the 90th percentile of the absolute error (mm), over every such cavity and over those
whose fit passes the rule's own guards (RMS <= FIT_RMS_MAX, sphere and wall within REACH_MM).
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.imaging_level_cavities import INSIDE_MARGIN_MM, _axes, load_seed  # noqa: E402
from services.imaging.analysis import fluid_level as fl  # noqa: E402
from services.imaging.analysis import loculus_fit as lf  # noqa: E402

BANDS = [(7.0, 8.0), (8.0, 9.0), (9.0, 10.0), (10.0, 12.0), (12.0, 99.0)]
FIGURES = ("inside", "wall", "fluid", "sediment")


def fitted_rows(seed: int, case: dict, detections: dict[int, dict[str, Any]]) -> list[dict]:
    """The fitted cavities of one dumped case that lie in a drawn loculus, with the fit's and the drawn figures."""
    rows = []
    for truth in case["truths"]:
        if truth["detection"] is None or not truth["loculi"] or "judged" not in detections[truth["detection"]]:
            continue
        det = detections[truth["detection"]]
        c = np.clip(det["judged"].astype(np.float32), 0.0, 1.0)
        affine = np.asarray(det["affine"], float)
        dip, labels, count = fl.cavities(c)
        faint, faint_count = fl.faint_cavities(dip, labels)
        g, h1, h2 = _axes(det["gravity"])
        for kind, found, number in (("cavity", labels, count), ("faint", faint, faint_count)):
            if not number:
                continue
            grown = ndimage.grey_dilation(found, footprint=np.ones((3, 3, 3), bool))
            relative = ndimage.sum_labels(np.where(dip > 0, dip / np.maximum(dip + c, 1e-6), 0.0), grown,
                                          np.arange(number + 1)) * det["voxel_ml"]
            least = fl.FAINT_MIN_FLUID_ML if kind == "faint" else fl.FIT_MIN_FLUID_ML
            for n in np.flatnonzero(relative >= least):
                if n == 0 or not (found == n).any():
                    continue
                where = np.nonzero((grown == n) & (dip > 0))
                w = dip[where]
                centre = (np.stack(where, axis=1) * w[:, None]).sum(axis=0) / w.sum()
                f = fl.profile(c, affine, centre, g, h1, h2)
                if not (f["below"] >= f["wall"] + fl.SEDIMENT_MIN_MM and f["walled"] >= fl.WALLED_MIN_MM):
                    continue
                where_mm = affine[:3, :3] @ (centre + det["offset"]) + affine[:3, 3]
                near = min(truth["loculi"], key=lambda b: float(np.linalg.norm(where_mm - np.asarray(b["centre"]))))
                distance = float(np.linalg.norm(where_mm - np.asarray(near["centre"])))
                if distance > near["inner_mm"] + INSIDE_MARGIN_MM:
                    continue
                fit = lf.model_fit(c, affine, centre, g, grown == n)
                inside = 2 * near["inner_mm"]
                rows.append({"seed": seed, "lesion": truth["index"], "kind": kind, "cavity": int(n),
                             "has_fluid_level": truth["has_fluid_level"], "distance_mm": distance,
                             "drawn_inside": inside, "drawn_wall": near["wall_mm"],
                             "drawn_fluid": inside - near["sediment_mm"], "drawn_sediment": near["sediment_mm"],
                             **{f"fit_{k}": float(v) for k, v in fit.items()}, "fitted_level": lf.is_fitted_level(fit)})
    return rows


def table(rows: list[dict]) -> str:
    """Per drawn inside band: median signed error / p90 absolute error of each figure (mm)."""
    lines = ["| drawn inside (mm) | cavities | inside | wall | fluid | sediment | guards passed: n, inside |",
             "|---|---|---|---|---|---|---|"]
    for lo, hi in BANDS:
        band = [r for r in rows if lo <= r["drawn_inside"] < hi and np.isfinite(r["fit_inside"])]
        if not band:
            continue
        cells = []
        for k in FIGURES:
            e = np.array([r[f"fit_{k}"] - r[f"drawn_{k}"] for r in band])
            cells.append(f"{np.median(e):+.2f} / {np.percentile(np.abs(e), 90):.2f}")
        good = [r["fit_inside"] - r["drawn_inside"] for r in band
                if r["fit_rms"] <= lf.FIT_RMS_MAX and r["fit_inside"] / 2 + r["fit_wall"] <= lf.REACH_MM]
        guarded = f"{len(good)}, {np.median(good):+.2f} / {np.percentile(np.abs(good), 90):.2f}" if good else "0"
        lines.append(f"| {lo:g}-{hi:g} | {len(band)} | " + " | ".join(cells) + f" | {guarded} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path, help="a folder written by imaging_level_misses.py --dump")
    parser.add_argument("--seeds", nargs="+", default=["0:100"], help="ranges a:b (tuning seeds only)")
    parser.add_argument("--rows", type=Path, help="write every fitted cavity's row here (JSON lines)")
    args = parser.parse_args()
    rows: list[dict] = []
    for span in args.seeds:
        for seed in range(*map(int, span.split(":"))):
            if (args.dump / f"{seed}.json").exists():
                rows += fitted_rows(seed, *load_seed(args.dump, seed))
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(table(rows))


if __name__ == "__main__":
    main()
