"""`calcified-mass` Observations -> Lesion records, and their aggregation into evidence features."""

from collections.abc import Collection
from dataclasses import dataclass, field

from services.classifier.fhir_input import FINDING_SYSTEM_SUFFIX, codings, finding_code, site_code
from services.classifier.issues import resource_label
from services.classifier.schema import FeatureCatalog
from shared.errors import Issue

BOOLEAN_COMPONENTS = (
    "fluid-calcium-level", "bone-contact", "bone-erosion", "periosteal-reaction", "intra-articular",
    "intramuscular", "subcutaneous", "painful", "inflammatory-signs", "skin-ulceration", "rapid-growth",
)
LENGTH_TO_MM = {"mm": 1.0, "cm": 10.0, "m": 1000.0}
VOLUME_TO_ML = {"mL": 1.0, "cm3": 1.0, "L": 1000.0}  # UCUM; 'ml' and 'l' are read with a warning (case)
LATERALITIES = ("left", "right", "midline", "bilateral")
# components of the vocabulary that no table weighs (decisions.md Classifier 122): validated and kept on the
# lesion as sent, and named in an informational issue so that a caller knows they did not move the answer
UNREAD_COMPONENTS = {
    "mean-density": "no table weighs the CT density",
    "peak-density": "no table weighs the CT density",
    "lobule-count": "the pattern component says whether the mass is lobulated; no table weighs the count",
    "fluid-volume": "the fluid-calcium-level component carries the sedimentation sign; no table weighs the volume",
    "mass-volume": "the largest diameter gives the size band; no table weighs the whole mass's volume",
}
# a state known only as "one of these" (the site of the largest mass when no mass has a size):
# its likelihood ratio is the prevalence-weighted mean of its members' (knowledge.composite_lr)
ANY_OF = "|"
QUANTITY_COMPONENTS = ("largest-diameter", "extent-lr", "extent-ap", "extent-si", "volume", "fluid-volume", "mass-volume",
                       "mean-density", "peak-density")


@dataclass
class Lesion:
    reference: str
    site: str | None = None
    laterality: str | None = None
    largest_diameter_mm: float | None = None
    volume_ml: float | None = None
    pattern: str | None = None
    lobule_count: int | None = None
    flags: dict[str, bool] = field(default_factory=dict)


def _finding_value(component: dict) -> str | None:
    """The calcinosis-finding code of the value, whatever else is coded beside it (a SNOMED CT laterality
    first, say); else the first code sent, which the caller checks against the value set."""
    values = codings(component.get("valueCodeableConcept"))
    for coding in values:
        if str(coding.get("system", "")).endswith(FINDING_SYSTEM_SUFFIX):
            return coding.get("code")
    return values[0].get("code") if values else None


def _unit(spelling: str, units: dict[str, float]) -> tuple[str | None, bool]:
    """(the unit of `units` a spelling stands for, read only when case is ignored); (None, False) when none."""
    if spelling in units:
        return spelling, False
    folded = next((unit for unit in units if unit.casefold() == spelling.casefold()), None)
    return folded, folded is not None


