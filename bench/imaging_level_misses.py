"""Where each true fluid-calcium level of the generated lesions is lost (decision Imaging 66).

    PYTHONPATH=. .venv/bin/python bench/imaging_level_misses.py --seeds 0:100 200:300
    PYTHONPATH=. .venv/bin/python bench/imaging_level_misses.py --seeds 0:100 --from /tmp/eval/main-0-100.json
    PYTHONPATH=. .venv/bin/python bench/imaging_level_misses.py --seeds 0:100 --false   # the false levels too

Tuning seeds only (the held-out ranges are not to be looked at). For every lesion whose truth has a
level (a loculus >= 8 mm inside with >= 2 mm of fluid over >= 2 mm of sediment,
lesion_generator.Ball.shows_level) and whose detection calls none, each such loculus is followed
through the detector: the lesion found or not (matched as bench/imaging_evaluation.py matches), the
loculus's fluid inside the matched detection or another, the cavity the level's judge sees there
(fluid_level.cavities: a dip of the calcium shares, at least CAVITY_MIN_FLUID_ML), then the cavity
judge's figures and which of its rules fail (Imaging 35), the fitted section's (Imaging 46) and the
one-density veto (Imaging 65); for a cavity the judges refuse, Imaging 97's rendered fit as
level_in_cavities gates it and its figures (inside, fluid, sediment, wall, RMS). Beside them, what
the generator rendered of the loculus (its cavity cut by neighbouring nodules, septa or bone; its
fluid and sediment along gravity against the voxel's extent there). A lesion's mechanism is its
loculus that got furthest; the counts close the output. With `--from` (a JSON of
imaging_evaluation.py), only the seeds with a missed level run.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.imaging_evaluation import match  # noqa: E402
from services.imaging.analysis import fluid_level, lesions, loculus_fit  # noqa: E402
from tests.imaging import lesion_generator as gen  # noqa: E402

STEP_MM = 0.25               # the loculus is sampled this finely to see what was rendered of it
COLUMN_MM = 1.0              # ... and its layers read in a vertical column of this radius
# How far along the detector a loculus got (the furthest decides a lesion's mechanism).
STAGES = ("lesion not found", "loculus outside the matched detection", "no cavity (dip)",
          "cavity under CAVITY_MIN_FLUID_ML", "judged: rules fail", "vetoed (one density)", "called")


def _capture():
    """Run find_lesions with each describe's box, judged shares and density recorded."""
    calls: list[dict] = []
    original_describe = lesions._Context.describe
    original_floor = lesions.settled_floor
    original_cavities = fluid_level.level_in_cavities
    current: dict = {}

    def floor(fluid_share, calcium_share, fluid, affine, gravity, voxel_ml):
        current.update(judged=calcium_share, affine=affine, gravity=gravity, voxel_ml=voxel_ml)
        current["floor"] = original_floor(fluid_share, calcium_share, fluid, affine, gravity, voxel_ml)
        return current["floor"]

    def cavities(calcium, affine, gravity, voxel_ml, density=None):
        current["density"] = density
        current["judged"] = calcium   # the cavity's judge's own shares (Imaging 66: over the whole mass)
        return original_cavities(calcium, affine, gravity, voxel_ml, density)

    def describe(self, box, calc, bone_contact):
        current.clear()
        lesion, ct_box, mass = original_describe(self, box, calc, bone_contact)
        calls.append(dict(current, ct_box=ct_box, mass=mass, level=lesion.fluid_calcium_level, lesion=lesion))
        return lesion, ct_box, mass

    return calls, (original_describe, original_floor, original_cavities), (describe, floor, cavities)


def _patch(functions) -> None:
    describe, floor, cavities = functions
    lesions._Context.describe = describe  # type: ignore[method-assign]
    lesions.settled_floor = floor
    fluid_level.level_in_cavities = cavities


def run_case(seed: int) -> tuple[gen.Case, list, list[dict], np.ndarray]:
    """The case, its lesion plans, the detector's describe calls and its labels."""
    draw = gen.draw_case(seed)
    case = gen.render_case(draw)
    calls, originals, patched = _capture()
    _patch(patched)
    try:
        findings = lesions.find_lesions(case.volume)
    finally:
        _patch(originals)
    return case, draw.plans, calls, np.asarray(findings.labels)


