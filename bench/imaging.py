"""Imaging benchmark: analysis time and peak memory on a 512 x 512 x 400 CT, next to a floor.

    .venv/bin/python bench/imaging.py [--repeat N]

The volume is the real test CT with the acceptance phantom's lesions implanted, upsampled to
512 x 512 x 400 (linear interpolation) and written as NIfTI. Each measurement runs in a fresh
process, which reports its wall time and its peak resident memory above what it held after its
imports:
- floor: load the same NIfTI, threshold at 130 HU, label connected components (scipy.ndimage);
- analysis: load the NIfTI as the service does and find the lesions (services/imaging/analysis).
Targets: analysis time <= 3 x the floor's; peak memory <= 4 x the volume's int16 size.
With --repeat N the two alternate N times (the machine's speed drifts) and the medians of the
pairs' ratios are reported too. Progress goes to stderr as it runs (the whole takes minutes); the
report, JSON, to stdout.
"""

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPE = (512, 512, 400)
STARTED = time.monotonic()


def progress(text: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", file=sys.stderr, flush=True)


def build_volume(path: Path) -> None:
    import nibabel
    import numpy as np
    from scipy import ndimage

    sys.path.insert(0, str(ROOT))
    from services.imaging.analysis.loaders import load_nifti
    from tests.imaging import phantom

    ct = phantom.implant(load_nifti(ROOT / "tests/data/ct/example_ct.nii.gz"), phantom.acceptance_lesions())
    factors = [t / s for t, s in zip(SHAPE, ct.hu.shape, strict=True)]
    big = ndimage.zoom(ct.hu.astype(np.float32), factors, order=1).round().astype(np.int16)
    affine = ct.affine.copy()
    affine[:3, :3] = affine[:3, :3] / np.array(factors)  # finer voxels, same extent
    image = nibabel.Nifti1Image(big, np.diag([-1.0, -1.0, 1.0, 1.0]) @ affine)  # LPS -> RAS for NIfTI
    nibabel.save(image, path)


def _peak_kib() -> int:
    """This process's own peak resident size. ru_maxrss is not used: on Linux a child started by
    fork + exec inherits its parent's high-water mark, which here (the parent built the big volume)
    hid the floor's whole peak. VmHWM belongs to the process's own address space, new at exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(mode: str, path: str) -> dict:
    """Runs in its own process. The imports come first: they are not what is measured."""
    import numpy as np
    from scipy import ndimage

    sys.path.insert(0, str(ROOT))
    import nibabel

    from services.imaging.analysis.lesions import find_lesions
    from services.imaging.analysis.loaders import load_nifti

    baseline = _peak_kib()
    started = time.perf_counter()
    cpu_started = time.process_time()  # all its threads' CPU: the wall time swings with a shared machine's load
    if mode == "floor":
        hu = np.asanyarray(nibabel.load(path).dataobj).astype(np.int16)
        labels, count = ndimage.label(hu >= 130)
        result = {"components": int(count)}
    else:
        findings = find_lesions(load_nifti(path))
        result = {"lesions": len(findings.lesions), "volumes_ml": [round(lesion.volume_ml, 1) for lesion in findings.lesions]}
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = _peak_kib()
    return {"seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2),
            "peak_mib_above_imports": round((peak - baseline) / 1024, 1), **result}


def run(mode: str, path: Path, label: str) -> dict:
    progress(f"{label}: {mode} (a fresh process) ...")
    output = subprocess.run([sys.executable, __file__, "--measure", mode, str(path)], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    progress(f"{label}: {mode} took {result['seconds']} s ({result['cpu_seconds']} s CPU), "
             f"peak {result['peak_mib_above_imports']} MiB above its imports")
    return result


def main(repeat: int = 1) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-imaging-") as tmp:
        path = Path(tmp) / "ct-512x512x400.nii.gz"
        progress(f"building the {' x '.join(map(str, SHAPE))} CT (phantom lesions implanted, upsampled) ...")
        build_volume(path)
        progress(f"built: {path.stat().st_size / 2**20:.0f} MiB of NIfTI; measuring {repeat} pair(s)")
        pairs = [(run("floor", path, f"pair {i}/{repeat}"), run("analysis", path, f"pair {i}/{repeat}"))
                 for i in range(1, repeat + 1)]
    int16_mib = SHAPE[0] * SHAPE[1] * SHAPE[2] * 2 / 2**20
    floor, analysis = pairs[-1]
    report = {
        "shape": SHAPE, "volume_int16_mib": round(int16_mib, 1), "floor": floor, "analysis": analysis,
        "time_ratio_to_floor": round(analysis["seconds"] / floor["seconds"], 2),
        "peak_memory_ratio_to_int16_volume": round(analysis["peak_mib_above_imports"] / int16_mib, 2),
    }
    if repeat > 1:
        report["pairs"] = [{"floor_s": f["seconds"], "analysis_s": a["seconds"], "floor_cpu_s": f["cpu_seconds"],
                            "analysis_cpu_s": a["cpu_seconds"], "analysis_peak_mib": a["peak_mib_above_imports"]}
                           for f, a in pairs]
        report["median_time_ratio_to_floor"] = round(statistics.median(a["seconds"] / f["seconds"] for f, a in pairs), 2)
        report["median_peak_memory_ratio_to_int16_volume"] = round(
            statistics.median(a["peak_mib_above_imports"] for _, a in pairs) / int16_mib, 2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 3 and sys.argv[1] == "--repeat":
        main(int(sys.argv[2]))
    else:
        main()
