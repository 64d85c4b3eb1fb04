"""Evaluation of the CT lesion detector on seeded random lesions in the two real CTs.

    PYTHONPATH=. .venv/bin/python bench/imaging_evaluation.py --seeds 0:100 --jobs 2            # tuning range
    PYTHONPATH=. .venv/bin/python bench/imaging_evaluation.py --seeds 1000:1100 --jobs 2 \\
        --json /tmp/evaluation.json --write-doc                                                # held-out: the report

Each seed is one case of tests/imaging/lesion_generator.py (a real scan resampled to a random slice
thickness, 1 to 3 random lesions implanted, truth computed on the same grid); the detector
(services.imaging.analysis.lesions.find_lesions) runs on it and its labels are matched to the truth
masks: a detection matches a truth lesion when their overlap is at least MATCH_SHARE of either's
voxels; a detection of FP_MIN_ML or more that matches none is a false positive. The unmodified real
scans (the NIfTI and the DICOM series as they are, and both resampled to a few slice thicknesses)
are analysed too: anything found there is a false positive.

Tune on one seed range (0:100), report on another (1000:1100): the generator's distributions come
from the clinical description, not from the detector, and a held-out range has never been looked at.
"""

import argparse
import datetime
import json
import math
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MATCH_SHARE = 0.30
FP_MIN_ML = 0.5
SIZE_BANDS = ((0.0, 2.0, "< 2 mL"), (2.0, 10.0, "2-10 mL"), (10.0, 40.0, "10-40 mL"), (40.0, math.inf, ">= 40 mL"))
THICKNESS_BANDS = ((0.0, 1.5, "0.6-1.5 mm"), (1.5, 3.0, "1.5-3 mm"), (3.0, 99.0, "3-5 mm"))
# the real scans without lesions, as they are and resampled; the chest slab at the common thin
# reconstructions too (1.6-2.5 mm), where its ribs' regions are blurred least
REAL_SCANS = (("pelvis", None), ("pelvis", 1.0), ("pelvis", 2.0), ("pelvis", 5.0),
              ("chest", None), ("chest", 1.0), ("chest", 1.6), ("chest", 2.5), ("chest", 3.0), ("chest", 5.0))
SCAN_FILES = {"pelvis": "NIfTI example_ct.nii.gz", "chest": "DICOM example_ct_dicom/"}
TARGETS = {
    "sensitivity_2ml": 0.95, "sensitivity_2ml_contact": 0.95, "real_fp": 0,
    "volume_median": 0.10, "volume_p95": 0.25, "fluid_sensitivity": 0.90, "fluid_specificity": 0.95,
}


# ---- one case (runs in a worker) --------------------------------------------------------------
def _where(ctx, volume, voxels: np.ndarray) -> str:
    """What a detection's voxels lie on in the real scan: the bone (chest: its label) or soft tissue."""
    affine = np.asarray(volume.affine, float)
    xyz = voxels @ affine[:3, :3].T + affine[:3, 3]
    src = np.clip(np.rint(ctx.to_index(xyz)).astype(int), 0, np.array(ctx.bone.shape) - 1)
    on_bone = ctx.bone[tuple(src.T)]
    if ctx.labels is not None:
        from tests.imaging.lesion_generator import CHEST_BONE_LABELS
        codes = ctx.labels[tuple(src.T)]
        bone_codes = codes[np.isin(codes, list(CHEST_BONE_LABELS))]
        if len(bone_codes) >= 0.2 * len(codes):
            return "on " + CHEST_BONE_LABELS[int(np.bincount(bone_codes).argmax())]
    return "on bone" if on_bone.mean() >= 0.2 else "soft tissue"


