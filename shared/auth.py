"""SMART on FHIR authorization (Backend Services): bearer JWTs and SMART v2 scopes.

A request carries `Authorization: Bearer <JWT>` issued by a trusted authorization server. The
token is checked here: signature against the issuer's JWKS (cached; fetched again when a key id
is unknown, so that keys can rotate), issuer, audience, expiry. Its `scope` claim grants
interactions per resource type: `system/Patient.cr`, `user/*.rs`, SMART v1's `system/*.read`.
A service asks for (resource type, interaction) and gets a Principal or a 401 / 403.

Development mode (AUTH_MODE=development) lets every request through as an anonymous principal
with all scopes; it is only ever on when asked for, and says so at start-up (shared/app.py).
"""

import asyncio
import base64
import hashlib
import heapq
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import httpx
import jwt
import jwt.algorithms
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from jwt import PyJWK

from shared.errors import FHIRError

if TYPE_CHECKING:
    from shared.settings import Settings

log = logging.getLogger(__name__)

# The SMART v2 permission letters of each FHIR interaction.
PERMISSIONS = {"create": "c", "read": "r", "update": "u", "delete": "d", "search": "s"}
# Asymmetric signatures only (SMART: RS384 and ES384 at least): never HS* (a public key used as an
# HMAC secret) nor none. Each key signs only with the algorithms its type allows (algorithms_for).
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
_RSA_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_EC_ALGORITHMS = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}
CLOCK_SKEW_SECONDS = 60
SINGLE_USE_MAX_LIFETIME = 300  # a CDS Hooks client JWT lives at most 5 minutes
_SCOPE = re.compile(r"^(?P<context>patient|user|system)/(?P<type>\*|[A-Z][A-Za-z]+)\.(?P<perm>[a-z*]+)$")
_V1 = {"read": "rs", "write": "cud", "*": "cruds"}


@dataclass(frozen=True)
class Scope:
    context: str  # patient | user | system
    resource_type: str  # a type or *
    permissions: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> "Scope | None":
        """A SMART v2 (`system/Observation.rs`) or v1 (`system/Observation.read`) scope; None for
        anything else, including v2 scopes narrowed by a query (`?category=...`), which this
        server cannot enforce and so does not honour."""
        match = _SCOPE.match(text)
        if match is None:
            return None
        perm = match["perm"]
        letters = _V1.get(perm, perm)
        if any(c not in "cruds" for c in letters) or list(letters) != sorted(letters, key="cruds".index):
            return None
        return cls(match["context"], match["type"], frozenset(letters))

    def grants(self, resource_type: str, interaction: str) -> bool:
        # Patient-context scopes need the patient compartment enforced, which this server does not
        # do: they grant nothing here (Backend Services use system/, people user/).
        return (self.context != "patient" and self.resource_type in ("*", resource_type)
                and PERMISSIONS[interaction] in self.permissions)


@dataclass(frozen=True)
class Principal:
    subject: str  # the client (sub), for audit
    issuer: str
    scopes: tuple[Scope, ...]
    token_id: str | None = None
    development: bool = False

    def allows(self, resource_type: str, interaction: str) -> bool:
        return self.development or any(s.grants(resource_type, interaction) for s in self.scopes)

    def require(self, resource_type: str, interaction: str) -> None:
        if not self.allows(resource_type, interaction):
            letter = PERMISSIONS[interaction]
            raise FHIRError.of(403, "forbidden", f"The token's scopes do not allow {interaction} of {resource_type} "
                                                 f"(needs e.g. system/{resource_type}.{letter})")


DEVELOPMENT_PRINCIPAL = Principal("development", "development", (), development=True)

# A service calling another for its own caller names that caller in this header, "<issuer>|<subject>"
# (as a FHIR token: system|value), so that the audit trail of the service called names the end
# client beside the service's own token (docs/decisions.md, Security).
ON_BEHALF_OF = "X-On-Behalf-Of"
_ON_BEHALF_OF = re.compile(r"^(?P<issuer>[!-{}~]{1,512})\|(?P<subject>[ -~]{1,256})$")  # printable ASCII; no | in the issuer


