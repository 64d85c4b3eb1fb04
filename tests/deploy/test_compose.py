"""docker-compose.yml: valid against the Compose Specification, and wired as the services expect.

Offline: no Docker engine, no network. The specification's JSON schema is vendored in schemas/.
"""

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import uuid
from urllib.parse import urlsplit

import jsonschema
import jwt
import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import ClientCredentials
from shared.settings import Settings
from tests.deploy.checks import check_authorization, settings_of
from tests.deploy.expected import (
    AUTH_KEY_FILE,
    AUTH_MODE,
    COMPOSE_AUTH_KEY_SECRETS,
    COMPOSE_COMMANDS,
    COMPOSE_DATABASE_SECRETS,
    COMPOSE_FILE,
    COMPOSE_OPERATOR_VARIABLES,
    COMPOSE_OPTIONAL_VARIABLES,
    COMPOSE_PUBLIC_URL_VARIABLES,
    COMPOSE_SCHEMA,
    COMPOSE_SCHEMA_SHA256,
    COMPOSE_SERVICES,
    DATABASE_URL_FILE,
    DECIDED_SETTINGS,
    FIXED_SETTINGS,
    KEY_COMMAND,
    ORTHANC_CONFIG,
    PORTS,
    POSTGRES_INIT,
    ROOT,
    SECRETS_DIR,
    WORKER_COMMAND,
)

