"""Every candidate cavity of the fluid-level judge on the tuning seeds, with its figures and the loculus it lies
in, and the matched lesions' levels replayed offline under a rule on those figures (decision Imaging 83).

    PYTHONPATH=. .venv/bin/python bench/imaging_level_misses.py --seeds 0:100 --dump /tmp/levels     # once per range
    PYTHONPATH=. .venv/bin/python bench/imaging_level_cavities.py /tmp/levels --seeds 0:100 200:300
    PYTHONPATH=. .venv/bin/python bench/imaging_level_cavities.py /tmp/levels --seeds 0:100 --rows cavities.jsonl

Tuning seeds only (the held-out ranges are not to be looked at). Reads what imaging_level_misses.py --dump
wrote (each detection's judged shares, density and grid; each truth lesion's matched detection and loculi),
so that a rule on a cavity's figures is tried on both tuning ranges in seconds, without a detection per seed
(the dump itself took 45 minutes for both ranges, two processes on a loaded machine).

A candidate cavity is one that fluid_level.cavities finds and whose fluid reaches CAVITY_MIN_FLUID_ML counted
against its enclosing share (dip / (dip + share), Imaging 76; never less than the dip alone, which main
counts). Its row: the dip alone and the relative count, its voxels and their volume (mm^3), its deepest dip
and the enclosing share at its fluid's centre, the least rise of the shares above the centre's along the 26
rays (Imaging 77's guard: a wall found on every side where it is at least CAVITY_DIP), the cavity judge's
figures (Imaging 35), the fitted section's (Imaging 46), the one-density veto (Imaging 65), and the
generator's loculus nearest the fluid's centre (its inside, fluid and sediment: what the truth judges by); and,
for Imaging 86, the calcium straight down stopped at the first drop of its share (below_drop<d>) or at the first
valley beyond such a drop (below_valley<d>), and the fitted section's fluid breadth between its wall peaks; for
Imaging 94, the cavity's inside at its floor's height, each of four horizontal ways between its wall peaks
(floor_widths); for Imaging 97, the sphere through the half rises of the shares towards the wall (wall_*) and the
loculus rendered on the voxels (loculus_fit.model_fit, model_*), with the cavities down to SMALL_ML by the relative
count as rows too (only the rules of SMALL_RULES see those).
The summary, per range: the matched lesions' levels and specificity under each rule of RULES, the lesions
each turns against main's, and a check that main's rule replayed gives the detector's own verdicts.
"""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage
from scipy.optimize import least_squares

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.imaging.analysis import fluid_level as fl  # noqa: E402
from services.imaging.analysis import loculus_fit  # noqa: E402
from services.imaging.analysis.rays import DIRECTIONS, MASS_ENDS, RISE, WALL_MET, between_walls, line, sampled  # noqa: E402

# Imaging 97, measured and not used: the sphere through the half rises of the shares towards the wall (the brief's
# sub-voxel edge), against the rendered fit (loculus_fit.model_fit), as the loculus's size and sediment.
HALF_RAY_MM = 20.0
HALF_STEP_MM = 0.125
HALF_WINDOW_MM = 6.0
DOWN_MAX = 0.2              # rays that go down more steeply than this (cosine with gravity) meet the sediment: left out
MIN_RISE = 0.1              # a ray counts where the wall rises at least this above the cavity
MIN_POINTS = 8              # ... and a sphere is fitted to at least this many

SMALL_ML = 0.01            # cavities with this much fluid by the relative count are rows too (Imaging 97: judged by the fit)
INSIDE_MARGIN_MM = 1.5     # a cavity lies in a loculus when its fluid's centre is within the cavity's radius and this
RAY = np.arange(0.0, fl.RAY_MM, fl.RAY_STEP_MM)