def parse_lesion(observation: dict, reference: str, site_codes: Collection[str],
                 pattern_codes: Collection[str]) -> tuple[Lesion, list[Issue]]:
    label = resource_label(observation)
    lesion, issues = Lesion(reference=reference), []
    sites = observation.get("bodySite")
    if sites is not None:
        code = site_code(sites)
        if code in site_codes:
            lesion.site = code
        else:
            issues.append(Issue("code-invalid", f"{label}: bodySite is not a calcinosis-site code; site unknown", "warning",
                                ("Observation.bodySite",)))
    extents, unread = [], []
    for index, component in enumerate(observation.get("component") or []):
        code = finding_code(component.get("code"))
        where = f"Observation.component[{index}]"
        if code == "laterality":
            value = _finding_value(component)
            if value in LATERALITIES:
                lesion.laterality = value
            else:
                issues.append(Issue("code-invalid", f"{label}: laterality {value!r} is not one of "
                                    f"{', '.join(LATERALITIES)} (calcinosis-finding); side unknown", "warning", (where,)))
        elif code == "pattern":
            value = _finding_value(component)
            if value in pattern_codes:
                lesion.pattern = value
            else:
                issues.append(Issue("code-invalid", f"{label}: unknown calcification pattern {value!r}", "warning", (where,)))
        elif code in BOOLEAN_COMPONENTS:
            if isinstance(component.get("valueBoolean"), bool):
                lesion.flags[code] = component["valueBoolean"]
            else:
                issues.append(Issue("value", f"{label}: component {code} needs valueBoolean", "warning", (where,)))
        elif code == "lobule-count":
            count = component.get("valueInteger")
            if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                lesion.lobule_count = count
                unread.append((code, where))
            else:
                issues.append(Issue("value", f"{label}: component lobule-count needs a valueInteger of 0 or more, "
                                    f"not {count!r}; not used", "warning", (where,)))
        elif code in QUANTITY_COMPONENTS:
            quantity = component.get("valueQuantity") or {}
            value = quantity.get("value")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or \
                    (value < 0 and code not in ("mean-density", "peak-density")):
                issues.append(Issue("value", f"{label}: component {code} has an impossible value {value!r}", "error", (where,)))
                continue
            if code in UNREAD_COMPONENTS:
                unread.append((code, where))
            elif code == "volume":
                spelling = _sent_unit(quantity, "mL", label, code, where, issues)
                unit, lenient = _unit(spelling, VOLUME_TO_ML)
                if unit is None:
                    issues.append(Issue("value", f"{label}: component volume has an unknown volume unit {spelling!r} "
                                        f"(UCUM {', '.join(VOLUME_TO_ML)}); not used", "warning", (where,)))
                    continue
                if lenient:
                    issues.append(_lenient(label, code, spelling, unit, where))
                lesion.volume_ml = float(value) * VOLUME_TO_ML[unit]
            elif code in ("largest-diameter", "extent-lr", "extent-ap", "extent-si"):
                spelling = _sent_unit(quantity, "mm", label, code, where, issues)
                unit, lenient = _unit(spelling, LENGTH_TO_MM)
                if unit is None:
                    issues.append(Issue("value", f"{label}: component {code} has an unknown length unit {spelling!r}",
                                        "warning", (where,)))
                    continue
                if lenient:
                    issues.append(_lenient(label, code, spelling, unit, where))
                size = float(value) * LENGTH_TO_MM[unit]
                if code == "largest-diameter":
                    lesion.largest_diameter_mm = size
                else:
                    extents.append(size)
        else:
            issues.append(Issue("code-invalid", f"{label}: unknown lesion component {code!r}", "warning", (where,)))
    if lesion.largest_diameter_mm is None and extents:
        lesion.largest_diameter_mm = max(extents)
    if unread:  # one issue per lesion (imaging sends all four on every lesion), not one per component
        issues.append(_unread(label, unread))
    if lesion.largest_diameter_mm is None and lesion.volume_ml is not None:
        # a volume does not give the largest diameter (a lobulated or elongated deposit is far longer than the
        # sphere of its volume): it ranks the masses by size, the size band stays unknown (Classifier 122)
        issues.append(Issue("informational", f"{label}: volume without largest-diameter or extents: used to tell the "
                            "largest mass, not for the size band (send largest-diameter)", "information",
                            ("Observation.component",)))
    return lesion, issues


def _sent_unit(quantity: dict, default: str, label: str, code: str, where: str, issues: list[Issue]) -> str:
    """The unit sent (code, else unit); none sent is read as `default` and said, not assumed silently."""
    spelling = quantity.get("code") or quantity.get("unit")
    if isinstance(spelling, str) and spelling:
        return spelling
    issues.append(Issue("required", f"{label}: component {code} has no unit; read in {default}", "warning", (where,)))
    return default


def _unread(label: str, components: list[tuple[str, str]]) -> Issue:
    reasons = "; ".join(f"{code}: {UNREAD_COMPONENTS[code]}" for code, _ in components)
    return Issue("informational", f"{label}: component(s) {', '.join(code for code, _ in components)} recorded, not "
                 f"used by the classifier ({reasons})", "information", tuple(where for _, where in components))


