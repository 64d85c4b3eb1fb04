"""Fits the classifier's calibration (services/classifier/calibration.py; decisions.md Classifier 40-42).

    PYTHONPATH=. python scripts/fit_calibration.py

refits the temperature on the blind posteriors (tests/classifier/blind_posteriors.json), writes
services/classifier/knowledge/calibration.yaml (the parameter, its provenance and the current knowledge's
hash) and regenerates the calibration section of docs/classifier-evaluation.md: leave-one-set-out on the
blind posteriors, and the development sets run through the service with the calibration off and on.
Run it after every knowledge change (a test fails until it has run).

    PYTHONPATH=. python scripts/fit_calibration.py --snapshot SET COMMIT [--new-since COMMIT]

adds (or replaces) one set's blind posteriors: the posterior of every diagnosis for each case of SET
(published, published-holdout, ...) as the code and knowledge of COMMIT computed them, i.e. before anyone
tuned the knowledge on that set. --new-since keeps only the cases that were not in the set at that older
commit (cases added to a set later, measured blind when they were added). Run it once per set, on the
commit of the set's blind measurement, before the knowledge is tuned on it; never on a set that is still
held out (it reads its answers).
"""

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from scripts import calibration_fitting as fitting  # noqa: E402
from services.classifier import calibration  # noqa: E402
from services.classifier.evaluation import (  # noqa: E402
    DEVELOPMENT_SETS,
    PUBLISHED_SETS,
    CaseResult,
    accuracy,
    brier_score,
    cant_miss_malignancies,
    max_probability,
    reliability,
    run_cases,
    write_calibration_section,
)
from services.classifier.knowledge import KNOWLEDGE_DIR, Knowledge, knowledge  # noqa: E402

# Runs inside an old checkout: only names that every commit since the first published set has
# (split_input, extract_features, _log_scores, log_priors, the evaluation's loaders).
_SNAPSHOT_HELPER = r"""
import json, math, sys
from pathlib import Path
from services.classifier import evaluation as ev
from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.inference import _log_scores
from services.classifier.knowledge import knowledge

kb = knowledge()
known = frozenset(kb.diagnoses)
cases = []
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    bundle = json.loads(path.read_text(encoding="utf-8"))
    features = extract_features(split_input(bundle), ev._work_up_date(bundle), kb)
    sums = _log_scores(features.evidence, kb)[0]
    logs = {code: log_prior + sums[code] for code, log_prior in kb.log_priors.items()}
    top = max(logs.values())
    total = top + math.log(sum(math.exp(v - top) for v in logs.values()))
    cases.append({"case": path.stem, "truth": list(ev.accepted_codes(ev.expected_diagnosis(bundle), known)),
                  "log_posterior": {code: round(v - total, 4) for code, v in sorted(logs.items())}})
print(json.dumps(cases))
"""


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True).stdout


def _posteriors(code_root: Path, directory: Path) -> list[dict]:
    """The helper above, run on the code and knowledge under `code_root` for the Bundles of `directory`."""
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    return json.loads(subprocess.run([sys.executable, "-c", _SNAPSHOT_HELPER, str(directory)], cwd=code_root, env=env,
                                     check=True, capture_output=True, text=True).stdout)


def current_posteriors(root: Path) -> list[fitting.BlindCase]:
    """The development sets as the current knowledge computes them (in-sample for every set it was tuned on)."""
    return [fitting.BlindCase(spec.key, case["case"], tuple(case["truth"]), case["log_posterior"])
            for spec in PUBLISHED_SETS if spec.key in DEVELOPMENT for case in _posteriors(root, spec.path(root))]


def _case_ids(commit: str, directory: str) -> set[str]:
    names = _git("ls-tree", "--name-only", f"{commit}:{directory}").decode().split()
    return {Path(name).stem for name in names if name.endswith(".json")}


def snapshot(key: str, commit: str, new_since: str | None) -> dict:
    spec = next(s for s in PUBLISHED_SETS if s.key == key)
    full = _git("rev-parse", commit).decode().strip()
    with tempfile.TemporaryDirectory() as tmp:
        archive = _git("archive", full, "services", "tests/classifier")
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        cases = _posteriors(Path(tmp), Path(tmp) / spec.directory)
    present = {path.stem for path in spec.path(ROOT).glob("*.json")}
    cases = [c for c in cases if c["case"] in present]  # a case since removed from the set is no development case
    if new_since:
        older = _case_ids(new_since, spec.directory)
        cases = [c for c in cases if c["case"] not in older]
    return {"set": key, "commit": full, "new_since": _git("rev-parse", new_since).decode().strip() if new_since else None,
            "date": _git("show", "-s", "--format=%cs", full).decode().strip(), "n": len(cases), "cases": cases}


