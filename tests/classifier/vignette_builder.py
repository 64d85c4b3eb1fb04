"""Authoring helper for the clinical vignettes: compact descriptions -> FHIR Bundle JSON files.

Run `python -m tests.classifier.vignette_builder` to (re)write tests/classifier/cases/*.json.
The vignettes were written from docs/domain.md, not tuned to the model.
Run `python -m tests.classifier.vignette_builder --published` to (re)write tests/classifier/published/*.json
from tests/classifier/published_cases.py (the first set written from published case reports, issue 12, now the
development set), `--published-holdout` to (re)write tests/classifier/published_holdout/*.json from
tests/classifier/published_holdout.py (the second set, held out until stop 13, development material since),
`--published-holdout3` to (re)write tests/classifier/published_holdout3/*.json from tests/classifier/published_holdout3.py
(the third set, written blind from other publications: held out until measured once, development material since),
`--published-holdout4` to (re)write tests/classifier/published_holdout4/*.json from tests/classifier/published_holdout4.py
(the fourth set, written blind from yet other publications: held out until measured once, development material since),
`--published-holdout5` to (re)write tests/classifier/published_holdout5/*.json from tests/classifier/published_holdout5.py
(the fifth set, written blind from yet other publications: held out until measured once, development material since),
`--published-holdout6` to (re)write tests/classifier/published_holdout6/*.json from tests/classifier/published_holdout6.py
(the sixth set, written blind from yet other publications: held out until measured once, development material since),
`--published-holdout7` to (re)write tests/classifier/published_holdout7/*.json from tests/classifier/published_holdout7.py
(the seventh set, written blind from yet other publications: held out until measured once, development material since),
`--published-holdout8` to (re)write tests/classifier/published_holdout8/*.json from tests/classifier/published_holdout8.py
(the eighth set, written blind from yet other publications and patients: the held-out set of the final figures), and
`--published-holdout9` to (re)write tests/classifier/published_holdout9/*.json from tests/classifier/published_holdout9.py
(the ninth set, written blind after it: held out as well, measured once; decisions.md Classifier 148, 150).

Beyond the vignettes' inputs the builder writes the shapes of issue 12 item 6 (notes spec-12): molar LOINC
codes, ionised and albumin-corrected calcium, albumin, bicarbonate, CRP, potassium, intact and C-terminal FGF23,
TmP/GFR and TRP, histology (valueCodeableConcept from calcinosis-finding) and genetic results (LOINC 69548-6 with
components 48018-6 gene (HGNC) and 53037-8 clinical significance).
"""

import json
from pathlib import Path

from services.classifier.evaluation import PUBLISHED_SETS as SETS

BASE = "http://calcinosis.example.org/fhir"
FINDING = f"{BASE}/CodeSystem/calcinosis-finding"
SITE = f"{BASE}/CodeSystem/calcinosis-site"
DIAGNOSIS = f"{BASE}/CodeSystem/calcinosis-diagnosis"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
EXPECTED_TAG_SYSTEM = "urn:calcinosis:test:expected-diagnosis"
EXPECTED_TYPING_TAG_SYSTEM = "urn:calcinosis:test:expected-typing"
STORY_EXTENSION = "urn:calcinosis:test:vignette-story"
CITATION_EXTENSION = "urn:calcinosis:test:citation"
HGNC = "http://www.genenames.org/geneId"
CASES_DIR = Path(__file__).parent / "cases"
# how long the mass has been there, read from the development sets' stories by scripts/extract_mass_duration.py
# (decisions.md Classifier 80): case id -> value, UCUM unit and the words it was read from
MASS_DURATIONS = json.loads((Path(__file__).parent / "mass_durations.json").read_text(encoding="utf-8"))
# the lumped vitamin-D-or-calcium finding split by the development sets' stories, read by scripts/extract_intake.py
# (decisions.md Classifier 100): case id -> the findings sent instead of it and the words they were read from
INTAKES = json.loads((Path(__file__).parent / "intakes.json").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]
SET_DIRS = {spec.key: spec.path(ROOT) for spec in SETS}  # where each published set's Bundles go
(PUBLISHED_DIR, HOLDOUT_DIR, HOLDOUT3_DIR, HOLDOUT4_DIR, HOLDOUT5_DIR, HOLDOUT6_DIR, HOLDOUT7_DIR, HOLDOUT8_DIR,
 HOLDOUT9_DIR) = (SET_DIRS[key] for key in ("published", "published-holdout", "published-holdout3", "published-holdout4",
                                           "published-holdout5", "published-holdout6", "published-holdout7",
                                           "published-holdout8", "published-holdout9"))

