"""docker-compose.yml's dev profile, offline: the development authorization server dev-auth, and
deploy/dev/compose.env pointing every service at it with the development keys.

`docker compose --env-file deploy/dev/compose.env --profile dev up` is checked as compose would
build it: the env file's values interpolated into the compose file, each service's settings as
its container builds them (its environment and its secret files), and each service's identity
against the clients dev-auth registers (deploy/dev/clients.json). No Docker engine is needed; the
server itself runs for real in test_dev_auth.py.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from shared.auth import ClientCredentials, Scope, key_thumbprint
from tests.deploy.checks import settings_of
from tests.deploy.expected import (
    AUTH_AUDIENCES,
    AUTH_CALLS,
    AUTH_CLIENTS,
    AUTH_MODE,
    COMPOSE_FILE,
    COMPOSE_OPERATOR_VARIABLES,
    COMPOSE_OPTIONAL_VARIABLES,
    COMPOSE_PUBLIC_URL_VARIABLES,
    COMPOSE_SERVICES,
    DEV_AUTH_COMMAND,
    DEV_AUTH_MOUNT,
    DEV_AUTH_PORT,
    DEV_AUTH_SERVICE,
    DEV_CLIENTS,
    DEV_DEVELOPER_CLIENT,
    DEV_DIR,
    DEV_ENV_FILE,
    DEV_ISSUER,
    DEV_PROFILE,
    PORTS,
    ROOT,
)
from tests.deploy.test_compose import _app_services, _interpolate, _secrets

DEFAULT_SERVICES = {"postgres", "orthanc", "intake", "classifier", "imaging", "imaging-worker"}


def read_env_file(path: Path) -> dict[str, str]:
    """A compose env file: NAME=VALUE lines; a value in single or double quotes is taken as written."""
    variables = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        variables[name.strip()] = value
    return variables


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def dev_variables() -> dict[str, str]:
    return read_env_file(DEV_ENV_FILE)


@pytest.fixture(scope="module")
def dev_compose(compose, dev_variables) -> dict:
    """The compose file as `--env-file deploy/dev/compose.env` makes it."""
    return _interpolate(compose, dev_variables)


@pytest.fixture(scope="module")
def clients() -> dict[str, dict]:
    return json.loads(DEV_CLIENTS.read_text())["clients"]


def test_the_default_profile_is_the_same_without_the_dev_profile(compose):
    profiled = {name: service["profiles"] for name, service in compose["services"].items() if "profiles" in service}
    assert profiled == {DEV_AUTH_SERVICE: [DEV_PROFILE]}
    assert set(compose["services"]) - set(profiled) == DEFAULT_SERVICES
    for name in DEFAULT_SERVICES:
        assert DEV_AUTH_SERVICE not in compose["services"][name].get("depends_on", {}), \
            f"{name} would not start without the dev profile"
    # The secret files are still read from deploy/secrets when nothing else is said.
    for secret in _interpolate(compose, COMPOSE_OPERATOR_VARIABLES)["secrets"].values():
        assert secret["file"].startswith(f"{COMPOSE_OPTIONAL_VARIABLES['CALCINOSIS_SECRETS_DIR']}/")


def test_dev_auth_runs_the_development_server_with_the_registered_clients(compose):
    service = compose["services"][DEV_AUTH_SERVICE]
    assert service["command"] == DEV_AUTH_COMMAND
    mounts = {v.split(":")[1]: v for v in service["volumes"]}
    assert mounts == {f"{DEV_AUTH_MOUNT}/devauth.py": f"./deploy/dev/devauth.py:{DEV_AUTH_MOUNT}/devauth.py:ro",
                      f"{DEV_AUTH_MOUNT}/clients.json": f"./deploy/dev/clients.json:{DEV_AUTH_MOUNT}/clients.json:ro"}
    for volume in service["volumes"]:
        assert (ROOT / volume.split(":")[0]).is_file(), volume
    assert service["environment"] == {"DEVAUTH_ISSUER": DEV_ISSUER, "DEVAUTH_CLIENTS": f"{DEV_AUTH_MOUNT}/clients.json"}
    assert "secrets" not in service, "it needs the clients' public keys only"
    assert service["ports"] == [f"127.0.0.1:{DEV_AUTH_PORT}:{DEV_AUTH_PORT}"], "published on this machine only"
    assert f"http://127.0.0.1:{DEV_AUTH_PORT}/healthz" in " ".join(service["healthcheck"]["test"])
    # on the network of the services that call it
    for name in ("intake", "classifier", "imaging", "imaging-worker"):
        assert set(compose["services"][name]["networks"]) & set(service["networks"]), name


def test_the_env_file_gives_the_operator_variables_and_the_dev_secrets(dev_variables, dev_compose):
    assert dev_variables.get("COMPOSE_PROFILES") == DEV_PROFILE
    given = set(dev_variables) - {"COMPOSE_PROFILES"}
    assert given == set(COMPOSE_OPERATOR_VARIABLES) | set(COMPOSE_OPTIONAL_VARIABLES)
    for name, secret in dev_compose["secrets"].items():
        path = (ROOT / secret["file"]).resolve()
        assert path.parent == DEV_DIR / "secrets" and path.is_file(), name
    for service in ("intake", "imaging"):
        url = urlsplit((DEV_DIR / "secrets" / f"{service}_database_url.txt").read_text().strip())
        assert (url.scheme, url.hostname, url.path, url.username) == ("postgresql+asyncpg", "postgres", f"/{service}",
                                                                        service)


def _dev_settings(dev_compose, name: str, tmp_path_factory, monkeypatch):
    service = _app_services(dev_compose)[name]
    files = {target: (ROOT / dev_compose["secrets"][source]["file"]).read_text()
             for target, source in _secrets(service).items()}
    with monkeypatch.context() as patch:
        return settings_of(service["environment"], files, tmp_path_factory.mktemp(name), patch)


def test_every_service_is_a_registered_client_of_dev_auth(dev_compose, clients, tmp_path_factory, monkeypatch):
    """Each container's settings: SMART on, dev-auth the one issuer and token endpoint, and its
    identity registered there: the client id, a key whose public half dev-auth holds under the
    key id the service sends, scopes that cover what it asks for, and tokens for whom it calls."""
    assert set(_app_services(dev_compose)) == set(COMPOSE_SERVICES)
    issuer_host = urlsplit(DEV_ISSUER)
    assert issuer_host.hostname in dev_compose["services"] and issuer_host.port == DEV_AUTH_PORT
    for name, service_name in COMPOSE_SERVICES.items():
        settings = _dev_settings(dev_compose, name, tmp_path_factory, monkeypatch)
        assert settings.auth_mode == AUTH_MODE, name
        assert settings.auth_issuers == {DEV_ISSUER: f"{DEV_ISSUER}/jwks"}, name
        assert settings.auth_token_url == f"{DEV_ISSUER}/token", name
        client_id, scopes = AUTH_CLIENTS[service_name]
        assert settings.auth_client_id == client_id and settings.auth_client_scopes == scopes, name
        registered = clients[client_id]
        # the very key the service signs with, and the key id it names (shared.auth.ClientCredentials)
        assert settings.auth_private_key is not None
        credentials = ClientCredentials(settings.auth_token_url, client_id, settings.auth_private_key, scopes)
        [jwk] = registered["jwks"]["keys"]
        assert jwk["kid"] == credentials.kid, f"{name}: dev-auth does not hold {client_id}'s key"
        assert (DEV_DIR / registered["key_file"]).read_text().strip() == settings.auth_private_key, name
        allowed = [Scope.parse(s) for s in registered["scope"].split()]
        for scope in map(Scope.parse, scopes.split()):
            assert scope is not None
            assert any(a is not None and a.context == scope.context and a.resource_type in ("*", scope.resource_type)
                       and scope.permissions <= a.permissions for a in allowed), f"{name}: {scope} not registered"
        callee = AUTH_CALLS[service_name]
        assert registered["audience"] == [AUTH_AUDIENCES[callee]], f"{client_id}'s tokens must be for {callee}"
        # the audiences each service accepts: its in-network URL, then the developer's (localhost)
        assert settings.auth_audience == [AUTH_AUDIENCES[service_name], _dev_public_url(service_name)], name


def _dev_public_url(service: str) -> str:
    return read_env_file(DEV_ENV_FILE)[COMPOSE_PUBLIC_URL_VARIABLES[service]]


def test_the_developer_client_reaches_each_service_on_this_machine(clients):
    developer = clients[DEV_DEVELOPER_CLIENT]
    assert developer["audience"] == [_dev_public_url(s) for s in ("intake", "classifier", "imaging")]
    for service, url in zip(("intake", "classifier", "imaging"), developer["audience"], strict=True):
        parts = urlsplit(url)
        assert (parts.hostname, parts.port) == ("localhost", PORTS[service]), url
    key = load_pem_private_key((DEV_DIR / developer["key_file"]).read_bytes(), None)
    [jwk] = developer["jwks"]["keys"]
    assert jwk["kid"] == key_thumbprint(key.public_key())
    # deploy/dev/token.sh names the key by the id beside it
    assert (DEV_DIR / developer["key_file"]).with_suffix(".kid").read_text().strip() == jwk["kid"]

