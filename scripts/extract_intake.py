"""Vitamin D intake and calcium-alkali intake, read from the published development sets' stories by one rule.

Decisions Classifier 100. The stories (tests/classifier/published_cases.py, published_holdout.py and
published_holdout3.py to published_holdout7.py) sent one lumped finding, `vitamin-d-or-calcium-excess`, which cannot
tell vitamin D intoxication (or a sarcoidosis unmasked by vitamin D) from milk-alkali. One mechanical,
diagnosis-blind rule splits it, and only where a case sent it:

- sent false (the story says no supplements): both `vitamin-d-intake` and `calcium-alkali-intake` false;
- sent true: `vitamin-d-intake` true when the story names vitamin D taken (VITAMIN_D: vitamin D, D2 or D3 not
  followed by deficiency, level or status; cholecalciferol, ergocalciferol, calcifediol, calcitriol, alfacalcidol,
  paricalcitol; hypervitaminosis D; a calcium-D3 preparation), `calcium-alkali-intake` true when it names calcium or
  alkali taken (CALCIUM_ALKALI: calcium carbonate, acetate or citrate, calcium supplements or tablets, antacids and
  their brands, milk, alkali, sodium bicarbonate, betel); the one it does not name stays unknown (not sent);
- sent true and the story names neither: the lumped finding is kept (it still reads as before).

The expected diagnosis is never read (only `story` and `findings`); the laboratory measurement "25-hydroxyvitamin D"
does not match (no word boundary before "vitamin"). The eighth set is never read. ``--check`` prints each sent
case's matched words without its id or diagnosis; without it the script writes tests/classifier/intakes.json (case id
-> the findings to send instead of the lumped one, and the words they were read from), which
tests/classifier/vignette_builder.py sends.
"""

import importlib
import json
import re
import sys
from pathlib import Path

from services.classifier.evaluation import DEVELOPMENT_SETS

OUT = Path(__file__).resolve().parents[1] / "tests" / "classifier" / "intakes.json"
LUMPED = "vitamin-d-or-calcium-excess"

VITAMIN_D = re.compile(
    r"\b(?:vitamin D[23]?\b(?! deficien| insufficien| level| status| receptor)|D[23] (?:tablets|drops|supplement\w*|"
    r"injections?)|cholecalciferol|ergocalciferol|calcifediol|calcidiol|calcitriol|alfacalcidol|paricalcitol|"
    r"doxercalciferol|hypervitaminosis D|Adcal[- ]D3|calcium[- ]D3)", re.I)
CALCIUM_ALKALI = re.compile(
    r"\b(?:calcium (?:carbonate|acetate|citrate)|calcium (?:supplement|tablet|preparation|salt)s?|chewable calcium|"
    r"calcium and vitamin D|antacids?|Tums|Rennie|Rolaids|milk\b(?!-alkali)|alkali\b(?! syndrome)|sodium bicarbonate|"
    r"baking soda|betel|Adcal)", re.I)


def split(story: str) -> tuple[dict[str, bool], list[str]]:
    """(the findings the story supports, the words they were read from) for a case that sent the lumped finding true."""
    findings: dict[str, bool] = {}
    words: list[str] = []
    for code, pattern in (("vitamin-d-intake", VITAMIN_D), ("calcium-alkali-intake", CALCIUM_ALKALI)):
        found = [m.group(0) for m in pattern.finditer(story)]
        if found:
            findings[code] = True
            words += found
    return findings, words


def main() -> None:
    check = "--check" in sys.argv[1:]
    intakes: dict[str, dict] = {}
    for spec in DEVELOPMENT_SETS:  # never the held-out set
        for case in importlib.import_module(spec.import_name).CASES:
            sent = case.get("findings", {}).get(LUMPED)
            if sent is None:
                continue
            if sent is False:
                findings, words = {"vitamin-d-intake": False, "calcium-alkali-intake": False}, ["sent false"]
            else:
                findings, words = split(case["story"])
            if findings:
                intakes[case["id"]] = {"findings": findings, "read_from": sorted(set(words))}
            if check:
                print(f"{sorted(findings.items()) or 'kept lumped'} <- {sorted(set(words))}")
    if check:
        print(f"{len(intakes)} cases re-encoded", file=sys.stderr)
        return
    OUT.write_text(json.dumps(intakes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(intakes)} re-encodings to {OUT}")


if __name__ == "__main__":
    main()
