"""The worst decile of the calcified volume error in an evaluation run, each lesion with its plan
and the mechanism it points to (decisions Imaging 63, 72).

    PYTHONPATH=. .venv/bin/python bench/imaging_volume_tail.py /tmp/main-0-100.json [/tmp/branch-0-100.json]

From a run of bench/imaging_evaluation.py (--json): the matched lesions of 2 mL or more whose
calcified volume error (the report's `volume` against the truth's nodules, walls and sediment) is
at or over the run's 90th percentile. Each lesion's plan is drawn again from its seed (the
generator's draws, without rendering) to show its nodules, loculi (wall, sediment) and the grid's
voxel size; its case is rendered and analysed again with the code checked out, and the error is
split over its parts (each nodule, each loculus with its sediment), each part's error given to a
mechanism (see `mechanism`): a part cut off (at the bone, or not detected), a thin part measured
against itself (over-counted, thinner than two voxels), a faint part beside a dense one
(under-counted), other. The lesion's mechanism is the one that moves most of its error.
A second run (same seeds), when given, adds its error for the same lesions and its own decile.
Tuning seeds only (the held-out ranges are not to be looked at).
"""

import json
import sys
from pathlib import Path

import numpy as np
from scipy import ndimage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.imaging.analysis import lesions  # noqa: E402
from tests.imaging import lesion_generator as gen  # noqa: E402

HELD_OUT = (range(1000, 1100), range(9400, 9500), range(9500, 9600))


def error(row: dict) -> float:
    return (row["found_calcified_ml"] - row["calcified_ml"]) / row["calcified_ml"]


def rows_of(path: str) -> dict:
    data = json.loads(Path(path).read_text())
    start, stop = data["seeds"]
    if any(s in held for held in HELD_OUT for s in (start, stop - 1)):
        raise SystemExit(f"{path}: seeds {start}:{stop} are held out; this script is for the tuning ranges")
    return {(r["seed"], r["index"]): r for c in data["cases"] for r in c["rows"]
            if r["found"] and r["volume_ml"] >= 2.0 and r["calcified_ml"] > 0}


class _Shares:
    """Each lesion's calcium shares and CT box as find_lesions measures them (its steps untouched)."""

    def __init__(self):
        self.found: list[tuple[tuple[slice, ...], np.ndarray]] = []

    def __enter__(self):
        self._partial, self._describe = lesions._partial_volume, lesions._Context.describe
        boxes: list = []

        def partial(*args):
            out = self._partial(*args)
            self.found.append((boxes[-1], out[1]))
            return out

        def describe(context, box, calc, bone_contact):
            boxes.append(context.grid.ct_box(box))
            return self._describe(context, box, calc, bone_contact)

        lesions._partial_volume = partial
        setattr(lesions._Context, "describe", describe)  # noqa: B010 (a method swapped while measuring)
        return self

    def __exit__(self, *exc):
        lesions._partial_volume = self._partial
        setattr(lesions._Context, "describe", self._describe)  # noqa: B010


def parts(seed: int, index: int, plan) -> list[tuple[str, float, float, bool]]:
    """For each nodule or loculus (wall and sediment) of the lesion: its kind, the calcium the truth
    gives it and the calcified volume the detection measured there (mL), and whether under a fifth
    of its calcium lies in the detection. The truth is the generator's sub-samples, each given to
    the ball it lies deepest in; each measured voxel goes to the ball holding most of its truth's
    calcium (a voxel holding none: the nearest that holds some)."""
    case = gen.make_case(seed)
    truth = case.lesions[index]
    with _Shares() as shares:
        findings = lesions.find_lesions(case.volume)
    labels = np.asarray(findings.labels)
    full = np.zeros(case.volume.hu.shape, bool)
    full[truth.box] = truth.mask
    box, share = max(shares.found, key=lambda f: int((full[f[0]] & (f[1] > 0)).sum()))
    affine = np.asarray(case.volume.affine, float)
    up = -np.asarray(case.volume.gravity(), float)
    steps = np.stack(np.meshgrid(*[(np.arange(3) + 0.5) / 3 - 0.5] * 3, indexing="ij"), -1).reshape(-1, 3)
    ijk = np.argwhere(np.ones(share.shape, bool)) + np.array([s.start for s in box])
    centres = np.array([b.centre for b in plan.balls])
    radii = np.array([b.radius_mm for b in plan.balls])
    held = np.zeros((len(ijk), len(plan.balls)))
    for start in range(0, len(ijk), 20000):
        points = ((ijk[start:start + 20000, None, :] + steps[None]).reshape(-1, 3)) @ affine[:3, :3].T + affine[:3, 3]
        _, _, calcified, _ = gen._materials(points, plan.balls, plan.septum_mm, plan.septum_hu, up)
        owner = np.argmin(np.linalg.norm(points[:, None] - centres[None], axis=2) - radii[None], axis=1)
        n = len(points) // len(steps)
        for b in range(len(plan.balls)):
            held[start:start + n, b] = ((owner == b) & calcified).reshape(n, -1).mean(1)
    holds = held.sum(1) > 0
    dominant = np.where(holds, held.argmax(1), -1).reshape(share.shape)
    _, nearest = ndimage.distance_transform_edt(dominant < 0, return_indices=True)
    assigned = dominant[tuple(nearest)]
    detected = (labels[box] > 0).ravel()
    voxel_ml = case.volume.voxel_ml
    out = []
    for b, ball in enumerate(plan.balls):
        kind = (f"loculus r{ball.radius_mm:.1f} wall {ball.wall_mm:.1f}@{ball.hu:.0f} sed {ball.sediment_mm:.1f}"
                f"@{ball.sediment_hu:.0f}" if ball.cystic else f"nodule r{ball.radius_mm:.1f}@{ball.hu:.0f}")
        true_ml = float(held[:, b].sum() * voxel_ml)
        inside = float(held[detected, b].sum() * voxel_ml)
        out.append((kind, true_ml, float(share[assigned == b].sum() * voxel_ml), inside < 0.2 * true_ml))
    return out


