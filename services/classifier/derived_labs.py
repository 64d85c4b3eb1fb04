"""Lab features decided from more than one result (decisions.md, "Classifier: lab inputs").

- calcium: ionised calcium first (the physiological fraction, free of the albumin error), then
  albumin-corrected calcium as the lab sent it, then total calcium corrected for the albumin of
  the same work-up in the usual clinical form, + 0.8 mg/dL per g/dL of albumin below 4.0 (Payne
  et al., BMJ 1973;4:643, doi:10.1136/bmj.4.5893.643, derived the adjustment; their own
  laboratory's slope was 1.0), then total calcium. The Ca x P product takes the (corrected) total
  calcium, never the ionised one: its thresholds are for total calcium in mg/dL.
- tmp-gfr: as measured, else from TRP and the serum phosphate of the same work-up by the
  Walton-Bijvoet relation in the algebraic form of Payne (Ann Clin Biochem 1998;35:201-206):
  TRP <= 0.86: TmP/GFR = TRP x Pi; above: 0.3 x TRP / (1 - 0.8 x TRP) x Pi.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from services.classifier.labs import LabResult, state_from_interval
from services.classifier.schema import LabCatalog
from services.classifier.units import convert
from shared.errors import Issue

SAME_WORK_UP_DAYS = 1  # albumin with its calcium, TRP with its phosphate: drawn together
PAYNE_SLOPE = 0.8  # mg/dL calcium per g/dL albumin: the usual clinical form (0.02 mmol/L per g/L)
PAYNE_ALBUMIN = 4.0  # g/dL
WALTON_BIJVOET_KNEE = 0.86  # TRP above which reabsorption is no longer linear in Pi

# analyte, date -> the built-in (low, high) at the patient's age then
BuiltIn = Callable[[str, date | None], tuple[float, float]]


def same_work_up(first: date | None, second: date | None) -> bool:
    """Undated results are taken as one work-up: the sender did not say otherwise."""
    return first is None or second is None or abs((first - second).days) <= SAME_WORK_UP_DAYS


def partner(results: list[LabResult], when: date | None) -> LabResult | None:
    """The result with a value from the same work-up as `when`, the nearest in date (the later on ties)."""
    candidates = [r for r in results if r.value is not None and same_work_up(r.when, when)]
    if not candidates:
        return None
    return min(reversed(candidates), key=lambda r: abs((r.when - when).days) if r.when and when else 0)


def payne_corrected_calcium(total_mg_dl: float, albumin_g_dl: float) -> float:
    return total_mg_dl + PAYNE_SLOPE * (PAYNE_ALBUMIN - albumin_g_dl)


def walton_bijvoet_tmp_gfr(trp_fraction: float, phosphate: float) -> float:
    """TmP/GFR in the unit of `phosphate`."""
    if trp_fraction <= WALTON_BIJVOET_KNEE:
        return trp_fraction * phosphate
    return 0.3 * trp_fraction / (1 - 0.8 * trp_fraction) * phosphate


def _information(text: str) -> Issue:
    return Issue("informational", text, "information")


@dataclass
class CalciumDecision:
    feature: LabResult | None = None  # decides the calcium feature
    for_product: LabResult | None = None  # the (corrected) total calcium of the Ca x P product
    issues: list[Issue] = field(default_factory=list)


def _total_or_corrected(latest: dict[str, LabResult], albumins: list[LabResult], built_in: BuiltIn,
                        issues: list[Issue]) -> LabResult | None:
    corrected, total = latest.get("calcium-corrected"), latest.get("calcium")
    if corrected is not None:
        return replace(corrected, basis="albumin-corrected calcium")
    if total is None or total.value is None:
        return total
    albumin = partner(albumins, total.when)
    if albumin is None:
        if albumins:
            issues.append(_information(f"{total.reference}: no serum albumin of the same day; total calcium is not "
                                       "corrected for albumin"))
        return total
    assert albumin.value is not None  # partner() picks a result with a value
    value = payne_corrected_calcium(total.value, albumin.value)
    low, high = total.own_range or built_in("calcium", total.when)
    return replace(total, state=state_from_interval(value, low, high), value=value,
                   decided_by="reference-range" if total.own_range else "built-in interval",
                   derived_from=(albumin.reference,),
                   basis=f"total calcium {total.value:.1f} mg/dL corrected for albumin {albumin.value:.1f} g/dL (Payne)")


def decide_calcium(latest: dict[str, LabResult], history: dict[str, list[LabResult]], built_in: BuiltIn) -> CalciumDecision:
    """The calcium feature and the Ca x P calcium, with an information issue saying which result decided."""
    decision = CalciumDecision()
    decision.for_product = _total_or_corrected(latest, history.get("albumin", []), built_in, decision.issues)
    ionised = latest.get("calcium-ionised")
    decision.feature = replace(ionised, basis="ionised calcium") if ionised else decision.for_product
    chosen = decision.feature
    if chosen is None:
        return decision
    sent = [latest[name] for name in ("calcium-ionised", "calcium-corrected", "calcium") if name in latest]
    if chosen.basis or len(sent) > 1:
        value = f" {chosen.value:.2f} {chosen.unit}" if chosen.value is not None else ""
        words = chosen.basis or "total calcium"
        others = [r.reference for r in sent if r.reference != chosen.reference]
        text = f"calcium: '{chosen.state}' decided by {words}{value} ({', '.join(chosen.references)})"
        if others:
            text += f"; also sent, not used for the state: {', '.join(others)}"
        total = latest.get("calcium")
        if chosen.basis.startswith("total calcium") and total is not None and total.decided_by == "interpretation":
            text += "; the lab's flag on the uncorrected total was not used"
        decision.issues.append(_information(text))
    return decision


def decide_tmp_gfr(latest: dict[str, LabResult], history: dict[str, list[LabResult]], built_in: BuiltIn,
                   labs: LabCatalog) -> tuple[LabResult | None, list[Issue]]:
    """TmP/GFR as sent, else calculated from TRP and the phosphate of the same work-up."""
    if "tmp-gfr" in latest:
        return latest["tmp-gfr"], []
    trp = latest.get("tubular-reabsorption-phosphate")
    if trp is None:
        return None, []
    if trp.value is None:
        return None, [_information(f"{trp.reference}: TRP without a value; TmP/GFR not calculated")]
    phosphate = partner(history.get("phosphate", []), trp.when)
    if phosphate is None:
        return None, [_information(f"{trp.reference}: no serum phosphate value of the same day; TmP/GFR not calculated")]
    analyte = labs.analytes["tmp-gfr"]
    assert phosphate.value is not None  # partner() picks a result with a value
    phosphate_mmol = convert(phosphate.value, phosphate.unit, analyte, labs)
    value = walton_bijvoet_tmp_gfr(trp.value / 100, phosphate_mmol)
    low, high = built_in("tmp-gfr", trp.when)
    basis = (f"TmP/GFR {value:.2f} mmol/L calculated from TRP {trp.value:.0f}% and serum phosphate "
             f"{phosphate_mmol:.2f} mmol/L (Walton-Bijvoet, Payne 1998)")
    result = LabResult("tmp-gfr", state_from_interval(value, low, high), value, analyte.canonical_unit,
                       "built-in interval", trp.reference, trp.when, None, (phosphate.reference,), basis)
    return result, [_information(f"{basis}: '{result.state}' ({', '.join(result.references)})")]