def rendered(ctx: gen.ScanContext, plan, n: int, up: np.ndarray) -> dict:
    """What the generator drew of loculus `n`: fluid and sediment sampled finely over its cavity."""
    b = plan.balls[n]
    r = b.inner_mm
    axis = np.arange(-r, r + STEP_MM, STEP_MM)
    grid = np.stack(np.meshgrid(axis, axis, axis, indexing="ij"), -1).reshape(-1, 3)
    grid = grid[(grid ** 2).sum(1) <= r * r]
    points = grid + b.centre
    inside, hu, calcified, liquid = gen._materials(points, plan.balls, plan.septum_mm, plan.septum_hu, up)
    soft = ctx.sample(ctx.sdf, points) >= 0
    height = grid @ up + r
    fluid = liquid & soft
    sediment = calcified & soft & (height <= b.sediment_mm) & np.isclose(hu, b.sediment_hu)
    voxel = STEP_MM ** 3 / 1000
    # The fluid and sediment crossed along gravity through the fluid's centre (the column a reader
    # sees the level in): what the cutting by neighbours left of the nominal layers.
    out = {"cavity_ml": len(grid) * voxel, "fluid_ml": fluid.sum() * voxel, "sediment_ml": sediment.sum() * voxel,
           "cut": 1.0 - (fluid | sediment).sum() / max(len(grid), 1)}
    if fluid.any():
        centre = points[fluid].mean(0)
        column = np.linalg.norm(np.cross(points - centre, up), axis=1) <= COLUMN_MM
        area = np.pi * COLUMN_MM ** 2 / STEP_MM ** 2           # the column's sub-samples per step along it
        out["centre"] = centre
        out["fluid_mm"] = float((column & fluid).sum() * STEP_MM / area)
        out["sediment_mm"] = float((column & sediment).sum() * STEP_MM / area)
    return out


def judge(call: dict, cavity: int) -> dict:
    """The level's judges on one cavity, as fluid_level.level_in_cavities runs them."""
    judged, affine = call["judged"], call["affine"]
    dip, labels, count = fluid_level.cavities(judged)
    c = np.clip(judged.astype(np.float32), 0.0, 1.0)
    g = np.asarray(call["gravity"], float) / np.linalg.norm(call["gravity"])
    helper = np.eye(3)[int(np.argmin(np.abs(g)))]
    h1 = np.cross(g, helper)
    h1 /= np.linalg.norm(h1)
    h2 = np.cross(g, h1)
    grown = ndimage.grey_dilation(labels, footprint=np.ones((3, 3, 3), bool))
    where = np.nonzero((grown == cavity) & (dip > 0))
    w = dip[where]
    centre = (np.stack(where, axis=1) * w[:, None]).sum(axis=0) / w.sum()
    f = fluid_level.profile(c, affine, centre, g, h1, h2)
    fit = fluid_level.section(c, affine, centre, g, h1, h2)
    inner = max(f["breadth"], f["height"] + f["below"] - f["wall"])
    failed = [name for name, ok in (
        ("walled", f["walled"] >= fluid_level.WALLED_MIN_MM),
        ("size", f["breadth"] >= fluid_level.CAVITY_MIN_BREADTH_MM and inner >= fluid_level.LOCULUS_MIN_INNER_MM),
        ("truncation", f["height"] <= f["breadth"] - fluid_level.TRUNCATED_MM),
        ("sediment", f["below"] >= f["wall"] + fluid_level.SEDIMENT_MIN_MM)) if not ok]
    fit_failed = [name for name, ok in (
        ("fluid", fit["height"] >= fluid_level.FIT_FLUID_MM), ("sediment", fit["sediment"] >= fluid_level.FIT_SEDIMENT_MM),
        ("inner", fit["inner"] >= fluid_level.FIT_INNER_MM), ("below", f["below"] >= f["wall"] + fluid_level.FIT_BELOW_MM),
        ("walled", f["walled"] >= fluid_level.WALLED_MIN_MM)) if not ok]
    out = {"figures": f, "fit": fit, "failed": failed, "fit_failed": fit_failed, "centre": centre}
    if not failed or not fit_failed:
        density = call.get("density")
        if density is not None:
            one = fluid_level.profile(fluid_level.one_density(c, density, grown == cavity, affine), affine, centre, g, h1, h2)
            out["one"] = one
            out["vetoed"] = bool(one["below"] < one["wall"] + fluid_level.SEDIMENT_MIN_MM)
        else:
            out["vetoed"] = False
    return out


