"""One slice of the viewer as PNG: a voxel plane of the stored volume in one window, every lesion
in it outlined in its colour and numbered, orientation letters and a scale bar, at the true aspect
ratio (key_images draws it, as it draws the report's key images)."""

import io

from services.imaging.key_images import WINDOWS, panel, section
from services.imaging.views.volume_store import StoredVolume

WINDOW_NAMES = {"soft-tissue": WINDOWS[0], "bone": WINDOWS[1]}
PLANE_TITLES = {"axial": "Axial", "coronal": "Coronal", "sagittal": "Sagittal"}


def slice_png(stored: StoredVolume, plane: str, index: int, window: str) -> bytes:
    """The PNG of slice `index` across `plane`'s voxel axis; the caller checks the index."""
    normal = stored.normals[plane]
    voxel = [0, 0, 0]
    voxel[normal] = index
    sec = section(stored.volume, stored.labels, PLANE_TITLES[plane], tuple(voxel), normal)
    buffer = io.BytesIO()
    panel(sec, WINDOW_NAMES[window]).save(buffer, format="PNG")
    return buffer.getvalue()
