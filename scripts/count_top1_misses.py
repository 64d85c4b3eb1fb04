"""Count the top-1 misses of the development sets (published sets 1-7) by (truth, leader) pair and by mechanism.

A confusion that recurs across independently written sets is a knowledge error, not noise (Classifier 92). Each case
runs through `evaluation.run_case` (the service's path); for a miss, the findings that decided it are the truth's
undamped log LR less the leader's per finding (the prior as one more term), largest against the truth first. The
mechanism of a miss is the feature of its largest term against the truth ("prior" for the prior). The eighth set is
the held-out set and is never read.

    PYTHONPATH=. python scripts/count_top1_misses.py [--cases] [--json FILE]
"""

import argparse
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from services.classifier.evaluation import DEVELOPMENT_SETS, _work_up_date, run_case
from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.knowledge import Knowledge, knowledge

ROOT = Path(__file__).resolve().parent.parent


def terms(bundle: dict, today: date, truth: str, leader: str, kb: Knowledge) -> list[tuple[str, float]]:
    """(finding, truth's log LR less the leader's), the prior included, most against the truth first."""
    features = extract_features(split_input(bundle), today, kb)
    out = [("prior", kb.log_priors[truth] - kb.log_priors[leader])]
    for feature, state in features.evidence.items():
        lrs = dict(kb.log_lrs_of(feature, state))
        difference = lrs.get(truth, 0.0) - lrs.get(leader, 0.0)
        if abs(difference) >= 0.05:
            out.append((f"{feature}={state}", difference))
    return sorted(out, key=lambda t: t[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list every miss")
    parser.add_argument("--json", type=Path, help="write every case's result here")
    args = parser.parse_args()
    kb = knowledge()
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    mechanisms: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    for number, spec in enumerate(DEVELOPMENT_SETS, start=1):  # sets 1-7; never the held-out set
        for path in sorted(spec.path(ROOT).glob("*.json")):
            result = run_case(path, kb)
            row: dict[str, Any] = {"set": number, "id": result.case_id, "expected": result.expected, "rank": result.rank,
                   "ranked": result.ranked[:5], "typing": result.typing, "expected_typing": result.expected_typing}
            rows.append(row)
            if result.rank == 1:
                continue
            leader = result.ranked[0]
            truth = result.expected if result.expected in kb.priors else result.truth[-1]
            if truth not in kb.priors:
                row["terms"] = []
                mechanisms["not modelled"] += 1
            else:
                bundle = json.loads(path.read_text(encoding="utf-8"))
                row["terms"] = [(f, round(v, 2)) for f, v in terms(bundle, _work_up_date(bundle), truth, leader, kb)]
                mechanisms[row["terms"][0][0].split("=")[0]] += 1
            pairs[(result.expected, leader)].append(number)
    misses = sum(len(v) for v in pairs.values())
    print(f"{misses} top-1 misses of {len(rows)} cases (sets 1-7)\n")
    print("| truth | leader | misses | sets |\n|---|---|---|---|")
    for (truth, leader), sets in sorted(pairs.items(), key=lambda kv: (-len(set(kv[1])), -len(kv[1]), kv[0])):
        print(f"| {truth} | {leader} | {len(sets)} | {', '.join(map(str, sets))} |")
    print("\n| mechanism (largest term against the truth) | misses |\n|---|---|")
    for mechanism, count in mechanisms.most_common():
        print(f"| {mechanism} | {count} |")
    if args.cases:
        print()
        for row in rows:
            if row["rank"] != 1:
                shown = "; ".join(f"{f} {v:+.1f}" for f, v in row["terms"][:3])
                print(f"{row['set']} {row['id']}: {row['expected']} rank {row['rank']} behind {row['ranked'][0]}: {shown}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
