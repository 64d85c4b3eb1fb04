"""Second, independent held-out evaluation set written from published case reports (issue 12, "Evaluation").

The first published set (tests/classifier/published_cases.py) became the development set that the knowledge is
improved on; this one was the held-out set until stop 13 and is development material since (the final figures are
reported on the fifth set, tests/classifier/published_holdout5.py). Its rules:

- one published case report or case-series patient per case, from publications NOT cited in the first set;
- written from the literature (the stored copy of the report: usually its abstract or the beginning of its case
  description), NOT from the classifier's knowledge files, the vignettes or the domain notes, by a helper that did
  not look at the classifier's answers while writing; no case is changed after seeing the classifier's result
  (only clear transcription errors may be corrected, and the commit says so);
- only what the report states is recorded: ages, sex, sites, sizes, laboratory values with the units as the report
  writes them (lower-case spellings included), values given only as "high"/"low"/"normal" as interpretations,
  missing values as missing. A report that gives no age or sex gives a Patient without birthDate or gender.
  When the report's own diagnosis asserts a laboratory state (a "hyperphosphatemic" tumoral calcinosis, a
  "normophosphatemic" one), that state is sent as an interpretation and the story says so;
- the pathologist's FINAL diagnostic histology is not sent (it is the answer the classifier is asked for); a
  preliminary or misleading histology reported during the work-up is sent;
- the work-up date is the year of the report (or of the case when given) and is approximate; birth dates are
  derived from the age at presentation. When a report describes several time points, the presentation is used.

Case format: the compact dict of tests/classifier/vignette_builder.py (see published_cases.py), with
``citation`` (authors, title, journal, year and, only when seen in the stored copy of the report, ``pmid``, ``doi``
or ``pmcid``; ``verified`` is True when at least one identifier was seen there, False otherwise: then authors,
journal and year only, and fields that could not be retrieved say so) and, where the typing is not derived from
the expected diagnosis, ``expected_typing``. ``corrected-calcium-mass`` is albumin-corrected calcium in mg/dL
(LOINC 46099-8).

``python -m tests.classifier.vignette_builder --published-holdout`` writes tests/classifier/published_holdout/*.json.
"""

from datetime import date, timedelta


def born(years: float, when: str) -> str:
    """Birth date of a patient aged ``years`` (whole or fractional) at the work-up date ``when``."""
    work_up = date.fromisoformat(when)
    if float(years).is_integer():
        try:
            return work_up.replace(year=work_up.year - int(years)).isoformat()
        except ValueError:  # 29 February
            return work_up.replace(day=28).replace(year=work_up.year - int(years)).isoformat()
    return (work_up - timedelta(days=round(years * 365.25))).isoformat()

NOT_RETRIEVED = "(authors not retrieved)"

CASES = [
    # ---------------------------------------------------------------- hyperphosphatemic familial TC
    {
        "id": "hftc-bilateral-recurrent-girl-kala-2013",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Kala S, Pantola C, Verma AK, Sengar A",
                     "title": "Multiple bilateral symmetrical recurrent hyperphosphatemic tumoral calcinosis in a young adolescent girl: A rare entity",
                     "journal": "Indian J Paediatr Dermatol 14:41-43", "year": 2013, "doi": "10.4103/2319-7250.116863", "verified": True},
        "story": "15-year-old girl with symmetrical, recurrent swellings over several joints, extruding milk-like fluid, with the scar of a "
                 "previous excision. The report calls it hyperphosphatemic tumoral calcinosis (phosphate sent as 'high' on that statement); "
                 "the abstract does not name the joints, so no site is sent.",
        "birth": born(15, "2013-06-01"), "sex": "female", "date": "2013-06-01",
        "labs": {"phosphate": "H"},
        "findings": {"recurrence-after-excision": True},
    },
    {
        "id": "hftc-trochanteric-sinuses-teenager-chitatanga",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Chitatanga R, Banza L", "title": "Tumoral calcinosis in a Malawian teenager: case report and literature review",
                     "journal": "PAMJ Clinical Medicine 7:11", "year": None, "verified": False},
        "story": "16-year-old girl with a six-year history of bilateral greater-trochanteric nodules draining a whitish discharge through "
                 "central sinuses; no fever; non-tender; full hip motion. Normal creatinine and calcium, raised phosphorus. Radiograph: "
                 "massive soft-tissue calcification over both trochanters sparing bone and joints. Diagnosis: primary hyperphosphataemic "
                 "tumoral calcinosis (work-up date approximate).",
        "birth": born(16, "2021-01-01"), "sex": "female", "date": "2021-01-01",
        "labs": {"creatinine": "N", "calcium": "N", "phosphate": "H"},
        "findings": {"fever": False},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": False, "skin-ulceration": True, "bone-contact": False}}],
    },
    {
        "id": "hftc-girl-galindo-gomez-2014",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Galindo Gómez A, De La Fuente Silva A, González Magaña R, Rodríguez Baca A, Casas Espinosa S",
                     "title": "Hyperphosphatemic tumoral calcinosis in pediatrics: Case report",
                     "journal": "Bol Med Hosp Infant Mex 71(3):167-173", "year": 2014, "verified": False},
        "story": "10-year-old girl with swelling of both ... (the stored abstract breaks off before naming the sites, so none is sent); the "
                 "report's diagnosis is hyperphosphatemic tumoral calcinosis (phosphate sent as 'high' on that statement).",
        "birth": born(10, "2014-01-01"), "sex": "female", "date": "2014-01-01",
        "labs": {"phosphate": "H"},
    },
    {
        "id": "hftc-fgf23-lebanese-cousin-onset-4-years",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "(hyperphosphatemic familial tumoral calcinosis in young Lebanese cousins with a homozygous FGF23 c.G367T variant, with a review; exact title not retrieved)",
                     "journal": "(journal not retrieved; PubMed record 29923062)", "year": None, "pmid": "29923062", "verified": True},
        "story": "Patient 1 of two young Lebanese cousins with hyperphosphatemic familial tumoral calcinosis and the same homozygous FGF23 "
                 "missense variant (c.G367T, exon 3), onset at 4 years (the age sent; sex and sites not in the abstract). Phosphate sent "
                 "as 'high' on the report's diagnosis; an affected cousin.",
        "birth": born(4, "2017-06-01"), "date": "2017-06-01",
        "labs": {"phosphate": "H"},
        "findings": {"family-history-calcinosis": True},
        "genetics": [{"gene": "FGF23", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "hftc-fgf23-lebanese-cousin-onset-23-years",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "(hyperphosphatemic familial tumoral calcinosis in young Lebanese cousins with a homozygous FGF23 c.G367T variant, with a review; exact title not retrieved)",
                     "journal": "(journal not retrieved; PubMed record 29923062)", "year": None, "pmid": "29923062", "verified": True},
        "story": "Patient 2 of the Lebanese cousins: same homozygous FGF23 c.G367T variant, milder disease with onset at 23 years (the age "
                 "sent; sex and sites not in the abstract). Phosphate sent as 'high' on the report's diagnosis; an affected cousin.",
        "birth": born(23, "2017-06-01"), "date": "2017-06-01",
        "labs": {"phosphate": "H"},
        "findings": {"family-history-calcinosis": True},
        "genetics": [{"gene": "FGF23", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "hhs-galnt3-consanguineous-acta-orthop-2009",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Newly discovered mutations in the GALNT3 gene causing autosomal recessive hyperostosis-hyperphosphatemia syndrome",
                     "journal": "Acta Orthop, pp. 131-134", "year": 2009, "doi": "10.1080/17453670902807482", "pmcid": "PMC2823226", "verified": True},
        "story": "Child of consanguineous parents with persistent bone hyperostosis: periosteal reaction, diaphysitis and cortical hyperostosis "
                 "suggesting osteomyelitis or a bone tumour; two novel GALNT3 mutations (compound heterozygous) confirmed "
                 "hyperostosis-hyperphosphatemia syndrome (phosphate sent as 'high' on that diagnosis). Age, sex and any soft-tissue mass "
                 "are not in the abstract.",
        "date": "2009-01-01",
        "labs": {"phosphate": "H"},
        "findings": {"consanguinity": True, "diaphyseal-hyperostosis": True},
        "genetics": [{"gene": "GALNT3", "present": True, "significance": "pathogenic"}],
    },
]

