"""A small SMART Backend Services authorization server, FOR DEVELOPMENT ONLY.

It lets the compose `dev` profile run the system with authorization on (AUTH_MODE=smart) and no
authorization server of one's own. Never trust it outside a developer's machine: its clients'
private keys are in this repository (deploy/dev/secrets), and its own signing key is made anew at
each start (tokens it issued before a restart are refused; the services fetch its keys again).

What it does, as SMART App Launch 2.x "Backend Services" asks of a real one:
  POST /token   OAuth 2.0 client credentials, the client authenticated by a JWT it signed with its
                registered key (private_key_jwt, RS384 or ES384, RFC 7523): issuer and subject the
                client id, audience this token endpoint, expiry at most five minutes ahead, a `jti`
                never used before; the token (a JWT signed RS384) carries the requested scopes that
                the client's registered scopes cover, and the audiences registered for the client
  GET  /jwks    its signing key
  GET  /.well-known/smart-configuration, /.well-known/openid-configuration
  GET  /healthz

Clients come from a JSON file (DEVAUTH_CLIENTS, default clients.json beside this module): per
client id its `scope` (SMART scopes, space-separated), `audience` (the service URLs its tokens are
for) and `jwks` (its public keys, each with the `kid` the client names in its assertions).

Run: python -m uvicorn --app-dir deploy/dev devauth:app --port 8004   (from the repository root)
Settings (environment): DEVAUTH_ISSUER (`iss` of the tokens; default http://dev-auth:8004, the
compose service), DEVAUTH_CLIENTS, DEVAUTH_TOKEN_SECONDS (default 300).
"""

import json
import logging
import os
import threading
import time
import uuid
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from jwt.algorithms import RSAAlgorithm

from shared.auth import Scope, key_thumbprint

log = logging.getLogger("devauth")

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# SMART Backend Services: clients sign with RS384 or ES384, and servers support both.
ASSERTION_ALGORITHMS = {"RS384": "RSA", "ES384": "EC"}
MAX_ASSERTION_SECONDS = 300  # SMART: an assertion expires no more than five minutes after it is made
CLOCK_SKEW_SECONDS = 60


class Client:
    def __init__(self, client_id: str, entry: dict) -> None:
        self.client_id = client_id
        self.scope_text = str(entry["scope"])
        self.scopes = [Scope.parse(s) for s in self.scope_text.split()]
        if not self.scopes or None in self.scopes:
            raise ValueError(f"client {client_id}: scope {self.scope_text!r} must be SMART scopes")
        self.audience = list(entry["audience"])
        if not self.audience:
            raise ValueError(f"client {client_id}: no audience")
        self.keys: dict[str, dict] = {}
        for jwk in entry["jwks"]["keys"]:
            jwt.PyJWK(jwk)  # refuses an unusable key now rather than at the first request
            self.keys[jwk["kid"]] = jwk

    def grants(self, requested: str) -> bool:
        """A requested scope is granted when one registered scope covers it: same context, the
        same resource type (or `*`), and its permissions among the registered ones."""
        scope = Scope.parse(requested)
        return scope is not None and any(
            r is not None and r.context == scope.context and r.resource_type in ("*", scope.resource_type)
            and scope.permissions <= r.permissions for r in self.scopes)


def load_clients(path: Path) -> dict[str, Client]:
    document = json.loads(path.read_text())
    return {client_id: Client(client_id, entry) for client_id, entry in document["clients"].items()}


