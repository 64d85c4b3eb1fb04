"""Imaging 105: the rendered loculus (Imaging 97) with more in its picture, replayed on the cavities Imaging 97's gate
sends to the fit, against main's rule (the plain fit or the judges' own level).

    PYTHONPATH=. .venv/bin/python bench/imaging_level_extended.py /tmp/img-levels8/rows-0.jsonl /tmp/img-levels7/dump \
        --out extended-0.jsonl --variants plain,restart,cut
    ... --fit-called          the lesions only Imaging 97's fit calls: whether a variant replacing it loses them
    ... --only 4.0,33.2       a look at these lesions' cavities only

Variants, each started from the plain fit's figures and judged with the RMS over EVERY voxel of the region fitted
(nothing masked, Imaging 101):
- "cut": a plane through the sphere beyond which the picture is a neighbour's calcium (share b, fitted) instead of
  the loculus: the generator's neighbour nodule or septum owns the part of the ball past its boundary;
- "tilt": the sediment's surface free to tilt (two components across gravity) and the fit restarted from several
  fluid heights (the plain fit reads 4.0's 6.5 mm of sediment as 1.7);
- "strata": a second sediment share (the lower half of the sediment its own share);
- "cut+tilt": both;
- "restart": the plain picture restarted from several fluid heights (no tilt), to tell the restarts from the tilt;
- "septum": a slab of its own share (thickness fitted) through the sphere, a septum dividing the loculus, the
  picture on both sides the loculus's own; "septum+restart" with the restarts too.
The rows are bench/imaging_level_cavities.py --rows on the dump (tuning seeds only)."""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import ndimage
from scipy.optimize import least_squares

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.imaging_level_cavities import _axes, load_seed  # noqa: E402
from services.imaging.analysis import fluid_level as fl  # noqa: E402
from services.imaging.analysis import loculus_fit as lf  # noqa: E402
from services.imaging.analysis.rays import between_walls, line  # noqa: E402

VARIANTS = ("plain", "restart", "cut", "septum", "tilt", "strata", "cut+tilt", "septum+restart")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x, -30, 30)))


def _unit(theta: float, phi: float) -> np.ndarray:
    return np.array([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)])