def _dump(data: dict) -> str:
    """One case a line: reviewable diffs, a small file."""
    parts = []
    for s in data["snapshots"]:
        head = json.dumps({k: v for k, v in s.items() if k != "cases"}, sort_keys=True)[:-1]
        cases = ",\n".join(json.dumps(case, sort_keys=True, separators=(",", ":")) for case in s["cases"])
        parts.append(f'{head}, "cases": [\n{cases}\n]}}')
    return '{"snapshots": [\n' + ",\n".join(parts) + "\n]}\n"


def add_snapshot(key: str, commit: str, new_since: str | None) -> None:
    path = fitting.BLIND_POSTERIORS
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"snapshots": []}
    entry = snapshot(key, commit, new_since)
    data["snapshots"] = [s for s in data["snapshots"] if (s["set"], s["new_since"]) != (key, entry["new_since"])]
    data["snapshots"].append(entry)
    data["snapshots"].sort(key=lambda s: ([p.key for p in PUBLISHED_SETS].index(s["set"]), s["date"], s["new_since"] or ""))
    path.write_text(_dump(data), encoding="utf-8")
    print(f"{key} at {entry['commit'][:7]}: {entry['n']} cases")


# ------------------------------------------------------------------ the refit and its report

DEVELOPMENT = tuple(spec.key for spec in DEVELOPMENT_SETS)  # never a set still held out
MALIGNANCY_ALERT = "Exclude malignancy"  # how a malignancy alarm's note reads (safety.Alarm.summary)


def _blind_results(cases: list[fitting.BlindCase], temperature: float) -> list[CaseResult]:
    """The blind cases as the evaluation's results (every outcome's probability, none left out or rounded)."""
    results = []
    for case in cases:
        p = calibration.tempered(case.log_posterior, temperature)
        ranked = sorted(p, key=lambda code: -p[code])
        results.append(CaseResult(case.case, case.truth[0], ranked, p[ranked[0]], "", p, case.truth))
    return results


def _reliability_cells(results: list[CaseResult]) -> dict[str, str]:
    return {name: f"{mean:.2f} -> {observed:.2f} ({n})" for name, n, mean, observed in reliability(results, top_only=True)}


def _figures_row(label: str, cases: list[fitting.BlindCase], temperature: float) -> str:
    results = _blind_results(cases, temperature)
    cells = _reliability_cells(results)
    bins = ["0.50-0.80", "0.80-0.95", "0.95-1.00"]
    return (f"| {label} | {temperature:.3f} | {brier_score(results):.4f} | {fitting.log_loss(cases, temperature):.3f} | "
            + " | ".join(cells.get(name, "-") for name in bins) + " |")


@dataclass
class ServiceFigures:
    """One development set through the service, calibration off and on."""
    name: str
    off: list[CaseResult]
    on: list[CaseResult]

    @staticmethod
    def alarmed(result: CaseResult) -> bool:
        return any(MALIGNANCY_ALERT in text for text in result.alerts)

    def alarms(self, results: list[CaseResult], malignant: bool) -> int:
        malignancies = cant_miss_malignancies()
        return sum(1 for r in results if self.alarmed(r) and (r.expected in malignancies) == malignant)

    def lost(self) -> list[str]:
        malignancies = cant_miss_malignancies()
        return [off.case_id for off, on in zip(self.off, self.on, strict=True)
                if off.expected in malignancies and self.alarmed(off) and not self.alarmed(on)]

    def crossings(self, threshold: float) -> tuple[int, int]:
        """(cases whose malignancies reach `threshold` only calibrated, only uncalibrated)."""
        malignancies = cant_miss_malignancies()

        def reached(r: CaseResult) -> bool:
            return sum(r.probabilities.get(code, 0.0) for code in malignancies) >= threshold
        pairs = list(zip(self.off, self.on, strict=True))
        return (sum(1 for off, on in pairs if reached(on) and not reached(off)),
                sum(1 for off, on in pairs if reached(off) and not reached(on)))

    @staticmethod
    def none_fits(results: list[CaseResult]) -> int:
        return sum(1 for r in results if r.none_fits)