def _axes(gravity: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gravity and two horizontal directions, as fluid_level.level_in_cavities takes them."""
    g = np.asarray(gravity, float) / np.linalg.norm(gravity)
    helper = np.eye(3)[int(np.argmin(np.abs(g)))]
    h1 = np.cross(g, helper)
    h1 /= np.linalg.norm(h1)
    return g, h1, np.cross(g, h1)


DROP = 0.1                 # the bounded downward calcium (Imaging 86) stops where the share falls this below its peak


def below_to_drop(c: np.ndarray, affine: np.ndarray, centre: np.ndarray, g: np.ndarray, drop: float = DROP) -> float:
    """The calcium straight down from the fluid's centre until the share first falls DROP below the highest met
    past the wall (or under MASS_ENDS): a nodule touching the loculus's floor, met after the floor's own peak has
    fallen, is not counted as sediment (Imaging 86)."""
    values = sampled(c, affine, centre, g, RAY)
    peak = float(values.max())
    met = np.flatnonzero(values >= min(WALL_MET, 0.5 * peak))
    if met.size == 0 or peak < MASS_ENDS:
        return 0.0
    running = np.maximum.accumulate(values[met[0]:])
    stop = np.flatnonzero((values[met[0]:] < running - drop) | (values[met[0]:] < MASS_ENDS))
    end = met[0] + (stop[0] if stop.size else len(values) - met[0])
    return float(values[:end].sum() * fl.RAY_STEP_MM)


def below_to_valley(c: np.ndarray, affine: np.ndarray, centre: np.ndarray, g: np.ndarray, drop: float = DROP) -> float:
    """The calcium straight down from the fluid's centre until the mass ends (under MASS_ENDS), or until the first
    valley of the share that lies `drop` below the highest met past the wall and from which the share rises again
    (by RISE): the floor's own blurred far flank still counts, a nodule touching the floor beyond the valley does not
    (Imaging 86)."""
    values = sampled(c, affine, centre, g, RAY)
    peak = float(values.max())
    met = np.flatnonzero(values >= min(WALL_MET, 0.5 * peak))
    if met.size == 0 or peak < MASS_ENDS:
        return 0.0
    end, best, low = len(values), float(values[met[0]]), -1
    for j in range(met[0], len(values)):
        if values[j] < MASS_ENDS:
            end = j
            break
        if low < 0:                                  # not yet fallen `drop` below the densest met
            if values[j] <= best - drop:
                low = j
            best = max(best, float(values[j]))
        elif values[j] < values[low]:               # still falling: the valley's bottom moves on
            low = j
        elif values[j] > values[low] + RISE:        # rising again: beyond the valley lies another body
            end = low + 1
            break
    return float(values[:end].sum() * fl.RAY_STEP_MM)


def section_width(c: np.ndarray, affine: np.ndarray, centre: np.ndarray, g: np.ndarray, h1: np.ndarray,
                  h2: np.ndarray) -> float:
    """The fitted section's fluid breadth: the broadest of its four horizontal lines between their wall peaks
    (fluid_level.section's `left` and `right`), the breadth a round loculus holding that fluid must have."""
    n0 = int(round(fl.RAY_MM / fl.RAY_STEP_MM))
    window = int(round(fl.FIT_WINDOW_MM / fl.RAY_STEP_MM))
    g_index = np.linalg.solve(affine[:3, :3], g)
    along = line(c, affine, centre, g, fl.RAY_MM, fl.RAY_STEP_MM)
    _, _, _, low = between_walls(along, n0 - window, n0 + window, fl.RAY_STEP_MM)
    base = centre + g_index * (low - n0) * fl.RAY_STEP_MM
    widths = []
    for h in (h1, h2, (h1 + h2) / np.sqrt(2), (h1 - h2) / np.sqrt(2)):
        _, left, right, _ = between_walls(line(c, affine, base, h, fl.RAY_MM, fl.RAY_STEP_MM), n0, n0, fl.RAY_STEP_MM)
        widths.append((right - left) * fl.RAY_STEP_MM)
    return float(max(widths))


def floor_widths(c: np.ndarray, affine: np.ndarray, centre: np.ndarray, g: np.ndarray, h1: np.ndarray,
                 h2: np.ndarray, risen_by: float = 0.5) -> list[float]:
    """The cavity's inside at its floor's height (Imaging 86's next, Imaging 94): along gravity from the fluid's
    least share (fluid_level.section's `low`) down to the floor's peak, the height where the share has risen
    halfway (`risen_by`); there, each of the four horizontal lines between its wall peaks (rays.between_walls from
    that point). The fluid's own breadth shrinks to a chord at the top of a loculus and the floor of a level lies
    nearer its widest, the idea tried; measured, the wall peaks read 2-3 mm outside the inside even on 0.98 mm
    pixels (a 6 mm loculus reads 8.2-9.5 mm) and one way of four often stops short on the floor's noise."""
    n0 = int(round(fl.RAY_MM / fl.RAY_STEP_MM))
    window = int(round(fl.FIT_WINDOW_MM / fl.RAY_STEP_MM))
    g_index = np.linalg.solve(affine[:3, :3], g)
    along = line(c, affine, centre, g, fl.RAY_MM, fl.RAY_STEP_MM)
    _, _, bottom, low = between_walls(along, n0 - window, n0 + window, fl.RAY_STEP_MM)
    half = along[low] + risen_by * (along[bottom] - along[low])
    risen = low + int(np.argmax(along[low:bottom + 1] >= half))
    base = centre + g_index * (risen - n0) * fl.RAY_STEP_MM
    widths = []
    for h in (h1, h2, (h1 + h2) / np.sqrt(2), (h1 - h2) / np.sqrt(2)):
        _, left, right, _ = between_walls(line(c, affine, base, h, fl.RAY_MM, fl.RAY_STEP_MM), n0, n0, fl.RAY_STEP_MM)
        widths.append((right - left) * fl.RAY_STEP_MM)
    return [float(w) for w in widths]


def _directions(count: int = 200) -> np.ndarray:
    """Evenly spread unit vectors (a Fibonacci sphere)."""
    k = np.arange(count) + 0.5
    polar = np.arccos(1 - 2 * k / count)
    azimuth = np.pi * (1 + 5 ** 0.5) * k
    return np.stack([np.cos(azimuth) * np.sin(polar), np.sin(azimuth) * np.sin(polar), np.cos(polar)], axis=1)


SPHERE_DIRECTIONS = _directions()


def half_rise(values: np.ndarray, step_mm: float) -> float | None:
    """Along a ray from inside a cavity, the distance (mm) at which the share has risen halfway from the
    cavity's least share to the wall's first peak (where it stops rising by RISE, as rays.between_walls), linearly
    interpolated between samples; None where the wall does not rise MIN_RISE above the cavity."""
    low = int(np.argmin(values[: max(1, int(round(HALF_WINDOW_MM / step_mm)))]))
    best = j = low
    while j + 1 < len(values):
        j += 1
        if values[j] > values[best]:
            best = j
        elif values[j] < values[best] - RISE:
            break
    if values[best] - values[low] < MIN_RISE:
        return None
    half = values[low] + 0.5 * (values[best] - values[low])
    k = low + int(np.argmax(values[low:best + 1] >= half))
    if k == low:
        return k * step_mm
    a, b = values[k - 1], values[k]
    return float((k - 1 + (half - a) / (b - a)) * step_mm)


def fit_sphere(points: np.ndarray) -> tuple[np.ndarray, float, float]:
    """The sphere through points (n, 3) by least squares (algebraic: |p|^2 = 2 p.c + R^2 - |c|^2): its centre,
    radius and the points' RMS distance from it; the algebraic fit shrinks a sphere seen over a cap only, so it is
    only the start of a fit by the distances themselves (robust)."""
    a = np.hstack([2 * points, np.ones((len(points), 1))])
    b = (points ** 2).sum(axis=1)
    solution = np.linalg.lstsq(a, b, rcond=None)[0]
    centre = solution[:3]
    radius = float(np.sqrt(max(solution[3] + centre @ centre, 0.0)))
    fit = least_squares(lambda x: np.linalg.norm(points - x[:3], axis=1) - x[3], np.append(centre, radius),
                        loss="soft_l1", f_scale=0.5)
    centre, radius = fit.x[:3], float(abs(fit.x[3]))
    rms = float(np.sqrt(np.mean((np.linalg.norm(points - centre, axis=1) - radius) ** 2)))
    return centre, radius, rms


def wall_fit(c: np.ndarray, affine: np.ndarray, centre: np.ndarray, g: np.ndarray) -> dict:
    """The loculus round a cavity's fluid centre (voxel index) with gravity `g` (unit, patient mm): the sphere
    through its wall's inner surface (the half rises towards the wall's peak, up and sideways), its inside (diameter), the
    fluid crossed along gravity at the fluid's least share, and the sediment (the sphere's height less the fluid
    and less how far the sphere's top lies above the fluid's). NaN figures where too few rays meet a wall."""
    affine = np.asarray(affine, float)
    n0 = int(round(HALF_RAY_MM / HALF_STEP_MM))
    window = int(round(HALF_WINDOW_MM / HALF_STEP_MM))
    along = line(c, affine, centre, g, HALF_RAY_MM, HALF_STEP_MM)
    fluid, top, _, low = between_walls(along, n0 - window, n0 + window, HALF_STEP_MM)
    start = centre + np.linalg.solve(affine[:3, :3], g) * (low - n0) * HALF_STEP_MM
    start_mm = affine[:3, :3] @ start + affine[:3, 3]
    at = np.arange(0.0, HALF_RAY_MM, HALF_STEP_MM)
    points = []
    for d in SPHERE_DIRECTIONS:
        if d @ g > DOWN_MAX:
            continue
        s = half_rise(sampled(c, affine, start, d, at), HALF_STEP_MM)
        if s is not None:
            points.append(start_mm + s * d)
    nan = float("nan")
    if len(points) < MIN_POINTS:
        return {"inside": nan, "fluid": fluid, "sediment": nan, "rms": nan, "points": len(points), "offset": nan}
    sphere, radius, rms = fit_sphere(np.array(points))
    # The fluid's top: the sphere's top along gravity; the fluid fills `fluid` mm under it, the rest is sediment.
    return {"inside": 2 * radius, "fluid": fluid, "sediment": 2 * radius - fluid, "rms": rms, "points": len(points),
            "offset": float(np.linalg.norm(np.cross(sphere - start_mm, g)))}


def cavity_rows(det: dict[str, Any], loculi: list[dict]) -> list[dict]:
    """The candidate cavities of one detection's judged shares, with their figures and nearest loculus."""
    c = np.clip(det["judged"].astype(np.float32), 0.0, 1.0)
    affine, density = det["affine"], det.get("density")
    dip, labels, count = fl.cavities(c)
    if count == 0:
        return []
    g, h1, h2 = _axes(det["gravity"])
    grown = ndimage.grey_dilation(labels, footprint=np.ones((3, 3, 3), bool))
    index = np.arange(count + 1)
    amounts = ndimage.sum_labels(np.where(dip > 0, dip, 0.0), grown, index) * det["voxel_ml"]
    relative = ndimage.sum_labels(np.where(dip > 0, dip / np.maximum(dip + c, 1e-6), 0.0), grown, index) * det["voxel_ml"]
    sizes = np.sqrt((affine[:3, :3] ** 2).sum(axis=0))
    rows = []
    for n in np.flatnonzero(relative >= SMALL_ML):
        if n == 0:
            continue
        where = np.nonzero((grown == n) & (dip > 0))
        w = dip[where]
        centre = (np.stack(where, axis=1) * w[:, None]).sum(axis=0) / w.sum()
        at = tuple(np.clip(np.rint(centre).astype(int), 0, np.array(c.shape) - 1))
        rays = [sampled(c, affine, centre, d, RAY) for d in DIRECTIONS]
        f = fl.profile(c, affine, centre, g, h1, h2)
        fit = fl.section(c, affine, centre, g, h1, h2)
        vetoed = False
        if density is not None:
            one = fl.profile(fl.one_density(c, density, grown == n, affine), affine, centre, g, h1, h2)
            vetoed = bool(one["below"] < one["wall"] + fl.SEDIMENT_MIN_MM)
        voxels = int((labels == n).sum())
        row: dict[str, Any] = {
            "cavity": int(n), "amount_ml": float(amounts[n]), "relative_ml": float(relative[n]), "voxels": voxels,
            "volume_mm3": voxels * float(np.prod(sizes)), "dip": float(dip[labels == n].max()),
            "enclosing": float(dip[at] + c[at]), "least_rise": min(float(v.max() - v[0]) for v in rays),
            **{k: float(v) for k, v in f.items()}, **{f"fit_{k}": float(v) for k, v in fit.items()},
            "is_level": fl.is_level(f), "is_settled": fl.is_settled(fit, f), "vetoed": vetoed,
            **{f"below_drop{d}": below_to_drop(c, affine, centre, g, d) for d in (0.1, 0.2, 0.3, 0.4)},
            **{f"below_valley{d}": below_to_valley(c, affine, centre, g, d) for d in (0.1, 0.2, 0.3)},
            "fit_width": section_width(c, affine, centre, g, h1, h2),
            "floor_widths": floor_widths(c, affine, centre, g, h1, h2),
            **{f"wall_{k}": float(v) for k, v in wall_fit(c, affine, centre, g).items()},
            **{f"model_{k}": float(v) for k, v in loculus_fit.model_fit(c, affine, centre, g, grown == n).items()},
            "spacing_mm": [float(s) for s in sizes]}
        where_mm = affine[:3, :3] @ (centre + det["offset"]) + affine[:3, 3]
        near = min(loculi, key=lambda b: float(np.linalg.norm(where_mm - np.asarray(b["centre"])))) if loculi else None
        if near is not None:
            distance = float(np.linalg.norm(where_mm - np.asarray(near["centre"])))
            inside = 2 * near["inner_mm"]
            row |= {"loculus_inside_mm": inside, "loculus_fluid_mm": inside - near["sediment_mm"],
                    "loculus_sediment_mm": near["sediment_mm"], "loculus_wall_mm": near["wall_mm"],
                    "loculus_distance_mm": distance, "in_loculus": distance <= near["inner_mm"] + INSIDE_MARGIN_MM,
                    "loculus_shows_level": bool(near["shows_level"])}
        rows.append(row)
    return rows


def _judged(row: dict) -> bool:
    return bool((row["is_level"] or row["is_settled"]) and not row["vetoed"])


def _round_below(row: dict) -> float:
    """The calcium straight down, no more than the floor's wall and the sediment a round loculus whose top segment
    is the fluid (its height F at the centre, its breadth B there) can hold: the loculus's diameter F/2 + B^2/(2F)
    less the fluid (Imaging 86)."""
    height, breadth = row["height"], row["breadth"]
    inner = height / 2 + breadth ** 2 / (2 * height) if height > 0 else 0.0
    return min(row["below"], row["wall"] + max(inner - height, 0.0))


def _bounded(row: dict, below: float) -> bool:
    """The judges (Imaging 35, 46) and the veto with the calcium straight down bounded to `below` (Imaging 86)."""
    f = {k: row[k] for k in ("height", "breadth", "wall", "walled")} | {"below": below}
    fit = {k: row[f"fit_{k}"] for k in ("height", "inner", "sediment")}
    return bool((fl.is_level(f) or fl.is_settled(fit, f)) and not row["vetoed"])


def _to_drop(drop: float) -> Callable[[dict], bool]:
    """Main's count, the calcium straight down stopped at the first drop of `drop` in its share (Imaging 86)."""
    return lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and _bounded(r, r[f"below_drop{drop}"])


def _floor_sized(row: dict, truncation: bool) -> bool:
    """Imaging 35's judge with the cavity's inside at its floor (the least of floor_widths) taken as the loculus's
    size too, and with `truncation` as the breadth the fluid's height is held against (Imaging 94)."""
    floor = min(row["floor_widths"])
    inner = max(row["breadth"], row["height"] + row["below"] - row["wall"], floor)
    breadth = max(row["breadth"], floor) if truncation else row["breadth"]
    return bool(row["breadth"] >= fl.CAVITY_MIN_BREADTH_MM and inner >= fl.LOCULUS_MIN_INNER_MM
                and row["height"] <= breadth - fl.TRUNCATED_MM and row["below"] >= row["wall"] + fl.SEDIMENT_MIN_MM
                and row["walled"] >= fl.WALLED_MIN_MM)


# A rule: whether a cavity calls a level (a matched lesion's level: its settled floor, Imaging 34, or any cavity's).
RULES: dict[str, Callable[[dict], bool]] = {
    "main": lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and _judged(r),
    "relative count (Imaging 76)": lambda r: _judged(r),
    "relative count where a wall is found all round (78 without 77's walls)":
        lambda r: (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML or r["least_rise"] >= fl.CAVITY_DIP) and _judged(r),
    # Imaging 83's closest, not kept: a small cavity of two voxels or more, its wall rising twice CAVITY_DIP above
    # its fluid on every side, the fluid itself LOCULUS_MIN_INNER_MM broad (knife-edge on the tuning seeds).
    "small: 2 voxels, rise 0.2, breadth 7.5 (Imaging 83, not kept)":
        lambda r: (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and _judged(r)) or (
            r["voxels"] >= 2 and r["least_rise"] >= 2 * fl.CAVITY_DIP and r["is_level"]
            and r["breadth"] >= fl.LOCULUS_MIN_INNER_MM and not r["vetoed"]),
    # Imaging 86, not kept: the calcium straight down stopped at the first drop of its share (0.1-0.4 tried), or at
    # the first valley beyond such a drop from which the share rises again, or bounded to what a round loculus of
    # the fluid's breadth holds; with main's count, then the relative count (76), then with 83's guard on it.
    **{f"below to a drop of {d}": _to_drop(d) for d in (0.1, 0.2, 0.3, 0.4)},
    "below to a valley of 0.2": lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and _bounded(r, r["below_valley0.2"]),
    "below to a valley of 0.2, relative count": lambda r: _bounded(r, r["below_valley0.2"]),
    "below to a valley of 0.2, relative count where 2 voxels rise 0.2 (Imaging 86's closest)":
        lambda r: (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML or (r["voxels"] >= 2 and r["least_rise"] >= 2 * fl.CAVITY_DIP))
        and _bounded(r, r["below_valley0.2"]),
    "below within the round loculus of the fluid's breadth":
        lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and _bounded(r, _round_below(r)),
    "below within the round loculus, relative count": lambda r: _bounded(r, _round_below(r)),
    # Imaging 94: the relative count (76) where the cavity is a loculus of the truth's size at its floor's height,
    # every way (floor_widths), or in the median of its four ways; then with 83's guard as well.
    "relative count where the floor is 7.5 mm inside every way (Imaging 94)":
        lambda r: _judged(r) and (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML
                                  or min(r["floor_widths"]) >= fl.LOCULUS_MIN_INNER_MM),
    "relative count where the floor is 7.5 mm inside in the median of its ways":
        lambda r: _judged(r) and (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML
                                  or float(np.median(r["floor_widths"])) >= fl.LOCULUS_MIN_INNER_MM),
    "relative count where the floor is 7.5 mm inside every way and 2 voxels rise 0.2":
        lambda r: _judged(r) and (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML or (
            min(r["floor_widths"]) >= fl.LOCULUS_MIN_INNER_MM and r["voxels"] >= 2
            and r["least_rise"] >= 2 * fl.CAVITY_DIP)),
    # Imaging 94: main's count, the inside at the floor as the loculus's size, then also as the fluid's breadth.
    "floor inside as the loculus's size (Imaging 94)":
        lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and not r["vetoed"] and (_judged(r) or _floor_sized(r, False)),
    "floor inside as the loculus's size and the truncation's breadth (Imaging 94)":
        lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and not r["vetoed"] and (_judged(r) or _floor_sized(r, True)),
    # Imaging 94: the fitted section (46) with its sediment floor lowered to 2 mm where the calcium straight down is
    # 5 mm thicker than the thinnest wall (the sediment seen directly rather than through the round-loculus fit).
    "fitted sediment 2 mm where the calcium below is the wall's + 5 mm (Imaging 94)":
        lambda r: r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and not r["vetoed"] and (_judged(r) or (
            r["fit_height"] >= fl.FIT_FLUID_MM and r["fit_inner"] >= fl.FIT_INNER_MM and r["fit_sediment"] >= 2.0
            and r["below"] >= r["wall"] + 5.0 and r["walled"] >= fl.WALLED_MIN_MM)),
    # Imaging 97, kept: where the judges refuse, a cavity down to FIT_MIN_FLUID_ML by the relative count, walled with
    # sediment under it, judged by the rendered loculus at the truth's figures (loculus_fit.is_fitted_level).
    "rendered loculus (Imaging 97)":
        lambda r: (r["amount_ml"] >= fl.CAVITY_MIN_FLUID_ML and _judged(r)) or (
            r["relative_ml"] >= fl.FIT_MIN_FLUID_ML and r["below"] >= r["wall"] + fl.SEDIMENT_MIN_MM
            and r["walled"] >= fl.WALLED_MIN_MM and not r["vetoed"]
            and loculus_fit.is_fitted_level({k: r[f"model_{k}"] for k in ("inside", "fluid", "sediment", "wall", "rms")})),
}


# Rules that also see the cavities under CAVITY_MIN_FLUID_ML by the relative count (down to SMALL_ML).
SMALL_RULES: set[str] = {"rendered loculus (Imaging 97)"}


def load_seed(folder: Path, seed: int) -> tuple[dict, dict[int, dict[str, Any]]]:
    """A dumped case's truth and the level inputs of its detections matched to a truth lesion."""
    case = json.loads((folder / f"{seed}.json").read_text())
    detections = {}
    for k in {t["detection"] for t in case["truths"] if t["detection"] is not None}:
        with np.load(folder / f"{seed}-{k}.npz") as z:
            det: dict[str, Any] = {name: z[name] for name in z.files}
        for name in ("voxel_ml", "floor", "level"):
            if name in det:
                det[name] = det[name].item()
        detections[k] = det
    return case, detections


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path, help="a folder written by imaging_level_misses.py --dump")
    parser.add_argument("--seeds", nargs="+", default=["0:100"], help="ranges a:b (tuning seeds only)")
    parser.add_argument("--rows", type=Path, help="write every candidate cavity's row here (JSON lines)")
    args = parser.parse_args()
    out = args.rows.open("w") if args.rows else None
    for span in args.seeds:
        tally = {name: [0, 0, 0, 0] for name in RULES}        # levels found, with a level, no false level, without
        turned: dict[str, list[str]] = {name: [] for name in RULES}
        replay_differs = []
        for seed in range(*map(int, span.split(":"))):
            if not (args.dump / f"{seed}.json").exists():
                continue
            case, detections = load_seed(args.dump, seed)
            for truth in case["truths"]:
                if truth["detection"] is None:
                    continue
                det = detections[truth["detection"]]
                rows = cavity_rows(det, truth["loculi"]) if "judged" in det else []
                for row in rows:
                    if out:
                        out.write(json.dumps({"seed": seed, "lesion": truth["index"], "has_fluid_level": truth["has_fluid_level"],
                                              "detector_level": bool(det["level"]), **row}) + "\n")
                for name, rule in RULES.items():
                    seen = rows if name in SMALL_RULES else [r for r in rows if r["relative_ml"] >= fl.CAVITY_MIN_FLUID_ML]
                    level = bool(det["level"]) if "judged" not in det else bool(det["floor"]) or any(rule(r) for r in seen)
                    t = tally[name]
                    if truth["has_fluid_level"]:
                        t[0] += level
                        t[1] += 1
                    else:
                        t[2] += not level
                        t[3] += 1
                    if level != bool(det["level"]):
                        if name == "main":
                            replay_differs.append(f"{seed}.{truth['index']}")
                        else:
                            what = "+" if level == truth["has_fluid_level"] else "FALSE " if level else "lost "
                            turned[name].append(f"{what}{seed}.{truth['index']}")
        print(f"seeds {span}: main's rule replayed differs from the detector on {replay_differs or 'no lesion'}")
        for name, (found, levels, kept, negatives) in tally.items():
            print(f"  {name}: levels {found}/{levels}, specificity {kept}/{negatives}; against the detector: "
                  f"{' '.join(turned[name]) or 'none'}")
    if out:
        out.close()


if __name__ == "__main__":
    main()
