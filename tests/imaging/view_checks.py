"""What the viewer's images must show, computed from the phantom's truth and the CT's geometry
alone (not from the code that draws them): where a lesion lies in each plane's image, and where
its outline was drawn."""

import io
from pathlib import Path

import nibabel
import numpy as np
from PIL import Image

from services.imaging.analysis.loaders import load_nifti
from services.imaging.analysis.volume import Volume
from services.imaging.masks import LPS_TO_RAS
from tests.imaging import phantom
from tests.imaging.fixtures import NIFTI

RED, CYAN = (255, 70, 70), (60, 200, 255)   # the outlines of lesions 1 and 2 (key_images.LESION_COLOURS)


def two_lesion_phantom() -> tuple[Volume, list[phantom.LesionSpec]]:
    """The real pelvis CT with the right gluteal cluster and the left gluteal cystic mass of the
    acceptance tests (the cluster is the larger: lesion 1)."""
    specs = phantom.acceptance_lesions()[:2]
    return phantom.implant(load_nifti(NIFTI), specs), specs


def save_nifti(volume: Volume, path: Path) -> Path:
    nibabel.save(nibabel.Nifti1Image(volume.hu, LPS_TO_RAS @ volume.affine), path)
    return path


def expected_fraction(volume: Volume, mask: np.ndarray, plane: str) -> tuple[float, float]:
    """Where the lesion's centre lies across (left to right) and down the image of `plane`, as
    fractions of its width and height, shown as radiologists do: axial and coronal with the
    patient's right on the image's left, axial with anterior up, coronal and sagittal with
    superior up, sagittal with anterior on the left. From the LPS position of its voxels only."""
    affine = np.asarray(volume.affine, float)
    centre = (affine @ np.append(np.argwhere(mask).mean(axis=0), 1.0))[:3]
    shape = np.array(volume.hu.shape)
    corners = np.array([[i, j, k, 1.0] for i in (-0.5, shape[0] - 0.5) for j in (-0.5, shape[1] - 0.5)
                        for k in (-0.5, shape[2] - 0.5)])
    lps = (affine @ corners.T).T[:, :3]
    low, high = lps.min(axis=0), lps.max(axis=0)
    x, y, z = (centre - low) / (high - low)      # 0..1 towards the patient's left, back, head
    return {"axial": (x, y), "coronal": (x, 1 - z), "sagittal": (y, 1 - z)}[plane]


def colour_pixels(png: bytes, colour: tuple[int, int, int], tolerance: int = 24) -> np.ndarray:
    """(row, column) of every pixel of about this colour."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return np.argwhere(np.abs(rgb - np.array(colour)).max(axis=2) <= tolerance)


def outline_centre(png: bytes, colour: tuple[int, int, int]) -> tuple[float, float, int, int]:
    """The median (x, y) of the outline's pixels as fractions of the image, and the image size."""
    width, height = Image.open(io.BytesIO(png)).size
    pixels = colour_pixels(png, colour)
    assert len(pixels) > 20, f"no outline of colour {colour} in the image"
    row, column = np.median(pixels, axis=0)
    return column / width, row / height, width, height
