"""Uploaded analysis input, saved to the job's folder with every limit enforced while reading.

What arrives: one NIfTI file, one zip of a DICOM series, or DICOM instances, each as a
multipart part named `file`. Nothing is trusted: sizes are counted as bytes arrive, zip members
must stay inside the folder, and the member count, the expanded size and the compression ratio
are bounded, on the sizes the zip declares before anything is extracted and on the bytes counted
while extracting (declared sizes can lie). Extraction and header checks run in a worker thread
(submission.py), never on the event loop.
"""

import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from starlette.datastructures import UploadFile

from shared.errors import FHIRError

ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 20
RATIO_FLOOR = 1 << 20  # below a MiB expanded, the compression ratio is not held against the input
# What file managers add to a zip, never part of a series: macOS Finder's resource forks
# (`__MACOSX/`, `._name`) and folder settings, Windows thumbnails.
FOLDER_LITTER = {"__MACOSX"}
FILE_LITTER = {".DS_Store", "Thumbs.db", "desktop.ini"}


# What a CD/DVD export puts beside the images (a viewer, its index pages, a readme): never DICOM,
# whose files have no suffix or .dcm, .dicom, .ima (a DICOMDIR's own files have none).
EXPORT_COMPANIONS = {".txt", ".htm", ".html", ".xml", ".pdf", ".rtf", ".exe", ".dll", ".msi", ".cab", ".inf",
                     ".ini", ".bat", ".cmd", ".sh", ".app", ".js", ".css", ".json", ".jpg", ".jpeg", ".png",
                     ".gif", ".bmp", ".ico", ".jar", ".class", ".lic", ".cfg", ".log"}


def is_litter(name: str) -> bool:
    """A zip member that a file manager or an export's viewer added: left out of the extraction."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return bool(parts) and (bool(FOLDER_LITTER & set(parts)) or parts[-1] in FILE_LITTER
                            or parts[-1].startswith("._")
                            or PurePosixPath(parts[-1]).suffix.lower() in EXPORT_COMPANIONS)


@dataclass(frozen=True)
class UploadLimits:
    max_files: int
    max_total_bytes: int
    max_zip_members: int
    max_zip_expanded_bytes: int
    max_voxels: int
    max_compression_ratio: float = 100.0

    def expansion_budget(self, compressed_bytes: int) -> int:
        """The most bytes this many compressed bytes may expand to (a small file may always
        expand to RATIO_FLOOR: tiny inputs compress by any ratio)."""
        return min(self.max_zip_expanded_bytes, max(RATIO_FLOOR, int(compressed_bytes * self.max_compression_ratio)))


async def save_files(files: list[UploadFile], folder: Path, limits: UploadLimits) -> list[Path]:
    if not files:
        raise FHIRError.of(400, "required", "Send the input as multipart parts named 'file'")
    if len(files) > limits.max_files:
        raise FHIRError.of(413, "too-costly", f"{len(files)} files sent; at most {limits.max_files} are accepted")
    folder.mkdir(parents=True, exist_ok=True)
    total, paths = 0, []
    for index, upload in enumerate(files):
        # The client's file name is not used as a path: only its suffix matters (.nii, .nii.gz, .zip).
        name = PurePosixPath(upload.filename or "").name
        suffix = ".nii.gz" if name.endswith(".nii.gz") else PurePosixPath(name).suffix[:16]
        path = folder / f"{index:05d}{suffix}"
        with open(path, "wb") as out:
            while chunk := await upload.read(CHUNK):
                total += len(chunk)
                if total > limits.max_total_bytes:
                    raise FHIRError.of(413, "too-costly", f"The upload exceeds {limits.max_total_bytes} bytes")
                out.write(chunk)
        paths.append(path)
    return paths


def head(path: Path, size: int = 4) -> bytes:
    with open(path, "rb") as f:
        return f.read(size)


def is_zip(path: Path) -> bool:
    return head(path) == ZIP_MAGIC


def is_nifti(path: Path) -> bool:
    return path.name.endswith((".nii", ".nii.gz"))


def extract_zip(archive: Path, folder: Path, limits: UploadLimits) -> list[Path]:
    """The archive's regular files, extracted flat into `folder` (a DICOM series needs no tree);
    a file manager's litter is left out. A DICOMDIR is extracted like any file: the series
    selection sets it aside."""
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise FHIRError.of(400, "invalid", "The zip file cannot be read (corrupt or truncated)") from None
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir() and not is_litter(m.filename)]
        if len(members) > limits.max_zip_members:
            raise FHIRError.of(413, "too-costly",
                               f"The zip holds {len(members)} files; at most {limits.max_zip_members}")
        for member in members:
            path = PurePosixPath(member.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
                raise FHIRError.of(400, "security", f"The zip member '{member.filename}' points outside the archive")
            if stat.S_ISLNK(member.external_attr >> 16):
                raise FHIRError.of(400, "security", f"The zip member '{member.filename}' is a symbolic link")
        declared = sum(m.file_size for m in members)
        if declared > limits.max_zip_expanded_bytes:
            raise FHIRError.of(413, "too-costly",
                               f"The zip expands to {declared} bytes; at most {limits.max_zip_expanded_bytes}")
        budget = limits.expansion_budget(archive.stat().st_size)
        if declared > budget:
            raise _too_compressed(limits)
        folder.mkdir(parents=True, exist_ok=True)
        written, paths = 0, []
        for index, member in enumerate(members):
            target = folder / f"{index:05d}.dcm"
            # Count real bytes too: the sizes a zip declares can lie.
            try:
                with zf.open(member) as source, open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > limits.max_zip_expanded_bytes:
                            raise FHIRError.of(413, "too-costly",
                                               f"The zip expands beyond {limits.max_zip_expanded_bytes} bytes")
                        if written > budget:
                            raise _too_compressed(limits)
                        out.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                raise FHIRError.of(400, "invalid",
                                   f"The zip member '{member.filename}' cannot be read: {exc}") from None
            paths.append(target)
    archive.unlink()
    return paths


def _too_compressed(limits: UploadLimits) -> FHIRError:
    return FHIRError.of(413, "too-costly", f"The zip expands more than {limits.max_compression_ratio:g} times its "
                                           "size; it is refused as a decompression bomb")


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
