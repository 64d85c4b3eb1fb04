"""deploy/k8s: every manifest valid against the Kubernetes JSON schemas, and wired as the services expect.

Offline: the schemas come with the kubernetes-validate package; strict mode, so that a misspelt
field fails instead of being dropped by the API server.
"""

import copy
from pathlib import Path
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml

from shared.settings import Settings
from tests.deploy.expected import (
    DECIDED_SETTINGS, FIXED_SETTINGS, K8S_DIR, K8S_SECRET_EXAMPLE, KUBERNETES_COMMANDS, KUBERNETES_DATABASE_SECRETS,
    KUBERNETES_SERVICES, KUBERNETES_VERSIONS, PORTS, WORKER_COMMAND,
)

SETTINGS = {name.upper() for name in Settings.model_fields} | DECIDED_SETTINGS
KUSTOMIZATION = K8S_DIR / "kustomization.yaml"
MANIFEST_FILES = sorted(p for p in K8S_DIR.glob("*.yaml") if p != KUSTOMIZATION)


def _documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


DOCUMENTS = [(path, doc) for path in MANIFEST_FILES for doc in _documents(path)]


def _id(item) -> str:
    path, doc = item
    return f"{path.name}:{doc['kind']}/{doc['metadata']['name']}"


def _of_kind(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for path, doc in DOCUMENTS if doc["kind"] == kind and path != K8S_SECRET_EXAMPLE}


DEPLOYMENTS = _of_kind("Deployment")


def _container(deployment: dict) -> dict:
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    return container


def test_there_are_manifests():
    assert MANIFEST_FILES and K8S_SECRET_EXAMPLE in MANIFEST_FILES


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("item", DOCUMENTS, ids=_id)
def test_manifest_matches_the_kubernetes_schema(item, version):
    _, doc = item
    kubernetes_validate.validate(doc, version, strict=True)


def _intake_deployment() -> dict:
    return copy.deepcopy(DEPLOYMENTS["intake"])


BREAKAGES = {
    "a misspelt probe": lambda d: _container(d).update(livenesProbe=_container(d).pop("livenessProbe")),
    "a port that is not a number": lambda d: _container(d)["ports"][0].update(containerPort="eight thousand"),
    "replicas as text": lambda d: d["spec"].update(replicas="two"),
    "a field at the wrong level": lambda d: d["spec"]["template"]["spec"].update(readOnlyRootFilesystem=True),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_manifest_is_rejected(breakage):
    """The validation is not vacuous: a deliberately broken copy of a Deployment fails."""
    broken = _intake_deployment()
    BREAKAGES[breakage](broken)
    for version in KUBERNETES_VERSIONS:
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, version, strict=True)


def test_kustomization_lists_every_manifest_but_the_example_secret():
    kustomization = yaml.safe_load(KUSTOMIZATION.read_text())
    assert kustomization["apiVersion"] == "kustomize.config.k8s.io/v1beta1"
    assert kustomization["kind"] == "Kustomization"
    resources = kustomization["resources"]
    assert len(resources) == len(set(resources))
    assert {K8S_DIR / r for r in resources} == set(MANIFEST_FILES) - {K8S_SECRET_EXAMPLE}
    images = {image["name"] for image in kustomization.get("images", [])}
    assert {_container(d)["image"] for d in DEPLOYMENTS.values()} <= images


def test_every_deployment_runs_the_expected_command():
    assert set(DEPLOYMENTS) == set(KUBERNETES_COMMANDS)
    for name, deployment in DEPLOYMENTS.items():
        container = _container(deployment)
        assert container["command"] == KUBERNETES_COMMANDS[name], name
        assert "args" not in container, name


def _port_number(container: dict, port) -> int:
    if isinstance(port, int):
        return port
    [number] = [p["containerPort"] for p in container["ports"] if p["name"] == port]
    return number


