"""Genetic results (FHIR genomics reporting 'Genetic variant assessment') -> pathogenic-variant.

The shape, codes and genes are in labs.yaml `genetics`. A Present variant classed pathogenic or
likely pathogenic in a modelled gene gives that gene; a result saying Absent, or a benign or
likely benign variant, in a modelled gene gives none-found; a variant of uncertain significance is
not evidence (an information issue says so). A gene sent only as text (coding.display or
CodeableConcept.text) is read by its symbol, with a warning naming the HGNC code to send.
"""

from dataclasses import dataclass, field

from services.classifier.fhir_input import LOINC, codings
from services.classifier.issues import resource_label
from services.classifier.schema import Gene, Genetics
from shared.errors import Issue

NONE_FOUND = "none-found"


@dataclass
class GeneticReading:
    state: str | None = None  # a pathogenic-variant state, or None: not evidence
    issues: list[Issue] = field(default_factory=list)


def is_genetic_result(observation: dict, genetics: Genetics) -> bool:
    code = genetics.observation_code
    return any(c.get("system") == code.system and c.get("code") == code.code for c in codings(observation.get("code")))


def _loinc_codes(concept: object) -> list[str]:
    return [c["code"] for c in codings(concept) if c.get("system") == LOINC and isinstance(c.get("code"), str)]


def _components(observation: dict, code: str) -> list[dict]:
    return [c for c in observation.get("component") or [] if isinstance(c, dict) and code in _loinc_codes(c.get("code"))]


class _Reader:
    def __init__(self, observation: dict, genetics: Genetics):
        self.observation, self.genetics = observation, genetics
        self.label = resource_label(observation)
        self.reading = GeneticReading()

    def _issue(self, severity, code, message, expression) -> None:
        self.reading.issues.append(Issue(code, f"{self.label}: {message}", severity, (expression,)))

    def gene(self, concept: object) -> tuple[Gene | None, str]:
        """The modelled gene of a 'Gene studied' value, and how to name it in messages."""
        by_symbol = {gene.symbol.casefold(): (hgnc, gene) for hgnc, gene in self.genetics.genes.items()}
        for coding in codings(concept):
            code = coding.get("code")
            if "genenames.org" in str(coding.get("system", "")) and isinstance(code, str) and code.strip():
                number = code.strip()
                hgnc = f"HGNC:{number[5:] if number.upper().startswith('HGNC:') else number}"  # 'hgnc:57', '57' too
                display = coding.get("display")
                return self.genetics.genes.get(hgnc), f"{display} ({hgnc})" if isinstance(display, str) else hgnc
        texts = [c.get("display") for c in codings(concept)] + [concept.get("text") if isinstance(concept, dict) else None]
        for text in (t.strip() for t in texts if isinstance(t, str) and t.strip()):
            if text.casefold() in by_symbol:
                hgnc, gene = by_symbol[text.casefold()]
                self._issue("warning", "code-invalid", f"gene {text!r} given as text; read as {gene.symbol}: send the HGNC "
                            f"code {hgnc} (system {self.genetics.gene_system})", "Observation.component.valueCodeableConcept")
                return gene, gene.symbol
            return None, text
        return None, "an uncoded gene"

    def read(self) -> GeneticReading:
        genetics = self.genetics
        presence = [code for code in _loinc_codes(self.observation.get("valueCodeableConcept"))
                    if code in (genetics.present, genetics.absent)]
        if not presence:
            self._issue("warning", "required", f"genetic result without a value {genetics.present} (Present) or "
                        f"{genetics.absent} (Absent); not used", "Observation.valueCodeableConcept")
            return self.reading
        studied = [self.gene(c.get("valueCodeableConcept")) for c in _components(self.observation, genetics.gene_component.code)]
        if not studied:
            self._issue("warning", "required",
                        f"genetic result without a gene studied (component {genetics.gene_component.code}); "
                        "not used", "Observation.component")
            return self.reading
        modelled = {gene.state: gene for gene, _ in studied if gene is not None}
        names = ", ".join(name if gene is None else gene.symbol for gene, name in studied)
        if not modelled:
            self._issue("information", "not-supported", f"genetic result for {names}, not a gene the classifier models; "
                        "not used", "Observation.component")
            return self.reading
        if presence[0] == genetics.absent:
            self.reading.state = NONE_FOUND
            return self.reading
        classes = [genetics.significance[code] for c in _components(self.observation, genetics.significance_component.code)
                   for code in _loinc_codes(c.get("valueCodeableConcept")) if code in genetics.significance]
        if not classes:
            self._issue("warning", "required", f"variant in {names} without a clinical significance (component "
                        f"{genetics.significance_component.code}, LOINC answer codes); not used", "Observation.component")
        elif classes[0] == "uncertain":
            self._issue("information", "informational", f"variant of uncertain significance in {names}: not evidence "
                        "for or against a diagnosis", "Observation.component")
        elif classes[0] == "benign":
            self.reading.state = NONE_FOUND
        elif len(modelled) > 1:
            self._issue("warning", "value", f"one pathogenic variant reported for several genes ({names}); not used",
                        "Observation.component")
        else:
            self.reading.state = next(iter(modelled))
        return self.reading


def read_genetic_result(observation: dict, genetics: Genetics) -> GeneticReading:
    return _Reader(observation, genetics).read()
