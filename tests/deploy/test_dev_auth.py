"""The development authorization server (deploy/dev/devauth.py) as a real process, with the
clients of deploy/dev/clients.json and their keys, and intake as a real process in smart mode
trusting it: what `docker compose --profile dev` runs, without Docker.

A client gets a token with a signed assertion (deploy/dev/token.sh, as the README has the
developer do; the services' own client code), intake accepts it and honours its scopes, and a
bad assertion (another key, a replayed or expired one, one for another endpoint) is refused.
"""

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
import uuid

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm

from shared.auth import ClientCredentials, key_thumbprint
from tests.deploy.expected import AUTH_CLIENTS, DEV_CLIENTS, DEV_DEVELOPER_CLIENT, DEV_DIR, ROOT
from tests.intake.fhir_data import FHIR, patient
from tests.support.processes import free_port, python_process, uvicorn_service, wait_healthy

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ES_CLIENT = "es384-client"  # a client with an EC P-384 key, besides the registered RSA ones
TOKEN_SH = DEV_DIR / "token.sh"
# The audience the developer's tokens name for intake (compose.env's INTAKE_PUBLIC_URL).
DEVELOPER_INTAKE = "http://localhost:8001/fhir"


def pem(key) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture(scope="module")
def es_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP384R1())


@pytest.fixture(scope="module")
def dev_auth(tmp_path_factory, es_key):
    """dev-auth on a free port: the committed clients, and one ES384 client added for the test."""
    tmp = tmp_path_factory.mktemp("dev-auth")
    document = json.loads(DEV_CLIENTS.read_text())
    jwk = {**ECAlgorithm.to_jwk(es_key.public_key(), as_dict=True), "kid": key_thumbprint(es_key.public_key()),
           "alg": "ES384", "use": "sig"}
    document["clients"][ES_CLIENT] = {"scope": "system/Patient.rs", "audience": [DEVELOPER_INTAKE],
                                      "jwks": {"keys": [jwk]}}
    (tmp / "clients.json").write_text(json.dumps(document))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"DEVAUTH_ISSUER": url, "DEVAUTH_CLIENTS": str(tmp / "clients.json")}
    args = ["-m", "uvicorn", "--app-dir", str(DEV_DIR), "devauth:app", "--host", "127.0.0.1", "--port", str(port)]
    with python_process(args, env, tmp / "dev-auth.log") as process:
        wait_healthy(url, process, tmp / "dev-auth.log")
        yield url


@pytest.fixture(scope="module")
def intake(dev_auth, tmp_path_factory):
    """intake in smart mode, trusting dev-auth only, accepting the developer's tokens."""
    tmp = tmp_path_factory.mktemp("intake")
    env = {"DATA_DIR": str(tmp), "AUTH_MODE": "smart", "VALIDATION_WORKERS": "0",
           "AUTH_ISSUERS": json.dumps({dev_auth: f"{dev_auth}/jwks"}), "AUTH_AUDIENCE": json.dumps([DEVELOPER_INTAKE])}
    with uvicorn_service("intake", env, tmp / "intake.log") as url:
        yield f"{url}/fhir"


def token_sh(dev_auth: str, *scope: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(TOKEN_SH), *scope], env={**os.environ, "TOKEN_URL": f"{dev_auth}/token"},
                          capture_output=True, text=True, timeout=30)


def registered_key(client_id: str):
    entry = json.loads(DEV_CLIENTS.read_text())["clients"][client_id]
    return serialization.load_pem_private_key((DEV_DIR / entry["key_file"]).read_bytes(), None)


def assertion(client_id: str, key, audience: str, kid: str | None = None, lifetime: int = 240,
              algorithm: str = "RS384", **claims) -> str:
    now = int(time.time())
    payload = {"iss": client_id, "sub": client_id, "aud": audience, "iat": now, "exp": now + lifetime,
               "jti": uuid.uuid4().hex, **claims}
    return jwt.encode(payload, key, algorithm=algorithm, headers={"kid": kid or key_thumbprint(key.public_key())})


