import shutil

import pytest
import yaml

from services.classifier.knowledge import KNOWLEDGE_DIR, KnowledgeError, knowledge, load_knowledge
from services.classifier.schema import REQUIRED_DIAGNOSIS_CODES

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def test_every_required_diagnosis_is_in_the_knowledge_base():
    kb = knowledge()
    assert set(kb.diagnoses) == set(REQUIRED_DIAGNOSIS_CODES)
    assert sum(kb.priors.values()) == pytest.approx(1.0)


def test_every_figure_has_a_source():
    for code, features in knowledge().likelihood_ratios.items():
        for feature, states in features.items():
            for state, figure in states.items():
                assert figure.source.strip(), (code, feature, state)
                assert figure.lr > 0


def test_tumoral_calcinosis_diagnoses_have_their_typing_and_mechanism():
    diagnoses = knowledge().diagnoses
    assert (diagnoses["tc-primary-hyperphosphatemic"].typing, diagnoses["tc-primary-hyperphosphatemic"].mechanism) == ("primary-hyperphosphatemic", "idiopathic")
    assert (diagnoses["tc-primary-normophosphatemic"].typing, diagnoses["tc-primary-normophosphatemic"].mechanism) == ("primary-normophosphatemic", "idiopathic")
    assert (diagnoses["tc-secondary-uremic"].typing, diagnoses["tc-secondary-uremic"].mechanism) == ("secondary", "metastatic")


@pytest.fixture
def knowledge_copy(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit_diagnoses(directory, change):
    path = directory / "diagnoses.yaml"
    data = yaml.load(path.read_text(), Loader=LOADER)
    change(data)
    path.write_text(yaml.dump(data, Dumper=DUMPER))


def test_copy_of_the_knowledge_loads(knowledge_copy):
    assert len(load_knowledge(knowledge_copy).diagnoses) == 35


def test_negative_likelihood_ratio_fails_with_its_location(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[0]["labs"]["phosphate"]["high"].update(lr=-2))
    with pytest.raises(KnowledgeError, match=r"diagnoses\.yaml: 0/labs/phosphate/high/lr: Input should be greater than 0"):
        load_knowledge(knowledge_copy)


def test_missing_source_fails(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[2]["findings"]["dialysis"]["present"].pop("source"))
    with pytest.raises(KnowledgeError, match=r"2/findings/dialysis/present/source: Field required"):
        load_knowledge(knowledge_copy)


def test_unknown_mechanism_fails(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[1].update(mechanism="magical"))
    with pytest.raises(KnowledgeError, match=r"1/mechanism"):
        load_knowledge(knowledge_copy)


def test_unknown_feature_fails_naming_the_diagnosis(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[0]["findings"].update({"telepathy": {"present": {"lr": 2, "source": "x"}}}))
    with pytest.raises(KnowledgeError, match=r"tc-primary-hyperphosphatemic/findings: unknown feature 'telepathy'"):
        load_knowledge(knowledge_copy)


def test_unknown_site_fails(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[0]["sites"].update({"moon": {"lr": 2, "source": "x"}}))
    with pytest.raises(KnowledgeError, match=r"sites/site: unknown state 'moon'"):
        load_knowledge(knowledge_copy)


def test_missing_diagnosis_fails(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d.pop())
    with pytest.raises(KnowledgeError, match=r"missing diagnoses \['calcinosis-universalis'\]"):
        load_knowledge(knowledge_copy)


def test_invalid_yaml_fails(knowledge_copy):
    (knowledge_copy / "labs.yaml").write_text("units: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"labs\.yaml: not valid YAML"):
        load_knowledge(knowledge_copy)


def test_unit_alias_to_unknown_unit_fails(knowledge_copy):
    path = knowledge_copy / "labs.yaml"
    data = yaml.safe_load(path.read_text())
    data["unit_aliases"]["mg%"] = "mg/hectare"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError, match=r"unit_aliases/mg%: target 'mg/hectare' not in units"):
        load_knowledge(knowledge_copy)
