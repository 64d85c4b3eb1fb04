"""Schemathesis against each service's checked-in OpenAPI document (openapi/<service>.json, the
document the SDKs are generated from), with the services running for real: uvicorn processes in
smart mode, trusting a test SMART authorization server, on SQLite in a temporary directory.

Every generated request carries a bearer token with broad scopes for that service, and each
response must: not be a 5xx; have a status code, content type and body the document declares;
and, for every 4xx/5xx, be a FHIR OperationOutcome. A second pass sends requests without a token:
every secured operation answers 401 with `WWW-Authenticate` and an OperationOutcome, the public
ones stay open.

Bounded and reproducible: a fixed seed (FUZZ_SEED), deterministic generation, no example
database; the examples phase, then FUZZ_MAX_EXAMPLES (default 25) fuzzed requests per operation,
valid ones (positive mode) and invalid ones (negative mode) mixed. The coverage phase (every
boundary value of every keyword, many cases per operation) and the stateful phase are off: a
longer, occasional run can switch them on. The FHIR resource schemas in the documents are shallow
(an element's complex types are `{}`), so generating resource bodies is cheap and needs no size or
depth limit. About a minute on two cores.

    .venv/bin/python -m pytest tests/fuzz -q
    FUZZ_MAX_EXAMPLES=150 FUZZ_SEED=2 .venv/bin/python -m pytest tests/fuzz -q   # a longer run, other cases
"""

import json
import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial

import httpx
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.issuer import Issuer
from tests.support.processes import ROOT, free_port, uvicorn_service

SERVICES = ("intake", "classifier", "imaging")
SEED = int(os.environ.get("FUZZ_SEED", "20240611"))
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))
SCOPES = "system/*.cruds"
CLIENT_SCOPES = "system/*.cruds"  # what the classifier and imaging ask for when they call intake
# What each service leaves open (no token needed).
PUBLIC_PATHS = {
    "intake": ["/healthz", "/readyz", "/metrics", "/openapi.json", "/fhir/metadata",
               "/fhir/.well-known/smart-configuration"],
    "classifier": ["/healthz", "/readyz", "/metrics", "/openapi.json", "/cds-services", "/fhir/CodeSystem", "/explanation"],
    "imaging": ["/healthz", "/readyz", "/metrics", "/openapi.json"],
}
ERROR_MEDIA_TYPES = ("application/fhir+json", "application/json")


def fuzz_config(max_examples: int, modes: str = "all") -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {
            "max-examples": max_examples,
            "mode": modes,
            "deterministic": True,
            "database": "none",
            # The bearer token is ours to send (a real one, or none), never a generated one.
            "with-security-parameters": False,
        },
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        # The one CDS service: a random id is only ever 404, and the hook's handling is what needs fuzzing.
        "parameters": {"service_id": "calcinosis-differential"},
    })


def load(service: str, max_examples: int, modes: str = "all") -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_path(ROOT / "openapi" / f"{service}.json", config=fuzz_config(max_examples, modes))


def header(response, name: str) -> str:
    """A header of a schemathesis Response (names lower-cased, values in lists)."""
    return ", ".join(response.headers.get(name.lower(), []))


def secured(case) -> bool:
    raw = case.operation.definition.raw
    return bool(raw.get("security", case.operation.schema.raw_schema.get("security")))


# --- checks ---------------------------------------------------------------------------------

def errors_are_operation_outcomes(ctx, response, case):
    """Every 4xx/5xx is a FHIR OperationOutcome with at least one issue, as (fhir+)json."""
    if response.status_code < 400:
        return None
    media_type = header(response, "Content-Type").split(";")[0].strip().lower()
    assert media_type in ERROR_MEDIA_TYPES, f"{response.status_code} answered as {media_type or 'no content type'}"
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"{response.status_code} with a body that is not JSON: "
                             f"{response.content[:200]!r}") from None
    assert isinstance(body, dict) and body.get("resourceType") == "OperationOutcome", (
        f"{response.status_code} with a body that is not an OperationOutcome: {str(body)[:300]}")
    issues = body.get("issue")
    assert isinstance(issues, list) and issues, f"{response.status_code}: an OperationOutcome without issues"
    for issue in issues:
        assert isinstance(issue, dict) and issue.get("severity") and issue.get("code"), (
            f"{response.status_code}: an issue without severity or code: {issue}")
    return None


def token_accepted(ctx, response, case):
    """With a valid token of broad scopes, authorization never refuses."""
    assert response.status_code not in (401, 403), (
        f"{response.status_code} with a valid system/*.cruds token: {response.content[:300]!r}")
    return None


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, errors_are_operation_outcomes]


# --- the running services -------------------------------------------------------------------