def _detections(findings, volume, ctx, skip: set[int]) -> list[dict]:
    out = []
    for n, lesion in enumerate(findings.lesions, start=1):
        if n in skip or lesion.volume_ml < FP_MIN_ML:
            continue
        voxels = np.argwhere(findings.labels == n)
        affine = np.asarray(volume.affine, float)
        centre = voxels.mean(0) @ affine[:3, :3].T + affine[:3, 3] if len(voxels) else np.full(3, np.nan)
        out.append({"volume_ml": round(float(lesion.volume_ml), 2), "site": lesion.body_site,
                    "centre_lps_mm": [round(float(v), 1) for v in centre],
                    "where": _where(ctx, volume, voxels) if len(voxels) else "?"})
    return out


def match(truth, labels: np.ndarray, detection_voxels: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """A truth lesion's overlap (voxels) with each detection of `labels`, and the detections that match
    it: an overlap of at least MATCH_SHARE of the truth's voxels or of the detection's."""
    inside = labels[truth.box][truth.mask].astype(np.int64)
    overlap = np.bincount(inside, minlength=len(detection_voxels))
    overlap[0] = 0
    size = int(truth.mask.sum())
    candidates = [int(n) for n in np.flatnonzero(overlap)
                  if overlap[n] >= MATCH_SHARE * size or overlap[n] >= MATCH_SHARE * detection_voxels[n]]
    return overlap, candidates


def evaluate_case(seed: int) -> dict:
    from services.imaging.analysis.lesions import find_lesions
    from tests.imaging.lesion_generator import make_case, scan_context

    start = time.perf_counter()
    case = make_case(seed)
    generated = time.perf_counter()
    findings = find_lesions(case.volume)
    detected = time.perf_counter()
    labels = np.asarray(findings.labels)
    if labels.shape != case.volume.hu.shape:
        raise RuntimeError(f"seed {seed}: labels {labels.shape} are not on the CT grid {case.volume.hu.shape}")
    count = len(findings.lesions)
    detection_voxels = np.bincount(labels.ravel().astype(np.int64), minlength=count + 1)
    matched: set[int] = set()
    rows = []
    for truth in case.lesions:
        overlap, candidates = match(truth, labels, detection_voxels)
        size = int(truth.mask.sum())
        row = truth.row() | {"seed": seed, "scan": case.scan, "thickness_mm": case.thickness_mm,
                             "found": bool(candidates), "fragments": len(candidates)}
        if candidates:
            best = max(candidates, key=lambda n: overlap[n])
            lesion = findings.lesions[best - 1]
            # The report's `volume` is the calcified volume; the whole mass holds the loculi's fluid
            # and the septa too (Imaging 95).
            row |= {"found_volume_ml": float(lesion.mass_volume_ml),
                    "found_calcified_ml": float(lesion.volume_ml),
                    "found_fluid_ml": float(lesion.fluid_volume_ml),
                    "found_extents_mm": [float(lesion.extent_lr_mm), float(lesion.extent_ap_mm), float(lesion.extent_si_mm)],
                    "found_fluid_level": bool(lesion.fluid_calcium_level), "found_bone_contact": bool(lesion.bone_contact),
                    "found_site": lesion.body_site, "overlap_share": float(overlap[best] / max(size, 1))}
            matched.update(int(n) for n in candidates)
        rows.append(row)
    fps = _detections(findings, case.volume, scan_context(case.scan), matched)
    return {"kind": "case", "seed": seed, "scan": case.scan, "thickness_mm": case.thickness_mm, "rows": rows,
            "false_positives": fps, "detections": count, "dropped": case.dropped,
            "generate_s": generated - start, "detect_s": detected - generated}


def evaluate_real(task: tuple[str, float | None]) -> dict:
    from services.imaging.analysis.lesions import find_lesions
    from tests.imaging.lesion_generator import resample_slices, scan_context

    scan, thickness = task
    ctx = scan_context(scan)
    volume = ctx.volume if thickness is None else resample_slices(ctx.volume, thickness)
    findings = find_lesions(volume)
    name = SCAN_FILES[scan] + (" as is" if thickness is None else f" resampled to {thickness:g} mm")
    return {"kind": "real", "scan": scan, "thickness_mm": thickness, "name": name,
            "false_positives": _detections(findings, volume, ctx, set()), "detections": len(findings.lesions)}


def _run(task):
    return evaluate_case(task) if isinstance(task, int) else evaluate_real(task)


# ---- metrics -----------------------------------------------------------------------------------
def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return (math.nan, math.nan)
    z = 1.96
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate(rows: list[dict], key=lambda r: r["found"]) -> dict:
    n = len(rows)
    k = sum(1 for r in rows if key(r))
    lo, hi = wilson(k, n)
    return {"k": k, "n": n, "rate": k / n if n else math.nan, "ci": (lo, hi)}


def quantiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "median": math.nan, "p95": math.nan}
    return {"n": len(values), "median": float(np.median(values)), "p95": float(np.percentile(values, 95))}