def on_behalf_of(principal: Principal) -> dict[str, str]:
    """The header naming the principal, for calls made on its behalf (none in development mode)."""
    value = f"{principal.issuer}|{principal.subject}"
    if principal.development or not _ON_BEHALF_OF.match(value):
        return {}
    return {ON_BEHALF_OF: value}


def parse_on_behalf_of(value: str | None) -> tuple[str, str] | None:
    """(issuer, subject) of an X-On-Behalf-Of header; None when absent or malformed."""
    match = _ON_BEHALF_OF.match(value or "")
    return (match["issuer"], match["subject"]) if match else None


def unauthorized(description: str, realm: str) -> FHIRError:
    """401 with the challenge RFC 6750 asks for."""
    challenge = f'Bearer realm="{realm}", error="invalid_token", error_description="{description}"'
    return FHIRError.of(401, "login", description, **{"WWW-Authenticate": challenge})


def algorithms_for(jwk: dict) -> tuple[str, ...]:
    """The signature algorithms a published key may verify: the one its `alg` names, else those of
    its key type (RSA: RS* and PS*; EC: the ES* of its curve); none for any other key type."""
    if jwk.get("kty") == "RSA":
        family: tuple[str, ...] = _RSA_ALGORITHMS
    elif jwk.get("kty") == "EC" and jwk.get("crv") in _EC_ALGORITHMS:
        family = (_EC_ALGORITHMS[jwk["crv"]],)
    else:
        return ()
    return tuple(a for a in family if a == jwk["alg"]) if "alg" in jwk else family


class JWKSCache:
    """Each trusted issuer's signing keys, fetched over HTTPS and kept `ttl` seconds; a key id not
    in the cache fetches the set again (keys rotate), at most once per `refetch_interval`."""

    def __init__(self, jwks_urls: dict[str, str], ttl: float = 300.0, refetch_interval: float = 10.0,
                 timeout: float = 5.0) -> None:
        self.jwks_urls, self.ttl, self.refetch_interval, self.timeout = jwks_urls, ttl, refetch_interval, timeout
        self._keys: dict[str, dict[str | None, dict]] = {}
        self._fetched: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def key(self, issuer: str, kid: str | None) -> dict:
        """The issuer's published key (a JWK) of this id; KeyError when it publishes none."""
        keys = await self._current(issuer)
        if kid not in keys and time.monotonic() - self._fetched.get(issuer, 0) > self.refetch_interval:
            keys = await self._fetch(issuer)
        if kid is None and len(keys) == 1:
            return next(iter(keys.values()))
        if kid not in keys:
            raise KeyError(kid)
        return keys[kid]

    async def _current(self, issuer: str) -> dict[str | None, dict]:
        if issuer not in self._keys or time.monotonic() - self._fetched[issuer] > self.ttl:
            return await self._fetch(issuer)
        return self._keys[issuer]

    async def _fetch(self, issuer: str) -> dict[str | None, dict]:
        asked = time.monotonic()
        async with self._locks.setdefault(issuer, asyncio.Lock()):
            if self._fetched.get(issuer, 0) > asked:
                return self._keys[issuer]  # another request fetched it while this one waited
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.get(self.jwks_urls[issuer])
                response.raise_for_status()
            keys = {}
            for raw in response.json().get("keys", []):
                if isinstance(raw, dict) and raw.get("use", "sig") == "sig" and algorithms_for(raw):
                    try:
                        PyJWK(raw, algorithms_for(raw)[0])  # a key that cannot be loaded is left out now
                        keys[raw.get("kid")] = raw
                    except jwt.PyJWTError:
                        log.warning("unusable key %s in the JWKS of %s", raw.get("kid"), issuer)
            self._keys[issuer], self._fetched[issuer] = keys, time.monotonic()
            return keys


