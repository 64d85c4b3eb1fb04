"""The clinician's pages in a real browser: Debian's Chromium driven by Playwright, against the
services running as processes. What is drawn is checked (each lesion's outline where the phantom
put it, the differential's bars in order and to scale, the volume chart), and every request the
browser makes while the pages load and scroll must go to the service itself."""

import time
from pathlib import Path

import httpx
import pytest

from tests.classifier.imaging_reports import imaging_history, vignette_entries
from tests.conftest import _required
from tests.imaging.view_checks import CYAN, RED, expected_fraction, outline_centre, save_nifti, two_lesion_phantom
from tests.support.browser import chromium
from tests.support.issuer import Issuer
from tests.support.processes import free_port, uvicorn_service

FHIR = {"Content-Type": "application/fhir+json"}


@pytest.fixture(scope="module")
def browser():
    context = chromium()
    yield _required("Chromium", context.__enter__)
    context.__exit__(None, None, None)


# The pages' Content-Security-Policy would block a request to another origin before it is made (and
# Playwright's own page scripts): the tests switch it off, so that any such request shows up in the
# recording; the header itself is checked without a browser (tests/imaging/test_views.py).
UNGUARDED = {"bypass_csp": True}


class Recorder:
    """Every request a page makes, and what its console complains of (CSP violations among it)."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", lambda response: self.errors.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)

    def all_to(self, origin: str) -> None:
        assert self.urls, "the page made no request"
        strays = [u for u in self.urls if not (u.startswith(f"{origin}/") or u.startswith("data:"))]
        assert strays == [], f"requests that leave the service: {strays}"


def images_loaded(page) -> None:
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)", timeout=30_000)


# ---- the analysis page (imaging) ----------------------------------------------------------------

@pytest.fixture(scope="module")
def phantom_ct(tmp_path_factory):
    volume, specs = two_lesion_phantom()
    return volume, specs, save_nifti(volume, tmp_path_factory.mktemp("phantom") / "lesions.nii.gz")


def analyse(imaging: str, path: Path, headers: dict | None = None) -> dict:
    with path.open("rb") as f:
        response = httpx.post(f"{imaging}/analyses", files={"file": (path.name, f)}, headers=headers, timeout=60)
    assert response.status_code == 202, response.text
    for _ in range(900):
        state = httpx.get(f"{imaging}{response.headers['location']}", headers=headers, timeout=30).json()
        if state["status"] in ("done", "failed"):
            assert state["status"] == "done", state
            return state
        time.sleep(0.2)
    raise AssertionError("the analysis did not finish")


@pytest.fixture(scope="module")
def analysis(tmp_path_factory, phantom_ct):
    work = tmp_path_factory.mktemp("imaging")
    with uvicorn_service("imaging", {"DATA_DIR": str(work)}, work / "imaging.log") as imaging:
        yield imaging, analyse(imaging, phantom_ct[2])


def lesion_numbers(state: dict) -> dict[str, int]:
    """side -> the lesion's number in the report."""
    sides = [next(c["valueCodeableConcept"]["coding"][0]["code"] for c in e["resource"]["component"]
                  if c["code"]["coding"][0]["code"] == "laterality") for e in state["report"]["entry"][1:]]
    return {side: n for n, side in enumerate(sides, start=1)}


def test_the_analysis_page_draws_each_lesion_where_it_is_and_scrolls(browser, analysis, phantom_ct):
    imaging, state = analysis
    volume, specs, _ = phantom_ct
    numbers = lesion_numbers(state)
    page = browser.new_page(viewport={"width": 1700, "height": 1200}, **UNGUARDED)
    requests = Recorder(page)
    page.goto(f"{imaging}{state['view']}")
    images_loaded(page)
    assert page.locator("#lesions tbody tr").count() == 2
    for spec in specs:
        number = numbers[spec.laterality]
        colour = (RED, CYAN)[number - 1]
        for plane in ("axial", "coronal", "sagittal"):
            figure = page.locator(f"#lesion-{number} figure[data-plane={plane}]")
            shot = figure.locator("img").screenshot()  # what the browser drew
            x, y, _, _ = outline_centre(shot, colour)
            want_x, want_y = expected_fraction(volume, spec.truth_mask, plane)
            assert abs(x - want_x) < 0.05 and abs(y - want_y) < 0.05, (spec.name, plane, (x, y), (want_x, want_y))
    # scrolling: the wheel and the arrow keys step through the slices without reloading the page
    right = page.locator(f"#lesion-{numbers['right']} figure[data-plane=axial]")
    start = int(right.get_attribute("data-index"))
    right.hover()
    page.mouse.wheel(0, 120)
    selector = f"#lesion-{numbers['right']} figure[data-plane=axial]"
    page.wait_for_function(f"document.querySelector('{selector}').dataset.index == '{start + 1}'")
    right.focus()
    page.keyboard.press("ArrowDown")
    assert right.locator("output.index").inner_text() == str(start + 2)
    images_loaded(page)
    assert right.locator("img").get_attribute("src").startswith(f"view/axial/{start + 2}.png")
    assert any(f"/view/axial/{start + 2}.png" in url for url in requests.urls)
    # the bone window for every image
    page.get_by_role("link", name="Bone W2000 L500").click()
    images_loaded(page)
    assert all("window=bone" in img.get_attribute("src") for img in page.locator("figure.plane img").all())
    requests.all_to(imaging)
    assert requests.errors == []
    page.close()


