"""Imaging memory at the accepted maximum: peak memory of loading a DICOM series and finding its
lesions, as an imaging worker does, on a 512 x 512 x N CT (N = 2048 by default, the most
IMAGING_MAX_VOXELS accepts).

    .venv/bin/python bench/imaging_series.py [--slices 2048] [--missing-slice | --tilt DEGREES]

The series is the real test CT with the acceptance phantom's lesions, upsampled (linear) to
512 x 512 x N over the same extent and written as N uncompressed DICOM files (uint16 with an
intercept, as scanners store CT) in a temporary folder. With --missing-slice one slice in the
middle is left out, so that the loader resamples the series onto a regular grid along the slices
(streamed: the decoded series is not held next to the resampled one). With --tilt the slices'
origins slide as in a gantry-tilted acquisition, so that the loader resamples the sheared stack
(its worst case: the decoded series and the resampled one are both held). The measurement runs in a
fresh process and reports its own peak resident memory (VmHWM), total and above its imports.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_series(folder: Path, slices: int, missing: bool, tilt_deg: float = 0.0) -> None:
    import numpy as np
    from pydicom.uid import generate_uid
    from scipy import ndimage

    sys.path.insert(0, str(ROOT))
    from services.imaging.analysis.loaders import load_nifti
    from services.imaging.analysis.volume import Volume
    from tests.imaging import phantom, series_variants

    ct = phantom.implant(load_nifti(ROOT / "tests/data/ct/example_ct.nii.gz"), phantom.acceptance_lesions())
    hu, affine = ct.hu[::-1, ::-1], ct.affine @ np.diag([-1.0, -1.0, 1.0, 1.0])  # along +x, +y (LPS)
    affine[:3, 3] = ct.affine[:3, :3] @ [ct.hu.shape[0] - 1, ct.hu.shape[1] - 1, 0] + ct.affine[:3, 3]
    shape = (512, 512, slices)
    factors = np.array([t / s for t, s in zip(shape, hu.shape, strict=True)])
    affine[:3, :3] = affine[:3, :3] / factors
    source = hu.astype(np.float32)
    uids = {"StudyInstanceUID": generate_uid(), "SeriesInstanceUID": generate_uid(), "FrameOfReferenceUID": generate_uid()}
    step = 64
    for start in range(0, slices, step):  # slab by slab: the builder's memory is not what is measured
        ks = np.arange(start, min(start + step, slices))
        grid = np.meshgrid(np.arange(512) / factors[0], np.arange(512) / factors[1], ks / factors[2], indexing="ij")
        slab = ndimage.map_coordinates(source, grid, order=1, mode="nearest").round().astype(np.int16)
        origin = affine.copy()
        origin[:3, 3] = affine[:3, :3] @ [0, 0, start] + affine[:3, 3]
        datasets = series_variants.straight(Volume(slab, origin, "HFS", "dicom"))
        for ds, k in zip(datasets, ks, strict=True):
            if missing and k == slices // 2:
                continue
            ds.InstanceNumber = slices - k
            if tilt_deg:
                position = [float(v) for v in ds.ImagePositionPatient]
                position[1] += (position[2] - float(affine[2, 3])) * np.tan(np.radians(tilt_deg))
                ds.ImagePositionPatient = [f"{v:.4f}" for v in position]
                ds.GantryDetectorTilt = tilt_deg
            for keyword, uid in uids.items():
                setattr(ds, keyword, uid)
            ds.save_as(folder / f"{k:05d}.dcm", enforce_file_format=True)


def _peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def measure(folder: str) -> dict:
    """Runs in its own process."""
    sys.path.insert(0, str(ROOT))
    from services.imaging.analysis.lesions import find_lesions
    from services.imaging.analysis.loaders import load_dicom_series

    baseline = _peak_kib()
    started = time.perf_counter()
    volume = load_dicom_series(sorted(Path(folder).iterdir()))
    loaded = time.perf_counter() - started
    findings = find_lesions(volume)
    elapsed = time.perf_counter() - started
    peak = _peak_kib()
    return {"shape": list(volume.hu.shape), "warnings": volume.warnings, "load_seconds": round(loaded, 1),
            "seconds": round(elapsed, 1), "lesions": [round(lesion.volume_ml, 1) for lesion in findings.lesions],
            "peak_mib": round(peak / 1024), "peak_mib_above_imports": round((peak - baseline) / 1024),
            "int16_volume_mib": round(volume.hu.nbytes / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=2048)
    parser.add_argument("--missing-slice", action="store_true")
    parser.add_argument("--tilt", type=float, default=0.0)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as folder:
        build_series(Path(folder), args.slices, args.missing_slice, args.tilt)
        out = subprocess.run([sys.executable, __file__, "--measure", folder], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr[-3000:])


if __name__ == "__main__":
    main()
