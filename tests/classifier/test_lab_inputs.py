"""The inputs a real laboratory sends (issue 12 item 6): molar LOINC codes, ionised and corrected
calcium, albumin, bicarbonate, CRP, potassium, both FGF23s, TmP/GFR or TRP, genetic results,
histology, and lower-case unit spellings. Checked through the public path (classify_bundle is
POST /classify without HTTP; one test goes over HTTP) and on the features the model receives."""

import json
import shutil
from datetime import date

import httpx
import pytest
import yaml
from fhir.resources.R4B import get_fhir_model_class

from services.classifier.derived_labs import walton_bijvoet_tmp_gfr
from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.inference import assess, patient_facts
from services.classifier.knowledge import KNOWLEDGE_DIR, KnowledgeError, knowledge, load_knowledge
from services.classifier.main import create_app
from services.classifier.pipeline import classify
from services.classifier.service import classify_bundle
from shared.settings import Settings
from tests.classifier.builders import BASE, FINDING, bundle, lab, patient

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


# --- calcium: ionised, then albumin-corrected, then total corrected for albumin (item 2)

def information(result: dict) -> str:
    return " | ".join(issue_texts(result, "information"))


def test_ionised_calcium_decides_the_calcium_state_and_the_product_keeps_total_calcium():
    resources = (patient(), lab("17861-6", 9.5, "mg/dL", id="ca"), lab("1994-3", 1.45, "mmol/L", id="ica"),
                 lab("2777-1", 6.0, "mg/dL", id="phos"))
    features = features_of(*resources)
    assert features.evidence["calcium"] == "high"  # total 9.5 is normal; ionised 1.45 is high (1.16-1.32)
    assert features.lab_features["calcium"].analyte == "calcium-ionised"
    assert features.calcium_phosphate_product == pytest.approx(9.5 * 6.0)  # total, not ionised, calcium
    result = classified(*resources)
    text = information(result)
    assert "'high' decided by ionised calcium 1.45 mmol/L (Observation/ica)" in text
    assert "not used for the state: Observation/ca" in text
    assert "Observation/ica" in basis(result)


@pytest.mark.parametrize(("age_birth", "state"), [("2014-01-01", "normal"), ("1980-01-01", "high")])
def test_ionised_calcium_intervals_depend_on_age(age_birth, state):
    assert features_of(patient(birth=age_birth), lab("1994-3", 1.35, "mmol/L")).evidence["calcium"] == state


@pytest.mark.parametrize(("code", "value", "unit"), [("29265-6", 2.75, "mmol/L"), ("46099-8", 11.0, "mg/dL")])
def test_albumin_corrected_calcium_comes_before_total_calcium(code, value, unit):
    resources = (patient(), lab("17861-6", 9.0, "mg/dL", id="ca"), lab(code, value, unit, id="cca"),
                 lab("1751-7", 2.5, "g/dL", id="alb"), lab("2777-1", 4.0, "mg/dL", id="phos"))
    features = features_of(*resources)
    assert features.evidence["calcium"] == "high"
    assert features.lab_features["calcium"].basis == "albumin-corrected calcium"
    assert features.calcium_phosphate_product == pytest.approx(11.0 * 4.0, rel=2e-3)  # the corrected calcium
    assert "decided by albumin-corrected calcium" in information(classified(*resources))


def test_total_calcium_is_corrected_for_the_albumin_of_the_same_work_up():
    # 10.2 mg/dL is normal as it stands; with albumin 25 g/L it is 10.2 + 0.8 x 1.5 = 11.4 (Payne): high
    resources = (patient(), lab("17861-6", 10.2, "mg/dL", id="ca"), lab("1751-7", 25, "g/L", id="alb"),
                 lab("2777-1", 5.0, "mg/dL", id="phos"))
    features = features_of(*resources)
    decided = features.lab_features["calcium"]
    assert (decided.value, decided.state) == (pytest.approx(11.4), "high")
    assert features.labs["calcium"].value == pytest.approx(10.2)  # the result as sent is kept
    assert features.calcium_phosphate_product == pytest.approx(11.4 * 5.0)
    assert features.evidence_references["calcium"] == ["Observation/ca", "Observation/alb"]
    result = classified(*resources)
    assert "total calcium 10.2 mg/dL corrected for albumin 2.5 g/dL (Payne)" in information(result)
    assert {"Observation/ca", "Observation/alb"} <= basis(result)


