"""The RiskAssessment's narrative (text.div) for people who read the resource itself: the
can't-miss alarms first, the typing, then the ranked differential with the percentages as the
CDS card words them (format_probability of the reported probability)."""

from collections.abc import Iterable

from services.classifier.probability import format_probability
from services.classifier.safety import Alarm
from shared.narrative import Markup, narrative, paragraph, table


def risk_assessment_text(predictions: Iterable[dict], typing: str, alarms: list[Alarm],
                         none_fits: str | None) -> dict[str, str]:
    """predictions: RiskAssessment.prediction as built (outcome.text, probabilityDecimal)."""
    blocks: list[Markup] = [paragraph("Differential diagnosis of soft-tissue calcinosis, computed by the calcinosis "
                                      "classifier for a clinician's review.")]
    blocks += [paragraph(alarm.summary, f"Can't-miss alarm ({alarm.level})") for alarm in alarms]
    if none_fits:
        blocks.append(paragraph(none_fits))
    blocks.append(paragraph(typing, "Typing"))
    blocks.append(table(["Rank", "Diagnosis", "Probability"],
                        [[rank, p["outcome"]["text"], format_probability(p["probabilityDecimal"])]
                         for rank, p in enumerate(predictions, 1)]))
    return narrative(*blocks)