def fitted(call: dict, cavity: int, dip: np.ndarray, grown: np.ndarray) -> str:
    """Imaging 97's rendered fit of the cavity, as level_in_cavities gates and judges it (a line's tail)."""
    c = np.clip(call["judged"].astype(np.float32), 0.0, 1.0)
    relative = float(np.where((grown == cavity) & (dip > 0), dip / np.maximum(dip + c, 1e-6), 0.0).sum() * call["voxel_ml"])
    amount = float(np.where((grown == cavity) & (dip > 0), dip, 0.0).sum() * call["voxel_ml"])
    if amount < fluid_level.CAVITY_MIN_FLUID_ML and relative < fluid_level.FIT_MIN_FLUID_ML:
        return f"; fit: not tried (relative {relative:.3f} mL < {fluid_level.FIT_MIN_FLUID_ML})"
    f = judge(call, cavity)["figures"]
    if not (f["below"] >= f["wall"] + fluid_level.SEDIMENT_MIN_MM and f["walled"] >= fluid_level.WALLED_MIN_MM):
        return (f"; fit: not tried (relative {relative:.3f} mL, below {f['below']:.1f} wall {f['wall']:.1f} "
                f"walled {f['walled']:.1f})")
    g = np.asarray(call["gravity"], float) / np.linalg.norm(call["gravity"])
    where = np.nonzero((grown == cavity) & (dip > 0))
    w = dip[where]
    centre = (np.stack(where, axis=1) * w[:, None]).sum(axis=0) / w.sum()
    fit = loculus_fit.model_fit(c, call["affine"], centre, g, grown == cavity)
    return (f"; fit (relative {relative:.3f} mL): inside {fit['inside']:.1f} fluid {fit['fluid']:.1f} sediment "
            f"{fit['sediment']:.1f} wall {fit['wall']:.1f} rms {fit['rms']:.3f} -> "
            f"{'level' if loculus_fit.is_fitted_level(fit) else 'refused'}")


def follow(case: gen.Case, call: dict | None, ball, seen: dict, ctx: gen.ScanContext) -> tuple[int, str]:
    """How far the detector got with this loculus (an index into STAGES) and a line saying so."""
    if call is None:
        return 1, "its fluid lies in no detection"
    judged = call.get("judged")
    if judged is None:
        return 6, "called by the settled floor"
    affine = np.asarray(case.volume.affine, float)
    offset = np.array([s.start for s in call["ct_box"]])
    shape = np.array(judged.shape)
    index = np.indices(judged.shape).reshape(3, -1).T
    xyz = (index + offset) @ affine[:3, :3].T + affine[:3, 3]
    near = (np.linalg.norm(xyz - ball.centre, axis=1) <= ball.inner_mm).reshape(judged.shape)
    dip, labels, count = fluid_level.cavities(judged)
    voxel_ml = call["voxel_ml"]
    depth = float(dip[near].max()) if near.any() else 0.0
    held = np.bincount(labels[near], minlength=count + 1)
    held[0] = 0
    if not near.any() or held.max() == 0:
        return 2, f"no cavity: deepest dip in the loculus {depth:.2f} (needs {fluid_level.CAVITY_DIP}), box {tuple(shape)}"
    cavity = int(held.argmax())
    grown = ndimage.grey_dilation(labels, footprint=np.ones((3, 3, 3), bool))
    amount = float(np.where((grown == cavity) & (dip > 0), dip, 0.0).sum() * voxel_ml)
    if amount < fluid_level.CAVITY_MIN_FLUID_ML:
        return 3, (f"cavity {amount:.3f} mL (needs {fluid_level.CAVITY_MIN_FLUID_ML}), deepest dip {depth:.2f}"
                   + fitted(call, cavity, dip, grown))
    verdict = judge(call, cavity)
    f, fit = verdict["figures"], verdict["fit"]
    text = (f"cavity {amount:.3f} mL: height {f['height']:.1f} breadth {f['breadth']:.1f} below {f['below']:.1f} "
            f"wall {f['wall']:.1f} walled {f['walled']:.1f} -> fails {verdict['failed'] or 'none'}; fit fluid "
            f"{fit['height']:.1f} sediment {fit['sediment']:.1f} inner {fit['inner']:.1f} -> fails "
            f"{verdict['fit_failed'] or 'none'}")
    if verdict["failed"] and verdict["fit_failed"]:
        return 4, text + fitted(call, cavity, dip, grown) + "|" + "+".join(verdict["failed"])
    if verdict.get("vetoed"):
        one = verdict["one"]
        return 5, text + f"; one density: below {one['below']:.1f} wall {one['wall']:.1f}"
    return 6, text


def extent_along(affine: np.ndarray, direction: np.ndarray) -> float:
    """A voxel's extent along a direction (its box projected on it)."""
    return float(np.abs(np.asarray(affine, float)[:3, :3].T @ direction).sum())


