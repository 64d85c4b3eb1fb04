"""Count the development cases whose truth is not in the first three, by the cells of the truth's own tables.

For each case of sets 1-7 whose truth ranks fourth or lower (or is not ranked), the findings that keep it out are the
truth's undamped log LR less that of the third most probable diagnosis per finding (count_top1_misses.terms, the prior
as one more term). The shown third is not used: with the malignancy alarm raised, the listing puts one or two
malignancies among the first three whatever their probability, so a truth among the three most probable can be shown
fourth, and its terms against a less probable listed malignancy say nothing about its tables; such a case is counted
apart as pushed out by the listing (decisions.md Classifier 142). The cells at -0.3 or below are counted by (truth,
feature=state) across sets: a cell that recurs across independently written sets is a knowledge error to check against
its source, not noise (decisions.md Classifier 119). The eighth set is the held-out set and is never read.

    PYTHONPATH=. python scripts/count_top3_misses.py [--cases]
"""

import argparse
import json
from collections import defaultdict
from pathlib import Path

from scripts.count_top1_misses import terms
from services.classifier.evaluation import DEVELOPMENT_SETS, CaseResult, _work_up_date, run_case
from services.classifier.knowledge import knowledge

ROOT = Path(__file__).resolve().parent.parent
AGAINST = -0.3  # a cell counts when it takes at least this much (log LR) from the truth against the third


def third_by_probability(result: CaseResult, truth: str) -> str | None:
    """The third most probable diagnosis, which the truth must pass to be among the three most probable; None when it
    already is (shown fourth or lower only because the safety listing lifted malignancies above it)."""
    ranked = sorted(result.probabilities, key=lambda code: -result.probabilities[code])
    if truth in ranked[:3]:
        return None
    return ranked[2] if len(ranked) >= 3 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list every case below the third place")
    args = parser.parse_args()
    kb = knowledge()
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    below = 0
    listed: list[int] = []
    for number, spec in enumerate(DEVELOPMENT_SETS, start=1):  # sets 1-7; never the held-out set
        for path in sorted(spec.path(ROOT).glob("*.json")):
            result = run_case(path, kb)
            if result.rank is not None and result.rank <= 3:
                continue
            below += 1
            truth = result.expected if result.expected in kb.priors else result.truth[-1]
            if truth not in kb.priors:
                if args.cases:
                    print(f"{number} {result.case_id}: {result.expected} not modelled")
                continue
            third = third_by_probability(result, truth)
            if third is None:
                listed.append(number)
                if args.cases:
                    print(f"{number} {result.case_id}: {truth} rank {result.rank}, among the three most probable: "
                          f"pushed out by the listed {', '.join(result.ranked[1:3])}")
                continue
            bundle = json.loads(path.read_text(encoding="utf-8"))
            against = terms(bundle, _work_up_date(bundle), truth, third, kb)
            for finding, value in against:
                if value <= AGAINST:
                    cells[(truth, finding)].append(number)
            if args.cases:
                shown = "; ".join(f"{f} {v:+.2f}" for f, v in against[:5])
                print(f"{number} {result.case_id}: {truth} rank {result.rank} (third by probability {third}): {shown}")
    print(f"\n{below} cases of sets 1-7 with the truth below the third place; {len(listed)} of them among the three "
          f"most probable, pushed out by the malignancies the alarm lists (sets {', '.join(map(str, sorted(set(listed))))})\n")
    print("| truth | cell | cases | sets |\n|---|---|---|---|")
    for (truth, finding), sets in sorted(cells.items(), key=lambda kv: (-len(set(kv[1])), -len(kv[1]), kv[0])):
        if len(sets) >= 2:
            print(f"| {truth} | {finding} | {len(sets)} | {', '.join(map(str, sorted(set(sets))))} |")


if __name__ == "__main__":
    main()
