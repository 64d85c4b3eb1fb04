"""The second to ninth sets written from published case reports (issue 12, "Evaluation"), one parametrised module.

It replaces test_published_holdout.py, test_published_holdout3.py, test_published_holdout4.py and
test_published_holdout5.py, which repeated one another, and covers the sixth and seventh sets (each measured once blind,
development material since), the eighth, THE held-out set of the final figures, and the ninth, written blind after it and
held out as well (decisions.md Classifier 55, 62, 70, 148). What
differs from set to set is a parameter (``PublishedSetUnderTest``): its spread floors (each set's own counts, so that
a case lost in a merge is noticed), the sets it must share no publication with, whether the article-number check
applies, and the borrowed citations the reuse check must catch. Every pair of sets is also compared patient by
patient (no patient in two sets, Classifier 67).
The first set keeps its own module (test_published_set.py, with the helpers used here).

Figures: only the second set, held out until stop 13 and tuned on since, is still classified here for the
assertions its module had (no probability above 0.99, its known harmful first answers). For the third to ninth
sets nothing here asserts or prints an accuracy, a probability or a harmful answer; their evaluation runs into a
throwaway document and only its structure is checked, so that running the tests does not tune anything on them.
"""

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from services.classifier.evaluation import (
    HOLDOUT,
    HOLDOUT3,
    HOLDOUT4,
    HOLDOUT5,
    HOLDOUT6,
    HOLDOUT7,
    HOLDOUT8,
    HOLDOUT9,
    HOLDOUT_BEGIN,
    HOLDOUT_END,
    PUBLISHED,
    PUBLISHED_BEGIN,
    PUBLISHED_END,
    PUBLISHED_SETS,
    PublishedSet,
    harmful_first_answers,
    published_markdown,
    run_cases,
    write_published_report,
    write_report,
)
from tests.classifier.published_cases import CASES as FIRST
from tests.classifier.published_holdout import CASES as SECOND
from tests.classifier.published_holdout import born
from tests.classifier.published_holdout3 import CASES as THIRD
from tests.classifier.published_holdout4 import CASES as FOURTH
from tests.classifier.published_holdout5 import CASES as FIFTH
from tests.classifier.published_holdout6 import CASES as SIXTH
from tests.classifier.published_holdout7 import CASES as SEVENTH
from tests.classifier.published_holdout8 import CASES as EIGHTH
from tests.classifier.published_holdout9 import CASES as NINTH
from tests.classifier.test_published_set import (
    assert_a_diagnosis_of_the_model,
    assert_all_classified,
    assert_built,
    assert_cited,
    assert_no_probability_above_0_99,
    assert_section_written,
)
from tests.classifier.vignette_builder import (
    HOLDOUT3_DIR,
    HOLDOUT4_DIR,
    HOLDOUT5_DIR,
    HOLDOUT6_DIR,
    HOLDOUT7_DIR,
    HOLDOUT8_DIR,
    HOLDOUT9_DIR,
    HOLDOUT_DIR,
    PUBLISHED_DIR,
    build_bundle,
)

ROOT = Path(__file__).resolve().parents[2]
MALIGNANT = {"synovial-sarcoma", "extraskeletal-osteosarcoma", "extraskeletal-chondrosarcoma", "ewing-sarcoma-soft-tissue",
             "askin-tumor", "malignancy-hypercalcemia"}
TC = {"tc-primary-hyperphosphatemic", "tc-primary-normophosphatemic", "tc-secondary-uremic"}


# ---------------------------------------------------------------- how publications are compared


def _identifiers(citation: dict) -> set[str]:
    return {str(citation[key]).strip().lower() for key in ("pmid", "doi", "pmcid") if citation.get(key)}


