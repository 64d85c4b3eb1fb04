"""deploy/k8s: every manifest valid against the Kubernetes JSON schemas, and wired as the services expect.

Offline: the schemas come with the kubernetes-validate package; strict mode, so that a misspelt
field fails instead of being dropped by the API server.
"""

import copy
import json
from pathlib import Path
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml

from shared.settings import Settings
from tests.deploy.checks import check_authorization, settings_of
from tests.deploy.expected import (
    AUTH_KEY_FILE,
    AUTH_MODE,
    DATABASE_URL_FILE,
    DECIDED_SETTINGS,
    EXAMPLE_MARK,
    FIXED_SETTINGS,
    K8S_DIR,
    K8S_SECRET_EXAMPLE,
    KUBERNETES_AUTH_KEY_SECRETS,
    KUBERNETES_COMMANDS,
    KUBERNETES_DATABASE_SECRETS,
    KUBERNETES_DEPLOYMENT_SERVICES,
    KUBERNETES_OPERATOR_SETTINGS,
    KUBERNETES_SERVICE_CONFIG_MAPS,
    KUBERNETES_SERVICES,
    KUBERNETES_SHARED_CONFIG_MAP,
    KUBERNETES_VERSIONS,
    PORTS,
    SECRETS_MOUNT,
    WORKER_COMMAND,
    WORKER_MEMORY_PER_ANALYSIS,
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
        if SECRETS_MOUNT in mounts:
            assert _secret_files(deployment), name
            # the service account token would be mounted under /var/run/secrets, i.e. /run/secrets
            assert pod["automountServiceAccountToken"] is False, name


def _secret_files(deployment: dict) -> dict[str, str]:
    """The files under /run/secrets of a Deployment's pods: file -> the Secret it comes from. One
    projected volume, each source a Secret whose keys are named (items): nothing else lands there."""
    mounts = {m["mountPath"]: m["name"] for m in _container(deployment)["volumeMounts"]}
    if SECRETS_MOUNT not in mounts:
        return {}
    volume = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}[mounts[SECRETS_MOUNT]]
    files = {}
    for source in volume["projected"]["sources"]:
        secret = source["secret"]
        assert not secret.get("optional"), f"{secret['name']}: a pod must not start without it"
        for item in secret["items"]:
            assert item["path"] == item["key"] and item["path"] not in files, item
            files[item["path"]] = secret["name"]
    return files


def _environment(deployment: dict) -> dict[str, str]:
    """The environment of a Deployment's container, from its ConfigMaps in order (later wins)."""
    config_maps = _of_kind("ConfigMap")
    environment = {}
    for source in _container(deployment)["envFrom"]:
        environment.update(config_maps[source["configMapRef"]["name"]]["data"])
    return environment


def test_settings_come_from_the_config_maps_and_the_secret_ones_from_files():
    config_maps = _of_kind("ConfigMap")
    assert set(config_maps) == {KUBERNETES_SHARED_CONFIG_MAP, *KUBERNETES_SERVICE_CONFIG_MAPS.values()}
    for name, config_map in config_maps.items():
        data = config_map["data"]
        assert set(data) <= SETTINGS, f"{name}: not settings: {set(data) - SETTINGS}"
        assert not {DATABASE_URL_FILE.upper(), AUTH_KEY_FILE.upper()} & set(data), f"{name}: secrets belong in Secrets"
    shared = config_maps[KUBERNETES_SHARED_CONFIG_MAP]["data"]
    for key, value in FIXED_SETTINGS.items():
        assert shared[key] == value, key
    services = _of_kind("Service")
    for variable, url in FIXED_SETTINGS.items():
        if variable.endswith("_URL"):
            parts = urlsplit(url)
            assert parts.hostname in services and parts.port == services[parts.hostname]["spec"]["ports"][0]["port"]
    for name in KUBERNETES_SERVICE_CONFIG_MAPS.values():
        overlap = set(config_maps[name]["data"]) & set(shared)
        assert not overlap, f"{name} and {KUBERNETES_SHARED_CONFIG_MAP} both set {overlap}"
    assert set(KUBERNETES_DEPLOYMENT_SERVICES) == set(DEPLOYMENTS)
    for name, deployment in DEPLOYMENTS.items():
        container = _container(deployment)
        service_map = KUBERNETES_SERVICE_CONFIG_MAPS[KUBERNETES_DEPLOYMENT_SERVICES[name]]
        assert container["envFrom"] == [{"configMapRef": {"name": KUBERNETES_SHARED_CONFIG_MAP}},
                                        {"configMapRef": {"name": service_map}}], name
        assert not container.get("env"), f"{name}: settings belong in the ConfigMaps"