def test_low_total_calcium_with_low_albumin_is_normal_once_corrected():
    features = features_of(patient(), lab("17861-6", 8.0, "mg/dL"), lab("1751-7", 2.0, "g/dL", id="alb"))
    assert features.labs["calcium"].state == "low" and features.evidence["calcium"] == "normal"  # 9.6


def test_albumin_of_another_day_does_not_correct_calcium():
    features = features_of(patient(), lab("17861-6", 8.0, "mg/dL", when="2024-06-01"),
                           lab("1751-7", 2.0, "g/dL", id="alb", when="2024-03-01"))
    assert features.evidence["calcium"] == "low"
    assert any("no serum albumin of the same day" in i.diagnostics for i in features.issues)


def test_corrected_total_calcium_is_read_against_the_labs_own_range_and_its_flag_is_not_reused():
    features = features_of(patient(), lab("17861-6", 9.9, "mg/dL", id="ca", reference_range=(8.5, 10.2), interpretation="N"),
                           lab("1751-7", 3.0, "g/dL", id="alb"))
    decided = features.lab_features["calcium"]
    assert (decided.value, decided.state, decided.decided_by) == (pytest.approx(10.7), "high", "reference-range")
    assert any("flag on the uncorrected total was not used" in i.diagnostics for i in features.issues)


def test_ionised_calcium_alone_gives_no_calcium_phosphate_product():
    features = features_of(patient(), lab("1994-3", 1.2, "mmol/L"), lab("2777-1", 6.0, "mg/dL", id="phos"))
    assert features.evidence["calcium"] == "normal"
    assert "ca-x-p" not in features.evidence and features.calcium_phosphate_product is None


# --- TmP/GFR, measured or from TRP and phosphate (item 5)

def test_walton_bijvoet_relation():
    assert walton_bijvoet_tmp_gfr(0.80, 1.0) == pytest.approx(0.80)  # linear up to TRP 0.86
    assert walton_bijvoet_tmp_gfr(0.95, 1.0) == pytest.approx(0.3 * 0.95 / (1 - 0.76))
    # no jump at the knee
    assert walton_bijvoet_tmp_gfr(0.86, 1.0) == pytest.approx(walton_bijvoet_tmp_gfr(0.8601, 1.0), abs=0.05)


@pytest.mark.parametrize(("value", "unit", "state"), [(0.6, "mmol/L", "low"), (2.0, "mg/dL", "low"), (1.2, "mmol/L", "normal"),
                                                      (5.0, "mg/dl", "high")])
def test_measured_tmp_gfr_decides_the_feature(value, unit, state):
    features = features_of(patient(), lab("tmp-gfr", value, unit, system=FINDING))
    assert features.evidence["tmp-gfr"] == state


def test_tmp_gfr_intervals_are_higher_in_children():
    child = features_of(patient(birth="2016-01-01"), lab("tmp-gfr", 1.8, "mmol/L", system=FINDING))
    adult = features_of(patient(birth="1980-01-01"), lab("tmp-gfr", 1.8, "mmol/L", system=FINDING))
    assert (child.evidence["tmp-gfr"], adult.evidence["tmp-gfr"]) == ("normal", "high")


def test_tmp_gfr_is_calculated_from_trp_and_the_phosphate_of_the_same_work_up():
    # hyperphosphataemic TC: TRP 95%, phosphate 6.8 mg/dL (2.20 mmol/L) -> 0.3 x 0.95 / 0.24 x 2.20 = 2.61 mmol/L
    resources = (patient(), lab("tubular-reabsorption-phosphate", 95, "%", id="trp", system=FINDING),
                 lab("2777-1", 6.8, "mg/dL", id="phos"))
    features = features_of(*resources)
    decided = features.lab_features["tmp-gfr"]
    assert decided.value == pytest.approx(1.1875 * 6.8 / 3.0974, rel=1e-3)
    assert features.evidence["tmp-gfr"] == "high"
    assert features.evidence_references["tmp-gfr"] == ["Observation/trp", "Observation/phos"]
    result = classified(*resources)
    assert "calculated from TRP 95% and serum phosphate 2.20 mmol/L (Walton-Bijvoet, Payne 1998)" in information(result)
    assert {"Observation/trp", "Observation/phos"} <= basis(result)


