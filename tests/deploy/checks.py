"""Checks that compose and Kubernetes share: what a process's settings come to, and its authorization."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from shared.auth import Scope
from shared.settings import Settings
from tests.deploy.expected import AUTH_AUDIENCES, AUTH_CLIENTS, AUTH_KEY_FILE, AUTH_MODE


def settings_of(environment: dict[str, str], secrets: dict[str, str], tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The Settings a process builds from exactly this environment and these secret files (as
    mounted under /run/secrets: file name -> content); nothing of the test run's own settings."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    for name, content in secrets.items():
        (secrets_dir / name).write_text(content)
    return Settings(_secrets_dir=secrets_dir)


def check_authorization(process: str, service: str, settings: Settings, private_key: str) -> list[str]:
    """SMART on, trusted issuers and a token endpoint, this service's identity, and its audiences:
    its in-cluster URL first, then at least one public one (https)."""
    client_id, scopes = AUTH_CLIENTS[service]
    problems = []

    def expect(condition: bool, what: str) -> None:
        if not condition:
            problems.append(f"{process}: {what}")

    expect(settings.auth_mode == AUTH_MODE, f"AUTH_MODE is {settings.auth_mode}")
    expect(bool(settings.auth_issuers), "no AUTH_ISSUERS")
    for issuer, jwks in settings.auth_issuers.items():
        expect(urlsplit(issuer).scheme == "https" and urlsplit(jwks).scheme == "https",
               f"issuer {issuer} and its JWKS {jwks} must be https")
    expect(urlsplit(settings.auth_token_url or "").scheme == "https", "AUTH_TOKEN_URL must be an https URL")
    expect(settings.auth_client_id == client_id, f"AUTH_CLIENT_ID is {settings.auth_client_id}, not {client_id}")
    expect(settings.auth_client_scopes.split() == scopes.split(),
           f"AUTH_CLIENT_SCOPES are {settings.auth_client_scopes!r}, not {scopes!r}")
    expect(all(Scope.parse(scope) for scope in settings.auth_client_scopes.split()),
           "AUTH_CLIENT_SCOPES must be SMART scopes this server honours")
    audience = settings.auth_audience
    expect(audience[:1] == [AUTH_AUDIENCES[service]], f"AUTH_AUDIENCE {audience} must start with "
                                                      f"{AUTH_AUDIENCES[service]}")
    expect(len(audience) >= 2 and all(urlsplit(url).scheme == "https" for url in audience[1:]),
           f"AUTH_AUDIENCE {audience} must name the public https URL too")
    expect(settings.auth_private_key == private_key, f"AUTH_PRIVATE_KEY is not read from {AUTH_KEY_FILE}")
    return problems
