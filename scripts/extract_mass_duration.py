"""How long the mass has been there, read from the published development sets' stories by one rule.

Decisions Classifier 80. The stories (tests/classifier/published_cases.py, published_holdout.py and
published_holdout3.py to published_holdout7.py) were written long before `mass-duration` existed. One mechanical,
diagnosis-blind rule encodes them:

- a stated duration is a number (digits, a number word, "a" / "one") with a unit (days, weeks, months, years) in
  one of the phrasings of a duration: "for N units", "over N units", "N units of ...", "an N-unit history",
  "an N-unit swelling/mass", "N units before / earlier / ago" after "noticed / appearing / first", "present for";
- a duration is kept only when what it times (the words before "for N units", back to the sentence, clause or
  " with " that opens them; the words after "N units of") names the mass or a symptom at its site (MASS: mass,
  swelling, lump, nodule, tumour, lesion, deposit, calcification, pain, growing, enlarging, ...) before any general
  symptom (SYSTEMIC: cough, nausea, fever, weakness, ...) and names no treatment, drug, dialysis, known disease or
  age (EXCLUDE);
- of several kept durations the longest is sent: the time since the first symptom at the site (a swelling for two
  years with a stiff hip for 15 days is two years).

Vague spans ("several months", "decades", "since childhood") are not durations. The eighth set is never read.
``--check`` prints the kept and the dropped snippets without case ids (the review of each extraction, done blind to
the expected diagnosis); without it the script writes tests/classifier/mass_durations.json (case id -> value, UCUM
unit, the words it was read from), which tests/classifier/vignette_builder.py sends as the `mass-duration`
Observation.
"""

import importlib
import json
import re
import sys
from pathlib import Path

from services.classifier.evaluation import DEVELOPMENT_SETS

OUT = Path(__file__).resolve().parents[1] / "tests" / "classifier" / "mass_durations.json"

WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50}
UNITS = {"day": "d", "week": "wk", "month": "mo", "year": "a"}
NUMBER = r"(?P<n>\d+(?:\.\d+)?(?:-\d+)?|" + "|".join(WORDS) + r")"
UNIT = r"(?P<u>day|week|month|year)s?"
# (pattern, where its subject is): "for N units" / "over N units" / "noticed N units before" follow the mass they
# time; "N units of X" and "an N-unit history of X" precede it
PATTERNS = [
    (rf"\bfor (?:about |nearly |almost |over |more than |the (?:past|last) )?{NUMBER}[ -]{UNIT}\b", "before"),
    (rf"\bover (?:about |nearly |almost |the (?:past|last) )?{NUMBER}[ -]{UNIT}\b", "before"),
    (rf"\bpresent for (?:about )?{NUMBER}[ -]{UNIT}\b", "before"),
    (rf"\b(?:noticed|appearing|appeared|first seen|began|started) (?:about )?{NUMBER}[ -]{UNIT} (?:before|earlier|ago)",
     "before"),
    (rf"\b{NUMBER}[ -]{UNIT} of\b", "after"),
    (rf"\b{NUMBER}-{UNIT}(?:-old)? (?:history|swelling|mass|lump|nodule)", "after"),
]
MASS = re.compile(r"\b(mass|masses|swelling|swellings|swollen|lump|nodule|nodules|tumou?rs?|lesions?|deposits?|"
                  r"calcifications?|pain|painful|aching|discomfort|symptoms|growing|enlarging|enlarged|"
                  r"enlargement|progressing|grew)\b", re.I)
# a general symptom named before any sign of the mass: the duration times the illness, not the mass
SYSTEMIC = re.compile(r"\b(cough|nausea|vomiting|fever|numbness|weakness|fatigue|breathlessness|dyspnoea|rash|"
                      r"anorexia|confusion|polyuria|polydipsia|dizziness|malaise|oedema|hoarseness)\b", re.I)
