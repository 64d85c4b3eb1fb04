"""Pydantic schema of the knowledge files: a malformed file fails loading with a precise error."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat

Mechanism = Literal["metastatic", "dystrophic", "iatrogenic", "idiopathic"]
Typing = Literal["primary-hyperphosphatemic", "primary-normophosphatemic", "secondary", "not-tumoral-calcinosis"]

# The normative diagnosis codes of vocabulary.md: the knowledge base must cover exactly these.
REQUIRED_DIAGNOSIS_CODES = (
    "tc-primary-hyperphosphatemic", "tc-primary-normophosphatemic", "tc-secondary-uremic",
    "primary-hyperparathyroidism", "sarcoidosis", "malignancy-hypercalcemia", "vitamin-d-or-milk-alkali",
    "gouty-tophus", "cppd-deposition", "systemic-sclerosis", "dermatomyositis", "lupus",
    "pseudoxanthoma-elasticum", "synovial-sarcoma", "ewing-sarcoma-soft-tissue", "askin-tumor",
    "extraskeletal-chondrosarcoma", "soft-tissue-chondroma", "calcifying-aponeurotic-fibroma",
    "synovial-chondromatosis", "myositis-ossificans", "fibrodysplasia-ossificans-progressiva",
    "calcifying-fibrous-pseudotumor", "parasitic-calcification", "tuberculosis", "venous-malformation",
    "chronic-venous-insufficiency", "hemangioma", "calcified-hematoma", "calcific-myonecrosis",
    "calcific-tendinopathy", "iatrogenic-calcium-deposition", "winer-solitary-nodular-calcinosis",
    "calcinosis-circumscripta", "calcinosis-universalis",
)
# Normative since 2026-12-05 (vocabulary.md), not all modelled yet: rules may name them.
LATER_NORMATIVE_DIAGNOSIS_CODES = (
    "calciphylaxis", "extraskeletal-osteosarcoma", "hypoparathyroidism-pseudohypoparathyroidism",
    "tumour-lysis-hyperphosphataemia", "neurogenic-heterotopic-ossification", "none-fits",
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(Strict):
    """One likelihood ratio with where it comes from."""

    lr: PositiveFloat
    source: str = Field(min_length=1)
    estimate: bool = False


class Prior(Strict):
    value: float = Field(gt=0, le=1)
    source: str = Field(min_length=1)
    estimate: bool = False


StateFigures = dict[str, Figure]


class Diagnosis(Strict):
    code: str
    display: str
    definition: str
    mechanism: Mechanism
    typing: Typing
    typing_if_tumoral_mass: Typing | None = None
    prior: Prior
    age: StateFigures = {}
    sex: dict[Literal["male", "female"], Figure] = {}
    sites: StateFigures = {}
    other_sites: Figure | None = None
    labs: dict[str, StateFigures] = {}
    imaging: dict[str, StateFigures] = {}
    findings: dict[str, StateFigures] = {}


class Concept(Strict):
    code: str
    display: str
    definition: str


class CodeSystemContent(Strict):
    title: str
    description: str
    concepts: list[Concept]


class Coding(Strict):
    system: str
    code: str
    display: str | None = None


class TestProposal(Strict):
    missing: str
    request: str
    code: Coding | None = None


class FeatureSpec(Strict):
    group: Literal["demographic", "lesion", "lab", "history"]
    display: str
    boolean: bool = False
    base_rate: float | None = Field(default=None, gt=0, lt=1)
    states: dict[str, float] | None = None  # state -> prevalence among referred patients (sums to 1)
    state_displays: dict[str, str] = {}
    composite: dict[str, list[str]] = {}  # a set of states known only as a whole (e.g. CKD, stage unknown)
    evidence: bool = True  # False: an input of other features or of the rules, never an LR of its own
    test: TestProposal | None = None


class Band(Strict):
    code: str
    display: str
    age_from: float | None = None
    age_to: float | None = None
    from_mm: float | None = None
    to_mm: float | None = None


class TumoralMass(Strict):
    patterns: list[str]
    sites: list[str]
    min_size_mm: float


class EvidenceGroup(Strict):
    """Correlated features: their log LRs, strongest first, are weighted 1, damping, damping^2, ..."""

    name: str
    features: list[str] = Field(min_length=2)
    damping: float = Field(gt=0, le=1)
    source: str = Field(min_length=1)


class FeatureCatalog(Strict):
    age_bands: list[Band]
    size_bands: list[Band]
    tumoral_mass: TumoralMass
    features: dict[str, FeatureSpec]
    evidence_groups: list[EvidenceGroup] = []


class Unit(Strict):
    kind: str
    factor: PositiveFloat


class Analyte(Strict):
    display: str
    codes: list[Coding]
    canonical_unit: str
    molar_mass: PositiveFloat | None = None
    impossible_at_or_below: float
    implausible_above: float


class Interval(Strict):
    age_from: float
    age_to: float
    sex: Literal["any", "male", "female"]
    low: float
    high: float
    source: str = Field(min_length=1)
    estimate: bool = False


class ProductThreshold(Strict):
    age_from: float
    age_to: float
    threshold: PositiveFloat
    source: str = Field(min_length=1)
    estimate: bool = False


class LabCatalog(Strict):
    units: dict[str, Unit]
    unit_aliases: dict[str, str]
    molar_pairs: list[tuple[str, str]]
    analytes: dict[str, Analyte]
    reference_intervals: dict[str, list[Interval]]
    calcium_phosphate_product: list[ProductThreshold]


Condition = dict[str, Any]  # the condition language of management.yaml, checked by rules.check_condition


class Reference(Strict):
    """A published source: a DOI or PMID that was looked up, or a URL for guidelines and web pages;
    estimate: true when the identifier could not be verified (cited by author, journal and year)."""

    short: str = Field(min_length=1)
    citation: str = Field(min_length=1)  # authors, title, journal, year
    year: int | None = None
    doi: str | None = None
    pmid: str | None = Field(default=None, pattern=r"^[0-9]{1,9}$")
    url: str | None = None
    estimate: bool = False


class Contraindication(Strict):
    id: str
    blocks: list[str] = Field(min_length=1)
    when: Condition
    reason: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    stops_current: bool = True  # a patient already on a blocked treatment is told to stop it


class ManagementItem(Strict):
    id: str
    kind: Literal["stop", "avoid", "treatment", "surgery", "safety", "test"]
    text: str = Field(min_length=1)
    when: Condition = {}
    unless: Condition | None = None
    gives: list[str] = []
    sources: list[str] = Field(min_length=1)
    code: Coding | None = None  # tests: the coded request
    urgent: bool = False


class Exposure(Strict):
    finding: str
    name: str


class Management(Strict):
    consider_at: float = Field(gt=0, lt=1)
    tumoral_calcinosis: list[str]
    exposures: dict[str, Exposure]
    contraindications: list[Contraindication]
    items: list[ManagementItem]


class RedFlag(Strict):
    id: str
    text: str = Field(min_length=1)
    when: Condition
    major: bool = False  # raises the alarm on its own
    sources: list[str] = Field(min_length=1)


class AlarmException(Strict):
    id: str
    when: Condition
    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class CantMiss(Strict):
    action: str = Field(min_length=1, max_length=80)
    threshold: float = Field(gt=0, lt=1)
    critical_threshold: float = Field(gt=0, lt=1)
    min_flags: int = Field(ge=1)
    critical_flags: int = Field(ge=1)
    diagnoses: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    red_flags: list[RedFlag]
    exceptions: list[AlarmException] = []