def band(value: float, bands) -> str:
    return next(name for lo, hi, name in bands if lo <= value < hi)


def contact_class(row: dict) -> str:
    return {True: "contact or moulding (gap <= 0.5 mm)", False: "apart (gap >= 3 mm)"}.get(
        row["bone_contact"], "ambiguous (0.5-3 mm)")


def metrics(cases: list[dict], reals: list[dict]) -> dict:
    rows = [r for c in cases for r in c["rows"]]
    found = [r for r in rows if r["found"]]
    big = [r for r in rows if r["volume_ml"] >= 2.0]
    out: dict = {"lesions": len(rows), "cases": len(cases), "dropped": sum(c["dropped"] for c in cases)}
    out["sensitivity"] = rate(rows)
    out["sensitivity_2ml"] = rate(big)
    out["sensitivity_2ml_contact"] = rate([r for r in big if r["bone_contact"] is True])
    groups = {
        "size": lambda r: band(r["volume_ml"], SIZE_BANDS),
        "bone contact": contact_class,
        "bone contact (>= 2 mL)": lambda r: contact_class(r) if r["volume_ml"] >= 2 else None,
        "placement": lambda r: r["mode"],
        "scan": lambda r: SCAN_FILES[r["scan"]],
        "slice thickness": lambda r: band(r["thickness_mm"], THICKNESS_BANDS),
        "metal": lambda r: "near metal (< 40 mm)" if r["near_metal"] else "not near metal",
        "site": lambda r: r["site"],
        "fluid level (truth)": lambda r: "with a fluid level" if r["has_fluid_level"] else "without",
    }
    out["by"] = {}
    for name, key in groups.items():
        values: dict[str, list] = {}
        for r in rows:
            k = key(r)
            if k is not None:
                values.setdefault(k, []).append(r)
        order = [b[2] for b in SIZE_BANDS + THICKNESS_BANDS]
        out["by"][name] = {k: rate(v) for k, v in sorted(
            values.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]))}

    def relative(r, found_key, true_key):
        return abs(r[found_key] - r[true_key]) / r[true_key] if r[true_key] > 0 else None

    for label, subset in (("2ml", [r for r in found if r["volume_ml"] >= 2]), ("all", found)):
        out[f"volume_error_{label}"] = quantiles([relative(r, "found_volume_ml", "volume_ml") for r in subset])
        out[f"calcified_error_{label}"] = quantiles(
            [e for r in subset if (e := relative(r, "found_calcified_ml", "calcified_ml")) is not None])
        errors = [abs(f - t) for r in subset for f, t in zip(r["found_extents_mm"], r["extents_mm"], strict=True)]
        out[f"extent_error_mm_{label}"] = quantiles(errors)
        out[f"extent_error_rel_{label}"] = quantiles(
            [abs(f - t) / t for r in subset for f, t in zip(r["found_extents_mm"], r["extents_mm"], strict=True)])
        for axis, name in enumerate(("LR", "AP", "SI")):
            out[f"extent_error_mm_{label}_{name}"] = quantiles(
                [abs(r["found_extents_mm"][axis] - r["extents_mm"][axis]) for r in subset])
    out["fluid_sensitivity"] = rate([r for r in found if r["has_fluid_level"]], key=lambda r: r["found_fluid_level"])
    out["fluid_specificity"] = rate([r for r in found if not r["has_fluid_level"]],
                                    key=lambda r: not r["found_fluid_level"])
    out["contact_accuracy"] = rate([r for r in found if r["bone_contact"] is not None],
                                   key=lambda r: r["found_bone_contact"] == r["bone_contact"])
    out["contact_accuracy_by"] = {
        "truth: contact": rate([r for r in found if r["bone_contact"] is True], key=lambda r: r["found_bone_contact"]),
        "truth: apart": rate([r for r in found if r["bone_contact"] is False], key=lambda r: not r["found_bone_contact"]),
    }
    fps = [fp | {"seed": c["seed"], "scan": c["scan"], "thickness_mm": c["thickness_mm"]}
           for c in cases for fp in c["false_positives"]]
    out["implanted_fp"] = fps
    out["implanted_fp_per_scan"] = {
        SCAN_FILES[s]: (sum(len(c["false_positives"]) for c in cases if c["scan"] == s),
                        sum(1 for c in cases if c["scan"] == s)) for s in sorted({c["scan"] for c in cases})}
    out["implanted_fp_per_scan"]["all"] = (len(fps), len(cases))
    out["real"] = reals
    as_is = [r for r in reals if r["thickness_mm"] is None]
    out["real_fp"] = sum(len(r["false_positives"]) for r in as_is)
    out["missed"] = [r for r in rows if not r["found"]]
    return out