@dataclass
class Running:
    url: str
    token: str  # system/*.cruds for this service's audience
    fresh: Callable[[], str]  # a new short-lived token: CDS Hooks client JWTs are accepted once

    @property
    def authorization(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def issuer():
    with Issuer().serving() as running:
        yield running


@pytest.fixture(scope="module")
def services(issuer, tmp_path_factory):
    """The three services in smart mode; the classifier and imaging reach intake with their own
    credentials (SMART Backend Services at the test issuer's token endpoint)."""
    tmp = tmp_path_factory.mktemp("fuzz")
    ports = {service: free_port() for service in SERVICES}
    base = {service: f"http://127.0.0.1:{port}" for service, port in ports.items()}
    audiences = {"intake": f"{base['intake']}/fhir", "classifier": base["classifier"], "imaging": base["imaging"]}
    issuer.audiences = [audiences["intake"]]  # the tokens of the token endpoint: the services calling intake
    common = {
        "AUTH_MODE": "smart", "AUTH_ISSUERS": json.dumps({issuer.url: issuer.jwks_url}),
        "AUTH_TOKEN_URL": issuer.token_url, "VALIDATION_WORKERS": "0", "LOG_LEVEL": "WARNING",
        "INTAKE_URL": audiences["intake"], "CLASSIFIER_URL": base["classifier"], "IMAGING_URL": base["imaging"],
        "OUTBOX_MAX_BACKOFF_SECONDS": "5", "HTTP_TIMEOUT_SECONDS": "5",
    }
    running: dict[str, Running] = {}
    with ExitStack() as stack:
        for service in SERVICES:
            key = issuer.register_client(f"{service}-service", CLIENT_SCOPES)
            env = {**common, "DATA_DIR": str(tmp / service), "AUTH_AUDIENCE": json.dumps([audiences[service]]),
                   "AUTH_CLIENT_ID": f"{service}-service", "AUTH_PRIVATE_KEY": key,
                   "AUTH_CLIENT_SCOPES": CLIENT_SCOPES}
            url = stack.enter_context(uvicorn_service(service, env, tmp / f"{service}.log", port=ports[service]))
            running[service] = Running(url, issuer.mint(SCOPES, audiences[service], lifetime=3600),
                                       partial(issuer.mint, SCOPES, audiences[service]))
        yield running


# --- with a token: the contract holds -------------------------------------------------------

SINGLE_USE = {"POST /cds-services/{service_id}"}  # the CDS client's JWT: a new one for each call


def fuzz(case, service: Running) -> None:
    headers = {"Authorization": f"Bearer {service.fresh()}"} if case.operation.label in SINGLE_USE else service.authorization
    case.call_and_validate(base_url=service.url, headers=headers, checks=CHECKS,
                           additional_checks=[token_accepted], timeout=30)


INTAKE, CLASSIFIER, IMAGING = (load(service, MAX_EXAMPLES) for service in SERVICES)


@INTAKE.parametrize()
def test_intake(case, services):
    fuzz(case, services["intake"])


@CLASSIFIER.parametrize()
def test_classifier(case, services):
    fuzz(case, services["classifier"])


@IMAGING.parametrize()
def test_imaging(case, services):
    fuzz(case, services["imaging"])


# --- without a token: 401 on every secured operation, the rest stays open -------------------

def anonymous(case, service: Running) -> None:
    if case.headers:
        case.headers = {k: v for k, v in case.headers.items() if k.lower() != "authorization"}
    response = case.call(base_url=service.url, timeout=30)
    case.validate_response(response, checks=CHECKS)
    if not secured(case):
        assert response.status_code != 401, f"{case.operation.label} is public but answered 401"
    else:  # the CDS Hooks body too is read only once its token is checked
        assert response.status_code == 401, f"{case.operation.label} without a token: {response.status_code}"
        assert header(response, "WWW-Authenticate").startswith("Bearer "), response.headers
        assert response.json()["resourceType"] == "OperationOutcome"


ANONYMOUS = {service: load(service, 5) for service in SERVICES}


@ANONYMOUS["intake"].parametrize()
def test_intake_without_token(case, services):
    anonymous(case, services["intake"])


@ANONYMOUS["classifier"].parametrize()
def test_classifier_without_token(case, services):
    anonymous(case, services["classifier"])


@ANONYMOUS["imaging"].parametrize()
def test_imaging_without_token(case, services):
    anonymous(case, services["imaging"])


@pytest.mark.parametrize("service", SERVICES)
def test_public_endpoints_stay_open(service, services):
    url = services[service].url
    for path in PUBLIC_PATHS[service]:
        response = httpx.get(f"{url}{path}", timeout=10)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
    documented = {path for path, ops in json.loads((ROOT / "openapi" / f"{service}.json").read_text())["paths"].items()
                  if "get" in ops and not ops["get"].get("security")}
    assert documented <= {*PUBLIC_PATHS[service], "/fhir/CodeSystem/{name}"}, documented
