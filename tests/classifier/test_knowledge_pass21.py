"""Knowledge pass 21 (decisions.md, Classifier 107-109): the metabolic and benign look-alikes confused with each other.
The hypercalcaemia of sarcoidosis suppresses PTH as milk-alkali and vitamin D intoxication do (tebben-2016), and
synovial chondromatosis has a tenosynovial form of the fingers and feet (fetsch-2003). Tested on small synthetic
patients built from the published descriptions, not on the published cases."""

import pytest

from services.classifier.inference import assess
from tests.classifier.builders import FINDING, lab, mass, patient
from tests.classifier.knowledge_checks import KB, features_of, p_state, total

SC = "synovial-chondromatosis"
ARTICULAR = {"knee": 7.8, "elbow": 3.9, "hip-gluteal": 2.34, "shoulder": 2.34}  # the articular form's sites, unchanged


def predictions(*resources) -> dict[str, float]:
    return {p.code: p.probability for p in assess(features_of(*resources), KB).predictions}


def order(*resources) -> list[str]:
    return [p.code for p in assess(features_of(*resources), KB).predictions]


# --- granulomatous hypercalcaemia is PTH-independent: PTH suppressed as in the other vitamin D-mediated causes


def test_sarcoidosis_suppresses_pth_as_the_other_vitamin_d_mediated_hypercalcaemias():
    for code in ("sarcoidosis", "milk-alkali", "vitamin-d-intoxication"):
        assert total(code, "pth") == pytest.approx(1.0, abs=0.01)
        assert p_state(code, "pth", "low") == pytest.approx(0.8, abs=0.01)  # sarcoidosis was 0.4
    figure = KB.figure_for("sarcoidosis", "pth", "low")
    assert figure is not None and "tebben-2016" in figure.source
    assert KB.references["tebben-2016"].pmid == "27588937"


def test_suppressed_pth_with_normal_calcitriol_and_renal_impairment_reads_for_sarcoidosis_over_milk_alkali():
    # tebben-2016, sharma-1996: a man of 45 with calcium 12.6 mg/dL, a suppressed PTH, 1,25-dihydroxyvitamin D
    # inappropriately normal, eGFR 25 (hypercalciuric renal failure), small subcutaneous deposits of both forearms, no
    # intake recorded; before, the two PTH-independent causes were nearly tied (38% against 31%)
    probabilities = predictions(
        patient(birth="1979-01-01", gender="male"), lab("17861-6", 12.6, "mg/dL", id="ca"),
        lab("2731-8", 7, "pg/mL", id="pth"), lab("calcitriol", 50, "pg/mL", id="c125", system=FINDING),
        lab("1989-3", 30, "ng/mL", id="d25"), lab("33914-3", 25, "mL/min/{1.73_m2}", id="egfr"),
        mass("forearm", size=10, subcutaneous=True, side="both"))
    assert probabilities["sarcoidosis"] > 2 * probabilities["milk-alkali"]


def test_a_high_pth_still_reads_against_sarcoidosis():
    # guard: hypercalcaemia with a high PTH is parathyroid, not granulomatous
    ranking = order(patient(birth="1970-01-01"), lab("17861-6", 11.8, "mg/dL", id="ca"),
                    lab("2731-8", 180, "pg/mL", id="pth"), mass("shoulder", size=15, pattern="amorphous"))
    assert ranking.index("primary-hyperparathyroidism") < ranking.index("sarcoidosis")


# --- tenosynovial chondromatosis: the extra-articular counterpart, fingers 19, feet 8, wrists 4, ankles 2 of 37


def test_the_site_table_gives_the_tenosynovial_form_its_fingers_feet_wrists_and_ankles():
    assert total(SC, "site") == pytest.approx(1.0, abs=0.01)
    for site, lr in ARTICULAR.items():
        articular = KB.figure_for(SC, "site", site)
        assert articular is not None and articular.lr == pytest.approx(lr)
    other = p_state(SC, "site", "thigh")  # a site of neither form
    for site in ("finger", "foot", "wrist", "ankle"):
        figure = KB.figure_for(SC, "site", site)
        assert figure is not None and "fetsch-2003" in figure.source
        assert p_state(SC, "site", site) > other
    assert p_state(SC, "site", "finger") > p_state(SC, "site", "foot") > other  # fetsch-2003: fingers first
    assert p_state(SC, "site", "head-face") < 0.01  # the temporomandibular joint is a rare site of the articular form
    assert KB.references["fetsch-2003"].pmid == "12960811"


@pytest.mark.parametrize(("site", "before"), [("finger", 9), ("ankle", 9)])
def test_a_painless_multinodular_mass_of_a_finger_or_ankle_tendon_sheath_ranks_synovial_chondromatosis_higher(site, before):
    # fetsch-2003: a woman in her forties, a painless or mildly tender mass for about two years, ring-and-arc nodules;
    # before, synovial chondromatosis came ninth (other sites LR 0.312)
    ranking = order(patient(birth="1978-01-01", gender="female"), mass(site, size=20, pattern="ring-and-arc", painful=False))
    assert ranking.index(SC) + 1 <= 6 < before


def test_intra_articular_loose_bodies_of_a_young_mans_knee_stay_synovial_chondromatosis():
    # guard: the articular form's commonest picture
    ranking = order(patient(birth="1985-01-01", gender="male"),
                    mass("knee", size=30, pattern="ring-and-arc", intra_articular=True))
    assert ranking[0] == SC
