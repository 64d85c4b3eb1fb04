"""FHIR Patient + Observations -> the evidence features the model reasons on, with issues."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from services.classifier.derived_labs import decide_calcium, decide_tmp_gfr
from services.classifier.fhir_input import InputResources, age_in_years, codings, finding_code, parse_date
from services.classifier.genomics import NONE_FOUND, is_genetic_result, read_genetic_result
from services.classifier.issues import resource_label
from services.classifier.knowledge import UNRECORDED, Knowledge, knowledge
from services.classifier.labs import (
    LabResult,
    analyte_for,
    interpretation_state,
    interval_for,
    reference_range_bounds,
    state_from_interval,
)
from services.classifier.lesions import Lesion, is_tumoral_mass, lesion_evidence, parse_lesion
from services.classifier.units import UnitError, convert, read_unit
from shared.errors import Issue

SEXES = {"male", "female"}
# outputs of the classifier itself may come back from the FHIR server: not evidence
OWN_OUTPUT_CODES = {"calcinosis-typing", "calcinosis-mechanism"}



def _within(value: float, low: float | None, high: float | None) -> bool:
    """low <= value < high, for a band of the catalog (an age band has both bounds)."""
    assert low is not None and high is not None
    return low <= value < high

@dataclass
class PatientFeatures:
    evidence: dict[str, str] = field(default_factory=dict)  # feature -> state
    evidence_references: dict[str, list[str]] = field(default_factory=dict)  # feature -> resources
    labs: dict[str, LabResult] = field(default_factory=dict)  # the latest result of each analyte
    lab_features: dict[str, LabResult] = field(default_factory=dict)  # lab feature -> the result that decided it
    lesions: list[Lesion] = field(default_factory=list)
    age_years: float | None = None
    sex: str | None = None
    calcium_phosphate_product: float | None = None
    egfr: float | None = None  # sent, or CKD-EPI 2021 from creatinine in adults
    findings: dict[str, str] = field(default_factory=dict)  # inputs that are not evidence (evidence: false): 'true' / 'false'
    tumoral_mass: bool = False
    patient_reference: str = "Patient"
    issues: list[Issue] = field(default_factory=list)

    @cached_property
    def used_references(self) -> list[str]:
        """The evidence's resources, each once, in the order first cited (read after extraction, which fills
        evidence_references: the RiskAssessment and both result Observations cite them)."""
        seen: dict[str, None] = {}
        for references in self.evidence_references.values():
            seen.update(dict.fromkeys(references))
        return list(seen)


def _observation_date(observation: dict) -> date | None:
    effective = observation.get("effectiveDateTime")
    if effective is None and isinstance(observation.get("effectivePeriod"), dict):
        effective = observation["effectivePeriod"].get("start")
    return parse_date(effective)


class _Extractor:
    def __init__(self, resources: InputResources, today: date, kb: Knowledge):
        self.kb, self.today, self.resources = kb, today, resources
        self.out = PatientFeatures(issues=list(resources.issues))
        patient = resources.patient
        self.out.patient_reference = self._reference(patient)
        self.birth = parse_date(patient.get("birthDate"))
        if patient.get("birthDate") is None:
            self._issue("warning", "required", patient, "Patient has no birthDate: age-specific intervals use adult values",
                        "Patient.birthDate")
        elif self.birth is None:
            self._issue("error", "value", patient, f"birthDate {patient.get('birthDate')!r} is not a valid date",
                        "Patient.birthDate")
        gender = patient.get("gender")
        if gender is not None and gender not in ("male", "female", "other", "unknown"):
            self._issue("error", "code-invalid", patient, f"gender {gender!r} is not male | female | other | unknown",
                        "Patient.gender")
        self.out.sex = gender if gender in SEXES else None
        self.latest_date: date | None = None
        self.boolean_findings: dict[str, tuple[date | None, bool, str]] = {}
        self.dialysis_years: tuple[float, str] | None = None
        self.mass_duration: tuple[float, str] | None = None  # (months, reference): the latest
        self.lab_history: dict[str, list[LabResult]] = {}  # every result per analyte, in date order
        self.genetic_states: list[tuple[str, str]] = []  # (pathogenic-variant state, reference), in date order
        self.histology: tuple[str, str] | None = None  # (histology value, reference): the latest
        self.ages: dict[date, float] = {}  # date -> age then

    def _issue(self, severity, code, resource, message, expression) -> None:
        self.out.issues.append(Issue(code, f"{resource_label(resource)}: {message}", severity, (expression,)))

    def _reference(self, resource: dict) -> str:
        reference = self.resources.references.get(id(resource))
        return reference if reference is not None else resource_label(resource)

    def _age_at(self, when: date | None) -> float | None:
        if self.birth is None:
            return None
        at = when or self.today
        if at not in self.ages:  # a work-up's results share a few dates
            self.ages[at] = age_in_years(self.birth, at)
        age = self.ages[at]
        return age if age >= 0 else None

    def run(self) -> PatientFeatures:
        site_codes = self.kb.concept_displays["calcinosis-site"].keys()
        pattern_codes = self.kb.feature_states("pattern").keys()
        # later observations of the same analyte replace earlier ones: sort by date, undated first
        ordered = [(observation, _observation_date(observation)) for observation in self.resources.observations]
        ordered.sort(key=lambda dated: dated[1] or date.min)
        for observation, when in ordered:
            if observation.get("effectiveDateTime") is not None and when is None:
                self._issue("warning", "value", observation,
                            "effectiveDateTime is not a valid dateTime; the request date is used",
                            "Observation.effectiveDateTime")
            if when and self.birth and when < self.birth:
                self._issue("error", "value", observation, "observation dated before the patient's birth",
                            "Observation.effectiveDateTime")
            code = finding_code(observation.get("code"))
            analyte = analyte_for(observation, self.kb.analyte_index, code)
            if analyte:
                self._lab(observation, analyte, when)
            elif is_genetic_result(observation, self.kb.labs.genetics):
                self._genetic_result(observation)
            elif code == "histology":
                self._histology(observation)
            elif code == "calcified-mass":
                lesion, issues = parse_lesion(observation, self._reference(observation), site_codes, pattern_codes)
                self.out.lesions.append(lesion)
                self.out.issues.extend(issues)
            elif code == "dialysis-years":
                self._dialysis_years(observation)
            elif code == "mass-duration":
                self._mass_duration(observation)
            elif code in self.kb.catalog.features and self.kb.catalog.features[code].group == "history":
                self._boolean_finding(observation, code, when)
            elif code in OWN_OUTPUT_CODES:
                continue
            else:
                described = code or ", ".join(f"{c.get('system')}|{c.get('code')}"
                                              for c in (observation.get("code") or {}).get("coding", [])) or "no code"
                self._issue("warning", "code-invalid", observation, f"unknown observation code ({described}); not used",
                            "Observation.code")
                continue
            if when and (self.latest_date is None or when > self.latest_date):
                self.latest_date = when
        self._finish()
        return self.out

    def _lab(self, observation: dict, analyte_name: str, when: date | None) -> None:
        analyte = self.kb.labs.analytes[analyte_name]
        age = self._age_at(when)
        quantity = observation.get("valueQuantity")
        interpreted = interpretation_state(observation)
        if interpreted is None and observation.get("interpretation"):
            self._issue("warning", "code-invalid", observation,
                        "interpretation is not H, L or N (v3-ObservationInterpretation or v2-0078); ignored",
                        "Observation.interpretation")
        value = None
        unit = analyte.canonical_unit
        if isinstance(quantity, dict) and quantity.get("value") is not None:
            raw, unit_text = quantity.get("value"), quantity.get("code") or quantity.get("unit")
            if not isinstance(raw, (int, float)) or isinstance(raw, bool):
                self._issue("error", "value", observation, f"{analyte.display} value {raw!r} is not a number",
                            "Observation.valueQuantity.value")
            elif not unit_text:
                self._issue("error", "value", observation, f"{analyte.display} value has no unit",
                            "Observation.valueQuantity.code")
            else:
                try:
                    reading = read_unit(unit_text, self.kb.labs)
                    value = convert(float(raw), reading.code, analyte, self.kb.labs)
                    if reading.lenient:  # read, not dropped: the sender is told the code it should use
                        self._issue("warning", "code-invalid", observation,
                                    f"{analyte.display}: unit {unit_text!r} is not a UCUM "
                                    f"code (UCUM is case-sensitive); read as {reading.code!r}, "
                                    "the code that should have been sent",
                                    "Observation.valueQuantity.code")
                except UnitError as exc:
                    self._issue("error", "value", observation, f"{analyte.display}: {exc}; value not used",
                                "Observation.valueQuantity.code")
                if value is not None and (value <= analyte.impossible_at_or_below or value > analyte.implausible_above):
                    self._issue("error", "value", observation,
                                f"{analyte.display} {raw} {unit_text} is not a possible value; not used",
                                "Observation.valueQuantity.value")
                    value = None
                unit_text = analyte.canonical_unit
        bounds = None
        if value is not None:
            bounds = reference_range_bounds(observation, analyte, self.kb.labs,
                                            (quantity or {}).get("code") or (quantity or {}).get("unit") or unit)
            if bounds is None and observation.get("referenceRange") and not interpreted:
                # a range with text only, or bounds in a unit that does not convert: said, not dropped silently
                self._issue("warning", "value", observation, "referenceRange has no low or high bound the classifier "
                            f"can convert to {analyte.canonical_unit}; the built-in interval decides",
                            "Observation.referenceRange")
        if interpreted:
            state, decided_by = interpreted, "interpretation"
        elif value is not None:
            if bounds:
                state, decided_by = state_from_interval(value, *bounds), "reference-range"
            else:
                interval = interval_for(self.kb.labs, analyte_name, age, self.out.sex)
                assert interval is not None  # labs.yaml has an adult row of every analyte
                state, decided_by = state_from_interval(value, interval.low, interval.high), "built-in interval"
        else:
            if not (isinstance(quantity, dict) and quantity.get("value") is not None):
                self._issue("warning", "required", observation,
                            f"{analyte.display} has neither a value nor an interpretation; not used", "Observation.value[x]")
            return
        result = LabResult(analyte_name, state, value, unit, decided_by, self._reference(observation), when, bounds)
        self.out.labs[analyte_name] = result  # the latest (observations come in date order)
        self.lab_history.setdefault(analyte_name, []).append(result)

    def _genetic_result(self, observation: dict) -> None:
        reading = read_genetic_result(observation, self.kb.labs.genetics)
        self.out.issues += reading.issues
        if reading.state is not None:
            self.genetic_states.append((reading.state, self._reference(observation)))

    def _histology(self, observation: dict) -> None:
        value = finding_code(observation.get("valueCodeableConcept"))
        if value not in self.kb.feature_states("histology"):
            sent = value or ", ".join(f"{c.get('system')}|{c.get('code')}"
                                      for c in codings(observation.get("valueCodeableConcept"))) or "no code"
            self._issue("warning", "code-invalid", observation, f"histology value ({sent}) is not a histology code of "
                        "calcinosis-finding; ignored", "Observation.valueCodeableConcept")
            return
        self.histology = (value, self._reference(observation))

    def _genetics_and_histology(self) -> None:
        """A pathogenic variant outweighs a negative result (panels differ); of two genes, the latest is used."""
        pathogenic = [(state, ref) for state, ref in self.genetic_states if state != NONE_FOUND]
        if pathogenic:
            state, reference = pathogenic[-1]
            if len({s for s, _ in pathogenic}) > 1:
                genes = ", ".join(sorted({s for s, _ in pathogenic}))
                self.out.issues.append(Issue("value", f"{reference}: pathogenic variants reported in several "
                                             f"genes ({genes}); the latest ({state}) is used", "warning"))
            self._set("pathogenic-variant", state, [reference])
        elif self.genetic_states:
            self._set("pathogenic-variant", NONE_FOUND, [ref for _, ref in self.genetic_states])
        if self.histology:
            self._set("histology", self.histology[0], [self.histology[1]])

    def _boolean_finding(self, observation: dict, code: str, when: date | None) -> None:
        value = observation.get("valueBoolean")
        if not isinstance(value, bool):
            self._issue("error", "value", observation,
                        f"finding {code} needs valueBoolean (true, or false for an explicit negative)",
                        "Observation.valueBoolean")
            return
        self.boolean_findings[code] = (when, value, self._reference(observation))

    def _dialysis_years(self, observation: dict) -> None:
        """valueQuantity in years (UCUM `a`); another UCUM time unit of features.yaml duration_units is converted
        (18 mo was read as 18 years), one that is not a time is refused (Classifier 123)."""
        months = self._duration_months(observation, "dialysis-years", default=("a", "years"))
        if months is not None:
            self.dialysis_years = (months / self.kb.catalog.duration_units["a"], self._reference(observation))

    def _mass_duration(self, observation: dict) -> None:
        """valueQuantity in a UCUM time unit (features.yaml duration_units), kept in months."""
        months = self._duration_months(observation, "mass-duration")
        if months is not None:
            self.mass_duration = (months, self._reference(observation))

    def _duration_months(self, observation: dict, name: str, default: tuple[str, str] | None = None) -> float | None:
        """The valueQuantity in months (a UCUM time unit of features.yaml duration_units); None, with an error issue,
        when it is not a possible duration or its unit not a time. No unit: `default` (UCUM code, its name) with a
        warning, if one is given."""
        quantity = observation.get("valueQuantity") or {}
        value, unit = quantity.get("value"), quantity.get("code") or quantity.get("unit")
        months = self.kb.catalog.duration_units
        # a JSON true is an int in Python: refused, not read as 1
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            self._issue("error", "value", observation, f"{name} {value!r} is not a possible duration; not used",
                        "Observation.valueQuantity.value")
            return None
        if unit is None and default is not None:
            unit, unit_name = default
            self._issue("warning", "required", observation, f"{name} has no unit; read in {unit_name} (UCUM {unit})",
                        "Observation.valueQuantity.code")
        if unit not in months:
            self._issue("error", "value", observation, f"{name} unit {unit!r} is not a time (UCUM "
                        f"{', '.join(months)}); not used", "Observation.valueQuantity.code")
            return None
        return float(value) * months[unit]

    def _set(self, feature: str, state: str, references: list[str]) -> None:
        self.out.evidence[feature] = state
        self.out.evidence_references[feature] = references

    def _finish(self) -> None:
        out, kb = self.out, self.kb
        out.age_years = self._age_at(self.latest_date)
        references: dict[str, str] = {}
        for code, (_, value, reference) in self.boolean_findings.items():
            if kb.catalog.features[code].evidence:
                self._set(code, "true" if value else "false", [reference])
            else:
                out.findings[code] = "true" if value else "false"
                references[code] = reference
        if self.dialysis_years and "dialysis" not in out.findings:
            years, reference = self.dialysis_years
            out.findings["dialysis"] = "true" if years > 0 else "false"
            references["dialysis"] = reference
        out.lab_features = {name: lab for name, lab in out.labs.items() if name in kb.catalog.features}
        calcium = decide_calcium(out.labs, self.lab_history, self._built_in)
        tmp_gfr, tmp_issues = decide_tmp_gfr(out.labs, self.lab_history, self._built_in, kb.labs)
        for feature, decided in (("calcium", calcium.feature), ("tmp-gfr", tmp_gfr)):
            if decided is not None:
                out.lab_features[feature] = decided
        out.issues += [*calcium.issues, *tmp_issues]
        for name, lab in out.lab_features.items():
            self._set(name, lab.state, lab.references)
        self._renal_status(references)
        self._calcium_phosphate_product(calcium.for_product)
        self._genetics_and_histology()
        for feature, state in lesion_evidence(out.lesions, kb.catalog).items():
            self._set(feature, state, [lesion.reference for lesion in out.lesions])
        out.tumoral_mass = is_tumoral_mass(out.lesions, kb.catalog)
        # uremic tumoral calcinosis is a mass: a patient sent with none is evidence against it (features.yaml)
        self._set("no-mass-described", "false" if out.lesions else "true",
                  [lesion.reference for lesion in out.lesions] or [out.patient_reference])
        if self.mass_duration is not None:
            months, reference = self.mass_duration
            band = next(b for b in kb.catalog.duration_bands if _within(months, b.from_months, b.to_months))
            self._set("mass-duration", band.code, [reference])
        if out.age_years is not None:
            band = next(b for b in kb.catalog.age_bands if _within(out.age_years, b.age_from, b.age_to))
            self._set("age-band", band.code, [out.patient_reference])
        if out.sex:
            self._set("sex", out.sex, [out.patient_reference])
        # a lumped finding is not read beside its parts, which say more (features.yaml superseded_by, Classifier 100)
        for feature, parts in kb.superseded.items():
            if feature in out.evidence and any(part in out.evidence for part in parts):
                del out.evidence[feature]
                out.evidence_references.pop(feature, None)
        # a hallmark none of whose features was sent is evidence of its own: a referral states a
        # known systemic disease or dialysis when present (features.yaml hallmarks)
        # a lumped finding sent alone records its parts' hallmarks: it states them together
        recorded = set(out.evidence) | {part for feature in out.evidence for part in kb.superseded.get(feature, [])}
        for hallmark in kb.catalog.hallmarks:
            if hallmark.asked_with and not any(feature in recorded for feature in hallmark.asked_with):
                continue
            if not any(feature in recorded for feature in hallmark.features):
                out.evidence[hallmark.name] = UNRECORDED

    def _renal_status(self, references: dict[str, str]) -> None:
        """One renal variable (features.yaml renal-status): dialysis, else the eGFR stage (sent, or
        CKD-EPI 2021 from creatinine in adults of known sex), else the set of states the
        chronic-kidney-disease / dialysis findings or a creatinine state leave open."""
        out, labs = self.out, self.out.labs
        dialysis, ckd = out.findings.get("dialysis"), out.findings.get("chronic-kidney-disease")
        used = [references[code] for code in ("dialysis", "chronic-kidney-disease") if code in references]
        egfr, egfr_reference = None, None
        if "egfr" in labs and labs["egfr"].value is not None:
            egfr, egfr_reference = labs["egfr"].value, labs["egfr"].reference
        elif "creatinine" in labs and labs["creatinine"].value is not None:
            egfr = ckd_epi_2021(labs["creatinine"].value, out.age_years, out.sex)
            egfr_reference = labs["creatinine"].reference if egfr is not None else None
        out.egfr = egfr
        if dialysis == "true":
            state = "dialysis"
        elif egfr is not None:
            state = "normal" if egfr >= 60 else "ckd-3" if egfr >= 30 else "ckd-4" if egfr >= 15 else "ckd-5"
            assert egfr_reference is not None  # set with egfr
            used.append(egfr_reference)
        else:
            lab = labs.get("egfr") or labs.get("creatinine")
            impaired = None
            if lab is not None:  # an interpretation only, or a creatinine without age or sex
                impaired = lab.state == ("low" if lab.analyte == "egfr" else "high")
                used.append(lab.reference)
            if ckd == "true" or impaired:
                # dialysis is stated when present (hallmark renal-failure-unrecorded, kdigo-2017): a raised
                # creatinine or a CKD sent without it is kidney disease off dialysis, often an acute injury
                state = "ckd-not-dialysis"
            elif ckd == "false" or impaired is False:
                state = "normal"
            elif dialysis == "false":
                state = "not-dialysis"
            else:
                return
        self._set("renal-status", state, used or [out.patient_reference])

    def _built_in(self, analyte: str, when: date | None) -> tuple[float, float]:
        interval = interval_for(self.kb.labs, analyte, self._age_at(when), self.out.sex)
        assert interval is not None  # labs.yaml has an adult row of every analyte
        return interval.low, interval.high

    def _calcium_phosphate_product(self, calcium: LabResult | None) -> None:
        """Total calcium (albumin-corrected when it can be) x phosphate, both in mg/dL."""
        phosphate = self.out.labs.get("phosphate")
        if not (calcium and phosphate and calcium.value and phosphate.value):
            return
        product = calcium.value * phosphate.value
        self.out.calcium_phosphate_product = product
        age = self.out.age_years if self.out.age_years is not None else self._age_at(self.latest_date)
        effective_age = 30.0 if age is None else age
        threshold = next(t for t in self.kb.labs.calcium_phosphate_product if t.age_from <= effective_age < t.age_to)
        self._set("ca-x-p", "high" if product > threshold.threshold else "normal", [*calcium.references, phosphate.reference])


def ckd_epi_2021(creatinine_mg_dl: float, age: float | None, sex: str | None) -> float | None:
    """eGFR (mL/min/1.73 m2) by the race-free CKD-EPI 2021 creatinine equation; adults of known sex only."""
    if age is None or age < 18 or sex not in ("male", "female") or creatinine_mg_dl <= 0:
        return None
    kappa, alpha = (0.7, -0.241) if sex == "female" else (0.9, -0.302)
    ratio = creatinine_mg_dl / kappa
    egfr = 142 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938 ** age
    return egfr * 1.012 if sex == "female" else egfr


def extract_features(resources: InputResources, today: date, kb: Knowledge | None = None) -> PatientFeatures:
    return _Extractor(resources, today, kb or knowledge()).run()