# -------------------------------------------------------------------- secondary (uraemic) tumoral calcinosis
CASES += [
    {
        "id": "uremic-hands-peritoneal-dialysis-teriparatide-2021",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "(tumoral calcinosis in a peritoneal dialysis patient with adynamic bone disease improved with teriparatide; exact title not retrieved)",
                     "journal": "(Hindawi case reports journal; not retrieved)", "year": 2021, "doi": "10.1155/2021/6695906", "verified": True},
        "story": "26-year-old woman on peritoneal dialysis for 2 years presenting with tumoral calcinosis of both hands (the presentation is "
                 "sent; later relapses at the left elbow, right shoulder, right hip and thigh after parathyroidectomy, superimposed "
                 "tuberculosis and treatment with sodium thiosulphate, pamidronate and teriparatide are not).",
        "birth": born(26, "2020-06-01"), "sex": "female", "date": "2020-06-01",
        "findings": {"dialysis": True, "dialysis-years": 2},
        "lesions": [{"site": "hand", "side": "bilateral"}],
    },
    {
        "id": "uremic-hip-knee-shoulders-haemodialysis-nassar-2022",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Nassar K, Janani S", "title": "Severe tumoral calcinosis in patient with chronic kidney disease",
                     "journal": "Research & Reviews: Research Journal of Biology", "year": 2022, "doi": "10.4172/2322-0066.10.4.001", "verified": True},
        "story": "61-year-old patient (sex not given in the abstract) on periodic haemodialysis for hypertensive nephropathy with three months "
                 "of mechanical pain, swelling and limited movement at the left hip, the upper end of the right leg and both shoulders; "
                 "severe tumoral calcinosis on radiographs and MRI.",
        "birth": born(61, "2022-01-01"), "date": "2022-01-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True},
        "lesions": [{"site": "hip-gluteal", "side": "left", "flags": {"painful": True}},
                    {"site": "knee", "side": "right", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "bilateral", "flags": {"painful": True}}],
    },
    {
        "id": "uremic-hip-shoulder-forearm-cureus-multimodality",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": NOT_RETRIEVED, "title": "Multimodality Imaging of Calcinosis of Chronic Renal Failure",
                     "journal": "Cureus (article 6600)", "year": None, "verified": False},
        "story": "45-year-old man with end-stage renal disease and secondary hyperparathyroidism presenting with hip and shoulder pain; "
                 "calcium 8.1 mg/dl (slightly low), phosphorus 5.7 mg/dl (high). Massive lobulated periarticular calcified masses at the "
                 "right hip and right shoulder, and calcification in the right forearm (dialysis not stated; work-up date approximate).",
        "birth": born(45, "2017-01-01"), "sex": "male", "date": "2017-01-01",
        "labs": {"calcium": (8.1, "mg/dl"), "phosphate": (5.7, "mg/dl"), "pth": "H"},
        "findings": {"chronic-kidney-disease": True},
        "lesions": [{"site": "hip-gluteal", "side": "right", "pattern": "lobulated-cloudlike", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "right", "pattern": "lobulated-cloudlike", "flags": {"painful": True}},
                    {"site": "forearm", "side": "right"}],
    },
    {
        "id": "uremic-hands-elbows-haemodialysis-wright-1997",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Wright GD, Doherty M", "title": "(Unusual and memorable: calcinosis in a haemodialysis patient; exact title not retrieved)",
                     "journal": "Ann Rheum Dis 56(7):437", "year": 1997, "verified": False},
        "story": "63-year-old woman with chronic renal failure on haemodialysis who developed painful hard swellings of her hands and elbows; "
                 "radiographs showed calcinosis and material aspirated from a finger was hydroxyapatite.",
        "birth": born(63, "1997-01-01"), "sex": "female", "date": "1997-01-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True},
        "lesions": [{"site": "hand", "side": "bilateral", "flags": {"painful": True}},
                    {"site": "elbow", "side": "bilateral", "flags": {"painful": True}}],
    },
    {
        "id": "uremic-thigh-pathological-fracture-haemodialysis",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Large tumoral calcinosis and pathological femoral fracture in a hemodialysis patient: A case report",
                     "journal": "(journal not retrieved; transcript on studyres.com)", "year": None, "verified": False},
        "story": "49-year-old woman with uraemia and secondary hyperparathyroidism on haemodialysis, with a swelling over the left proximal "
                 "thigh for 2 years and reduced left hip motion for 15 days; the mass had eroded the proximal femur (pathological "
                 "fracture); excision with proximal femoral replacement (work-up date approximate).",
        "birth": born(49, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "labs": {"pth": "H"},
        "findings": {"dialysis": True, "chronic-kidney-disease": True},
        "lesions": [{"site": "hip-gluteal", "side": "left", "flags": {"bone-erosion": True, "bone-contact": True}}],
    },
    {
        "id": "uremic-shoulders-hips-foot-haemodialysis-wjo-2024",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "(bicarbonate Ringer's solution dissolution method for tumoral calcinosis in a haemodialysis patient; exact title not retrieved)",
                     "journal": "World J Orthop 15(3):302", "year": 2024, "doi": "10.5312/wjo.v15.i3.302", "verified": True},
        "story": "49-year-old woman on haemodialysis for 15 years with swelling and calcium deposits for 2 years at both shoulders, both hips "
                 "and the right foot.",
        "birth": born(49, "2023-06-01"), "sex": "female", "date": "2023-06-01",
        "findings": {"dialysis": True, "dialysis-years": 15},
        "lesions": [{"site": "shoulder", "side": "bilateral"}, {"site": "hip-gluteal", "side": "bilateral"}, {"site": "foot", "side": "right"}],
    },
]

# -------------------------------------------------------------------- connective tissue diseases
CASES += [
    {
        "id": "dermatomyositis-sheet-pelvis-thighs-eurorad-8744",
        "expected": "dermatomyositis",
        "citation": {"authors": "Ly DL, Khashoggi K, Le Corroller T, Hargunani R, Torreggiani WC, Munk PL", "title": "Calcinosis cutis in dermatomyositis",
                     "journal": "Eurorad case 8744", "year": 2010, "verified": False},
        "story": "54-year-old woman with known dermatomyositis and worsening proximal weakness of both legs, no trauma. Extensive sheet-like "
                 "calcification in the subcutaneous fat and fascial planes over the pelvis and both thighs, extending behind both knees, "
                 "around the right hamstrings without intramuscular involvement. Normal electrolytes including calcium and phosphate; "
                 "normal creatine kinase.",
        "birth": born(54, "2010-01-01"), "sex": "female", "date": "2010-01-01",
        "labs": {"calcium": "N", "phosphate": "N", "ck": "N"},
        "findings": {"proximal-muscle-weakness": True, "trauma-at-site": False},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "pattern": "sheet-linear", "flags": {"subcutaneous": True}},
                    {"site": "thigh", "side": "bilateral", "pattern": "sheet-linear", "flags": {"subcutaneous": True, "intramuscular": False}},
                    {"site": "knee", "side": "bilateral", "pattern": "sheet-linear"}],
    },
    {
        "id": "dermatomyositis-hip-nodules-adult-academia",
        "expected": "dermatomyositis",
        "citation": {"authors": NOT_RETRIEVED, "title": "Calcinosis cutis: A rare feature of adult dermatomyositis",
                     "journal": "(journal not retrieved; copy on academia.edu)", "year": None, "verified": False},
        "story": "55-year-old woman with dermatomyositis (skin, muscle and lung) since 1994, with multiple firm nodules over both lateral hips "
                 "enlarging since 1999, causing incapacitating pain, many exuding a chalky material; erythematous whitish nodules; no trauma. "
                 "Heliotrope rash and Gottron papules controlled by treatment (work-up date approximate).",
        "birth": born(55, "2005-01-01"), "sex": "female", "date": "2005-01-01",
        "findings": {"dermatomyositis-rash": True, "trauma-at-site": False},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral",
                     "flags": {"painful": True, "skin-ulceration": True, "inflammatory-signs": True, "subcutaneous": True}}],
    },
    {
        "id": "lupus-calcinosis-universalis-suleman",
        "expected": "lupus",
        "citation": {"authors": "Suleman FE, Ally MMTM", "title": "Calcinosis cutis universalis - a rare manifestation of systemic lupus erythematosus",
                     "journal": "S Afr J Radiol", "year": None, "verified": False},
        "story": "21-year-old woman with active systemic lupus erythematosus diagnosed 6 years earlier, without specialist care, presenting "
                 "with generalised calcinosis cutis (universalis); the sites are not in the stored beginning of the report (work-up date "
                 "approximate).",
        "birth": born(21, "2012-01-01"), "sex": "female", "date": "2012-01-01",
        "findings": {"lupus-features": True},
    },
    {
        "id": "lupus-girl-subcutaneous-masses-1982",
        "expected": "lupus",
        "citation": {"authors": NOT_RETRIEVED, "title": "Soft-tissue calcification in systemic lupus erythematosus",
                     "journal": "Japanese Journal of Clinical Immunology (summary read on tressless.com)", "year": 1982, "verified": False},
        "story": "15-year-old girl with systemic lupus erythematosus who developed multiple painful subcutaneous masses shown to be "
                 "calcifications on radiographs and histology; normal serum enzymes and renal function. Sites not in the summary.",
        "birth": born(15, "1982-01-01"), "sex": "female", "date": "1982-01-01",
        "labs": {"creatinine": "N"},
        "findings": {"lupus-features": True},
    },
    {
        "id": "systemic-sclerosis-thumb-tip-boray-4",
        "expected": "systemic-sclerosis",
        "citation": {"authors": "Dourado J, Rodrigues MI, Negrão E", "title": "Calcinosis in limited cutaneous systemic sclerosis",
                     "journal": "Boray Medical clinical cases (boraymedical.com, case 4)", "year": 2025, "verified": False},
        "story": "62-year-old woman with a 10-year history of limited cutaneous systemic sclerosis, with insidious pain and swelling of the left "
                 "thumb tip; sclerodactyly and a tender nodule; a well-defined 1.5 cm soft-tissue calcification over the distal phalanx.",
        "birth": born(62, "2025-01-01"), "sex": "female", "date": "2025-01-01",
        "findings": {"skin-sclerosis": True},
        "lesions": [{"site": "finger", "side": "left", "size_cm": 1.5, "flags": {"painful": True, "subcutaneous": True}}],
    },
]