LAB_CODES = {
    "phosphate": (LOINC, "2777-1"), "calcium": (LOINC, "17861-6"), "pth": (LOINC, "2731-8"),
    "vitd": (LOINC, "1989-3"), "creatinine": (LOINC, "2160-0"), "egfr": (LOINC, "33914-3"),
    "alp": (LOINC, "6768-6"), "urate": (LOINC, "3084-1"), "ck": (LOINC, "2157-6"),
    "calcitriol": (FINDING, "calcitriol"), "fgf23": (FINDING, "fgf23"),
    # issue 12 item 6 (notes spec-12): what a real laboratory sends
    "phosphate-molar": (LOINC, "14879-1"), "calcium-molar": (LOINC, "2000-8"), "ionised-calcium": (LOINC, "1994-3"),
    "corrected-calcium": (LOINC, "29265-6"), "corrected-calcium-molar": (LOINC, "29265-6"), "albumin": (LOINC, "1751-7"),
    "bicarbonate": (LOINC, "1963-8"), "crp": (LOINC, "1988-5"), "potassium": (LOINC, "2823-3"),
    "fgf23-c-terminal": (FINDING, "fgf23-c-terminal"), "tmp-gfr": (FINDING, "tmp-gfr"),
    "trp": (FINDING, "tubular-reabsorption-phosphate"),
    "urine-calcium-24h": (FINDING, "urine-calcium-24h"), "urine-phosphate-24h": (FINDING, "urine-phosphate-24h"),
    # albumin-corrected calcium in mass units: LOINC 46099-8 (29265-6, used by the name above, is the molar code)
    "corrected-calcium-mass": (LOINC, "46099-8"),
}
# the UCUM code of a unit written otherwise on the report (the unit text stays as written)
UCUM_CODES = {"RU/mL": "[arb'U]/mL", "RU/ml": "[arb'U]/mL"}
# HGNC identifiers of the genes of spec-12 (the lab-input helper verifies them)
HGNC_IDS = {"GALNT3": "HGNC:4125", "FGF23": "HGNC:3680", "KL": "HGNC:6344", "SAMD9": "HGNC:1348", "GNAS": "HGNC:4392",
            "ACVR1": "HGNC:171", "ABCC6": "HGNC:57"}
PRESENCE = {True: ("LA9633-4", "Present"), False: ("LA9634-2", "Absent")}
SIGNIFICANCE = {"pathogenic": ("LA6668-3", "Pathogenic"), "likely-pathogenic": ("LA26332-9", "Likely pathogenic"),
                "uncertain": ("LA26333-7", "Uncertain significance"), "likely-benign": ("LA26334-5", "Likely benign"),
                "benign": ("LA6675-8", "Benign")}


def _lab(case_id, index, name, spec, when):
    system, code = LAB_CODES[name]
    observation = {
        "resourceType": "Observation", "id": f"{case_id}-lab-{index}", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "laboratory"}]}],
        "code": {"coding": [{"system": system, "code": code}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
    }
    if isinstance(spec, str):  # interpretation only: "H", "L", "N"
        observation["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": spec}]}]
        return observation
    value, unit, *reference_range = spec
    code = UCUM_CODES.get(unit, unit)
    observation["valueQuantity"] = {"value": value, "unit": unit, "system": UCUM, "code": code}
    if reference_range:
        low, high = reference_range[0]
        observation["referenceRange"] = [{"low": {"value": low, "unit": unit, "system": UCUM, "code": code},
                                          "high": {"value": high, "unit": unit, "system": UCUM, "code": code}}]
    return observation