# a duration of something else: a treatment, a drug, dialysis, a known disease, an age
EXCLUDE = re.compile(r"\b(dialysis|haemodialysis|hemodialysis|CAPD|treated|treatment|taken|taking|therapy|warfarin|"
                     r"splinting|NSAIDs|diagnosed|transplant|followed|follow-up|of age|of life|abdominal|disease|"
                     r"lupus|SLE|sclerosis|dermatomyositis|arthritis|gout|calcinosis|hypertension|diabetes|"
                     r"hepatitis)\b", re.I)
WINDOW = 90  # characters of the subject read on either side


def _number(text: str) -> float:
    text = text.lower()
    if text in WORDS:
        return float(WORDS[text])
    if "-" in text:  # a range: its middle
        low, high = (float(part) for part in text.split("-"))
        return (low + high) / 2
    return float(text)


def _subject(story: str, match: re.Match, side: str) -> str:
    """The words the duration times: before it back to the sentence, clause (';', ':') or ' with ' that opens
    them, or after it up to the next sentence or clause; a duration opening its sentence times what follows."""
    if side == "before":
        text = story[max(0, match.start() - WINDOW):match.start()]
        cut = max(text.rfind(mark) for mark in (".", ";", ":", " with "))
        text = text[cut + 1:] if cut != -1 else text
        if text.strip(" (") or match.start() == 0:
            if text.strip(" ("):
                return text
        return story[match.end():match.end() + WINDOW]
    text = story[match.end():match.end() + WINDOW]
    cuts = [i for i in (text.find(mark) for mark in (".", ";", ":")) if i != -1]
    return text[:min(cuts)] if cuts else text


def extract(story: str) -> tuple[list[dict], list[str]]:
    """(kept durations, dropped snippets) of one story: a number read by several phrasings is kept only if
    each of them keeps it."""
    verdicts: dict[int, list] = {}
    for pattern, side in PATTERNS:
        for match in re.finditer(pattern, story, re.I):
            subject = _subject(story, match, side)
            read = subject if side == "before" else match.group(0) + subject  # "a 2-year swelling of ..."
            mass, systemic = MASS.search(read), SYSTEMIC.search(read)
            # what follows "N units of" is read for exclusions in its first words only (a later treatment is not
            # what the duration times)
            excluded = EXCLUDE.search(subject if side == "before" else subject[:50])
            keep = bool(mass) and not excluded and not (systemic and systemic.start() < mass.start())
            snippet = (f"{subject.strip()} | {match.group(0)}" if side == "before"
                       else f"{match.group(0)} | {subject.strip()}")
            verdicts.setdefault(match.start("n"), []).append(
                (keep, {"value": _number(match.group("n")), "unit": UNITS[match.group("u").lower()], "text": snippet}))
    kept, dropped = [], []
    for readings in verdicts.values():
        if all(keep for keep, _ in readings):
            kept.append(readings[0][1])
        else:
            dropped.append(" / ".join(reading["text"] for _, reading in readings))
    return kept, dropped


MONTHS = {"d": 12 / 365.25, "wk": 7 * 12 / 365.25, "mo": 1.0, "a": 12.0}


def longest(kept: list[dict]) -> dict | None:
    return max(kept, key=lambda d: d["value"] * MONTHS[d["unit"]]) if kept else None


def main() -> None:
    check = "--check" in sys.argv[1:]
    durations: dict[str, dict] = {}
    for spec in DEVELOPMENT_SETS:  # never the held-out set
        for case in importlib.import_module(spec.import_name).CASES:
            kept, dropped = extract(case["story"])
            chosen = longest(kept)
            if chosen:
                durations[case["id"]] = chosen
            if check:
                for duration in kept:
                    mark = "SENT" if duration is chosen else "kept, shorter"
                    print(f"{mark}: {duration['value']:g} {duration['unit']} <- {duration['text']}")
                for clause in dropped:
                    print(f"dropped: {clause}")
    if check:
        print(f"{len(durations)} stories state a duration", file=sys.stderr)
        return
    OUT.write_text(json.dumps(durations, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(durations)} durations to {OUT}")


if __name__ == "__main__":
    main()