def _plain(text: str) -> str:
    """`text` in lower-case ASCII, accents dropped (a French title is copied as "hemodialyse" and as "hémodialysé")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _title(citation: dict) -> str:
    # punctuation, case and accents differ between copies of one title (e.g. "Case report:" prefixes, dashes,
    # decisions.md Classifier 149)
    return re.sub(r"[^a-z0-9]", "", _plain(citation["title"]))


def _shared_publications(cases: list[dict], others: list[dict]) -> list[str]:
    """The ids of the cases citing a publication of ``others``: a shared identifier or the same title (a title with
    nothing left once normalised, one in Chinese say, names no publication: it would match every other such title)."""
    other_ids = set().union(*(_identifiers(case["citation"]) for case in others))
    other_titles = {_title(case["citation"]) for case in others} - {""}
    return [case["id"] for case in cases
            if _identifiers(case["citation"]) & other_ids or _title(case["citation"]) in other_titles]


def _source_keys(citation: dict) -> set[str]:
    """The article numbers a citation names outside its identifiers: a journal's article or e-locator number (5+ digits),
    a teaching file's or web page's case/article number, a J-STAGE-like code. Many stored copies give no DOI and no exact
    title, so two sets may describe one report with two different titles; its article number still matches."""
    text = f"{citation.get('journal', '')} {citation['title']}"
    text = _plain(text)
    keys = set(re.findall(r"(?<![\d.])\d{5,}(?![\d.])", text))
    numbered = re.findall(r"(?:case|article|full text|record|show|paper|showcase)\s*#?\s*(\d{3,})", text)
    keys |= {f"#{number}" for number in numbered}
    keys |= set(re.findall(r"[a-z]+\d{4}[a-z0-9]*", text))
    return keys


def _shared_sources(cases: list[dict], others: list[dict]) -> list[str]:
    """The ids of the cases whose citation names an article number that a citation of ``others`` names too."""
    other_keys = set().union(*(_source_keys(case["citation"]) for case in others))
    return [case["id"] for case in cases if _source_keys(case["citation"]) & other_keys]


# ---------------------------------------------------------------- how patients are compared

# The title and identifier checks above let the same PATIENT through when a later set cites another copy of the report
# (a translation, a mirror of a teaching file, a congress abstract of a later paper, the same case under another number):
# the seventh set's writer found 11 such cases (decisions.md Classifier 62). This check compares the patients themselves.
_STORY_WORD = re.compile(r"[a-z][a-z\-]{3,}|\d+(?:\.\d+)?")
SAME_PATIENT_SCORE = 3.3  # see _patient_similarity; every pair of two sets at or above it is one patient unless listed
# Pairs of cases of two sets scoring at or above the threshold that the reports show to be two different patients.
KNOWN_DIFFERENT_PATIENTS: dict[frozenset[str], str] = {
    frozenset({"uremic-clavicle-hung-2009",
               "uremic-right-supraclavicular-shoulder-ca-11-6-p-11-5-ipth-480-man-53-dialyse-aktuell-2008"}):
        "left distal clavicle after 20 years of haemodialysis (Taiwan) vs right supraclavicular after 3 years (Germany)",
    frozenset({"synovial-sarcoma-foot-metatarsal-scalloping-man-46-varghese-2022",
               "synovial-sarcoma-left-foot-20-years-two-operations-man-46-acta-biomed"}):
        "two years of swelling without past history vs twenty years and two earlier operations",
    frozenset({"extraskeletal-osteosarcoma-thigh-man-35-autopsy-sarcoma-2009",
               "esos-right-thigh-subcutaneous-regrowth-after-excision-man-35-ccij-2016"}):
        "16 cm mass noticed a month before (with autopsy) vs regrowth a month after an excision, chondroblastic",
    frozenset({"uremic-gluteal-pd-normal-pth-pampa-saico-2017", "uremic-hips-eskd-man-boray-156"}):
        "painful gluteal mass on peritoneal dialysis with normal PTH vs painless hip swelling with fluid levels",
    frozenset({"hftc-chinese-sister-gluteal-recurrent", "hftc-trochanteric-sinuses-teenager-chitatanga"}):
        "a Han Chinese girl operated on at six vs a Malawian teenager with draining trochanteric sinuses",
    frozenset({"calcific-tendinitis-gluteus-maximus-huang-2017",
               "calcific-tendinopathy-gluteus-maximus-linea-aspera-acute-hip-pain-woman-53-eurorad-8382"}):
        "left buttock (CMAJ 2017) vs right hip (Eurorad 2010)",
}


def _age(case: dict) -> int | None:
    if not case.get("birth") or not case.get("date"):
        return None
    return round((date.fromisoformat(case["date"]) - date.fromisoformat(case["birth"])).days / 365.25)


def _story_words(case: dict) -> set[str]:
    return set(_STORY_WORD.findall(case.get("story", "").lower()))


def _given_values(case: dict) -> set[tuple[str, str]]:
    """The laboratory values a case gives as numbers (an interpretation alone says nothing about the patient)."""
    return {(name, str(value)) for name, value in case.get("labs", {}).items() if value not in ("H", "L", "N")}


def _sites(case: dict) -> set[str]:
    return {lesion["site"] for lesion in case.get("lesions", [])}


def _patient_similarity(a: dict, b: dict, frequency: Counter) -> float:
    """How alike two cases' patients are: 1 for the same age, 0.5 for the same sex, 0.5 for the same sites (0.25 for an
    overlap), 1 per laboratory value given identically, 1.5 for the same expected diagnosis, and up to 4 for the unusual
    story words (and numbers) they share, each weighted by its rarity over all sets and divided by the smaller story's
    total (scaled down when fewer than three words are
    shared). An age more than two years apart or another sex is another patient (a later report may describe a later visit)."""
    age_a, age_b = _age(a), _age(b)
    if age_a is not None and age_b is not None and abs(age_a - age_b) > 2:
        return 0.0
    if a.get("sex") and b.get("sex") and a["sex"] != b["sex"]:
        return 0.0
    rare_a = {word for word in _story_words(a) if frequency[word] <= 3}
    rare_b = {word for word in _story_words(b) if frequency[word] <= 3}

    def weight(words: set[str]) -> float:
        return sum(1 / frequency[word] for word in words)

    shared = rare_a & rare_b
    # one or two shared rare words between two short stories are chance, hence the factor
    score = 4 * weight(shared) / max(1e-9, min(weight(rare_a), weight(rare_b))) * min(1.0, len(shared) / 3)
    score += 1.0 if age_a is not None and age_a == age_b else 0.0
    score += 0.5 if a.get("sex") and a.get("sex") == b.get("sex") else 0.0
    if _sites(a) & _sites(b):
        score += 0.5 if _sites(a) == _sites(b) else 0.25
    score += len(_given_values(a) & _given_values(b))
    score += 1.5 if a["expected"] == b["expected"] else 0.0
    return score


def same_patients(sets: dict[str, list[dict]]) -> list[tuple[str, str, str, str, float]]:
    """Pairs of cases of two different sets that describe one patient: (earlier set, its case, later set, its case,
    score), the sets in the order given, known different patients left out."""
    frequency = Counter(word for cases in sets.values() for case in cases for word in _story_words(case))
    names = list(sets)
    found = []
    for i, earlier in enumerate(names):
        for later in names[i + 1:]:
            for a in sets[earlier]:
                for b in sets[later]:
                    score = _patient_similarity(a, b, frequency)
                    if score >= SAME_PATIENT_SCORE and frozenset({a["id"], b["id"]}) not in KNOWN_DIFFERENT_PATIENTS:
                        found.append((earlier, a["id"], later, b["id"], round(score, 2)))
    return found


# ---------------------------------------------------------------- the sets and what differs between them


@dataclass(frozen=True)
class PublishedSetUnderTest:
    """One published set and the parameters its former module held."""
    name: str
    cases: list[dict]
    spec: PublishedSet
    directory: Path
    flag: str
    earlier: list[dict]  # the sets written before it: no publication, no case id shared with them
    floors: dict[str, int]  # its own counts (see _counts)
    article_numbers: bool = False  # whether the article-number check applied when it was written
    max_share: bool = False  # no diagnosis above a tenth of the set
    borrowed_titles: tuple[tuple[str, int], ...] = ()  # (set name, index) of cases whose title the check must catch
    borrowed_identifier_from: str = ""  # the set whose first identified case the check must catch
    extra: tuple[str, ...] = field(default=())  # set-specific spread checks (see _extra_checks)


def _counts(cases: list[dict]) -> dict[str, int]:
    counts = Counter(case["expected"] for case in cases)
    expected = set(counts)
    return {
        "cases": len(cases),
        "tumoral": len([case for case in cases if case["expected"] in TC or case.get("expected_typing") == "secondary"]),
        "hyperphosphatemic": counts["tc-primary-hyperphosphatemic"],
        "normophosphatemic": counts["tc-primary-normophosphatemic"],
        "uremic": counts["tc-secondary-uremic"],
        "uremic-or-secondary": len([case for case in cases if case["expected"] == "tc-secondary-uremic"
                                    or case.get("expected_typing") == "secondary"]),
        "typing-secondary": len([case for case in cases if case.get("expected_typing") == "secondary"]),
        "malignant": len([case for case in cases if case["expected"] in MALIGNANT]),
        "distinct-malignant": len(expected & MALIGNANT),
        "distinct-other": len(expected - MALIGNANT - TC),
    }


# The floors of the second, third, fifth and sixth sets are their counts after the patient-level check removed 23 later
# duplicates of earlier sets' patients (decisions.md Classifier 67).
# the eighth set's own counts when committed: 27 cases, short of the 60-75 aimed for (decisions.md Classifier 67), raised
# as cases are added (44 after the tumoral calcinosis and malignancy sections were extended)
EIGHTH_FLOORS = {"cases": 60, "tumoral": 13, "hyperphosphatemic": 2, "normophosphatemic": 7, "uremic": 4, "malignant": 12,
                 "distinct-malignant": 5, "distinct-other": 22}
NINTH_FLOORS = {"cases": 27, "tumoral": 4, "normophosphatemic": 1, "uremic": 1, "typing-secondary": 2, "malignant": 6,
                "distinct-malignant": 4, "distinct-other": 13}
SETS = {
    "second": PublishedSetUnderTest(
        "second", SECOND, HOLDOUT, HOLDOUT_DIR, "--published-holdout", FIRST,
        {"cases": 71, "hyperphosphatemic": 9, "normophosphatemic": 4, "uremic-or-secondary": 11, "malignant": 10,
         "distinct-other": 15, "typing-secondary": 1},
        extra=("hftc-genes-galnt3-fgf23", "secondary-typing-beyond-uremic")),
    "third": PublishedSetUnderTest(
        "third", THIRD, HOLDOUT3, HOLDOUT3_DIR, "--published-holdout3", FIRST + SECOND,
        {"cases": 69, "tumoral": 23, "hyperphosphatemic": 6, "normophosphatemic": 7, "uremic": 8, "typing-secondary": 2,
         "malignant": 11, "distinct-malignant": 5, "distinct-other": 16},
        borrowed_titles=(("first", 0), ("second", -1)), borrowed_identifier_from="second",
        extra=("familial-form",)),
    "fourth": PublishedSetUnderTest(
        "fourth", FOURTH, HOLDOUT4, HOLDOUT4_DIR, "--published-holdout4", FIRST + SECOND + THIRD,
        {"cases": 68, "tumoral": 8, "uremic": 4, "normophosphatemic": 3, "typing-secondary": 1, "malignant": 13,
         "distinct-malignant": 5, "distinct-other": 20},
        max_share=True, borrowed_titles=(("first", 0), ("second", -1), ("third", 5)), borrowed_identifier_from="third"),
    "fifth": PublishedSetUnderTest(
        "fifth", FIFTH, HOLDOUT5, HOLDOUT5_DIR, "--published-holdout5", FIRST + SECOND + THIRD + FOURTH,
        {"cases": 70, "tumoral": 14, "uremic": 5, "normophosphatemic": 6, "typing-secondary": 3, "malignant": 12,
         "distinct-malignant": 5, "distinct-other": 25},
        article_numbers=True, max_share=True, borrowed_titles=(("fourth", 3),), borrowed_identifier_from="fourth"),
    # the sixth set: 61 cases when written, tumoral calcinosis 12 (under the third aimed for; decisions.md Classifier 55);
    # 54 since 7 patients of earlier sets were removed by the patient-level check (Classifier 67)
    "sixth": PublishedSetUnderTest(
        "sixth", SIXTH, HOLDOUT6, HOLDOUT6_DIR, "--published-holdout6", FIRST + SECOND + THIRD + FOURTH + FIFTH,
        {"cases": 54, "tumoral": 7, "uremic": 2, "normophosphatemic": 3, "typing-secondary": 2, "malignant": 13,
         "distinct-malignant": 6, "distinct-other": 23},
        article_numbers=True, max_share=True, borrowed_titles=(("fifth", 3), ("first", 0)), borrowed_identifier_from="fifth"),
    # the seventh set: 61 cases after 11 patients of earlier sets were dropped and 12 written in their place; tumoral
    # calcinosis 14 (uraemic 8, above the tenth of the sets before: no max_share), no hyperphosphatemic case, every case
    # a vignette (decisions.md Classifier 62)
    "seventh": PublishedSetUnderTest(
        "seventh", SEVENTH, HOLDOUT7, HOLDOUT7_DIR, "--published-holdout7", FIRST + SECOND + THIRD + FOURTH + FIFTH + SIXTH,
        {"cases": 61, "tumoral": 14, "uremic": 8, "normophosphatemic": 5, "typing-secondary": 1,
         "malignant": 8, "distinct-malignant": 4, "distinct-other": 17},
        article_numbers=True, borrowed_titles=(("sixth", 3), ("first", 0)), borrowed_identifier_from="sixth",
        extra=("vignettes", "secondary-typing-beyond-uremic")),
    # the eighth set: THE held-out set of the final figures, no publication and no patient of the seven before
    # (decisions.md Classifier 67); its floors are its own counts
    "eighth": PublishedSetUnderTest(
        "eighth", EIGHTH, HOLDOUT8, HOLDOUT8_DIR, "--published-holdout8",
        FIRST + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH,
        EIGHTH_FLOORS, article_numbers=True, extra=("vignettes",)),
    # the ninth set: written blind after the eighth and held out as well, no publication and no patient of the eight
    # before (decisions.md Classifier 148); its floors are its own counts (25 cases when committed, 27 after two
    # tumour-like calcinosis cases of systemic sclerosis and dermatomyositis were added, Classifier 149: still short of
    # the 40-60 aimed for, tumoral calcinosis 4 with secondary typing 2, no hyperphosphatemic case)
    "ninth": PublishedSetUnderTest(
        "ninth", NINTH, HOLDOUT9, HOLDOUT9_DIR, "--published-holdout9",
        FIRST + SECOND + THIRD + FOURTH + FIFTH + SIXTH + SEVENTH + EIGHTH,
        NINTH_FLOORS, article_numbers=True, extra=("vignettes", "secondary-typing-beyond-uremic")),
}
BY_NAME = {"first": FIRST, "second": SECOND, "third": THIRD, "fourth": FOURTH, "fifth": FIFTH, "sixth": SIXTH,
           "seventh": SEVENTH, "eighth": EIGHTH, "ninth": NINTH}
NAMES = list(SETS)
BLIND_SINCE_WRITTEN = ["third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]  # never classified here for a figure


def _extra_checks(name: str, cases: list[dict]) -> None:
    hftc = [case for case in cases if case["expected"] == "tc-primary-hyperphosphatemic"]
    if name == "hftc-genes-galnt3-fgf23":
        assert {"GALNT3", "FGF23"} <= {result["gene"] for case in hftc for result in case.get("genetics", [])}
    elif name == "secondary-typing-beyond-uremic":
        assert any(case.get("expected_typing") == "secondary" and case["expected"] != "tc-secondary-uremic" for case in cases)
    elif name == "vignettes":
        # the seventh set's rule (Classifier 62): besides age, sex and site, each case carries at least two of history,
        # a laboratory value or state, an imaging description and clinical signs. What a Bundle can show of it: a told
        # story and at least one coded input beyond age, sex and site (a laboratory, a finding, a lesion detail)
        for case in cases:
            details = [lesion for lesion in case.get("lesions", []) if set(lesion) - {"site", "side"}]
            assert case.get("labs") or case.get("findings") or details, case["id"]
            assert len(case["story"].split()) >= 25, case["id"]
    elif name == "familial-form":
        # the familial form is in it: a GALNT3, FGF23 or KL variant found, or an affected relative
        assert any(any(gene["present"] for gene in case.get("genetics", []))
                   or case.get("findings", {}).get("family-history-calcinosis") for case in hftc)
    else:
        raise AssertionError(f"unknown check {name}")


# ---------------------------------------------------------------- what holds for every set


@pytest.mark.parametrize("name", NAMES)
def test_each_set_keeps_its_spread(name):
    """The floors are each set's own counts, so that a case lost in a merge is noticed."""
    under_test = SETS[name]
    ids = [case["id"] for case in under_test.cases]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {case["id"] for case in under_test.earlier}
    counts = _counts(under_test.cases)
    short = {key: (counts[key], floor) for key, floor in under_test.floors.items() if counts[key] < floor}
    assert not short, short
    if under_test.max_share:
        assert max(Counter(case["expected"] for case in under_test.cases).values()) <= len(under_test.cases) // 10
    for check in under_test.extra:
        _extra_checks(check, under_test.cases)