def test_services_listen_on_their_fixed_ports_with_health_probes():
    services = _of_kind("Service")
    assert set(services) == set(KUBERNETES_SERVICES)
    for name, (deployment_name, service) in KUBERNETES_SERVICES.items():
        deployment = DEPLOYMENTS[deployment_name]
        container = _container(deployment)
        port = PORTS[service]
        assert [p["containerPort"] for p in container["ports"]] == [port]
        assert services[name]["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
        [service_port] = services[name]["spec"]["ports"]
        assert service_port["port"] == port and _port_number(container, service_port["targetPort"]) == port
        for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
            get = container[probe]["httpGet"]
            assert get["path"] == path and _port_number(container, get["port"]) == port, f"{name} {probe}"


def test_pods_are_locked_down_and_bounded():
    for name, deployment in DEPLOYMENTS.items():
        pod = deployment["spec"]["template"]["spec"]
        container = _container(deployment)
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True, name
        assert security["allowPrivilegeEscalation"] is False, name
        assert security["capabilities"]["drop"] == ["ALL"], name
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][kind]), f"{name} {kind}"
        volumes = {v["name"]: v for v in pod["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], f"{name}: /tmp must be writable"
        if "/run/secrets" in mounts:
            assert "secret" in volumes[mounts["/run/secrets"]], name
            # the service account token would be mounted under /var/run/secrets, i.e. /run/secrets
            assert pod["automountServiceAccountToken"] is False, name


def test_settings_come_from_the_config_map_and_the_database_url_from_a_secret():
    [config_map] = _of_kind("ConfigMap").values()
    data = config_map["data"]
    assert set(data) <= SETTINGS, f"not settings: {set(data) - SETTINGS}"
    assert "DATABASE_URL" not in data
    for key, value in FIXED_SETTINGS.items():
        assert data[key] == value, key
    services = _of_kind("Service")
    for variable, url in FIXED_SETTINGS.items():
        if variable.endswith("_URL"):
            parts = urlsplit(url)
            assert parts.hostname in services and parts.port == services[parts.hostname]["spec"]["ports"][0]["port"]
    for name, deployment in DEPLOYMENTS.items():
        container = _container(deployment)
        assert {"configMapRef": {"name": config_map["metadata"]["name"]}} in container["envFrom"], name
        assert not container.get("env"), f"{name}: settings belong in the ConfigMap"
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        secret = volumes[mounts["/run/secrets"]]["secret"]["secretName"] if "/run/secrets" in mounts else None
        assert secret == KUBERNETES_DATABASE_SECRETS.get(name), name


def test_example_secrets_are_marked_and_match_the_deployments():
    text = K8S_SECRET_EXAMPLE.read_text()
    assert "EXAMPLE VALUES ONLY" in text
    secrets = {doc["metadata"]["name"]: doc for doc in _documents(K8S_SECRET_EXAMPLE)}
    assert set(secrets) == set(KUBERNETES_DATABASE_SECRETS.values())
    for secret in secrets.values():
        assert secret["kind"] == "Secret"
        assert set(secret["stringData"]) == {"database_url"}
        assert "REPLACE-ME" in secret["stringData"]["database_url"]


def test_imaging_workers_share_the_api_volume_and_scale_on_their_own():
    def data_claim(deployment: dict) -> str:
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        [mount] = [m for m in _container(deployment)["volumeMounts"] if m["mountPath"] == FIXED_SETTINGS["DATA_DIR"]]
        return volumes[mount["name"]]["persistentVolumeClaim"]["claimName"]

    api, worker = DEPLOYMENTS["imaging-api"], DEPLOYMENTS["imaging-worker"]
    assert _container(worker)["command"] == WORKER_COMMAND
    assert data_claim(api) == data_claim(worker)
    claim = _of_kind("PersistentVolumeClaim")[data_claim(api)]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    [hpa] = [h for h in _of_kind("HorizontalPodAutoscaler").values()
             if h["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "imaging-worker"}]
    assert hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"] >= 1
    assert "replicas" not in worker["spec"], "the HPA sets the workers' replicas; `kubectl apply` must not reset them"