def verdicts(m: dict) -> list[tuple[str, str, str, bool]]:
    t = TARGETS
    vol, calc = m["volume_error_2ml"], m["calcified_error_2ml"]
    return [
        ("sensitivity, lesions >= 2 mL", f">= {t['sensitivity_2ml']:.0%}", pct(m["sensitivity_2ml"]),
         m["sensitivity_2ml"]["rate"] >= t["sensitivity_2ml"]),
        ("sensitivity, lesions >= 2 mL in contact with bone (moulding included)", f">= {t['sensitivity_2ml_contact']:.0%}",
         pct(m["sensitivity_2ml_contact"]), m["sensitivity_2ml_contact"]["rate"] >= t["sensitivity_2ml_contact"]),
        ("false positives >= 0.5 mL on the unmodified real scans (NIfTI and DICOM as they are)", "0",
         str(m["real_fp"]), m["real_fp"] <= t["real_fp"]),
        ("volume error abs(found - true) / true, median (matched lesions >= 2 mL)", f"<= {t['volume_median']:.0%}",
         f"{vol['median']:.1%} (n = {vol['n']})", vol["median"] <= t["volume_median"]),
        ("volume error, 95th percentile (matched lesions >= 2 mL)", f"<= {t['volume_p95']:.0%}",
         f"{vol['p95']:.1%}", vol["p95"] <= t["volume_p95"]),
        ("calcified volume error, median / 95th percentile (matched >= 2 mL)",
         f"<= {t['volume_median']:.0%} / {t['volume_p95']:.0%}", f"{calc['median']:.1%} / {calc['p95']:.1%}",
         calc["median"] <= t["volume_median"] and calc["p95"] <= t["volume_p95"]),
        ("fluid-level sensitivity (matched lesions)", f">= {t['fluid_sensitivity']:.0%}", pct(m["fluid_sensitivity"]),
         m["fluid_sensitivity"]["rate"] >= t["fluid_sensitivity"]),
        ("fluid-level specificity (matched lesions)", f">= {t['fluid_specificity']:.0%}", pct(m["fluid_specificity"]),
         m["fluid_specificity"]["rate"] >= t["fluid_specificity"]),
    ]


def pct(r: dict) -> str:
    if not r["n"]:
        return "n/a (n = 0)"
    lo, hi = r["ci"]
    return f"{r['rate']:.1%} ({r['k']}/{r['n']}; 95% CI {lo:.0%}-{hi:.0%})"