# -------------------------------------------------------------------- normophosphatemic (SAMD9) TC
CASES += [
    {
        "id": "nftc-samd9-yemenite-kindred-chefetz",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Chefetz I, Ben Amitai D, Browning S, Skorecki K, Adir N, Thomas MG, Kogleck L, Topaz O, Indelman M, Uitto J, Richard G, Bradman N, Sprecher E",
                     "title": "Normophosphatemic familial tumoral calcinosis is caused by deleterious mutations in SAMD9, encoding a TNF-alpha responsive protein",
                     "journal": "(journal not retrieved; original article, copy on studylib.net)", "year": None, "verified": False},
        "story": "Affected member of a Jewish-Yemenite kindred with normophosphatemic familial tumoral calcinosis (phosphate sent as 'normal' "
                 "on that diagnosis): calcium deposits in skin and mucosae with unremitting pain and skin infections, over areas of "
                 "repeated trauma with marked inflammation; compound heterozygous SAMD9 mutations K1495E and R344X. Age, sex and sites "
                 "are not in the abstract.",
        "date": "2008-01-01",
        "labs": {"phosphate": "N"},
        "findings": {"family-history-calcinosis": True},
        "genetics": [{"gene": "SAMD9", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "idiopathic-tc-hand-mcp-xu-2014",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Xu C, Potter JA, Carter CD, Lang CMC", "title": "Idiopathic Tumoral Calcinosis in Hand: A Case Report",
                     "journal": "(journal not retrieved; published online 24 July 2014)", "year": 2014, "verified": False},
        "story": "Healthy 35-year-old woman with a 2-day history of acute swelling and pain of the left middle-finger metacarpophalangeal "
                 "joint without precipitant; all biochemical results normal; idiopathic tumoral calcinosis on radiology and histology "
                 "(typed normophosphatemic: no metabolic disorder).",
        "birth": born(35, "2014-06-01"), "sex": "female", "date": "2014-06-01",
        "labs": {"phosphate": "N", "calcium": "N", "creatinine": "N"},
        "lesions": [{"site": "finger", "side": "left", "flags": {"painful": True}}],
    },
]

# -------------------------------------------------------------------- malignancies
CASES += [
    {
        "id": "synovial-sarcoma-intra-articular-knee-mishra-2015",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "Mishra PK, Yadav V, Maravi DS, Gaur S",
                     "title": "Intra-articular calcified synovial sarcoma of knee: a case report of an imitating pathology",
                     "journal": "(journalsurgicalcases.com) 1(2):11-13", "year": 2015, "verified": False},
        "story": "35-year-old woman with a lump at the posterolateral aspect of the left knee: a calcified intra-articular lesion; MRI "
                 "differential of synovial sarcoma, soft-tissue sarcoma or nerve sheath tumour; fine-needle cytology benign; excised; "
                 "recurred at 12 months and was then a monophasic synovial sarcoma (the first presentation is sent).",
        "birth": born(35, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "lesions": [{"site": "knee", "side": "left", "flags": {"intra-articular": True}}],
    },
    {
        "id": "synovial-sarcoma-suprapatellar-young-man-boray-361",
        "expected": "synovial-sarcoma",
        "citation": {"authors": NOT_RETRIEVED, "title": "(synovial sarcoma of the knee; title not retrieved)",
                     "journal": "Boray Medical clinical cases (boraymedical.com, case 361)", "year": None, "verified": False},
        "story": "19-year-old man with a swelling of the right knee for 10 years, slowly enlarging, with pain, stiffness and increasing "
                 "difficulty walking. Radiograph: soft-tissue swelling with a few calcified foci, suprapatellar, medial and anterior; MRI: "
                 "lesion infiltrating the vastus muscles with possible intra-articular extension, heterogeneous enhancement (work-up date "
                 "approximate).",
        "birth": born(19, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "lesions": [{"site": "knee", "side": "right", "pattern": "punctate", "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "extraskeletal-osteosarcoma-thigh-after-trauma-2020",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Extraskeletal Osteosarcoma in the Thigh Recognized Following Acute Traumatic Injury: A Case Report and Review of the Literature",
                     "journal": "(Science Repository, COCB-2020-2-103; journal name not retrieved)", "year": 2020, "verified": False},
        "story": "Previously healthy 42-year-old woman struck by a motorcycle (proximal left thigh), thought to have a post-traumatic "
                 "haematoma; three months later a painless, rapidly enlarging, non-tender, fixed, elastic-firm mass of 30 x 24 cm on the "
                 "posterior thigh up to the gluteal fold, adherent to the deep fascia, with shiny skin. Osteoblastic extraskeletal "
                 "osteosarcoma.",
        "birth": born(42, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "thigh", "side": "left", "size_cm": 30, "flags": {"rapid-growth": True, "painful": False}}],
    },
    {
        "id": "extraskeletal-osteosarcoma-lateral-hip-elderly-cjs-2000",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": NOT_RETRIEVED, "title": "(Surgical images, musculoskeletal: soft-tissue osteosarcoma of the hip; exact title not retrieved)",
                     "journal": "Can J Surg 43(1):12", "year": 2000, "verified": False},
        "story": "Healthy 70-year-old woman with a 3-month slowly enlarging mass over the lateral left hip: 7 cm, subcutaneous, minimally "
                 "tender, normal skin. Radiograph and CT: dense central and irregular spiculated peripheral mineralisation just lateral to "
                 "the greater trochanter in the subcutaneous fat; MRI 6.5 x 4.5 x 4 cm down to the fascia lata without transfascial spread; "
                 "uptake on bone scan. High-grade osteosarcoma.",
        "birth": born(70, "2000-01-01"), "sex": "female", "date": "2000-01-01",
        "lesions": [{"site": "hip-gluteal", "side": "left", "size_cm": 7, "flags": {"subcutaneous": True, "intramuscular": False}}],
    },
    {
        "id": "ewing-extraskeletal-thigh-boy-ijscr-2023",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": NOT_RETRIEVED, "title": "Extraskeletal Ewing's sarcoma of the thigh with lung and bone metastasis: Case report",
                     "journal": "Int J Surg Case Rep 112:108919", "year": 2023, "pmid": "37832362", "doi": "10.1016/j.ijscr.2023.108919", "verified": True},
        "story": "12-year-old boy with a swelling of the left proximal thigh for 7 months with pain and limping: 20 x 15 cm, firm, tender, "
                 "erythematous, fixed, with an overlying scar (calcification not stated). Extraskeletal Ewing sarcoma with lung and bone "
                 "metastases.",
        "birth": born(12, "2023-01-01"), "sex": "male", "date": "2023-01-01",
        "lesions": [{"site": "thigh", "side": "left", "size_cm": 20, "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "ewing-extraskeletal-ankle-osteochondroma-boray-503",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": "Ovelar Ferrero A, Álvarez de Eulate León N, Fernández Seara P, Sánchez-Villares Rubalcaba JJ, Alonso Yerro J",
                     "title": "Extraskeletal Ewing sarcoma", "journal": "Boray Medical clinical cases (boraymedical.com, case 503)", "year": 2016, "verified": False},
        "story": "40-year-old woman with a known osteochondroma of the left distal tibia, with a growing tender mass of the same ankle and "
                 "posterior tibial nerve compression symptoms; a non-calcified soft-tissue mass in Kager's fat pad next to the tibial "
                 "cortex, apparently entered by the nerve. Extraskeletal Ewing sarcoma on biopsy.",
        "birth": born(40, "2016-01-01"), "sex": "female", "date": "2016-01-01",
        "lesions": [{"site": "ankle", "side": "left", "flags": {"painful": True, "bone-contact": True}}],
    },
    {
        "id": "ewing-extraskeletal-groin-young-man-boray-658",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": NOT_RETRIEVED, "title": "(extraskeletal Ewing sarcoma of the groin; title not retrieved)",
                     "journal": "Boray Medical clinical cases (boraymedical.com, case 658)", "year": None, "verified": False},
        "story": "23-year-old man with 3 months of right leg weakness and sensory disturbance, who noticed a right inguinal mass two weeks "
                 "earlier: lobulated hypoechoic hypervascular mass 55 x 43 x 25 mm above the psoas, restricted diffusion, necrotic areas; "
                 "small round cell sarcoma with t(11;22) (work-up date approximate).",
        "birth": born(23, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "lesions": [{"site": "groin", "side": "right", "size_mm": 55}],
    },
    {
        "id": "askin-tumour-toddler-fever-balakrishnan-2023",
        "expected": "askin-tumor",
        "citation": {"authors": "Balakrishnan P, Arun Babu T", "title": "Ewing Sarcoma of Chest Wall (Askin's Tumor) in a 3-year-old Child: A Case Report",
                     "journal": "Indian J Respir Care 12(1):100-102", "year": 2023, "doi": "10.5005/jp-journals-11010-1022", "verified": True},
        "story": "3-year-old child (sex not in the abstract) with fever, worsening breathlessness and a unilateral lung 'whiteout' on the "
                 "chest radiograph, first thought infectious: a paraspinal chest-wall Ewing sarcoma (Askin tumour).",
        "birth": born(3, "2022-06-01"), "date": "2022-06-01",
        "findings": {"fever": True},
        "lesions": [{"site": "chest-wall"}],
    },
    {
        "id": "askin-tumour-boy-ribs-shrestha-2011",
        "expected": "askin-tumor",
        "citation": {"authors": "Shrestha B, Kapur BN, Karmacharya K", "title": "Askin's tumor: dual case study",
                     "journal": "Int J Pediatr 2011:252196", "year": 2011, "verified": False},
        "story": "Case 1: 3-year-old boy with 15 days of cough, then chest pain, breathlessness and low-grade fever; a 6.1 x 5.6 x 5.1 cm "
                 "right upper thoracic mass merging with the mediastinum and chest wall and involving the right first and second ribs; "
                 "small round blue cells on cytology.",
        "birth": born(3, "2011-01-01"), "sex": "male", "date": "2011-01-01",
        "findings": {"fever": True},
        "lesions": [{"site": "chest-wall", "side": "right", "size_cm": 6.1, "flags": {"bone-contact": True, "painful": True}}],
    },
    {
        "id": "askin-tumour-elderly-man-case-rep-med-2009",
        "expected": "askin-tumor",
        "citation": {"authors": NOT_RETRIEVED, "title": "(Askin's tumour in a 73-year-old man; exact title not retrieved)",
                     "journal": "Case Rep Med (Hindawi) 2009:517329", "year": 2009, "verified": False},
        "story": "73-year-old man with 3 months of lower back pain and cough: a pleural-based tumour of the superior segment of the left lower "
                 "lobe (FDG SUVmax 4.36), no metastases; wedge resection with partial resection of the adjacent ribs; primitive "
                 "neuroectodermal tumour of the chest wall.",
        "birth": born(73, "2009-01-01"), "sex": "male", "date": "2009-01-01",
        "lesions": [{"site": "chest-wall", "side": "left", "flags": {"bone-contact": True}}],
    },
    {
        "id": "malignancy-hypercalcaemia-ectopic-pth-pancreatic-ijgm-2013",
        "expected": "malignancy-hypercalcemia",
        "citation": {"authors": NOT_RETRIEVED, "title": "An unusual case of malignancy-related hypercalcemia",
                     "journal": "Int J Gen Med, pp. 21-27", "year": 2013, "doi": "10.2147/IJGM.S51302", "verified": True},
        "story": "28-year-old woman with hypercalcaemia (total calcium 4.11 mmol/L), raised PTH 24.6 pmol/L, normal PTH-related peptide, "
                 "and a 63 x 57 mm poorly differentiated small-cell neuroendocrine carcinoma of the pancreas with liver metastases "
                 "(ectopic PTH secretion). No soft-tissue mass is described.",
        "birth": born(28, "2013-06-01"), "sex": "female", "date": "2013-06-01",
        "labs": {"calcium-molar": (4.11, "mmol/L"), "pth": (24.6, "pmol/L")},
        "findings": {"known-malignancy": True},
    },
    {
        "id": "malignancy-hypercalcaemia-renal-cell-non-pthrp-aace",
        "expected": "malignancy-hypercalcemia",
        "citation": {"authors": NOT_RETRIEVED, "title": "(non-PTHrP-mediated humoral hypercalcaemia of malignancy in renal cell carcinoma; poster title not retrieved)",
                     "journal": "AACE Annual Meeting (poster abstract 199422)", "year": None, "verified": False},
        "story": "65-year-old man with recently diagnosed renal cell carcinoma (11 cm renal mass, multiple lung nodules), constipation and "
                 "fatigue, not immobilised nor on calcium-raising drugs: corrected calcium 13.28 mg/dL, PTH 6 pg/mL (15-65), 25-OH-D "
                 "38.7 ng/mL (30-150), 1,25-(OH)2D 45.9 pg/mL (18-64), PTHrP 1.5 pmol/L (not raised). No soft-tissue mass is described "
                 "(work-up date approximate).",
        "birth": born(65, "2019-04-01"), "sex": "male", "date": "2019-04-01",
        "labs": {"corrected-calcium-mass": (13.28, "mg/dL"), "pth": (6, "pg/mL", (15, 65)), "vitd": (38.7, "ng/mL", (30, 150)),
                 "calcitriol": (45.9, "pg/mL", (18, 64))},
        "findings": {"known-malignancy": True},
    },
]

