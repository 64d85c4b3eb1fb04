"""The analysis page (GET /analyses/{id}/view) and its slice images, without a browser: the
lesion table, the viewer's slices around each lesion, and what the PNGs draw where (the browser
tests, tests/test_pages.py, look at the same pages in Chromium)."""

import asyncio
import io
import re
import shutil

import httpx
import numpy as np
import pytest
from PIL import Image

from services.imaging.analysis.volume import Volume
from services.imaging.main import create_app
from services.imaging.views.slices import slice_png
from services.imaging.views.volume_store import StoredVolume, lesion_extents, plane_normals
from shared.settings import Settings
from tests.imaging import phantom
from tests.imaging.fixtures import NIFTI
from tests.imaging.view_checks import CYAN, RED, expected_fraction, outline_centre, save_nifti, two_lesion_phantom
from tests.support.asgi import asgi_client

PLANES = ("axial", "coronal", "sagittal")


@pytest.fixture(scope="module")
def lesions_ct(tmp_path_factory):
    volume, specs = two_lesion_phantom()
    folder = tmp_path_factory.mktemp("phantom")
    return volume, specs, save_nifti(volume, folder / "lesions.nii.gz"), folder


@pytest.fixture
async def imaging(tmp_path):
    app = create_app(Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}"))
    async with asgi_client(app, "http://imaging.test", timeout=120) as client:
        yield client


async def analysed(client: httpx.AsyncClient, files) -> dict:
    response = await client.post("/analyses", files=files)
    assert response.status_code == 202, response.text
    for _ in range(600):
        state = (await client.get(response.headers["location"])).json()
        if state["status"] in ("done", "failed"):
            assert state["status"] == "done", state
            return state
        await asyncio.sleep(0.2)
    raise AssertionError("the analysis did not finish")


def images(html: str) -> dict[tuple[int, str], str]:
    """(lesion, plane) -> the image URL the page shows, relative to the page."""
    found = {}
    for block in re.findall(r'<article class="lesion-viewer" id="lesion-(\d+)">(.*?)</article>', html, re.DOTALL):
        for plane, src in re.findall(r'data-plane="(\w+)".*?<img src="([^"]+)"', block[1], re.DOTALL):
            found[(int(block[0]), plane)] = src.replace("&amp;", "&")
    return found


def numbered(state: dict, specs) -> list[tuple[int, phantom.LesionSpec, tuple[int, int, int]]]:
    """(lesion number in the report, the phantom lesion it is, its outline colour), matched by side."""
    sides = [next(c["valueCodeableConcept"]["coding"][0]["code"] for c in e["resource"]["component"]
                  if c["code"]["coding"][0]["code"] == "laterality") for e in state["report"]["entry"][1:]]
    assert sorted(sides) == sorted(s.laterality for s in specs)
    return [(n, next(s for s in specs if s.laterality == side), (RED, CYAN)[n - 1]) for n, side in enumerate(sides, 1)]


async def check_outlines(client, state: dict, volume: Volume, specs) -> None:
    """Each lesion's outline, in its colour, where the phantom put it, in all three planes."""
    page = await client.get(state["view"])
    shown = images(page.text)
    assert set(shown) == {(n, p) for n in (1, 2) for p in PLANES}
    for number, spec, colour in numbered(state, specs):
        for plane in PLANES:
            png = (await client.get(f"/analyses/{state['id']}/{shown[(number, plane)]}")).content
            x, y, width, _ = outline_centre(png, colour)
            want_x, want_y = expected_fraction(volume, spec.truth_mask, plane)
            assert abs(x - want_x) < 0.05 and abs(y - want_y) < 0.05, (number, plane, (x, y), (want_x, want_y))


