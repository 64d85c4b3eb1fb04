"""Pydantic schema of the knowledge files: a malformed file fails loading with a precise error."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt

Mechanism = Literal["metastatic", "dystrophic", "iatrogenic", "idiopathic"]
Typing = Literal["primary-hyperphosphatemic", "primary-normophosphatemic", "secondary", "not-tumoral-calcinosis"]

# The diagnoses the knowledge base models (diagnoses.yaml must hold exactly these): the codes of
# vocabulary.md, with vitamin-d-or-milk-alkali split in two, and the look-alikes added for issue 12
# (vocabulary.md, "Also normative"; hypoparathyroidism-pseudohypoparathyroidism modelled as three).
REQUIRED_DIAGNOSIS_CODES = (
    "tc-primary-hyperphosphatemic", "tc-primary-normophosphatemic", "tc-secondary-uremic",
    "primary-hyperparathyroidism", "sarcoidosis", "malignancy-hypercalcemia", "vitamin-d-intoxication", "milk-alkali",
    "gouty-tophus", "cppd-deposition", "systemic-sclerosis", "dermatomyositis", "lupus",
    "pseudoxanthoma-elasticum", "synovial-sarcoma", "ewing-sarcoma-soft-tissue", "askin-tumor",
    "extraskeletal-chondrosarcoma", "soft-tissue-chondroma", "calcifying-aponeurotic-fibroma",
    "synovial-chondromatosis", "myositis-ossificans", "fibrodysplasia-ossificans-progressiva",
    "calcifying-fibrous-pseudotumor", "parasitic-calcification", "tuberculosis", "venous-malformation",
    "chronic-venous-insufficiency", "hemangioma", "calcified-hematoma", "calcific-myonecrosis",
    "calcific-tendinopathy", "iatrogenic-calcium-deposition", "winer-solitary-nodular-calcinosis",
    "calcinosis-circumscripta", "calcinosis-universalis",
    "calciphylaxis", "extraskeletal-osteosarcoma", "hypoparathyroidism", "pseudohypoparathyroidism",
    "progressive-osseous-heteroplasia", "tumor-lysis-syndrome", "neurogenic-heterotopic-ossification",
)
# Normative codes of vocabulary.md that group modelled diagnoses: a prediction of a modelled
# diagnosis also carries its group's code (diagnoses.yaml normative_code), so that callers matching
# the normative code find it.
NORMATIVE_GROUP_CODES = (
    "vitamin-d-or-milk-alkali", "hypoparathyroidism-pseudohypoparathyroidism", "tumour-lysis-hyperphosphataemia",
)
# The open-world outcome of vocabulary.md: none of the modelled diagnoses explains the findings
# well (knowledge/none_fits.yaml; decisions.md).
NONE_FITS = "none-fits"


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


class TumoralSites(Strict):
    """Sites where a calcified deposit of the disease, unless cutaneous, is its tumoral form whatever its size
    (decisions.md Classifier 84)."""

    sites: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)
    estimate: bool = False


class Diagnosis(Strict):
    code: str
    display: str
    definition: str
    normative_code: str | None = None  # the vocabulary.md code grouping it (NORMATIVE_GROUP_CODES)
    mechanism: Mechanism
    typing: Typing
    typing_if_tumoral_mass: Typing | None = None
    tumoral_sites: TumoralSites | None = None  # with typing_if_tumoral_mass: deep sites that make the mass tumoral
    # features that define the diagnosis (uremic TC: renal status): while one is unknown and the
    # diagnosis leads, its test is asked for first (decisions.md Classifier 21)
    defining: list[str] = []
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
    # a finding of one disease (skin sclerosis, a Gottron rash): a diagnosis without a table of its own gets
    # the background rate, what the referred prevalence leaves once the diseases with a table are explained
    specific: bool = False
    # a lumped finding read only when none of these, its parts, is sent (decisions.md Classifier 100)
    superseded_by: list[str] = []
    test: TestProposal | None = None


class Band(Strict):
    code: str
    display: str
    age_from: float | None = None
    age_to: float | None = None
    from_mm: float | None = None
    to_mm: float | None = None
    from_months: float | None = None
    to_months: float | None = None


class TumoralMass(Strict):
    patterns: list[str]
    sites: list[str]
    min_size_mm: float
    not_patterns: list[str] = []  # a lesion with one of these patterns is never a tumoral mass


class EvidenceGroup(Strict):
    """Correlated features: their log LRs, strongest first, are weighted 1, damping, damping^2, ..."""

    name: str
    features: list[str] = Field(min_length=2)
    damping: float = Field(gt=0, le=1)
    source: str = Field(min_length=1)


class Hallmark(Strict):
    """A finding that a referral states when it is present (a known systemic disease that precedes its
    calcinosis, a defining history): when none of its features is recorded, 'not recorded' is evidence,
    with LR = sum_s P(s | D) u(s) / sum_s P(s | referred) u(s), u = the probability of going unrecorded
    (decisions.md Classifier 20)."""

    name: str
    display: str
    features: list[str] = Field(min_length=1)
    present_states: list[str] = ["true"]  # the states of each feature that count as present
    # read only when one of these was recorded: the same question was asked (Classifier 136); empty: always
    asked_with: list[str] = []
    unrecorded_if_present: float = Field(gt=0, lt=1)
    unrecorded_if_absent: float = Field(gt=0, le=1)
    source: str = Field(min_length=1)


class FeatureCatalog(Strict):
    age_bands: list[Band]
    size_bands: list[Band]
    duration_bands: list[Band] = []  # mass-duration: how long the mass has been there, months [from, to)
    duration_units: dict[str, float] = {}  # UCUM time unit -> months
    tumoral_mass: TumoralMass
    features: dict[str, FeatureSpec]
    evidence_groups: list[EvidenceGroup] = []
    hallmarks: list[Hallmark] = []


class Unit(Strict):
    kind: str
    factor: PositiveFloat


class Analyte(Strict):
    display: str
    codes: list[Coding]
    canonical_unit: str
    molar_mass: PositiveFloat | None = None
    valence: PositiveInt | None = None  # the ion's charge: mEq/L <-> mmol/L (labs.yaml charge_pairs)
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


class Gene(Strict):
    symbol: str
    state: str  # the pathogenic-variant state it gives


class Genetics(Strict):
    """The FHIR genomics shape of a genetic result (labs.yaml genetics; vocabulary of issue 12)."""

    observation_code: Coding
    gene_component: Coding
    significance_component: Coding
    gene_system: str
    present: str
    absent: str
    significance: dict[str, Literal["pathogenic", "uncertain", "benign"]]  # LOINC answer code -> class
    genes: dict[str, Gene]  # HGNC id -> gene


class LabCatalog(Strict):
    units: dict[str, Unit]
    unit_aliases: dict[str, str]
    molar_pairs: list[tuple[str, str]]
    charge_pairs: list[tuple[str, str]] = []
    analytes: dict[str, Analyte]
    reference_intervals: dict[str, list[Interval]]
    calcium_phosphate_product: list[ProductThreshold]
    genetics: Genetics


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


class Emergency(Strict):
    """A can't-miss diagnosis that is not a malignancy (calciphylaxis, tumour lysis): an alarm with
    its own headline and next step when its probability reaches the threshold."""

    id: str
    headline: str = Field(min_length=1, max_length=40)
    diagnoses: list[str] = Field(min_length=1)
    threshold: float = Field(gt=0, lt=1)
    critical_threshold: float = Field(gt=0, lt=1)
    action: str = Field(min_length=1, max_length=80)
    sources: list[str] = Field(min_length=1)


class CantMiss(Strict):
    action: str = Field(min_length=1, max_length=80)
    threshold: float = Field(gt=0, lt=1)
    critical_threshold: float = Field(gt=0, lt=1)
    min_flags: int = Field(ge=1)
    critical_flags: int = Field(ge=1)
    # with the alarm raised, the second most probable malignancy is listed among the first three too from
    # this probability (decisions.md Classifier 32); 1 (never) when absent
    list_second_at: float = Field(default=1.0, gt=0, le=1)
    diagnoses: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    red_flags: list[RedFlag]
    exceptions: list[AlarmException] = []
    emergencies: list[Emergency] = []


class NoneFitsSpec(Strict):
    """The open-world outcome (knowledge/none_fits.yaml)."""

    code: Literal["none-fits"]
    display: str
    definition: str
    prior: Prior
    diffuse_weight: float = Field(gt=0, lt=1)
    report_at: float = Field(gt=0, lt=1)