APP_DOCKERFILE = "deploy/Dockerfile"
SETTINGS = {name.upper() for name in Settings.model_fields} | DECIDED_SETTINGS


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _errors(validator, document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def _app_services(compose: dict) -> dict[str, dict]:
    """The services built from deploy/Dockerfile that every profile runs: the three APIs and the
    imaging workers (the dev profile's dev-auth has test_dev_profile.py)."""
    return {name: service for name, service in compose["services"].items()
            if isinstance(service.get("build"), dict) and service["build"].get("dockerfile") == APP_DOCKERFILE
            and not service.get("profiles")}


def _command(service: dict) -> list[str]:
    command = service.get("command")
    return command.split() if isinstance(command, str) else command


def test_vendored_schema_is_untouched():
    assert hashlib.sha256(COMPOSE_SCHEMA.read_bytes()).hexdigest() == COMPOSE_SCHEMA_SHA256


def test_compose_file_matches_the_compose_specification(compose, validator):
    assert _errors(validator, compose) == []


BREAKAGES = {
    "a misspelt service key": (lambda c: c["services"]["intake"].update(comand=["true"]), "services/intake"),
    "an unknown dependency condition": (
        lambda c: c["services"]["intake"]["depends_on"]["postgres"].update(condition="service_ready"),
        "services/intake/depends_on"),
    "ports as a mapping": (lambda c: c["services"]["intake"].update(ports={"8001": 8001}), "services/intake/ports"),
    "a healthcheck without its test's form": (
        lambda c: c["services"]["postgres"]["healthcheck"].update(test={"CMD": "true"}),
        "services/postgres/healthcheck/test"),
    "an unknown top-level key": (lambda c: c.update(service={}), "(top)"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_compose_file_is_rejected(compose, validator, breakage):
    """The validation is not vacuous: a deliberately broken copy fails, at the broken place."""
    break_it, where = BREAKAGES[breakage]
    broken = copy.deepcopy(compose)
    break_it(broken)
    errors = _errors(validator, broken)
    assert errors, f"{breakage} passed the schema"
    assert any(error.startswith(where) for error in errors), errors


def test_every_service_runs_the_expected_command(compose):
    apps = _app_services(compose)
    assert set(apps) == set(COMPOSE_COMMANDS)
    for name, service in apps.items():
        assert _command(service) == COMPOSE_COMMANDS[name], name


def test_services_publish_their_fixed_ports_and_check_their_health(compose):
    for name, service in _app_services(compose).items():
        if _command(service) == WORKER_COMMAND:
            assert "ports" not in service
            continue
        port = PORTS[name]
        assert any(str(p).endswith(f":{port}:{port}") or str(p) == f"{port}:{port}" for p in service["ports"]), name
        test = " ".join(service["healthcheck"]["test"])
        assert f"http://127.0.0.1:{port}/readyz" in test, name
    for name in ("postgres", "orthanc"):
        assert compose["services"][name]["healthcheck"]["test"], name


def test_settings_are_known_and_wired(compose):
    for name, service in _app_services(compose).items():
        environment = service["environment"]
        assert set(environment) <= SETTINGS, f"{name}: not settings: {set(environment) - SETTINGS}"
        for key, value in FIXED_SETTINGS.items():
            assert environment.get(key) == value, f"{name}: {key}"
    for variable, url in FIXED_SETTINGS.items():
        if variable.endswith("_URL"):
            parts = urlsplit(url)
            assert parts.hostname in compose["services"] and parts.port == PORTS[parts.hostname], variable


def _secrets(service: dict) -> dict[str, str]:
    """The secret files of a service: target (the file under /run/secrets) -> source."""
    secrets = service.get("secrets", [])
    assert all(isinstance(s, dict) for s in secrets), "name each secret's target: the settings read it by name"
    return {s["target"]: s["source"] for s in secrets}


def test_database_url_and_private_key_are_secret_files_named_after_their_settings(compose):
    assert {DATABASE_URL_FILE, AUTH_KEY_FILE} <= set(Settings.model_fields)
    apps = _app_services(compose)
    assert set(COMPOSE_AUTH_KEY_SECRETS) == set(apps)
    for name, service in apps.items():
        expected = {AUTH_KEY_FILE: COMPOSE_AUTH_KEY_SECRETS[name]}
        if name in COMPOSE_DATABASE_SECRETS:
            expected[DATABASE_URL_FILE] = COMPOSE_DATABASE_SECRETS[name]
        assert _secrets(service) == expected, name
        for setting in (DATABASE_URL_FILE, AUTH_KEY_FILE):
            assert setting.upper() not in service["environment"], f"{name}: {setting.upper()} belongs in a secret"


def test_imaging_api_and_workers_share_the_upload_volume(compose):
    def data_volume(service: dict) -> str:
        [volume] = [v.split(":")[0] for v in service["volumes"] if v.split(":")[1] == FIXED_SETTINGS["DATA_DIR"]]
        return volume

    api, worker = compose["services"]["imaging"], compose["services"]["imaging-worker"]
    assert data_volume(api) == data_volume(worker)
    assert data_volume(api) in compose["volumes"], "a named volume, not a host directory"


def test_secret_files_have_examples_and_stay_out_of_git(compose):
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "deploy/secrets/*.txt" in ignored
    for name, secret in compose["secrets"].items():
        path = (ROOT / _interpolate(secret["file"], {})).resolve()
        assert path.parent == SECRETS_DIR and path.suffix == ".txt", name
        assert path.with_name(path.name + ".example").is_file(), f"{name}: no {path.name}.example"


def test_private_key_examples_say_how_to_make_a_key_and_are_none():
    for source in set(COMPOSE_AUTH_KEY_SECRETS.values()):
        example = SECRETS_DIR / f"{source}.txt.example"
        text = example.read_text()
        assert KEY_COMMAND in text and f"deploy/secrets/{source}.txt" in text, example.name
        assert text.startswith("-----BEGIN PRIVATE KEY-----") and "REPLACE-ME" in text, example.name
        with pytest.raises(ValueError):  # copied by mistake, it fails at once
            serialization.load_pem_private_key(text.encode(), password=None)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_the_documented_command_makes_a_key_the_services_sign_with(tmp_path):
    key_file = tmp_path / "auth_private_key.txt"
    subprocess.run([*KEY_COMMAND.split(), "-out", str(key_file)], check=True, capture_output=True)
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048
    credentials = ClientCredentials("https://auth.example.org/token", "calcinosis-intake",
                                    key_file.read_text().strip(), "system/DiagnosticReport.c")
    claims = jwt.decode(credentials._assertion(), key.public_key(), algorithms=["RS384"],
                        audience="https://auth.example.org/token")
    assert claims["iss"] == claims["sub"] == "calcinosis-intake"


def test_example_database_urls_name_each_service_database():
    for service in ("intake", "imaging"):
        url = urlsplit((SECRETS_DIR / f"{service}_database_url.txt.example").read_text().strip())
        assert url.scheme == "postgresql+asyncpg"
        assert url.hostname == "postgres" and url.path == f"/{service}"
        assert url.username == service and url.password


def test_postgres_and_orthanc_stay_inside_the_compose_network(compose):
    networks = compose["networks"]
    for name in ("postgres", "orthanc"):
        service = compose["services"][name]
        assert "ports" not in service, f"{name} must not be published"
        assert service["networks"] and all(networks[n].get("internal") for n in service["networks"]), name
    orthanc = compose["services"]["orthanc"]
    assert orthanc["environment"]["DICOM_WEB_PLUGIN_ENABLED"] == "true"
    config = json.loads(ORTHANC_CONFIG.read_text())
    assert config["DicomWeb"]["Enable"] is True
    assert f"./{ORTHANC_CONFIG.relative_to(ROOT)}:/etc/orthanc/orthanc.json:ro" in orthanc["volumes"]


def test_postgres_runs_the_init_script(compose):
    postgres = compose["services"]["postgres"]
    assert f"./{POSTGRES_INIT.parent.relative_to(ROOT)}:/docker-entrypoint-initdb.d:ro" in postgres["volumes"]
    assert set(COMPOSE_DATABASE_SECRETS.values()) <= set(postgres["secrets"])
    assert os.access(POSTGRES_INIT, os.X_OK), "the postgres image sources, not runs, a script that is not executable"


def test_init_script_creates_a_role_and_a_database_per_service(postgres_server_utf8_locale, tmp_path):
    """deploy/postgres/init-databases.sh against a real server, twice (the second run changes nothing), on a
    cluster whose default collation is not C: the databases compare text bytewise all the same (Intake 47)."""
    postgres_server = postgres_server_utf8_locale
    suffix = uuid.uuid4().hex[:8]
    names = {service: f"deploy_{service}_{suffix}" for service in ("intake", "imaging")}
    for service, name in names.items():
        (tmp_path / f"{service}_database_url").write_text(
            f"postgresql+asyncpg://{name}:pw-{service}_1.x~@postgres:5432/{name}\n")
    env = {**os.environ, "PATH": f"{postgres_server.bindir}:{os.environ['PATH']}",
           "PGHOST": "127.0.0.1", "PGPORT": str(postgres_server.port),
           "POSTGRES_USER": postgres_server.user, "POSTGRES_DB": "postgres", "CALCINOSIS_SECRETS_DIR": str(tmp_path)}

    def psql(sql: str, user: str, database: str) -> str:
        return subprocess.run(
            ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-U", user, "-d", database, "-c", sql],
            env=env, check=True, capture_output=True, text=True).stdout.strip()

    try:
        for _ in range(2):
            run = subprocess.run(["bash", str(POSTGRES_INIT)], env=env, capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
        for name in names.values():
            owner = psql(f"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{name}'",
                         postgres_server.user, "postgres")
            assert owner == name
            assert psql(f"SELECT rolcanlogin AND rolpassword IS NOT NULL AND NOT rolsuper FROM pg_authid "
                        f"WHERE rolname = '{name}'", postgres_server.user, "postgres") == "t"
            assert psql("SELECT current_user", name, name) == name
            assert psql(f"SELECT datcollate || ' ' || datctype FROM pg_database WHERE datname = '{name}'",
                        postgres_server.user, "postgres") == "C C"
    finally:
        for name in names.values():
            psql(f'DROP DATABASE IF EXISTS "{name}"', postgres_server.user, "postgres")
            psql(f'DROP ROLE IF EXISTS "{name}"', postgres_server.user, "postgres")


def test_init_script_refuses_a_malformed_url(postgres_server, tmp_path):
    (tmp_path / "intake_database_url").write_text("postgresql+asyncpg://postgres:5432/intake\n")
    env = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(postgres_server.port),
           "POSTGRES_USER": postgres_server.user, "CALCINOSIS_SECRETS_DIR": str(tmp_path),
           "CALCINOSIS_DATABASES": "intake"}
    run = subprocess.run(["bash", str(POSTGRES_INIT)], env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "does not read as" in run.stderr


# --- interpolation: what the operator gives (AUTH_ISSUERS, AUTH_TOKEN_URL, the public URLs) ---------

_INTERPOLATION = re.compile(r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}$]*))?\}"
                            r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)")