def report_seed(seed: int, want: set[int] | None, false_levels: bool, counts: Counter, mechanisms: Counter) -> None:
    case, plans, calls, labels = run_case(seed)
    ctx = gen.scan_context(case.scan)
    up = -np.asarray(case.volume.gravity(), float)
    affine = np.asarray(case.volume.affine, float)
    count = len(calls)
    ordered = sorted(range(count), key=lambda k: -calls[k]["lesion"].volume_ml)   # find_lesions's numbering
    number = {k: n + 1 for n, k in enumerate(ordered)}
    sizes = np.bincount(labels.ravel().astype(np.int64), minlength=count + 1)
    voxel_g = extent_along(affine, up)
    for truth in case.lesions:
        if want is not None and truth.index not in want:
            continue
        overlap, candidates = match(truth, labels, sizes)
        best = int(max(candidates, key=lambda n: overlap[n])) if candidates else None
        call_of = {number[k]: calls[k] for k in range(count)}
        level = bool(best is not None and call_of[best]["level"])
        plan = plans[truth.index]
        if truth.has_fluid_level and not level:
            head = (f"seed {seed} lesion {truth.index}: {case.scan} {case.thickness_mm:.2f} mm (voxel {voxel_g:.2f} mm "
                    f"along gravity), {truth.volume_ml:.1f} mL, {len(candidates)} detection(s)")
            print(head)
            furthest, how = -1, ""
            for n, ball in enumerate(plan.balls):
                if not ball.shows_level:
                    continue
                drawn = rendered(ctx, plan, n, up)
                line = (f"  loculus {n}: {2 * ball.inner_mm:.1f} mm inside, wall {ball.wall_mm:.1f} mm @ {ball.hu:.0f} HU, "
                        f"sediment {ball.sediment_mm:.1f} mm @ {ball.sediment_hu:.0f} HU, fluid "
                        f"{2 * ball.inner_mm - ball.sediment_mm:.1f} mm; drawn: {drawn['cut']:.0%} of the cavity cut away")
                if "fluid_mm" in drawn:
                    line += f", column {drawn['fluid_mm']:.1f} mm fluid over {drawn['sediment_mm']:.1f} mm sediment"
                print(line)
                if best is None:
                    stage, text = 0, "the lesion is not found"
                else:
                    centre = drawn.get("centre", ball.centre)
                    ijk = np.rint(np.linalg.solve(affine[:3, :3], centre - affine[:3, 3])).astype(int)
                    holder = None
                    for k in range(count):
                        box = calls[k]["ct_box"]
                        local = ijk - np.array([s.start for s in box])
                        if np.all(local >= 0) and np.all(local < calls[k]["mass"].shape):
                            if holder is None or calls[k]["mass"][tuple(local)]:
                                holder = k
                    if holder is not None and number[holder] != best:
                        stage, text = 1, f"its fluid lies in detection {number[holder]}, not the matched {best}"
                        if calls[holder]["level"]:
                            text += " (which calls a level)"
                    else:
                        stage, text = follow(case, calls[holder] if holder is not None else None, ball, {}, ctx)
                text, _, rules = text.partition("|")
                print(f"    -> {STAGES[stage]}: {text}")
                if stage > furthest or (stage == furthest and rules):
                    furthest, how = stage, STAGES[stage] + (f" [{rules}]" if rules else "")
            counts[how] += 1
            mechanisms[(how, case.scan)] += 1
        elif false_levels and level and not truth.has_fluid_level and best is not None:
            call = call_of[best]
            print(f"seed {seed} lesion {truth.index}: FALSE level, {case.scan} {case.thickness_mm:.2f} mm, "
                  f"{truth.volume_ml:.1f} mL, floor {call.get('floor')}")
            if call.get("judged") is not None:
                dip, cav, n_cav = fluid_level.cavities(call["judged"])
                grown = ndimage.grey_dilation(cav, footprint=np.ones((3, 3, 3), bool))
                for n in range(1, n_cav + 1):
                    amount = float(np.where((grown == n) & (dip > 0), dip, 0.0).sum() * call["voxel_ml"])
                    v = judge(call, n) if amount >= fluid_level.CAVITY_MIN_FLUID_ML else None
                    if v is None or (v["failed"] and v["fit_failed"]):
                        tail = fitted(call, n, dip, grown)   # the rendered fit's level (Imaging 97)
                        if tail.endswith("-> level"):
                            print(f"    cavity {n} {amount:.3f} mL{tail}")
                        continue
                    if not v.get("vetoed"):
                        f, fit = v["figures"], v["fit"]
                        print(f"    cavity {n} {amount:.3f} mL: height {f['height']:.1f} breadth {f['breadth']:.1f} "
                              f"below {f['below']:.1f} wall {f['wall']:.1f} walled {f['walled']:.1f} fails {v['failed']}; "
                              f"fit {fit['height']:.1f}/{fit['sediment']:.1f}/{fit['inner']:.1f} fails {v['fit_failed']}")
            loculi = [b for b in plan.balls if b.cystic]
            for b in loculi:
                print(f"    truth loculus: {2 * b.inner_mm:.1f} mm inside, sediment {b.sediment_mm:.1f} mm, "
                      f"fluid {2 * b.inner_mm - b.sediment_mm:.1f} mm")


