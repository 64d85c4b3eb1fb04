"""Retrieving a CT series from a DICOMweb server (WADO-RS), instance by instance, to the job's folder."""

from pathlib import Path

import requests
from dicomweb_client.api import DICOMwebClient

from services.imaging.jobs import JobFailed


def retrieve_series(url: str, study_uid: str, series_uid: str, folder: Path, max_files: int,
                    timeout_seconds: float) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    session = requests.Session()
    # dicomweb-client sets no timeout itself: this session's requests get one
    session.request = _with_timeout(session.request, timeout_seconds)  # type: ignore[method-assign]
    client = DICOMwebClient(url=url, session=session)
    paths = []
    try:
        # transfer-syntax=*: take the instances as stored (e.g. JPEG 2000); asking for the default
        # uncompressed syntax makes a PACS transcode, which some (Orthanc without GDCM) cannot.
        for index, dataset in enumerate(client.iter_series(study_uid, series_uid,
                                                           media_types=(("application/dicom", "*"),))):
            if index >= max_files:
                raise JobFailed(f"The series holds more than {max_files} instances")
            path = folder / f"{index:05d}.dcm"
            dataset.save_as(path, enforce_file_format=True)
            paths.append(path)
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise JobFailed(f"The DICOMweb server answered {status} for series {series_uid} of study {study_uid}") from None
    except requests.RequestException as exc:
        raise JobFailed(f"The DICOMweb server at {url} could not be reached: {type(exc).__name__}") from None
    if not paths:
        raise JobFailed(f"The DICOMweb server has no instance of series {series_uid} in study {study_uid}")
    return paths


def _with_timeout(request, timeout_seconds: float):
    def send(*args, **kwargs):
        kwargs.setdefault("timeout", timeout_seconds)
        return request(*args, **kwargs)

    return send
