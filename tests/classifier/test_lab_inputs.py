"""The inputs a real laboratory sends (issue 12 item 6): molar LOINC codes, ionised and corrected
calcium, albumin, bicarbonate, CRP, potassium, both FGF23s, TmP/GFR or TRP, genetic results,
histology, and lower-case unit spellings. Checked through the public path (classify_bundle is
POST /classify without HTTP; one test goes over HTTP) and on the features the model receives."""

import json
from datetime import date

import httpx
import pytest

from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.main import create_app
from services.classifier.service import classify_bundle
from shared.settings import Settings
from tests.classifier.builders import BASE, bundle, lab, patient

TODAY = date(2024, 6, 1)


def features_of(*resources):
    return extract_features(split_input(bundle(*resources)), TODAY)


def classified(*resources) -> dict:
    return classify_bundle(bundle(*resources), BASE)


def outcome_issues(result: dict) -> list[dict]:
    return [issue for e in result["entry"] if e["resource"]["resourceType"] == "OperationOutcome"
            for issue in e["resource"]["issue"]]


def basis(result: dict) -> set[str]:
    risk = next(e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")
    return {b["reference"] for b in risk.get("basis", [])}


def issue_texts(result: dict, severity: str) -> list[str]:
    return [i["diagnostics"] for i in outcome_issues(result) if i["severity"] == severity]


# --- molar LOINC codes (item 1)

def test_molar_phosphate_and_calcium_codes_are_read_in_mmol_per_litre():
    result = classified(patient(), lab("14879-1", 2.1, "mmol/L", id="phos"), lab("2000-8", 2.9, "mmol/L", id="ca"))
    assert {"Observation/phos", "Observation/ca"} <= basis(result)
    assert not issue_texts(result, "error") and not issue_texts(result, "warning")
    features = features_of(patient(), lab("14879-1", 2.1, "mmol/L", id="phos"), lab("2000-8", 2.9, "mmol/L", id="ca"))
    assert features.labs["phosphate"].value == pytest.approx(6.50, abs=0.01)
    assert features.labs["calcium"].value == pytest.approx(11.62, abs=0.01)
    assert (features.evidence["phosphate"], features.evidence["calcium"], features.evidence["ca-x-p"]) == ("high", "high", "high")


def test_molar_code_with_a_unit_of_another_kind_is_an_error_as_for_the_mass_code():
    result = classified(patient(), lab("14879-1", 2.1, "U/L", id="phos"))
    [error] = issue_texts(result, "error")
    assert "Observation/phos" in error and "cannot be converted" in error
    assert "Observation/phos" not in basis(result)


# --- lower-case and other non-UCUM spellings (item 8)

@pytest.mark.parametrize(("code", "value", "unit", "ucum", "analyte", "expected"), [
    ("2777-1", 5.1, "mg/dl", "mg/dL", "phosphate", 5.1),
    ("2777-1", 1.5, "mmol/l", "mmol/L", "phosphate", 1.5 / 0.3229),
    ("17861-6", 101, "mg/l", "mg/L", "calcium", 10.1),
    ("2160-0", 88.4, "umol/l", "umol/L", "creatinine", 1.0),
    ("2160-0", 88.4, "µmol/l", "umol/L", "creatinine", 1.0),
    ("2731-8", 300, "pg/ml", "pg/mL", "pth", 300),
    ("1989-3", 30, "ng/ml", "ng/mL", "vitamin-d-25", 30),
    ("6768-6", 250, "u/l", "U/L", "alp", 250),
    ("6768-6", 250, "iu/l", "U/L", "alp", 250),
])
def test_lower_case_units_are_read_with_a_warning_naming_the_ucum_code(code, value, unit, ucum, analyte, expected):
    result = classified(patient(), lab(code, value, unit, id="odd-case"))
    [warning] = issue_texts(result, "warning")
    assert "Observation/odd-case" in warning and repr(unit) in warning and repr(ucum) in warning
    assert "Observation/odd-case" in basis(result)  # used, not dropped
    features = features_of(patient(), lab(code, value, unit))
    assert features.labs[analyte].value == pytest.approx(expected, rel=2e-3)


def test_milliequivalents_are_millimoles_for_monovalent_ions_only():
    features = features_of(patient(), lab("2823-3", 4.1, "meq/L", id="k"), lab("1963-8", 14, "mEq/L", id="hco3"))
    assert features.labs["potassium"].value == pytest.approx(4.1)
    assert features.labs["bicarbonate"].value == pytest.approx(14)
    assert features.evidence["bicarbonate"] == "low"
    warnings = [i.diagnostics for i in features.issues if i.severity == "warning"]
    assert len(warnings) == 1 and "'mEq/L'" in warnings[0] and "'meq/L'" in warnings[0]  # meq/L is UCUM itself
    ionised = features_of(patient(), lab("1994-3", 2.5, "meq/L"))  # divalent: 2.5 mEq/L = 1.25 mmol/L
    assert ionised.labs["calcium-ionised"].value == pytest.approx(1.25)
    phosphate = features_of(patient(), lab("2777-1", 2.0, "meq/L", id="p"))  # no single charge: refused
    assert "phosphate" not in phosphate.evidence
    assert any("cannot be converted" in i.diagnostics for i in phosphate.issues if i.severity == "error")


async def test_lab_inputs_over_http(tmp_path):
    app = create_app(Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir"))
    payload = bundle(patient(), lab("14879-1", 2.2, "mmol/l", id="phos"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            response = await client.post("/classify", content=json.dumps(payload), headers={"Content-Type": "application/fhir+json"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert "Observation/phos" in basis(result)
    assert any("'mmol/l'" in w and "'mmol/L'" in w for w in issue_texts(result, "warning"))


def test_two_units_that_differ_only_in_case_are_refused_by_the_loader(tmp_path):
    import shutil

    import yaml

    from services.classifier.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge

    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    text = (target / "labs.yaml").read_text()
    data = yaml.safe_load(text)
    data["units"]["Mg/dL"] = {"kind": "mass", "factor": 1.0}  # would make 'mg/dl' ambiguous
    (target / "labs.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError, match="differ only in case"):
        load_knowledge(target)