def dump_seed(seed: int, folder: Path) -> None:
    """The level's inputs of every detection of a case (judged shares, density, grid) and its truth
    (the matched detection, the loculi), to replay a judge offline (`--dump`)."""
    case, plans, calls, labels = run_case(seed)
    count = len(calls)
    ordered = sorted(range(count), key=lambda k: -calls[k]["lesion"].volume_ml)
    number = {k: n + 1 for n, k in enumerate(ordered)}
    sizes = np.bincount(labels.ravel().astype(np.int64), minlength=count + 1)
    truths = []
    for truth in case.lesions:
        overlap, candidates = match(truth, labels, sizes)
        best = max(candidates, key=lambda n: overlap[n]) if candidates else None
        balls = [{"centre": [float(v) for v in b.centre], "inner_mm": b.inner_mm, "wall_mm": b.wall_mm,
                  "sediment_mm": b.sediment_mm, "shows_level": b.shows_level}
                 for b in plans[truth.index].balls if b.cystic]
        truths.append({"index": truth.index, "has_fluid_level": truth.has_fluid_level, "detection": best,
                       "loculi": balls})
    for k in range(count):
        call = calls[k]
        arrays: dict[str, Any] = {"offset": np.array([s.start for s in call["ct_box"]]), "level": np.array(call["level"])}
        if call.get("judged") is not None:
            arrays |= {"judged": call["judged"].astype(np.float32), "affine": np.asarray(call["affine"], float),
                       "gravity": np.asarray(call["gravity"], float), "voxel_ml": np.array(call["voxel_ml"]),
                       "floor": np.array(bool(call["floor"]))}
            if call.get("density") is not None:
                arrays["density"] = call["density"].astype(np.float32)
        np.savez_compressed(folder / f"{seed}-{number[k]}.npz", **arrays)
    (folder / f"{seed}.json").write_text(json.dumps({"seed": seed, "scan": case.scan, "thickness_mm": case.thickness_mm,
                                                     "affine": np.asarray(case.volume.affine, float).tolist(),
                                                     "detections": count, "truths": truths}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", nargs="+", default=["0:100"], help="ranges a:b (tuning seeds only)")
    parser.add_argument("--from", dest="source", nargs="*", default=[],
                        help="imaging_evaluation.py JSON runs: only their seeds with a missed level")
    parser.add_argument("--false", action="store_true", help="also the false levels' called cavities")
    parser.add_argument("--dump", type=Path, help="instead: each case's level inputs and truth into this folder")
    args = parser.parse_args()
    seeds = [s for r in args.seeds for s in range(*map(int, r.split(":")))]
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for seed in seeds:
            dump_seed(seed, args.dump)
        return
    wanted: dict[int, set[int] | None] = {s: None for s in seeds}
    if args.source and not args.false:
        wanted = {}
        for path in args.source:
            for case in json.loads(Path(path).read_text())["cases"]:
                missed = {r["index"] for r in case["rows"] if r["has_fluid_level"] and not r.get("found_fluid_level")}
                if case["seed"] in seeds and missed:
                    wanted[case["seed"]] = missed
    counts: Counter = Counter()
    mechanisms: Counter = Counter()
    for seed, want in sorted(wanted.items()):
        report_seed(seed, want, args.false, counts, mechanisms)
        sys.stdout.flush()
    print("\nmissed levels by how far their best loculus got:")
    for how in sorted(counts, key=lambda k: (STAGES.index(k.split(" [")[0]), k)):
        scans = ", ".join(f"{scan} {mechanisms[(how, scan)]}" for scan in gen.SCANS if mechanisms[(how, scan)])
        print(f"  {counts[how]:3d}  {how} ({scans})")


if __name__ == "__main__":
    main()
