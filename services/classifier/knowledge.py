"""Loads and cross-checks the knowledge files; compiles the likelihood-ratio table the model uses."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import yaml
from pydantic import TypeAdapter, ValidationError

from services.classifier.calibration import Calibration, load_calibration
from services.classifier.lesions import ANY_OF
from services.classifier.rules import check_condition
from services.classifier.schema import (
    NONE_FITS,
    NORMATIVE_GROUP_CODES,
    REQUIRED_DIAGNOSIS_CODES,
    CantMiss,
    CodeSystemContent,
    Diagnosis,
    FeatureCatalog,
    FeatureSpec,
    Figure,
    Hallmark,
    Interval,
    LabCatalog,
    Management,
    NoneFitsSpec,
    Prior,
    ProductThreshold,
    Reference,
    TumoralSites,
)

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there: faster
KNOWLEDGE_DIR = Path(__file__).parent / "knowledge"
COHERENCE_TOLERANCE = 0.02  # |sum over states of P(state) x LR - 1| allowed (figures are rounded to 3 digits)
BOOLEAN_KEYS = {"present": "true", "absent": "false"}  # knowledge-file wording -> feature state
_T = TypeVar("_T")
UNRECORDED = "unrecorded"  # the state of a hallmark (features.yaml hallmarks) none of whose features was sent


class KnowledgeError(ValueError):
    """A knowledge file is malformed or inconsistent; the message names the file and the place."""


@dataclass(frozen=True)
class Knowledge:
    diagnoses: dict[str, Diagnosis]
    priors: dict[str, float]  # normalised
    likelihood_ratios: dict[str, dict[str, dict[str, Figure]]]  # diagnosis -> feature -> state -> figure
    catalog: FeatureCatalog
    labs: LabCatalog
    codesystems: dict[str, CodeSystemContent]
    management: Management
    references: dict[str, Reference]
    cant_miss: CantMiss
    none_fits: NoneFitsSpec  # the open-world outcome; priors and likelihood_ratios hold it beside the diagnoses
    # hallmark name -> diagnosis (none-fits included) -> LR of 'none of its features recorded'
    unrecorded: dict[str, dict[str, Figure]] = field(default_factory=dict)
    calibration: Calibration = field(default_factory=Calibration)  # calibration.yaml: applied to the posterior by assess

    def outcome_display(self, code: str) -> str:
        """Display of a diagnosis or of the open-world outcome."""
        return self.none_fits.display if code == self.none_fits.code else self.diagnoses[code].display

    # Lookups derived from the knowledge, built once per Knowledge on first use: the classifier
    # answers many requests from one knowledge base, so per-request work stays per-patient.
    # (cached_property writes to the instance __dict__, which a frozen dataclass allows.)

    @cached_property
    def _memo_tables(self) -> dict[Callable[..., Any], dict[Any, Any]]:
        return {}

    def remembered(self, compute: Callable[..., _T], *key: Any) -> _T:
        """compute(self, *key), computed once per Knowledge and key (values derived from the knowledge
        only; each compute function has its own table): the knowledge's own lookups and those other
        modules derive from it (a module-level function of the knowledge and the key). Callers pass the
        plain function, not a bound method, so that a lookup allocates nothing."""
        table = self._memo_tables.get(compute)
        if table is None:
            table = self._memo_tables[compute] = {}
        try:
            return table[key]
        except KeyError:
            value = table[key] = compute(self, *key)
            return value

    def feature_states(self, feature: str) -> dict[str, float]:
        """States of a feature with their reference-population probability (shared: do not mutate)."""
        return self.remembered(Knowledge._feature_states, feature)

    def _feature_states(self, feature: str) -> dict[str, float]:
        return feature_states(self.catalog, self.codesystems, feature)

    @cached_property
    def concept_displays(self) -> dict[str, dict[str, str]]:
        """CodeSystem name -> code -> display."""
        return {name: {c.code: c.display for c in system.concepts} for name, system in self.codesystems.items()}

    @cached_property
    def superseded(self) -> dict[str, list[str]]:
        """Lumped feature -> its parts, which it is not read beside (features.yaml superseded_by)."""
        return {name: spec.superseded_by for name, spec in self.catalog.features.items() if spec.superseded_by}

    @cached_property
    def band_displays(self) -> dict[str, str]:
        """Age- and size-band code -> display."""
        return {b.code: b.display for b in (*self.catalog.age_bands, *self.catalog.size_bands)}

    @cached_property
    def analyte_index(self) -> dict[tuple[str, str], tuple[int, str]]:
        """(system, code) -> (catalog position, analyte); the position keeps the catalog's precedence
        when one Observation carries codes of two analytes."""
        index: dict[tuple[str, str], tuple[int, str]] = {}
        for position, (name, analyte) in enumerate(self.labs.analytes.items()):
            for code in analyte.codes:
                index.setdefault((code.system, code.code), (position, name))
        return index

    @cached_property
    def log_priors(self) -> dict[str, float]:
        return {code: math.log(prior) for code, prior in self.priors.items()}

    @cached_property
    def log_lrs(self) -> dict[tuple[str, str], list[tuple[str, float]]]:
        """(feature, state) -> [(diagnosis, log LR)], non-neutral figures only (log 1 adds nothing)."""
        table: dict[tuple[str, str], list[tuple[str, float]]] = {}
        for code, features in self.likelihood_ratios.items():
            for feature, states in features.items():
                for state, figure in states.items():
                    if figure.lr != 1.0:
                        table.setdefault((feature, state), []).append((code, math.log(figure.lr)))
                composite = self.catalog.features[feature].composite
                for name, members in composite.items():
                    lr = composite_lr(states, self.feature_states(feature), members)
                    if lr != 1.0:
                        table.setdefault((feature, name), []).append((code, math.log(lr)))
        for hallmark, figures in self.unrecorded.items():
            table[(hallmark, UNRECORDED)] = [(code, math.log(f.lr)) for code, f in figures.items() if f.lr != 1.0]
        # A specific finding (features.yaml) has its background LR in nearly every diagnosis: adding one
        # log LR to every diagnosis does not change the posterior, so only the differences from it are
        # kept, and a sent finding costs its few owners, not every diagnosis (features outside evidence
        # groups only: damping ranks the raw figures).
        grouped = self.evidence_group_of
        for feature, spec in self.catalog.features.items():
            if not spec.specific or feature in grouped:
                continue
            for state in ("true", "false"):
                entries = table.get((feature, state), [])
                if len(entries) < len(self.priors):
                    continue  # a diagnosis without a figure (log 0) is the reference already
                values = [log_lr for _, log_lr in entries]
                shift = max(set(values), key=values.count)
                table[(feature, state)] = [(code, log_lr - shift) for code, log_lr in entries if log_lr != shift]
        return table

    @cached_property
    def hallmarks(self) -> dict[str, Hallmark]:
        return {h.name: h for h in self.catalog.hallmarks}

    @cached_property
    def hallmarks_of(self) -> dict[str, tuple[Hallmark, ...]]:
        """feature -> the hallmarks it belongs to, in features.yaml's order (a feature in two has the same u in
        both, Classifier 136, so the first one's u serves for either)."""
        found: dict[str, list[Hallmark]] = {}
        for hallmark in self.catalog.hallmarks:
            for feature in hallmark.features:
                found.setdefault(feature, []).append(hallmark)
        return {feature: tuple(hallmarks) for feature, hallmarks in found.items()}

    def composite_members(self, feature: str, state: str) -> list[str] | None:
        """The states a composite state stands for: a named composite of features.yaml, or a state
        written 'a|b' ("one of these, which unknown": lesions.ANY_OF) whose parts are all states."""
        members = self.catalog.features[feature].composite.get(state)
        if members is None and ANY_OF in state:
            parts = state.split(ANY_OF)
            valid = self.feature_states(feature)
            if all(part in valid for part in parts):
                members = parts
        return members

    def log_lrs_of(self, feature: str, state: str) -> list[tuple[str, float]]:
        """log_lrs of one finding, an 'a|b' state included (computed once, then remembered)."""
        entries = self.log_lrs.get((feature, state))
        if entries is not None or ANY_OF not in state:
            return entries or []
        return self.remembered(Knowledge._any_of_log_lrs, feature, state)

    def _any_of_log_lrs(self, feature: str, state: str) -> list[tuple[str, float]]:
        members = self.composite_members(feature, state) or []
        prevalences = self.feature_states(feature)
        entries = []
        for code, features in self.likelihood_ratios.items():
            states = features.get(feature)
            if states and members:
                lr = composite_lr(states, prevalences, members)
                if lr != 1.0:
                    entries.append((code, math.log(lr)))
        return entries

    # The scores as vectors over the outcomes (inference._log_scores): each finding's log LRs laid out
    # once, in the order of `priors`, so that a request adds a finding's row instead of looping over
    # its diagnoses. Adding the same numbers in the same order, the sums are the same to the bit.

    @cached_property
    def outcome_index(self) -> dict[str, int]:
        """Diagnosis (the open-world outcome included) -> its position in `priors` and in the rows."""
        return {code: position for position, code in enumerate(self.priors)}

    def log_lr_row(self, feature: str, state: str) -> np.ndarray | None:
        """log_lrs_of one finding as a read-only vector over the outcomes (0 where neutral); None when
        it names a diagnosis twice (two additions, which one added sum would round differently)."""
        return self.remembered(Knowledge._log_lr_row, feature, state)

    def _log_lr_row(self, feature: str, state: str) -> np.ndarray | None:
        entries = self.log_lrs_of(feature, state)
        if len({code for code, _ in entries}) != len(entries):
            return None
        row = np.zeros(len(self.priors))
        for code, log_lr in entries:
            row[self.outcome_index[code]] = log_lr
        row.flags.writeable = False
        return row

    def ranked_log_lrs(self, feature: str, state: str) -> list[tuple[str, tuple[float, float, str]]]:
        """log_lrs_of one finding of an evidence group as (diagnosis, (|log LR|, log LR, feature)): the
        key by which damping ranks the findings of a group (inference._log_scores)."""
        return self.remembered(Knowledge._ranked_log_lrs, feature, state)

    def _ranked_log_lrs(self, feature: str, state: str) -> list[tuple[str, tuple[float, float, str]]]:
        return [(code, (abs(log_lr), log_lr, feature)) for code, log_lr in self.log_lrs_of(feature, state)]

    @cached_property
    def evidence_group_of(self) -> dict[str, tuple[str, float]]:
        """feature -> (group name, damping) for the features of an evidence group."""
        return {feature: (group.name, group.damping) for group in self.catalog.evidence_groups for feature in group.features}

    def described(self, feature: str, state: str, describe) -> str:
        """describe(feature, state, self), computed once per finding (one describe function per process)."""
        return self.remembered(Knowledge._described, feature, state, describe)

    def _described(self, feature: str, state: str, describe) -> str:
        return describe(feature, state, self)

    def figure_for(self, diagnosis: str, feature: str, state: str) -> Figure | None:
        """The figure of one observed state, composite states (a set of states) included."""
        return self.remembered(Knowledge._figure_for, diagnosis, feature, state)

    def _figure_for(self, diagnosis: str, feature: str, state: str) -> Figure | None:
        if state == UNRECORDED:
            return self.unrecorded.get(feature, {}).get(diagnosis)
        states = self.likelihood_ratios[diagnosis].get(feature)
        if not states:
            return None
        if state in states:
            return states[state]
        members = self.composite_members(feature, state)
        if members is None:
            return None
        lr = composite_lr(states, self.feature_states(feature), members)
        sources = sorted({states[m].source for m in members if m in states})
        return Figure(lr=round(lr, 3),
                      source="prevalence-weighted mean of " + ", ".join(members) + (": " + "; ".join(sources) if sources else ""),
                      estimate=True)

    @cached_property
    def testable_features(self) -> list[tuple[str, FeatureSpec]]:
        """Features with a test that would establish them, in catalog order."""
        return [(feature, spec) for feature, spec in self.catalog.features.items() if spec.test is not None]

    def state_likelihoods(self, diagnosis: str, feature: str, unrecorded: bool = False) -> dict[str, float]:
        """P(state | diagnosis) implied by the LRs and the reference-population state frequencies;
        `unrecorded`: given that the feature's hallmark went unrecorded (P(s | D) u(s), normalised)."""
        return self.remembered(Knowledge._state_likelihoods, diagnosis, feature, unrecorded)

    def _state_likelihoods(self, diagnosis: str, feature: str, unrecorded: bool) -> dict[str, float]:
        figures = self.likelihood_ratios[diagnosis].get(feature, {})
        hallmark = self.hallmarks_of[feature][0] if unrecorded and feature in self.hallmarks_of else None
        weighted = {state: rate * (figures[state].lr if state in figures else 1.0)
                    * (unrecorded_probability(hallmark, state) if hallmark else 1.0)
                    for state, rate in self.feature_states(feature).items()}
        total = sum(weighted.values())
        return {state: weight / total for state, weight in weighted.items()}

    def state_likelihood_row(self, diagnosis: str, feature: str, unrecorded: bool = False) -> tuple[float, ...]:
        """state_likelihoods as a tuple in the order of feature_states (the next-best-test search)."""
        return self.remembered(Knowledge._state_likelihood_row, diagnosis, feature, unrecorded)

    def _state_likelihood_row(self, diagnosis: str, feature: str, unrecorded: bool) -> tuple[float, ...]:
        return tuple(self.state_likelihoods(diagnosis, feature, unrecorded).values())