def _lenient(label: str, code: str, spelling: str, unit: str, where: str) -> Issue:
    return Issue("code-invalid", f"{label}: component {code}: unit {spelling!r} is not a UCUM code (UCUM is "
                 f"case-sensitive); read as {unit!r}, the code that should have been sent", "warning", (where,))


def _size_key(lesion: Lesion) -> tuple[float, float]:
    return (lesion.largest_diameter_mm or 0.0, lesion.volume_ml or 0.0)


def lesion_evidence(lesions: list[Lesion], catalog: FeatureCatalog) -> dict[str, str]:
    """Site, size and pattern of the largest mass; count, bilaterality; any-true / all-false flags."""
    if not lesions:
        return {}
    evidence: dict[str, str] = {"lesion-count": "multiple" if len(lesions) > 1 else "single"}
    largest = max(lesions, key=_size_key)
    sized = [mass for mass in lesions if mass.largest_diameter_mm is not None or mass.volume_ml is not None]
    if sized or len(lesions) == 1:
        if largest.site:
            evidence["site"] = largest.site
    else:  # no size given: which mass is the largest is unknown, so its site is any of theirs
        sites = sorted({mass.site for mass in lesions if mass.site})
        if sites:
            evidence["site"] = ANY_OF.join(sites)
    if largest.largest_diameter_mm is not None:
        for band in catalog.size_bands:
            assert band.from_mm is not None and band.to_mm is not None  # a size band has both bounds
            if band.from_mm <= largest.largest_diameter_mm < band.to_mm:
                evidence["size"] = band.code
    pattern = largest.pattern or next(
        (mass.pattern for mass in sorted(lesions, key=_size_key, reverse=True) if mass.pattern), None)
    if pattern:
        evidence["pattern"] = pattern
    places = _places(lesions)
    if places is not None:
        evidence["multifocal"] = "true" if places > 1 else "false"
    sides = {mass.laterality for mass in lesions if mass.laterality}
    if "bilateral" in sides or {"left", "right"} <= sides:
        evidence["bilateral"] = "true"
    elif len(lesions) > 1 and sides and all(mass.laterality for mass in lesions):
        # several masses, all on one side. A single one-sided mass says nothing here: lesion-count
        # 'single' already holds it, and 'not bilateral' would count it a second time.
        evidence["bilateral"] = "false"
    for flag in BOOLEAN_COMPONENTS:
        values = [mass.flags[flag] for mass in lesions if flag in mass.flags]
        if values:
            evidence[flag] = "true" if any(values) else "false"
    return evidence


def _places(lesions: list[Lesion]) -> int | None:
    """How many separate places (site and side) the masses occupy, a bilateral mass counting two;
    None when it says nothing beyond the lesion count (one mass on one side, or a site unknown)."""
    if any(mass.site is None for mass in lesions):
        return None
    places: set[tuple[str, str | None]] = set()
    for lesion in lesions:
        site = lesion.site
        assert site is not None  # checked above
        if lesion.laterality == "bilateral":
            places |= {(site, "left"), (site, "right")}
        else:
            places.add((site, lesion.laterality))
    if len(lesions) == 1 and len(places) == 1:
        return None
    return len(places)


def is_tumoral_mass(lesions: list[Lesion], catalog: FeatureCatalog) -> bool:
    """A periarticular tumour-like mass, for typing metastatic calcinosis as 'secondary'."""
    rule = catalog.tumoral_mass
    return any(
        lesion.pattern in rule.patterns
        or (lesion.site in rule.sites and (lesion.largest_diameter_mm or 0) >= rule.min_size_mm
            and lesion.pattern not in rule.not_patterns)
        for lesion in lesions
    )


def deep_at(lesions: list[Lesion], sites: list[str], catalog: FeatureCatalog) -> bool:
    """A deposit at one of a disease's tumoral sites (`Diagnosis.tumoral_sites`) that is not cutaneous: its
    tumoral form whatever its size (decisions.md Classifier 84)."""
    return any(lesion.site in sites and not lesion.flags.get("subcutaneous")
               and lesion.pattern not in catalog.tumoral_mass.not_patterns for lesion in lesions)