# ---- the report ----------------------------------------------------------------------------------
def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def report(m: dict, command: str, seeds: range, seconds: float, jobs: int) -> str:
    commit = _git("rev-parse", "HEAD")
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    detector = _git("log", "-1", "--format=%h %cs", "--", "services/imaging/analysis/lesions.py")
    blob = _git("hash-object", "services/imaging/analysis/lesions.py")
    held_out = seeds.start >= 100 or seeds.stop <= 0
    lines = [
        "# Imaging evaluation: the lesion detector on random lesions in the real CTs",
        "",
        (f"Generated by `{command}` (bench/imaging_evaluation.py) on {datetime.date.today().isoformat()}, "
        f"commit `{commit}`{' with uncommitted changes' if dirty not in ('', '?') else ''}; "
        f"detector services/imaging/analysis/lesions.py last changed in `{detector}` (blob `{blob[:12]}`). "
        f"{len(seeds)} seeds ({seeds.start}:{seeds.stop}, "
        f"{'the held-out range: not the tuning range 0:100' if held_out else 'the TUNING range: report on 1000:1100'}), "
        f"{m['lesions']} lesions, {seconds / 60:.1f} min with {jobs} worker(s)."),
        "",
        ("How the cases are made (tests/imaging/lesion_generator.py): each seed picks one real scan (the pelvis "
        "NIfTI with p = 0.7, the 40 mm DICOM chest slab otherwise), a slice thickness uniform in 0.6-5 mm (the "
        "scan is resampled onto it: in-plane grid kept, linear interpolation, averaged over the slice where it "
        "is thicker than the source's) and 1-3 lesions at periarticular sites (hips and iliac wings; both "
        "shoulders, i.e. beside a humerus, and the chest wall), at least 20 mm apart. A lesion is 1-80 mL "
        "(log-uniform; in the chest slab at most 15 mL and smaller where that does not fit), a compact "
        "cluster of 1-30 touching nodules (300-1300 HU) with thin septa (0.5-1.5 mm, 10-60 HU) and 0-4 cystic "
        "loculi (wall 1.5-4 mm of 300-1300 HU, fluid 0-40 HU, sediment 400-1000 HU up to a flat level at a "
        "random height, perpendicular to gravity), 0-20 mm from the nearest cortex with 15% in contact and "
        "15% moulding (overlapping the cortex by 0.3-2 mm, bone kept), a quarter of the pelvis lesions "
        "placed 20-50 mm from the metal object (never within 20 mm). Partial volume by supersampling "
        "(<= 0.75 mm steps); noise sigma = 12 HU x sqrt(3 mm / thickness) over the lesion and 10 mm around it. "
        "Truth on the same grid: volumes (total, calcified, fluid), extents, a mask (voxels at least half "
        "lesion), a fluid level when a loculus >= 8 mm inside holds >= 2 mm of fluid over >= 2 mm of "
        "sediment, bone contact when the gap is <= 0.5 mm (overlap included), apart when >= 3 mm, "
        "ambiguous in between (left out of the contact accuracy)."),
        "",
        (f"Matching: a detection (Findings.labels == n) matches a truth lesion when their overlap is >= "
        f"{MATCH_SHARE:.0%} of either's voxels; the measurements are the best-overlapping detection's. "
        f"An unmatched detection of >= {FP_MIN_ML} mL is a false positive. Rates carry a Wilson 95% interval."),
        "",
        ("Limits of the generator, to read the figures by: bone is the real scan's voxels >= 200 HU in big "
         "components (the DICOM slab: TotalSegmentator's bone labels, tests/data/ct/example_ct_dicom_seg.nii.gz), "
         "holes filled, and the gap is measured to that surface (to within about half a source voxel: 1.5 mm "
         "in the pelvis). Lesions may only occupy soft tissue outside the bony rings (not the pelvic or "
         "abdominal cavity, not an organ), so the chest slab's lesions are small (its chest wall is thin, its "
         "arms narrow). Thin slices of the pelvis are interpolated from its 3 mm slices: the background is "
         "smoother than a real thin-slice scan outside the noisy zone around the lesions. The generator's "
         "tests: tests/imaging/test_lesion_generator.py."),
        "",
        "## Targets",
        "",
        "| target | required | measured | |",
        "|---|---|---|---|",
    ]
    for name, required, measured, ok in verdicts(m):
        lines.append(f"| {name} | {required} | {measured} | {'PASS' if ok else '**FAIL**'} |")
    lines += ["", "## Sensitivity", "", "| group | value | sensitivity |", "|---|---|---|",
              f"| all | all | {pct(m['sensitivity'])} |"]
    for group, values in m["by"].items():
        for value, r in values.items():
            lines.append(f"| {group} | {value} | {pct(r)} |")
    lines += ["", "## False positives", "",
              "On the unmodified real scans (no lesion anywhere: every detection of >= 0.5 mL is false):", "",
              "| scan | detections | false positives >= 0.5 mL (volume, site, where, LPS centre mm) |", "|---|---|---|"]
    for r in m["real"]:
        fps = "; ".join(f"{f['volume_ml']} mL {f['site']} {f['where']} at {f['centre_lps_mm']}"
                        for f in r["false_positives"]) or "none"
        lines.append(f"| {r['name']} | {r['detections']} | {fps} |")
    lines += ["", "On the implanted cases (detections matching no truth lesion), per scan:", "",
              "| scan | false positives | cases | per scan |", "|---|---|---|---|"]
    for scan, (k, n) in m["implanted_fp_per_scan"].items():
        lines.append(f"| {scan} | {k} | {n} | {k / n if n else math.nan:.2f} |")
    where: dict[str, int] = {}
    for f in m["implanted_fp"]:
        where[f["where"]] = where.get(f["where"], 0) + 1
    if where:
        lines += ["", "Where they lie: " + ", ".join(f"{k}: {v}" for k, v in sorted(where.items())) + "."]
    lines += ["", "## Measurements of the matched lesions", "",
              "| measure | lesions | median | 95th percentile |", "|---|---|---|---|"]
    for label, title in (("2ml", ">= 2 mL"), ("all", "all sizes")):
        for key, name, unit in (("volume_error", "volume error abs(found - true) / true", "%"),
                                ("calcified_error", "calcified volume error", "%"),
                                ("extent_error_mm", "extents error abs(found - true), LR+AP+SI pooled", "mm"),
                                ("extent_error_rel", "extents error, relative", "%")):
            q = m[f"{key}_{label}"]
            fmt = (lambda v: f"{v:.1%}") if unit == "%" else (lambda v: f"{v:.1f} mm")
            lines.append(f"| {name} ({title}) | {q['n']} | {fmt(q['median'])} | {fmt(q['p95'])} |")
        for axis in ("LR", "AP", "SI"):
            q = m[f"extent_error_mm_{label}_{axis}"]
            lines.append(f"| extent error {axis} ({title}) | {q['n']} | {q['median']:.1f} mm | {q['p95']:.1f} mm |")
    lines += ["", "| measure | value |", "|---|---|",
              f"| fluid-level sensitivity (matched lesions with a level) | {pct(m['fluid_sensitivity'])} |",
              f"| fluid-level specificity (matched lesions without) | {pct(m['fluid_specificity'])} |",
              f"| bone-contact accuracy (matched, unambiguous) | {pct(m['contact_accuracy'])} |"]
    for name, r in m["contact_accuracy_by"].items():
        lines.append(f"| bone-contact accuracy, {name} | {pct(r)} |")
    missed = sorted(m["missed"], key=lambda r: -r["volume_ml"])
    lines += ["", f"## Missed lesions ({len(missed)}, largest first)", "",
              "Re-create one with `make_case(seed)` from tests/imaging/lesion_generator.py.", "",
              "| seed | scan | slice mm | volume mL | calcified mL | site | placement | gap mm | near metal | fragments |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in missed:
        lines.append(f"| {r['seed']} | {r['scan']} | {r['thickness_mm']:.2f} | {r['volume_ml']:.1f} | "
                     f"{r['calcified_ml']:.1f} | {r['site']} | {r['mode']} | {r['gap_mm']:.1f} | "
                     f"{'yes' if r['near_metal'] else 'no'} | {r['fragments']} |")
    if m["dropped"]:
        lines += ["", f"{m['dropped']} drawn lesion(s) found no valid place in their scan and were left out of their cases."]
    return "\n".join(lines) + "\n"


def summary(m: dict) -> str:
    out = [f"{m['cases']} cases, {m['lesions']} lesions"]
    for name, required, measured, ok in verdicts(m):
        out.append(f"  {'PASS' if ok else 'FAIL'}  {name}: {measured} (target {required})")
    out.append(f"  sensitivity overall: {pct(m['sensitivity'])}")
    for group in ("size", "bone contact", "scan", "slice thickness", "metal"):
        for value, r in m["by"][group].items():
            out.append(f"  sensitivity {group} {value}: {pct(r)}")
    for scan, (k, n) in m["implanted_fp_per_scan"].items():
        out.append(f"  implanted-case false positives, {scan}: {k} in {n} cases ({k / n if n else math.nan:.2f} per scan)")
    for r in m["real"]:
        out.append(f"  real scan {r['name']}: {len(r['false_positives'])} false positive(s) "
                   + ", ".join(f"{f['volume_ml']} mL {f['where']}" for f in r["false_positives"]))
    for key in ("volume_error_2ml", "calcified_error_2ml", "extent_error_mm_2ml", "volume_error_all"):
        q = m[key]
        out.append(f"  {key}: median {q['median']:.3g}, p95 {q['p95']:.3g} (n = {q['n']})")
    out.append(f"  fluid level: sensitivity {pct(m['fluid_sensitivity'])}, specificity {pct(m['fluid_specificity'])}")
    out.append(f"  bone-contact accuracy: {pct(m['contact_accuracy'])}")
    out.append(f"  missed: {len(m['missed'])}")
    return "\n".join(out)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="1000:1100", help="START:STOP (tuning 0:100, held-out 1000:1100)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", help="write the per-lesion rows, false positives and metrics here")
    parser.add_argument("--write-doc", action="store_true", help="write docs/imaging-evaluation.md")
    args = parser.parse_args(argv)
    start_s, stop_s = args.seeds.split(":")
    seeds = range(int(start_s), int(stop_s))
    command = "PYTHONPATH=. .venv/bin/python bench/imaging_evaluation.py " + " ".join(sys.argv[1:] if argv is None else argv)
    tasks: list = list(REAL_SCANS) + list(seeds)
    began = time.perf_counter()
    cases, reals = [], []
    with multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=None) as pool:
        for n, result in enumerate(pool.imap_unordered(_run, tasks), start=1):
            (cases if result["kind"] == "case" else reals).append(result)
            elapsed = time.perf_counter() - began
            if result["kind"] == "case":
                found = sum(r["found"] for r in result["rows"])
                detail = (f"seed {result['seed']} {result['scan']} {result['thickness_mm']:.2f} mm: "
                          f"{found}/{len(result['rows'])} found, {len(result['false_positives'])} FP")
            else:
                detail = f"{result['name']}: {len(result['false_positives'])} FP"
            print(f"[{n}/{len(tasks)} {elapsed:6.0f} s] {detail}", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - began
    cases.sort(key=lambda c: c["seed"])
    reals.sort(key=lambda r: REAL_SCANS.index((r["scan"], r["thickness_mm"])))
    m = metrics(cases, reals)
    print(summary(m))
    print(f"{seconds:.0f} s", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(_jsonable({"seeds": [seeds.start, seeds.stop], "seconds": seconds,
                                                          "cases": cases, "real": reals, "metrics": m}), indent=1))
    if args.write_doc:
        (ROOT / "docs" / "imaging-evaluation.md").write_text(report(m, command, seeds, seconds, args.jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
