"""The top-1 misses whose truth is second or third (decisions.md, Classifier 145-147): fibrodysplasia ossificans
progressiva's prior against the hyperphosphatemic type's. Both are rare genetic diseases whose first masses are
referred: the hyperphosphatemic type's 54 genetic cases published by 2014 (rafaelsen-2014), FOP's more than 400
registered patients (kaplan-fop-2010), misdiagnosed at first in 87%, often as cancer (kitterman-2005). FOP's share of
the referred masses was a fifth of the type's; a third is the lower end the counts allow. Tested on a small synthetic
patient built from the sources' descriptions, not on the published cases."""

from services.classifier.inference import assess
from tests.classifier.builders import mass, patient
from tests.classifier.knowledge_checks import KB, features_of

FOP, HFTC = "fibrodysplasia-ossificans-progressiva", "tc-primary-hyperphosphatemic"


def test_the_prior_of_fop_is_a_third_of_the_hyperphosphatemic_type_and_names_its_counts():
    prior = KB.diagnoses[FOP].prior
    assert prior.value / KB.diagnoses[HFTC].prior.value >= 0.3
    assert prior.value < KB.diagnoses["synovial-sarcoma"].prior.value  # a referral share, not above the sarcomas'
    for key in ("kaplan-fop-2010", "kitterman-2005", "rafaelsen-2014"):
        assert key in prior.source
    reference = KB.references["kitterman-2005"]
    assert reference.estimate and reference.url and "87%" in reference.citation


def test_a_boy_with_painful_masses_of_the_back_shoulder_and_hip_and_no_laboratory_values_is_fop_first():
    # genereviews-fop: painful flare-ups, the back and shoulders first, in early childhood; no phosphate sent, no
    # great-toe finding stated. Before, the hyperphosphatemic type came first (0.34 against 0.25) on the prior alone.
    boy = patient(birth="2018-03-01", gender="male")
    masses = [mass("paravertebral", id="m1", intramuscular=True, painful=True),
              mass("shoulder", id="m2", side="left", intramuscular=True, painful=True),
              mass("hip-gluteal", id="m3", side="right", intramuscular=True, painful=True)]
    ranked = [p.code for p in assess(features_of(boy, *masses), KB).predictions]
    assert ranked[0] == FOP and ranked[1] == HFTC
