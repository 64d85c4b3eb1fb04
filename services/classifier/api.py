"""HTTP layer of the classifier: /classify, CDS Hooks and the project's CodeSystems. Thin by design."""

from pathlib import Path as FilePath
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.responses import HTMLResponse, Response

from services.classifier import cds_hooks
from services.classifier.codesystems import CODESYSTEM_NAMES, render_all_codesystems, render_codesystem
from services.classifier.explanation import PATH as EXPLANATION_PATH
from services.classifier.explanation import render_explanation
from services.classifier.fhir_source import STORED_TYPES, fetch_patient_record, origin, store_result
from services.classifier.service import classify_bundle, record_bundle
from shared.auth import BEARER, Principal, on_behalf_of, requires
from shared.errors import FHIRError
from shared.fhir_json import fhir_response
from shared.fhir_openapi import fhir_body, fhir_responses, load_examples
from shared.http_client import create_http_client
from shared.public_url import public_base
from shared.request_body import read_json_body
from shared.settings import Settings


async def get_settings(request: Request) -> Settings:
    # a coroutine: FastAPI runs a plain function dependency in its thread pool, a hand-over between
    # threads on every request (a fifth of /classify's time; docs/performance.md)
    return request.app.state.settings


async def json_body(request: Request) -> Any:
    settings = request.app.state.settings
    return await read_json_body(request, settings.max_body_bytes, settings.max_json_depth)


async def cds_client(request: Request, _: Annotated[object, Depends(BEARER)]) -> Principal:
    """CDS Hooks: the CDS client (the EHR) signs a JWT for this service; it carries no SMART
    scopes (CDS Hooks 2.0, "Trusting CDS Clients"), so the signature, issuer (CDS_CLIENTS),
    audience, expiry, and a jti not seen before count (main.py builds cds_auth)."""
    return await request.app.state.cds_auth.principal(request.headers.get("authorization"))


async def hook_body(request: Request) -> cds_hooks.HookRequest:
    """The hook request, read with the limits of every body (size, depth, syntax) before it is parsed."""
    payload = await json_body(request)
    try:
        return cds_hooks.HookRequest.model_validate(payload)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from None


def service_base(request: Request) -> str:
    """This service's externally visible base URL, for the links of its cards: never from the
    Host header in smart mode (decision Security 18; public_base_url may name a FHIR endpoint)."""
    return public_base(request, request.app.state.settings).rstrip("/").removesuffix("/fhir")


SettingsDep = Annotated[Settings, Depends(get_settings)]
Body = Annotated[Any, Depends(json_body)]
# The documents' examples (tests/test_openapi_examples.py sends each to a running classifier).
EXAMPLES = load_examples(FilePath(__file__).with_name("openapi_examples.json"))
PatientId = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-.]{1,64}$", description="The Patient's id on the intake server",
                                openapi_examples={"example": {"summary": "The README's patient",
                                                              "value": EXAMPLES["patient_id"]}})]
# Enumerated in the document; other values are still answered (404 OperationOutcome), not refused as malformed.
CodeSystemName = Annotated[str, Path(description="The CodeSystem's id (docs/vocabulary.md)",
                                     json_schema_extra={"enum": list(CODESYSTEM_NAMES)})]
ServiceId = Annotated[str, Path(description="The CDS service's id, as discovery (GET /cds-services) lists it",
                                json_schema_extra={"enum": [cds_hooks.SERVICE_ID]})]