async def test_the_page_lists_the_lesions_and_outlines_each_where_it_is(imaging, lesions_ct):
    volume, specs, path, _ = lesions_ct
    state = await analysed(imaging, {"file": ("lesions.nii.gz", path.read_bytes())})
    assert state["view"] == f"/analyses/{state['id']}/view"  # the document names its page
    page = await imaging.get(state["view"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    rows = re.findall(r'<tr id="lesion-row-(\d+)">(.*?)</tr>', page.text, re.DOTALL)
    assert [n for n, _ in rows] == ["1", "2"]
    cells = [re.findall(r"<td>(.*?)</td>", row) for _, row in rows]
    lesions = numbered(state, specs)
    assert [cells[n - 1][1] for n, _, _ in lesions] == [spec.laterality for _, spec, _ in lesions]
    # the cystic mass (left) has a fluid-calcium level, the cluster (right) none
    assert [cells[n - 1][12] for n, _, _ in lesions] == ["yes" if spec.fluid_level else "no" for _, spec, _ in lesions]
    observations = [e["resource"] for e in state["report"]["entry"][1:]]
    volume_ml = next(c["valueQuantity"] for c in observations[0]["component"] if c["code"]["coding"][0]["code"] == "volume")
    assert cells[0][2] == f"{volume_ml['value']} mL"
    assert state["report"]["entry"][0]["resource"]["conclusion"] in page.text.replace("&#39;", "'")
    await check_outlines(imaging, state, volume, specs)
    # the right lesion is on the image's left in the axial view (radiological convention)
    right = next((n, colour) for n, spec, colour in lesions if spec.laterality == "right")
    left = next(colour for _, spec, colour in lesions if spec.laterality == "left")
    png = (await imaging.get(f"/analyses/{state['id']}/{images(page.text)[(right[0], 'axial')]}")).content
    assert outline_centre(png, right[1])[0] < 0.5 and outline_centre(png, left)[0] > 0.5


async def test_a_dicom_analysis_reads_its_mask_back_from_the_dicom_seg(imaging, lesions_ct):
    volume, specs, _, folder = lesions_ct
    paths = phantom.write_dicom_series(volume, folder / "dicom")
    state = await analysed(imaging, [("file", (p.name, p.read_bytes(), "application/dicom")) for p in paths])
    mask = await imaging.get(state["mask"])
    assert mask.headers["content-type"] == "application/dicom"
    await check_outlines(imaging, state, volume, specs)


async def test_the_no_script_links_step_one_slice_and_stay_in_range(imaging, lesions_ct):
    _, _, path, _ = lesions_ct
    state = await analysed(imaging, {"file": ("lesions.nii.gz", path.read_bytes())})
    html = (await imaging.get(state["view"])).text
    block = re.search(r'id="lesion-1">.*?</article>', html, re.DOTALL).group(0)
    axial = re.search(r'data-plane="axial" data-first="(\d+)" data-last="(\d+)" data-index="(\d+)"', block)
    first, last, index = map(int, axial.groups())
    assert first < index < last
    next_link = re.search(r'<a class="next" href="([^"]+)" aria-label="next axial slice">', block).group(1).replace("&amp;", "&")
    assert next_link.startswith("view?") and f"axial={index + 1}" in next_link and "lesion=1" in next_link
    stepped = (await imaging.get(f"/analyses/{state['id']}/{next_link.split('#')[0]}")).text
    assert f"axial/{index + 1}.png" in re.search(r'id="lesion-1">.*?</article>', stepped, re.DOTALL).group(0)
    beyond = (await imaging.get(f"{state['view']}?lesion=1&axial={last + 50}")).text
    block = re.search(r'id="lesion-1">.*?</article>', beyond, re.DOTALL).group(0)
    assert f"axial/{last}.png" in block and 'class="next disabled"' in block
    bone = (await imaging.get(f"{state['view']}?window=bone")).text
    assert "window=bone" in images(bone)[(1, "axial")]


async def test_bad_requests_are_outcomes(imaging, lesions_ct, tmp_path):
    assert (await imaging.get("/analyses/nope/view")).status_code == 404
    state = await analysed(imaging, {"file": ("ct.nii.gz", NIFTI.read_bytes())})  # no lesion: no viewer
    page = await imaging.get(state["view"])
    assert page.status_code == 200 and 'id="no-lesion"' in page.text and "lesion-viewer" not in page.text
    assert page.text.count('src="data:image/png;base64,') == 2  # the report's key images instead
    base = f"/analyses/{state['id']}/view"
    for path, status in ((f"{base}/oblique/3.png", 400), (f"{base}/axial/3.png?window=lung", 400),
                         (f"{base}/axial/-1.png", 404), (f"{base}/axial/9999.png", 404), (f"{base}/axial/x.png", 400)):
        response = await imaging.get(path)
        assert response.status_code == status, (path, response.text)
        assert response.json()["resourceType"] == "OperationOutcome"
    png = await imaging.get(f"{base}/axial/3.png")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert png.headers["cache-control"] == "no-store" and "default-src 'self'" in png.headers["content-security-policy"]
    generic = await imaging.get(f"{base}/axial/3.png", headers={"Accept": "application/octet-stream"})
    assert generic.headers["content-type"] == "application/octet-stream" and generic.content == png.content
    # the job's files removed (retention): its images are gone, said so
    shutil.rmtree(tmp_path / "imaging" / state["id"])
    gone = await imaging.get(f"{base}/axial/3.png")
    assert gone.status_code == 410 and "no longer stored" in gone.json()["issue"][0]["diagnostics"]


def test_a_slice_keeps_the_true_aspect_ratio_of_anisotropic_voxels():
    """6 mm slices, 1 mm pixels: a coronal image is six times as tall per voxel row as it is wide."""
    hu = np.full((60, 50, 20), -1000, np.int16)
    hu[10:50, 10:40, 2:18] = 40
    labels = np.zeros(hu.shape, np.int16)
    labels[20:31, 20:31, 8:13] = 1
    affine = np.diag([1.0, 1.0, 6.0, 1.0])
    volume = Volume(hu=hu, affine=affine, patient_position="HFS", source="nifti")
    normals = plane_normals(volume)
    stored = StoredVolume(volume, labels, normals, [])
    coronal = Image.open(io.BytesIO(slice_png(stored, "coronal", 25, "soft-tissue")))
    assert abs(coronal.width / coronal.height - 60 / 120) < 0.02    # 60 mm wide, 120 mm tall
    axial = Image.open(io.BytesIO(slice_png(stored, "axial", 10, "bone")))
    assert abs(axial.width / axial.height - 60 / 50) < 0.02
    extent = lesion_extents(labels, volume, normals)[0]
    assert extent["centre"] == [25, 25, 10]
    assert tuple(extent["ranges"]["axial"]) == (6, 14)      # 10 mm beyond each side: 2 slices of 6 mm
    assert tuple(extent["ranges"]["coronal"]) == (10, 40)   # ... 10 voxels of 1 mm
