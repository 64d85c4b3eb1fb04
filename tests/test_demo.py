"""`make demo` works as written and tells the truth: the sample patient and two CTs (one with
implanted lesions, one unmodified) through the three running services, and the clinician's pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parent.parent
LESION_LINE = re.compile(r"^\s+- Observation/[A-Za-z0-9.-]+: (left|right|midline|bilateral) [a-z-]+, "
                         r"calcified \d+(\.\d+)? mL, fluid \d+(\.\d+)? mL$", re.MULTILINE)


def section(out: str, title: str) -> str:
    """The demo's output from the line starting `title` to the next step."""
    start = out.index(title)
    end = out.find("\n==>", start)
    return out[start:end if end > 0 else None]


def test_demo_runs_through_the_system_and_says_which_ct_is_which(tmp_path):
    env = {"DATA_DIR": str(tmp_path), "VALIDATION_WORKERS": "0"}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as intake, \
            uvicorn_service("imaging", {**env, "INTAKE_URL": f"{intake}/fhir"}, tmp_path / "imaging.log") as imaging, \
            uvicorn_service("classifier", {**env, "INTAKE_URL": f"{intake}/fhir"}, tmp_path / "classifier.log") as classifier:
        urls = {"INTAKE_URL": f"{intake}/fhir", "IMAGING_URL": imaging, "CLASSIFIER_URL": classifier}
        result = subprocess.run([sys.executable, "scripts/demo.py"], cwd=ROOT, env={**os.environ, **urls},
                                capture_output=True, text=True, timeout=400)
        assert result.returncode == 0, result.stdout + result.stderr
        out = result.stdout
        # the pages it names answer, with what each should show
        pages = dict(re.findall(r"^\s+(analysis of the CT WITH A LESION|analysis of the CT UNMODIFIED|the patient): "
                                r"(http\S+)$", out, re.MULTILINE))
        assert pages.keys() == {"analysis of the CT WITH A LESION", "analysis of the CT UNMODIFIED", "the patient"}
        answers = {name: httpx.get(url, timeout=60) for name, url in pages.items()}
        studies = httpx.get(f"{intake}/fhir/ImagingStudy", params={"patient": "hftc-child-hip-familial"}).json()
    assert all(a.status_code == 200 and a.headers["content-type"].startswith("text/html") for a in answers.values())
    assert "lesion-viewer" in answers["analysis of the CT WITH A LESION"].text
    assert 'id="no-lesion"' in answers["analysis of the CT UNMODIFIED"].text
    assert 'id="differential"' in answers["the patient"].text and pages["the patient"].startswith(classifier)
    assert "stored 9 resources" in out and "RiskAssessment/" in out and "differential diagnosis" in out
    # progress: every step and every line of the analyses' waits says how long the demo has run
    steps = [line for line in out.splitlines() if line.startswith("==> ")]
    assert len(steps) >= 5 and all(re.match(r"==> \[ *\d+ s\] ", line) for line in steps), steps
    assert steps[-1].endswith("Done")
    assert re.search(r"^    \[ *\d+ s\] (queued|running|done)", out, re.M)
    # each CT is described as what it is, in the demo's words and in the ImagingStudy it stores
    descriptions = {e["resource"]["id"]: e["resource"]["description"] for e in studies["entry"]}
    upper = descriptions["hftc-child-hip-familial-ct-upper-abdomen"]
    assert "upper abdomen" in upper and "pelvis" not in upper and "unmodified" in upper
    assert "implanted" in descriptions["hftc-child-hip-familial-ct-pelvis-implanted"]
    assert "CT pelvis (sample series)" not in out
    # the CT with a lesion has its lesions, each line with its side, site and volumes; the other none
    with_lesion = section(out, "    CT WITH A LESION (lesions implanted: should be found)")
    unmodified = section(out, "    CT UNMODIFIED (nothing implanted: no lesion expected)")
    assert len(LESION_LINE.findall(with_lesion)) >= 1 and "lesion Observations: 0" not in with_lesion
    assert "lesion Observations: 0" in unmodified and not LESION_LINE.findall(unmodified)
    assert ": None" not in out and "None mL" not in out
    assert out.count("implanted: ") >= 2  # what was implanted, to compare with what was found
    # probabilities as the CDS card words them: never 100.0% or 0.0%
    differential = section(out, "    RiskAssessment/")
    assert not re.search(r"\d+\.\d%", differential)
    assert re.findall(r"^\s+(>99%|<1%|\d{1,2}%)\s+\S", differential, re.MULTILINE)