# -------------------------------------------------------------------- mimics and the new diagnoses
CASES += [
    {
        "id": "calciphylaxis-haemodialysis-after-parathyroidectomy-daza-2021",
        "expected": "calciphylaxis",
        "citation": {"authors": "Daza J, Ferro M, Cárdenas A, Daza L, Ortega I, Jong J, Galindo J, Gutiérrez G, Puello L, Cruz Y",
                     "title": "Calciphylaxis in Patients with Chronic Kidney Disease Case Presentation and Review",
                     "journal": "Open J Nephrol 11:335-347", "year": 2021, "doi": "10.4236/ojneph.2021.113027", "verified": True},
        "story": "44-year-old patient (sex not given) on haemodialysis for polycystic kidney disease, parathyroidectomy for primary "
                 "hyperparathyroidism in 2011, who in 2014 developed skin lesions; biopsy showed calciphylaxis (sites and appearance not in "
                 "the abstract; later pyoderma gangrenosum on histology).",
        "birth": born(44, "2014-06-01"), "date": "2014-06-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True, "neck-surgery": True},
    },
    {
        "id": "calciphylaxis-ckd3-apixaban-wounds",
        "expected": "calciphylaxis",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Calciphylaxis in Stage 3 Chronic Kidney Disease on Apixaban Successfully Treated With Sodium Thiosulfate: A Case Report",
                     "journal": "Wounds (HMP)", "year": None, "verified": False},
        "story": "72-year-old woman with type 2 diabetes (not on insulin) and stage 3 chronic kidney disease, not on dialysis or warfarin "
                 "(on apixaban), with skin lesions diagnosed as calciphylaxis by skin biopsy; resolved with two months of intravenous "
                 "sodium thiosulfate. Lesion sites not in the abstract (work-up date approximate).",
        "birth": born(72, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "findings": {"chronic-kidney-disease": True, "dialysis": False, "warfarin-therapy": False},
    },
    {
        "id": "pseudohypoparathyroidism-aho-hip-girl-salman-2019",
        "expected": "pseudohypoparathyroidism",
        "citation": {"authors": "Salman A", "title": "Albright's Hereditary Osteodystrophy: a Rare Cause of Hip Avascular Necrosis: a Case Report",
                     "journal": "J Pediatr Endocrinol 4(1):1026", "year": 2019, "verified": False},
        "story": "Girl of 4.5 years with learning disability, right hip pain from avascular necrosis, short stature, overweight, round face, "
                 "dental caries and short broad hands and feet; calcium 2.32 mmol/L, phosphate 1.78 mmol/L (both called normal), PTH "
                 "225 ng/L (high), TSH 14.5 mU/L (high), 25-OH-D 40 nmol/L (low). No soft-tissue calcification described in the abstract.",
        "birth": born(4.5, "2018-11-01"), "sex": "female", "date": "2018-11-01",
        "labs": {"calcium-molar": (2.32, "mmol/L"), "phosphate-molar": (1.78, "mmol/L"), "pth": (225, "ng/L"), "vitd": (40, "nmol/L")},
        "findings": {"albright-osteodystrophy": True},
    },
    {
        "id": "poh-left-arm-girl-bone-2010",
        "expected": "progressive-osseous-heteroplasia",
        "citation": {"authors": NOT_RETRIEVED, "title": "GNAS-associated disorders of cutaneous ossification: Two different clinical presentations",
                     "journal": "Bone 46(3):868-872", "year": 2010, "doi": "10.1016/j.bone.2009.11.001", "verified": True},
        "story": "First of two girls: progressive osseous heteroplasia limited to the left arm, with dermal ossification progressing into the "
                 "deep connective tissue, severe contractures and growth retardation; a novel heterozygous inactivating GNAS mutation. Age "
                 "not in the abstract.",
        "sex": "female", "date": "2009-06-01",
        "findings": {"cutaneous-ossification": True},
        "genetics": [{"gene": "GNAS", "present": True, "significance": "pathogenic"}],
        "lesions": [{"site": "other", "side": "left"}],
    },
]

