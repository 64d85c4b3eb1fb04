"""Pydantic schema of the knowledge files: a malformed file fails loading with a precise error."""

from typing import Literal

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


class Advice(Strict):
    text: str
    source: str


class Management(Strict):
    general: list[Advice]
    by_diagnosis: dict[str, list[Advice]]