def test_database_url_and_private_key_are_secret_files_named_after_their_settings():
    assert {DATABASE_URL_FILE, AUTH_KEY_FILE} <= set(Settings.model_fields)
    assert set(KUBERNETES_AUTH_KEY_SECRETS) == set(DEPLOYMENTS)
    for name, deployment in DEPLOYMENTS.items():
        expected = {AUTH_KEY_FILE: KUBERNETES_AUTH_KEY_SECRETS[name]}
        if name in KUBERNETES_DATABASE_SECRETS:
            expected[DATABASE_URL_FILE] = KUBERNETES_DATABASE_SECRETS[name]
        assert _secret_files(deployment) == expected, name


def test_every_deployment_runs_smart_authorization_as_its_service(tmp_path_factory, monkeypatch):
    """The settings each pod builds from its ConfigMaps and its files under /run/secrets."""
    problems = []
    for name, deployment in DEPLOYMENTS.items():
        environment = _environment(deployment)
        assert environment["AUTH_MODE"] == AUTH_MODE, name
        contents = {AUTH_KEY_FILE: "-----BEGIN PRIVATE KEY-----\nkey of " + name + "\n-----END PRIVATE KEY-----",
                    DATABASE_URL_FILE: "postgresql+asyncpg://u:p@db.example.internal:5432/db"}
        with monkeypatch.context() as patch:
            settings = settings_of(environment, {f: contents[f] for f in _secret_files(deployment)},
                                   tmp_path_factory.mktemp(name), patch)
        problems += check_authorization(name, KUBERNETES_DEPLOYMENT_SERVICES[name], settings, contents[AUTH_KEY_FILE])
    assert problems == []


def test_the_operators_values_are_marked_examples():
    """The authorization server and the public URLs are the operator's: marked, not plausible."""
    text = (K8S_DIR / "configmap.yaml").read_text()
    assert "EXAMPLE VALUES ONLY" in text
    config_maps = _of_kind("ConfigMap")
    shared = config_maps[KUBERNETES_SHARED_CONFIG_MAP]["data"]
    for key in KUBERNETES_OPERATOR_SETTINGS:
        assert EXAMPLE_MARK in shared[key], key
    for name in KUBERNETES_SERVICE_CONFIG_MAPS.values():
        [_, *public] = json.loads(config_maps[name]["data"]["AUTH_AUDIENCE"])
        assert public and all(EXAMPLE_MARK in url for url in public), name


def test_example_secrets_are_marked_and_match_the_deployments():
    text = K8S_SECRET_EXAMPLE.read_text()
    assert "EXAMPLE VALUES ONLY" in text
    secrets = {doc["metadata"]["name"]: doc for doc in _documents(K8S_SECRET_EXAMPLE)}
    keys = {secret: DATABASE_URL_FILE for secret in KUBERNETES_DATABASE_SECRETS.values()}
    keys |= {secret: AUTH_KEY_FILE for secret in KUBERNETES_AUTH_KEY_SECRETS.values()}
    assert set(secrets) == set(keys)
    for name, secret in secrets.items():
        assert secret["kind"] == "Secret"
        assert set(secret["stringData"]) == {keys[name]}, name
        assert EXAMPLE_MARK in secret["stringData"][keys[name]], name


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


def _bytes(quantity: str) -> int:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    return int(quantity[:-2]) * units[quantity[-2:]] if quantity[-2:] in units else int(quantity)


