"""The imaging service's HTTP shapes: the DICOMweb reference callers send, the job state they read."""

from typing import Any, Literal

from pydantic import BaseModel, Field, HttpUrl

UID = r"^[0-9]+(\.[0-9]+)*$"


class DicomWebSeries(BaseModel):
    url: HttpUrl = Field(description="DICOMweb base URL, e.g. http://orthanc:8042/dicom-web: one of the servers "
                                     "the service is configured to retrieve from (DICOMWEB_ALLOWED_URLS), else 422")
    studyInstanceUid: str = Field(pattern=UID, max_length=64)
    seriesInstanceUid: str = Field(pattern=UID, max_length=64)


class AnalysisRequest(BaseModel):
    """Analyse a CT series held by a DICOMweb server (retrieved with WADO-RS)."""

    dicomweb: DicomWebSeries
    imagingStudy: str | None = Field(None, pattern=r"^ImagingStudy/[A-Za-z0-9\-.]{1,64}$",
                                     description="The ImagingStudy the report will refer to")
    subject: str | None = Field(None, pattern=r"^Patient/[A-Za-z0-9\-.]{1,64}$",
                                description="The Patient the report will refer to")


class Delivery(BaseModel):
    """The write-back of the report to the intake FHIR server (for analyses that name a subject)."""

    status: Literal["pending", "delivered", "failed"] = Field(
        description="pending: not yet accepted by intake (retried with back-off); delivered; failed: intake "
                    "refused it for good (a 4xx other than 408/429), see error")
    attempts: int
    error: str | None = Field(None, description="Why the last attempt did not succeed")
    nextAttempt: str | None = Field(None, description="When pending: the earliest next attempt")
    delivered: str | None = Field(None, description="When intake accepted it")
    identifier: dict[str, str] = Field(description="The DiagnosticReport's identifier in intake (search "
                                                   "DiagnosticReport?identifier=system|value)")


class AnalysisState(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    stage: str | None = None
    percent: int
    inputKind: Literal["nifti", "dicom", "dicomweb"]
    imagingStudy: str | None = None
    created: str
    updated: str
    attempts: int
    outcome: dict[str, Any] | None = Field(None, description="OperationOutcome saying why, when failed")
    report: dict[str, Any] | None = Field(
        None, description="When done: a collection Bundle with the DiagnosticReport (key images in "
                          "presentedForm) and one calcified-mass Observation per lesion, largest first. All are "
                          "`preliminary`, an automated result nobody has reviewed: a person confirms the report "
                          "where it was written back, in intake, by a PUT of the DiagnosticReport (and of each "
                          "lesion Observation it confirms) with `status: final` and `resultsInterpreter`, under "
                          "If-Match; a rejected lesion becomes `entered-in-error`. `effectiveDateTime` is when "
                          "the scan was taken (absent when the input does not say), `issued` when it was analysed")
    mask: str | None = Field(None, description="When done and a lesion was found: where to download the lesion "
                                               "mask (null when no lesion was found: no mask is made)")
    subject: str | None = None
    view: str = Field(description="The analysis as a page for a clinician (HTML: conclusion, lesion table, slice "
                                  "viewer), behind the same authorization as this document")
    idempotencyKey: str | None = Field(None, description="The Idempotency-Key the analysis was submitted with")
    delivery: Delivery | None = Field(None, description="When done and a subject was named: the report's "
                                                        "write-back to intake")