class ReplayGuard:
    """The token ids (jti) seen, each kept until its token expires: a second use is a replay.

    In memory, so for one process (docs/decisions.md, Security: several replicas need a shared
    store). Bounded: when it is full of tokens still alive, new tokens are refused (503) rather
    than old ids forgotten, which would let their replays through."""

    def __init__(self, capacity: int = 100_000) -> None:
        self.capacity = capacity
        self._seen: dict[tuple[str, str], float] = {}
        self._expiry: list[tuple[float, tuple[str, str]]] = []

    def first_use(self, issuer: str, jti: str, expires: float) -> bool:
        now = time.time()
        while self._expiry and self._expiry[0][0] < now:
            _, key = heapq.heappop(self._expiry)
            self._seen.pop(key, None)
        key = (issuer, jti)
        if key in self._seen:
            return False
        if len(self._seen) >= self.capacity:
            raise FHIRError.of(503, "transient", "Too many calls at once to tell replays apart; retry shortly",
                               **{"Retry-After": "5"})
        self._seen[key] = expires
        heapq.heappush(self._expiry, (expires, key))
        return True


@dataclass
class TokenVerifier:
    """Checks bearer tokens of the trusted issuers for one audience (this service's URL).

    Every token may live at most max_lifetime seconds (exp - iat, and exp - now). single_use (the
    CDS Hooks client JWT): `iat` and `jti` are required as well, and each jti is accepted once (a
    replay is 401)."""

    jwks: JWKSCache
    audiences: list[str]
    realm: str = "calcinosis"
    require_scope: bool = True
    single_use: bool = False
    max_lifetime: float = 3600.0  # the longest exp - iat (and exp - now) accepted, in seconds
    replays: ReplayGuard = field(default_factory=ReplayGuard)
    _issuers: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self._issuers = frozenset(self.jwks.jwks_urls)

    async def verify(self, authorization: str | None) -> Principal:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("A bearer token is required", self.realm)
        try:
            header = jwt.get_unverified_header(token)
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError:
            raise unauthorized("The bearer token is not a JWT", self.realm) from None
        if issuer not in self._issuers:
            raise unauthorized("The token's issuer is not trusted here", self.realm)
        try:
            jwk = await self.jwks.key(issuer, header.get("kid"))
        except KeyError:
            raise unauthorized("The token was signed with a key its issuer does not publish", self.realm) from None
        except httpx.HTTPError as exc:
            log.warning("JWKS of %s unavailable: %s", issuer, exc)
            raise FHIRError.of(503, "transient", "The token issuer's keys cannot be fetched now; retry later") from None
        required = ["exp", "iss", "sub", *(["iat", "jti"] if self.single_use else [])]
        algorithm = header.get("alg")
        if algorithm not in algorithms_for(jwk):  # HS*, none, or an algorithm of another key type
            raise unauthorized(f"The token's algorithm ({algorithm}) is not one its signing key allows", self.realm)
        try:
            claims = jwt.decode(token, PyJWK(jwk, algorithm), algorithms=[algorithm], audience=self.audiences,
                                issuer=issuer, leeway=CLOCK_SKEW_SECONDS, options={"require": required})
        except jwt.ExpiredSignatureError:
            raise unauthorized("The token has expired", self.realm) from None
        except jwt.InvalidAudienceError:
            raise unauthorized("The token is not meant for this service (aud)", self.realm) from None
        except jwt.PyJWTError as exc:
            raise unauthorized(f"The token is invalid: {exc}", self.realm) from None
        if self._too_long(claims):
            raise unauthorized(f"The token is valid for longer than this service accepts ({self.max_lifetime:.0f} s)",
                               self.realm)
        if self.single_use and not self.replays.first_use(issuer, str(claims["jti"]), claims["exp"] + CLOCK_SKEW_SECONDS):
            raise unauthorized("The token was used before (its jti is spent)", self.realm)
        scopes = tuple(s for s in map(Scope.parse, str(claims.get("scope", "")).split()) if s is not None)
        if self.require_scope and not scopes:
            raise FHIRError.of(403, "forbidden", "The token grants no SMART scope this server honours")
        return Principal(str(claims["sub"]), issuer, scopes, claims.get("jti"))

    def _too_long(self, claims: dict) -> bool:
        """A leaked long-lived token is a long-lived breach: exp may be at most max_lifetime after
        iat, and after now (a token without iat)."""
        expires, issued = claims["exp"], claims.get("iat")
        return (expires - time.time() > self.max_lifetime + CLOCK_SKEW_SECONDS
                or (isinstance(issued, int | float) and expires - issued > self.max_lifetime))