def composite_lr(figures: dict[str, Figure], prevalences: dict[str, float], members: list[str]) -> float:
    """LR of 'the state is one of members': sum of P(s) x LR(s) over them / sum of P(s)."""
    weight = sum(prevalences[m] for m in members)
    return sum(prevalences[m] * (figures[m].lr if m in figures else 1.0) for m in members) / weight


def unrecorded_probability(hallmark: Hallmark, state: str) -> float:
    """P(a finding in this state goes unrecorded): low for a present hallmark, which is stated."""
    return hallmark.unrecorded_if_present if state in hallmark.present_states else hallmark.unrecorded_if_absent


def unrecorded_lrs(hallmark: Hallmark, table: dict[str, dict[str, dict[str, Figure]]], catalog: FeatureCatalog,
                   codesystems) -> dict[str, Figure]:
    """Per diagnosis, the LR of 'no feature of the hallmark recorded': P(present | D) is the largest over
    its features (the findings of one disease go together), and the LR is
    [P(present | D) u_present + P(absent | D) u_absent] / [the same for the referred population],
    a likelihood of its own, coherent by construction (decisions.md Classifier 20)."""

    def p_present(figures_of: dict[str, dict[str, Figure]]) -> float:
        best = 0.0
        for feature in hallmark.features:
            figures = figures_of.get(feature, {})
            prevalences = feature_states(catalog, codesystems, feature)
            best = max(best, sum(prevalences[s] * (figures[s].lr if s in figures else 1.0)
                                 for s in hallmark.present_states))
        return best

    def unrecorded(p: float) -> float:
        return p * hallmark.unrecorded_if_present + (1 - p) * hallmark.unrecorded_if_absent

    population = unrecorded(p_present({}))
    result = {}
    for code, figures_of in table.items():
        if not any(feature in figures_of for feature in hallmark.features):
            continue  # no table for its features: neutral
        p = p_present(figures_of)
        result[code] = Figure(lr=round(unrecorded(p) / population, 3), estimate=True,
                              source=f"expert estimate: not recorded although stated when present (features.yaml hallmarks/"
                                     f"{hallmark.name}; {hallmark.source}); P(present) {p:.2f} here")
    return result