# -------------------------------------------------------------------- more hyperphosphatemic and normophosphatemic TC
CASES += [
    {
        "id": "hftc-druze-pathologic-fracture-freedman-2021",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Freedman JD, Novak R, Bratman Morag S, Avitan-Hersh E, Nikomarov D",
                     "title": "Bone Involvement in Hyperphosphatemic Familial Tumoral Calcinosis: A New Phenotypic Presentation",
                     "journal": "Rambam Maimonides Med J 12(3):e0024", "year": 2021, "doi": "10.5041/RMMJ.10445", "verified": True},
        "story": "Patient of Druze origin with known hyperphosphatemic familial tumoral calcinosis (phosphate sent as 'high' on that diagnosis) "
                 "presenting with a pathologic fracture attributed to the disease. Age, sex, sites and values are not in the abstract.",
        "date": "2021-01-01",
        "labs": {"phosphate": "H"},
    },
    {
        "id": "hftc-acetazolamide-yamaguchi-1995",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Yamaguchi T, Sugimoto T, Imai Y, Fukase M, Fujita T, Chihara K",
                     "title": "Successful treatment of hyperphosphatemic tumoral calcinosis with long-term acetazolamide",
                     "journal": "Bone 16(4 Suppl):247S-250S", "year": 1995, "verified": False},
        "story": "A typical case of hyperphosphatemic tumoral calcinosis (phosphate sent as 'high' on the report's diagnosis) treated with "
                 "long-term acetazolamide; age, sex, sites and values are not in the stored beginning of the report.",
        "date": "1995-01-01",
        "labs": {"phosphate": "H"},
    },
    {
        "id": "hftc-galnt3-european-patient-j-hum-genet-2006",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "(a novel GALNT3 mutation in a patient of European extraction with hyperphosphatemic familial tumoral calcinosis; exact title not retrieved)",
                     "journal": "J Hum Genet", "year": 2006, "doi": "10.1007/s10038-006-0377-6", "verified": True},
        "story": "Patient of European extraction with features typical of hyperphosphatemic familial tumoral calcinosis (phosphate sent as "
                 "'high' on that diagnosis) and a novel GALNT3 mutation. Age, sex and sites are not in the stored beginning of the report.",
        "date": "2006-01-01",
        "labs": {"phosphate": "H"},
        "genetics": [{"gene": "GALNT3", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "nftc-sibling-younger-brother-knee-pmj-2001",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": NOT_RETRIEVED, "title": "Siblings with multiple soft tissue calcifications",
                     "journal": "Postgrad Med J 77(910):537", "year": 2001, "verified": False},
        "story": "Younger of two brothers (ages not in the answer page): periarticular soft-tissue calcification at the left knee; his elder "
                 "brother is affected. Diagnosis: tumoral calcinosis of the normophosphataemic type (phosphate sent as 'normal' on that "
                 "diagnosis).",
        "sex": "male", "date": "2001-01-01",
        "labs": {"phosphate": "N"},
        "findings": {"family-history-calcinosis": True},
        "lesions": [{"site": "knee", "side": "left"}],
    },
    {
        "id": "nftc-sibling-elder-brother-elbows-pmj-2001",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": NOT_RETRIEVED, "title": "Siblings with multiple soft tissue calcifications",
                     "journal": "Postgrad Med J 77(910):537", "year": 2001, "verified": False},
        "story": "Elder of the two brothers: calcification in the periarticular soft tissues and muscles of both elbows and forearms; his "
                 "younger brother is affected. Tumoral calcinosis of the normophosphataemic type (phosphate sent as 'normal' on that "
                 "diagnosis).",
        "sex": "male", "date": "2001-01-01",
        "labs": {"phosphate": "N"},
        "findings": {"family-history-calcinosis": True},
        "lesions": [{"site": "elbow", "side": "bilateral", "flags": {"intramuscular": True}}, {"site": "forearm", "side": "bilateral"}],
    },
]

# -------------------------------------------------------------------- crystal disease, tendons, myositis ossificans
CASES += [
    {
        "id": "gout-finger-mass-bone-erosion-reumatol-clin",
        "expected": "gouty-tophus",
        "citation": {"authors": NOT_RETRIEVED, "title": "Gout mimicking soft tissue tumor",
                     "journal": "Reumatol Clin (Engl Ed) (reumatologiaclinica.org S2173574318301618)", "year": None, "verified": False},
        "story": "80-year-old man with treated hypertension and a lesion on the dorsum of the base of the right third finger for several "
                 "months: solid, partly attached to deep layers, taken for a soft-tissue tumour; lobulated, with calcifications, eroding the "
                 "adjacent bone, heterogeneous enhancement (biopsy: uric acid crystals; not sent). Work-up date approximate.",
        "birth": born(80, "2018-06-01"), "sex": "male", "date": "2018-06-01",
        "lesions": [{"site": "finger", "side": "right", "flags": {"bone-erosion": True, "bone-contact": True}}],
    },
    {
        "id": "cppd-tumoral-finger-pip-skeletal-radiol-2016",
        "expected": "cppd-deposition",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Tumoral pseudogout of the proximal interphalangeal joint of a finger: a case report and literature review",
                     "journal": "Skeletal Radiol 45(7):1007-1012", "year": 2016, "pmid": "27048476", "doi": "10.1007/s00256-016-2383-x", "verified": True},
        "story": "Older man (MeSH 'Aged'; exact age not in the abstract) with a recurrent, enlarging calcified mass at the proximal "
                 "interphalangeal joint of the right long finger, with secondary bone erosion and remodelling.",
        "sex": "male", "date": "2016-01-01",
        "findings": {"recurrence-after-excision": True},
        "lesions": [{"site": "finger", "side": "right", "flags": {"bone-erosion": True, "bone-contact": True}}],
    },
    {
        "id": "calcific-tendinitis-rectus-femoris-crp-calicut",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": NOT_RETRIEVED, "title": "Acute Rectus Femoris Calcific Tendinitis",
                     "journal": "(casereports.in, volume 5 issue 2; journal name not retrieved)", "year": None, "verified": False},
        "story": "Case 1: 51-year-old woman with acute pain and limping of the right hip for three days after three weeks of mild pain; hip "
                 "flexion limited to 50 degrees by pain and spasm; normal blood count, ESR 30, rheumatoid factor negative, normal uric "
                 "acid, CRP 2.1 mg/dL (normal < 0.5). Calcification near the upper lip of the acetabulum, in the reflected head of rectus "
                 "femoris on CT (work-up date approximate).",
        "birth": born(51, "2014-01-01"), "sex": "female", "date": "2014-01-01",
        "labs": {"crp": (2.1, "mg/dL", (0, 0.5)), "urate": "N"},
        "lesions": [{"site": "hip-gluteal", "side": "right", "flags": {"painful": True}}],
    },
    {
        "id": "calcific-tendinitis-gluteus-medius-endoscopy-pmc9637861",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": NOT_RETRIEVED, "title": "(endoscopic treatment of calcific tendinitis of the gluteus medius; exact title not retrieved)",
                     "journal": "(journal not retrieved; PubMed Central)", "year": None, "pmcid": "PMC9637861", "verified": True},
        "story": "64-year-old woman with right lateral hip pain without trigger, calcific tendinitis of the gluteus medius; conservative "
                 "treatment failed; endoscopy removed a toothpaste-like deposit (work-up date approximate).",
        "birth": born(64, "2022-01-01"), "sex": "female", "date": "2022-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "hip-gluteal", "side": "right", "flags": {"painful": True}}],
    },
    {
        "id": "calcific-tendinitis-gluteus-maximus-man-boray-791",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": NOT_RETRIEVED, "title": "(calcific tendonitis of the gluteus maximus insertion; title not retrieved)",
                     "journal": "Boray Medical clinical cases (boraymedical.com, case 791)", "year": None, "verified": False},
        "story": "57-year-old man with one month of severe worsening left buttock pain. Radiograph: mineralised density beside the posterior "
                 "proximal femur, no periosteal reaction or cortical erosion; CT: irregular amorphous calcification at the gluteus "
                 "maximus insertion on the linea aspera, no soft-tissue mass or fluid (work-up date approximate).",
        "birth": born(57, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "lesions": [{"site": "hip-gluteal", "side": "left", "pattern": "amorphous",
                     "flags": {"painful": True, "periosteal-reaction": False, "bone-erosion": False, "bone-contact": True}}],
    },
    {
        "id": "myositis-ossificans-elderly-cancer-history-jmcr-2010",
        "expected": "myositis-ossificans",
        "citation": {"authors": NOT_RETRIEVED, "title": "(myositis ossificans of the thigh in an 83-year-old woman without trauma; exact title not retrieved)",
                     "journal": "J Med Case Rep 4:270", "year": 2010, "doi": "10.1186/1752-1947-4-270", "verified": True},
        "story": "83-year-old Japanese woman with a palpable mass of the anteromedial left thigh for one week, no trauma; operated for colon "
                 "cancer at 73 and lung cancer at 80. Tender, firm, fixed, 7 x 6 cm; normal ESR, CRP and white count; radiograph normal; "
                 "MRI 6 x 5 cm poorly defined enhancing mass in vastus medialis with surrounding oedema; dense uptake on bone scan.",
        "birth": born(83, "2010-01-01"), "sex": "female", "date": "2010-01-01",
        "labs": {"crp": "N"},
        "findings": {"trauma-at-site": False, "known-malignancy": True},
        "lesions": [{"site": "thigh", "side": "left", "size_cm": 7, "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "myositis-ossificans-parosteal-distal-thigh-munoz-2011",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Muñoz-Mahamud E, Poggio D, Combalia A",
                     "title": "Myositis ossificans mimicking parosteal osteosarcoma: A case report and literature review",
                     "journal": "Acta Orthop Belg 77(2)", "year": 2011, "verified": False},
        "story": "Large mass on the dorsal aspect of the distal thigh without trauma, with radiological and clinical features mimicking a "
                 "parosteal sarcoma, adherent to the periosteum (parosteal myositis ossificans). Age and sex not in the abstract.",
        "date": "2011-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "thigh", "flags": {"bone-contact": True}}],
    },
]