def _service_figures(root: Path, kb: Knowledge, temperature: float) -> list[ServiceFigures]:
    off, on = replace(kb, calibration=calibration.Calibration()), replace(kb, calibration=calibration.Calibration(temperature))
    directories = [("vignettes", root / "tests" / "classifier" / "cases"),
                   *((spec.key, spec.path(root)) for spec in PUBLISHED_SETS if spec.key in DEVELOPMENT)]
    return [ServiceFigures(name, run_cases(path, off), run_cases(path, on)) for name, path in directories]


def _leave_one_set_out(cases: list[fitting.BlindCase], sets: list[str]) -> list[str]:
    rows = []
    for key in sets:
        held = [c for c in cases if c.set == key]
        fitted = fitting.fit_temperature([c for c in cases if c.set != key])
        rows += [_figures_row(f"{key} ({len(held)}), before", held, 1.0), _figures_row(f"{key}, after", held, fitted)]
    return rows


def report(blind: list[fitting.BlindCase], excluded: int, temperature: float, service: list[ServiceFigures],
           kb: Knowledge, provenance: dict, current: list[fitting.BlindCase]) -> str:
    sets = [key for key in DEVELOPMENT if any(c.set == key for c in blind)]
    lines = ["# Calibration of the differential (decisions.md Classifier 40-42)", "",
             f"Generated by `{COMMAND}`: it refits the temperature and rewrites this section and",
             "`services/classifier/knowledge/calibration.yaml`; run it after every knowledge change.", "",
             f"The reported posterior is P(d)^(1/T), normalised, with **T = {temperature:.3f}** (one parameter; the order of the",
             f"diagnoses is the model's). T minimises the multi-class log loss on the *blind* posteriors of the {len(sets)}",
             "development sets (`tests/classifier/blind_posteriors.json`: every case as the code and knowledge of the commit",
             "of its set's blind measurement computed it, before anyone tuned the knowledge on that set): "
             f"{len(blind)} cases ({excluded} more whose truth that knowledge did not hold yet are left out).",
             "The current knowledge's answers on these sets are not used to fit: it was tuned on them.", "",
             "## Leave one set out (blind posteriors)", "",
             f"T fitted on the other {len(sets) - 1} sets, figures on the set left out: before (T = 1) and after.",
             "Brier score over every outcome (0 best, 2 worst), log loss in nats; the leading prediction's reliability as",
             "mean predicted -> observed accuracy (cases).", "",
             "| set left out | T | Brier | log loss | 0.50-0.80 | 0.80-0.95 | 0.95-1.00 |", "|---|---|---|---|---|---|---|"]
    lines += _leave_one_set_out(blind, sets)
    lines += [_figures_row(f"all {len(sets)} ({len(blind)}), before", blind, 1.0),
              _figures_row(f"all {len(sets)}, after (in-sample: the fit itself)", blind, temperature), "",
              "Each set's own best temperature (blind posteriors): "
              + ", ".join(f"{key} {fitting.fit_temperature([c for c in blind if c.set == key]):.3f}" for key in sets)
              + ".", "",
              "## Not used: the same fit on the current knowledge's answers", "",
              "The current knowledge was tuned on these sets, so its answers",
              "on them are in-sample; fitted on them, the temperature learns how well the knowledge fits what it was tuned",
              "on, not how it does on a new patient.",
              f"Fitted on all {len(sets)}: T = {fitting.fit_temperature(fitting.scorable(current)):.3f}. Leave one set out:", "",
              "| set left out | T | Brier | log loss | 0.50-0.80 | 0.80-0.95 | 0.95-1.00 |", "|---|---|---|---|---|---|---|",
              *_leave_one_set_out(fitting.scorable(current), sets), "",
              "## The development sets through the service, calibration off -> on", "",
              "The current knowledge (hash `" + provenance["knowledge_hash"][:12] + "`), the evaluation's own code: reported",
              "probabilities (at most 0.99, rounded to 4 decimals). The Brier scores of the sets the knowledge was tuned on",
              "are in-sample. Malignancy alarms: cases whose card says \"Exclude",
              "malignancy\", by whether the truth is a can't-miss malignancy; none-fits: cases where \"none of these fits",
              "well\" is reported.", "",
              "| set | cases | top-1 | top-3 | Brier | highest p | alarms, malignant truth | alarms, benign truth | none-fits |",
              "|---|---|---|---|---|---|---|---|---|"]
    for figures in service:
        n = len(figures.off)
        malignant = sum(1 for r in figures.off if r.expected in cant_miss_malignancies())

        def pair(before: float, after: float, form: str) -> str:
            return f"{before:{form}} -> {after:{form}}"
        lines.append(f"| {figures.name} | {n} | {pair(accuracy(figures.off, 1), accuracy(figures.on, 1), '.1%')} | "
                     f"{pair(accuracy(figures.off, 3), accuracy(figures.on, 3), '.1%')} | "
                     f"{pair(brier_score(figures.off), brier_score(figures.on), '.4f')} | "
                     f"{pair(max_probability(figures.off), max_probability(figures.on), '.4f')} | "
                     f"{figures.alarms(figures.off, True)}/{malignant} -> {figures.alarms(figures.on, True)}/{malignant} | "
                     f"{figures.alarms(figures.off, False)} -> {figures.alarms(figures.on, False)} | "
                     f"{figures.none_fits(figures.off)} -> {figures.none_fits(figures.on)} |")
    lost = [case for figures in service for case in figures.lost()]
    threshold = kb.cant_miss.threshold
    up, down = (sum(figures.crossings(threshold)[i] for figures in service) for i in (0, 1))
    lines += ["", f"Malignancies that lost their alarm: {', '.join(lost) if lost else 'none'}. The malignancies together reach "
              f"the alarm's {threshold:.0%} in the calibrated posterior only in {up} cases of these sets, in the uncalibrated "
              f"one only in {down}; the alarm is raised when either reaches it (decisions.md Classifier 41)."]
    return "\n".join(lines) + "\n"


