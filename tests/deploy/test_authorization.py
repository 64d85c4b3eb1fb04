"""Authorization in the deployments: SMART everywhere, development mode nowhere.

Development mode (AUTH_MODE=development, no authorization at all) exists for a developer's
machine, asked for explicitly (scripts/run.sh, the tests); docker-compose.yml, the image and the
Kubernetes manifests never use it. The wiring of each service's identity is checked by
test_compose.py and test_kubernetes.py.
"""

import re
from pathlib import Path

import pytest
import yaml

from tests.deploy.expected import AUTH_MODE, COMPOSE_COMMANDS, COMPOSE_FILE, DOCKERFILE, K8S_DIR, KUBERNETES_COMMANDS

DEPLOYMENT_FILES = [COMPOSE_FILE, DOCKERFILE, *sorted(K8S_DIR.glob("*.yaml"))]
# AUTH_MODE=development, AUTH_MODE: development, "AUTH_MODE": "development", ${AUTH_MODE:-development}...
DEVELOPMENT = re.compile(r"AUTH_MODE\W{0,5}development", re.IGNORECASE)


def _without_comments(text: str) -> str:
    """The text with YAML / Dockerfile comments left out (a whole line, or from ` #` on)."""
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        lines.append(re.split(r"\s#", line, maxsplit=1)[0])
    return "\n".join(lines)


def _auth_modes(node) -> list[str]:
    """Every value given to AUTH_MODE in a parsed document: as a mapping key (compose
    environment, ConfigMap data) or as a Kubernetes env entry ({name: AUTH_MODE, value: ...})."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).upper() == "AUTH_MODE":
                found.append(value)
        if str(node.get("name", "")).upper() == "AUTH_MODE" and "value" in node:
            found.append(node["value"])
        for value in node.values():
            found += _auth_modes(value)
    elif isinstance(node, list):
        for item in node:
            found += _auth_modes(item)
    return found


@pytest.mark.parametrize("path", DEPLOYMENT_FILES, ids=lambda p: str(p.relative_to(COMPOSE_FILE.parent)))
def test_no_deployment_file_turns_authorization_off(path: Path):
    text = _without_comments(path.read_text())
    assert not DEVELOPMENT.search(text), f"{path.name} sets AUTH_MODE=development"
    if path.suffix in (".yml", ".yaml"):
        for document in yaml.safe_load_all(path.read_text()):
            modes = _auth_modes(document)
            assert all(mode == AUTH_MODE for mode in modes), f"{path.name}: AUTH_MODE {modes}"


def test_every_app_service_sets_smart_explicitly():
    """Not left to the default: each compose app service and each Deployment says smart itself."""
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    for name in COMPOSE_COMMANDS:
        service = compose["services"][name]
        assert service["environment"].get("AUTH_MODE") == AUTH_MODE, name
        assert "env_file" not in service, f"{name}: an env file could turn authorization off unseen"
    config_maps = {doc["metadata"]["name"]: doc for path in K8S_DIR.glob("*.yaml")
                   for doc in yaml.safe_load_all(path.read_text()) if doc and doc["kind"] == "ConfigMap"}
    deployments = {doc["metadata"]["name"]: doc for path in K8S_DIR.glob("*.yaml")
                   for doc in yaml.safe_load_all(path.read_text()) if doc and doc["kind"] == "Deployment"}
    assert set(deployments) == set(KUBERNETES_COMMANDS)
    for name, deployment in deployments.items():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            sources = container.get("envFrom", [])
            assert all(set(source) == {"configMapRef"} for source in sources), f"{name}: settings from ConfigMaps only"
            modes = [config_maps[s["configMapRef"]["name"]]["data"].get("AUTH_MODE") for s in sources]
            modes += [e.get("value") for e in container.get("env", []) if e["name"] == "AUTH_MODE"]
            modes = [mode for mode in modes if mode is not None]
            assert modes and all(mode == AUTH_MODE for mode in modes), f"{name}: AUTH_MODE {modes}"


@pytest.mark.parametrize("line", [
    "  AUTH_MODE: development",
    '  AUTH_MODE: "development"',
    "ENV AUTH_MODE=development",
    '  AUTH_MODE: "${AUTH_MODE:-development}"',
    '    command: ["env", "AUTH_MODE=development", "python"]',
])
def test_the_scan_finds_development_mode(line):
    """The text scan is not vacuous: each way of writing it is found, outside a comment only."""
    assert DEVELOPMENT.search(_without_comments(line))
    assert not DEVELOPMENT.search(_without_comments(f"# {line.strip()}"))
