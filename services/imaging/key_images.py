"""Key images a radiologist reads: for each of the largest lesions, an axial and a coronal section
through it, each shown in a soft-tissue and a bone window side by side, at the true aspect ratio,
with orientation letters, a scale bar, and every lesion in the section outlined and numbered.

Sections are voxel planes of the CT (no resampling across slices): the one whose normal is
closest to the patient's S-I axis ("axial") and the one closest to A-P ("coronal"). Each is named
by its real normal: a plane more than PLANE_TOLERANCE_DEG off a patient plane is called "Oblique
(voxel plane)". Display is radiological: in an axial or coronal image the patient's right is on
the image's left; the letters on the edges come from the image axes' actual direction cosines.
"""

import io
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage

from services.imaging.analysis.lesions import Findings, Lesion
from services.imaging.analysis.volume import Volume, axis_towards

WINDOWS = (("Soft tissue", 400, 40), ("Bone", 2000, 500))   # (name, width, level) in HU
MAX_LESIONS = 4             # key images for the largest few; the others are outlined where they show
PANEL_PX = 448              # the longer side of one window's panel
MIN_PANEL_PX = 160          # a thin slab or strip is padded to this, so letters and labels fit
PLANE_TOLERANCE_DEG = 10.0  # a voxel plane this close to a patient plane is named after it
OUTLINE_PX = 2              # the outline lies just outside the lesion, which stays visible
HEADER_PX = 38              # two lines: the title, then each panel's window
GREY_LEVELS = 240           # palette 0..239 grey; the rest are the overlay colours below
LESION_COLOURS = ((255, 70, 70), (60, 200, 255), (255, 200, 0), (90, 255, 90), (255, 110, 255), (255, 150, 60))
WHITE, YELLOW, BLACK = GREY_LEVELS + len(LESION_COLOURS), GREY_LEVELS + len(LESION_COLOURS) + 1, 0
SCALE_STEPS_MM = (5, 10, 20, 50, 100, 200)

# LPS: +x patient's left, +y posterior, +z superior.
LETTERS = (("R", "L"), ("A", "P"), ("I", "S"))
# (name, normal, wanted column direction, wanted row direction) in LPS
PLANES = {
    "Axial": ((0, 0, 1), (1, 0, 0), (0, 1, 0)),      # columns to the patient's left, rows to posterior
    "Coronal": ((0, 1, 0), (1, 0, 0), (0, 0, -1)),   # columns to the patient's left, rows downwards
    "Sagittal": ((1, 0, 0), (0, 1, 0), (0, 0, -1)),  # columns to posterior, rows downwards
}


@dataclass(frozen=True)
class Section:
    """A voxel plane laid out for display: array index order (rows, columns)."""
    hu: np.ndarray
    labels: np.ndarray
    row_dir: np.ndarray       # LPS unit vector along increasing row index
    col_dir: np.ndarray       # LPS unit vector along increasing column index
    row_mm: float
    col_mm: float
    name: str


def _palette() -> list[int]:
    grey = [round(i * 255 / (GREY_LEVELS - 1)) for i in range(GREY_LEVELS) for _ in range(3)]
    colours = [c for colour in (*LESION_COLOURS, (255, 255, 255), (255, 255, 80)) for c in colour]
    return grey + colours + [0] * (768 - len(grey) - len(colours))


PALETTE = _palette()


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the fixed bitmap font
        return ImageFont.load_default()


def plane_name(normal: np.ndarray) -> str:
    normal = normal / np.linalg.norm(normal)
    for name, (axis, _, _) in PLANES.items():
        if abs(float(normal @ np.array(axis))) >= math.cos(math.radians(PLANE_TOLERANCE_DEG)):
            return name
    return "Oblique (voxel plane)"


def direction_letters(vector: np.ndarray) -> str:
    """The patient direction a vector points to: its main letter, then any other axis it leans
    towards by more than about 17 degrees (as DICOM viewers label oblique images)."""
    order = np.argsort(-np.abs(vector))
    letters = [LETTERS[a][int(vector[a] > 0)] for a in order if abs(vector[a]) > 0.3 or a == order[0]]
    return "".join(letters)


def normal_axis(volume: Volume, plane: str, taken: int | None = None) -> int:
    """The voxel axis most nearly normal to the patient plane `plane`, other than `taken` (so that
    a steep oblique does not show one voxel plane twice under two names)."""
    return axis_towards(volume.affine, PLANES[plane][0], taken)[0]


