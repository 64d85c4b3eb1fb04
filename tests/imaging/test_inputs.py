"""Checks at the imaging boundary: what cannot be analysed is refused with the reason."""

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pydicom
import pytest
from starlette.datastructures import UploadFile

from services.imaging.inputs import check_dicom_headers, check_nifti_header
from services.imaging.uploads import UploadLimits, extract_zip, save_files
from shared.errors import FHIRError
from tests.imaging.fixtures import NIFTI, SERIES, series_with_uids, write

LIMITS = UploadLimits(max_files=50, max_total_bytes=20_000_000, max_zip_members=50, max_zip_expanded_bytes=10_000_000,
                      max_voxels=512 * 512 * 2048)


def reason(exc: pytest.ExceptionInfo) -> str:
    return " ".join(i.diagnostics for i in exc.value.issues)


def test_the_real_jpeg2000_series_with_empty_uids_passes():
    check_dicom_headers(SERIES, LIMITS.max_voxels)
    assert pydicom.dcmread(SERIES[0]).pixel_array.shape == (512, 512)  # pylibjpeg decodes JPEG 2000


def test_the_real_nifti_passes_and_a_broken_one_does_not(tmp_path):
    check_nifti_header(NIFTI, LIMITS.max_voxels)
    broken = tmp_path / "broken.nii.gz"
    broken.write_bytes(NIFTI.read_bytes()[:200])
    with pytest.raises(FHIRError) as exc:
        check_nifti_header(broken, LIMITS.max_voxels)
    assert exc.value.status == 422 and "NIfTI" in reason(exc)


@pytest.mark.parametrize("change,fragment", [
    (lambda dss: [dss[0]], "single slice"),
    (lambda dss: [_set(ds, Modality="MR") for ds in dss], "modality MR"),
    (lambda dss: dss[:10] + [_set(ds, SeriesInstanceUID="1.2.3.4") for ds in dss[10:]], "mix 2 CT series"),
    (lambda dss: dss[:10] + [_set(ds, Rows=256) for ds in dss[10:]], "mix 2 CT series"),
])
def test_unanalysable_dicom_is_refused(tmp_path, change, fragment):
    paths = write(change(series_with_uids()), tmp_path)
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(paths, LIMITS.max_voxels)
    assert exc.value.status == 422 and fragment in reason(exc)


def huge_nifti(path: Path) -> Path:
    """A NIfTI file of a few hundred bytes whose header claims 30000 x 30000 x 1000 voxels."""
    import nibabel
    import numpy as np

    header = nibabel.Nifti1Header()
    header.set_data_shape((30_000, 30_000, 1000))
    header.set_data_dtype(np.int16)
    path.write_bytes(header.binaryblock + b"\0" * 4)
    return path


def test_volumes_beyond_the_voxel_limit_are_refused_from_their_headers(tmp_path):
    """Before anything is decoded: the header's word is all there is to go on."""
    from services.imaging.analysis.loaders import VolumeTooLarge, load_dicom_series, load_nifti

    huge = huge_nifti(tmp_path / "huge.nii")
    with pytest.raises(FHIRError) as exc:
        check_nifti_header(huge, LIMITS.max_voxels)
    assert exc.value.status == 422 and exc.value.issues[0].code == "too-costly"
    assert "900,000,000,000 voxels" in reason(exc)
    series = [*SERIES]  # 512 x 512 x 20 = 5,242,880 voxels
    check_dicom_headers(series, 512 * 512 * 20)
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(series, 512 * 512 * 20 - 1)
    assert exc.value.issues[0].code == "too-costly" and "512 x 512 x 20" in reason(exc)
    # The loaders say the same for input fetched later (DICOMweb), which fails the job.
    with pytest.raises(VolumeTooLarge):
        load_nifti(huge, LIMITS.max_voxels)
    with pytest.raises(VolumeTooLarge):
        load_dicom_series(series, 1000)


def test_not_dicom_is_refused(tmp_path):
    paths = list(SERIES[:5]) + [tmp_path / "notes.txt"]
    paths[-1].write_text("this is not an image")
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(paths, LIMITS.max_voxels)
    assert "File 6 is not DICOM" in reason(exc)


def _set(ds, **values):
    for key, value in values.items():
        setattr(ds, key, value)
    return ds


def _zip(tmp_path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    path = tmp_path / "upload.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def test_zip_of_a_series_extracts_flat(tmp_path):
    archive = _zip(tmp_path, {f"series/{p.name}": p.read_bytes() for p in SERIES})
    paths = extract_zip(archive, tmp_path / "out", LIMITS)
    assert len(paths) == 20 and all(p.parent == tmp_path / "out" for p in paths)
    check_dicom_headers(paths, LIMITS.max_voxels)


@pytest.mark.parametrize("members,symlink,status,fragment", [
    ({"../../etc/evil.dcm": b"x"}, None, 400, "outside the archive"),
    ({"/abs/evil.dcm": b"x"}, None, 400, "outside the archive"),
    ({"ok.dcm": b"x"}, "link.dcm", 400, "symbolic link"),
    ({"bomb.dcm": b"\0" * 12_000_000}, None, 413, "expands to"),
    ({f"{i}.dcm": b"x" for i in range(51)}, None, 413, "at most 50"),
])
def test_hostile_zips_are_refused(tmp_path, members, symlink, status, fragment):
    archive = _zip(tmp_path, members, symlink)
    with pytest.raises(FHIRError) as exc:
        extract_zip(archive, tmp_path / "out", LIMITS)
    assert exc.value.status == status and fragment in reason(exc)
    assert not (tmp_path.parent / "etc").exists()


def test_a_zip_that_lies_about_its_size_is_caught_while_reading(tmp_path):
    archive = _zip(tmp_path, {"bomb.dcm": b"\0" * 12_000_000})
    data = bytearray(archive.read_bytes())
    # Rewrite the declared uncompressed size in the central directory to a small number.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with pytest.raises(FHIRError) as exc:
        extract_zip(archive, tmp_path / "out", LIMITS)
    assert exc.value.status in (400, 413)


def test_a_corrupt_zip_is_refused(tmp_path):
    archive = tmp_path / "bad.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(FHIRError) as exc:
        extract_zip(archive, tmp_path / "out", LIMITS)
    assert exc.value.status == 400


async def test_uploads_are_bounded_while_saved(tmp_path):
    files = [UploadFile(io.BytesIO(b"\0" * 600_000), filename="../../a.dcm") for _ in range(40)]
    with pytest.raises(FHIRError) as exc:
        await save_files(files, tmp_path / "in", LIMITS)
    assert exc.value.status == 413
    ok = await save_files([UploadFile(io.BytesIO(b"abc"), filename="../../scan.nii.gz")], tmp_path / "in2", LIMITS)
    assert ok == [tmp_path / "in2" / "00000.nii.gz"]  # the client's path is never used
    shutil.rmtree(tmp_path / "in2")