@pytest.mark.parametrize("name", NAMES)
def test_no_publication_is_shared_with_an_earlier_set(name):
    under_test = SETS[name]
    assert _shared_publications(under_test.cases, under_test.earlier) == []
    if under_test.article_numbers:
        assert _shared_sources(under_test.cases, under_test.earlier) == []


def test_no_two_sets_share_a_publication():
    """Pairwise over all seven sets, by identifier and normalised title (the check of every set but the first two)."""
    names = list(BY_NAME)
    shared = {(a, b): _shared_publications(BY_NAME[b], BY_NAME[a])
              for i, a in enumerate(names) for b in names[i + 1:] if (a, b) != ("first", "second")}
    assert not any(shared.values()), {pair: ids for pair, ids in shared.items() if ids}
    # the second set was checked against the first by identifier and lower-cased title when it was written
    first_ids = set().union(*(_identifiers(case["citation"]) for case in FIRST))
    first_titles = {case["citation"]["title"].strip().lower() for case in FIRST}
    for case in SECOND:
        assert not _identifiers(case["citation"]) & first_ids, case["id"]
        assert case["citation"]["title"].strip().lower() not in first_titles, case["id"]


def test_no_patient_is_in_two_sets():
    """The patient-level check over all sets (decisions.md Classifier 67): no two sets describe one patient, whatever
    the citation says. Its first run removed 23 later duplicates from the second, third, fifth and sixth sets."""
    assert same_patients(BY_NAME) == []