def section(volume: Volume, labels: np.ndarray, plane: str, voxel: tuple[int, ...],
            normal: int | None = None) -> Section:
    """The voxel plane through `voxel` normal to voxel axis `normal` (by default the one closest
    to the patient plane `plane`, "Axial" or "Coronal"), laid out as that plane is shown."""
    directions = volume.affine[:3, :3] / volume.spacing
    _, column, row = (np.array(v, float) for v in PLANES[plane])
    normal = normal_axis(volume, plane) if normal is None else normal
    u, v = (a for a in range(3) if a != normal)
    # The in-plane voxel axes as columns and rows, whichever pairing fits the wanted layout best.
    straight = abs(directions[:, u] @ column) + abs(directions[:, v] @ row)
    swapped = abs(directions[:, v] @ column) + abs(directions[:, u] @ row)
    col_axis, row_axis = (u, v) if straight >= swapped else (v, u)
    hu = np.take(volume.hu, voxel[normal], axis=normal)
    lab = np.take(labels, voxel[normal], axis=normal)
    if row_axis > col_axis:  # after take() the remaining axes keep their order
        hu, lab = hu.T, lab.T
    row_dir, col_dir = directions[:, row_axis].copy(), directions[:, col_axis].copy()
    if row_dir @ row < 0:
        hu, lab, row_dir = hu[::-1], lab[::-1], -row_dir
    if col_dir @ column < 0:
        hu, lab, col_dir = hu[:, ::-1], lab[:, ::-1], -col_dir
    return Section(hu, lab, row_dir, col_dir, float(volume.spacing[row_axis]), float(volume.spacing[col_axis]),
                   plane_name(np.cross(col_dir, row_dir)))


def _display_size(sec: Section) -> tuple[int, int, float]:
    """(width, height, mm per pixel): square pixels, the longer side PANEL_PX."""
    height_mm, width_mm = sec.hu.shape[0] * sec.row_mm, sec.hu.shape[1] * sec.col_mm
    pixel_mm = max(height_mm, width_mm) / PANEL_PX
    return max(1, round(width_mm / pixel_mm)), max(1, round(height_mm / pixel_mm)), pixel_mm


def _windowed(hu: np.ndarray, width: int, level: int) -> np.ndarray:
    low = level - width / 2
    return np.clip((hu - low) * ((GREY_LEVELS - 1) / width), 0, GREY_LEVELS - 1).astype(np.uint8)


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: int, font, anchor: str = "la") -> None:
    """Text with a black halo, legible over bone and over air."""
    x, y = xy
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
        draw.text((x + dx, y + dy), text, fill=BLACK, font=font, anchor=anchor)
    draw.text((x, y), text, fill=fill, font=font, anchor=anchor)


def _scale_bar_mm(width_mm: float) -> int:
    """The longest round length up to a fifth of the image's width."""
    fitting = [s for s in SCALE_STEPS_MM if s <= width_mm / 5]
    return fitting[-1] if fitting else SCALE_STEPS_MM[0]


def _panel(sec: Section, hu: np.ndarray, labels: np.ndarray, pixel_mm: float, window: tuple[str, int, int],
           font, small) -> Image.Image:
    _, width, level = window
    height_px, width_px = hu.shape
    # A thin slab or a narrow strip is centred on a black canvas, not stretched.
    canvas_h, canvas_w = max(height_px, MIN_PANEL_PX), max(width_px, MIN_PANEL_PX)
    top, left = (canvas_h - height_px) // 2, (canvas_w - width_px) // 2
    pixels = np.zeros((canvas_h, canvas_w), np.uint8)
    image_area = pixels[top:top + height_px, left:left + width_px]
    image_area[:] = _windowed(hu, width, level)
    numbers = [int(n) for n in np.unique(labels) if n]
    for number in numbers:
        mask = labels == number
        ring = ndimage.binary_dilation(mask, np.ones((3, 3), bool), iterations=OUTLINE_PX) & ~mask
        image_area[ring] = GREY_LEVELS + (number - 1) % len(LESION_COLOURS)
    image = Image.fromarray(pixels, mode="P")
    image.putpalette(PALETTE)
    draw = ImageDraw.Draw(image)
    for number in numbers:  # the number just above and right of the outline
        rows, cols = np.nonzero(labels == number)
        x = min(canvas_w - 12, left + int(cols.max()) + OUTLINE_PX + 3)
        y = max(0, top + int(rows.min()) - 14)
        _text(draw, (x, y), str(number), GREY_LEVELS + (number - 1) % len(LESION_COLOURS), font)
    # Orientation letters: the direction each edge faces.
    _text(draw, (4, canvas_h / 2), direction_letters(-sec.col_dir), YELLOW, font, "lm")
    _text(draw, (canvas_w - 4, canvas_h / 2), direction_letters(sec.col_dir), YELLOW, font, "rm")
    _text(draw, (canvas_w / 2, 2), direction_letters(-sec.row_dir), YELLOW, font, "ma")
    _text(draw, (canvas_w / 2, canvas_h - 2), direction_letters(sec.row_dir), YELLOW, font, "md")
    bar_mm = _scale_bar_mm(canvas_w * pixel_mm)
    bar_px = round(bar_mm / pixel_mm)
    x0, y0 = canvas_w - 10 - bar_px, canvas_h - 22
    draw.rectangle((x0 - 1, y0 - 1, x0 + bar_px + 1, y0 + 4), fill=BLACK)
    draw.rectangle((x0, y0, x0 + bar_px, y0 + 3), fill=WHITE)
    _text(draw, (x0 + bar_px / 2, y0 - 2), f"{bar_mm // 10} cm" if bar_mm % 10 == 0 else f"{bar_mm} mm",
          WHITE, small, "md")
    return image


