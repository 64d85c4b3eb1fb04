"""The typing pass (decisions.md Classifier 83-85): how a connective-tissue disease's calcinosis is typed when the
referral gives a deep deposit but no size or pattern. Tested on the tables and on small synthetic patients (not on the
published cases)."""

import shutil

import pytest

from services.classifier.explanation import render_explanation
from services.classifier.inference import assess
from services.classifier.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge, source_key
from tests.classifier.builders import finding, mass, patient
from tests.classifier.knowledge_checks import KB, features_of
from tests.classifier.test_knowledge import edit_diagnoses

SSC = "systemic-sclerosis"


def _scleroderma_patient(*masses):
    return features_of(patient(birth="1965-01-01"), finding("skin-sclerosis", id="f1"),
                       finding("raynaud-phenomenon", id="f2"), *masses)


def _leader(features):
    return next(p.code for p in assess(features, KB).predictions if p.code in KB.diagnoses)


# --- Classifier 84: a spinal deposit of systemic sclerosis is its pseudotumoral form, whatever its size


def test_a_cervical_deposit_of_systemic_sclerosis_sent_without_a_size_is_typed_secondary():
    # the paraspinal masses of scleroderma are sent with the site and no size (fifth to seventh sets): the size rule
    # (30 mm at a juxta-articular or spinal site) could never type them, though a deposit at the spine lies deep
    features = _scleroderma_patient(mass("neck"))
    assert not features.tumoral_mass
    assert _leader(features) == SSC
    assert assess(features, KB).typing == "secondary"


def test_a_paravertebral_deposit_of_systemic_sclerosis_is_typed_secondary():
    features = _scleroderma_patient(mass("paravertebral"))
    assert _leader(features) == SSC
    assert assess(features, KB).typing == "secondary"


def test_a_fingertip_deposit_of_systemic_sclerosis_stays_calcinosis_cutis():
    # the common calcinosis of the disease (hands, pressure points) is not tumoral: not-TC as before
    features = _scleroderma_patient(mass("finger"))
    assert _leader(features) == SSC
    assert assess(features, KB).typing == "not-tumoral-calcinosis"


def test_a_subcutaneous_or_sheet_like_deposit_at_the_neck_is_not_made_tumoral_by_its_site():
    # cutaneous calcinosis of the neck, or a sheet along a fascia, is not a deep mass
    for deposit in (mass("neck", subcutaneous=True), mass("neck", pattern="sheet-linear")):
        features = _scleroderma_patient(deposit)
        assert _leader(features) == SSC
        assert assess(features, KB).typing == "not-tumoral-calcinosis"


def test_only_systemic_sclerosis_types_a_spinal_deposit_by_its_site():
    # dermatomyositis calcifies the paraspinal muscles and fascia (intramuscular, sheet-like calcinosis universalis),
    # lupus seldom the spine: the sourced rule is that of systemic sclerosis alone
    owners = {code for code, diagnosis in KB.diagnoses.items() if diagnosis.tumoral_sites is not None}
    assert owners == {SSC}
    rule = KB.diagnoses[SSC].tumoral_sites
    assert rule is not None and set(rule.sites) == {"neck", "paravertebral"}
    assert KB.diagnoses[SSC].typing_if_tumoral_mass == "secondary"


def test_the_spinal_rule_names_its_source():
    rule = KB.diagnoses[SSC].tumoral_sites
    assert rule is not None
    key = source_key(rule.source)
    assert key == "ssc-pseudotumoral-2020"
    reference = KB.references[key]
    assert reference.pmid == "32336495" and reference.doi == "10.1016/j.semarthrit.2020.03.009"


def test_the_explanation_page_states_the_spinal_rule_with_its_source():
    page = render_explanation()
    section = page[page.index('id="systemic-sclerosis"'):]
    section = section[:section.index("<h3")] if "<h3" in section else section
    assert "secondary when it forms a tumoral mass, or a deposit that is not cutaneous at neck, paravertebral" in section
    assert "ssc-pseudotumoral-2020" in section


@pytest.fixture
def knowledge_copy(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def _scleroderma_entry(diagnoses):
    return next(d for d in diagnoses if d["code"] == SSC)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["tumoral_sites"].update(sites=["spine"]), r"systemic-sclerosis/tumoral_sites: 'spine' is not a site code"),
    (lambda d: d.pop("typing_if_tumoral_mass"), r"systemic-sclerosis/tumoral_sites: needs typing_if_tumoral_mass"),
    (lambda d: d["tumoral_sites"].update(source="smith-1999: spine"), r"systemic-sclerosis/tumoral_sites: source 'smith-1999"),
])
def test_a_malformed_spinal_rule_fails_at_load(knowledge_copy, change, message):
    edit_diagnoses(knowledge_copy, lambda diagnoses: change(_scleroderma_entry(diagnoses)))
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(knowledge_copy)