def mechanism(row: dict, spacing: np.ndarray, plan, measured) -> tuple[str, dict]:
    """The mechanism whose parts move the calcified volume most, and each mechanism's share of the
    error (mL): a part lost from the detection ("cut off": at the bone when the mass touches it);
    a part over-counted that is thinner than two of the largest voxel side (a wall, or a nodule's
    diameter: no voxel of it has its whole neighbourhood in it, "thin against itself"); a part
    under-counted that is fainter than another part it touches ("faint beside dense"); the rest
    ("other")."""
    moved: dict[str, float] = {}
    for ball, (_, true_ml, found_ml, lost) in zip(plan.balls, measured, strict=True):
        delta = found_ml - true_ml
        thin = (ball.wall_mm if ball.cystic else 2 * ball.radius_mm) < 2 * spacing.max()
        touching = [o for o in plan.balls if o is not ball
                    and np.linalg.norm(o.centre - ball.centre) <= o.radius_mm + ball.radius_mm + 1.0]
        if lost:
            kind = "cut off at the bone" if row["bone_contact"] is not False else "part not detected"
        elif delta > 0 and thin:
            kind = "thin against itself"
        elif delta < 0 and any(o.hu > ball.hu for o in touching):
            kind = "faint beside dense"
        else:
            kind = "other"
        moved[kind] = moved.get(kind, 0.0) + delta
    err = error(row)
    same_sign = {k: v for k, v in moved.items() if v * err > 0} or moved
    return max(same_sign, key=lambda k: abs(same_sign[k])), moved


def describe(row: dict, spacing: np.ndarray, plan) -> str:
    nodules = [b.hu for b in plan.balls if not b.cystic]
    walls = ", ".join(f"{b.wall_mm:.1f}@{b.hu:.0f}" + (f"+sed {b.sediment_mm:.1f}@{b.sediment_hu:.0f}"
                                                       if b.sediment_mm > 0 else "")
                      for b in plan.balls if b.cystic)
    voxel = "x".join(f"{s:.2f}" for s in spacing)
    nod = f"{len(nodules)} nod {min(nodules):.0f}-{max(nodules):.0f}" if nodules else "0 nod"
    contact = {True: "contact", False: "apart", None: "ambig."}[row["bone_contact"]]
    return (f"{row['seed']}.{row['index']:<2} {row['scan']:6} {voxel:15} {row['calcified_ml']:5.1f} mL  "
            f"{nod}; walls [{walls}]  {contact} {row['mode']}, inside {row['overlap_share']:.0%}")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    runs = [rows_of(p) for p in argv]
    base = runs[0]
    for n, rows in enumerate(runs):
        size = np.array([abs(error(r)) for r in rows.values()])
        print(f"{argv[n]}: n = {len(size)}, median {np.median(size):.1%}, p95 {np.percentile(size, 95):.1%}")
    keys: set = set()
    for rows in runs:
        errors = {k: abs(error(r)) for k, r in rows.items()}
        cut = float(np.percentile(list(errors.values()), 90))
        keys |= {k for k, e in errors.items() if e >= cut}
    counts: dict[str, int] = {}
    cache: dict = {}
    lines = []
    for key in sorted(keys, key=lambda k: -abs(error(base.get(k) or runs[-1][k]))):
        seed, index = key
        if seed not in cache:
            cache[seed] = gen.draw_case(seed)  # the plans, without rendering
        spacing, seed_plans = cache[seed].grid.spacing, cache[seed].plans
        row = base.get(key) or runs[-1][key]
        measured = parts(seed, index, seed_plans[index])
        kind, moved = mechanism(row, spacing, seed_plans[index], measured)
        counts[kind] = counts.get(kind, 0) + 1
        figures = "  ".join(f"{error(rows[key]):+6.0%}" if key in rows else "   -  " for rows in runs)
        split = ", ".join(f"{k} {v:+.2f}" for k, v in sorted(moved.items(), key=lambda kv: -abs(kv[1])))
        lines.append(f"{figures}  {kind:22} {describe(row, spacing, seed_plans[index])}\n"
                     f"{'':8}error by mechanism (mL, the code checked out): {split}")
    print("error (each run)  mechanism                 seed.lesion scan voxel mm  calcified  plan")
    print("\n".join(lines))
    print("mechanisms:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