def test_worker_memory_is_sized_per_analysis_run_at_once():
    concurrency = int(_of_kind("ConfigMap")[KUBERNETES_SHARED_CONFIG_MAP]["data"]["IMAGING_CONCURRENCY"])
    resources = _container(DEPLOYMENTS["imaging-worker"])["resources"]
    for kind, per_analysis in WORKER_MEMORY_PER_ANALYSIS.items():
        assert _bytes(resources[kind]["memory"]) == concurrency * _bytes(per_analysis), kind


# ---- network policies (issue 15): each service reaches only what it needs --------------------

POLICIES = _of_kind("NetworkPolicy")
ANY = "*"  # a rule without `to`, or to 0.0.0.0/0: any destination
# What each Deployment's pods may reach: (destination Deployment, or ANY, or "dns"; port).
EXPECTED_EGRESS = {
    "intake": {("imaging-api", 8003), (ANY, 5432)},
    "classifier": {("intake", 8001)},
    "imaging-api": {("intake", 8001), (ANY, 5432), ("orthanc", 8042)},
    "imaging-worker": {("intake", 8001), (ANY, 5432), ("orthanc", 8042)},
}
EVERY_POD_EGRESS = {("dns", 53), (ANY, 443)}  # DNS; the authorization server (tokens and keys)
EXPECTED_INGRESS = {"intake": {8001}, "classifier": {8002}, "imaging-api": {8003}, "imaging-worker": set()}


def _pod_labels(deployment: str) -> dict[str, str]:
    return DEPLOYMENTS[deployment]["spec"]["template"]["metadata"]["labels"]


def _selects(selector: dict, labels: dict[str, str]) -> bool:
    assert set(selector) <= {"matchLabels"}, selector  # matchExpressions would need more than this check
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def _destinations(peer: dict) -> str:
    if "ipBlock" in peer:
        assert peer["ipBlock"]["cidr"] == "0.0.0.0/0" and not peer["ipBlock"].get("except"), peer
        return ANY
    if "namespaceSelector" in peer:
        assert peer["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "kube-system"}
        assert peer["podSelector"]["matchLabels"] == {"k8s-app": "kube-dns"}
        return "dns"
    labels = peer["podSelector"]["matchLabels"]
    names = [name for name in DEPLOYMENTS if _selects(peer["podSelector"], _pod_labels(name))]
    return names[0] if len(names) == 1 else labels["app.kubernetes.io/name"]  # a pod not deployed here (Orthanc)


def _allowed(deployment: str, direction: str) -> set[tuple[str, int]]:
    allowed = set()
    for policy in POLICIES.values():
        spec = policy["spec"]
        if not _selects(spec["podSelector"], _pod_labels(deployment)):
            continue
        for rule in spec.get(direction, []):
            peers = rule.get("to" if direction == "egress" else "from") or [{}]
            for peer in peers:
                for port in rule["ports"]:
                    allowed.add((_destinations(peer) if peer else ANY, port["port"]))
    return allowed


def test_network_policies_deny_everything_else():
    deny = [p for p in POLICIES.values() if p["spec"]["podSelector"] == {} and "ingress" not in p["spec"]
            and "egress" not in p["spec"]]
    assert deny and set(deny[0]["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    for policy in POLICIES.values():  # no policy allows all ports or opens a pod to everything
        for direction in ("ingress", "egress"):
            assert all(rule.get("ports") for rule in policy["spec"].get(direction, [])), policy["metadata"]["name"]


@pytest.mark.parametrize("deployment", sorted(EXPECTED_EGRESS))
def test_network_policies_let_each_service_reach_only_what_it_needs(deployment):
    assert _allowed(deployment, "egress") == EXPECTED_EGRESS[deployment] | EVERY_POD_EGRESS
    assert {port for _, port in _allowed(deployment, "ingress")} == EXPECTED_INGRESS[deployment]


def test_the_pacs_the_policies_open_is_the_one_imaging_may_name():
    [url] = json.loads(_of_kind("ConfigMap")["imaging-settings"]["data"]["DICOMWEB_ALLOWED_URLS"])
    parts = urlsplit(url)
    for deployment in ("imaging-api", "imaging-worker"):
        assert (parts.hostname, parts.port) in _allowed(deployment, "egress")