def key_thumbprint(public_key) -> str:
    """The RFC 7638 thumbprint of a public key: the key id a client registers its JWKS under."""
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(public_key) if isinstance(public_key, ec.EllipticCurvePublicKey)
                     else jwt.algorithms.RSAAlgorithm.to_jwk(public_key))
    members = ("crv", "kty", "x", "y") if jwk["kty"] == "EC" else ("e", "kty", "n")
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()


class ClientCredentials(httpx.Auth):
    """This service's own access token, for calls to the other services (SMART Backend Services):
    a short-lived assertion signed with the service's private key is exchanged at the token
    endpoint; the token is kept until a minute before it expires, and fetched anew after a 401."""

    ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    def __init__(self, token_url: str, client_id: str, private_key_pem: str, scope: str, timeout: float = 10.0) -> None:
        self.token_url, self.client_id, self.scope, self.timeout = token_url, client_id, scope, timeout
        key = load_pem_private_key(private_key_pem.encode(), None)
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):  # key_thumbprint takes no other
            raise ValueError(f"The service's private key must be an RSA or EC key, not {type(key).__name__}")
        self._key = key
        self._algorithm = "ES384" if isinstance(self._key, ec.EllipticCurvePrivateKey) else "RS384"
        self.kid = key_thumbprint(self._key.public_key())
        self._token: str | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    def _assertion(self) -> str:
        now = int(time.time())
        claims = {"iss": self.client_id, "sub": self.client_id, "aud": self.token_url, "iat": now,
                  "exp": now + 240, "jti": uuid.uuid4().hex}
        # SMART Backend Services: the assertion names the key (kid) the client registered.
        return jwt.encode(claims, self._key, algorithm=self._algorithm, headers={"kid": self.kid})

    async def token(self, renew: bool = False) -> str:
        async with self._lock:
            if renew or self._token is None or time.monotonic() > self._expires:
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    response = await client.post(self.token_url, data={
                        "grant_type": "client_credentials", "scope": self.scope,
                        "client_assertion_type": self.ASSERTION_TYPE, "client_assertion": self._assertion()})
                if response.status_code != 200:
                    raise FHIRError.of(502, "security", f"The token endpoint refused this service's credentials "
                                                        f"({response.status_code})")
                answer = response.json()
                self._token = answer["access_token"]
                self._expires = time.monotonic() + max(0, int(answer.get("expires_in", 300)) - 60)
            return self._token

    async def async_auth_flow(self, request: httpx.Request):
        request.headers["Authorization"] = f"Bearer {await self.token()}"
        response = yield request
        if response.status_code == 401:  # revoked, or the keys rotated: once more with a new token
            request.headers["Authorization"] = f"Bearer {await self.token(renew=True)}"
            yield request


class Authorizer:
    """A service's door: who is calling (the verified token), and whether the scopes allow it."""

    def __init__(self, settings: "Settings", require_scope: bool = True, issuers: dict[str, str] | None = None,
                 single_use: bool = False) -> None:
        """issuers: whose tokens are trusted here (default AUTH_ISSUERS); single_use: see TokenVerifier."""
        self.development = settings.auth_mode == "development"
        if self.development:
            self.verifier = None
            return
        if not settings.auth_issuers or not settings.auth_audience:
            raise RuntimeError("AUTH_MODE=smart needs AUTH_ISSUERS (trusted issuers and their JWKS URLs) and "
                               "AUTH_AUDIENCE (this service's URLs); set them, or AUTH_MODE=development on a "
                               "developer's machine only")
        self.verifier = TokenVerifier(JWKSCache(issuers or settings.auth_issuers, ttl=settings.auth_jwks_cache_seconds),
                                      settings.auth_audience, require_scope=require_scope, single_use=single_use,
                                      max_lifetime=SINGLE_USE_MAX_LIFETIME if single_use
                                      else settings.auth_max_token_lifetime_seconds)

    async def principal(self, authorization: str | None) -> Principal:
        if self.verifier is None:
            return DEVELOPMENT_PRINCIPAL
        return await self.verifier.verify(authorization)


