"""Management computed for the patient, contraindications, the can't-miss layer and how
probabilities are shown (the classifier issue, items 1 to 3)."""

import json
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.classifier.cds_hooks import card_from_result
from services.classifier.pipeline import classify
from services.classifier.probability import format_probability
from tests.classifier.builders import BASE, bundle, finding, lab, mass, patient

TODAY = date(2024, 9, 1)
CASES = Path(__file__).parent / "cases"


def run(*resources):
    result, _ = classify(bundle(*resources), BASE, TODAY)
    for entry in result["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    return result


def risk_of(result):
    return next(e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")


def notes(result):
    return [n["text"] for n in risk_of(result).get("note", [])]


def management(result):
    return [n for n in notes(result) if n.startswith("Management consideration")]


def requests(result):
    return [e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "ServiceRequest"]


def all_text(result):
    return " ".join(notes(result) + [r["code"]["text"] for r in requests(result)])


def dialysis_patient(pth, *extra):
    return run(patient(birth="1970-01-01", gender="male"), finding("dialysis"),
               lab("2731-8", pth, "pg/mL", id="pth"), lab("2777-1", 7.5, "mg/dL", id="phos"),
               lab("17861-6", 10.2, "mg/dL", id="ca"),
               mass("hip-gluteal", size=90, pattern="lobulated-cloudlike", fluid_calcium_level=True), *extra)


# ---- item 1: management for this patient, with contraindications and sources

def test_dialysis_patient_with_normal_pth_on_calcitriol_and_calcium_carbonate():
    result = dialysis_patient(45, finding("active-vitamin-d-therapy", id="vd"), finding("calcium-based-binder", id="cb"))
    assert risk_of(result)["prediction"][0]["outcome"]["coding"][0]["code"] == "tc-secondary-uremic"
    advice = management(result)
    text = " ".join(advice)
    assert "treat the secondary hyperparathyroidism first" not in text.lower()
    stops = [a for a in advice if "[STOP]" in a]
    assert any("Stop calcitriol" in a and "PTH is not high (PTH: 45 pg/mL" in a for a in stops)
    assert any("Stop calcium carbonate" in a for a in stops)
    assert advice[0].startswith("Management consideration: [STOP]")  # stops come first
    # first line: lower Ca x P; no PTH-lowering treatment when PTH is not high
    assert any("First line: lower the calcium x phosphate product" in a for a in advice)
    assert any("Low-calcium dialysate" in a for a in advice)
    assert not any(word in text for word in ("cinacalcet", "Parathyroidectomy when"))
    assert "Surgery rarely" in text
    # no creatinine / eGFR for a patient on dialysis
    assert "creatinine" not in all_text(result).lower()
    assert all("(source: " in a for a in advice)
    card = card_from_result(result)
    assert card.indicator == "warning" and "2 current treatments to stop" in card.summary


def test_dialysis_patient_with_high_pth_is_offered_pth_lowering_treatment():
    advice = " ".join(management(dialysis_patient(900)))
    assert "calcimimetic" in advice and "Parathyroidectomy when PTH stays high" in advice
    assert "Stop" not in advice


def test_child_gets_no_aluminium_and_stops_it():
    result = run(patient(birth="2015-01-01", gender="male"), finding("family-history-calcinosis"),
                 finding("aluminium-binder", id="al"),
                 lab("2777-1", 7.4, "mg/dL", id="phos"), mass("hip-gluteal", size=60, pattern="lobulated-cloudlike"))
    assert risk_of(result)["prediction"][0]["outcome"]["coding"][0]["code"] == "tc-primary-hyperphosphatemic"
    advice = management(result)
    assert any("[STOP] Stop aluminium hydroxide" in a and "children" in a for a in advice)
    assert not any("Aluminium hydroxide only" in a for a in advice)
    assert any("Burosumab is not indicated" in a for a in advice)
    assert any("paediatric dietitian" in a for a in advice)
    tests = all_text(result)
    assert "FGF23, intact and C-terminal" in tests and "TmP/GFR" in tests


def test_adult_hftc_with_normal_kidneys_may_have_aluminium_second_line_but_not_in_ckd():
    def hftc(*extra):
        return run(patient(birth="1995-01-01", gender="male"), finding("family-history-calcinosis"),
                   lab("2777-1", 6.5, "mg/dL", id="phos"),
                   mass("hip-gluteal", size=60, pattern="lobulated-cloudlike"),
                   mass("elbow", id="m2", size=30, pattern="lobulated-cloudlike"), *extra)
    assert any("Aluminium hydroxide only" in a for a in management(hftc(lab("33914-3", 100, "mL/min/{1.73_m2}", id="gfr"))))
    unknown_kidneys = management(hftc())
    assert not any("Aluminium hydroxide only" in a for a in unknown_kidneys)
    assert any("Not advised: aluminium" in a for a in unknown_kidneys)


def test_every_tumoral_calcinosis_leader_is_told_to_exclude_malignancy_before_excision():
    for name in ("uremic-published-hip-case", "hftc-child-hip-familial", "nftc-mmol-values"):
        result, _ = classify(json.loads((CASES / f"{name}.json").read_text()), BASE, TODAY)
        assert any("[SAFETY] Before any excision, exclude a malignancy" in a for a in management(result)), name


def test_not_tumoral_calcinosis_gets_no_tumoral_calcinosis_management():
    result, _ = classify(json.loads((CASES / "calcific-tendinopathy-shoulder.json").read_text()), BASE, TODAY)
    assert not any("First line" in a or "Surgery" in a for a in management(result))


# ---- item 2: the can't-miss layer

def osteosarcoma_like():
    """62-year-old, 11 cm fast-growing thigh mass, weight loss (extraskeletal osteosarcoma)."""
    return run(patient(birth="1962-03-01", gender="male"), finding("weight-loss"),
               mass("thigh", size=110, pattern="zonal-peripheral", rapid_growth=True, painful=True))


def test_sarcoma_red_flags_raise_a_critical_card_whatever_leads():
    result = osteosarcoma_like()
    card = card_from_result(result)
    assert card.indicator == "critical"
    assert card.summary.startswith("Exclude malignancy") and len(card.summary) <= 140
    assert "biopsy at a sarcoma centre before any excision" in card.summary
    first = notes(result)[0]
    assert first.startswith("ALERT (critical)") and "rapid growth" in notes(result)[1] and "weight loss" in notes(result)[1]
    urgent = [r for r in requests(result) if r.get("priority") == "urgent"]
    assert urgent and "MRI" in urgent[0]["code"]["text"] and requests(result)[0] is urgent[0]
    assert "before any excision" in risk_of(result)["mitigation"]


def test_a_malignancy_over_the_threshold_raises_a_warning_without_red_flags():
    result, _ = classify(json.loads((CASES / "calcifying-fibrous-pseudotumor-axilla.json").read_text()), BASE, TODAY)
    card = card_from_result(result)
    assert card.indicator in ("warning", "critical") and card.summary.startswith("Exclude malignancy (malignancy")


def test_typical_tumoral_calcinosis_of_a_child_raises_no_alarm():
    result, _ = classify(json.loads((CASES / "hftc-child-hip-familial.json").read_text()), BASE, TODAY)
    assert not any(n.startswith("ALERT") for n in notes(result))
    assert card_from_result(result).summary.startswith("Calcinosis:")


def test_fop_red_flags_do_not_send_to_biopsy():
    result = run(patient(birth="2014-01-01"), finding("great-toe-malformation"),
                 mass("paravertebral", size=80, pattern="lobulated-cloudlike", intramuscular=True, inflammatory_signs=True),
                 mass("neck", id="m2", size=40, pattern="tubular-band"))
    if risk_of(result)["prediction"][0]["outcome"]["coding"][0]["code"] == "fibrodysplasia-ossificans-progressiva":
        assert not any(n.startswith("ALERT") for n in notes(result))
        assert any("No biopsy or excision" in a for a in management(result))


# ---- item 3: probabilities as a clinician reads them

@pytest.mark.parametrize(("p", "text"),
                         [(0.99996, ">99%"), (0.995, ">99%"), (0.99, "99%"), (0.5, "50%"), (0.004, "<1%"), (0.0, "<1%"),
                          (0.012, "1%")])
def test_probability_words(p, text):
    assert format_probability(p) == text


def test_no_probability_above_099_or_exactly_0_and_no_100_percent_anywhere():
    for path in sorted(CASES.glob("*.json")):
        result, _ = classify(json.loads(path.read_text()), BASE, TODAY)
        for prediction in risk_of(result)["prediction"]:
            assert 0 < prediction["probabilityDecimal"] <= 0.99, path.stem
        card = card_from_result(result)
        for text in (card.summary, card.detail or ""):
            assert "100%" not in text and " 0%" not in text and "(0%)" not in text, path.stem


def test_correlated_renal_findings_no_longer_give_near_certainty():
    """dialysis x CKD x renal function x PTH x phosphate x Ca x P gave 0.99996; now damped."""
    from services.classifier.inference import posterior
    from services.classifier.knowledge import knowledge
    evidence = {"renal-status": "dialysis", "pth": "high", "phosphate": "high", "ca-x-p": "high"}
    kb = knowledge()
    p = posterior(evidence, kb)["tc-secondary-uremic"]
    assert 0.5 < p < 0.999


def test_calcitriol_is_not_stopped_for_a_low_pth_outside_kidney_disease():
    """Low PTH with normal kidneys (hypoparathyroidism, say) is treated with calcitriol and calcium."""
    result = run(patient(birth="1980-01-01"), finding("active-vitamin-d-therapy", id="vd"),
                 finding("calcium-based-binder", id="cb"),
                 lab("2731-8", 5, "pg/mL", id="pth"), lab("17861-6", 8.0, "mg/dL", id="ca"),
                 lab("33914-3", 95, "mL/min/{1.73_m2}", id="gfr"),
                 mass("shoulder", size=20, pattern="amorphous"))
    assert not any("[STOP]" in a for a in management(result))


def test_aluminium_with_unknown_renal_function_is_not_advised_but_not_stopped_blindly():
    result = run(patient(birth="1995-01-01", gender="male"), finding("family-history-calcinosis"),
                 finding("aluminium-binder", id="al"),
                 lab("2777-1", 6.5, "mg/dL", id="phos"), mass("hip-gluteal", size=60, pattern="lobulated-cloudlike"))
    advice = management(result)
    assert not any("[STOP]" in a for a in advice)
    assert any("Not advised: aluminium-containing binders are not advised while renal function is not known" in a for a in advice)
    assert "creatinine" in all_text(result).lower()  # measure renal function first


def test_calcimimetics_are_for_dialysis_patients_only():
    result = run(patient(birth="1970-01-01", gender="male"), lab("33914-3", 12, "mL/min/{1.73_m2}", id="gfr"),
                 lab("2731-8", 420, "pg/mL", id="pth"), lab("2777-1", 7.5, "mg/dL", id="phos"),
                 lab("17861-6", 9.8, "mg/dL", id="ca"),
                 mass("hip-gluteal", size=60, pattern="lobulated-cloudlike"))
    advice = " ".join(management(result))
    assert "before dialysis: first lower a high phosphate" in advice
    assert "preferably a calcimimetic" not in advice and "Low-calcium dialysate" not in advice


def test_the_most_probable_malignancy_is_listed_among_the_first_three_when_the_alarm_is_raised():
    from services.classifier.inference import SAFETY_RANK, Prediction, _listed_for_safety
    from services.classifier.knowledge import knowledge

    kb = knowledge()
    malignancy = kb.cant_miss.diagnoses[0]
    others = [code for code in kb.diagnoses if code not in kb.cant_miss.diagnoses][:5]
    probabilities = {code: 0.0 for code in kb.diagnoses}
    probabilities.update({code: 0.2 - 0.02 * i for i, code in enumerate(others)})
    probabilities[malignancy] = 0.03
    predictions = [Prediction(code, code, probabilities[code], 0.01, [], []) for code in others]
    listed = _listed_for_safety(predictions, probabilities, {}, kb, {})
    assert [p.code for p in listed][:SAFETY_RANK] == [others[0], others[1], malignancy]
    assert listed[2].listed_for_safety and listed[2].probability == 0.03  # moved, not inflated
    assert listed[2].rationale.startswith("Listed among the first 3 for safety")
    assert [p.code for p in listed][SAFETY_RANK:] == others[2:]
    # already among the first three: the order is the probabilities'
    first = [Prediction(malignancy, malignancy, 0.5, 0.01, [], []), *predictions]
    assert _listed_for_safety(first, {**probabilities, malignancy: 0.5}, {}, kb, {}) == first
