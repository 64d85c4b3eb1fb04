import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.classifier.codesystems import CODESYSTEM_NAMES, render_codesystem
from tests.classifier.builders import BASE

VOCABULARY_SAMPLES = {
    "calcinosis-finding": {"calcified-mass", "dialysis", "fluid-calcium-level", "lobulated-cloudlike", "calcinosis-typing",
                           "calcinosis-mechanism", "fgf23", "bilateral"},
    "calcinosis-site": {"hip-gluteal", "palm-sole", "other"},
    "calcinosis-diagnosis": {"tc-primary-hyperphosphatemic", "calcinosis-universalis", "calciphylaxis",
                             "vitamin-d-or-milk-alkali",
                             "hypoparathyroidism-pseudohypoparathyroidism", "tumour-lysis-hyperphosphataemia", "none-fits"},
    "calcinosis-typing": {"primary-hyperphosphatemic", "primary-normophosphatemic", "secondary", "not-tumoral-calcinosis",
                          "metastatic", "idiopathic"},
}


@pytest.mark.parametrize("name", CODESYSTEM_NAMES)
def test_codesystem_is_valid_fhir_and_complete(name):
    resource = render_codesystem(name, BASE + "/")
    model = get_fhir_model_class("CodeSystem").model_validate(resource)
    assert model.url == f"{BASE}/CodeSystem/{name}"
    codes = {c["code"] for c in resource["concept"]}
    assert VOCABULARY_SAMPLES[name] <= codes
    assert resource["count"] == len(codes)
    assert all(c["display"] and c["definition"] for c in resource["concept"])


def test_site_and_diagnosis_counts():
    assert render_codesystem("calcinosis-site", BASE)["count"] == 22
    assert render_codesystem("calcinosis-diagnosis", BASE)["count"] == 47  # 43 modelled, 3 normative groups, none-fits


def test_unknown_codesystem():
    with pytest.raises(KeyError):
        render_codesystem("nope", BASE)