def build_router() -> APIRouter:
    router = APIRouter()

    @router.post("/classify", operation_id="classifyBundle", tags=["Classification"], response_class=Response,
                 summary="Typing and differential diagnosis of the patient in a Bundle",
                 openapi_extra=fhir_body("Bundle", "A Bundle holding one Patient and any Observations (labs, "
                                                   "findings, lesions)", EXAMPLES["classify"]),
                 responses=fhir_responses({200: ("Collection Bundle: RiskAssessment, typing and mechanism "
                                                 "Observations, proposals; OperationOutcome of any issues", "Bundle")},
                                          (400, 401, 403, 413, 415, 422)),
                 dependencies=[requires(("RiskAssessment", "create"))])
    async def classify(body: Body, settings: SettingsDep) -> Response:
        return fhir_response(classify_bundle(body, settings.canonical_base))

    @router.post("/classify/Patient/{patient_id}", operation_id="classifyPatient", tags=["Classification"],
                 response_class=Response, summary="Classify a patient from the data stored in the intake service",
                 responses=fhir_responses({200: ("Collection Bundle, as for /classify; with store=true the "
                                                 "RiskAssessment and Observations as stored in intake", "Bundle")},
                                          (400, 401, 403, 404, 422, 502)))
    async def classify_patient(patient_id: PatientId, request: Request, settings: SettingsDep,
                               caller: Annotated[Principal, requires(("RiskAssessment", "create"), ("Patient", "read"),
                                                                     ("Observation", "search"))],
                               store: Annotated[bool, Query(description="Store the RiskAssessment and the typing "
                                                                        "and mechanism Observations in intake (the "
                                                                        "caller's token must allow creating both)")]
                               = False) -> Response:
        if store:  # the caller's scopes decide what is written, not this service's own (no confused deputy)
            for resource_type in STORED_TYPES:
                caller.require(resource_type, "create")
        # intake records every read and write under this service's token; the header names the end
        # client beside it in those AuditEvents (docs/decisions.md, Security).
        behalf = on_behalf_of(caller)
        intake = request.app.state.intake
        record = await fetch_patient_record(intake, patient_id, behalf, intake_origins(settings))
        result = classify_bundle(record_bundle(record), settings.canonical_base)
        if store:
            result = await store_result(intake, result, behalf)
        return fhir_response(result)

    @router.get("/fhir/CodeSystem", operation_id="searchCodeSystem", tags=["Terminology"], response_class=Response,
                summary="The project's CodeSystems (findings, sites, diagnoses, typing)",
                responses=fhir_responses({200: ("searchset Bundle of CodeSystems", "Bundle")}, ()))
    async def codesystems(settings: SettingsDep) -> Response:
        systems = render_all_codesystems(settings.canonical_base)
        return fhir_response({"resourceType": "Bundle", "type": "searchset", "total": len(systems),
                              "entry": [{"fullUrl": s["url"], "resource": s, "search": {"mode": "match"}}
                                        for s in systems]})

    @router.get("/fhir/CodeSystem/{name}", operation_id="readCodeSystem", tags=["Terminology"],
                response_class=Response, summary="One of the project's CodeSystems",
                responses=fhir_responses({200: ("The CodeSystem", "CodeSystem")}, (404,)))
    async def codesystem(name: CodeSystemName, settings: SettingsDep) -> Response:
        if name not in CODESYSTEM_NAMES:
            raise FHIRError.of(404, "not-found", f"CodeSystem/{name} is not known; known: {', '.join(CODESYSTEM_NAMES)}")
        return fhir_response(render_codesystem(name, settings.canonical_base))

    @router.get(EXPLANATION_PATH, operation_id="explanation", tags=["Terminology"], response_class=HTMLResponse,
                summary="How the differential is computed: every prior and likelihood ratio with its source "
                        "(anchor #<diagnosis code>), and the references")
    async def explanation() -> HTMLResponse:
        return HTMLResponse(render_explanation())

    @router.get("/cds-services", operation_id="cdsDiscovery", tags=["CDS Hooks"],
                summary="CDS Hooks discovery", response_model=cds_hooks.Discovery,
                response_model_exclude_none=True)
    async def discovery() -> cds_hooks.Discovery:
        return cds_hooks.discovery()

    @router.post("/cds-services/{service_id}", operation_id="cdsPatientView", tags=["CDS Hooks"],
                 summary="CDS Hooks patient-view: a card with the leading diagnosis, typing, rationale and next test",
                 response_model=cds_hooks.CardsResponse,
                 response_model_exclude_none=True,  # CDS Hooks: optional members are left out, never null
                 responses=fhir_responses({}, (400, 401, 404, 412, 413, 415, 422, 502)),
                 openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/HookRequest"}, "examples": EXAMPLES["cds"]}}}},
                 dependencies=[Depends(cds_client)])  # the caller first, then its body
    async def patient_view(service_id: ServiceId, hook: Annotated[cds_hooks.HookRequest, Depends(hook_body)],
                           settings: SettingsDep, request: Request) -> cds_hooks.CardsResponse:
        if service_id != cds_hooks.SERVICE_ID:
            raise FHIRError.of(404, "not-found", f"No CDS service {service_id}; see /cds-services")
        record = await _patient_record(hook, settings)
        result = classify_bundle(record_bundle(record), settings.canonical_base)
        return cds_hooks.CardsResponse(cards=[cds_hooks.card_from_result(result, service_base(request), hook.context.patientId)])

    return router


