"""Shared hardening of all three services (issue 15): the signature algorithms a published key
allows, a cap on token lifetimes, one spelling per setting, and response headers for PHI."""

import base64
import hashlib
import hmac
import json
import time
import uuid

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from shared.auth import ClientCredentials, JWKSCache, TokenVerifier
from shared.errors import FHIRError
from shared.settings import ConflictingSettings, Settings
from tests.support.issuer import Issuer
from tests.support.processes import uvicorn_service

AUDIENCE = "http://intake.test/fhir"


@pytest.fixture
def issuer():
    with Issuer().serving() as running:
        yield running


def verifier_of(issuer, **options) -> TokenVerifier:
    return TokenVerifier(JWKSCache({issuer.url: issuer.jwks_url}, refetch_interval=0), [AUDIENCE], **options)


async def refusal(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(FHIRError) as caught:
        await verifier.verify(f"Bearer {token}")
    assert caught.value.status == 401
    return str(caught.value)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hand_signed(header: dict, claims: dict, secret: bytes | None) -> str:
    """A JWT built by hand: PyJWT refuses to make the forgeries below."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    signature = b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()) if secret else ""
    return f"{signing_input}.{signature}"


def claims_for(issuer, lifetime: int = 300) -> dict:
    now = int(time.time())
    return {"iss": issuer.url, "sub": "test-client", "aud": AUDIENCE, "iat": now, "exp": now + lifetime,
            "jti": uuid.uuid4().hex, "scope": "system/*.rs"}


async def test_a_key_without_alg_verifies_the_rsa_family_and_nothing_else(issuer):
    issuer.published_alg = None  # an RSA key published without `alg`, as many servers do
    verifier = verifier_of(issuer)
    for algorithm in ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"):
        principal = await verifier.verify(f"Bearer {issuer.mint('system/*.rs', AUDIENCE, algorithm=algorithm)}")
        assert principal.subject == "test-client", algorithm
    private, kid = issuer.keys[0]
    public_pem = private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    jwk_json = json.dumps(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)).encode()
    for secret in (public_pem, jwk_json):  # key confusion: the public key as an HMAC secret
        forged = hand_signed({"alg": "HS256", "typ": "JWT", "kid": kid}, claims_for(issuer), secret)
        assert "HS256" in await refusal(verifier, forged)
    unsigned = hand_signed({"alg": "none", "typ": "JWT", "kid": kid}, claims_for(issuer), None)
    assert "none" in await refusal(verifier, unsigned)
    other_family = hand_signed({"alg": "ES256", "typ": "JWT", "kid": kid}, claims_for(issuer), b"x")
    assert "ES256" in await refusal(verifier, other_family)


async def test_a_key_that_names_its_alg_verifies_only_that(issuer):
    verifier = verifier_of(issuer)  # the test issuer publishes alg RS384
    assert (await verifier.verify(f"Bearer {issuer.mint('system/*.rs', AUDIENCE)}")).subject == "test-client"
    assert "RS256" in await refusal(verifier, issuer.mint("system/*.rs", AUDIENCE, algorithm="RS256"))


async def test_token_lifetimes_are_capped(issuer):
    verifier = verifier_of(issuer)  # the default cap: one hour
    assert (await verifier.verify(f"Bearer {issuer.mint('system/*.rs', AUDIENCE, lifetime=3600)}")).subject
    ten_years = issuer.mint("system/*.rs", AUDIENCE, lifetime=10 * 365 * 86400)
    assert "longer than this service accepts" in await refusal(verifier, ten_years)
    assert "longer" in await refusal(verifier, issuer.mint("system/*.rs", AUDIENCE, lifetime=7200))
    # Without iat the cap counts from now.
    private, kid = issuer.keys[0]
    no_iat = {k: v for k, v in claims_for(issuer, 30 * 86400).items() if k != "iat"}
    assert "longer" in await refusal(verifier, jwt.encode(no_iat, private, "RS384", headers={"kid": kid}))
    # An old iat with a long exp is refused too, even when what is left is short.
    backdated = {**claims_for(issuer), "iat": int(time.time()) - 30 * 86400}
    assert "longer" in await refusal(verifier, jwt.encode(backdated, private, "RS384", headers={"kid": kid}))
    relaxed = verifier_of(issuer, max_lifetime=7200)
    assert (await relaxed.verify(f"Bearer {issuer.mint('system/*.rs', AUDIENCE, lifetime=7200)}")).subject


def test_the_lifetime_cap_is_a_setting():
    assert Settings().auth_max_token_lifetime_seconds == 3600
    assert Settings(auth_max_token_lifetime_seconds=300).auth_max_token_lifetime_seconds == 300


def test_a_setting_spelled_twice_with_different_values_is_refused(monkeypatch):
    monkeypatch.setenv("AUTH_MODE", "smart")
    monkeypatch.setenv("auth_mode", "development")
    with pytest.raises(ConflictingSettings) as caught:
        Settings()
    assert "AUTH_MODE and auth_mode" in str(caught.value)
    assert "development" not in str(caught.value)  # values may be secrets: never shown
    monkeypatch.setenv("auth_mode", "smart")  # the same value twice is no conflict
    assert Settings().auth_mode == "smart"


def test_a_service_refuses_to_start_on_conflicting_settings(tmp_path):
    env = {"DATA_DIR": str(tmp_path), "AUTH_MODE": "development", "auth_mode": "smart"}
    with pytest.raises(RuntimeError) as caught:
        with uvicorn_service("classifier", env, tmp_path / "classifier.log"):
            pass
    assert "exited early" in str(caught.value) and "Conflicting settings: AUTH_MODE and auth_mode" in str(caught.value)


@pytest.mark.parametrize("service", ["intake", "classifier", "imaging"])
async def test_every_service_marks_its_answers_no_store_and_nosniff(service, tmp_path):
    module = __import__(f"services.{service}.main", fromlist=["create_app"])
    app = module.create_app(Settings(data_dir=tmp_path, auth_mode="development", validation_workers=0))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                                     base_url="http://service.test") as client:
            for path in ("/healthz", "/no-such-path", "/openapi.json"):
                response = await client.get(path)
                assert response.headers["Cache-Control"] == "no-store", (service, path)
                assert response.headers["X-Content-Type-Options"] == "nosniff", (service, path)


def test_this_systems_own_client_assertions_expire_within_five_minutes(issuer):
    """SMART Backend Services: a client assertion's exp is at most five minutes ahead."""
    credentials = ClientCredentials(issuer.token_url, "svc", issuer.register_client("svc", "system/*.rs"), "system/*.rs")
    claims = jwt.decode(credentials._assertion(), options={"verify_signature": False})
    assert 0 < claims["exp"] - claims["iat"] <= 300 and claims["exp"] - time.time() <= 300
