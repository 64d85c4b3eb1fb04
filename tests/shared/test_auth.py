"""Bearer tokens and SMART scopes, against a real (test) authorization server over HTTP."""

import httpx
import pytest

from shared.auth import ClientCredentials, JWKSCache, Scope, TokenVerifier
from shared.errors import FHIRError
from tests.support.issuer import Issuer, new_key

AUDIENCE = "http://intake.test/fhir"


@pytest.fixture(scope="module")
def issuer():
    with Issuer().serving() as running:
        running.audiences = [AUDIENCE]
        yield running


@pytest.fixture
def verifier(issuer):
    return TokenVerifier(JWKSCache({issuer.url: issuer.jwks_url}, refetch_interval=0), [AUDIENCE])


@pytest.mark.parametrize("text,type_,interaction,granted", [
    ("system/Patient.cruds", "Patient", "delete", True),
    ("system/Patient.rs", "Patient", "create", False),
    ("system/Observation.rs", "Patient", "read", False),
    ("user/*.rs", "Observation", "search", True),
    ("system/*.read", "ImagingStudy", "search", True),  # SMART v1
    ("system/*.write", "ImagingStudy", "read", False),
    ("system/Patient.*", "Patient", "update", True),
    ("patient/Observation.rs", "Observation", "read", False),  # needs a compartment this server does not enforce
])
def test_scopes_grant_interactions(text, type_, interaction, granted):
    assert Scope.parse(text).grants(type_, interaction) is granted


@pytest.mark.parametrize("text", ["system/Patient.sr", "system/Patient.x", "launch", "openid",
                                  "system/Observation.rs?category=laboratory", "system/patient.r"])
def test_scopes_this_server_does_not_honour(text):
    assert Scope.parse(text) is None


async def rejected(verifier, header) -> FHIRError:
    with pytest.raises(FHIRError) as caught:
        await verifier.verify(header)
    return caught.value


async def test_a_valid_token_gives_its_client_and_scopes(verifier, issuer):
    principal = await verifier.verify("Bearer " + issuer.mint("system/Patient.rs user/Observation.read", AUDIENCE))
    assert principal.subject == "test-client" and principal.allows("Observation", "search")
    assert not principal.allows("Patient", "create")
    with pytest.raises(FHIRError) as denied:
        principal.require("Patient", "create")
    assert denied.value.status == 403 and "system/Patient.c" in str(denied.value)


async def test_bad_tokens_are_401_with_a_challenge(verifier, issuer):
    stranger, _ = new_key(), None
    cases = {
        None: "A bearer token is required",
        "Basic dXNlcjpwYXNz": "A bearer token is required",
        "Bearer not-a-jwt": "not a JWT",
        "Bearer " + issuer.mint("system/*.rs", "http://other.test"): "not meant for this service",
        "Bearer " + issuer.mint("system/*.rs", AUDIENCE, lifetime=-120): "expired",
        "Bearer " + issuer.mint("system/*.rs", AUDIENCE, issuer="http://evil.test"): "issuer is not trusted",
        "Bearer " + issuer.mint("system/*.rs", AUDIENCE, key=stranger): "key its issuer does not publish",
    }
    for header, reason in cases.items():
        error = await rejected(verifier, header)
        assert error.status == 401 and reason in str(error), header
        assert error.headers["WWW-Authenticate"].startswith('Bearer realm="calcinosis", error="invalid_token"')
    no_scope = await rejected(verifier, "Bearer " + issuer.mint("openid profile", AUDIENCE))
    assert no_scope.status == 403


async def test_rotated_keys_are_fetched_when_first_seen(verifier, issuer):
    assert (await verifier.verify("Bearer " + issuer.mint("system/*.rs", AUDIENCE))).subject
    issuer.rotate()
    issuer.drop_old_keys()
    principal = await verifier.verify("Bearer " + issuer.mint("system/*.rs", AUDIENCE))  # a key id not cached yet
    assert principal.allows("Patient", "read")


async def test_a_service_gets_its_own_token_with_a_signed_assertion(issuer, verifier):
    key = issuer.register_client("classifier", "system/Patient.r system/Observation.rs")
    credentials = ClientCredentials(issuer.token_url, "classifier", key, "system/Patient.r system/Observation.rs")
    async with httpx.AsyncClient(auth=credentials) as client:
        response = await client.get(issuer.jwks_url)
    principal = await verifier.verify(response.request.headers["Authorization"])
    assert principal.subject == "classifier" and principal.allows("Observation", "search")
    before = issuer.tokens_issued
    await credentials.token()
    assert issuer.tokens_issued == before  # kept until shortly before it expires
    wrong = ClientCredentials(issuer.token_url, "classifier", new_key_pem(), "system/Patient.r")
    with pytest.raises(FHIRError) as refused:
        await wrong.token()
    assert refused.value.status == 502


def new_key_pem() -> str:
    from tests.support.issuer import private_pem
    return private_pem(new_key()[0])