def intake_origins(settings: Settings) -> set[tuple[str, str, int | None]]:
    """Where intake's paging links may lead: intake itself, or its public URL when links carry that."""
    return {origin(url) for url in (settings.intake_url, settings.public_base_url) if url}


def _same_base(a: httpx.URL, b: str) -> bool:
    other = httpx.URL(b)
    return origin(a) == origin(other) and a.path.rstrip("/") == other.path.rstrip("/")


async def _patient_record(hook: cds_hooks.HookRequest, settings: Settings) -> dict:
    """From prefetch when the EHR sent it whole, else from the EHR's FHIR server with the token the
    EHR grants for it (CDS Hooks 2.0, "Prefetch" and "FHIR Resource Access"): never without
    fhirAuthorization, only a server of CDS_FHIR_SERVERS, paging links only on its origin."""
    if hook.fhirAuthorization and not hook.fhirServer:
        raise FHIRError.of(400, "invalid", "fhirAuthorization is given without fhirServer (CDS Hooks cds-r-1)",
                           "fhirServer")
    patient_id = hook.context.patientId
    prefetch = hook.prefetch or {}
    patient, observations = prefetch.get("patient"), prefetch.get("observations")
    if isinstance(observations, dict) and not all(isinstance(observations.get(k, []), list) for k in ("link", "entry")):
        raise FHIRError.of(400, "invalid", "prefetch.observations is not a Bundle: its link and entry must be arrays")
    complete = (isinstance(patient, dict) and isinstance(observations, dict)
                and not any(isinstance(link, dict) and link.get("relation") == "next"
                            for link in observations.get("link", [])))
    if complete and isinstance(patient, dict) and isinstance(observations, dict):  # (complete says so; for mypy)
        if patient.get("resourceType") != "Patient" or patient.get("id") != patient_id:
            raise FHIRError.of(400, "invalid", f"prefetch.patient is not Patient/{patient_id} of the context")
        return {"patient": patient, "observations": [e["resource"] for e in observations.get("entry", [])
                                                     if isinstance(e, dict) and "resource" in e]}
    if not hook.fhirServer:
        raise FHIRError.of(412, "required", "Neither a complete prefetch nor a fhirServer to read the patient from")
    if hook.fhirAuthorization is None:
        raise FHIRError.of(412, "security", "The prefetch is incomplete, and fhirServer is read only with the access "
                                            "token the CDS client grants for it (fhirAuthorization); send either",
                           "fhirAuthorization")
    try:
        server = httpx.URL(hook.fhirServer)
    except (httpx.InvalidURL, ValueError):  # ValueError: e.g. a lone surrogate, which JSON can carry
        server = None
    if server is None or server.scheme not in ("http", "https") or not server.host:
        raise FHIRError.of(400, "invalid", "fhirServer is not an http(s) URL", "fhirServer")
    if not any(_same_base(server, allowed) for allowed in settings.allowed_fhir_servers()):
        # 412: CDS Hooks' answer when the service cannot get the data it needs
        raise FHIRError.of(412, "security", "fhirServer is not a FHIR server this service may read "
                                            "(CDS_FHIR_SERVERS); send the prefetch whole", "fhirServer")
    token = hook.fhirAuthorization.access_token
    if not (token.isascii() and token.isprintable()):  # it goes into a header
        raise FHIRError.of(400, "invalid", "fhirAuthorization.access_token is not a bearer token",
                           "fhirAuthorization.access_token")
    # The EHR's server, with the EHR's token for it (fhirAuthorization), never this service's own.
    async with create_http_client(settings, hook.fhirServer.rstrip("/") + "/", as_service=False,
                                  headers={"Authorization": f"Bearer {token}"}) as client:
        return await fetch_patient_record(client, patient_id)