def requires(*needs: tuple[str, str]):
    """A FastAPI dependency: the caller's Principal, after checking each (resource type,
    interaction) it needs; 401 without a valid token, 403 without the scopes."""

    async def dependency(request: Request, _: Annotated[object, Depends(BEARER)]) -> Principal:
        principal = await request.app.state.auth.principal(request.headers.get("authorization"))
        request.state.principal = principal  # known before any refusal, for the audit trail
        for resource_type, interaction in needs:
            principal.require(resource_type, interaction)
        return principal

    return Depends(dependency)


# Documents the security in the OpenAPI documents (the same in both modes); the token itself is
# read and checked by the Authorizer.
BEARER = HTTPBearer(auto_error=False, bearerFormat="JWT", scheme_name="SMART",
                    description="A SMART on FHIR access token (JWT) of a trusted issuer: SMART Backend Services "
                                "(client_credentials, private_key_jwt); scopes like system/Patient.rs. The token "
                                "endpoint is named by /fhir/.well-known/smart-configuration.")
_CREDENTIALS: dict[tuple, ClientCredentials] = {}


def service_credentials(settings: "Settings") -> ClientCredentials | None:
    """This service's own credentials for calling the others; None in development mode or when
    none are configured. One per process, so that its token is shared by every client."""
    if settings.auth_mode == "development" or not (settings.auth_token_url and settings.auth_client_id
                                                   and settings.auth_private_key):
        return None
    key = (settings.auth_token_url, settings.auth_client_id, settings.auth_client_scopes)
    if key not in _CREDENTIALS:
        _CREDENTIALS[key] = ClientCredentials(settings.auth_token_url, settings.auth_client_id,
                                              settings.auth_private_key, settings.auth_client_scopes,
                                              timeout=settings.http_timeout_seconds)
    return _CREDENTIALS[key]


# --- what a FHIR server tells clients about its security --------------------------------

SCOPES_SUPPORTED = ["system/*.cruds", "system/*.rs", "user/*.cruds", "user/*.rs", "system/*.read", "system/*.write"]


def smart_configuration(settings: "Settings") -> dict | None:
    """The SMART configuration document (/.well-known/smart-configuration); None when
    authorization is off."""
    if settings.auth_mode == "development":
        return None
    issuer, jwks = next(iter(settings.auth_issuers.items()))
    document = {
        "issuer": issuer,
        "jwks_uri": jwks,
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS384", "ES384"],
        "scopes_supported": SCOPES_SUPPORTED,
        "capabilities": ["client-confidential-asymmetric", "permission-v1", "permission-v2"],
    }
    if settings.auth_token_url:
        document["token_endpoint"] = settings.auth_token_url
    return document


def capability_security(settings: "Settings") -> dict:
    """CapabilityStatement.rest.security."""
    if settings.auth_mode == "development":
        return {"cors": False, "description": "Development mode: this server runs without authorization."}
    security = {
        "cors": False,
        "service": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                 "code": "SMART-on-FHIR"}]}],
        "description": "SMART on FHIR Backend Services: a bearer token (JWT) of a trusted issuer, with SMART "
                       "v1 or v2 scopes per resource type and interaction (system/ or user/).",
    }
    if settings.auth_token_url:
        security["extension"] = [{"url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                                  "extension": [{"url": "token", "valueUri": settings.auth_token_url}]}]
    return security
