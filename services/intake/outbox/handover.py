"""The hand-over to imaging: what an ImagingStudy asks the imaging service to do, recorded in the
transactional outbox (docs/architecture.md, Flows 2).

An ImagingStudy that names a CT series and a DICOMweb endpoint asks the imaging service to
analyse that series. The interactions layer records the request as the step after writing the
study, in the same database transaction, so it is never lost and never sent for a study that was
rolled back; the relay (relay.py) delivers it afterwards. Its key (study and series UIDs) is
unique here and sent as the Idempotency-Key there: one series is analysed once, however often its
study is written or a delivery repeated.
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from services.intake.outbox.models import OutboxMessage
from shared.fhir_time import now_ms
from shared.logging import request_id_var

IMAGING_ANALYSIS = "imaging-analysis"
DICOM_UID_SYSTEM = "urn:dicom:uid"
DICOM_MODALITIES = "http://dicom.nema.org/resources/ontology/DCM"
WADO_RS = ("http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "dicom-wado-rs")
ANALYSED_MODALITIES = {"CT"}
NOT_ANALYSED_STATUSES = {"cancelled", "entered-in-error"}


def analysis_requests(study: dict, study_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(key, body of POST /analyses) for each CT series of an ImagingStudy reachable over DICOMweb.

    The endpoint is a contained Endpoint (connectionType dicom-wado-rs) named by the series or,
    failing that, by the study: this server stores no Endpoint resources (docs/decisions.md).
    """
    subject = (study.get("subject") or {}).get("reference", "")
    study_uid = _study_uid(study)
    if study.get("status") in NOT_ANALYSED_STATUSES or not study_uid or not subject.startswith("Patient/"):
        return []
    addresses = _wado_rs_addresses(study)
    study_url = _first_address(study.get("endpoint", []), addresses)
    requests = []
    for series in study.get("series", []):
        modality = series.get("modality") or {}
        if modality.get("code") not in ANALYSED_MODALITIES or modality.get("system", DICOM_MODALITIES) != DICOM_MODALITIES:
            continue
        url = _first_address(series.get("endpoint", []), addresses) or study_url
        if url and series.get("uid"):
            requests.append((f"{study_uid}/{series['uid']}", {
                "dicomweb": {"url": url, "studyInstanceUid": study_uid, "seriesInstanceUid": series["uid"]},
                "imagingStudy": f"ImagingStudy/{study_id}", "subject": subject,
            }))
    return requests


def _study_uid(study: dict) -> str | None:
    for identifier in study.get("identifier", []):
        if identifier.get("system") == DICOM_UID_SYSTEM and identifier.get("value", "").startswith("urn:oid:"):
            return identifier["value"].removeprefix("urn:oid:")
    return None


def _wado_rs_addresses(study: dict) -> dict[str, str]:
    addresses = {}
    for contained in study.get("contained", []):
        codings = [(contained.get("connectionType") or {}).get(k) for k in ("system", "code")]
        if (contained.get("resourceType") == "Endpoint" and tuple(codings) == WADO_RS
                and contained.get("status") == "active" and contained.get("address")):
            addresses[f"#{contained.get('id')}"] = contained["address"]
    return addresses


def _first_address(references: list[dict], addresses: dict[str, str]) -> str | None:
    return next((addresses[r["reference"]] for r in references if r.get("reference") in addresses), None)


async def hand_over(connection: AsyncConnection, written: Iterable[tuple[str, str, dict | None]]) -> None:
    """The step after a write, in the writer's transaction: record what the resources just written
    ((type, id, content) of each) ask of other services."""
    analyses = [request for resource_type, resource_id, content in written
                if resource_type == "ImagingStudy" and content is not None  # a deletion hands nothing over
                for request in analysis_requests(content, resource_id)]
    await record(connection, IMAGING_ANALYSIS, analyses)


async def record(connection: AsyncConnection, topic: str, messages: list[tuple[str, dict]]) -> None:
    """Write hand-overs inside the caller's transaction; one already recorded is left as it is."""
    if not messages:
        return
    stamp, request_id = now_ms(), request_id_var.get()
    rows = [{"topic": topic, "key": key, "payload": payload, "created_ms": stamp, "next_attempt_ms": stamp,
             "attempts": 0, "request_id": None if request_id == "-" else request_id} for key, payload in messages]
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    await connection.execute(insert(OutboxMessage).values(rows).on_conflict_do_nothing(
        index_elements=["topic", "key"]))