class MissingVariable(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


def _interpolate(value, variables: dict[str, str]):
    """Compose's interpolation (compose-spec "Interpolation") over a whole document: ${NAME},
    ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+alt}, $NAME, $$."""
    if isinstance(value, dict):
        return {key: _interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [_interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match["name"] or match["bare"]
        op, arg = match["op"], match["arg"]
        present, given = name in variables, bool(variables.get(name))
        if op in (":?", "?"):
            if not (given if op == ":?" else present):
                raise MissingVariable(name, arg)
        elif op in (":-", "-"):
            if not (given if op == ":-" else present):
                return arg
        elif op in (":+", "+"):
            return arg if (given if op == ":+" else present) else ""
        return variables.get(name, "")

    return _INTERPOLATION.sub(replace, value)


def _references(compose_text: str) -> list[re.Match]:
    return [m for m in _INTERPOLATION.finditer(compose_text) if m.group(0) != "$$"]


def test_the_operator_variables_are_required_with_a_message(compose):
    references = _references(COMPOSE_FILE.read_text())
    assert {m["name"] or m["bare"] for m in references} == set(COMPOSE_OPERATOR_VARIABLES) | set(COMPOSE_OPTIONAL_VARIABLES)
    for match in references:
        name = match["name"]
        if name in COMPOSE_OPTIONAL_VARIABLES:
            assert match["op"] == ":-" and match["arg"] == COMPOSE_OPTIONAL_VARIABLES[name], match.group(0)
            continue
        assert name and match["op"] == ":?", f"{match.group(0)}: required, ${{{name}:?...}}, not defaulted"
        assert match["arg"].startswith(f"set {name} ") and "deploy/README.md" in match["arg"], match.group(0)
    for name in COMPOSE_OPERATOR_VARIABLES:
        variables = {k: v for k, v in COMPOSE_OPERATOR_VARIABLES.items() if k != name}
        with pytest.raises(MissingVariable) as missing:
            _interpolate(compose, variables)
        assert missing.value.name == name
        with pytest.raises(MissingVariable):
            _interpolate(compose, {**variables, name: ""})


@pytest.fixture(scope="module")
def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def test_every_app_service_runs_smart_authorization_as_its_service(compose, private_key_pem, tmp_path_factory,
                                                                   monkeypatch):
    """The settings each container builds, once compose has put the operator's values in: AUTH_MODE
    smart, the issuers, the token endpoint, its client id and scopes, its audiences (in-network
    URL, then the public one) and its private key from /run/secrets/auth_private_key."""
    interpolated = _interpolate(compose, COMPOSE_OPERATOR_VARIABLES)
    apps = _app_services(interpolated)
    assert set(apps) == set(COMPOSE_SERVICES)
    problems = []
    for name, service in apps.items():
        environment = service["environment"]
        assert environment["AUTH_MODE"] == AUTH_MODE, name
        assert "env_file" not in service, f"{name}: every setting in sight, in the compose file"
        files = {AUTH_KEY_FILE: private_key_pem, DATABASE_URL_FILE: "postgresql+asyncpg://u:p@postgres:5432/db"}
        with monkeypatch.context() as patch:
            settings = settings_of(environment, {target: files[target] for target in _secrets(service)},
                                   tmp_path_factory.mktemp(name), patch)
        problems += check_authorization(name, COMPOSE_SERVICES[name], settings, private_key_pem.strip())
        assert settings.auth_issuers == json.loads(COMPOSE_OPERATOR_VARIABLES["AUTH_ISSUERS"]), name
        assert settings.auth_token_url == COMPOSE_OPERATOR_VARIABLES["AUTH_TOKEN_URL"], name
        public = COMPOSE_OPERATOR_VARIABLES[COMPOSE_PUBLIC_URL_VARIABLES[COMPOSE_SERVICES[name]]]
        assert settings.auth_audience[1:] == [public], name
    assert problems == []
