"""Knowledge pass 19 (decisions.md, Classifier 101-103): primary normophosphatemic tumoral calcinosis, the truth of
21 top-1 misses of the development sets. Tested on small synthetic patients built from the published descriptions,
not on the published cases."""

import pytest

from services.classifier.inference import assess
from tests.classifier.builders import lab, mass, patient
from tests.classifier.knowledge_checks import KB, features_of

NFTC = "tc-primary-normophosphatemic"
HFTC = "tc-primary-hyperphosphatemic"


def leader(*resources) -> tuple[str, str]:
    assessment = assess(features_of(*resources), KB)
    return assessment.predictions[0].code, assessment.typing


# --- of primary tumoral calcinosis, the familial hyperphosphatemic disease is the smaller part (Classifier 102):
# familial in a third to a half (domain.md 3); 54 published GALNT3, FGF23 and KL cases by 2014 (rafaelsen-2014)
# against 111 tumoral calcinoses in one Kinshasa archive (pakasa-1997)


def test_the_sporadic_normophosphatemic_type_is_the_likelier_primary_type_a_priori():
    normo, hyper = KB.diagnoses[NFTC].prior, KB.diagnoses[HFTC].prior
    assert normo.value == pytest.approx(0.035)  # was 0.03
    assert hyper.value == pytest.approx(0.025)  # was 0.03
    assert normo.value + hyper.value == pytest.approx(0.06)  # the two primary types' share unchanged
    for prior in (normo, hyper):
        assert "rafaelsen-2014" in prior.source and "pakasa-1997" in prior.source and prior.estimate
    assert KB.references["pakasa-1997"].pmid == "9253620"
    assert KB.references["rafaelsen-2014"].doi == "10.1186/s12863-014-0098-3"


def masses_of_an_adult_of_the_kinshasa_series():
    # pakasa-1997 and gali-2005: adults (median 39, mean 38.5) with painless swellings of one or several
    # periarticular regions, the hip first; lobulated calcification around the hip and the elbow of a 36-year-old man
    return (patient(birth="1988-01-01", gender="male"),
            mass("hip-gluteal", id="m1", pattern="lobulated-cloudlike", painful=False),
            mass("elbow", id="m2", pattern="lobulated-cloudlike", painful=False))


def test_a_man_with_painless_lobulated_hip_and_elbow_masses_before_his_phosphate_is_normophosphatemic_first():
    # before, the hyperphosphatemic type led without a phosphate (the two types at the same prior)
    assert leader(*masses_of_an_adult_of_the_kinshasa_series()) == (NFTC, "primary-normophosphatemic")


def test_the_same_man_with_a_high_phosphate_stays_hyperphosphatemic():
    # guard: the phosphate, not the prior, tells the two primary types apart once it is measured
    resources = (*masses_of_an_adult_of_the_kinshasa_series(), lab("2777-1", 7.4, "mg/dL"))
    assert leader(*resources) == (HFTC, "primary-hyperphosphatemic")