def extended_fits(c: np.ndarray, affine: np.ndarray, centre: np.ndarray, g: np.ndarray, region: np.ndarray,
                  variants: tuple[str, ...]) -> dict[str, dict]:
    """loculus_fit.model_fit's picture (the same region, points and starts), then each variant from its figures."""
    affine = np.asarray(affine, float)
    start = affine[:3, :3] @ centre + affine[:3, 3]
    index = np.argwhere(region)
    index = index[np.linalg.norm(index @ affine[:3, :3].T + affine[:3, 3] - start, axis=1) <= lf.REACH_MM]
    observed = c[tuple(index.T)].astype(float)
    sizes = np.sqrt((affine[:3, :3] ** 2).sum(axis=0))
    axes = [(np.arange(m) + 0.5) / m - 0.5 for m in np.maximum(1, np.ceil(sizes / lf.SUBSAMPLE_MM).astype(int))]
    offsets = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 3)
    points = (index[:, None, :] + offsets[None]) @ affine[:3, :3].T + affine[:3, 3]
    n0, window = int(round(lf.RAY_MM / lf.STEP_MM)), int(round(lf.WINDOW_MM / lf.STEP_MM))
    fluid0 = between_walls(line(c, affine, centre, g, lf.RAY_MM, lf.STEP_MM), n0 - window, n0 + window, lf.STEP_MM)[0]
    fluid0 = fluid0 if fluid0 > 0.5 else 2.0
    share0 = float(np.percentile(observed, 90))
    helper = np.eye(3)[int(np.argmin(np.abs(g)))]
    h1 = np.cross(g, helper)
    h1 /= np.linalg.norm(h1)
    h2 = np.cross(g, h1)
    E = lf.EDGE_MM

    # x: sphere(3) R F W a s | extra by variant
    def predicted(x: np.ndarray, cut: bool, tilt: bool, strata: bool, septum: bool = False) -> np.ndarray:
        sphere, radius, fluid, wall, a, s = x[:3], x[3], x[4], x[5], x[6], x[7]
        k = 8
        rel = points - sphere
        r = np.linalg.norm(rel, axis=2)
        inside = _sigmoid((radius - r) / E)
        shell = _sigmoid((radius + wall - r) / E) - inside
        up = g
        if tilt:
            up = g + x[k] * h1 + x[k + 1] * h2
            up = up / np.linalg.norm(up)
            k += 2
        depth = rel @ up
        above = _sigmoid((-radius + fluid - depth) / E)
        if strata:
            s2 = x[k]
            k += 1
            # the lower half of the sediment (from the floor to half its height) of share s2
            half = radius - (2 * radius - fluid) / 2
            lower = _sigmoid((depth - half) / E)
            sed = s * (1 - lower) + s2 * lower
        else:
            sed = s
        picture = a * shell + sed * inside * (1 - above)
        if cut:
            n = _unit(x[k], x[k + 1])
            d, b = x[k + 2], x[k + 3]
            beyond = _sigmoid((rel @ n - d) / E)
            picture = picture * (1 - beyond) + b * beyond
        if septum:
            n = _unit(x[k], x[k + 1])
            d, b, thick = x[k + 2], x[k + 3], x[k + 4]
            slab = _sigmoid((thick / 2 - np.abs(rel @ n - d)) / E) * inside
            picture = picture * (1 - slab) + b * slab
        return picture.mean(axis=1)

    def run(x0: np.ndarray, lower: np.ndarray, upper: np.ndarray, scale: np.ndarray, **kw: bool):
        try:
            return least_squares(lambda x: predicted(x, **kw) - observed, np.clip(x0, lower + 1e-6, upper - 1e-6),
                                 bounds=(lower, upper), x_scale=scale)
        except ValueError:
            return None

    base_lo = np.concatenate([start - 30, [0.5, 0.2, 0.5, 0.1, 0.1]])
    base_hi = np.concatenate([start + 30, [30.0, 60.0, 15.0, 1.2, 1.2]])
    base_sc = np.array([1, 1, 1, 1, 1, 1, 0.1, 0.1])
    best = None
    for r0 in lf.STARTS_MM:
        f0 = min(fluid0, 2 * r0 - 0.5)
        x0 = np.concatenate([start + g * (r0 - f0 / 2), [r0, f0, 3.0, share0, share0]])
        fit = run(x0, base_lo, base_hi, base_sc, cut=False, tilt=False, strata=False)
        if fit is not None and (best is None or fit.cost < best.cost):
            best = fit
    out: dict[str, dict] = {}

    def figures(fit) -> dict:
        if fit is None:
            nan = float("nan")
            return {"inside": nan, "fluid": nan, "sediment": nan, "wall": nan, "rms": nan}
        radius, fluid = float(fit.x[3]), float(min(fit.x[4], 2 * fit.x[3]))
        return {"inside": 2 * radius, "fluid": fluid, "sediment": 2 * radius - fluid, "wall": float(fit.x[5]),
                "rms": float(np.sqrt(2 * fit.cost / len(observed))), "extra": [float(v) for v in fit.x[8:]]}

    out["plain"] = figures(best)
    if best is None:
        return {v: out["plain"] for v in variants}
    xb = best.x
    # the plain fit's residual: where the shares exceed its picture most lies what it does not picture
    resid = observed - predicted(xb, cut=False, tilt=False, strata=False)
    vox = points.mean(axis=1) - xb[:3]
    w = np.clip(resid, 0, None) * (np.linalg.norm(vox, axis=1) <= xb[3] + xb[5] + 3)
    direction = (w[:, None] * vox).sum(axis=0)
    direction = direction / np.linalg.norm(direction) if np.linalg.norm(direction) > 1e-9 else -g
    theta0, phi0 = float(np.arccos(np.clip(direction[2], -1, 1))), float(np.arctan2(direction[1], direction[0]))
    for v in variants:
        if v == "plain":
            continue
        cut, tilt, strata, septum = "cut" in v, "tilt" in v, v == "strata", "septum" in v
        restart = tilt or "restart" in v
        lo, hi, sc = [base_lo], [base_hi], [base_sc]
        extra0: list[float] = []
        if tilt:
            lo.append(np.array([-0.6, -0.6]))
            hi.append(np.array([0.6, 0.6]))
            sc.append(np.array([0.1, 0.1]))
            extra0 += [0.0, 0.0]
        if strata:
            lo.append(np.array([0.1]))
            hi.append(np.array([1.2]))
            sc.append(np.array([0.1]))
            extra0 += [float(xb[7])]
        if cut:
            lo.append(np.array([-0.01, -4 * np.pi, -30.0, 0.0]))
            hi.append(np.array([np.pi + 0.01, 4 * np.pi, 30.0, 1.2]))
            sc.append(np.array([0.3, 0.3, 1.0, 0.1]))
            extra0 += [theta0, phi0, 0.0, share0]
        if septum:
            lo.append(np.array([-0.01, -4 * np.pi, -30.0, 0.0, 0.3]))
            hi.append(np.array([np.pi + 0.01, 4 * np.pi, 30.0, 1.2, 6.0]))
            sc.append(np.array([0.3, 0.3, 1.0, 0.1, 1.0]))
            extra0 += [theta0, phi0, 0.0, share0, 1.5]
        lower, upper, scale = np.concatenate(lo), np.concatenate(hi), np.concatenate(sc)
        candidates = []
        heights = [float(xb[4])]
        if restart:     # restarts from other fluid heights: a misread sediment is a local minimum
            heights += [float(f) for f in (0.25 * 2 * xb[3], 0.5 * 2 * xb[3], fluid0) if abs(f - xb[4]) > 0.5]
        plane_d: list[float] = [0.5 * xb[3], 0.0] if cut else [0.0, 0.5 * xb[3]] if septum else [0.0]
        for f0 in heights:
            for d0 in plane_d:
                e = list(extra0)
                if cut:
                    e[-2] = d0
                if septum:
                    e[-3] = d0
                x0 = np.concatenate([xb[:4], [f0], xb[5:8], e])
                fit = run(x0, lower, upper, scale, cut=cut, tilt=tilt, strata=strata, septum=septum)
                if fit is not None:
                    candidates.append(fit)
        fit = min(candidates, key=lambda f: f.cost) if candidates else None
        # never worse than the plain fit (the extended picture holds it)
        out[v] = figures(fit) if fit is not None and fit.cost <= best.cost else out["plain"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path)
    parser.add_argument("dump", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="each gated cavity's fits (JSON lines)")
    parser.add_argument("--only", default="", help="seed.lesion,... (a look at these only)")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--fit-called", action="store_true",
                        help="instead: the cavities of lesions Imaging 97's plain fit calls (the dump's detector not):"
                             " whether a variant that replaces the fit loses them")
    args = parser.parse_args()
    variants = tuple(args.variants.split(","))
    only = {tuple(int(p) for p in s.split(".")) for s in args.only.split(",") if s}
    rows = [json.loads(line) for line in args.rows.open()]
    gate = [r for r in rows if r["relative_ml"] >= fl.FIT_MIN_FLUID_ML and r["below"] >= r["wall"] + fl.SEDIMENT_MIN_MM
            and r["walled"] >= fl.WALLED_MIN_MM and not r["vetoed"]
            and not (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and (r["is_level"] or r["is_settled"]))]
    if only:
        gate = [r for r in gate if (r["seed"], r["lesion"]) in only]
    # a lesion main already calls a level (its detector's call in the dump, or Imaging 97's plain fit) cannot change
    called = {(r["seed"], r["lesion"]) for r in gate if r["detector_level"] or lf.is_fitted_level(
        {k: r[f"model_{k}"] for k in ("inside", "fluid", "sediment", "wall", "rms")})}
    if args.fit_called:
        by_fit = called - {(r["seed"], r["lesion"]) for r in gate if r["detector_level"]}
        gate = [r for r in gate if (r["seed"], r["lesion"]) in by_fit]
        print(f"{len(gate)} cavities of lesions Imaging 97's fit calls", flush=True)
    else:
        gate = [r for r in gate if (r["seed"], r["lesion"]) not in called]
        print(f"{len(gate)} cavities of lesions main calls no level", flush=True)
    cache: dict[int, tuple] = {}
    with args.out.open("w") as out:
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
            t0 = time.process_time()
            fits = extended_fits(c, det["affine"], centre, g, grown == r["cavity"], variants)
            keep = {k: r.get(k) for k in ("seed", "lesion", "cavity", "has_fluid_level", "detector_level",
                                      "loculus_inside_mm", "loculus_fluid_mm", "loculus_sediment_mm")}
            keep.update({k: r[k] for k in r if k.startswith("model_")})
            out.write(json.dumps({**keep, "fits": fits, "cpu_s": time.process_time() - t0}) + "\n")
            out.flush()
            print(r["seed"], r["lesion"], r["cavity"], r["has_fluid_level"],
                  {v: (round(f["inside"], 1), round(f["fluid"], 1), round(f["sediment"], 1), round(f["rms"], 3),
                       lf.is_fitted_level(f)) for v, f in fits.items()}, f"{time.process_time() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