def ask(dev_auth: str, signed: str, scope: str = "system/Patient.rs", **form) -> httpx.Response:
    return httpx.post(f"{dev_auth}/token", data={"grant_type": "client_credentials", "scope": scope,
                                                 "client_assertion_type": ASSERTION_TYPE,
                                                 "client_assertion": signed, **form})


@pytest.mark.skipif(shutil.which("openssl") is None or shutil.which("curl") is None, reason="needs openssl and curl")
def test_the_developer_gets_a_token_with_token_sh_and_intake_honours_its_scopes(dev_auth, intake):
    made = token_sh(dev_auth)
    assert made.returncode == 0, made.stderr
    everything = {**FHIR, "Authorization": f"Bearer {made.stdout.strip()}"}
    created = httpx.post(f"{intake}/Patient", json=patient(), headers=everything)
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    assert httpx.get(f"{intake}/Patient/{pid}", headers=everything).status_code == 200
    # A token with fewer scopes: reading only.
    reader = token_sh(dev_auth, "system/Patient.r")
    assert reader.returncode == 0, reader.stderr
    claims = jwt.decode(reader.stdout.strip(), options={"verify_signature": False})
    assert claims["scope"] == "system/Patient.r" and claims["sub"] == DEV_DEVELOPER_CLIENT
    read_only = {**FHIR, "Authorization": f"Bearer {reader.stdout.strip()}"}
    assert httpx.get(f"{intake}/Patient/{pid}", headers=read_only).status_code == 200
    refused = httpx.post(f"{intake}/Patient", json=patient(), headers=read_only)
    assert refused.status_code == 403 and refused.json()["resourceType"] == "OperationOutcome"
    assert httpx.get(f"{intake}/Patient", headers=read_only).status_code == 403  # search is `s`
    # A scope beyond the client's registration is not granted: token.sh fails, saying why.
    beyond = token_sh(dev_auth, "user/Patient.r")
    assert beyond.returncode != 0 and "invalid_scope" in beyond.stderr
    # No token, or one not from dev-auth: 401.
    assert httpx.get(f"{intake}/Patient/{pid}", headers=FHIR).status_code == 401


def test_services_get_their_tokens_with_their_own_client_code(dev_auth):
    """shared.auth.ClientCredentials, as each service runs it, with its committed key: a token
    for the service it calls, with what it asked for that its registration allows."""
    for service, callee in (("intake", "http://imaging:8003"), ("classifier", "http://intake:8001/fhir")):
        client_id, scopes = AUTH_CLIENTS[service]
        credentials = ClientCredentials(f"{dev_auth}/token", client_id, pem(registered_key(client_id)), scopes)
        token = asyncio.run(credentials.token())
        signing = jwt.PyJWKClient(f"{dev_auth}/jwks").get_signing_key_from_jwt(token)
        claims = jwt.decode(token, signing.key, algorithms=["RS384"], audience=callee, issuer=dev_auth)
        assert claims["sub"] == client_id and claims["scope"].split() == scopes.split()
    # Asking for more than registered: only what the registration covers.
    classifier_id, _ = AUTH_CLIENTS["classifier"]
    key = registered_key(classifier_id)
    answer = ask(dev_auth, assertion(classifier_id, key, f"{dev_auth}/token"), scope="system/Patient.r system/Patient.d")
    assert answer.status_code == 200 and answer.json()["scope"] == "system/Patient.r"
    assert answer.headers["Cache-Control"] == "no-store"


