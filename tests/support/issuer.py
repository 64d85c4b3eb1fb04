"""A SMART Backend Services authorization server for the tests, served over HTTP on loopback.

It publishes its signing keys (JWKS), issues access tokens at its token endpoint for registered
clients that authenticate with a signed assertion (client_credentials + private_key_jwt, as
SMART Backend Services asks), and can rotate its keys. Tests also mint tokens directly.
"""

import time
import uuid
from contextlib import contextmanager

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.auth import key_thumbprint
from tests.support.processes import free_port, served_in_thread

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def new_key() -> tuple[rsa.RSAPrivateKey, str]:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048), uuid.uuid4().hex[:12]


def private_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def public_jwk(key: rsa.RSAPrivateKey, kid: str, alg: str | None = "RS384") -> dict:
    jwk = {**RSAAlgorithm.to_jwk(key.public_key(), as_dict=True), "kid": kid, "use": "sig"}
    return {**jwk, "alg": alg} if alg else jwk


class Issuer:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.keys = [new_key()]
        self.clients: dict[str, tuple[dict, str]] = {}  # client id -> (public JWK, allowed scopes)
        self.tokens_issued = 0
        self.audiences: list[str] = []  # the audiences of the tokens it issues (the services' URLs)
        self.published_alg: str | None = "RS384"  # the `alg` its JWKS gives its keys (None: none, as some servers do)

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/jwks"

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    def rotate(self) -> None:
        """A new signing key first; the old one stays published until dropped."""
        self.keys.insert(0, new_key())

    def drop_old_keys(self) -> None:
        del self.keys[1:]

    def mint(self, scope: str, audience: str | list[str], subject: str = "test-client", lifetime: int = 300,
             issuer: str | None = None, key: tuple | None = None, algorithm: str = "RS384", **claims) -> str:
        private, kid = key or self.keys[0]
        now = int(time.time())
        payload = {"iss": issuer or self.url, "sub": subject, "aud": audience, "iat": now, "exp": now + lifetime,
                   "jti": uuid.uuid4().hex, "scope": scope, **claims}
        return jwt.encode(payload, private, algorithm=algorithm, headers={"kid": kid})

    def register_client(self, client_id: str, scopes: str) -> str:
        """A client allowed these scopes; returns its private key (PEM) for its assertions."""
        private, _ = new_key()
        self.clients[client_id] = (public_jwk(private, key_thumbprint(private.public_key())), scopes)
        return private_pem(private)

    async def _jwks(self, _: Request) -> JSONResponse:
        return JSONResponse({"keys": [public_jwk(private, kid, self.published_alg) for private, kid in self.keys]})

    async def _token(self, request: Request) -> JSONResponse:
        form = await request.form()
        if form.get("grant_type") != "client_credentials" or form.get("client_assertion_type") != ASSERTION_TYPE:
            return JSONResponse({"error": "unsupported_grant_type"}, 400)
        assertion = str(form.get("client_assertion", ""))
        try:
            client_id = jwt.decode(assertion, options={"verify_signature": False})["iss"]
            jwk, allowed = self.clients[client_id]
            if jwt.get_unverified_header(assertion).get("kid") != jwk["kid"]:
                raise KeyError("kid")  # SMART: the assertion names the registered key
            jwt.decode(assertion, jwt.PyJWK(jwk), algorithms=["RS384"], audience=self.token_url, issuer=client_id,
                       options={"require": ["exp", "jti", "sub"]})
        except (KeyError, jwt.PyJWTError):
            return JSONResponse({"error": "invalid_client"}, 401)
        granted = [s for s in str(form.get("scope", "")).split() if s in allowed.split()]
        if not granted:
            return JSONResponse({"error": "invalid_scope"}, 400)
        self.tokens_issued += 1
        token = self.mint(" ".join(granted), self.audiences, subject=client_id)
        return JSONResponse({"access_token": token, "token_type": "bearer", "expires_in": 300,
                             "scope": " ".join(granted)})

    @contextmanager
    def serving(self):
        app = Starlette(routes=[Route("/jwks", self._jwks), Route("/token", self._token, methods=["POST"])])
        with served_in_thread(app, self.port, "the test issuer"):
            yield self
