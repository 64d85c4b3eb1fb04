"""The fitting half of the calibration (scripts/calibration_fitting.py, scripts/fit_calibration.py; decisions.md
Classifier 40-42): the committed temperature is the fit of the blind posteriors on the current knowledge, the fit
finds a known temperature, and the refit command writes the committed figures."""

import json
import random
import shutil
from pathlib import Path

import yaml

from scripts import calibration_fitting as fitting
from scripts.calibration_fitting import BlindCase
from services.classifier import calibration
from services.classifier.calibration import tempered
from services.classifier.evaluation import DEVELOPMENT_SETS
from services.classifier.knowledge import KNOWLEDGE_DIR, knowledge

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT = tuple(spec.key for spec in DEVELOPMENT_SETS)
REFIT = "PYTHONPATH=. python scripts/fit_calibration.py"
KB = knowledge()


def committed() -> dict:
    return yaml.safe_load((KNOWLEDGE_DIR / calibration.CALIBRATION_FILE).read_text(encoding="utf-8"))


def blind() -> list[BlindCase]:
    return fitting.scorable(fitting.load_blind())


# ---- the committed parameter is what the script fits, on this knowledge


def test_the_committed_temperature_is_the_fit_of_the_blind_posteriors():
    fitted = fitting.fit_temperature(blind())
    assert KB.calibration.temperature == committed()["temperature"]
    assert abs(fitted - KB.calibration.temperature) <= 10 ** -fitting.FIT_DIGITS, f"refit: {REFIT}"


def test_the_calibration_was_refitted_after_the_last_knowledge_change():
    assert committed()["provenance"]["knowledge_hash"] == calibration.knowledge_hash(KNOWLEDGE_DIR), (
        f"the knowledge changed since the calibration was fitted: run {REFIT} and commit what it writes")


def test_the_provenance_names_every_blind_snapshot_and_only_development_sets():
    data = json.loads(fitting.BLIND_POSTERIORS.read_text(encoding="utf-8"))
    provenance = committed()["provenance"]
    assert [(s["set"], s["commit"][:12], s["n"]) for s in data["snapshots"]] == \
           [(s["set"], s["commit"], s["cases"]) for s in provenance["fitted_on"]]
    assert "published-holdout8" not in DEVELOPMENT  # the held-out set
    assert "published-holdout9" not in DEVELOPMENT  # held out as well (decisions.md Classifier 148)
    assert {s["set"] for s in data["snapshots"]} <= set(DEVELOPMENT)  # never a set still held out
    assert provenance["cases"] == len(blind()) and provenance["date"] and provenance["method"]


def test_the_hash_changes_with_any_knowledge_file_but_not_with_the_calibration(tmp_path):
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy)
    before = calibration.knowledge_hash(copy)
    (copy / calibration.CALIBRATION_FILE).write_text("temperature: 2.0\nprovenance: {}\n", encoding="utf-8")
    assert calibration.knowledge_hash(copy) == before
    with (copy / "diagnoses.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment\n")
    assert calibration.knowledge_hash(copy) != before


def test_the_fit_recovers_a_known_temperature():
    """Cases drawn from a model whose true temperature is 1.5: the fit finds it."""
    rng = random.Random(12)
    cases = []
    for index in range(600):
        logs = {f"d{k}": rng.gauss(0, 3) for k in range(12)}
        truth = tempered(logs, 1.5)
        code = rng.choices(list(truth), weights=list(truth.values()))[0]
        cases.append(BlindCase("synthetic", str(index), (code,), logs))
    assert 1.3 < fitting.fit_temperature(cases) < 1.7


def test_the_fitted_temperature_lowers_the_log_loss_and_does_not_worsen_the_brier_score():
    cases = blind()
    t = KB.calibration.temperature
    assert fitting.log_loss(cases, t) < fitting.log_loss(cases, 1.0)
    assert fitting.log_loss(cases, t) < min(fitting.log_loss(cases, t - 0.05), fitting.log_loss(cases, t + 0.05))

    def brier(temperature: float) -> float:
        return sum(sum((p - (code in c.truth)) ** 2 for code, p in tempered(c.log_posterior, temperature).items())
                   for c in cases) / len(cases)
    assert brier(t) <= brier(1.0) + 0.001  # Brier is not what is fitted; it must not get worse (Classifier 42)


def test_the_brier_score_of_the_over_confident_fourth_set_improves():
    """The fourth set as measured blind (frozen: later tuning on it does not change this)."""
    fourth = [c for c in blind() if c.set == "published-holdout4"]

    def brier(temperature: float) -> float:
        return sum(sum((p - (code in c.truth)) ** 2 for code, p in tempered(c.log_posterior, temperature).items())
                   for c in fourth) / len(fourth)
    assert brier(KB.calibration.temperature) < brier(1.0)


def test_the_refit_command_writes_the_committed_figures(tmp_path):
    """scripts/fit_calibration.py end to end (into a copy): the temperature and the knowledge hash it writes are the
    committed ones, and its report is complete; so the one command works on the knowledge as it is."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fit_calibration", ROOT / "scripts" / "fit_calibration.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    knowledge_copy, document = tmp_path / "knowledge", tmp_path / "classifier-evaluation.md"
    knowledge_copy.mkdir()
    temperature = script.refit(ROOT, "2000-01-01", knowledge_copy, document)
    written = yaml.safe_load((knowledge_copy / calibration.CALIBRATION_FILE).read_text(encoding="utf-8"))
    assert temperature == written["temperature"] == committed()["temperature"]
    assert written["provenance"]["knowledge_hash"] == committed()["provenance"]["knowledge_hash"]
    text = document.read_text(encoding="utf-8")
    for heading in ("## Leave one set out", "## Not used", "## The development sets through the service"):
        assert heading in text
    assert "Malignancies that lost their alarm: none." in text