# -------------------------------------------------------------------- metabolic hypercalcaemia
CASES += [
    {
        "id": "milk-alkali-calcium-carbonate-young-man-ijcri-2019",
        "expected": "milk-alkali",
        "citation": {"authors": "Shah DB, et al.", "title": "(milk-alkali syndrome after ingestion of large amounts of calcium carbonate; exact title not retrieved)",
                     "journal": "Int J Case Rep Images (article 101004Z01DS2019)", "year": 2019, "verified": False},
        "story": "38-year-old Caucasian man with gastro-oesophageal reflux, hiatal hernia and eczema, admitted with altered mental status "
                 "after a week of nausea, vomiting, abdominal pain, diarrhoea, low-grade fever and weakness; he had ingested large amounts "
                 "of calcium carbonate. The stored beginning gives no values; calcium sent as 'high' on the report's diagnosis of "
                 "milk-alkali syndrome.",
        "birth": born(38, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "labs": {"calcium": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True, "fever": True},
    },
    {
        "id": "milk-alkali-iatrogenic-calcium-binder-fayyaz-2016",
        "expected": "milk-alkali",
        "citation": {"authors": "Fayyaz A, Scofield RH", "title": "Iatrogenic Milk Alkali Syndrome in a Patient Recovering from Acute Renal Failure",
                     "journal": "J Endocrinol Diab 3(3):1-3", "year": 2016, "verified": False},
        "story": "49-year-old morbidly obese man with sepsis and acute renal failure whose hyperphosphataemia was treated with high-dose "
                 "calcium carbonate; as his renal function recovered, the calcium carbonate was continued and he developed a high serum "
                 "calcium with a low PTH, which normalised when it was stopped.",
        "birth": born(49, "2016-01-01"), "sex": "male", "date": "2016-01-01",
        "labs": {"calcium": "H", "pth": "L"},
        "findings": {"vitamin-d-or-calcium-excess": True, "calcium-based-binder": True},
    },
    {
        "id": "milk-alkali-osteoporosis-prevention-81-cases-journal-2009",
        "expected": "milk-alkali",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Hypercalcemia, metabolic alkalosis and renal failure secondary to calcium bicarbonate intake for osteoporosis prevention - 'modern' milk alkali syndrome: a case report",
                     "journal": "Cases Journal 2:6188", "year": 2009, "doi": "10.4076/1757-1626-2-6188", "verified": True},
        "story": "81-year-old patient (sex cut off in the stored copy) presenting with the triad of hypercalcaemia, metabolic alkalosis and "
                 "renal failure from calcium intake for osteoporosis prevention (values not in the stored beginning).",
        "birth": born(81, "2009-01-01"), "date": "2009-01-01",
        "labs": {"calcium": "H", "bicarbonate": "H", "creatinine": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "vitamin-d-toxicity-infant-mayo-2015",
        "expected": "vitamin-d-intoxication",
        "citation": {"authors": "Singh R", "title": "Vitamin D Toxicity-Clinical Implications [Hot Topic]",
                     "journal": "Mayo Medical Laboratories (news.mayomedicallaboratories.com, case presentation)", "year": 2015, "verified": False},
        "story": "4-month-old breast-fed girl admitted to intensive care with calcium 18, then 15.5 and 15.4 (mg/dL), phosphorus 2 and 1.8, "
                 "PTH < 6 (suppressed), normal PTH-related peptide, nephrocalcinosis on ultrasound; her mother was also giving a teething "
                 "medicine (the stored transcript breaks off there). Presented as hypercalcaemia due to vitamin D toxicity. No "
                 "soft-tissue mass.",
        "birth": born(0.33, "2015-10-01"), "sex": "female", "date": "2015-10-01",
        "labs": {"calcium": (18, "mg/dL"), "phosphate": (2, "mg/dL"), "pth": "L"},
    },
]

CASES += [
    {
        "id": "primary-hyperparathyroidism-fluid-levels-femur-endo-sun497",
        "expected": "primary-hyperparathyroidism",
        "citation": {"authors": NOT_RETRIEVED, "title": "Atypical Parathyroid Adenoma: Is There More Than What Meets the Eye? (abstract SUN-497)",
                     "journal": "(Endocrine Society meeting abstract; journal not retrieved)", "year": None, "verified": False},
        "story": "22-year-old woman unable to bear weight on her left leg after climbing stairs: lytic lesions of the left femur and pubic "
                 "ramus with an intertrochanteric fracture; MRI multiloculated cystic femoral lesions with multiple fluid levels; bilateral "
                 "medullary nephrocalcinosis. Corrected calcium 14.9 mg/dL, phosphorus 1.8 mg/dL, ALP 208 U/L, PTH 1450.0 pg/mL, 25-OH-D "
                 "29 ng/mL, creatinine 0.90 mg/dL; a 5.7 cm parathyroid adenoma. The lesions are in bone, so no soft-tissue mass is sent "
                 "(work-up date approximate).",
        "birth": born(22, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "labs": {"corrected-calcium-mass": (14.9, "mg/dL"), "phosphate": (1.8, "mg/dL"), "alp": (208, "U/L"), "pth": (1450.0, "pg/mL"),
                 "vitd": (29, "ng/mL"), "creatinine": (0.90, "mg/dL")},
    },
    {
        "id": "primary-hyperparathyroidism-brown-tumours-young-woman-choi-2015",
        "expected": "primary-hyperparathyroidism",
        "citation": {"authors": "Choi JH, Kim KJ, Lee YJ, Kim SH, Kim SG, Jung KY, Choi DS, Kim NH",
                     "title": "Primary Hyperparathyroidism with Extensive Brown Tumors and Multiple Fractures in a 20-Year-Old Woman",
                     "journal": "Endocrinol Metab 30(4):614-619", "year": 2015, "doi": "10.3803/EnM.2015.30.4.614", "verified": True},
        "story": "20-year-old woman with recurrent fractures and bone pain; multiple erosive bone tumours (brown tumours) from a parathyroid "
                 "adenoma. Values are not in the stored abstract; calcium and PTH sent as 'high' on the report's diagnosis of primary "
                 "hyperparathyroidism. No soft-tissue mass.",
        "birth": born(20, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "labs": {"calcium": "H", "pth": "H"},
    },
    {
        "id": "sarcoidosis-hepatic-granulomas-hypercalcaemia-71-man",
        "expected": "sarcoidosis",
        "citation": {"authors": NOT_RETRIEVED, "title": "(sarcoidosis presenting as non-PTH-dependent hypercalcaemia with granulomatous hepatitis; title not retrieved)",
                     "journal": "(meeting abstract; journal not retrieved; read on discovery.researcher.life)", "year": None, "verified": False},
        "story": "71-year-old Caucasian man with three weeks of fatigue, anorexia, mild confusion and weight loss; albumin-corrected calcium "
                 "13.5 mg/dL (8.5-11.0), creatinine 1.78 mg/dL (0.7-1.3), ALP 173 U/L (45-117), PTH 3 pg/mL (14-72), 25-OH-D 50.7 "
                 "(30-100; the report writes ng/dL, sent as ng/mL), normal PTHrP and electrophoresis, 1,25-(OH)2D 125 pg/mL (18-64), ACE "
                 "159 U/L; no vitamin D supplements; hepatosplenomegaly; liver biopsy non-caseating granulomas (work-up date approximate).",
        "birth": born(71, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "labs": {"corrected-calcium-mass": (13.5, "mg/dL", (8.5, 11.0)), "creatinine": (1.78, "mg/dL", (0.7, 1.3)), "alp": (173, "U/L", (45, 117)),
                 "pth": (3, "pg/mL", (14, 72)), "vitd": (50.7, "ng/mL", (30, 100)), "calcitriol": (125, "pg/mL", (18, 64))},
        "findings": {"weight-loss": True, "vitamin-d-or-calcium-excess": False},
    },
    {
        "id": "sarcoidosis-splenic-hypercalcaemia-shm-tissue-is-the-issue",
        "expected": "sarcoidosis",
        "citation": {"authors": NOT_RETRIEVED, "title": "The Tissue Is the Issue",
                     "journal": "Society of Hospital Medicine meeting abstract (shmabstracts.org)", "year": None, "verified": False},
        "story": "60-year-old man with six months of fatigue, 30-pound weight loss and arthralgias, left upper quadrant discomfort and cough; "
                 "history of ITP and nephrolithiasis; tender splenomegaly. Albumin 3.2 g/dL, creatinine 3.0 mg/dL, calcium 13.8 mg/dL, "
                 "PTH 9 pg/mL (12-68), 1,25-(OH)2D 121 pg/mL (18-64), ACE 150 U/L; splenic biopsy non-caseating granulomas (work-up date "
                 "approximate).",
        "birth": born(60, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "labs": {"albumin": (3.2, "g/dL"), "creatinine": (3.0, "mg/dL"), "calcium": (13.8, "mg/dL"), "pth": (9, "pg/mL", (12, 68)),
                 "calcitriol": (121, "pg/mL", (18, 64))},
        "findings": {"weight-loss": True},
    },
    {
        "id": "sarcoidosis-skeletal-hypercalcaemia-shm-2015",
        "expected": "sarcoidosis",
        "citation": {"authors": NOT_RETRIEVED, "title": "Skeletal Sarcoidosis and Hypercalcemia (abstract 637)",
                     "journal": "Hospital Medicine 2015 meeting abstract (shmabstracts.com)", "year": 2015, "verified": False},
        "story": "70-year-old woman with type 2 diabetes, hypertension and dyslipidaemia presenting with malaise and fatigue: calcium "
                 "15.9 mg/dL, creatinine 2.15 mg/dL, PTH 13 pg/mL (15-65), PTHrP < 0.74 pmol/L, ACE 134 U/L, 25-OH-D 27.8 ng/mL, "
                 "1,25-(OH)2D 166.6 pg/mL; hilar and mediastinal nodes, a lucency in the right humerus; marrow non-caseating granulomas.",
        "birth": born(70, "2015-01-01"), "sex": "female", "date": "2015-01-01",
        "labs": {"calcium": (15.9, "mg/dL"), "creatinine": (2.15, "mg/dL"), "pth": (13, "pg/mL", (15, 65)), "vitd": (27.8, "ng/mL"),
                 "calcitriol": (166.6, "pg/mL")},
    },
    {
        "id": "sarcoidosis-retroperitoneal-hypercalcaemia-jcemcr-2026",
        "expected": "sarcoidosis",
        "citation": {"authors": "Xue C, Vengilote R, Aviles-Melendez A, Yousef A, Quartuccio M",
                     "title": "Isolated nonparathyroid hormone-mediated hypercalcemia: a rare presentation of retroperitoneal sarcoidosis",
                     "journal": "JCEM Case Rep", "year": 2026, "doi": "10.1210/jcemcr/luag028", "verified": True},
        "story": "44-year-old man with hypertension and type 2 diabetes, malaise, polyuria and polydipsia: severe hypercalcaemia with "
                 "suppressed PTH, normal PTHrP, 25-OH-D, TSH and albumin, no bone lesions or lymphadenopathy at first (the first "
                 "presentation is sent; 1,25-(OH)2D, initially normal, was raised three months later with retroperitoneal nodes).",
        "birth": born(44, "2025-01-01"), "sex": "male", "date": "2025-01-01",
        "labs": {"calcium": "H", "pth": "L", "vitd": "N", "albumin": "N", "calcitriol": "N"},
    },
]

# -------------------------------------------------------------------- parasites, fibrous and cartilaginous tumours
CASES += [
    {
        "id": "hydatid-paraspinal-boy-sheep-bmc-pediatr-2021",
        "expected": "parasitic-calcification",
        "citation": {"authors": "Khasawneh RA, Mohaidat ZM, Khasawneh RA, Zoghoul SB, Henawi YM",
                     "title": "Unusual intramuscular locations as a first presentation of hydatid cyst disease in children: a report of two cases",
                     "journal": "BMC Pediatr 21:371", "year": 2021, "doi": "10.1186/s12887-021-02843-5", "verified": True},
        "story": "Case 1: 5-year-old boy with a painless palpable lump over the right lumbar paraspinal region; contact with sheep; mild rise "
                 "of white count and C-reactive protein; intramuscular hydatid cyst on ultrasound, with liver and lung cysts (calcification "
                 "not stated).",
        "birth": born(5, "2021-01-01"), "sex": "male", "date": "2021-01-01",
        "labs": {"crp": "H"},
        "findings": {"endemic-parasite-exposure": True},
        "lesions": [{"site": "paravertebral", "side": "right", "flags": {"painful": False, "intramuscular": True}}],
    },
    {
        "id": "hydatid-thigh-elderly-iranian-man-2020",
        "expected": "parasitic-calcification",
        "citation": {"authors": "Samiee-Rad F, Emami A", "title": "An Iranian man with increased thigh mass due to a hydatid cyst",
                     "journal": "GMS Hyg Infect Control 15:Doc20", "year": 2020, "doi": "10.3205/dgkh000355", "verified": True},
        "story": "86-year-old Iranian man (resident of an endemic region, as the report stresses) with a single right-thigh mass; "
                 "ultrasound suggested a hydatid cyst; resected (calcification not stated).",
        "birth": born(86, "2017-05-01"), "sex": "male", "date": "2017-05-01",
        "findings": {"endemic-parasite-exposure": True},
        "lesions": [{"site": "thigh", "side": "right"}],
    },
    {
        "id": "calcifying-fibrous-tumour-groin-thigh-gamsizkan-2015",
        "expected": "calcifying-fibrous-pseudotumor",
        "citation": {"authors": "Gamsizkan M, Yildirim C, Daş K, Günhan Ö", "title": "Calcifying Fibrous Tumor: A Case Report",
                     "journal": "Turk Patoloji Derg 31(2):141-144", "year": 2015, "doi": "10.5146/tjpath.2013.01216", "verified": True},
        "story": "21-year-old man with multiple palpable masses from the right inguinal region to the anteromedial thigh (excisional biopsy: "
                 "fibroblasts, psammoma bodies, dystrophic calcification, mononuclear infiltrate in dense collagen; not sent).",
        "birth": born(21, "2013-06-01"), "sex": "male", "date": "2013-06-01",
        "lesions": [{"site": "groin", "side": "right"}, {"site": "thigh", "side": "right"}],
    },
    {
        "id": "calcifying-fibrous-tumour-paravertebral-toddler-2024",
        "expected": "calcifying-fibrous-pseudotumor",
        "citation": {"authors": "de Nanassy J, et al.", "title": "(calcifying fibrous tumour of the longissimus thoracis muscle in a toddler; exact title not retrieved)",
                     "journal": "Int J Case Rep Images Pathol (article 100078Z11YN2024)", "year": 2024, "verified": False},
        "story": "28-month-old girl with a paravertebral soft-tissue mass: a well-defined lobulated lesion in the left paravertebral muscles "
                 "from about T9 to L2 on ultrasound and MRI.",
        "birth": born(2.33, "2024-01-01"), "sex": "female", "date": "2024-01-01",
        "lesions": [{"site": "paravertebral", "side": "left", "flags": {"intramuscular": True}}],
    },
    {
        "id": "calcifying-fibrous-pseudotumour-soleus-girl-shinohara-2011",
        "expected": "calcifying-fibrous-pseudotumor",
        "citation": {"authors": "Shinohara N, Nagano S, Yokouchi M, Arishima Y, Tabata K, Higashi M, Kitajima S, Yonezawa S, Komiya S",
                     "title": "Bilobular calcifying fibrous pseudotumor in soleus muscle: a case report",
                     "journal": "J Med Case Rep 5:487", "year": 2011, "doi": "10.1186/1752-1947-5-487", "verified": True},
        "story": "17-year-old Japanese girl with two neighbouring lesions in her calf, within the soleus muscle.",
        "birth": born(17, "2011-01-01"), "sex": "female", "date": "2011-01-01",
        "lesions": [{"site": "leg", "flags": {"intramuscular": True}}],
    },
    {
        "id": "soft-tissue-chondroma-hypothenar-ulnar-nerve-aps",
        "expected": "soft-tissue-chondroma",
        "citation": {"authors": "Wenny R, Pollhammer MS, Duscher D, Aitzetmueller MM, Haslhofer D, Huemer GM, Schmidt M",
                     "title": "Giant extraskeletal chondroma of the hand: A rare case",
                     "journal": "Arch Plast Surg (e-aps.org article 953)", "year": None, "verified": False},
        "story": "54-year-old man with ulnar nerve compression from a 4 x 7 cm soft-tissue tumour of the left hypothenar area without bone "
                 "involvement (calcification not stated; work-up date approximate).",
        "birth": born(54, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "lesions": [{"site": "hand", "side": "left", "size_cm": 7, "flags": {"bone-contact": False}}],
    },
    {
        "id": "soft-tissue-chondroma-index-finger-podder-2015",
        "expected": "soft-tissue-chondroma",
        "citation": {"authors": "Podder D, Monappa V, Shetty P", "title": "Soft tissue chondroma: a rare tumor presenting as a cutaneous nodule",
                     "journal": "Our Dermatol Online 6(2):173", "year": 2015, "doi": "10.7241/ourd.20152.46", "verified": True},
        "story": "26-year-old man with a 3-year swelling of the left index finger: hard 2 x 2 cm swelling over the volar proximal phalanx, "
                 "moving with the tendons; radiograph: soft-tissue shadow.",
        "birth": born(26, "2015-01-01"), "sex": "male", "date": "2015-01-01",
        "lesions": [{"site": "finger", "side": "left", "size_cm": 2}],
    },
    {
        "id": "soft-tissue-chondroma-index-finger-older-case-rep-oncol-2017",
        "expected": "soft-tissue-chondroma",
        "citation": {"authors": NOT_RETRIEVED, "title": "Extraskeletal Chondroma of the Index Finger: A Case Report",
                     "journal": "Case Rep Oncol 10(2):479-484", "year": 2017, "pmid": "28690520", "doi": "10.1159/000477237", "verified": True},
        "story": "63-year-old patient (sex not in the abstract) with an extraskeletal chondroma of the index finger, histologically close to "
                 "a low-grade chondrosarcoma.",
        "birth": born(63, "2017-01-01"), "date": "2017-01-01",
        "lesions": [{"site": "finger"}],
    },
]

# -------------------------------------------------------------------- tumoral calcinosis of the spine: dialysis and systemic sclerosis
CASES += [
    {
        "id": "uremic-cervical-facet-peritoneal-dialysis-guo-2017",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Guo R, Kurata T, Kondo T, Imanishi T, Mizuno T, Sakakibara T, Kasai Y",
                     "title": "Tumoral calcinosis in the cervical spine: a case report and review of the literature",
                     "journal": "J Med Case Rep 11", "year": 2017, "doi": "10.1186/s13256-017-1474-1", "verified": True},
        "story": "55-year-old Japanese woman on peritoneal dialysis for about 5 years with 3 weeks of numbness, dull pain, weakness and "
                 "limited motion of the right arm and neck; CT: lobulated extraosseous calcified mass around the right C4-C5 facet joint "
                 "with calcification in the right C4-C5 and C5-C6 foramina and the anterior canal wall.",
        "birth": born(55, "2017-01-01"), "sex": "female", "date": "2017-01-01",
        "findings": {"dialysis": True, "dialysis-years": 5},
        "lesions": [{"site": "neck", "side": "right", "pattern": "lobulated-cloudlike", "flags": {"painful": True}}],
    },
    {
        "id": "uremic-shoulder-elbow-wrist-recurrent-he-2023",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "He L, Li M, Lin C, Yan K, Yang C, Tang J",
                     "title": "Multiple uremic tumoral calcinosis in periarticular soft tissues with chronic renal failure: a case report",
                     "journal": "Front Endocrinol", "year": 2023, "doi": "10.3389/fendo.2023.1249680", "verified": True},
        "story": "Patient on haemodialysis for hypertensive nephropathy with tumoral calcinosis of the right shoulder, left elbow and wrist "
                 "that recurred after excision (with a new one at the left shoulder). Age and sex are not in the stored abstract.",
        "date": "2023-01-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True, "recurrence-after-excision": True},
        "lesions": [{"site": "shoulder", "side": "right"}, {"site": "elbow", "side": "left"}, {"site": "wrist", "side": "left"}],
    },
    {
        "id": "systemic-sclerosis-cervical-epidural-calcinosis-fall-2022",
        "expected": "systemic-sclerosis",
        "expected_typing": "secondary",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Systemic sclerosis-associated compressive cervical calcinosis: intersection of degenerative spine instability, lesional spinal cord compression, and traumatic spinal cord injury. Illustrative case",
                     "journal": "J Neurosurg Case Lessons 4(15):CASE22302", "year": 2022, "pmid": "36461834", "doi": "10.3171/CASE22302", "verified": True},
        "story": "62-year-old woman with systemic sclerosis, no previous spinal cord problem, with acute cord injury and quadriparesis after a "
                 "fall: a large dorsal epidural calcified mass (tumoral calcinosis) compressing the cervical cord.",
        "birth": born(62, "2022-01-01"), "sex": "female", "date": "2022-01-01",
        "findings": {"skin-sclerosis": True},
        "lesions": [{"site": "neck", "side": "midline"}],
    },
    {
        "id": "systemic-sclerosis-paracervical-hard-tumour-contreras-2014",
        "expected": "systemic-sclerosis",
        "expected_typing": "secondary",
        "citation": {"authors": "Contreras I, Sallés M, Mínguez S, Tuneu R, Gelman SM",
                     "title": "Hard Paracervical Tumor in a Patient With Limited Systemic Sclerosis",
                     "journal": "Reumatol Clin 10(5):336-337", "year": 2014, "verified": False},
        "story": "81-year-old woman with limited systemic sclerosis (finger calcinosis, sclerodactyly, anticentromere antibodies; no Raynaud "
                 "phenomenon) with months of inflammatory neck pain and a painful, hard, 4 cm left cervical mass fixed to deep tissue; no "
                 "fever or weight loss; telangiectasias, finger calcifications some ulcerated. CT: massive calcification of the "
                 "paravertebral muscles at C3.",
        "birth": born(81, "2014-01-01"), "sex": "female", "date": "2014-01-01",
        "findings": {"skin-sclerosis": True, "scleroderma-antibodies": True, "raynaud-phenomenon": False, "fever": False, "weight-loss": False},
        "lesions": [{"site": "neck", "side": "left", "size_cm": 4, "flags": {"painful": True, "intramuscular": True}},
                    {"site": "finger", "side": "bilateral", "flags": {"skin-ulceration": True}}],
    },
    {
        "id": "systemic-sclerosis-neck-tumoral-calcinosis-cureus",
        "expected": "systemic-sclerosis",
        "expected_typing": "secondary",
        "citation": {"authors": NOT_RETRIEVED, "title": "Tumoral Calcinosis of the Neck in a Patient with Systemic Sclerosis",
                     "journal": "Cureus (article 14372)", "year": None, "verified": False},
        "story": "Patient with systemic sclerosis and symptomatic paraspinal tumoral calcinosis of the neck, treated conservatively for two "
                 "years. Age and sex are not in the stored abstract.",
        "date": "2018-01-01",
        "findings": {"skin-sclerosis": True},
        "lesions": [{"site": "neck", "flags": {"painful": True}}],
    },
    {
        "id": "systemic-sclerosis-cervical-lumbar-paraspinal-tan-2016",
        "expected": "systemic-sclerosis",
        "citation": {"authors": "Tan CK, Suresh E", "title": "Cervical and lumbar paraspinal calcinosis in systemic sclerosis",
                     "journal": "Reumatismo 68(4):203-205", "year": 2016, "verified": False},
        "story": "79-year-old Chinese woman with two years of progressive breathlessness, intermittent red discolouration of the fingers, "
                 "taut facial skin, pinched nose, microstomia, sclerodactyly and telangiectasia (limited cutaneous scleroderma), with "
                 "extensive paraspinal calcinosis of the cervical and lumbar spine.",
        "birth": born(79, "2015-02-01"), "sex": "female", "date": "2015-02-01",
        "findings": {"skin-sclerosis": True},
        "lesions": [{"site": "paravertebral", "side": "bilateral"}, {"site": "neck"}],
    },
]
