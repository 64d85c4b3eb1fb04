"""What the deployment files must say, in one place: each process's command, port, settings and identity.

The services run in containers with the very command the tests start them with
(tests/support/processes.py: `python -m uvicorn services.<name>.main:app --host ... --port ...
--no-access-log`), on their fixed ports; the imaging workers with `python -m services.imaging.worker`.
test_commands.py holds this file to processes.py, test_compose.py and test_kubernetes.py hold
docker-compose.yml and deploy/k8s/ to this file.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
POSTGRES_INIT = ROOT / "deploy" / "postgres" / "init-databases.sh"
ORTHANC_CONFIG = ROOT / "deploy" / "orthanc" / "orthanc.json"
SECRETS_DIR = ROOT / "deploy" / "secrets"
K8S_DIR = ROOT / "deploy" / "k8s"
K8S_SECRET_EXAMPLE = K8S_DIR / "secret.example.yaml"

# The Compose Specification's schema, vendored (schemas/README.md says from where).
COMPOSE_SCHEMA = Path(__file__).parent / "schemas" / "compose-spec.json"
COMPOSE_SCHEMA_SHA256 = "d549057ebc2925f39f62799eab0db7b9e2c18b35b6c00595199116da3ed10e64"

# The manifests are validated against the schemas of each of these Kubernetes versions (the
# kubernetes-validate package ships them): the oldest we support and the newest it knows.
KUBERNETES_VERSIONS = ["1.30", "1.37"]

# The fixed port of each service (docs/architecture.md).
PORTS = {"intake": 8001, "classifier": 8002, "imaging": 8003}


def uvicorn_command(service: str, host: str = "0.0.0.0", port: int | None = None) -> list[str]:
    """The command that serves one service; in containers it listens on all interfaces."""
    return ["python", "-m", "uvicorn", f"services.{service}.main:app", "--host", host,
            "--port", str(PORTS[service] if port is None else port), "--no-access-log"]


WORKER_COMMAND = ["python", "-m", "services.imaging.worker"]

# docker-compose.yml: service -> command; every service built from deploy/Dockerfile is here.
COMPOSE_COMMANDS = {
    "intake": uvicorn_command("intake"),
    "classifier": uvicorn_command("classifier"),
    "imaging": uvicorn_command("imaging"),
    "imaging-worker": WORKER_COMMAND,
}

# deploy/k8s: Deployment -> command; every Deployment is here.
KUBERNETES_COMMANDS = {
    "intake": uvicorn_command("intake"),
    "classifier": uvicorn_command("classifier"),
    "imaging-api": uvicorn_command("imaging"),
    "imaging-worker": WORKER_COMMAND,
}

# deploy/k8s: the Service in front of each HTTP Deployment, named as in INTAKE_URL, CLASSIFIER_URL
# and IMAGING_URL (Service name -> (Deployment, service)).
KUBERNETES_SERVICES = {
    "intake": ("intake", "intake"),
    "classifier": ("classifier", "classifier"),
    "imaging": ("imaging-api", "imaging"),
}

# Where each process finds the others (the same in compose and Kubernetes: the compose service
# and the Kubernetes Service have the same names).
SERVICE_URLS = {
    "INTAKE_URL": "http://intake:8001/fhir",
    "CLASSIFIER_URL": "http://classifier:8002",
    "IMAGING_URL": "http://imaging:8003",
}

# Settings decided for the deployment that shared/settings.py may not read yet (the code follows
# these names). Every other variable given to the services must be a field of Settings.
DECIDED_SETTINGS = {"JOB_BACKEND"}
FIXED_SETTINGS = {"JOB_BACKEND": "procrastinate", "DATA_DIR": "/data", **SERVICE_URLS}

# Which processes use which database: the secret file /run/secrets/database_url of each.
# compose: service -> secret (source); the imaging API and its workers share one.
COMPOSE_DATABASE_SECRETS = {
    "intake": "intake_database_url",
    "imaging": "imaging_database_url",
    "imaging-worker": "imaging_database_url",
}
# Kubernetes: Deployment -> Secret (with the key database_url).
KUBERNETES_DATABASE_SECRETS = {
    "intake": "intake-database",
    "imaging-api": "imaging-database",
    "imaging-worker": "imaging-database",
}

# --- Authorization (README "Authorization", deploy/README.md "Authorization") -----------------
# SMART Backend Services in every process of both deployments: AUTH_MODE is smart everywhere, and
# no deployment file sets it to development (nor leaves it to a variable or an env file).
AUTH_MODE = "smart"
# The secret files each process reads under /run/secrets (the settings read the file named after
# the setting, shared/settings.py SECRETS_DIR).
SECRETS_MOUNT = "/run/secrets"
DATABASE_URL_FILE = "database_url"
AUTH_KEY_FILE = "auth_private_key"

# Each service's identity at the token endpoint, and the scopes it asks for: what it calls the
# others for. The imaging API and its workers are one client.
AUTH_CLIENTS = {
    # intake hands imaging studies over to the imaging API (POST /analyses)
    "intake": ("calcinosis-intake", "system/DiagnosticReport.c"),
    # the classifier reads patients, labs and imaging reports from intake and stores its results there
    "classifier": ("calcinosis-classifier",
                   "system/Patient.r system/Observation.rs system/RiskAssessment.c system/Observation.c "
                   "system/DiagnosticReport.s"),
    # the imaging API and workers write reports back to intake, with conditional creates
    "imaging": ("calcinosis-imaging", "system/DiagnosticReport.cs system/Observation.cs"),
}
# The first audience (aud) of each service is its in-cluster URL, the one the others call it by;
# then its public URL, given by the operator.
AUTH_AUDIENCES = {
    "intake": SERVICE_URLS["INTAKE_URL"],
    "classifier": SERVICE_URLS["CLASSIFIER_URL"],
    "imaging": SERVICE_URLS["IMAGING_URL"],
}
# Which service each compose service and each Deployment is (whose identity it has).
COMPOSE_SERVICES = {"intake": "intake", "classifier": "classifier", "imaging": "imaging", "imaging-worker": "imaging"}
KUBERNETES_DEPLOYMENT_SERVICES = {
    "intake": "intake", "classifier": "classifier", "imaging-api": "imaging", "imaging-worker": "imaging",
}

# compose: what the operator gives in the environment of `docker compose` (each a required
# interpolation, `${NAME:?message}`, whose message points to deploy/README.md), with the example
# values the tests interpolate.
COMPOSE_OPERATOR_VARIABLES = {
    "AUTH_ISSUERS": '{"https://auth.example.org": "https://auth.example.org/jwks"}',
    "AUTH_TOKEN_URL": "https://auth.example.org/token",
    "INTAKE_PUBLIC_URL": "https://fhir.example.org/fhir",
    "CLASSIFIER_PUBLIC_URL": "https://classifier.example.org",
    "IMAGING_PUBLIC_URL": "https://imaging.example.org",
}
COMPOSE_PUBLIC_URL_VARIABLES = {
    "intake": "INTAKE_PUBLIC_URL", "classifier": "CLASSIFIER_PUBLIC_URL", "imaging": "IMAGING_PUBLIC_URL",
}
# compose: service -> the secret (source) mounted as /run/secrets/auth_private_key.
COMPOSE_AUTH_KEY_SECRETS = {
    "intake": "intake_auth_private_key",
    "classifier": "classifier_auth_private_key",
    "imaging": "imaging_auth_private_key",
    "imaging-worker": "imaging_auth_private_key",
}
# How the examples say to make a private key (and the placeholders are not keys).
KEY_COMMAND = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"

# Kubernetes: every pod gets the shared ConfigMap, then its service's own (the identity).
KUBERNETES_SHARED_CONFIG_MAP = "calcinosis-settings"
KUBERNETES_SERVICE_CONFIG_MAPS = {"intake": "intake-settings", "classifier": "classifier-settings",
                                  "imaging": "imaging-settings"}
# Kubernetes: the operator's values (issuers, token endpoint, public URLs) are marked examples.
EXAMPLE_MARK = "REPLACE-ME"
KUBERNETES_OPERATOR_SETTINGS = {"AUTH_ISSUERS", "AUTH_TOKEN_URL"}
# Kubernetes: Deployment -> Secret (with the key auth_private_key), projected into /run/secrets
# beside the database_url.
KUBERNETES_AUTH_KEY_SECRETS = {
    "intake": "intake-auth",
    "classifier": "classifier-auth",
    "imaging-api": "imaging-auth",
    "imaging-worker": "imaging-auth",
}

# The imaging workers' memory per analysis run at once (IMAGING_CONCURRENCY): an analysis of a
# 512x512x400 CT peaks at about 400 MiB (bench/imaging.py); the largest volume accepted
# (IMAGING_MAX_VOXELS, 512x512x2048) at 2.8 GiB (1.8 before the bone re-split, Imaging 79), 2.5 GiB when a
# tilted or oblique series is resampled (bench/imaging_series.py): the limit covers what is accepted.
WORKER_MEMORY_PER_ANALYSIS = {"requests": "1Gi", "limits": "3Gi"}

# --- The dev profile (README "Try it with Docker Compose") ------------------------------------
# `docker compose --env-file deploy/dev/compose.env --profile dev up`: the default services, with
# the settings of compose.env, and the development authorization server dev-auth (profile dev
# only). The default profile is the same with or without it.
DEV_PROFILE = "dev"
DEV_DIR = ROOT / "deploy" / "dev"
DEV_ENV_FILE = DEV_DIR / "compose.env"
DEV_CLIENTS = DEV_DIR / "clients.json"
DEV_AUTH_SERVICE = "dev-auth"
DEV_AUTH_PORT = 8004
DEV_AUTH_MOUNT = "/dev-auth"
DEV_AUTH_COMMAND = ["python", "-m", "uvicorn", "devauth:app", "--app-dir", DEV_AUTH_MOUNT, "--host", "0.0.0.0",
                    "--port", str(DEV_AUTH_PORT), "--no-access-log"]
DEV_ISSUER = f"http://{DEV_AUTH_SERVICE}:{DEV_AUTH_PORT}"
# The client a developer gets tokens with (deploy/dev/token.sh), for the services' public URLs.
DEV_DEVELOPER_CLIENT = "developer"
# compose: variables that may be left out, with their defaults (compose.env sets them for dev).
COMPOSE_OPTIONAL_VARIABLES = {"CALCINOSIS_SECRETS_DIR": "./deploy/secrets"}
# Whom each service calls with its token (the audience its tokens must name).
AUTH_CALLS = {"intake": "imaging", "classifier": "intake", "imaging": "intake"}
