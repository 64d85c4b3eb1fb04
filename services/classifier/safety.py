"""The can't-miss layer (cant_miss.yaml): a soft-tissue malignancy above a stated probability, or
red flags, raise an alarm whatever ranks first; so do the emergencies that are not malignancies
(calciphylaxis, tumour lysis), each with its own headline and next step."""

from dataclasses import dataclass

from services.classifier.knowledge import Knowledge
from services.classifier.management import Advice, cite
from services.classifier.probability import format_probability
from services.classifier.rules import Facts, holds

SUMMARY_LIMIT = 140  # CDS Hooks card summary


@dataclass(frozen=True)
class Alarm:
    level: str  # warning | critical
    probability: float  # of the can't-miss diagnoses together
    diagnoses: tuple[tuple[str, float], ...]  # (display, probability), those of 1% or more
    flags: tuple[str, ...]
    action: str  # the next step (cant_miss.yaml)
    headline: str = "Exclude malignancy"
    emergency: str | None = None  # the id of a non-malignant can't-miss (cant_miss.yaml emergencies)
    # raised by the malignancies' own probability (`threshold`), not by red flags alone: only then are
    # malignancies lifted into the first three (decisions.md Classifier 87)
    by_probability: bool = False

    @property
    def summary(self) -> str:
        if self.emergency:
            text = f"{self.headline} ({format_probability(self.probability)}): {self.action}"
            return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 3] + "..."
        reasons = []
        if self.diagnoses:
            reasons.append(f"malignancy {format_probability(self.probability)}")
        if self.flags:
            reasons.append("red flags: " + ", ".join(self.flags))
        shortened = [*reasons[:-1], f"{len(self.flags)} red flag{'s' if len(self.flags) > 1 else ''}"] if self.flags else reasons
        for attempt in (reasons, shortened):
            text = f"Exclude malignancy ({'; '.join(attempt)}): {self.action}"
            if len(text) <= SUMMARY_LIMIT:
                return text
        return text[: SUMMARY_LIMIT - 3] + "..."

    @property
    def detail(self) -> str:
        parts = []
        if self.diagnoses and self.emergency:
            return "can't-miss diagnosis: " + ", ".join(f"{name} {format_probability(p)}" for name, p in self.diagnoses)
        if self.diagnoses:
            parts.append("can't-miss diagnoses: " + ", ".join(f"{name} {format_probability(p)}" for name, p in self.diagnoses)
                         + f" (together {format_probability(self.probability)})")
        if self.flags:
            parts.append("red flags: " + ", ".join(self.flags))
        return "; ".join(parts)


def cant_miss(facts: Facts, kb: Knowledge) -> tuple[Alarm | None, list[Advice]]:
    """The alarm, if any, and the exceptions that silenced one (as safety advice)."""
    rules = kb.cant_miss
    present = [code for code in rules.diagnoses if code in kb.diagnoses]
    probability = sum(facts.probabilities.get(code, 0.0) for code in present)
    flags = [flag for flag in rules.red_flags if holds(flag.when, facts)]
    major = sum(1 for flag in flags if flag.major)
    over = facts.reaches(present, rules.threshold)
    if not (over or major or len(flags) >= rules.min_flags):
        return None, []
    if not over:
        exceptions = [e for e in rules.exceptions if holds(e.when, facts)]
        if exceptions:
            return None, [Advice(f"exception-{e.id}", "safety", e.text, cite(e.sources, kb)) for e in exceptions]
    critical = (facts.reaches(present, rules.critical_threshold) or major >= 2
                or (major and (over or len(flags) >= rules.critical_flags)))
    shown = tuple(sorted(((kb.diagnoses[code].display, facts.probabilities[code]) for code in present
                          if facts.probabilities.get(code, 0.0) >= 0.01), key=lambda item: -item[1]))
    alarm = Alarm("critical" if critical else "warning", probability, shown if over else (), tuple(flag.text for flag in flags),
                  rules.action, by_probability=over)
    return alarm, []


def emergencies(facts: Facts, kb: Knowledge) -> list[Alarm]:
    """The alarms of the non-malignant can't-miss diagnoses (cant_miss.yaml emergencies)."""
    alarms = []
    for rule in kb.cant_miss.emergencies:
        probability = sum(facts.probabilities.get(code, 0.0) for code in rule.diagnoses)
        if not facts.reaches(rule.diagnoses, rule.threshold):
            continue
        shown = tuple((kb.diagnoses[code].display, facts.probabilities[code]) for code in rule.diagnoses
                      if facts.probabilities.get(code, 0.0) >= 0.01)
        level = "critical" if facts.reaches(rule.diagnoses, rule.critical_threshold) else "warning"
        alarms.append(Alarm(level, probability, shown, (), rule.action, rule.headline, rule.id))
    return alarms