def _square_pixels(sec: Section) -> tuple[np.ndarray, np.ndarray, float]:
    """The section's HU and labels on square display pixels, and the mm one pixel spans:
    each axis resampled by its own spacing (bilinear for HU, nearest for labels)."""
    width, height, pixel_mm = _display_size(sec)
    hu = np.asarray(Image.fromarray(sec.hu.astype(np.float32), mode="F").resize((width, height), Image.Resampling.BILINEAR))
    labels = np.asarray(Image.fromarray(np.minimum(sec.labels, 255).astype(np.uint8), mode="L")
                        .resize((width, height), Image.Resampling.NEAREST))
    return hu, labels, pixel_mm


def panel(sec: Section, window: tuple[str, int, int]) -> Image.Image:
    """One window's panel of a section (lesions outlined, orientation letters, scale bar), as the
    clinician's viewer shows it slice by slice (services/imaging/views)."""
    hu, labels, pixel_mm = _square_pixels(sec)
    return _panel(sec, hu, labels, pixel_mm, window, _font(16), _font(12))


def render(sec: Section, title: str) -> bytes:
    """One PNG: a header line, then the soft-tissue and bone panels side by side."""
    hu, labels, pixel_mm = _square_pixels(sec)
    font, small = _font(16), _font(12)
    panels = [_panel(sec, hu, labels, pixel_mm, window, font, small) for window in WINDOWS]
    gap = 4
    # Measured as drawn: on a palette image Pillow renders text unantialiased, a little wider.
    title_px = ImageDraw.Draw(Image.new("P", (1, 1))).textlength(title, font=small)
    width = max(sum(p.width for p in panels) + gap, round(title_px) + 10)
    out = Image.new("P", (width, panels[0].height + HEADER_PX), BLACK)
    out.putpalette(PALETTE)
    draw = ImageDraw.Draw(out)
    _text(draw, (4, 3), title, WHITE, small)
    for index, (panel, (name, window_width, level)) in enumerate(zip(panels, WINDOWS, strict=True)):
        out.paste(panel, (index * (panel.width + gap), HEADER_PX))
        _text(draw, (index * (panel.width + gap) + 4, 20), f"{name} W{window_width} L{level}", WHITE, small)
    buffer = io.BytesIO()
    out.save(buffer, format="PNG")
    return buffer.getvalue()


def _describe(number: int, lesion: Lesion) -> str:
    return (f"lesion {number} ({lesion.laterality} {lesion.body_site}, {lesion.largest_diameter_mm:.0f} mm, "
            f"{lesion.volume_ml:.1f} mL)")


def key_images(volume: Volume, findings: Findings) -> list[tuple[str, bytes]]:
    """(title, PNG) pairs: axial then coronal through each of the MAX_LESIONS largest lesions, or
    through the middle of the volume when there is none."""
    targets = [(f"through {_describe(n, lesion)}", tuple(int(c) for c in lesion.centroid_voxel))
               for n, lesion in enumerate(findings.lesions[:MAX_LESIONS], start=1)]
    if not targets:
        targets = [("through the middle of the volume (no lesion)", tuple(s // 2 for s in volume.hu.shape))]
    axial = normal_axis(volume, "Axial")
    normals = {"Axial": axial, "Coronal": normal_axis(volume, "Coronal", taken=axial)}
    images = []
    for where, voxel in targets:
        for plane, normal in normals.items():
            sec = section(volume, findings.labels, plane, voxel, normal)
            title = f"{sec.name} section {where}; soft-tissue and bone windows"
            images.append((title, render(sec, title)))
    return images