def test_the_patient_check_catches_a_patient_retold_under_another_citation():
    """Not vacuous: a case of an earlier set retold in other words, under another title and identifier, with its
    values as written, is caught; the same story given to a patient of the other sex, or twenty years older, is not."""
    original = next(case for case in SIXTH if case.get("labs") and _age(case) is not None and case.get("sex"))
    words = original["story"].split()
    retold = {**original, "id": "retold", "citation": {"title": "another title", "journal": "a mirror", "doi": "10.0/x"},
              "story": " ".join(words[len(words) // 3:] + ["(translated", "from", "the", "original)"])}
    assert [(pair[1], pair[3]) for pair in same_patients({**BY_NAME, "later": [retold]}) if pair[3] == "retold"] == [
        (original["id"], "retold")]
    other_sex = {**retold, "sex": "female" if original["sex"] == "male" else "male"}
    older = {**retold, "birth": born(_age(original) + 20, original["date"])}
    for other in (other_sex, older):
        assert not [pair for pair in same_patients({**BY_NAME, "later": [other]}) if pair[3] == "retold"]


@pytest.mark.parametrize("name", [name for name in NAMES if SETS[name].borrowed_titles])
def test_the_reuse_check_would_catch_a_borrowed_publication(name):
    """The check above is not vacuous: a case citing a publication of an earlier set, by a title written with other
    punctuation or by an identifier, is caught."""
    under_test = SETS[name]
    for source, index in under_test.borrowed_titles:
        borrowed = BY_NAME[source][index]
        by_title = {"id": "borrowed-title", "citation": {"title": borrowed["citation"]["title"].upper().replace(" ", "  ") + "."}}
        assert _shared_publications([by_title], under_test.earlier) == ["borrowed-title"], (source, index)
    with_identifier = next(case for case in BY_NAME[under_test.borrowed_identifier_from] if _identifiers(case["citation"]))
    key = next(key for key in ("pmid", "doi", "pmcid") if with_identifier["citation"].get(key))
    by_identifier = {"id": "borrowed-identifier", "citation": {"title": "another title", key: with_identifier["citation"][key]}}
    assert _shared_publications([by_identifier], under_test.earlier) == ["borrowed-identifier"]


def test_a_title_copied_with_or_without_its_accents_is_one_publication_and_an_unreadable_one_none():
    """Two copies of a French report's title, one with its accents and one without, are one publication (the ninth set's
    second writer found both spellings of three reports, decisions.md Classifier 149); a title with no Latin letter or
    digit left once normalised (a Chinese title) matches nothing, not every other such title."""
    accented = {"id": "a", "citation": {"title": "Régression complète d'une calcinose tumorale chez un hémodialysé"}}
    plain = {"id": "b", "citation": {"title": "Regression complete d'une calcinose tumorale chez un hemodialyse"}}
    assert _shared_publications([plain], [accented]) == ["b"]
    chinese = [{"id": f"c{n}", "citation": {"title": title}} for n, title in enumerate(("肿瘤样钙质沉着症一例", "腕部滑膜肉瘤"))]
    assert _shared_publications(chinese[:1], chinese[1:]) == []


def test_the_article_number_check_catches_a_report_cited_under_another_title():
    """Two sets once described one Hindawi report and one KoreaMed article under different made-up titles, without a
    DOI; the article number in the journal string is what they share, and it is caught."""
    borrowed = {"id": "borrowed-number", "citation": {"title": "another description of the report",
                                                      "journal": "Case Reports in Pediatrics (Hindawi) 2016:1395718"}}
    teaching_file = {"id": "borrowed-case", "citation": {"title": "a teaching file", "journal": "Eurorad case 14222"}}
    fresh = {"id": "fresh", "citation": {"title": "a new report", "journal": "Some Journal 12(3):45-47"}}
    others = [{"citation": {"title": "x", "journal": "Case Reports in Pediatrics 2016:1395718"}},
              {"citation": {"title": "y", "journal": "Eurorad (case 14222)"}}]
    assert _shared_sources([borrowed, teaching_file, fresh], others) == ["borrowed-number", "borrowed-case"]


@pytest.mark.parametrize("name", NAMES)
def test_every_case_has_a_citation_and_a_diagnosis_of_the_model(name):
    for case in SETS[name].cases:
        assert_cited(case)
        assert_a_diagnosis_of_the_model(case)


@pytest.mark.parametrize("name", NAMES)
def test_bundles_are_the_builders_output_and_valid_fhir(name):
    assert_built(SETS[name].cases, SETS[name].directory, SETS[name].flag)


@pytest.mark.parametrize("name", BLIND_SINCE_WRITTEN)
def test_the_evaluation_of_the_set_runs_into_its_own_section(name, tmp_path, capsys):
    """Run on a throwaway document: the section is written between its markers, every Bundle is classified, nothing is
    printed, and only the structure is checked (no figure of these sets is asserted or printed)."""
    under_test = SETS[name]
    assert_section_written(under_test.directory, under_test.spec, [case["id"] for case in under_test.cases], tmp_path)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("name", BLIND_SINCE_WRITTEN)
def test_each_set_keeps_the_earlier_sections_in_place(name, tmp_path):
    """Writing one set's section keeps the earlier sets' sections, in the order first to seventh, and the same inputs
    rewrite the same document."""
    under_test = SETS[name]
    earlier_specs = PUBLISHED_SETS[:PUBLISHED_SETS.index(under_test.spec)]
    document = tmp_path / "evaluation.md"
    one = tmp_path / "one"
    one.mkdir()
    (one / f"{under_test.cases[0]['id']}.json").write_text(json.dumps(build_bundle(under_test.cases[0])), encoding="utf-8")
    blocks = [f"{spec.begin}\nsection {n}\n{spec.end}\n" for n, spec in enumerate(earlier_specs, start=1)]
    document.write_text("# Vignettes\n\nkept\n\n" + "\n".join(reversed(blocks)), encoding="utf-8")
    write_published_report(one, document, under_test.spec)
    text = document.read_text(encoding="utf-8")
    assert all(f"section {n}" in text for n in range(1, len(earlier_specs) + 1))
    positions = [text.index(marker) for spec in (*earlier_specs, under_test.spec) for marker in (spec.begin, spec.end)]
    assert positions == sorted(positions)
    before = text
    write_published_report(one, document, under_test.spec)
    assert document.read_text(encoding="utf-8") == before


def test_the_held_out_set_is_never_read_by_the_knowledge_scripts():
    """The held-out (eighth) set stays out of what the knowledge engineers run: the outputs script never opens its
    folder, the likelihood learner and the calibration fit do not read it, and none of the four scripts names it. The
    sixth and seventh sets are development material now and may be read; each, measured once, blind (d5521ae, 1b8eea7),
    feeds the calibration only through the posteriors frozen at that measurement (decisions.md Classifier 42, 60, 62, 70)."""
    def load(name):
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    outputs = load("classifier_outputs")
    folders = {path.parent.name for path in outputs.case_files(ROOT)}
    assert not {"published_holdout8", "published_holdout9"} & folders and "published_holdout4" in folders
    assert not any("holdout8" in name or "holdout9" in name for name in load("learn_likelihoods").DEVELOPMENT_SETS)
    assert not {"published-holdout8", "published-holdout9"} & set(load("fit_calibration").DEVELOPMENT)
    for name in ("classifier_outputs", "calibration_fitting", "fit_calibration", "learn_likelihoods"):
        source = (ROOT / "scripts" / f"{name}.py").read_text(encoding="utf-8")
        for key in ("holdout8", "holdout9"):
            assert f"published-{key}" not in source and f"published_{key}/" not in source, (name, key)
    snapshots = json.loads((ROOT / "tests" / "classifier" / "blind_posteriors.json").read_text(encoding="utf-8"))["snapshots"]
    assert [s["commit"][:7] for s in snapshots if s["set"] == "published-holdout6"] == ["d5521ae"]
    assert [s["commit"][:7] for s in snapshots if s["set"] == "published-holdout7"] == ["1b8eea7"]


# ---------------------------------------------------------------- the sets' titles in the document


def test_the_sets_are_titled_by_their_status():
    """The eighth set is THE held-out set of the final figures; each earlier one says what it was and keeps its one
    untuned or blind measurement in its text."""
    assert "until stop 13" in HOLDOUT.title and "development material" in HOLDOUT.title
    assert "top-1 61.0%, top-3 79.2%, typing 90.9%, harmful 4, Brier 0.546" in " ".join(HOLDOUT.intro)
    blind = {HOLDOUT3: "top-1 67.6%, top-3 79.7%, typing 89.2%, 7 harmful first answers, Brier 0.429",
             HOLDOUT4: "top-1 51.5%, top-3 72.1%, typing 88.2%, 6 harmful first answers, Brier 0.658",
             HOLDOUT5: "top-1 45.3%, top-3 68.0%, typing 86.7%, 2 harmful first answers, Brier 0.705",
             HOLDOUT6: "top-1 55.7%, top-3 73.8%, typing 91.8%, 4 harmful first answers, Brier 0.574",
             HOLDOUT7: "top-1 57.4%, top-3 77.0%, typing 86.9%, 2 harmful first answers, Brier 0.557"}
    for spec, figures in blind.items():
        assert "held-out" in spec.title and "development material" in spec.title, spec.key
        assert "final figures" not in spec.title, spec.key
        intro = " ".join(spec.intro)
        assert figures in intro, spec.key
        assert "measured once" in intro and "blind" in intro, spec.key
    assert "measured once, blind, before any tuning" in " ".join(HOLDOUT3.intro)
    assert "measured once, blind, before any tuning" in " ".join(HOLDOUT4.intro)
    assert "after knowledge pass 10" in " ".join(HOLDOUT6.intro)
    assert "after" in " ".join(HOLDOUT7.intro) and "knowledge pass 11" in " ".join(HOLDOUT7.intro)
    for older in (PUBLISHED, HOLDOUT, HOLDOUT3, HOLDOUT4, HOLDOUT5, HOLDOUT6, HOLDOUT7):
        assert "eighth set" in " ".join(older.intro), older.key
        assert "final figures" not in older.title, older.key
    assert "held-out" in HOLDOUT8.title and "final figures" in HOLDOUT8.title and "eighth set" in HOLDOUT8.title
    assert "development material" not in HOLDOUT8.title
    # the ninth set is held out as well, after the eighth, which keeps the final figures (decisions.md Classifier 148, 150)
    assert HOLDOUT9.status == "held-out" and "final figures" not in HOLDOUT9.title and "ninth set" in HOLDOUT9.title
    ninth = " ".join(HOLDOUT9.intro)
    assert ninth.startswith("A further held-out set, written after the eighth set") and "It was measured once, blind" in ninth
    assert "The final figures of issue 12 are the eighth set's" in ninth
    assert "no publication and no patient of the first eight sets" in ninth
    assert " ".join(HOLDOUT8.intro).startswith("THE held-out set of the final figures of issue 12. ")
    assert PUBLISHED_SETS == (PUBLISHED, HOLDOUT, HOLDOUT3, HOLDOUT4, HOLDOUT5, HOLDOUT6, HOLDOUT7, HOLDOUT8, HOLDOUT9)
    for spec, key in ((HOLDOUT3, "published-holdout3"), (HOLDOUT4, "published-holdout4"), (HOLDOUT5, "published-holdout5"),
                      (HOLDOUT6, "published-holdout6"), (HOLDOUT7, "published-holdout7"), (HOLDOUT8, "published-holdout8"),
                      (HOLDOUT9, "published-holdout9")):
        assert spec.key == key
        assert spec.command == f"python -m services.classifier.evaluation --{key}"
        assert spec.builder_command == f"python -m tests.classifier.vignette_builder --{key}"


# ---------------------------------------------------------------- the second set, classified (its module's assertions)


@pytest.fixture(scope="module")
def second_set_results():
    return run_cases(HOLDOUT_DIR)


def test_every_bundle_of_the_second_set_classifies(second_set_results):
    assert_all_classified(second_set_results, [case["id"] for case in SECOND])


def test_no_probability_above_0_99_on_the_second_set(second_set_results):
    assert_no_probability_above_0_99(second_set_results)


# The target is none. On this set, held out until stop 13, the knowledge still misses these malignancies
# from the top three (docs/classifier-evaluation.md, its section); nothing was tuned on them. The test keeps the known
# cases from growing: a new harmful answer fails it, and one fewer fails it too, so that the list is shortened by hand
# (towards the target) and never drifts.
KNOWN_HARMFUL: set[str] = set()  # the Ewing sarcoma of an ankle is listed third since Classifier 50


def test_no_harmful_first_answer_beyond_the_known_ones(second_set_results):
    harmful = {r.case_id: (r.expected, r.ranked[:3], why) for r, why in harmful_first_answers(second_set_results)}
    assert set(harmful) == KNOWN_HARMFUL, {k: v for k, v in harmful.items() if k not in KNOWN_HARMFUL}


def test_the_second_set_report_has_its_sections(second_set_results):
    text = published_markdown(second_set_results, spec=HOLDOUT)
    assert text.startswith(HOLDOUT_BEGIN) and text.rstrip().endswith(HOLDOUT_END)
    for heading in ("top-1 accuracy", "top-3 accuracy", "typing accuracy", "harmful first answers", "highest probability",
                    "## Per-diagnosis sensitivity", "## Typing", "## Calibration", "Brier score", "## Harmful first answers",
                    "## Per case", "## Appendix: citations", "python -m services.classifier.evaluation --published-holdout",
                    "tests/classifier/published_holdout/"):
        assert heading in text, heading


def test_each_set_rewrites_only_its_own_section(tmp_path):
    """Vignettes, first published set and second set each keep the others' sections, in that order."""
    document = tmp_path / "evaluation.md"
    document.write_text("# Vignettes\n\nkept\n", encoding="utf-8")
    one_published, one_holdout = tmp_path / "published", tmp_path / "holdout"
    one_published.mkdir()
    one_holdout.mkdir()
    (one_published / f"{FIRST[0]['id']}.json").write_text(json.dumps(build_bundle(FIRST[0])), encoding="utf-8")
    (one_holdout / f"{SECOND[0]['id']}.json").write_text(json.dumps(build_bundle(SECOND[0])), encoding="utf-8")
    write_published_report(one_holdout, document, HOLDOUT)
    write_published_report(one_published, document)
    write_published_report(one_holdout, document, HOLDOUT)
    text = document.read_text()
    assert text.startswith("# Vignettes\n\nkept\n")
    assert text.count(PUBLISHED_BEGIN) == text.count(PUBLISHED_END) == 1
    assert text.count(HOLDOUT_BEGIN) == text.count(HOLDOUT_END) == 1
    assert text.index(PUBLISHED_END) < text.index(HOLDOUT_BEGIN)
    before = text
    write_published_report(one_published, document)
    assert document.read_text() == before  # the same inputs rewrite the same document
    write_report(PUBLISHED_DIR.parent / "cases", document)
    rewritten = document.read_text()
    assert rewritten.startswith("# Classifier evaluation on the clinical vignettes")
    assert rewritten.count(HOLDOUT_BEGIN) == 1 and rewritten.count(PUBLISHED_BEGIN) == 1
    assert rewritten[rewritten.index(PUBLISHED_BEGIN):] == before[before.index(PUBLISHED_BEGIN):]


# ---------------------------------------------------------------- set-specific inputs


def test_a_unit_written_in_lower_case_keeps_its_text_and_gets_its_ucum_code():
    """The third set's autoimmune case writes C-terminal FGF23 in 'RU/ml': the Bundle keeps the text as written and
    codes it as the UCUM arbitrary unit, like 'RU/mL'."""
    case = next(case for case in THIRD if "fgf23-c-terminal" in case.get("labs", {}) and "RU/ml" in str(case["labs"]))
    quantities = [entry["resource"]["valueQuantity"] for entry in build_bundle(case)["entry"]
                  if entry["resource"].get("valueQuantity", {}).get("unit") == "RU/ml"]
    assert quantities and all(quantity["code"] == "[arb'U]/mL" for quantity in quantities)