def _histology(case_id, value, when):
    return {
        "resourceType": "Observation", "id": f"{case_id}-histology", "status": "final",
        "code": {"coding": [{"system": FINDING, "code": "histology"}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        "valueCodeableConcept": {"coding": [{"system": FINDING, "code": value}]},
    }


def _genetic_result(case_id, index, spec, when):
    """A FHIR genomics 'Genetic variant assessment' (LOINC 69548-6) with the gene and its clinical significance."""
    gene = spec["gene"]
    present_code, present_display = PRESENCE[spec["present"]]
    components = [{"code": {"coding": [{"system": LOINC, "code": "48018-6", "display": "Gene studied [ID]"}]},
                   "valueCodeableConcept": {"coding": [{"system": HGNC, "code": HGNC_IDS[gene], "display": gene}]}}]
    if spec.get("significance"):
        significance_code, significance_display = SIGNIFICANCE[spec["significance"]]
        components.append({"code": {"coding": [{"system": LOINC, "code": "53037-8",
                                                "display": "Genetic variation clinical significance"}]},
                           "valueCodeableConcept": {"coding": [{"system": LOINC, "code": significance_code,
                                                                "display": significance_display}]}})
    return {
        "resourceType": "Observation", "id": f"{case_id}-genetic-{index}", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": "69548-6", "display": "Genetic variant assessment"}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        "valueCodeableConcept": {"coding": [{"system": LOINC, "code": present_code, "display": present_display}]},
        "component": components,
    }


def citation_text(citation: dict) -> str:
    """The citation as one line: authors. title. journal, year. PMID / DOI / PMCID (identifier verified or not)."""
    parts = [citation["authors"].rstrip("."), citation["title"].rstrip("."),
             f"{citation['journal']}, {citation['year'] if citation.get('year') else 'year not retrieved'}"]
    identifiers = [f"{label} {citation[key]}"
                   for key, label in (("pmid", "PMID"), ("doi", "DOI"), ("pmcid", "PMCID")) if citation.get(key)]
    text = ". ".join(parts) + "."
    if identifiers:
        text += " " + "; ".join(identifiers) + "."
    return text + (" (identifier verified against the stored report)" if citation.get("verified") else " (not verified)")


def _finding(case_id, name, value, when):
    return {
        "resourceType": "Observation", "id": f"{case_id}-{name}", "status": "final",
        "code": {"coding": [{"system": FINDING, "code": name}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        **({"valueQuantity": {"value": value, "unit": "a", "system": UCUM, "code": "a"}}
           if name == "dialysis-years" else {"valueBoolean": value}),
    }


def _mass_duration(case_id, spec, when):
    value, unit = spec
    return {
        "resourceType": "Observation", "id": f"{case_id}-mass-duration", "status": "final",
        "code": {"coding": [{"system": FINDING, "code": "mass-duration"}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
    }


def _component(code, **value):
    return {"code": {"coding": [{"system": FINDING, "code": code}]}, **value}


def _lesion(case_id, index, spec, when):
    components = []
    if "side" in spec:
        components.append(_component("laterality", valueCodeableConcept={"coding": [{"system": FINDING, "code": spec["side"]}]}))
    if "size_mm" in spec:
        components.append(_component("largest-diameter",
                                     valueQuantity={"value": spec["size_mm"], "unit": "mm", "system": UCUM, "code": "mm"}))
    if "size_cm" in spec:
        components.append(_component("largest-diameter",
                                     valueQuantity={"value": spec["size_cm"], "unit": "cm", "system": UCUM, "code": "cm"}))
    if "pattern" in spec:
        components.append(_component("pattern", valueCodeableConcept={"coding": [{"system": FINDING, "code": spec["pattern"]}]}))
    for flag, value in spec.get("flags", {}).items():
        components.append(_component(flag, valueBoolean=value))
    return {
        "resourceType": "Observation", "id": f"{case_id}-mass-{index}", "status": "final",
        "code": {"coding": [{"system": FINDING, "code": "calcified-mass"}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        "bodySite": {"coding": [{"system": SITE, "code": spec["site"]}]},
        "component": components,
    }


def build_bundle(case: dict) -> dict:
    case_id, when = case["id"], case["date"]
    patient = {"resourceType": "Patient", "id": case_id}
    if case.get("birth"):  # a report that gives no age: no birthDate (the classifier then uses adult intervals)
        patient["birthDate"] = case["birth"]
    if case.get("sex"):  # a report that gives no sex: no gender
        patient["gender"] = case["sex"]
    resources = [patient]
    resources += [_lab(case_id, i, name, spec, when) for i, (name, spec) in enumerate(case.get("labs", {}).items())]
    findings = dict(case.get("findings", {}))
    if case_id in INTAKES:
        del findings["vitamin-d-or-calcium-excess"]
        findings.update(INTAKES[case_id]["findings"])
    resources += [_finding(case_id, name, value, when) for name, value in findings.items()]
    resources += [_lesion(case_id, i, spec, when) for i, spec in enumerate(case.get("lesions", []))]
    extracted = MASS_DURATIONS.get(case_id)
    duration = case.get("mass_duration") or (extracted and (extracted["value"], extracted["unit"]))
    if duration:  # ("mass_duration": (value, UCUM unit) in the compact dict, or the stories' extraction)
        resources.append(_mass_duration(case_id, duration, when))
    if "histology" in case:
        resources.append(_histology(case_id, case["histology"], when))
    resources += [_genetic_result(case_id, i, spec, when) for i, spec in enumerate(case.get("genetics", []))]
    tags = [{"system": EXPECTED_TAG_SYSTEM, "code": case["expected"]}]
    if "expected_typing" in case:
        tags.append({"system": EXPECTED_TYPING_TAG_SYSTEM, "code": case["expected_typing"]})
    extensions = [{"url": STORY_EXTENSION, "valueString": case["story"]}]
    if "citation" in case:
        extensions.append({"url": CITATION_EXTENSION, "valueString": citation_text(case["citation"])})
    return {
        "resourceType": "Bundle", "id": case_id, "type": "collection",
        "meta": {"tag": tags, "extension": extensions},
        "identifier": {"system": "urn:calcinosis:test:vignette", "value": case_id},
        "entry": [{"fullUrl": f"{BASE}/{r['resourceType']}/{r['id']}", "resource": r} for r in resources],
    }


def write_cases(cases: list[dict], directory: Path = CASES_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for case in cases:
        path = directory / f"{case['id']}.json"
        path.write_text(json.dumps(build_bundle(case), indent=1) + "\n", encoding="utf-8")


# flag -> (module of CASES, where its Bundles go, what the set is called in the message)
PUBLISHED_SETS = {f"--{spec.key}": (spec.import_name, spec.path(ROOT), f"{spec.key} cases")
                  for spec in SETS}

if __name__ == "__main__":
    import importlib
    import sys

    chosen = [flag for flag in PUBLISHED_SETS if flag in sys.argv[1:]]
    if chosen:
        module, directory, name = PUBLISHED_SETS[chosen[-1]]  # as before, one set per run: the last listed here
        published = importlib.import_module(module).CASES
        write_cases(published, directory)
        print(f"wrote {len(published)} {name} to {directory}")
    else:
        from tests.classifier.vignettes import CASES

        write_cases(CASES)
        print(f"wrote {len(CASES)} cases to {CASES_DIR}")