class OAuthError(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


class ReplayCache:
    """The `jti` of every assertion accepted, kept until the assertion expires: one use each."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def use(self, client_id: str, jti: str, expires: float) -> bool:
        now = time.time()
        with self._lock:
            self._seen = {k: e for k, e in self._seen.items() if e + CLOCK_SKEW_SECONDS > now}
            if (client_id, jti) in self._seen:
                return False
            self._seen[client_id, jti] = expires
            return True


def create_app(clients_path: Path | None = None, issuer: str | None = None, token_seconds: int | None = None) -> FastAPI:
    clients_path = clients_path or Path(os.environ.get("DEVAUTH_CLIENTS", Path(__file__).with_name("clients.json")))
    issuer = (issuer or os.environ.get("DEVAUTH_ISSUER", "http://dev-auth:8004")).rstrip("/")
    lifetime = token_seconds or int(os.environ.get("DEVAUTH_TOKEN_SECONDS", "300"))
    clients = load_clients(clients_path)
    signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signing_kid = key_thumbprint(signing_key.public_key())
    replays = ReplayCache()
    app = FastAPI(title="Development authorization server (SMART Backend Services)", docs_url=None, redoc_url=None)
    log.warning("DEVELOPMENT authorization server: its clients' keys are public; never trust issuer %s elsewhere",
                issuer)

    def authenticate(form, token_url: str) -> Client:
        assertion = str(form.get("client_assertion") or "")
        try:
            header = jwt.get_unverified_header(assertion)
            unverified = jwt.decode(assertion, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise OAuthError(401, "invalid_client", "client_assertion is not a JWT") from None
        client = clients.get(str(unverified.get("iss")))
        if client is None:
            raise OAuthError(401, "invalid_client", "unknown client")
        algorithm = header.get("alg")
        if algorithm not in ASSERTION_ALGORITHMS:
            raise OAuthError(401, "invalid_client", "the assertion must be signed RS384 or ES384")
        jwk = client.keys.get(str(header.get("kid")))
        if jwk is None or jwk.get("kty") != ASSERTION_ALGORITHMS[algorithm]:
            raise OAuthError(401, "invalid_client", "the assertion's kid names no registered key of this client")
        # Both URLs the client may know this endpoint by: the one it called (a developer's
        # localhost) and the issuer's (the compose network's).
        audiences = sorted({token_url, f"{issuer}/token"})
        try:
            claims = jwt.decode(assertion, jwt.PyJWK(jwk, algorithm=algorithm), algorithms=[algorithm],
                                audience=audiences, issuer=client.client_id, leeway=CLOCK_SKEW_SECONDS,
                                options={"require": ["iss", "sub", "aud", "exp", "jti"]})
        except jwt.ExpiredSignatureError:
            raise OAuthError(401, "invalid_client", "the assertion has expired") from None
        except jwt.PyJWTError as exc:
            raise OAuthError(401, "invalid_client", f"the assertion is invalid: {exc}") from None
        if claims["sub"] != client.client_id:
            raise OAuthError(401, "invalid_client", "the assertion's sub must be the client id")
        if claims["exp"] > time.time() + MAX_ASSERTION_SECONDS + CLOCK_SKEW_SECONDS:
            raise OAuthError(401, "invalid_client", "the assertion may expire at most five minutes ahead")
        if not replays.use(client.client_id, str(claims["jti"]), float(claims["exp"])):
            raise OAuthError(401, "invalid_client", "the assertion's jti was used before")
        return client

    @app.post("/token")
    async def token(request: Request) -> JSONResponse:
        form = await request.form()
        try:
            if form.get("grant_type") != "client_credentials":
                raise OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials")
            if form.get("client_assertion_type") != ASSERTION_TYPE:
                raise OAuthError(400, "invalid_request", f"client_assertion_type must be {ASSERTION_TYPE}")
            client = authenticate(form, str(request.url.replace(query="")))
            requested = str(form.get("scope") or "").split()
            granted = [s for s in requested if client.grants(s)]
            if not granted:
                raise OAuthError(400, "invalid_scope", f"none of the requested scopes is allowed to "
                                                       f"{client.client_id} ({client.scope_text})")
        except OAuthError as exc:
            return JSONResponse({"error": exc.error, "error_description": exc.description}, exc.status,
                                headers={"Cache-Control": "no-store"})
        now = int(time.time())
        claims = {"iss": issuer, "sub": client.client_id, "client_id": client.client_id, "aud": client.audience,
                  "iat": now, "exp": now + lifetime, "jti": uuid.uuid4().hex, "scope": " ".join(granted)}
        access_token = jwt.encode(claims, signing_key, algorithm="RS384", headers={"kid": signing_kid})
        return JSONResponse({"access_token": access_token, "token_type": "bearer", "expires_in": lifetime,
                             "scope": " ".join(granted)}, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    @app.get("/jwks")
    async def jwks() -> dict:
        jwk = RSAAlgorithm.to_jwk(signing_key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": signing_kid, "alg": "RS384", "use": "sig"}]}

    def configuration(request: Request) -> dict:
        # The endpoints at the address the caller used (localhost from the host, dev-auth inside
        # the compose network); the issuer is the one in the tokens.
        base = str(request.base_url).rstrip("/")
        return {
            "issuer": issuer,
            "jwks_uri": f"{base}/jwks",
            "token_endpoint": f"{base}/token",
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": sorted(ASSERTION_ALGORITHMS),
            "scopes_supported": sorted({s for c in clients.values() for s in c.scope_text.split()}),
            "capabilities": ["client-confidential-asymmetric", "permission-v1", "permission-v2"],
        }

    @app.get("/.well-known/smart-configuration")
    async def smart_configuration(request: Request) -> dict:
        return configuration(request)

    @app.get("/.well-known/openid-configuration")
    async def openid_configuration(request: Request) -> dict:
        return configuration(request)

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"status": "ok"}

    return app


app = create_app()