def table_sum(figures: dict[str, Figure], prevalences: dict[str, float]) -> float:
    """Sum over the states of P(state) x LR(state): 1 for a coherent table (a state not named is LR 1)."""
    return sum(rate * (figures[state].lr if state in figures else 1.0) for state, rate in prevalences.items())


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from exc


def _validate(path: Path, adapter_type: Any, data: Any) -> Any:
    try:
        return TypeAdapter(adapter_type).validate_python(data)
    except ValidationError as exc:
        details = "; ".join(
            f"{'/'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise KnowledgeError(f"{path.name}: {details}") from exc


def feature_states(catalog: FeatureCatalog, codesystems: dict[str, CodeSystemContent], feature: str) -> dict[str, float]:
    spec: FeatureSpec = catalog.features[feature]
    if spec.boolean:
        rate = spec.base_rate or 0.1
        return {"true": rate, "false": 1 - rate}
    if spec.states:
        if abs(sum(spec.states.values()) - 1) > 1e-6:
            raise KnowledgeError(f"features.yaml: features/{feature}: state prevalences sum to "
                                 f"{sum(spec.states.values()):g}, not 1")
        return dict(spec.states)
    if feature == "age-band":
        return {band.code: 1 / len(catalog.age_bands) for band in catalog.age_bands}
    if feature == "size":
        return {band.code: 1 / len(catalog.size_bands) for band in catalog.size_bands}
    if feature == "site":
        sites = [c.code for c in codesystems["calcinosis-site"].concepts]
        return {site: 1 / len(sites) for site in sites}
    raise KnowledgeError(f"features.yaml: feature {feature!r} has no states")


def _compile_diagnosis(diagnosis: Diagnosis, catalog: FeatureCatalog, codesystems) -> dict[str, dict[str, Figure]]:
    """Flattens the sections of one diagnosis into feature -> state -> figure, checking every name."""
    where = f"diagnoses.yaml: {diagnosis.code}"
    table: dict[str, dict[str, Figure]] = {}

    def add(feature: str, state_figures: dict[str, Figure], section: str) -> None:
        if feature not in catalog.features:
            raise KnowledgeError(f"{where}/{section}: unknown feature {feature!r}")
        if not catalog.features[feature].evidence:
            raise KnowledgeError(f"{where}/{section}: {feature!r} is not an evidence feature (features.yaml: evidence: false)")
        valid = feature_states(catalog, codesystems, feature)
        for key, figure in state_figures.items():
            state = BOOLEAN_KEYS.get(key, key) if catalog.features[feature].boolean else key
            if state not in valid:
                raise KnowledgeError(f"{where}/{section}/{feature}: unknown state {key!r} (expected one of {sorted(valid)})")
            table.setdefault(feature, {})[state] = figure

    add("age-band", diagnosis.age, "age")
    add("sex", {sex: figure for sex, figure in diagnosis.sex.items()}, "sex")
    add("site", diagnosis.sites, "sites")
    if diagnosis.other_sites is not None:
        site_table = table.setdefault("site", {})
        for site in feature_states(catalog, codesystems, "site"):
            site_table.setdefault(site, diagnosis.other_sites)
    for section_name in ("labs", "imaging", "findings"):
        for feature, figures in getattr(diagnosis, section_name).items():
            add(feature, figures, section_name)
    for feature, figures in table.items():
        total = table_sum(figures, feature_states(catalog, codesystems, feature))
        if abs(total - 1) > COHERENCE_TOLERANCE:
            raise KnowledgeError(f"{where}/{feature}: incoherent likelihood ratios: the sum over states of "
                                 f"P(state) x LR is {total:.3f}, not 1 (features.yaml holds the state prevalences)")
    return table


def _check_catalog(catalog: FeatureCatalog, codesystems) -> None:
    for name, spec in catalog.features.items():
        if spec.composite:
            valid = feature_states(catalog, codesystems, name)
            for composite, members in spec.composite.items():
                if composite in valid or not members or set(members) - set(valid):
                    raise KnowledgeError(f"features.yaml: features/{name}/composite/{composite}: "
                                         f"members must be states of {name!r}")
        for part in spec.superseded_by:
            if part == name or part not in catalog.features or not catalog.features[part].evidence:
                raise KnowledgeError(f"features.yaml: features/{name}/superseded_by: {part!r} is not another evidence feature")
    for hallmark in catalog.hallmarks:
        if hallmark.name in catalog.features:
            raise KnowledgeError(f"features.yaml: hallmarks/{hallmark.name}: the name of a feature")
        for feature in hallmark.features + hallmark.asked_with:
            if feature not in catalog.features or not catalog.features[feature].evidence:
                raise KnowledgeError(f"features.yaml: hallmarks/{hallmark.name}: {feature!r} is not an evidence feature")
            if set(hallmark.present_states) - set(feature_states(catalog, codesystems, feature)):
                raise KnowledgeError(f"features.yaml: hallmarks/{hallmark.name}: present_states must be states of {feature!r}")
    if "mass-duration" in catalog.features and (
            [band.code for band in catalog.duration_bands] != list(feature_states(catalog, codesystems, "mass-duration"))
            or set(catalog.duration_units) != {"d", "wk", "mo", "a"}):
        raise KnowledgeError("features.yaml: duration_bands must be the states of mass-duration, in order, and "
                             "duration_units the UCUM time units d, wk, mo and a")
    seen: set[str] = set()
    for group in catalog.evidence_groups:
        for feature in group.features:
            if feature not in catalog.features or not catalog.features[feature].evidence:
                raise KnowledgeError(f"features.yaml: evidence_groups/{group.name}: {feature!r} is not an evidence feature")
            if feature in seen:
                raise KnowledgeError(f"features.yaml: evidence_groups/{group.name}: {feature!r} is in two groups")
            seen.add(feature)


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    """Reads every knowledge file, validates it against the schema and cross-checks the names."""
    codesystems = _validate(directory / "codesystems.yaml", dict[str, CodeSystemContent],
                            _read_yaml(directory / "codesystems.yaml"))
    for name in ("calcinosis-finding", "calcinosis-site", "calcinosis-typing"):
        if name not in codesystems:
            raise KnowledgeError(f"codesystems.yaml: missing CodeSystem {name!r}")
    catalog = _validate(directory / "features.yaml", FeatureCatalog, _read_yaml(directory / "features.yaml"))
    _check_catalog(catalog, codesystems)
    labs = _validate(directory / "labs.yaml", LabCatalog, _read_yaml(directory / "labs.yaml"))
    management = _validate(directory / "management.yaml", Management, _read_yaml(directory / "management.yaml"))
    diagnoses_list = _validate(directory / "diagnoses.yaml", list[Diagnosis], _read_yaml(directory / "diagnoses.yaml"))

    codes = [d.code for d in diagnoses_list]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise KnowledgeError(f"diagnoses.yaml: duplicate diagnosis codes {duplicates}")
    missing = sorted(set(REQUIRED_DIAGNOSIS_CODES) - set(codes))
    extra = sorted(set(codes) - set(REQUIRED_DIAGNOSIS_CODES))
    if missing or extra:
        raise KnowledgeError(f"diagnoses.yaml: missing diagnoses {missing}, unknown diagnoses {extra}")
    _check_labs(labs)
    _check_genetics(labs, catalog)
    problems = [f"diagnoses.yaml: {d.code}/normative_code: {d.normative_code!r} is not a grouping code of vocabulary.md "
                f"({', '.join(NORMATIVE_GROUP_CODES)})" for d in diagnoses_list
                if d.normative_code is not None and d.normative_code not in NORMATIVE_GROUP_CODES]
    groups = {c.code for c in codesystems["calcinosis-diagnosis"].concepts} if "calcinosis-diagnosis" in codesystems else set()
    if groups != set(NORMATIVE_GROUP_CODES):
        problems.append("codesystems.yaml: calcinosis-diagnosis must hold exactly the grouping codes "
                        f"{sorted(NORMATIVE_GROUP_CODES)}")
    if problems:
        raise KnowledgeError("; ".join(problems))
    references = _validate(directory / "references.yaml", dict[str, Reference], _read_yaml(directory / "references.yaml"))
    cant_miss = _validate(directory / "cant_miss.yaml", CantMiss, _read_yaml(directory / "cant_miss.yaml"))
    _check_rules(management, cant_miss, references, catalog, codesystems, codes)

    none_fits = _validate(directory / "none_fits.yaml", NoneFitsSpec, _read_yaml(directory / "none_fits.yaml"))
    diagnoses = {d.code: d for d in diagnoses_list}
    total = sum(d.prior.value for d in diagnoses_list) + none_fits.prior.value
    priors = {d.code: d.prior.value / total for d in diagnoses_list}
    priors[none_fits.code] = none_fits.prior.value / total
    table = {d.code: _compile_diagnosis(d, catalog, codesystems) for d in diagnoses_list}
    _add_background(table, priors, catalog)
    table[none_fits.code] = _diffuse_table(none_fits, catalog, codesystems)
    _check_references(references)
    _check_figure_sources(diagnoses_list, references)
    _check_tumoral_sites(diagnoses_list, references, feature_states(catalog, codesystems, "site"))
    _check_lab_sources(labs, references)
    unrecorded = {h.name: unrecorded_lrs(h, table, catalog, codesystems) for h in catalog.hallmarks}
    for d in diagnoses_list:
        for feature in d.defining:
            if feature not in catalog.features or catalog.features[feature].test is None:
                raise KnowledgeError(f"diagnoses.yaml: {d.code}/defining: {feature!r} is not a feature with a test")
    try:
        calibration = load_calibration(directory)
    except ValueError as exc:
        raise KnowledgeError(f"calibration.yaml: {exc}") from exc
    return Knowledge(diagnoses, priors, table, catalog, labs, codesystems, management, references, cant_miss, none_fits,
                     unrecorded, calibration)


BACKGROUND_FLOOR = 0.005  # a disease-specific finding is still seen, now and then, without its disease


def _add_background(table: dict[str, dict[str, dict[str, Figure]]], priors: dict[str, float],
                    catalog: FeatureCatalog) -> None:
    """A disease-specific finding (features.yaml `specific`) left neutral for the diagnoses without a table made
    the model incoherent as a whole: skin sclerosis counted as often in CPPD (the referred 5%) as in the
    population, although systemic sclerosis explains nearly all of it. Those diagnoses get the background rate
    r = (base rate - sum over the diagnoses with a table of prior x P(present | D)) / (their remaining prior),
    at least BACKGROUND_FLOOR: LR present r / base rate, absent (1 - r) / (1 - base rate) (Classifier 28)."""
    for feature, spec in catalog.features.items():
        if not (spec.specific and spec.boolean and spec.base_rate):
            continue
        base = spec.base_rate
        owners = [code for code, figures in table.items() if feature in figures]
        explained = sum(priors[code] * table[code][feature]["true"].lr * base for code in owners)
        rate = max(BACKGROUND_FLOOR, (base - explained) / (1 - sum(priors[code] for code in owners)))
        if rate >= base:
            continue
        source = (f"derived (Classifier 28): the referred prevalence less what the diagnoses with a table of "
                  f"{feature} explain (P {rate:.3g}; referred {base:g})")
        figures = {"true": Figure(lr=round(rate / base, 4), source=source, estimate=True),
                   "false": Figure(lr=round((1 - rate) / (1 - base), 4), source=source, estimate=True)}
        for diagnosis_table in table.values():
            diagnosis_table.setdefault(feature, figures)


def _diffuse_table(spec: NoneFitsSpec, catalog: FeatureCatalog, codesystems) -> dict[str, dict[str, Figure]]:
    """The likelihood ratios of the open-world outcome (none_fits.yaml): P(state | none fits) mixes
    the referred population with a uniform distribution, so LR = (1 - w) + w / (K x P(state))."""
    w = spec.diffuse_weight
    source = f"expert estimate: diffuse alternative, (1 - {w:g}) + {w:g} / (states x prevalence) (none_fits.yaml)"
    table: dict[str, dict[str, Figure]] = {}
    for feature, feature_spec in catalog.features.items():
        if not feature_spec.evidence:
            continue
        states = feature_states(catalog, codesystems, feature)
        table[feature] = {state: Figure(lr=round((1 - w) + w / (len(states) * rate), 4), source=source, estimate=True)
                          for state, rate in states.items()}
    return table


def _check_rules(management: Management, cant_miss: CantMiss, references: dict[str, Reference],
                 catalog: FeatureCatalog, codesystems, codes: list[str]) -> None:
    """Every name in the rules exists: features and their states, diagnoses, sources, exposures."""
    states: dict[str, list[str]] = {}
    for name, spec in catalog.features.items():
        states[name] = [*feature_states(catalog, codesystems, name), *spec.composite]
    diagnoses = {*codes, NONE_FITS}  # rules name modelled diagnoses, or the open-world outcome
    problems: list[str] = []

    def sources(where: str, keys: list[str]) -> None:
        problems.extend(f"{where}/sources: unknown reference {key!r} (references.yaml, or 'expert estimate')"
                        for key in keys if key not in references and not key.startswith("expert estimate"))

    for tag, exposure in management.exposures.items():
        if exposure.finding not in catalog.features:
            problems.append(f"management.yaml: exposures/{tag}: unknown finding {exposure.finding!r}")
    given = {tag for item in management.items for tag in item.gives} | set(management.exposures)
    for c in management.contraindications:
        where = f"management.yaml: contraindications/{c.id}"
        problems += check_condition(c.when, f"{where}/when", states, diagnoses)
        problems += [f"{where}/blocks: {tag!r} is neither given by an item nor an exposure"
                     for tag in c.blocks if tag not in given]
        sources(where, c.sources)
    for item in management.items:
        where = f"management.yaml: items/{item.id}"
        problems += check_condition(item.when, f"{where}/when", states, diagnoses)
        if item.unless is not None:
            problems += check_condition(item.unless, f"{where}/unless", states, diagnoses)
        sources(where, item.sources)
    problems += [f"management.yaml: tumoral_calcinosis: unknown diagnosis {code!r}"
                 for code in management.tumoral_calcinosis if code not in codes]
    problems += [f"cant_miss.yaml: diagnoses: unknown diagnosis {code!r}"
                 for code in cant_miss.diagnoses if code not in diagnoses]
    for emergency in cant_miss.emergencies:
        problems += [f"cant_miss.yaml: emergencies/{emergency.id}: unknown diagnosis {code!r}"
                     for code in emergency.diagnoses if code not in codes]
        sources(f"cant_miss.yaml: emergencies/{emergency.id}", emergency.sources)
    sources("cant_miss.yaml", cant_miss.sources)
    for flag in cant_miss.red_flags:
        problems += check_condition(flag.when, f"cant_miss.yaml: red_flags/{flag.id}/when", states, diagnoses)
        sources(f"cant_miss.yaml: red_flags/{flag.id}", flag.sources)
    for exception in cant_miss.exceptions:
        problems += check_condition(exception.when, f"cant_miss.yaml: exceptions/{exception.id}/when", states, diagnoses)
        sources(f"cant_miss.yaml: exceptions/{exception.id}", exception.sources)
    if problems:
        raise KnowledgeError("; ".join(problems[:5]))


EXPERT_ESTIMATE = "expert estimate"


def source_key(source: str) -> str | None:
    """The references.yaml key a figure's source names ('boyce-2020: ...'), or None for an
    expert estimate ('expert estimate ...')."""
    if source.startswith(EXPERT_ESTIMATE):
        return None
    return source.split(":", 1)[0].split(";", 1)[0].strip()


def figures_of(diagnosis: Diagnosis) -> list[tuple[str, Figure | Prior]]:
    """(where, figure) for the prior and every likelihood ratio of one diagnosis."""
    out: list[tuple[str, Figure | Prior]] = [("prior", diagnosis.prior)]
    out += [(f"age/{k}", f) for k, f in diagnosis.age.items()]
    out += [(f"sex/{k}", f) for k, f in diagnosis.sex.items()]
    out += [(f"sites/{k}", f) for k, f in diagnosis.sites.items()]
    if diagnosis.other_sites is not None:
        out.append(("other_sites", diagnosis.other_sites))
    for section in ("labs", "imaging", "findings"):
        for feature, states in getattr(diagnosis, section).items():
            out += [(f"{section}/{feature}/{state}", figure) for state, figure in states.items()]
    return out


def _check_references(references: dict[str, Reference]) -> None:
    problems = [f"references.yaml: {key}: needs a doi, a pmid or a url, or estimate: true (identifier not verified)"
                for key, ref in references.items() if not (ref.doi or ref.pmid or ref.url or ref.estimate)]
    if problems:
        raise KnowledgeError("; ".join(problems[:5]))


Sourced = Figure | Prior | Interval | ProductThreshold | TumoralSites  # a sourced figure or rule, with its estimate flag


def _check_figure_sources(diagnoses: list[Diagnosis], references: dict[str, Reference]) -> None:
    """Every prior and likelihood ratio names a reference (references.yaml) or says 'expert
    estimate' (and is then marked estimate: true)."""
    _check_sources([(f"diagnoses.yaml: {diagnosis.code}/{where}", figure)
                    for diagnosis in diagnoses for where, figure in figures_of(diagnosis)], references)


def _check_tumoral_sites(diagnoses: list[Diagnosis], references: dict[str, Reference], sites: dict[str, float]) -> None:
    """A diagnosis's own tumoral sites (Classifier 84) are site codes, come with the typing they give, and are sourced."""
    problems: list[str] = []
    rows: list[tuple[str, Sourced]] = []
    for d in diagnoses:
        if d.tumoral_sites is None:
            continue
        where = f"diagnoses.yaml: {d.code}/tumoral_sites"
        problems += [f"{where}: {site!r} is not a site code" for site in d.tumoral_sites.sites if site not in sites]
        if d.typing_if_tumoral_mass is None:
            problems.append(f"{where}: needs typing_if_tumoral_mass")
        rows.append((where, d.tumoral_sites))
    if problems:
        raise KnowledgeError("; ".join(problems))
    _check_sources(rows, references)


def _check_lab_sources(labs: LabCatalog, references: dict[str, Reference]) -> None:
    """Every reference interval and Ca x P threshold names a reference or says 'expert estimate'."""
    rows: list[tuple[str, Sourced]] = [
        (f"labs.yaml: reference_intervals/{name}/{index}", row)
        for name, rows in labs.reference_intervals.items() for index, row in enumerate(rows)]
    rows += [(f"labs.yaml: calcium_phosphate_product/{index}", row) for index, row in enumerate(labs.calcium_phosphate_product)]
    _check_sources(rows, references)


def _check_sources(rows: list[tuple[str, Sourced]], references: dict[str, Reference]) -> None:
    """Each (where, row) names a reference of references.yaml or says 'expert estimate' and is marked estimate:
    true; the first five that do not, in one KnowledgeError."""
    problems = []
    for where, row in rows:
        key = source_key(row.source)
        if key is None and not row.estimate:
            problems.append(f"{where}: an expert estimate is marked estimate: true")
        elif key is not None and key not in references:
            problems.append(f"{where}: source {row.source!r} names no reference of references.yaml (or say 'expert estimate')")
    if problems:
        raise KnowledgeError("; ".join(problems[:5]))


def _check_labs(labs: LabCatalog) -> None:
    for name, analyte in labs.analytes.items():
        if analyte.canonical_unit not in labs.units:
            raise KnowledgeError(f"labs.yaml: analytes/{name}: canonical unit {analyte.canonical_unit!r} not in units")
        if name not in labs.reference_intervals:
            raise KnowledgeError(f"labs.yaml: reference_intervals: no interval for {name!r}")
    for alias, target in labs.unit_aliases.items():
        if target not in labs.units:
            raise KnowledgeError(f"labs.yaml: unit_aliases/{alias}: target {target!r} not in units")
    # a spelling sent in the wrong case is read case-insensitively (units.read_unit): that reading
    # must name one unit, whatever the case
    folded: dict[str, str] = {}
    for spelling, target in [*((code, code) for code in labs.units), *labs.unit_aliases.items()]:
        if folded.setdefault(spelling.casefold(), target) != target:
            raise KnowledgeError(f"labs.yaml: units and unit_aliases: {spelling!r} and another spelling differ only "
                                 f"in case but name different units ({folded[spelling.casefold()]!r}, {target!r})")
    for name, intervals in labs.reference_intervals.items():
        for index, interval in enumerate(intervals):
            if interval.low >= interval.high or interval.age_from >= interval.age_to:
                raise KnowledgeError(f"labs.yaml: reference_intervals/{name}/{index}: empty interval")


def _check_genetics(labs: LabCatalog, catalog: FeatureCatalog) -> None:
    states = catalog.features["pathogenic-variant"].states or {}
    for hgnc, gene in labs.genetics.genes.items():
        if gene.state not in states:
            raise KnowledgeError(f"labs.yaml: genetics/genes/{hgnc}: state {gene.state!r} is not a state of "
                                 f"pathogenic-variant (features.yaml)")


@cache
def knowledge() -> Knowledge:
    """The packaged knowledge, loaded once per process."""
    return load_knowledge()
