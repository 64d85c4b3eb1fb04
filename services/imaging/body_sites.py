"""SNOMED CT equivalents of the calcinosis-site codes, from body_sites.json (verified codes only:
a site without one is sent with the project's code alone)."""

import json
from functools import cache
from pathlib import Path

SNOMED_CT = "http://snomed.info/sct"


@cache
def _sites() -> dict[str, dict]:
    data = json.loads((Path(__file__).with_name("body_sites.json")).read_text())
    assert data["system"] == SNOMED_CT
    return data["sites"]


def snomed_site(code: str) -> dict | None:
    """{"code", "display"} for a calcinosis-site code, or None when none was verified."""
    return _sites().get(code)
