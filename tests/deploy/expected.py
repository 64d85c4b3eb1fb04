"""What the deployment files must say, in one place: each process's command, port and settings.

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