def test_an_es384_client_gets_a_token(dev_auth, es_key, intake):
    credentials = ClientCredentials(f"{dev_auth}/token", ES_CLIENT, pem(es_key), "system/Patient.rs")
    token = asyncio.run(credentials.token())
    assert jwt.get_unverified_header(credentials._assertion())["alg"] == "ES384"
    response = httpx.get(f"{intake}/Patient", headers={**FHIR, "Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text


def test_bad_assertions_are_refused(dev_auth):
    client_id = DEV_DEVELOPER_CLIENT
    key = registered_key(client_id)
    kid = key_thumbprint(key.public_key())
    token_url = f"{dev_auth}/token"
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cases = {
        "signed with another key under the registered key id": assertion(client_id, other, token_url, kid=kid),
        "an unknown key id": assertion(client_id, key, token_url, kid="not-registered"),
        "expired": assertion(client_id, key, token_url, lifetime=-120),
        "expiring more than five minutes ahead": assertion(client_id, key, token_url, lifetime=3600),
        "for another token endpoint": assertion(client_id, key, "https://auth.example.org/token"),
        "an unknown client": assertion("someone-else", key, token_url),
        "sub is not the client": assertion(client_id, key, token_url, sub="calcinosis-intake"),
        "no jti": jwt.encode({"iss": client_id, "sub": client_id, "aud": token_url, "exp": int(time.time()) + 60},
                             key, algorithm="RS384", headers={"kid": kid}),
        "RS256, not RS384 or ES384": assertion(client_id, key, token_url, algorithm="RS256"),
        "not a JWT": "not-a-jwt",
    }
    for case, signed in cases.items():
        answer = ask(dev_auth, signed)
        assert answer.status_code == 401 and answer.json()["error"] == "invalid_client", (case, answer.text)
    # Each assertion once: the same one again is refused.
    once = assertion(client_id, key, token_url)
    assert ask(dev_auth, once).status_code == 200
    replayed = ask(dev_auth, once)
    assert replayed.status_code == 401 and "jti" in replayed.json()["error_description"]
    # Not client credentials, or not a JWT assertion.
    assert ask(dev_auth, assertion(client_id, key, token_url), grant_type="password").json()["error"] == \
        "unsupported_grant_type"
    assert ask(dev_auth, assertion(client_id, key, token_url), client_assertion_type="x").json()["error"] == \
        "invalid_request"


def test_it_publishes_its_configuration_and_keys(dev_auth):
    for path in ("/.well-known/smart-configuration", "/.well-known/openid-configuration"):
        config = httpx.get(f"{dev_auth}{path}").json()
        assert config["issuer"] == dev_auth and config["token_endpoint"] == f"{dev_auth}/token"
        assert config["token_endpoint_auth_methods_supported"] == ["private_key_jwt"]
        assert {"RS384", "ES384"} <= set(config["token_endpoint_auth_signing_alg_values_supported"])
        assert config["grant_types_supported"] == ["client_credentials"]
        [key] = httpx.get(config["jwks_uri"]).json()["keys"]
        assert key["alg"] == "RS384" and key["use"] == "sig" and "d" not in key


def test_a_clients_file_with_a_scope_it_cannot_grant_stops_the_server(tmp_path):
    document = json.loads(DEV_CLIENTS.read_text())
    document["clients"][DEV_DEVELOPER_CLIENT]["scope"] = "system/Patient.read-all"
    (tmp_path / "clients.json").write_text(json.dumps(document))
    run = subprocess.run([sys.executable, "-c", "import devauth"], cwd=DEV_DIR, capture_output=True, text=True,
                         env={**os.environ, "DEVAUTH_CLIENTS": str(tmp_path / "clients.json"),
                              "PYTHONPATH": str(DEV_DIR.parents[1])}, timeout=60)
    assert run.returncode != 0 and "must be SMART scopes" in run.stderr


@pytest.mark.skipif(shutil.which("openssl") is None or shutil.which("curl") is None, reason="needs openssl and curl")
def test_the_readme_gets_a_token_and_calls_intake_with_it(dev_auth, intake):
    """README "Try it with Docker Compose": its commands after `docker compose`, as written, with
    dev-auth and intake where these processes listen."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Try it with Docker Compose", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    script = "\n".join(line for line in block.splitlines() if not line.startswith("docker "))
    assert "deploy/dev/token.sh" in script and "curl" in script
    script = script.replace("http://localhost:8001/fhir", intake)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT,
                         env={**os.environ, "TOKEN_URL": f"{dev_auth}/token"}, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    stored = json.loads(run.stdout)
    assert stored["resourceType"] == "Patient" and stored["id"] == "example-ada"