COMMAND = "PYTHONPATH=. python scripts/fit_calibration.py"


def refit(root: Path, today: str, knowledge_dir: Path = KNOWLEDGE_DIR, document: Path | None = None) -> float:
    """Refits T; writes calibration.yaml into `knowledge_dir` and the section into `document` (default: the
    repository's docs/classifier-evaluation.md). Returns T."""
    kb = knowledge()
    everything = fitting.load_blind()
    blind = fitting.scorable(everything)
    temperature = fitting.fit_temperature(blind)
    data = json.loads(fitting.BLIND_POSTERIORS.read_text(encoding="utf-8"))
    provenance = {
        "method": "temperature on the log posterior, minimising the multi-class log loss (calibration_fitting.fit_temperature)",
        "command": COMMAND,
        "fitted_on": [{"set": s["set"], "commit": s["commit"][:12], "blind_measurement": s["date"], "cases": s["n"]}
                      for s in data["snapshots"]],
        "cases": len(blind),
        "left_out_truth_not_held": len(everything) - len(blind),
        "log_loss": {"before": round(fitting.log_loss(blind, 1.0), 4),
                     "after": round(fitting.log_loss(blind, temperature), 4)},
        "date": today,
        "knowledge_hash": calibration.knowledge_hash(KNOWLEDGE_DIR),  # the knowledge the service loads
    }
    service = _service_figures(root, kb, temperature)
    current = current_posteriors(root)
    text = CALIBRATION_HEADER + yaml.safe_dump({"temperature": temperature, "provenance": provenance}, sort_keys=False, width=120)
    (knowledge_dir / calibration.CALIBRATION_FILE).write_text(text, encoding="utf-8")
    write_calibration_section(document or root / "docs" / "classifier-evaluation.md",
                              report(blind, len(everything) - len(blind), temperature, service, kb, provenance, current))
    print(f"T = {temperature:.3f} on {len(blind)} blind cases; log loss {provenance['log_loss']}")
    return temperature


CALIBRATION_HEADER = """\
# The calibration of the differential (services/classifier/calibration.py; decisions.md Classifier 40-42).
# Written by scripts/fit_calibration.py - do not edit by hand: run `PYTHONPATH=. python scripts/fit_calibration.py`
# after every knowledge change (tests/classifier/test_calibration.py fails until then). The reported posterior is
# P(d)^(1/temperature), normalised; the order of the diagnoses does not change.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snapshot", nargs=2, metavar=("SET", "COMMIT"))
    parser.add_argument("--new-since", metavar="COMMIT")
    args = parser.parse_args()
    if args.snapshot:
        add_snapshot(args.snapshot[0], args.snapshot[1], args.new_since)
        return
    refit(ROOT, datetime.now(UTC).date().isoformat())


if __name__ == "__main__":
    main()
