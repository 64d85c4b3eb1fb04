"""Settings for all three services, from environment variables.

One class for the whole system so that a deployment sets each value once; every
field is documented in the README. The embedded defaults need no variable at all.
"""

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRETS_DIR = Path("/run/secrets")  # Docker and Kubernetes mount secrets here, one file per setting


def default_validation_workers() -> int:
    """The service's own thread and its database driver keep about one CPU busy during ingest;
    more workers than the rest only compete with them (on 2 CPUs, 2 workers ingest a tenth slower
    than 1: docs/performance.md)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(4, cpus - 1))


class ConflictingSettings(RuntimeError):
    """The environment sets one setting twice (in two spellings) to different values."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="", case_sensitive=False, extra="ignore",
        secrets_dir=SECRETS_DIR if SECRETS_DIR.is_dir() else None,
    )

    data_dir: Path = Field(Path("./data"), description="Directory for SQLite files and job data.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy async URL (postgresql+asyncpg://... or sqlite+aiosqlite:///...). "
        "Default: a SQLite file per service under DATA_DIR.",
    )
    log_level: str = "INFO"
    log_json: bool = True

    canonical_base: str = Field(
        "http://calcinosis.example.org/fhir",
        description="Canonical base of the project's CodeSystems.",
    )
    public_base_url: str | None = Field(
        None,
        description="Externally visible base URL of this service's FHIR endpoint; "
        "default: taken from each request.",
    )

    max_body_bytes: int = Field(10 * 1024 * 1024, description="Largest request body accepted (413 beyond).")
    max_bundle_entries: int = Field(5000, description="Largest Bundle accepted (413 beyond).")
    max_json_depth: int = Field(64, ge=8, description="Deepest nesting of objects and arrays in a JSON body (400 beyond).")
    validation_workers: int = Field(
        default_factory=lambda: default_validation_workers(), ge=0,
        description="Worker processes that validate transaction Bundles beside the service (0: in a thread). "
        "Default: one less than the CPUs this process may use, at least 1 and at most 4.",
    )
    search_total_limit: int = Field(
        1000, description="Searches report Bundle.total when they match at most this many (always with _total=accurate).")
    max_search_value_length: int = Field(
        2048, ge=64, description="Longest value of one search parameter, in characters (400 beyond); its comma-separated "
        "alternatives count together.")
    default_page_size: int = 20
    max_page_size: int = 1000

    imaging_concurrency: int = Field(1, ge=1, description="Analyses run at once by one imaging process.")
    imaging_analysis_threads: int = Field(
        1, ge=1,
        description="Threads each analysis's distance transforms use (the same results whatever the count; "
        "one was faster on two CPUs, docs/decisions.md Imaging 87).")
    imaging_max_files: int = Field(3000, description="Most DICOM files (or zip members) in one analysis.")
    imaging_max_upload_bytes: int = Field(
        2 * 1024**3, description="Largest upload to /analyses; a zip may expand to 4 times this.")
    imaging_max_voxels: int = Field(
        512 * 512 * 2048, ge=8,
        description="Largest CT volume analysed, in voxels (an analysis holds about 4 bytes per voxel).")
    imaging_max_compression_ratio: float = Field(
        100.0, gt=1,
        description="Most bytes a zip member or a Deflated DICOM file may expand to, per byte as sent (zip bombs).")
    dicomweb_allowed_urls: list[str] = Field(
        default_factory=list,
        description='The DICOMweb servers imaging may retrieve series from, as JSON base URLs (prefixes): '
        '["http://orthanc:8042/dicom-web"]. Any other URL is refused (422) when submitted. Default: none.')
    dicomweb_allowed_networks: list[str] = Field(
        default_factory=list,
        description='Non-public address ranges (CIDR) a listed DICOMweb host name may resolve to, as JSON: '
        '["172.30.0.0/16"]. Loopback, link-local and private addresses are refused otherwise (a listed IP '
        'address is allowed as such).')
    dicomweb_deadline_seconds: float = Field(
        300.0, gt=0, description="The whole retrieval of one series over DICOMweb, resolution to last byte.")
    dicomweb_retrievals: int = Field(
        2, ge=1, description="DICOMweb retrievals one imaging process runs at once, beside its analyses.")
    job_backend: Literal["local", "procrastinate"] = Field(
        "local",
        description="Where imaging analyses run. local: in the imaging API process (the embedded default). "
        "procrastinate: the API only enqueues them in PostgreSQL (DATABASE_URL) and "
        "`python -m services.imaging.worker` processes, on any number of machines, run them.",
    )
    imaging_worker_stalled_seconds: float = Field(
        30.0, gt=0,
        description="procrastinate: a worker silent (no heartbeat) this long is taken for dead, and the "
        "analyses it held are run again by another worker.",
    )
    imaging_worker_grace_seconds: float = Field(
        540.0, ge=0,
        description="procrastinate: on SIGTERM a worker finishes its running analyses for at most this long, "
        "then hands them back to the queue (keep it below the orchestrator's grace period).",
    )

    outbox_poll_seconds: float = Field(
        1.0, gt=0, description="How often intake looks for hand-overs to deliver (imaging analyses to start).")
    outbox_max_backoff_seconds: float = Field(
        300.0, gt=0, description="Longest wait between two delivery attempts of one hand-over.")

    cds_allowed_origins: list[str] = Field(
        default_factory=lambda: ["*"],
        description="Browser origins allowed to call the classifier (CDS Hooks clients in a browser need CORS): a "
        "JSON list, e.g. [\"https://ehr.example.org\"]; [\"*\"] allows any (tokens travel in the Authorization "
        "header, never in cookies, so no credentials are allowed).",
    )

    cds_clients: dict[str, str] = Field(
        default_factory=dict,
        description="The CDS clients (EHRs) trusted to call the classifier's CDS Hooks service: each one's JWT "
        'issuer and JWKS URL, as JSON: {"https://ehr.example.org": "https://ehr.example.org/jwks"}. '
        "Default: AUTH_ISSUERS.",
    )
    cds_fhir_servers: list[str] | None = Field(
        None,
        description="The FHIR servers (base URLs, JSON list) the classifier may read a patient from when a CDS "
        "Hooks call names one as fhirServer (with fhirAuthorization); any other is refused. Default: INTAKE_URL.",
    )

    intake_url: str = "http://127.0.0.1:8001/fhir"
    classifier_url: str = "http://127.0.0.1:8002"
    imaging_url: str = "http://127.0.0.1:8003"
    imaging_public_url: str | None = Field(
        None, description="The imaging service's URL as browsers reach it (the patient page links to its analysis "
        "pages); default: IMAGING_URL.")
    http_timeout_seconds: float = 30.0

    # Authorization (shared/auth.py, README "Authorization").
    auth_mode: Literal["smart", "development"] = Field(
        "smart",
        description="smart: every request needs a bearer token of a trusted issuer (SMART Backend Services). "
        "development: no authorization at all, announced loudly at start-up; never in production.",
    )
    auth_issuers: dict[str, str] = Field(
        default_factory=dict,
        description='Trusted token issuers and their JWKS URLs, as JSON: {"https://auth.example.org": '
        '"https://auth.example.org/jwks"}. Keys are cached and fetched again when an unknown key id appears.',
    )
    auth_audience: list[str] = Field(
        default_factory=list,
        description='The audiences (aud) this service accepts: its own URLs, as JSON: ["https://fhir.example.org/fhir"].')
    auth_jwks_cache_seconds: float = Field(300.0, gt=0, description="How long an issuer's keys are kept.")
    auth_max_token_lifetime_seconds: float = Field(
        3600.0, gt=0, description="The longest lifetime (exp - iat, and exp - now) of an access token accepted; "
        "a token valid for longer is refused (401).")
    auth_token_url: str | None = Field(
        None, description="The token endpoint: where this service gets its own tokens for calls to the others, "
        "and what the SMART configuration advertises.")
    auth_client_id: str | None = Field(None, description="This service's client id at the token endpoint.")
    auth_private_key: str | None = Field(
        None, description="PEM private key this service signs its token requests with (a secret file).")
    auth_client_scopes: str = Field("", description="The scopes this service asks for, space-separated.")

    def allowed_fhir_servers(self) -> list[str]:
        """CDS_FHIR_SERVERS, or the intake service alone; without a trailing slash."""
        servers = self.cds_fhir_servers if self.cds_fhir_servers is not None else [self.intake_url]
        return [server.rstrip("/") for server in servers]

    @model_validator(mode="before")
    @classmethod
    def _one_spelling_each(cls, data: Any) -> Any:
        """Environment variables are read whatever their case, so AUTH_MODE and auth_mode both name
        auth_mode; when both are set to different values, which one wins is an accident of the
        environment's order. Refuse to start instead. Not a ValueError: pydantic would show the
        values in its message, and they may be secrets."""
        spellings: dict[str, dict[str, str]] = {}
        for key, value in os.environ.items():
            if key.lower() in cls.model_fields:
                spellings.setdefault(key.lower(), {})[key] = value
        conflicts = [" and ".join(sorted(found)) for found in spellings.values() if len(set(found.values())) > 1]
        if conflicts:
            raise ConflictingSettings(f"Conflicting settings: {'; '.join(conflicts)} are set to different values; set each "
                             "setting once")
        return data

    def database_url_for(self, service: str) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{service}.sqlite3').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