def test_trp_below_the_knee_and_trp_without_phosphate():
    linear = features_of(patient(), lab("tubular-reabsorption-phosphate", 80, "%", system=FINDING),
                         lab("14879-1", 1.0, "mmol/L", id="phos"))
    assert linear.lab_features["tmp-gfr"].value == pytest.approx(0.80)
    assert linear.evidence["tmp-gfr"] == "low"  # adult woman 0.96-1.44
    alone = features_of(patient(), lab("tubular-reabsorption-phosphate", 80, "%", system=FINDING))
    assert "tmp-gfr" not in alone.evidence
    assert any("no serum phosphate value of the same day" in i.diagnostics for i in alone.issues)


def test_measured_tmp_gfr_wins_over_a_calculated_one():
    features = features_of(patient(), lab("tmp-gfr", 1.2, "mmol/L", id="tmp", system=FINDING),
                           lab("tubular-reabsorption-phosphate", 95, "%", id="trp", system=FINDING),
                           lab("2777-1", 6.8, "mg/dL", id="phos"))
    assert features.evidence["tmp-gfr"] == "normal" and features.evidence_references["tmp-gfr"] == ["Observation/tmp"]


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
    ("1751-7", 3.5, "g/dl", "g/dL", "albumin", 3.5),
    ("1751-7", 35, "g/l", "g/L", "albumin", 3.5),
    ("1988-5", 12, "mg/l", "mg/L", "crp", 12),
    ("1963-8", 24, "meq/l", "meq/L", "bicarbonate", 24),
    ("2823-3", 4.2, "MMOL/L", "mmol/L", "potassium", 4.2),
])
def test_lower_case_units_are_read_with_a_warning_naming_the_ucum_code(code, value, unit, ucum, analyte, expected):
    result = classified(patient(), lab(code, value, unit, id="odd-case"))
    [warning] = issue_texts(result, "warning")
    assert "Observation/odd-case" in warning and repr(unit) in warning and repr(ucum) in warning
    if analyte in knowledge().catalog.features:  # albumin alone is not evidence: it only corrects calcium
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
            response = await client.post("/classify", content=json.dumps(payload),
                                         headers={"Content-Type": "application/fhir+json"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert "Observation/phos" in basis(result)
    assert any("'mmol/l'" in w and "'mmol/L'" in w for w in issue_texts(result, "warning"))


def test_two_units_that_differ_only_in_case_are_refused_by_the_loader(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    text = (target / "labs.yaml").read_text()
    data = yaml.safe_load(text)
    data["units"]["Mg/dL"] = {"kind": "mass", "factor": 1.0}  # would make 'mg/dl' ambiguous
    (target / "labs.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError, match="differ only in case"):
        load_knowledge(target)


# --- genetic results (item 6)

HGNC = "http://www.genenames.org/geneId"
PRESENT, ABSENT = "LA9633-4", "LA9634-2"
PATHOGENIC, LIKELY_PATHOGENIC, VUS, LIKELY_BENIGN, BENIGN = "LA6668-3", "LA26332-9", "LA26333-7", "LA26334-5", "LA6675-8"


def genetic(gene: dict, presence: str | None = PRESENT, significance: str | None = PATHOGENIC, id: str = "gen",
            when: str = "2024-06-01") -> dict:
    """A FHIR genomics 'Genetic variant assessment' as the spec of issue 12 gives it."""
    loinc = "http://loinc.org"
    components = [{"code": {"coding": [{"system": loinc, "code": "48018-6", "display": "Gene studied [ID]"}]},
                   "valueCodeableConcept": gene}]
    if significance:
        components.append({"code": {"coding": [{"system": loinc, "code": "53037-8"}]},
                           "valueCodeableConcept": {"coding": [{"system": loinc, "code": significance}]}})
    observation = {"resourceType": "Observation", "id": id, "status": "final",
                   "code": {"coding": [{"system": loinc, "code": "69548-6", "display": "Genetic variant assessment"}]},
                   "subject": {"reference": "Patient/p1"}, "effectiveDateTime": when, "component": components}
    if presence:
        observation["valueCodeableConcept"] = {"coding": [{"system": loinc, "code": presence}]}
    return observation


def hgnc(code: str, symbol: str | None = None) -> dict:
    return {"coding": [{"system": HGNC, "code": code, **({"display": symbol} if symbol else {})}]}


@pytest.mark.parametrize(("code", "symbol", "state"), [
    ("HGNC:4125", "GALNT3", "galnt3"), ("HGNC:3680", "FGF23", "fgf23"), ("HGNC:6344", "KL", "kl"),
    ("HGNC:1348", "SAMD9", "samd9"), ("HGNC:4392", "GNAS", "gnas"), ("HGNC:171", "ACVR1", "acvr1"), ("HGNC:57", "ABCC6", "abcc6"),
])
def test_a_pathogenic_variant_gives_its_gene(code, symbol, state):
    result = classified(patient(), genetic(hgnc(code, symbol)))
    assert "Observation/gen" in basis(result)
    assert not issue_texts(result, "warning") and not issue_texts(result, "error")
    assert features_of(patient(), genetic(hgnc(code, symbol))).evidence["pathogenic-variant"] == state


@pytest.mark.parametrize(("presence", "significance", "state"), [
    (PRESENT, LIKELY_PATHOGENIC, "galnt3"), (ABSENT, None, "none-found"), (PRESENT, BENIGN, "none-found"),
    (PRESENT, LIKELY_BENIGN, "none-found"),
])
def test_presence_and_significance(presence, significance, state):
    features = features_of(patient(), genetic(hgnc("HGNC:4125"), presence, significance))
    assert features.evidence["pathogenic-variant"] == state


def test_a_variant_of_uncertain_significance_is_not_evidence():
    result = classified(patient(), genetic(hgnc("HGNC:4125", "GALNT3"), significance=VUS))
    assert "Observation/gen" not in basis(result)
    assert any("uncertain significance in GALNT3" in text for text in issue_texts(result, "information"))
    assert "pathogenic-variant" not in features_of(patient(), genetic(hgnc("HGNC:4125"), significance=VUS)).evidence


@pytest.mark.parametrize("gene", [{"coding": [{"system": HGNC, "display": "GALNT3"}]}, {"coding": [{"display": "galnt3"}]},
                                  {"text": "GALNT3"}])
def test_a_gene_given_as_text_is_read_with_a_warning(gene):
    features = features_of(patient(), genetic(gene))
    assert features.evidence["pathogenic-variant"] == "galnt3"
    [warning] = [i.diagnostics for i in features.issues if i.severity == "warning"]
    assert "HGNC:4125" in warning and HGNC in warning


def test_a_gene_the_classifier_does_not_model_is_not_evidence():
    features = features_of(patient(), genetic(hgnc("HGNC:8918", "PHEX")))
    assert "pathogenic-variant" not in features.evidence
    assert any("PHEX (HGNC:8918), not a gene the classifier models" in i.diagnostics for i in features.issues)


def test_a_pathogenic_variant_outweighs_a_negative_result():
    features = features_of(patient(), genetic(hgnc("HGNC:3680"), ABSENT, None, id="neg", when="2024-05-01"),
                           genetic(hgnc("HGNC:4125"), id="pos", when="2023-01-01"))
    assert features.evidence["pathogenic-variant"] == "galnt3"
    assert features.evidence_references["pathogenic-variant"] == ["Observation/pos"]


@pytest.mark.parametrize(("presence", "significance", "fragment"), [(None, PATHOGENIC, "without a value LA9633-4"),
                                                                     (PRESENT, None, "without a clinical significance")])
def test_an_incomplete_genetic_result_is_reported_and_not_used(presence, significance, fragment):
    result = classified(patient(), genetic(hgnc("HGNC:4125"), presence, significance))
    assert any(fragment in text for text in issue_texts(result, "warning"))
    assert "Observation/gen" not in basis(result)


def test_a_malformed_gene_coding_is_refused_at_the_boundary():
    result = classified(patient(), genetic({"coding": [{"system": HGNC, "display": 4125}]}))
    assert any("Observation/gen" in text and "display" in text for text in issue_texts(result, "error"))


# --- histology (item 7)

def histology(code: str, id: str = "histo") -> dict:
    return {"resourceType": "Observation", "id": id, "status": "final",
            "code": {"coding": [{"system": FINDING, "code": "histology"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-06-01",
            "valueCodeableConcept": {"coding": [{"system": FINDING, "code": code}]}}


def test_histology_gives_the_histology_feature():
    result = classified(patient(), histology("amorphous-calcium-giant-cells"))
    assert "Observation/histo" in basis(result) and not issue_texts(result, "warning")
    assert features_of(patient(), histology("urate-crystals")).evidence["histology"] == "urate-crystals"


def test_an_unknown_histology_code_is_a_warning_and_ignored():
    result = classified(patient(), histology("lipoma"))
    assert any("Observation/histo" in w and "lipoma" in w for w in issue_texts(result, "warning"))
    assert "histology" not in features_of(patient(), histology("lipoma")).evidence


# --- the new features reach the model and its explanation (item 9)

def _coherent(prevalences: dict[str, float], state: str, lr: float) -> dict:
    """LR `lr` for one state, the same LR for the others, so that the table is coherent."""
    rest = (1 - prevalences[state] * lr) / (1 - prevalences[state])
    return {s: {"lr": round(lr if s == state else rest, 4), "source": "expert estimate: test figure",
                "estimate": True} for s in prevalences}


@pytest.fixture(scope="module")
def kb_with_new_figures(tmp_path_factory):
    """The packaged knowledge plus figures for the new features on one diagnosis (diagnoses.yaml
    itself is written by the knowledge helper): the rationale must then name them."""
    target = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    kb = knowledge()
    chosen = {"fgf23-c-terminal": "high", "tmp-gfr": "high", "pathogenic-variant": "galnt3", "bicarbonate": "low",
              "histology": "amorphous-calcium-giant-cells"}
    diagnoses = yaml.safe_load((target / "diagnoses.yaml").read_text())
    hftc = next(d for d in diagnoses if d["code"] == "tc-primary-hyperphosphatemic")
    for feature, state in chosen.items():
        hftc["labs"][feature] = _coherent(kb.feature_states(feature), state, 3.0)
    (target / "diagnoses.yaml").write_text(yaml.safe_dump(diagnoses, sort_keys=False))
    return load_knowledge(target)


def test_new_features_appear_in_the_rationale_and_the_values_the_rules_read(kb_with_new_figures):
    resources = (patient(birth="2012-03-01", gender="male"), lab("1994-3", 1.45, "mmol/L", id="ica"),
                 lab("2777-1", 7.4, "mg/dL", id="phos"), lab("fgf23-c-terminal", 900, "RU/mL", id="cterm", system=FINDING),
                 lab("tubular-reabsorption-phosphate", 96, "%", id="trp", system=FINDING), lab("1963-8", 15, "mmol/l", id="hco3"),
                 genetic(hgnc("HGNC:4125", "GALNT3")), histology("amorphous-calcium-giant-cells"))
    result, _ = classify(bundle(*resources), BASE, TODAY, kb_with_new_figures)
    risk = next(e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")
    hftc = next(p for p in risk["prediction"] if p["outcome"]["coding"][0]["code"] == "tc-primary-hyperphosphatemic")
    for words in ("C-terminal FGF23: high", "TmP/GFR (renal phosphate threshold): high", "pathogenic variant: GALNT3",
                  "serum bicarbonate: low", "histology of the mass: Amorphous calcium deposits with giant cells"):
        assert words in hftc["rationale"], words
    features = extract_features(split_input(bundle(*resources)), TODAY, kb_with_new_figures)
    facts = patient_facts(features, {code: 0.0 for code in kb_with_new_figures.priors}, "tc-primary-hyperphosphatemic",
                          kb_with_new_figures)
    assert facts.values["calcium"] == "ionised calcium: 1.45 mmol/L (high)"
    assert assess(features, kb_with_new_figures).predictions[0].code == "tc-primary-hyperphosphatemic"


def test_new_lab_features_can_be_requested_as_next_tests_with_verified_codes():
    tests = {feature: spec.test for feature, spec in knowledge().testable_features}
    assert {"fgf23", "fgf23-c-terminal", "tmp-gfr", "bicarbonate", "crp", "potassium"} <= set(tests)
    assert {f: tests[f].code.code for f in ("bicarbonate", "crp", "potassium")} == {"bicarbonate": "1963-8", "crp": "1988-5",
                                                                                    "potassium": "2823-3"}
    assert "pathogenic-variant" not in tests and "histology" not in tests  # ordered by the rules, not by information gain


def test_the_genetic_and_histology_shapes_are_valid_fhir_r4():
    """What the evaluation set and a real lab send must also be storable in intake (FHIR R4 valid)."""
    observation = get_fhir_model_class("Observation")
    for resource in (genetic(hgnc("HGNC:4125", "GALNT3")), genetic({"text": "GALNT3"}, ABSENT, None), histology("urate-crystals"),
                     lab("fgf23-c-terminal", 900, "[arb'U]/mL", system=FINDING)):
        observation.model_validate(resource)