def test_without_a_script_the_links_step_one_slice_per_request(browser, analysis):
    imaging, state = analysis
    context = browser.new_context(java_script_enabled=False, **UNGUARDED)
    page = context.new_page()
    requests = Recorder(page)
    page.goto(f"{imaging}{state['view']}")
    figure = page.locator("#lesion-1 figure[data-plane=coronal]")
    start = int(figure.get_attribute("data-index"))
    figure.get_by_role("link", name="next coronal slice").click()
    page.wait_for_load_state()
    images_loaded(page)
    assert "lesion=1" in page.url and f"coronal={start + 1}" in page.url and page.url.endswith("#lesion-1")
    shown = page.locator("#lesion-1 figure[data-plane=coronal] img").get_attribute("src")
    assert shown.startswith(f"view/coronal/{start + 1}.png")
    requests.all_to(imaging)
    context.close()


def test_in_smart_mode_the_page_needs_the_api_token(browser, tmp_path, phantom_ct):
    """The page is behind the API's own authorization: a browser gets in with the bearer token a
    front proxy (or the EHR's launch) adds to each request, images included; without it, 401."""
    with Issuer().serving() as issuer:
        port = free_port()
        audience = f"http://127.0.0.1:{port}"
        env = {"DATA_DIR": str(tmp_path), "AUTH_MODE": "smart", "AUTH_ISSUERS": f'{{"{issuer.url}": "{issuer.jwks_url}"}}',
               "AUTH_AUDIENCE": f'["{audience}"]'}
        with uvicorn_service("imaging", env, tmp_path / "imaging.log", port=port) as imaging:
            writer = {"Authorization": f"Bearer {issuer.mint('system/DiagnosticReport.cr', audience)}"}
            state = analyse(imaging, phantom_ct[2], writer)
            anonymous = browser.new_page(**UNGUARDED)
            response = anonymous.goto(f"{imaging}{state['view']}")
            assert response.status == 401 and "OperationOutcome" in anonymous.content()
            anonymous.close()
            for scope, status in (("system/Patient.r", 403), ("system/DiagnosticReport.r", 200)):
                context = browser.new_context(extra_http_headers={"Authorization": f"Bearer {issuer.mint(scope, audience)}"},
                                              **UNGUARDED)
                page = context.new_page()
                requests = Recorder(page)
                response = page.goto(f"{imaging}{state['view']}")
                assert response.status == status
                if status == 200:
                    images_loaded(page)
                    assert page.locator("figure.plane img").count() == 6
                    requests.all_to(imaging)
                context.close()


# ---- the patient page (classifier) --------------------------------------------------------------

@pytest.fixture(scope="module")
def patient_page_services(tmp_path_factory):
    work = tmp_path_factory.mktemp("system")
    env = {"DATA_DIR": str(work), "VALIDATION_WORKERS": "0"}
    with uvicorn_service("intake", env, work / "intake.log") as intake:
        entries = vignette_entries()
        patient_id = next(e["resource"]["id"] for e in entries if e["resource"]["resourceType"] == "Patient")
        response = httpx.post(f"{intake}/fhir", json={"resourceType": "Bundle", "type": "transaction",
                                                      "entry": entries + imaging_history(patient_id)}, headers=FHIR)
        assert response.status_code == 200, response.text
        with uvicorn_service("classifier", {**env, "INTAKE_URL": f"{intake}/fhir"}, work / "classifier.log") as classifier:
            yield classifier, patient_id


def test_the_patient_page_draws_the_bars_in_order_and_the_volume_chart(browser, patient_page_services):
    classifier, patient_id = patient_page_services
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, **UNGUARDED)
    requests = Recorder(page)
    response = page.goto(f"{classifier}/patients/{patient_id}/view")
    assert response.status == 200
    candidates = page.locator("#differential li.candidate")
    probabilities = [float(li.get_attribute("data-probability")) for li in candidates.all()]
    assert len(probabilities) >= 3 and probabilities == sorted(probabilities, reverse=True)
    assert candidates.first.get_attribute("data-code") == "tc-primary-hyperphosphatemic"
    widths = [bar.bounding_box()["width"] for bar in page.locator("#differential rect.bar").all()]
    assert widths == sorted(widths, reverse=True) and widths[0] > 0
    for width, probability in zip(widths, probabilities, strict=True):  # drawn to scale
        assert abs(width - probability * widths[0] / probabilities[0]) < 1.5
    assert candidates.first.locator(".rationale").inner_text().strip()
    assert "Primary hyperphosphatemic" in page.locator("#typing").inner_text()
    # the chart: the right hip series rises from 10 to 14 mL, the left one has one point
    series = page.locator("#volume-chart g.series-group")
    assert sorted(g.get_attribute("data-label") for g in series.all()) == ["left hip gluteal", "right hip gluteal"]
    right = page.locator('#volume-chart g.series-group[data-label="right hip gluteal"] circle').all()
    assert [c.get_attribute("data-value") for c in right] == ["10.0", "14.0"]
    first, later = (c.bounding_box() for c in right)
    assert later["x"] > first["x"] and later["y"] < first["y"]  # later, and higher on the screen
    requests.all_to(classifier)
    assert requests.errors == []
    page.close()
