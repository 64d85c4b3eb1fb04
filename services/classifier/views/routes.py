"""Route of the patient page; behind the same authorization as the API (reading the patient's
record), see docs/decisions.md, "Clinician's pages"."""

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from services.classifier.api import PatientId, intake_origins
from services.classifier.cds_hooks import PATIENT_PAGE
from services.classifier.fhir_source import fetch_patient_record, search_all
from services.classifier.service import classify_bundle, record_bundle
from services.classifier.views.chart import volume_chart
from services.classifier.views.patient import patient_page
from shared.auth import Principal, on_behalf_of, requires
from shared.fhir_openapi import fhir_responses
from shared.pages import page, templates

TEMPLATES = templates(Path(__file__).parent / "templates")
BAR_WIDTH = 320  # px for 100%


def build_router() -> APIRouter:
    router = APIRouter(tags=["Clinician's pages"])

    @router.get(PATIENT_PAGE, operation_id="viewPatient", response_class=HTMLResponse,
                summary="The patient's page: differential, typing, can't-miss warning, next tests, management, and "
                        "the lesions of every imaging analysis with their volumes over time",
                responses=fhir_responses({}, (400, 401, 403, 404, 422, 502)))
    async def view_patient(patient_id: PatientId, request: Request,
                           caller: Annotated[Principal, requires(("Patient", "read"), ("Observation", "search"),
                                                                 ("DiagnosticReport", "search"))]) -> HTMLResponse:
        intake = request.app.state.intake
        settings = request.app.state.settings
        # intake's audit trail names the person's client beside the classifier (Security 11)
        behalf, origins = on_behalf_of(caller), intake_origins(settings)
        record = await fetch_patient_record(intake, patient_id, behalf, origins)
        reports = await search_all(intake, "DiagnosticReport", patient_id, behalf, origins)
        result = classify_bundle(record_bundle(record), settings.canonical_base)
        model = patient_page(patient_id, record, reports, result)
        imaging = (settings.imaging_public_url or settings.imaging_url).rstrip("/")
        return page(TEMPLATES, request, "patient.html", {
            "page": model, "chart": volume_chart(model.changes), "bar_width": BAR_WIDTH, "imaging_base": imaging})

    return router
