import shutil

import pytest
import yaml

from services.classifier.knowledge import (
    COHERENCE_TOLERANCE,
    KNOWLEDGE_DIR,
    KnowledgeError,
    figures_of,
    knowledge,
    load_knowledge,
    source_key,
    table_sum,
)
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


def test_every_prior_and_likelihood_ratio_names_a_reference_or_says_expert_estimate():
    kb = knowledge()
    cited = set()
    for diagnosis in kb.diagnoses.values():
        for where, figure in figures_of(diagnosis):
            key = source_key(figure.source)
            if key is None:
                assert figure.source.startswith("expert estimate") and figure.estimate, (diagnosis.code, where)
            else:
                assert key in kb.references, (diagnosis.code, where, figure.source)
                cited.add(key)
    for key, reference in kb.references.items():
        assert reference.doi or reference.pmid or reference.url or reference.estimate, key
        assert reference.citation.strip(), key
    assert cited, "no figure cites a published source"
    assert cited, "no figure cites a published source"


def test_every_reference_interval_names_a_reference_or_says_expert_estimate():
    kb = knowledge()
    for name, rows in kb.labs.reference_intervals.items():
        for row in rows:
            key = source_key(row.source)
            assert (key is None and row.estimate) or key in kb.references, (name, row)


def test_a_figure_citing_an_unknown_reference_fails(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[0]["labs"]["phosphate"]["high"].update(source="smith-1999: high"))
    with pytest.raises(KnowledgeError,
                       match=r"tc-primary-hyperphosphatemic/labs/phosphate/high: source 'smith-1999: high' names no reference"):
        load_knowledge(knowledge_copy)


def test_an_unmarked_expert_estimate_fails_in_diagnoses_and_in_labs(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[0]["labs"]["phosphate"]["high"].update(source="expert estimate", estimate=False))
    with pytest.raises(KnowledgeError, match=r"diagnoses\.yaml: tc-primary-hyperphosphatemic/labs/phosphate/high: an expert "
                                             r"estimate is marked estimate: true"):
        load_knowledge(knowledge_copy)


def test_a_lab_row_citing_an_unknown_reference_or_an_unmarked_estimate_fails(knowledge_copy):
    """labs.yaml's reference intervals and Ca x P thresholds are held to their sources as the diagnoses' figures are."""
    path = knowledge_copy / "labs.yaml"
    original = path.read_text()
    data = yaml.load(original, Loader=LOADER)
    data["reference_intervals"]["phosphate"][0]["source"] = "smith-1999: under 7 days"
    path.write_text(yaml.dump(data, Dumper=DUMPER))
    with pytest.raises(KnowledgeError, match=r"labs\.yaml: reference_intervals/phosphate/0: source 'smith-1999: under 7 days' "
                                             r"names no reference of references\.yaml \(or say 'expert estimate'\)"):
        load_knowledge(knowledge_copy)
    data = yaml.load(original, Loader=LOADER)
    data["calcium_phosphate_product"][1]["estimate"] = False
    path.write_text(yaml.dump(data, Dumper=DUMPER))
    with pytest.raises(KnowledgeError,
                       match=r"labs\.yaml: calcium_phosphate_product/1: an expert estimate is marked estimate: true"):
        load_knowledge(knowledge_copy)


def test_tumoral_calcinosis_diagnoses_have_their_typing_and_mechanism():
    diagnoses = knowledge().diagnoses
    assert (diagnoses["tc-primary-hyperphosphatemic"].typing,
            diagnoses["tc-primary-hyperphosphatemic"].mechanism) == ("primary-hyperphosphatemic", "idiopathic")
    assert (diagnoses["tc-primary-normophosphatemic"].typing,
            diagnoses["tc-primary-normophosphatemic"].mechanism) == ("primary-normophosphatemic", "idiopathic")
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
    assert len(load_knowledge(knowledge_copy).diagnoses) == len(REQUIRED_DIAGNOSIS_CODES) == 43


def test_negative_likelihood_ratio_fails_with_its_location(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[0]["labs"]["phosphate"]["high"].update(lr=-2))
    with pytest.raises(KnowledgeError, match=r"diagnoses\.yaml: 0/labs/phosphate/high/lr: Input should be greater than 0"):
        load_knowledge(knowledge_copy)


def test_missing_source_fails(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[2]["labs"]["renal-status"]["dialysis"].pop("source"))
    with pytest.raises(KnowledgeError, match=r"2/labs/renal-status/dialysis/source: Field required"):
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
    edit_diagnoses(knowledge_copy, lambda d: d.remove(next(x for x in d if x["code"] == "calcinosis-universalis")))
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


def test_every_likelihood_ratio_table_is_coherent():
    """Sum over the states of P(state) x LR = 1 for every diagnosis and feature (issue item 3)."""
    kb = knowledge()
    tables = 0
    for code, features in kb.likelihood_ratios.items():
        for feature, figures in features.items():
            total = table_sum(figures, kb.feature_states(feature))
            assert total == pytest.approx(1.0, abs=COHERENCE_TOLERANCE), (code, feature, total)
            tables += 1
    assert tables > 250


def test_uremic_renal_status_is_one_coherent_table():
    kb = knowledge()
    renal = kb.likelihood_ratios["tc-secondary-uremic"]["renal-status"]
    assert set(renal) == {"normal", "ckd-3", "ckd-4", "ckd-5", "dialysis"}
    assert table_sum(renal, kb.feature_states("renal-status")) == pytest.approx(1.0, abs=0.005)  # it was 2.27
    for dependent in ("dialysis", "chronic-kidney-disease", "renal-function"):
        assert dependent not in kb.likelihood_ratios["tc-secondary-uremic"]


def test_state_prevalences_sum_to_one():
    kb = knowledge()
    for feature, spec in kb.catalog.features.items():
        if spec.states:
            assert sum(spec.states.values()) == pytest.approx(1.0), feature


def test_incoherent_table_fails_loading(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[2]["labs"]["renal-status"]["dialysis"].update(lr=30))
    with pytest.raises(KnowledgeError, match=r"tc-secondary-uremic/renal-status: incoherent likelihood ratios"):
        load_knowledge(knowledge_copy)


def test_input_only_feature_cannot_carry_a_likelihood_ratio(knowledge_copy):
    edit_diagnoses(knowledge_copy, lambda d: d[2]["findings"].update({"dialysis": {"present": {"lr": 2, "source": "x"}}}))
    with pytest.raises(KnowledgeError, match=r"'dialysis' is not an evidence feature"):
        load_knowledge(knowledge_copy)
